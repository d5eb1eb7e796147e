//! Every reader of a log file caps what it reads: a tile, a bundle, a checkpoint or a state
//! file larger than any valid one of its kind is a typed error (`FileTooLarge`), found from
//! the file's length before it is read, never an allocation of the file's size. The large
//! files here are sparse (`set_len`), so a reader without the cap would try to allocate
//! gigabytes (and these tests would fail on the error they get, or run out of memory).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod common;

use std::path::Path;

use common::*;
use trustlabel_tlog::{
    read_capped, Error, LogWriter, Statements, TileDir, TilePath, TileReader, TileStore, TreeHeads,
    MAX_LOG_FILE_BYTES, MAX_NOTE_BYTES, MAX_STATE_FILE_BYTES, TILE_WIDTH,
};

/// Makes `path` a sparse file of `len` bytes (no disk used, no memory).
fn grow(path: &Path, len: u64) {
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .unwrap()
        .set_len(len)
        .unwrap();
}

fn too_large(result: Result<impl std::fmt::Debug, Error>, limit: u64) {
    match result {
        Err(Error::FileTooLarge { limit: l, .. }) => assert_eq!(l, limit),
        other => panic!("expected FileTooLarge (limit {limit}), got {other:?}"),
    }
}

/// A log of 300 entries with statements: one full tile and bundle, one partial of 44.
fn log(dir: &Path) -> LogWriter {
    let mut writer = LogWriter::create(dir, ORIGIN, log_key()).unwrap();
    let entries: Vec<Vec<u8>> = (0..300).map(entry).collect();
    let statements: Vec<Vec<u8>> = (0..300u64)
        .map(|i| format!("st-{i}").into_bytes())
        .collect();
    writer
        .append_with_statements(&entries, &statements)
        .unwrap();
    writer
}

#[test]
fn read_capped_reads_up_to_the_cap_and_refuses_one_byte_more() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f");
    assert_eq!(read_capped(&path, 10).unwrap(), None, "missing is None");
    std::fs::write(&path, [7u8; 10]).unwrap();
    assert_eq!(read_capped(&path, 10).unwrap(), Some(vec![7u8; 10]));
    std::fs::write(&path, [7u8; 11]).unwrap();
    too_large(read_capped(&path, 10), 10);
    grow(&path, 1 << 40);
    too_large(read_capped(&path, 10), 10);
}

#[test]
fn a_hash_tile_larger_than_a_full_tile_is_too_large_and_so_is_the_proof_that_needs_it() {
    let dir = tempfile::tempdir().unwrap();
    let writer = log(dir.path());
    let full = TilePath::parse("tile/0/000").unwrap();
    let store = TileDir::new(dir.path());
    assert_eq!(store.read(&full).unwrap().unwrap().len(), 8192);
    proof_ok(&writer);
    drop(writer);
    grow(&dir.path().join("tile/0/000"), 8193);
    too_large(store.read(&full), TILE_WIDTH * 32);
    grow(&dir.path().join("tile/0/000"), 1 << 40);
    too_large(store.read(&full), TILE_WIDTH * 32);
    // Reached through a proof: the same typed error, not a missing tile.
    too_large(
        trustlabel_tlog::consistency_proof(&TileReader::new(&store, 300), 100, 300),
        TILE_WIDTH * 32,
    );
}

fn proof_ok(writer: &LogWriter) {
    writer.proof(5).unwrap();
}

#[test]
fn an_entry_or_statement_bundle_over_the_cap_is_too_large() {
    let dir = tempfile::tempdir().unwrap();
    drop(log(dir.path()));
    let store = TileDir::new(dir.path());
    let bundle = TilePath::parse("tile/entries/000").unwrap();
    assert!(store.read(&bundle).unwrap().is_some());
    assert!(Statements::new(&store, 300).get(3).is_ok());

    grow(&dir.path().join("tile/entries/000"), MAX_LOG_FILE_BYTES + 1);
    too_large(store.read(&bundle), MAX_LOG_FILE_BYTES);
    too_large(
        trustlabel_tlog::read_bundle(&store, &bundle),
        MAX_LOG_FILE_BYTES,
    );

    grow(&dir.path().join("statements/000"), 1 << 40);
    too_large(store.read_file("statements/000"), MAX_LOG_FILE_BYTES);
    too_large(
        Statements::new(&store, 300).get(3).map(<[u8]>::to_vec),
        MAX_LOG_FILE_BYTES,
    );
    // The writer's own reads are capped too: `open` reads the partial bundle (what the next
    // append copies); grown past the cap, opening the log is refused, typed.
    grow(
        &dir.path().join("tile/entries/001.p/44"),
        MAX_LOG_FILE_BYTES + 1,
    );
    too_large(
        LogWriter::open(dir.path(), ORIGIN, log_key()).map(|_| ()),
        MAX_LOG_FILE_BYTES,
    );
}

#[test]
fn a_checkpoint_over_a_notes_cap_is_too_large() {
    let dir = tempfile::tempdir().unwrap();
    drop(log(dir.path()));
    let store = TileDir::new(dir.path());
    assert!(store.checkpoint().is_ok());
    grow(&dir.path().join("checkpoint"), MAX_NOTE_BYTES as u64 + 1);
    too_large(store.checkpoint(), MAX_NOTE_BYTES as u64);
    too_large(
        LogWriter::open(dir.path(), ORIGIN, log_key()).map(|_| ()),
        MAX_NOTE_BYTES as u64,
    );
}

#[test]
fn a_tree_heads_state_file_over_the_cap_is_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state");
    let mut heads = TreeHeads::default();
    heads.set(
        ORIGIN,
        trustlabel_tlog::TreeHead {
            size: 1,
            root: trustlabel_tlog::Hash::leaf(b"x"),
        },
    );
    heads.save(&path).unwrap();
    assert_eq!(TreeHeads::load(&path).unwrap(), heads);
    grow(&path, MAX_STATE_FILE_BYTES + 1);
    too_large(TreeHeads::load(&path), MAX_STATE_FILE_BYTES);
}
