//! trustlabel-protocol: the Cyber Trust Mark registry protocol with no I/O. From a label's
//! link and a registry's signed bytes to a checked record and the outcome a scan ends in.
//! No socket, file, thread or camera here (no tokio, reqwest, sled or decoder among the
//! dependencies), so the compiler keeps the layering: `trustlabel-core` fetches, stores and
//! decodes, and calls these functions on the bytes it got.
//!
//! The pieces, in the order a scan meets them:
//! - the link: [`incoming_link`] normalises QR text into a [`LabelLink`];
//!   [`lookalike_warnings`] says why a host that is not a registry's looks like one;
//! - the trust list: [`TrustList`] (signed by a pinned [`TrustAnchor`]) names the
//!   [`Registry`]s, their URL prefixes and keys;
//! - the envelope: [`ParsedEnvelope`] is a flattened JWS, ES256 or EdDSA with `ring`;
//! - the record: [`Statement`] carries the CTA-2120 [`Record`] and the registry's status;
//! - verification: [`verify_record`] and [`verify_cached_record`] run the checks in the
//!   protocol's order, one [`CheckFailure`] per failed check; their results
//!   ([`VerifiedStatement`], [`UnsignedStatement`]) are proofs that the checks ran;
//! - the outcome: [`ScanResult`] holds an [`Outcome`], whose records are [`RecordView`]s, made
//!   only from those proofs;
//! - rules shared by the words and the features: [`SupportEnd`] (the one end-of-support
//!   rule) and [`checked_link`] / [`Untrusted`] for registry text shown to people.
//!
//! Modules are private: this list is the API, one path to each type.

#![forbid(unsafe_code)]

mod check;
mod jws;
mod link;
mod logproof;
mod outcome;
mod record;
mod support;
mod trust;
mod untrusted;
mod verify;

// Check failures: one kind per failed check, a public contract by name.
pub use crate::check::{CheckFailure, RollbackVersions};

// The envelope: flattened JWS, its algorithms and keys.
pub use crate::jws::{
    b64url, Algorithm, Header, ParsedEnvelope, PublicKey, MAX_ENVELOPE_BYTES, RECORD_TYPE,
    TRUST_LIST_TYPE,
};
#[cfg(any(test, feature = "signing"))]
pub use crate::jws::{KeyRejected, SigningKey};

// The transparency log's proof that travels with a record.
pub use crate::logproof::{log_proof_json, parse_log_proof, LogProofError, MAX_INCLUSION_HASHES};

// The label's link.
pub use crate::link::{
    headline_host, incoming_link, is_loopback_host, lookalike_warnings, LabelLink, LinkError,
    LookalikeWarning, LABEL_PATH_PREFIX, MAX_LINK_CHARS,
};

// The trust list.
pub use crate::trust::{
    Integrity, KeyEntry, KeyStatus, KeyUse, LogEntry, Registry, RegistryEntry, RegistryKey,
    RegistryLog, RegistryMatch, TrustAnchor, TrustList, TrustListError, TrustListFault,
    TrustListStatement, UsableKey, MAX_FUTURE_SKEW_SECS,
};

// The signed statement and the CTA-2120 record inside it.
pub use crate::record::{
    AccessControl, AccessOption, AuthorizationState, AuthorizationStatus, DateField, Declaration,
    Disclosure, Disclosures, Link, Party, PasswordType, Record, SbomHbom,
    SecurityUpdateInformation, Sensing, SensorData, Statement, SupportStatus, UpdateMethod,
};

// Verification, and its proofs.
pub use crate::verify::{
    check_cached_log_head, check_log_head, check_unsigned_record, verify_cached_record,
    verify_cached_record_with, verify_record, verify_record_with, CheckpointCache, LogHeadCheck,
    UnsignedStatement, VerifiedStatement,
};

// What a scan ends in.
pub use crate::outcome::{
    OfflineReason, Outcome, OutcomeKind, RecordView, ScanErrorKind, ScanResult, Tone,
    TrustListStatus,
};

// The end-of-support rule.
pub use crate::support::{SupportEnd, SupportPhase, SUPPORT_ENDS_SOON_MONTHS};

// Registry text shown to people: terminal-safe rendering and the one rule for links.
pub use crate::untrusted::{
    checked_link, json_for_terminal, replace_steering, steers, styled_for_terminal, LinkKind,
    LinkRefusal, Untrusted, REPLACEMENT,
};
