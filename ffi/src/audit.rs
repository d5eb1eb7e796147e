//! Shelf audits across the FFI: conversion only, every rule is the core's
//! (`trustlabel_core::audit`).

use std::sync::Arc;

use trustlabel_core::audit as core;

use crate::error::{guard, guard_async, TrustLabelError};
use crate::scanner::Scanner;
use crate::session::{ScanMode, ScanSession, SessionConfig, SessionListener};
use trustlabel_core::session::ScanObserver;

pub use trustlabel_core::audit::AuditBucket;

/// The audit's buckets in precedence order: when several apply, the first wins.
#[uniffi::remote(Enum)]
pub enum AuditBucket {
    Invalid,
    NotOfficial,
    NotALabel,
    UnknownProduct,
    NotChecked,
    AuthorizationWithdrawn,
    SupportEnded,
    SupportEndsSoon,
    Ok,
}

/// How many distinct labels are in one bucket; `title` in the Scanner's locale.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BucketCount {
    /// The bucket.
    pub bucket: AuditBucket,
    /// How many distinct labels it holds.
    pub count: u32,
    /// The bucket's name, in the Scanner's locale.
    pub title: String,
}

/// One line of the list of audits.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditInfo {
    /// The name the staff gave it, unique among audits.
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds of the last scan added.
    pub updated_at: i64,
    /// True once closed: kept, but takes no more scans.
    pub closed: bool,
    /// How many labels are in each bucket, buckets in their fixed order.
    pub counts: Vec<BucketCount>,
}

/// One distinct label of an audit. `title`/`spoken`: what its row shows and says.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditEntry {
    /// The normalised label link; for codes that are not links, the text as scanned.
    pub url: String,
    /// CTA-2120 `product_name`, when the record gives it.
    pub product_name: Option<String>,
    /// CTA-2120 `product_model`, when the record gives it.
    pub model: Option<String>,
    /// The maker (`manufacturer_name`, else `product_manufacturer`).
    pub maker: Option<String>,
    /// Which bucket the newest scan puts the label in.
    pub bucket: AuditBucket,
    /// The newest scan's outcome code, or its error code (`unreachable`, `not_cached`, ...).
    pub outcome_code: String,
    /// Why: the failed check (`invalid`), or why the record came from the cache.
    pub reason_code: Option<String>,
    /// `YYYY-MM-DD`.
    pub support_date: Option<String>,
    /// How many times the label was scanned in this audit.
    pub scan_count: u32,
    /// Unix seconds.
    pub first_scan_at: i64,
    /// Unix seconds of the newest scan.
    pub last_scan_at: i64,
    /// What the row shows, in the Scanner's locale.
    pub title: String,
    /// What a screen reader says for the row.
    pub spoken: String,
}

fn counts(counts: &[(AuditBucket, u32)], locale: &str) -> Vec<BucketCount> {
    counts
        .iter()
        .map(|(bucket, count)| BucketCount {
            bucket: *bucket,
            count: *count,
            title: core::bucket_title(*bucket, locale).text,
        })
        .collect()
}

fn entry(e: core::AuditEntry, locale: &str) -> AuditEntry {
    let words = core::entry_words(&e, locale);
    AuditEntry {
        url: e.url,
        product_name: e.product_name,
        model: e.model,
        maker: e.maker,
        bucket: e.bucket,
        outcome_code: e.outcome,
        reason_code: e.reason,
        support_date: e.support_date,
        scan_count: e.scan_count,
        first_scan_at: e.first_scan_at,
        last_scan_at: e.last_scan_at,
        title: words.text,
        spoken: words.spoken,
    }
}

/// An open audit, kept in the Scanner's data directory until deleted. Every method may be
/// called from any thread. It holds its Scanner: the data directory stays open until both
/// are closed (Kotlin `close()`/`use {}`; Swift: the last reference going away).
#[derive(uniffi::Object)]
pub struct Audit {
    scanner: Arc<Scanner>,
    core: Arc<core::Audit>,
}

impl std::fmt::Debug for Audit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Audit").field("core", &self.core).finish()
    }
}

fn options(scanner: &Scanner) -> core::AuditOptions {
    let presentation = scanner.presentation.clone();
    core::AuditOptions {
        clock: Arc::new(move || presentation.now().to_utc()),
        ..core::AuditOptions::default()
    }
}

#[uniffi::export]
impl Scanner {
    /// Starts a new audit; `Refused { code: "audit_exists" }` when the name is taken.
    pub fn start_audit(self: Arc<Self>, name: String) -> Result<Arc<Audit>, TrustLabelError> {
        guard(|| {
            let audit = core::Audit::start(self.core.store(), &name, options(&self))
                .map_err(|e| TrustLabelError::from_audit(e, self.locale()))?;
            Ok(Arc::new(Audit {
                scanner: self.clone(),
                core: Arc::new(audit),
            }))
        })
    }

    /// Reopens a saved audit (a closed one takes scans again).
    pub fn open_audit(self: Arc<Self>, name: String) -> Result<Arc<Audit>, TrustLabelError> {
        guard(|| {
            let audit = core::Audit::open(self.core.store(), &name, options(&self))
                .map_err(|e| TrustLabelError::from_audit(e, self.locale()))?;
            audit
                .reopen()
                .map_err(|e| TrustLabelError::from_audit(e, self.locale()))?;
            Ok(Arc::new(Audit {
                scanner: self.clone(),
                core: Arc::new(audit),
            }))
        })
    }

    /// Every saved audit, the most recently updated first.
    pub fn list_audits(&self) -> Result<Vec<AuditInfo>, TrustLabelError> {
        guard(|| {
            let locale = &self.presentation.locale;
            Ok(core::Audit::list(self.core.store())
                .map_err(|e| TrustLabelError::from_audit(e, self.locale()))?
                .into_iter()
                .map(|info| AuditInfo {
                    counts: counts(&info.counts, locale),
                    name: info.meta.name,
                    created_at: info.meta.created_at,
                    updated_at: info.meta.updated_at,
                    closed: info.meta.closed,
                })
                .collect())
        })
    }

    /// Deletes the audit named `name` and everything scanned into it.
    pub fn delete_audit(&self, name: String) -> Result<(), TrustLabelError> {
        guard(|| {
            core::Audit::delete(self.core.store(), &name)
                .map_err(|e| TrustLabelError::from_audit(e, self.locale()))
        })
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Audit {
    /// Scans `text` (a typed link, a photo's QR text, a history entry) and adds it. A label
    /// already in the audit is counted again, not repeated.
    pub async fn add_text(&self, text: String) -> Result<AuditEntry, TrustLabelError> {
        guard_async(async {
            let outcome = self.scanner.core.scan_text(&text).await;
            let e = self
                .core
                .add(&text, &outcome)
                .map_err(|e| TrustLabelError::from_audit(e, self.scanner.locale()))?;
            Ok(entry(e, &self.scanner.presentation.locale))
        })
        .await
    }

    /// The audit's name.
    pub fn name(&self) -> String {
        self.core.name()
    }

    /// Counts per bucket, every bucket listed (zeros too), in precedence order.
    pub fn counts(&self) -> Vec<BucketCount> {
        counts(&self.core.counts(), &self.scanner.presentation.locale)
    }

    /// Every distinct label, by bucket, then in the order first scanned.
    pub fn entries(&self) -> Vec<AuditEntry> {
        let locale = &self.scanner.presentation.locale;
        self.core
            .entries()
            .into_iter()
            .map(|e| entry(e, locale))
            .collect()
    }

    /// RFC 4180 CSV (UTF-8, header row, ISO 8601 times), ready for the share sheet.
    pub fn export_csv(&self) -> String {
        self.core.export_csv()
    }

    /// The audit as JSON, the same as `trustlabel audit export --json`.
    pub fn export_json(&self) -> String {
        self.core.export_json().to_string()
    }

    /// Starts a shelf-mode live session whose every completed check lands in this audit
    /// (the core counts repeats and picks the bucket); the app draws the session's events
    /// and reads `counts()` / `entries()` after each `Result` or `Failed`.
    pub fn start_session(
        &self,
        config: SessionConfig,
        listener: Arc<dyn SessionListener>,
    ) -> Arc<ScanSession> {
        let observer: Arc<dyn ScanObserver> = self.core.clone();
        let config = SessionConfig {
            mode: ScanMode::Shelf,
            ..config
        };
        ScanSession::start_observed(&self.scanner, config, listener, Some(observer))
    }

    /// Marks the audit finished (kept and listed until deleted). Not `close`: uniffi's
    /// Kotlin objects already have `close()`, which frees the object.
    pub fn close_audit(&self) -> Result<(), TrustLabelError> {
        guard(|| {
            self.core
                .close()
                .map_err(|e| TrustLabelError::from_audit(e, self.scanner.locale()))
        })
    }
}
