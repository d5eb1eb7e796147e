//! What a scan found, in the protocol's words: the types every layer above the pipeline
//! steps shares (summary words, the scanner facade, history, the session). They live below
//! the scanner so that the words and the features can name a result without depending on
//! the code that produces it.

use serde::{Deserialize, Serialize};

use crate::check::CheckFailure;
use crate::jws::Algorithm;
use crate::link::LookalikeWarning;
use crate::record::Statement;
use crate::verify::{UnsignedStatement, VerifiedStatement};

/// A record that passed the protocol's checks, with where it came from: a proof type. Only
/// [`RecordView::verified`] and [`RecordView::unsigned`] make one, from the proof of those
/// checks, so holding a `RecordView` means holding a checked record; its parts are read
/// through accessors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordView {
    statement: Statement,
    registry_id: String,
    registry_name: String,
    kid: String,
    alg: Option<Algorithm>,
    expired: bool,
    fetched_at: i64,
    checked_at: i64,
}

impl RecordView {
    /// A signed record that passed its checks, fetched at `fetched_at` and last confirmed
    /// by the registry at `checked_at` (Unix seconds).
    pub fn verified(verified: VerifiedStatement, fetched_at: i64, checked_at: i64) -> Self {
        RecordView {
            registry_id: verified.registry_id().to_owned(),
            registry_name: verified.registry_name().to_owned(),
            kid: verified.kid().to_owned(),
            alg: Some(verified.alg()),
            expired: verified.expired(),
            statement: verified.into_statement(),
            fetched_at,
            checked_at,
        }
    }

    /// A plain record from a registry that does not sign (protocol 4b): no key, never
    /// expires, never shown as verified.
    pub fn unsigned(unsigned: UnsignedStatement, fetched_at: i64, checked_at: i64) -> Self {
        RecordView {
            registry_id: unsigned.registry_id().to_owned(),
            registry_name: unsigned.registry_name().to_owned(),
            kid: String::new(),
            alg: None,
            expired: false,
            statement: unsigned.into_statement(),
            fetched_at,
            checked_at,
        }
    }

    /// Any record view, for tests that need one no check would give (made-up registries,
    /// times, a stale or unsigned copy of a fixture). Not part of the API: it exists only
    /// with the `test-support` feature, which only the workspace's dev-dependencies enable.
    #[cfg(feature = "test-support")]
    #[doc(hidden)]
    #[allow(
        clippy::too_many_arguments,
        reason = "one argument per field, like the struct literal it replaces in tests"
    )]
    pub fn for_tests(
        statement: Statement,
        registry_id: &str,
        registry_name: &str,
        kid: &str,
        alg: Option<Algorithm>,
        expired: bool,
        fetched_at: i64,
        checked_at: i64,
    ) -> Self {
        RecordView {
            statement,
            registry_id: registry_id.to_owned(),
            registry_name: registry_name.to_owned(),
            kid: kid.to_owned(),
            alg,
            expired,
            fetched_at,
            checked_at,
        }
    }

    /// The registry confirmed this copy (a 304 for its ETag) at `checked_at`, Unix seconds:
    /// the record is the same one that was checked, only its last confirmation moves.
    pub fn confirm(&mut self, checked_at: i64) {
        self.checked_at = checked_at;
    }

    /// The signed statement (the CTA-2120 record inside).
    pub fn statement(&self) -> &Statement {
        &self.statement
    }

    /// The trust-list id of the registry that answered.
    pub fn registry_id(&self) -> &str {
        &self.registry_id
    }

    /// The registry's name, as the trust list gives it.
    pub fn registry_name(&self) -> &str {
        &self.registry_name
    }

    /// The signing key; empty for a registry that does not sign.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// `None`: the registry does not sign (`"integrity": "https_only"`); the record came from
    /// its site over HTTPS and is never shown as verified.
    pub fn alg(&self) -> Option<Algorithm> {
        self.alg
    }

    /// `exp` has passed: shown, marked "out of date, checked on <checked_at>".
    pub fn expired(&self) -> bool {
        self.expired
    }

    /// Unix seconds the envelope was fetched.
    pub fn fetched_at(&self) -> i64 {
        self.fetched_at
    }

    /// Unix seconds the registry last confirmed it.
    pub fn checked_at(&self) -> i64 {
        self.checked_at
    }
}

/// What happened, in the protocol's words. The `outcome` names are a public contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Checked with the registry just now.
    Verified {
        /// The record, checked.
        record: RecordView,
    },
    /// Checked with the registry, but the registry's statement has expired (`exp`).
    VerifiedStale {
        /// The record, checked.
        record: RecordView,
    },
    /// From a registry that does not sign (protocol 4b): read from its site over HTTPS and
    /// bound to this label, but not verified. Shown as "from the registry's site, not signed".
    Unsigned {
        /// The record, checked as far as it can be without a signature.
        record: RecordView,
    },
    /// The registry could not be asked; this is the record verified from the offline cache.
    OfflineCached {
        /// The record from the cache, checked again as it was read.
        record: RecordView,
        /// Why the registry was not asked.
        why: OfflineReason,
    },
    /// A web link, but not to an official registry. Open nothing; show the real host.
    NotOfficial {
        /// The host as in the link (punycode for international names).
        host: String,
        /// The host for people (Unicode).
        display_host: String,
        /// Why the link looks like an official registry's.
        warnings: Vec<LookalikeWarning>,
    },
    /// Not a web link at all.
    NotALabel,
    /// The registry has no record for this label.
    UnknownProduct {
        /// The registry the link belongs to.
        registry_id: String,
    },
    /// The registry's answer failed a check; nothing from it is shown as registry data.
    Invalid {
        /// The check that failed.
        reason: CheckFailure,
        /// The registry the link belongs to.
        registry_id: String,
    },
}

impl Outcome {
    /// Which case this is, without its data: what history keeps and the words match on.
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Verified { .. } => OutcomeKind::Verified,
            Outcome::VerifiedStale { .. } => OutcomeKind::VerifiedStale,
            Outcome::Unsigned { .. } => OutcomeKind::Unsigned,
            Outcome::OfflineCached { .. } => OutcomeKind::OfflineCached,
            Outcome::NotOfficial { .. } => OutcomeKind::NotOfficial,
            Outcome::NotALabel => OutcomeKind::NotALabel,
            Outcome::UnknownProduct { .. } => OutcomeKind::UnknownProduct,
            Outcome::Invalid { .. } => OutcomeKind::Invalid,
        }
    }

    /// The snake_case name, as in `--json`.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// Whether the record's links (the maker's pages, contacts) may be offered to open: only
    /// for a record a registry signed. A record from a registry that does not sign is shown,
    /// marked as not verified, but its links are not offered, wherever it came from (fresh
    /// or from the offline cache).
    pub fn links_allowed(&self) -> bool {
        self.record().is_some_and(|r| r.alg.is_some())
    }

    /// The verified record, for the outcomes that have one.
    pub fn record(&self) -> Option<&RecordView> {
        match self {
            Outcome::Verified { record }
            | Outcome::VerifiedStale { record }
            | Outcome::Unsigned { record }
            | Outcome::OfflineCached { record, .. } => Some(record),
            _ => None,
        }
    }
}

/// The case of an [`Outcome`] without its data. Its names are the `outcome` names of
/// [`Outcome`] (the same public contract), and history stored by earlier versions holds them
/// as plain strings, so they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// Checked with the registry just now.
    Verified,
    /// Checked with the registry, but the statement has expired.
    VerifiedStale,
    /// From a registry that does not sign: read over HTTPS, not verified.
    Unsigned,
    /// From the offline cache, the registry not asked.
    OfflineCached,
    /// A web link, but not to an official registry.
    NotOfficial,
    /// Not a web link at all.
    NotALabel,
    /// The registry has no record for this label.
    UnknownProduct,
    /// The registry's answer failed a check.
    Invalid,
}

impl OutcomeKind {
    /// Every kind, in the order [`Outcome`] declares them.
    pub const ALL: [OutcomeKind; 8] = [
        OutcomeKind::Verified,
        OutcomeKind::VerifiedStale,
        OutcomeKind::Unsigned,
        OutcomeKind::OfflineCached,
        OutcomeKind::NotOfficial,
        OutcomeKind::NotALabel,
        OutcomeKind::UnknownProduct,
        OutcomeKind::Invalid,
    ];

    /// The snake_case name, as in `--json`.
    pub fn code(&self) -> &'static str {
        match self {
            OutcomeKind::Verified => "verified",
            OutcomeKind::VerifiedStale => "verified_stale",
            OutcomeKind::Unsigned => "unsigned",
            OutcomeKind::OfflineCached => "offline_cached",
            OutcomeKind::NotOfficial => "not_official",
            OutcomeKind::NotALabel => "not_a_label",
            OutcomeKind::UnknownProduct => "unknown_product",
            OutcomeKind::Invalid => "invalid",
        }
    }
}

/// Why a record came from the offline cache rather than the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OfflineReason {
    /// The scanner was asked not to use the network.
    OfflineMode,
    /// The registry was asked but gave no usable answer.
    Unreachable {
        /// What went wrong, in English, for logs.
        detail: String,
    },
}

impl OfflineReason {
    /// The snake_case name, as in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            OfflineReason::OfflineMode => "offline_mode",
            OfflineReason::Unreachable { .. } => "unreachable",
        }
    }
}

/// The trust list in use, reported with every result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustListStatus {
    /// The list's version (it only goes up).
    pub version: u64,
    /// The list's `exp` has passed: it is still used, and every result says so.
    pub expired: bool,
}

/// What one scan found: the QR text, the outcome and the trust list it was checked against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanResult {
    /// The QR text exactly as scanned.
    pub text: String,
    /// The normalised link, when the text is one.
    pub url: Option<String>,
    /// Which case it is, with its data (flattened into the JSON: `outcome`, `record`, ...).
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The trust list the scan was checked against.
    pub trust_list: TrustListStatus,
    /// Unix seconds.
    pub scanned_at: i64,
}

/// Why a scan produced no outcome, without the I/O error behind it: what the words say
/// about a failure and what the apps and scripts branch on. The scanner's error says which
/// one it is (`ScanError::kind` in trustlabel-core).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanErrorKind {
    /// The registry could not be reached and the label is not saved for offline use.
    Unreachable,
    /// Offline, and the label is not saved for offline use.
    NotCached,
    /// The offline cache could not be read or written.
    Storage,
    /// The frame or photo could not be read.
    Decode,
    /// The trust list was refused: its envelope failed this check.
    TrustList(CheckFailure),
    /// The trust list is signed, but cannot be used as written (a fault of its author).
    TrustListFault,
    /// The HTTP client could not be set up.
    Network,
}

impl ScanErrorKind {
    /// The snake_case name a summary gives as its `outcome`: both trust-list cases are
    /// `trust_list`.
    pub fn code(&self) -> &'static str {
        match self {
            ScanErrorKind::Unreachable => "unreachable",
            ScanErrorKind::NotCached => "not_cached",
            ScanErrorKind::Storage => "storage",
            ScanErrorKind::Decode => "decode",
            ScanErrorKind::TrustList(_) | ScanErrorKind::TrustListFault => "trust_list",
            ScanErrorKind::Network => "network",
        }
    }
}

/// How a fact or a verdict should feel. Always carried by words too, never only by colour.
/// Here rather than in `summary` because history keeps it without wording anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Good news: the label is what it claims, or the fact is reassuring.
    Good,
    /// Neither good nor bad: a plain fact.
    Neutral,
    /// Not known: the record does not say, or it could not be checked.
    Unknown,
    /// Worth a second look before buying.
    Caution,
    /// Bad news: do not rely on the label.
    Bad,
}

impl Tone {
    /// Every tone, best first.
    pub const ALL: [Tone; 5] = [
        Tone::Good,
        Tone::Neutral,
        Tone::Unknown,
        Tone::Caution,
        Tone::Bad,
    ];

    /// The snake_case name, as in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Neutral => "neutral",
            Tone::Unknown => "unknown",
            Tone::Caution => "caution",
            Tone::Bad => "bad",
        }
    }
}
