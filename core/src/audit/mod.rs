//! Shelf audits: many scans one after another, each distinct label counted once in exactly
//! one [`AuditBucket`], kept in the store until deleted so an audit survives a restart.
//!
//! A label scanned again is counted (`scan_count`), not repeated. Its bucket follows the
//! newest scan, except that a scan that could not reach the registry never replaces one that
//! did: a shelf checked on a good signal and rescanned in a dead corner keeps its answer.
//!
//! The store keeps each audit as its [`AuditMeta`] and one [`AuditEntry`] per label
//! ([`crate::store::AuditTable`], which owns the key layout); names have no control
//! characters ([`MAX_NAME_CHARS`], `check_name`), which that layout relies on.

mod bucket;
pub mod csv;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use trustlabel_protocol::{Outcome, ScanResult, SupportEnd};
use trustlabel_words::{error_code, Arg, Catalogue, Words};

use crate::scanner::{Clock, ScanError, Scanner};

use crate::store::{AuditTable, Store, StoreError};

pub use bucket::{applicable, bucket_of, AuditBucket, DEFAULT_SOON_MONTHS};

/// Longest audit name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// The CSV header; the column names are a contract (spreadsheets and scripts use them).
pub const CSV_HEADER: [&str; 11] = [
    "product",
    "model",
    "maker",
    "url",
    "bucket",
    "outcome",
    "reason",
    "support_date",
    "scan_count",
    "first_scan_at",
    "last_scan_at",
];

/// Why an audit could not be started, found or added to.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The name is empty, too long, or has control characters.
    #[error(
        "an audit needs a name of 1 to {MAX_NAME_CHARS} characters, without control characters"
    )]
    BadName,
    /// An audit of this name exists already.
    #[error("there is already an audit named {0}")]
    Exists(String),
    /// No audit has this name.
    #[error("there is no audit named {0}")]
    NotFound(String),
    /// The audit is closed: no more scans can be added.
    #[error("the audit {0} is closed")]
    Closed(String),
    /// The offline cache could not be read or written.
    #[error(transparent)]
    Storage(#[from] StoreError),
}

/// How an audit sorts its scans into buckets.
#[derive(Clone)]
pub struct AuditOptions {
    /// "Support ends soon": within this many calendar months of the scan.
    pub soon_months: u32,
    /// The time for scans that have none of their own (errors).
    pub clock: Clock,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            soon_months: DEFAULT_SOON_MONTHS,
            clock: Arc::new(Utc::now),
        }
    }
}

/// An audit's name and times, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditMeta {
    /// The name the staff gave it, unique among audits.
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds of the last scan added.
    pub updated_at: i64,
    /// True once closed: it is kept, but takes no more scans.
    pub closed: bool,
}

/// One distinct label of an audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The newest scan's outcome code, or for a scan that failed its error code
    /// (`unreachable`, `not_cached`, ...).
    pub outcome: String,
    /// Why: the failed check (`invalid`), or why the record came from the cache.
    pub reason: Option<String>,
    /// When support ends (`YYYY-MM-DD`), when the record says.
    pub support_date: Option<String>,
    /// How many times the label was scanned in this audit.
    pub scan_count: u32,
    /// Unix seconds.
    pub first_scan_at: i64,
    /// Unix seconds of the newest scan.
    pub last_scan_at: i64,
}

/// One line of the list of audits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditInfo {
    /// The audit's name and times.
    #[serde(flatten)]
    pub meta: AuditMeta,
    /// How many labels are in each bucket, buckets in their fixed order.
    pub counts: Vec<(AuditBucket, u32)>,
}

struct State {
    meta: AuditMeta,
    entries: BTreeMap<String, AuditEntry>,
}

/// An open audit. Cheap to share (`Arc<Audit>`); `add` may be called from any thread.
pub struct Audit {
    store: Store,
    options: AuditOptions,
    state: Mutex<State>,
}

impl std::fmt::Debug for Audit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Audit")
            .field("name", &self.lock().meta.name)
            .finish_non_exhaustive()
    }
}

/// The audits' table in the store.
fn table(store: &Store) -> AuditTable<'_, AuditMeta, AuditEntry> {
    store.audits()
}

fn check_name(name: &str) -> Result<(), AuditError> {
    let chars = name.chars().count();
    if chars == 0
        || chars > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
        || name.trim() != name
    {
        return Err(AuditError::BadName);
    }
    Ok(())
}

fn read_meta(store: &Store, name: &str) -> Result<Option<AuditMeta>, AuditError> {
    Ok(table(store).meta(name)?)
}

fn read_entries(store: &Store, name: &str) -> Result<BTreeMap<String, AuditEntry>, AuditError> {
    // An entry that cannot be read is left out rather than failing the audit.
    Ok(table(store)
        .entries(name)?
        .into_iter()
        .map(|entry| (entry.url.clone(), entry))
        .collect())
}

fn counts_of<'a>(entries: impl Iterator<Item = &'a AuditEntry>) -> Vec<(AuditBucket, u32)> {
    let mut counts: BTreeMap<AuditBucket, u32> = AuditBucket::ALL.iter().map(|b| (*b, 0)).collect();
    for e in entries {
        *counts.entry(e.bucket).or_default() += 1;
    }
    counts.into_iter().collect()
}

fn iso(unix: i64) -> String {
    DateTime::from_timestamp(unix, 0)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

impl Audit {
    /// Starts a new audit named `name`.
    pub fn start(store: &Store, name: &str, options: AuditOptions) -> Result<Self, AuditError> {
        check_name(name)?;
        if read_meta(store, name)?.is_some() {
            return Err(AuditError::Exists(name.to_owned()));
        }
        let now = (options.clock)().timestamp();
        let meta = AuditMeta {
            name: name.to_owned(),
            created_at: now,
            updated_at: now,
            closed: false,
        };
        let audit = Audit {
            store: store.clone(),
            options,
            state: Mutex::new(State {
                meta,
                entries: BTreeMap::new(),
            }),
        };
        audit.write_meta(&audit.lock().meta)?;
        store.flush()?;
        Ok(audit)
    }

    /// Opens a saved audit, open or closed (a closed one can be read and exported; see
    /// [`Audit::reopen`] to add to it).
    pub fn open(store: &Store, name: &str, options: AuditOptions) -> Result<Self, AuditError> {
        let meta = read_meta(store, name)?.ok_or_else(|| AuditError::NotFound(name.to_owned()))?;
        let entries = read_entries(store, name)?;
        Ok(Audit {
            store: store.clone(),
            options,
            state: Mutex::new(State { meta, entries }),
        })
    }

    /// Every saved audit, the most recently updated first.
    pub fn list(store: &Store) -> Result<Vec<AuditInfo>, AuditError> {
        let mut infos = Vec::new();
        for meta in table(store).metas()? {
            let entries = read_entries(store, &meta.name)?;
            infos.push(AuditInfo {
                counts: counts_of(entries.values()),
                meta,
            });
        }
        infos.sort_by(|a, b| {
            b.meta
                .updated_at
                .cmp(&a.meta.updated_at)
                .then_with(|| a.meta.name.cmp(&b.meta.name))
        });
        Ok(infos)
    }

    /// Deletes an audit and its entries, flushed before it returns.
    pub fn delete(store: &Store, name: &str) -> Result<(), AuditError> {
        if !table(store).remove(name)? {
            return Err(AuditError::NotFound(name.to_owned()));
        }
        store.flush()?;
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves at worst one entry not yet updated.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn write_meta(&self, meta: &AuditMeta) -> Result<(), AuditError> {
        Ok(table(&self.store).put_meta(&meta.name, meta)?)
    }

    /// The audit's name.
    pub fn name(&self) -> String {
        self.lock().meta.name.clone()
    }

    /// The audit's name and times, as of now.
    pub fn meta(&self) -> AuditMeta {
        self.lock().meta.clone()
    }

    /// The audit's name, times and per-bucket counts, as of now.
    pub fn info(&self) -> AuditInfo {
        let state = self.lock();
        AuditInfo {
            meta: state.meta.clone(),
            counts: counts_of(state.entries.values()),
        }
    }

    /// Adds one scan: what the session's observer hook calls for every lookup it completes
    /// (`text` as scanned). Returns the label's entry as it now stands. Not flushed: sled
    /// writes it out within half a second, and a disk flush per camera scan is too many.
    pub fn add(
        &self,
        text: &str,
        outcome: &Result<ScanResult, ScanError>,
    ) -> Result<AuditEntry, AuditError> {
        let now = (self.options.clock)();
        let scanned_at = outcome.as_ref().map_or(now.timestamp(), |r| r.scanned_at);
        let today = DateTime::from_timestamp(scanned_at, 0)
            .unwrap_or(now)
            .date_naive();
        let bucket = bucket_of(outcome, today, self.options.soon_months);
        let fresh = new_entry(text, outcome, bucket, scanned_at);
        let mut state = self.lock();
        if state.meta.closed {
            return Err(AuditError::Closed(state.meta.name.clone()));
        }
        let entry = match state.entries.get(&fresh.url) {
            None => fresh,
            Some(old) => merge(old, fresh),
        };
        table(&self.store).put_entry(&state.meta.name, &entry.url, &entry)?;
        // The meta only changes once a second: most scans of a shelf write just the entry.
        if now.timestamp() > state.meta.updated_at {
            state.meta.updated_at = now.timestamp();
            let meta = state.meta.clone();
            self.write_meta(&meta)?;
        }
        state.entries.insert(entry.url.clone(), entry.clone());
        Ok(entry)
    }

    /// Counts per bucket, every bucket listed (zeros included), in precedence order.
    pub fn counts(&self) -> Vec<(AuditBucket, u32)> {
        counts_of(self.lock().entries.values())
    }

    /// Every distinct label: by bucket (precedence order), then in the order first scanned.
    pub fn entries(&self) -> Vec<AuditEntry> {
        let mut entries: Vec<AuditEntry> = self.lock().entries.values().cloned().collect();
        entries.sort_by(|a, b| {
            (a.bucket, a.first_scan_at, &a.url).cmp(&(b.bucket, b.first_scan_at, &b.url))
        });
        entries
    }

    /// Marks the audit finished, flushed. It stays listed and exportable until deleted.
    pub fn close(&self) -> Result<(), AuditError> {
        let mut state = self.lock();
        state.meta.closed = true;
        let meta = state.meta.clone();
        self.write_meta(&meta)?;
        self.store.flush()?;
        Ok(())
    }

    /// Lets a closed audit take scans again.
    pub fn reopen(&self) -> Result<(), AuditError> {
        let mut state = self.lock();
        if state.meta.closed {
            state.meta.closed = false;
            let meta = state.meta.clone();
            self.write_meta(&meta)?;
            self.store.flush()?;
        }
        Ok(())
    }

    /// Writes everything added so far to disk.
    pub fn flush(&self) -> Result<(), AuditError> {
        Ok(self.store.flush()?)
    }

    /// RFC 4180 CSV, UTF-8, a header row ([`CSV_HEADER`]), times in ISO 8601 (UTC).
    pub fn export_csv(&self) -> String {
        let mut out = csv::line(CSV_HEADER);
        for e in self.entries() {
            let count = e.scan_count.to_string();
            let (first, last) = (iso(e.first_scan_at), iso(e.last_scan_at));
            out.push_str(&csv::line([
                e.product_name.as_deref().unwrap_or(""),
                e.model.as_deref().unwrap_or(""),
                e.maker.as_deref().unwrap_or(""),
                e.url.as_str(),
                e.bucket.code(),
                e.outcome.as_str(),
                e.reason.as_deref().unwrap_or(""),
                e.support_date.as_deref().unwrap_or(""),
                count.as_str(),
                first.as_str(),
                last.as_str(),
            ]));
        }
        out
    }

    /// The audit as one JSON object: `name`, `created_at`, `updated_at`, `closed` (times in
    /// Unix seconds, as in every `--json`), `counts` (bucket -> labels) and `entries`.
    pub fn export_json(&self) -> serde_json::Value {
        let meta = self.meta();
        let counts: serde_json::Map<String, serde_json::Value> = self
            .counts()
            .into_iter()
            .map(|(b, n)| (b.code().to_owned(), n.into()))
            .collect();
        serde_json::json!({
            "name": meta.name,
            "created_at": meta.created_at,
            "updated_at": meta.updated_at,
            "closed": meta.closed,
            "counts": counts,
            "entries": self.entries(),
        })
    }
}

/// Scans `text` with `scanner` and adds the answer to `audit`.
pub async fn scan_into(
    scanner: &Scanner,
    audit: &Audit,
    text: &str,
) -> Result<AuditEntry, AuditError> {
    let outcome = scanner.scan_text(text).await;
    audit.add(text, &outcome)
}

/// How many labels [`scan_all`] checks at once by default: waits on the registry overlap,
/// and offline the signature checks spread over the cores.
pub const SCAN_CONCURRENCY: usize = 8;

/// Scans every text into `audit` with `concurrency` workers, and calls `each` with each
/// entry as its answer comes (in the order answers come, not the input's: the audit keys
/// entries by label, so the order changes nothing in it). The workers are tasks of the
/// current tokio runtime, so a multi-threaded one checks signatures on every core, and
/// waits on the registry overlap. Each worker takes the next text by itself (an atomic
/// index, no lock to wait on). The first error adding to the audit (storage) stops it: no
/// worker takes a new text, and that error is returned.
pub async fn scan_all(
    scanner: &Arc<Scanner>,
    audit: &Arc<Audit>,
    texts: Vec<String>,
    concurrency: usize,
    mut each: impl FnMut(&AuditEntry),
) -> Result<(), AuditError> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let texts = Arc::new(texts);
    let taken = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (entry_tx, mut entry_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut running = tokio::task::JoinSet::new();
    for _ in 0..concurrency.clamp(1, texts.len().max(1)) {
        let (scanner, audit, entry_tx) = (Arc::clone(scanner), Arc::clone(audit), entry_tx.clone());
        let (texts, taken, stop) = (Arc::clone(&texts), Arc::clone(&taken), Arc::clone(&stop));
        running.spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let Some(text) = texts.get(taken.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                let answer = scan_into(&scanner, &audit, text).await;
                if answer.is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
                if entry_tx.send(answer).is_err() {
                    break;
                }
            }
        });
    }
    drop(entry_tx);
    let mut failed = None;
    // Ends when every worker has ended (each holds a sender).
    while let Some(answer) = entry_rx.recv().await {
        match answer {
            Ok(entry) => each(&entry),
            Err(error) => {
                failed.get_or_insert(error);
            }
        }
    }
    while let Some(done) = running.join_next().await {
        // A scan never panics by contract; if one did, the caller sees it as its own.
        if let Err(join) = done {
            if join.is_panic() {
                std::panic::resume_unwind(join.into_panic());
            }
        }
    }
    failed.map_or(Ok(()), Err)
}

fn new_entry(
    text: &str,
    outcome: &Result<ScanResult, ScanError>,
    bucket: AuditBucket,
    scanned_at: i64,
) -> AuditEntry {
    let (url, code, reason, record) = match outcome {
        Ok(result) => {
            let reason = match &result.outcome {
                Outcome::Invalid { reason, .. } => Some(reason.code().to_owned()),
                Outcome::OfflineCached { why, .. } => Some(why.code().to_owned()),
                _ => None,
            };
            (
                result.url.clone().unwrap_or_else(|| result.text.clone()),
                result.outcome.code().to_owned(),
                reason,
                result.outcome.record(),
            )
        }
        Err(error) => {
            let url = match error {
                ScanError::Unreachable { url, .. } | ScanError::NotCached { url } => url.clone(),
                _ => text.trim().to_owned(),
            };
            (url, error_code(error).to_owned(), None, None)
        }
    };
    let statement = record.map(|r| r.statement());
    let fields = statement.map(|s| &s.record);
    let support_date = statement.and_then(|s| match SupportEnd::of(s) {
        SupportEnd::On { day, .. } => Some(day.format("%Y-%m-%d").to_string()),
        _ => None,
    });
    AuditEntry {
        url,
        product_name: fields.and_then(|r| r.product_name.clone()),
        model: fields.and_then(|r| r.product_model.clone()),
        maker: fields.and_then(|r| {
            r.manufacturer_name
                .clone()
                .or_else(|| r.product_manufacturer.clone())
        }),
        bucket,
        outcome: code,
        reason,
        support_date,
        scan_count: 1,
        first_scan_at: scanned_at,
        last_scan_at: scanned_at,
    }
}

/// A second scan of the same label.
fn merge(old: &AuditEntry, fresh: AuditEntry) -> AuditEntry {
    let counted = AuditEntry {
        scan_count: old.scan_count.saturating_add(1),
        first_scan_at: old.first_scan_at.min(fresh.first_scan_at),
        last_scan_at: old.last_scan_at.max(fresh.last_scan_at),
        ..old.clone()
    };
    if fresh.bucket == AuditBucket::NotChecked && old.bucket != AuditBucket::NotChecked {
        return counted;
    }
    AuditEntry {
        scan_count: counted.scan_count,
        first_scan_at: counted.first_scan_at,
        last_scan_at: counted.last_scan_at,
        ..fresh
    }
}

/// The bucket's name for people, e.g. "Support ended".
pub fn bucket_title(bucket: AuditBucket, locale: &str) -> Words {
    Catalogue::new(locale).msg(&format!("audit-bucket-{}", bucket.code().replace('_', "-")))
}

/// What a list row shows and says for an entry: the product (or the link) and its bucket.
pub fn entry_words(entry: &AuditEntry, locale: &str) -> Words {
    let cat = Catalogue::new(locale);
    let name = entry
        .product_name
        .clone()
        .unwrap_or_else(|| entry.url.clone());
    let bucket = bucket_title(entry.bucket, locale);
    cat.fmt(
        "audit-entry",
        &[
            ("product", Arg::Words(Words::same(name))),
            ("bucket", Arg::Words(bucket)),
            ("count", Arg::Num(i64::from(entry.scan_count))),
        ],
    )
}

/// A shelf-mode live session feeds the audit: every completed check lands here once (the
/// session already skips repeats within its window; a repeat after it is counted).
impl crate::session::ScanObserver for Audit {
    fn observed(&self, text: &str, outcome: &Result<ScanResult, ScanError>) {
        // The session has no one to tell about a storage failure here; the entry is missing
        // from the audit, and the next scan of the label writes it.
        let _ = self.add(text, outcome);
    }
}
