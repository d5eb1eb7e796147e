//! Recent scans, newest first, one entry per label: what the History screens show.
//!
//! An entry keeps only what the list needs (the link, the outcome's name, the product's
//! name at the time). Opening an entry scans the link again, so the record shown is always
//! verified afresh, never read from here.

use serde::{Deserialize, Serialize};

use trustlabel_protocol::{OutcomeKind, ScanResult, Tone};

use crate::store::{Store, StoreError, Table};

/// Most entries kept; older ones are dropped.
pub const MAX_HISTORY_ENTRIES: usize = 500;
/// Entries allowed beyond the maximum before trimming, so the full walk a trim needs happens
/// once per this many new labels rather than on every scan. Half the maximum: a shelf audit
/// adds a new label on every scan, and a walk of 750 entries every 250 scans costs under a
/// tenth of what one every 50 did (`staff-bench`). Reading still returns at most the maximum.
const TRIM_SLACK: usize = MAX_HISTORY_ENTRIES / 2;

/// One label of the scan history, kept on the device only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The normalised label link (or the raw text for codes that are not links).
    pub url: String,
    /// Which outcome it was; stored as its snake_case name, as entries always were.
    pub outcome: OutcomeKind,
    /// The product's name from the verified record, when there was one.
    pub product_name: Option<String>,
    /// The maker from the verified record, when there was one.
    pub manufacturer_name: Option<String>,
    /// The verdict's tone when it was scanned, so a genuine label with problems (support
    /// ended, approval withdrawn) is not listed as plainly good.
    pub tone: Tone,
    /// The record came from a registry that does not sign (protocol 4b).
    #[serde(default)]
    pub unsigned: bool,
    /// Unix seconds.
    pub scanned_at: i64,
}

impl HistoryEntry {
    /// `tone` is the verdict's tone for `result` (`summary::verdict_tone`): history keeps it
    /// without wording anything, so it does not depend on the summary.
    pub fn from_result(result: &ScanResult, tone: Tone) -> Self {
        let record = result.outcome.record().map(|r| &r.statement().record);
        HistoryEntry {
            url: result.url.clone().unwrap_or_else(|| result.text.clone()),
            outcome: result.outcome.kind(),
            product_name: record.and_then(|r| r.product_name.clone()),
            manufacturer_name: record.and_then(|r| r.manufacturer_name.clone()),
            tone,
            unsigned: result.outcome.record().is_some_and(|r| r.alg().is_none()),
            scanned_at: result.scanned_at,
        }
    }
}

/// Records `entry`, replacing an earlier entry for the same label. Not flushed: losing the
/// last entry in a crash is acceptable, a disk write per camera scan is not.
/// With the history switched off, writes nothing.
pub fn record(store: &Store, entry: &HistoryEntry) -> Result<(), StoreError> {
    if !store.history_enabled()? {
        return Ok(());
    }
    let table = table(store);
    table.put(&entry.url, entry)?;
    if table.len() > MAX_HISTORY_ENTRIES + TRIM_SLACK {
        // Oldest first; entries that cannot be read rank oldest of all. Among entries of one
        // age the last link goes first.
        table.trim_oldest(MAX_HISTORY_ENTRIES, |key, when: Option<ScannedAt>| {
            (
                when.map_or(i64::MIN, |w| w.scanned_at),
                std::cmp::Reverse(key.to_owned()),
            )
        })?;
    }
    Ok(())
}

/// The history's table in the store: one entry per label, keyed by its link.
fn table(store: &Store) -> Table<'_, HistoryEntry> {
    store.history()
}

/// When a stored entry was scanned, read without building the entry (a trim reads every one).
#[derive(Deserialize)]
struct ScannedAt {
    scanned_at: i64,
}

/// Every entry, newest first, at most [`MAX_HISTORY_ENTRIES`]. Entries that cannot be read
/// are skipped.
pub fn list(store: &Store) -> Result<Vec<HistoryEntry>, StoreError> {
    let mut entries = table(store).values()?;
    entries.sort_by(|a, b| {
        b.scanned_at
            .cmp(&a.scanned_at)
            .then_with(|| a.url.cmp(&b.url))
    });
    entries.truncate(MAX_HISTORY_ENTRIES);
    Ok(entries)
}

/// The entries whose product or maker contains `query` (case-insensitive), newest first. An
/// empty query matches everything.
pub fn search(store: &Store, query: &str) -> Result<Vec<HistoryEntry>, StoreError> {
    let needle = query.trim().to_lowercase();
    let mut entries = list(store)?;
    if !needle.is_empty() {
        let has = |field: &Option<String>| {
            field
                .as_deref()
                .is_some_and(|v| v.to_lowercase().contains(&needle))
        };
        entries.retain(|e| has(&e.product_name) || has(&e.manufacturer_name));
    }
    Ok(entries)
}

/// Switches the history on or off; switching it off keeps what is there (clear it to forget).
pub fn set_enabled(store: &Store, on: bool) -> Result<(), StoreError> {
    store.set_history_enabled(on)
}

/// Whether the scan history is kept (the user can turn it off).
pub fn enabled(store: &Store) -> Result<bool, StoreError> {
    store.history_enabled()
}

/// Forgets every entry; flushed before it returns.
pub fn clear(store: &Store) -> Result<(), StoreError> {
    table(store).clear()?;
    store.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str, at: i64) -> HistoryEntry {
        HistoryEntry {
            url: url.into(),
            outcome: OutcomeKind::Verified,
            product_name: Some("Cam".into()),
            manufacturer_name: None,
            tone: Tone::Good,
            unsigned: false,
            scanned_at: at,
        }
    }

    /// An entry as every version so far has written it, the outcome a plain string.
    #[test]
    fn reads_entries_stored_by_earlier_versions() {
        let stored = r#"{"url":"https://registry.example/l/1","outcome":"verified_stale","product_name":"Cam","manufacturer_name":null,"tone":"caution","unsigned":false,"scanned_at":7}"#;
        let entry: HistoryEntry = serde_json::from_str(stored).unwrap();
        assert_eq!(entry.outcome, OutcomeKind::VerifiedStale);
        assert_eq!(entry.tone, Tone::Caution);
        assert_eq!(
            serde_json::to_string(&entry).unwrap(),
            stored,
            "written the same way"
        );
        for kind in OutcomeKind::ALL {
            let old = stored.replace("verified_stale", kind.code());
            let entry: HistoryEntry = serde_json::from_str(&old).unwrap();
            assert_eq!(entry.outcome, kind);
        }
        // Before `unsigned` was kept.
        let older = r#"{"url":"u","outcome":"not_official","product_name":null,"manufacturer_name":null,"tone":"bad","scanned_at":1}"#;
        let entry: HistoryEntry = serde_json::from_str(older).unwrap();
        assert_eq!(entry.outcome, OutcomeKind::NotOfficial);
        assert!(!entry.unsigned);
    }

    #[test]
    fn newest_first_one_per_label() {
        let store = Store::temporary(10).unwrap();
        record(&store, &entry("a", 1)).unwrap();
        record(&store, &entry("b", 2)).unwrap();
        record(&store, &entry("a", 3)).unwrap();
        let urls: Vec<_> = list(&store)
            .unwrap()
            .into_iter()
            .map(|e| (e.url, e.scanned_at))
            .collect();
        assert_eq!(urls, vec![("a".into(), 3), ("b".into(), 2)]);
        clear(&store).unwrap();
        assert!(list(&store).unwrap().is_empty());
    }

    #[test]
    fn search_by_product_or_maker_and_the_switch() {
        let store = Store::temporary(10).unwrap();
        let mut lamp = entry("a", 1);
        lamp.product_name = Some("Lámpara Norte".into());
        lamp.manufacturer_name = Some("Acme".into());
        record(&store, &lamp).unwrap();
        record(&store, &entry("b", 2)).unwrap();
        let urls = |q: &str| -> Vec<String> {
            search(&store, q)
                .unwrap()
                .into_iter()
                .map(|e| e.url)
                .collect()
        };
        assert_eq!(urls("lámpara"), vec!["a"]);
        assert_eq!(urls("ACME"), vec!["a"]);
        assert_eq!(urls("cam"), vec!["b"]);
        assert_eq!(urls(""), vec!["b", "a"]);
        assert!(urls("nothing").is_empty());

        set_enabled(&store, false).unwrap();
        assert!(!enabled(&store).unwrap());
        record(&store, &entry("c", 3)).unwrap();
        assert_eq!(list(&store).unwrap().len(), 2, "off: nothing written");
        set_enabled(&store, true).unwrap();
        record(&store, &entry("c", 3)).unwrap();
        assert_eq!(list(&store).unwrap().len(), 3);
    }

    #[test]
    fn bounded() {
        let store = Store::temporary(10).unwrap();
        let total = (MAX_HISTORY_ENTRIES + TRIM_SLACK + 5) as i64;
        for i in 0..total {
            record(&store, &entry(&format!("u{i}"), i)).unwrap();
        }
        let entries = list(&store).unwrap();
        assert_eq!(entries.len(), MAX_HISTORY_ENTRIES);
        assert_eq!(
            entries.last().unwrap().scanned_at,
            total - MAX_HISTORY_ENTRIES as i64,
            "the oldest went first"
        );
        let kept = table(&store).len();
        assert!(
            kept <= MAX_HISTORY_ENTRIES + TRIM_SLACK,
            "trimmed: {kept} kept"
        );
        assert_eq!(kept, table(&store).recount(), "the kept count is exact");
    }
}
