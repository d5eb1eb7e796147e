//! The one error type the apps see, mapped from the core's errors in one place, and the
//! guard that turns a panic inside the core into an error instead of a crash.
//!
//! Scan outcomes (`NotALabel`, `NotOfficial`, `UnknownProduct`, `Invalid`, ...) are results,
//! not errors: the app shows them. An error means there is nothing to show about the label.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;
use trustlabel_core::audit::AuditError;
use trustlabel_core::compare::CompareError;
use trustlabel_core::pack::{self, PackError};
use trustlabel_core::scanner::ScanError;
use trustlabel_core::watchlist::WatchError;
use trustlabel_words::{summarize_error, Summary};

use crate::types::CheckFailure;

/// What went wrong, in terms an app can act on. Kotlin: `TrustLabelException.Offline` etc.;
/// Swift: `TrustLabelError.Offline(url:detail:summary:)`. The errors a scan can end with carry
/// a `summary` in the Scanner's locale (verdict + one fact), to show like any result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum TrustLabelError {
    /// The registry could not be reached and this label is not saved for offline use. Ask the
    /// user to try again with a connection.
    #[error("could not reach the registry ({detail}) and this label is not saved for offline use")]
    Offline {
        /// The normalised label link.
        url: String,
        /// What went wrong, in English, for logs.
        detail: String,
        /// The error worded for people, in the Scanner's locale.
        summary: Summary,
    },
    /// Offline mode (or `scan_text_offline`) and this label is not saved for offline use.
    #[error("this label is not saved for offline use")]
    NotCached {
        /// The normalised label link.
        url: String,
        /// The error worded for people, in the Scanner's locale.
        summary: Summary,
    },
    /// The frame or photo could not be read (wrong size, not PNG/JPEG/WebP, corrupt). A photo
    /// without a QR code is not an error: the scan returns no result.
    #[error("could not read the image: {detail}")]
    InvalidImage {
        /// What went wrong, in English, for logs.
        detail: String,
        /// The error worded for people, in the Scanner's locale.
        summary: Summary,
    },
    /// The offline cache could not be read or written.
    #[error("{detail}")]
    Storage {
        /// What went wrong, in English, for logs.
        detail: String,
        /// The error worded for people, in the Scanner's locale.
        summary: Summary,
    },
    /// The trust list was refused (bad signature, older than the one in use, ...).
    #[error("the trust list was refused: {reason:?}")]
    TrustList {
        /// The check the trust list failed.
        reason: CheckFailure,
        /// The error worded for people, in the Scanner's locale.
        summary: Summary,
    },
    /// The trust list is signed but cannot be used as written, a fault of whoever wrote it:
    /// `code` names the kind (`bad_key_date`, `bad_public_key`, `duplicate_registry`,
    /// `shared_prefix`, `malformed_key`, `malformed_registry`, `malformed_trust_list`,
    /// `bad_record_url_template`, `malformed_log`); `detail` says where (registry, key, field, value).
    #[error("the trust list cannot be used as written: {detail}")]
    TrustListFault {
        /// The fault's snake_case name (listed above).
        code: String,
        /// Where the fault is: registry, key, field and value.
        detail: String,
        /// The error worded for people, in the Scanner's locale.
        summary: Summary,
    },
    /// A staff-feature request that cannot be done as asked: `code` says which
    /// (`audit_exists`, `audit_not_found`, `audit_closed`, `audit_bad_name`,
    /// `pack_truncated`, `pack_too_large`, `pack_malformed`, `pack_unsupported_version`,
    /// `no_record`, `too_few`); `text` is the sentence to show, in the Scanner's locale
    /// (not `message`: Kotlin exceptions already have one).
    #[error("{detail}")]
    Refused {
        /// Which refusal (listed above).
        code: String,
        /// What went wrong, in English, for logs.
        detail: String,
        /// The sentence to show, in the Scanner's locale.
        text: String,
    },
    /// The configuration is not usable (e.g. `registry_origin` is not a URL).
    #[error("invalid configuration: {detail}")]
    InvalidConfig {
        /// What is wrong with the configuration.
        detail: String,
    },
    /// A bug: the core failed unexpectedly (a panic is caught and reported here).
    #[error("internal error: {detail}")]
    Internal {
        /// What failed, for a bug report.
        detail: String,
    },
}

impl TrustLabelError {
    /// THE mapping from the core's errors (`ScanError`, which wraps the store's and the
    /// decoder's). `locale` words the summary.
    pub(crate) fn from_core(error: ScanError, locale: &str) -> Self {
        let summary = summarize_error(&error, locale);
        let detail = error.to_string();
        match error {
            ScanError::Unreachable { url, detail } => TrustLabelError::Offline {
                url,
                detail,
                summary,
            },
            ScanError::NotCached { url } => TrustLabelError::NotCached { url, summary },
            ScanError::Storage(_) => TrustLabelError::Storage { detail, summary },
            ScanError::Decode(e) => TrustLabelError::InvalidImage {
                detail: e.to_string(),
                summary,
            },
            ScanError::TrustList(reason) => TrustLabelError::TrustList {
                reason: reason.into(),
                summary,
            },
            ScanError::TrustListFault(fault) => TrustLabelError::TrustListFault {
                code: fault.code().to_owned(),
                detail: fault.to_string(),
                summary,
            },
            // Only when the HTTP client cannot be built at all: a bug, not a user's problem.
            ScanError::Network(_) => TrustLabelError::Internal { detail },
        }
    }

    /// A shelf audit that cannot be done as asked; the store's failures are scan errors.
    pub(crate) fn from_audit(error: AuditError, locale: &str) -> Self {
        let code = match error {
            AuditError::Storage(e) => return Self::from_core(ScanError::Storage(e), locale),
            AuditError::BadName => "audit_bad_name",
            AuditError::Exists(_) => "audit_exists",
            AuditError::NotFound(_) => "audit_not_found",
            AuditError::Closed(_) => "audit_closed",
        };
        Self::refused_in_english(code, error)
    }

    /// A pack that cannot be imported or exported, worded in `locale`.
    pub(crate) fn from_pack(error: PackError, locale: &str) -> Self {
        let text = pack::error_words(&error, locale).text;
        match error {
            PackError::Storage(e) => Self::from_core(ScanError::Storage(e), locale),
            other => TrustLabelError::Refused {
                code: other.code().to_owned(),
                detail: other.to_string(),
                text,
            },
        }
    }

    /// A watch-list request that cannot be done; scans and the store fail as scan errors.
    pub(crate) fn from_watch(error: WatchError, locale: &str) -> Self {
        match error {
            WatchError::Scan(e) => Self::from_core(e, locale),
            WatchError::Storage(e) => Self::from_core(ScanError::Storage(e), locale),
            other @ WatchError::NoRecord { .. } => Self::refused_in_english("no_record", other),
        }
    }

    /// A comparison that cannot be made (fewer than two labels).
    pub(crate) fn from_compare(error: CompareError) -> Self {
        match error {
            CompareError::TooFew => Self::refused_in_english("too_few", error),
        }
    }

    /// A refusal whose words exist only in English so far: the error's message is shown.
    fn refused_in_english(code: &str, error: impl std::fmt::Display) -> Self {
        let detail = error.to_string();
        TrustLabelError::Refused {
            code: code.to_owned(),
            text: detail.clone(),
            detail,
        }
    }
}

/// Runs `f`, turning a panic into [`TrustLabelError::Internal`].
///
/// uniffi 0.32 already catches panics at the boundary (`rust_call` for sync calls, the
/// `RustFuture` poll for async ones), but reports them as its own internal error (Kotlin
/// `InternalException`, Swift `UniffiInternalError.rustPanic`), outside this type. Catching
/// them here first gives apps one error type to handle; uniffi's catch stays as the backstop.
pub(crate) fn guard<T>(
    f: impl FnOnce() -> Result<T, TrustLabelError>,
) -> Result<T, TrustLabelError> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| Err(panicked(payload)))
}

/// [`guard`] for futures: a panic while polling becomes [`TrustLabelError::Internal`].
pub(crate) async fn guard_async<T>(
    future: impl Future<Output = Result<T, TrustLabelError>>,
) -> Result<T, TrustLabelError> {
    AssertUnwindSafe(future)
        .catch_unwind()
        .await
        .unwrap_or_else(|payload| Err(panicked(payload)))
}

fn panicked(payload: Box<dyn Any + Send>) -> TrustLabelError {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    TrustLabelError::Internal {
        detail: format!("the core panicked: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trustlabel_protocol::TrustListFault;
    use trustlabel_words::SummaryOutcome;

    #[test]
    fn a_panic_becomes_internal() {
        let result: Result<(), _> = guard(|| panic!("boom"));
        assert_eq!(
            result,
            Err(TrustLabelError::Internal {
                detail: "the core panicked: boom".into()
            })
        );
        let result: Result<(), _> = guard(|| panic!("{}", String::from("formatted")));
        assert!(
            matches!(result, Err(TrustLabelError::Internal { detail }) if detail.ends_with("formatted"))
        );
    }

    #[test]
    fn a_panic_while_polling_becomes_internal() {
        let future = async {
            tokio::task::yield_now().await;
            if true {
                panic!("in a future");
            }
            Ok(())
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let result = runtime.block_on(guard_async(future));
        assert!(
            matches!(result, Err(TrustLabelError::Internal { detail }) if detail.contains("in a future"))
        );
    }

    #[test]
    fn errors_map_one_to_one() {
        let e = TrustLabelError::from_core(ScanError::NotCached { url: "u".into() }, "en-US");
        assert!(matches!(&e, TrustLabelError::NotCached { url, summary }
            if url == "u" && summary.outcome == SummaryOutcome::NotCached && !summary.verdict.text.is_empty()));
        let rollback = trustlabel_protocol::CheckFailure::Rollback(
            trustlabel_protocol::RollbackVersions::TrustList {
                offered: 1,
                held: 2,
            },
        );
        let e = TrustLabelError::from_core(ScanError::TrustList(rollback), "es-US");
        assert!(
            matches!(&e, TrustLabelError::TrustList { reason: CheckFailure::Rollback, summary }
            if summary.locale == "es-US")
        );
        let fault = TrustListFault::BadKeyDate {
            registry_id: "demo".into(),
            kid: "k1".into(),
            field: "not_before".into(),
            value: "5".into(),
        };
        let e = TrustLabelError::from_core(ScanError::TrustListFault(fault), "en-US");
        assert!(
            matches!(&e, TrustLabelError::TrustListFault { code, detail, summary }
            if code == "bad_key_date" && detail.contains("key k1 of registry demo: not_before")
                && summary.outcome == SummaryOutcome::TrustList)
        );
        let unreachable = ScanError::Unreachable {
            url: "u".into(),
            detail: "could not connect".into(),
        };
        let e = TrustLabelError::from_core(unreachable, "en-US");
        assert!(
            matches!(e, TrustLabelError::Offline { detail, .. } if detail == "could not connect")
        );
    }
}
