//! A writer killed (SIGKILL) at random moments leaves a log that opens, checks and grows.
//! In its own test binary: the child is this binary run again, and a fork in a process
//! whose other tests hold `.lock` files would briefly share their locks with the child.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use trustlabel_tlog::{
    monitor_records, Hash, LogWriter, RecordEntry, Statements, TileDir, TreeHead,
};

/// SHA-256 of every file under `dir`, by relative path.
fn hash_all(dir: &Path) -> BTreeMap<String, Hash> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Hash>) {
        for item in std::fs::read_dir(dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, Hash::leaf(&std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn compact(maker: &str, i: u64) -> String {
    format!("eyJhbGciOiJFZERTQSJ9.{maker}-{i}.c2ln")
}

fn record(maker: &str, i: u64) -> RecordEntry {
    RecordEntry::for_statement(
        "demo",
        &format!("https://registry.example/l/{maker}/{i}"),
        1_790_000_000 + i,
        1,
        compact(maker, i).as_bytes(),
    )
    .unwrap()
}

/// The child side of the kill test: appends batches to the log in `TLOG_KILL_CHILD` until it
/// is killed. Entries name the round, so a batch cut short in one round is replaced by other
/// bytes in the next.
#[test]
fn kill_test_child() {
    let Ok(dir) = std::env::var("TLOG_KILL_CHILD") else {
        return;
    };
    let round: u64 = std::env::var("TLOG_KILL_ROUND").unwrap().parse().unwrap();
    let dir = std::path::PathBuf::from(dir);
    let mut writer = if dir.join("checkpoint").exists() {
        LogWriter::open(&dir, ORIGIN, log_key()).unwrap()
    } else {
        LogWriter::create(&dir, ORIGIN, log_key()).unwrap()
    };
    loop {
        let start = writer.head().size;
        let batch = 37 + (start % 200);
        let entries: Vec<Vec<u8>> = (start..start + batch)
            .map(|i| record(&format!("round{round}"), i).to_bytes())
            .collect();
        let statements: Vec<Vec<u8>> = (start..start + batch)
            .map(|i| compact(&format!("round{round}"), i).into_bytes())
            .collect();
        writer
            .append_with_statements(&entries, &statements)
            .unwrap();
    }
}

#[test]
fn a_writer_killed_at_any_moment_leaves_a_log_that_opens_checks_and_grows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("log");
    let policy = policy(&[], 0);
    let mut previous: Option<TreeHead> = None;
    let mut leftovers = 0;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..12u64 {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "kill_test_child", "--nocapture"])
            .env("TLOG_KILL_CHILD", &dir)
            .env("TLOG_KILL_ROUND", round.to_string())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        std::thread::sleep(std::time::Duration::from_millis(30 + (seed >> 33) % 400));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(!status.success(), "the child ended on its own: {status:?}");
        if !dir.join("checkpoint").exists() {
            continue; // killed before `create` finished
        }
        // Temporary files the kill left mid-append; opening removes them.
        let temporary = |dir: &Path| hash_all(dir).keys().filter(|p| p.contains(".tmp.")).count();
        leftovers += temporary(&dir);
        let head = LogWriter::open(&dir, ORIGIN, log_key()).unwrap().head();
        assert_eq!(temporary(&dir), 0);
        // Opens, has not shrunk or changed its past, every entry's statement is in place.
        let store = TileDir::new(&dir);
        let cp = policy
            .verify_checkpoint(&store.checkpoint().unwrap())
            .unwrap();
        assert_eq!(cp.checkpoint().size, head.size);
        let mut read = Statements::new(&store, head.size);
        let report = monitor_records(&store, &cp, previous, None, |i, e| {
            let statement = read.get(i).map_err(|e| e.to_string())?;
            if e.logs_statement(statement) {
                Ok(())
            } else {
                Err(format!("entry {i}: not its statement"))
            }
        })
        .unwrap_or_else(|e| panic!("round {round}: {e}"));
        previous = Some(report.replay.head);
    }
    let size = previous.map_or(0, |h| h.size);
    assert!(size > 0, "no round got as far as a checkpoint");
    eprintln!("killed 12 times: log of {size}, {leftovers} temporary files left by the kills");
}
