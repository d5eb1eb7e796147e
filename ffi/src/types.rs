//! The records and enums that cross the FFI, and their conversion from the core's types.
//! Core types whose shape fits are exported as they are (`uniffi::remote`), so there is
//! nothing to convert; the rest are flattened into plain records here.

pub use trustlabel_core::scanner::TrustListRefresh;
use trustlabel_core::store::OpenState;
use trustlabel_protocol as protocol;
pub use trustlabel_protocol::LookalikeWarning;
pub use trustlabel_protocol::OutcomeKind;
pub use trustlabel_protocol::TrustListStatus;

use crate::summary::{Summary, Verdict};

/// Which of the eight outcomes a scan had. Every outcome is a result to show, not an error.
/// The core's `OutcomeKind` as it is; Kotlin and Swift call it `Outcome` (`uniffi.toml`).
#[uniffi::remote(Enum)]
pub enum OutcomeKind {
    Verified,
    VerifiedStale,
    Unsigned,
    OfflineCached,
    NotOfficial,
    NotALabel,
    UnknownProduct,
    Invalid,
}

/// One kind per failed check on a signed answer (protocol sections 3 and 4); the snake_case
/// name is in `ScanResult.reason_code`. The core's enum without the versions a rollback
/// compared, so that Kotlin keeps a plain enum class (a variant with data would make it a
/// sealed class) and the apps switch on the kind; the versions are for logs, not for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CheckFailure {
    /// The body is larger than the protocol allows (256 KiB).
    TooLarge,
    /// The envelope, its header or its payload is not valid JSON of the expected shape.
    MalformedJson,
    /// A part of the envelope is not valid unpadded base64url.
    MalformedBase64,
    /// `alg` is not ES256 or EdDSA (this includes `none`).
    UnsupportedAlgorithm,
    /// The header has no `kid`.
    MissingKeyId,
    /// `typ` is not the one expected for this kind of envelope.
    WrongType,
    /// The header has a `crit` member: it asks for extensions this client does not implement.
    CriticalHeader,
    /// `kid` is not a key of the registry that matched the URL.
    UnknownKey,
    /// The key was revoked; everything it signed is invalid, cached records included.
    RevokedKey,
    /// The key exists but was not valid at the statement's `iat`.
    KeyNotValidAtIssue,
    /// The key's algorithm differs from the header's `alg`.
    AlgorithmMismatch,
    /// The signature does not verify.
    BadSignature,
    /// The payload is JSON but not a statement (missing or mistyped fields).
    MalformedStatement,
    /// `iss` is not the registry that matched the URL.
    WrongIssuer,
    /// `sub` is not the scanned URL: a valid record for another label (mix-and-match attack).
    WrongSubject,
    /// The registry logs, and this record has no valid inclusion proof in its log.
    NotLogged,
    /// Fewer of the trust list's witnesses than its threshold cosigned the log's checkpoint.
    TooFewWitnesses,
    /// The log's checkpoint does not agree with the one this device kept.
    LogInconsistent,
    /// `iat` is more than 5 minutes in the future.
    IssuedInFuture,
    /// Older than the statement already cached for the same label, or a trust list not newer
    /// than the one in use (the core's variant also carries the two versions compared).
    Rollback,
}

/// Why an untrusted host looks like a registry host.
#[uniffi::remote(Enum)]
pub enum LookalikeWarning {
    Punycode,
    MixedScripts,
    OneEditFromTrusted { trusted_host: String },
    InsecureHttp { trusted_host: String },
    UnexpectedPort { trusted_host: String },
    Userinfo,
}

/// The trust list in use: its version, and whether it has expired (it is still used, and
/// every result says so).
#[uniffi::remote(Record)]
pub struct TrustListStatus {
    pub version: u64,
    pub expired: bool,
}

/// What a trust-list refresh did; every case carries the list in use afterwards.
#[uniffi::remote(Enum)]
pub enum TrustListRefresh {
    /// A newer list was verified and is now in use.
    Updated { status: TrustListStatus },
    /// The publisher serves the list already in use.
    Unchanged { status: TrustListStatus },
    /// Asked too recently (once a day, and at every start); nothing was requested.
    NotDue { status: TrustListStatus },
    /// The configuration names no place to refresh from.
    NotConfigured { status: TrustListStatus },
}

/// For `NotOfficial`: the real host, to show in large text, and why it looks like a
/// registry's.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NotOfficialInfo {
    /// The host as in the link (punycode for international names).
    pub host: String,
    /// The host for people (Unicode).
    pub display_host: String,
    /// Why the link looks like an official registry's.
    pub warnings: Vec<LookalikeWarning>,
}

/// The verified record behind `Verified`, `VerifiedStale` and `OfflineCached`. The summary
/// says everything in words; these fields are for lists, history and exports.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecordInfo {
    /// The trust-list id of the registry that answered.
    pub registry_id: String,
    /// The registry's name, as the trust list gives it.
    pub registry_name: String,
    /// Key id of the signature; empty when the registry does not sign.
    pub kid: String,
    /// Algorithm of the signature (`ES256`, `EdDSA`); empty when the registry does not sign.
    pub alg: String,
    /// The registry's statement is out of date (`exp` passed).
    pub expired: bool,
    /// Unix seconds: when the statement was signed.
    pub issued_at: i64,
    /// Unix seconds: when the statement expires.
    pub expires_at: i64,
    /// Unix seconds: when it was fetched from the registry.
    pub fetched_at: i64,
    /// Unix seconds: when the registry last confirmed it (200 or 304).
    pub checked_at: i64,
    /// CTA-2120 `product_name`: the product's name as sold.
    pub product_name: Option<String>,
    /// CTA-2120 `product_model`: the model number.
    pub product_model: Option<String>,
    /// CTA-2120 `manufacturer_name`: who makes it.
    pub manufacturer_name: Option<String>,
    /// `active`, `suspended`, `withdrawn`, `expired` or `not_given`.
    pub authorization: String,
    /// Support ended early: the registry says the product is unsupported.
    pub unsupported: bool,
    /// `support_date` as the record gives it (`YYYY-MM-DD` when well formed).
    pub support_date: Option<String>,
    /// The whole signed statement (CTA-2120 record inside) as JSON.
    pub statement_json: String,
}

/// How the offline cache was opened.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum StoreState {
    /// Opened as it was.
    Opened,
    /// It would not open; it was moved to `moved_to` and a new one created (saved labels are
    /// gone; tell the user once).
    Recreated {
        /// Where the damaged cache now is.
        moved_to: String,
        /// Why it would not open.
        error: String,
    },
    /// Another process (or another open Scanner) holds it: this session uses a temporary
    /// cache that is discarded when closed.
    Temporary {
        /// Why the cache could not be taken.
        error: String,
    },
}

impl From<&OpenState> for StoreState {
    fn from(state: &OpenState) -> Self {
        match state {
            OpenState::Opened => StoreState::Opened,
            OpenState::Recreated { moved_to, error } => StoreState::Recreated {
                moved_to: moved_to.display().to_string(),
                error: error.clone(),
            },
            OpenState::Temporary { error } => StoreState::Temporary {
                error: error.clone(),
            },
        }
    }
}

/// What one scan found. `outcome` says which case it is; the optional fields belong to
/// particular outcomes, and `summary` says it all in words (verdict first, then facts).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ScanResult {
    /// The QR text exactly as scanned.
    pub text: String,
    /// The normalised link, when the text is one.
    pub url: Option<String>,
    /// Which case this is: verified, out of date, from the cache, not official, invalid, ...
    pub outcome: OutcomeKind,
    /// The outcome's stable snake_case name (`verified`, `not_official`, ...), as in the CLI's
    /// JSON.
    pub outcome_code: String,
    /// `Invalid` only: which check failed.
    pub reason: Option<CheckFailure>,
    /// `Invalid` only: its snake_case name (`bad_signature`, ...).
    pub reason_code: Option<String>,
    /// The registry the link belongs to (every outcome but `NotOfficial` and `NotALabel`).
    pub registry_id: Option<String>,
    /// `NotOfficial` only.
    pub not_official: Option<NotOfficialInfo>,
    /// `Verified`, `VerifiedStale` and `OfflineCached` only.
    pub record: Option<RecordInfo>,
    /// `OfflineCached` only: why the registry was not asked.
    pub offline_reason: Option<OfflineReason>,
    /// Which trust list the scan used, and whether it is out of date.
    pub trust_list: TrustListStatus,
    /// Unix seconds.
    pub scanned_at: i64,
    /// The summary's links may be offered to open: only for a record a registry signed (not
    /// for `Unsigned`, nor for `OfflineCached` holding an unsigned record).
    pub links_allowed: bool,
    /// Everything above in words, in the Scanner's locale: verdict first, then the facts.
    pub summary: Summary,
}

impl ScanResult {
    /// Flattens the core's result; `summary` is the core's summary of that same result.
    pub(crate) fn new(result: protocol::ScanResult, summary: Summary) -> Self {
        let outcome = result.outcome.kind();
        let outcome_code = result.outcome.code().to_owned();
        let links_allowed = result.outcome.links_allowed();
        let mut out = ScanResult {
            text: result.text,
            url: result.url,
            outcome,
            outcome_code,
            reason: None,
            reason_code: None,
            registry_id: None,
            not_official: None,
            record: None,
            offline_reason: None,
            trust_list: result.trust_list,
            scanned_at: result.scanned_at,
            links_allowed,
            summary,
        };
        match result.outcome {
            protocol::Outcome::Verified { record }
            | protocol::Outcome::VerifiedStale { record }
            | protocol::Outcome::Unsigned { record } => out.set_record(record),
            protocol::Outcome::OfflineCached { record, why } => {
                out.offline_reason = Some(why.into());
                out.set_record(record);
            }
            protocol::Outcome::NotOfficial {
                host,
                display_host,
                warnings,
            } => {
                out.not_official = Some(NotOfficialInfo {
                    host,
                    display_host,
                    warnings,
                });
            }
            protocol::Outcome::NotALabel => {}
            protocol::Outcome::UnknownProduct { registry_id } => {
                out.registry_id = Some(registry_id);
            }
            protocol::Outcome::Invalid {
                reason,
                registry_id,
            } => {
                out.reason = Some(reason.into());
                out.reason_code = Some(reason.code().to_owned());
                out.registry_id = Some(registry_id);
            }
        }
        out
    }

    fn set_record(&mut self, record: protocol::RecordView) {
        let statement = record.statement();
        self.registry_id = Some(record.registry_id().to_owned());
        self.record = Some(RecordInfo {
            registry_id: record.registry_id().to_owned(),
            registry_name: record.registry_name().to_owned(),
            kid: record.kid().to_owned(),
            alg: record
                .alg()
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default(),
            expired: record.expired(),
            issued_at: statement.iat,
            expires_at: statement.exp,
            fetched_at: record.fetched_at(),
            checked_at: record.checked_at(),
            product_name: statement.record.product_name.clone(),
            product_model: statement.record.product_model.clone(),
            manufacturer_name: statement.record.manufacturer_name.clone(),
            authorization: statement.authorization().as_str().to_owned(),
            unsupported: statement.is_unsupported(),
            support_date: statement.record.support_date.clone(),
            statement_json: serde_json::to_string(statement).unwrap_or_default(),
        });
    }
}

/// Why a record came from the offline cache rather than the registry.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum OfflineReason {
    /// The scanner was opened offline, or `scan_text_offline` was called.
    OfflineMode,
    /// The registry was asked but gave no usable answer (`detail` says what happened).
    Unreachable { detail: String },
}

impl From<protocol::OfflineReason> for OfflineReason {
    fn from(reason: protocol::OfflineReason) -> Self {
        match reason {
            protocol::OfflineReason::OfflineMode => OfflineReason::OfflineMode,
            protocol::OfflineReason::Unreachable { detail } => {
                OfflineReason::Unreachable { detail }
            }
        }
    }
}

/// One entry of the scan history.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HistoryItem {
    /// The normalised label link.
    pub url: String,
    /// The outcome's snake_case name when it was scanned.
    pub outcome_code: String,
    pub product_name: Option<String>,
    pub manufacturer_name: Option<String>,
    /// What kind of result it was, in the scanner's language, with the verdict's tone then.
    pub headline: Verdict,
    /// Unix seconds.
    pub scanned_at: i64,
}

impl HistoryItem {
    pub(crate) fn new(entry: trustlabel_core::history::HistoryEntry, locale: &str) -> Self {
        HistoryItem {
            headline: trustlabel_words::history_headline(&entry, locale),
            url: entry.url,
            outcome_code: entry.outcome.code().to_owned(),
            product_name: entry.product_name,
            manufacturer_name: entry.manufacturer_name,
            scanned_at: entry.scanned_at,
        }
    }
}

impl From<protocol::CheckFailure> for CheckFailure {
    fn from(failure: protocol::CheckFailure) -> Self {
        use protocol::CheckFailure as Core;
        match failure {
            Core::TooLarge => CheckFailure::TooLarge,
            Core::MalformedJson => CheckFailure::MalformedJson,
            Core::MalformedBase64 => CheckFailure::MalformedBase64,
            Core::UnsupportedAlgorithm => CheckFailure::UnsupportedAlgorithm,
            Core::MissingKeyId => CheckFailure::MissingKeyId,
            Core::WrongType => CheckFailure::WrongType,
            Core::CriticalHeader => CheckFailure::CriticalHeader,
            Core::UnknownKey => CheckFailure::UnknownKey,
            Core::RevokedKey => CheckFailure::RevokedKey,
            Core::KeyNotValidAtIssue => CheckFailure::KeyNotValidAtIssue,
            Core::AlgorithmMismatch => CheckFailure::AlgorithmMismatch,
            Core::BadSignature => CheckFailure::BadSignature,
            Core::MalformedStatement => CheckFailure::MalformedStatement,
            Core::WrongIssuer => CheckFailure::WrongIssuer,
            Core::WrongSubject => CheckFailure::WrongSubject,
            Core::NotLogged => CheckFailure::NotLogged,
            Core::TooFewWitnesses => CheckFailure::TooFewWitnesses,
            Core::LogInconsistent => CheckFailure::LogInconsistent,
            Core::IssuedInFuture => CheckFailure::IssuedInFuture,
            Core::Rollback(_) => CheckFailure::Rollback,
        }
    }
}
