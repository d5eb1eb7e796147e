//! The on-disk format is unchanged by the typed tables: a cache written by the code before
//! them (`testdata/cache-8dc0dfe`, written at commit 8dc0dfe by a one-off program through
//! that commit's public API: two records, a trust list of version 7, two history entries and
//! the history switched off, one watched label, an open audit of three scans and a closed one)
//! opens and reads back, and the same data written now gives the same bytes in every tree.

use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::audit::{Audit, AuditEntry, AuditMeta, AuditOptions};
use crate::history::{self, HistoryEntry};
use crate::scanner::ScanError;
use crate::watchlist::{self, WatchItem};
use trustlabel_protocol::{OutcomeKind, Tone};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/store/testdata/cache-8dc0dfe"
);
const LINK_1: &str = "https://registry.example/l/1";
const LINK_2: &str = "https://registry.example/l/2";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The old cache, copied to a temporary folder (opening writes to it).
fn old_cache() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), dir.path());
    let path = dir.path().join("cache");
    (dir, path)
}

fn clock(at: i64) -> AuditOptions {
    AuditOptions {
        soon_months: 6,
        clock: Arc::new(move || chrono::DateTime::from_timestamp(at, 0).unwrap()),
    }
}

fn watched() -> WatchItem {
    WatchItem {
        url: LINK_1.into(),
        product_name: Some("Cam".into()),
        maker: Some("Acme".into()),
        registry_id: "demo".into(),
        kid: "k1".into(),
        authorization: "active".into(),
        support_end: Some("2030-01-31".into()),
        record_digest: "ab".repeat(32),
        saved_at: 1_700_000_400,
    }
}

/// What the one-off program wrote at 8dc0dfe, written again through today's API.
fn write_sample(store: &Store) {
    for (i, url) in [LINK_1, LINK_2].iter().enumerate() {
        let entry = CachedEnvelope {
            envelope: format!("{{\"payload\":\"p{i}\",\"signatures\":[]}}").into_bytes(),
            registry_id: "demo".into(),
            fetched_at: 1_700_000_000 + i as i64,
            checked_at: 1_700_000_100 + i as i64,
            etag: (i == 0).then(|| "\"v1\"".to_owned()),
        };
        store.put_record(url, &entry).unwrap();
    }
    store
        .put_trust_list(b"{\"trust\":\"list seven\"}", 7)
        .unwrap();
    for (url, at, outcome, tone) in [
        (LINK_1, 1_700_000_200, OutcomeKind::Verified, Tone::Good),
        (LINK_2, 1_700_000_300, OutcomeKind::NotOfficial, Tone::Bad),
    ] {
        let entry = HistoryEntry {
            url: url.into(),
            outcome,
            product_name: Some("Cam".into()),
            manufacturer_name: Some("Acme".into()),
            tone,
            unsigned: false,
            scanned_at: at,
        };
        history::record(store, &entry).unwrap();
    }
    history::set_enabled(store, false).unwrap();
    // `watchlist::add` scans the label first; what it stores is this item under its link.
    store.watchlist().put(LINK_1, &watched()).unwrap();
    let aisle = Audit::start(store, "Aisle 4", clock(1_700_000_500)).unwrap();
    for url in [
        "https://registry.example/l/3",
        "https://registry.example/l/4",
        "https://registry.example/l/3",
    ] {
        let not_cached = Err(ScanError::NotCached { url: url.into() });
        aisle.add(url, &not_cached).unwrap();
    }
    let closed = Audit::start(store, "Aisle 4 b", clock(1_700_000_600)).unwrap();
    let not_cached = Err(ScanError::NotCached { url: "x".into() });
    closed.add("not a link", &not_cached).unwrap();
    closed.close().unwrap();
    store.flush().unwrap();
}

/// Each tree's name with its keys and values, raw.
type Trees = Vec<(String, Vec<(Vec<u8>, Vec<u8>)>)>;

/// Every tree's keys and values, raw.
fn dump(store: &Store) -> Trees {
    let mut trees = Vec::new();
    for name in [
        TREE_RECORDS,
        TREE_TRUST,
        TREE_HISTORY,
        TREE_WATCHLIST,
        TREE_META,
        TREE_AUDITS,
    ] {
        let tree = store.db.open_tree(name).unwrap();
        let entries = tree
            .iter()
            .map(|item| {
                let (k, v) = item.unwrap();
                (k.to_vec(), v.to_vec())
            })
            .collect();
        trees.push((name.to_owned(), entries));
    }
    trees
}

#[test]
fn a_cache_written_before_the_typed_tables_opens_and_reads_back() {
    let (_dir, path) = old_cache();
    let (store, state) = Store::open(&path, 100).unwrap();
    assert_eq!(state, OpenState::Opened);

    assert_eq!(store.record_count(), 2);
    let one = store.record(LINK_1).unwrap().expect("record 1");
    assert_eq!(one.envelope, b"{\"payload\":\"p0\",\"signatures\":[]}");
    assert_eq!(
        (one.fetched_at, one.checked_at),
        (1_700_000_000, 1_700_000_100)
    );
    assert_eq!(one.etag.as_deref(), Some("\"v1\""));
    assert_eq!(store.record(LINK_2).unwrap().unwrap().etag, None);

    assert_eq!(store.trust_floor(), 7);
    assert_eq!(
        store.saved_trust_lists().unwrap(),
        vec![b"{\"trust\":\"list seven\"}".to_vec()]
    );

    assert!(!history::enabled(&store).unwrap());
    let entries = history::list(&store).unwrap();
    let listed: Vec<_> = entries
        .iter()
        .map(|e| (e.url.as_str(), e.outcome, e.tone, e.scanned_at))
        .collect();
    assert_eq!(
        listed,
        [
            (LINK_2, OutcomeKind::NotOfficial, Tone::Bad, 1_700_000_300),
            (LINK_1, OutcomeKind::Verified, Tone::Good, 1_700_000_200),
        ]
    );

    assert_eq!(watchlist::list(&store).unwrap(), vec![watched()]);

    let audits = Audit::list(&store).unwrap();
    let names: Vec<_> = audits
        .iter()
        .map(|a| (a.meta.name.as_str(), a.meta.closed))
        .collect();
    assert_eq!(names, [("Aisle 4 b", true), ("Aisle 4", false)]);
    let aisle = Audit::open(&store, "Aisle 4", AuditOptions::default()).unwrap();
    let counted: Vec<_> = aisle
        .entries()
        .into_iter()
        .map(|e| (e.url, e.scan_count, e.outcome))
        .collect();
    assert_eq!(
        counted,
        [
            (
                "https://registry.example/l/3".into(),
                2,
                "not_cached".into()
            ),
            (
                "https://registry.example/l/4".into(),
                1,
                "not_cached".into()
            ),
        ]
    );
    Audit::delete(&store, "Aisle 4").unwrap();
    assert_eq!(Audit::list(&store).unwrap().len(), 1);
    assert!(store
        .audits::<AuditMeta, AuditEntry>()
        .entries("Aisle 4")
        .unwrap()
        .is_empty());
}

#[test]
fn the_same_data_written_now_is_stored_byte_for_byte_as_before() {
    let (_old_dir, old_path) = old_cache();
    let (old, _) = Store::open(&old_path, 100).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (new, _) = Store::open(&dir.path().join("cache"), 100).unwrap();
    write_sample(&new);
    let (before, now) = (dump(&old), dump(&new));
    for ((name, was), (_, is)) in before.iter().zip(&now) {
        assert!(!was.is_empty(), "the fixture has entries in {name}");
        assert_eq!(was, is, "tree {name}");
    }
}
