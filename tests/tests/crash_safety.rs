//! Crash safety and one store per process, with real processes (issue 9). The harness is
//! `tests/src/bin/store-crash.rs`; the suite runs a short version of it, the full one is
//! `cargo run -p trustlabel-tests --release --bin store-crash -- run --rounds 200`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use trustlabel_core::store::OpenState;
use trustlabel_protocol::Outcome;
use trustlabel_tests::{block_on, config_for, manifest};

const HARNESS: &str = env!("CARGO_BIN_EXE_store-crash");

#[test]
fn killed_writers_never_lose_a_flushed_write_or_lower_the_floor() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(HARNESS)
        .args(["run", "--rounds", "12", "--dir"])
        .arg(dir.path().join("store"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    let summary = stdout.lines().last().unwrap_or_default();
    assert!(summary.contains("violations 0"), "{stdout}");
    // The rounds did write something, or the test would prove nothing.
    assert!(!summary.contains("writes 0,"), "{stdout}");
}

#[test]
fn a_second_process_is_refused_the_store_and_the_first_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut holder = Command::new(HARNESS)
        .arg("hold")
        .arg(&store)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut ready = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut ready)
        .unwrap();
    assert!(ready.starts_with("ready Opened"), "{ready}");

    let registry =
        trustlabel_testkit::LoopbackRegistry::from_fixtures(&trustlabel_tests::fixtures_dir())
            .unwrap();
    let config = || config_for(registry.base_url(), &store, manifest().now());
    {
        let second = trustlabel_core::scanner::Scanner::open(config()).unwrap();
        let OpenState::Temporary { error } = second.open_state() else {
            panic!("not refused: {:?}", second.open_state());
        };
        assert!(error.contains("in use by another process"), "{error}");
        // It still scans (nothing kept), and touches nothing of the holder's.
        let url = &manifest().labels[1].url;
        let result = block_on(second.scan_text(url)).unwrap();
        assert!(matches!(result.outcome, Outcome::Verified { .. }));
    }
    holder.stdin.take().unwrap().write_all(b"done\n").unwrap();
    assert!(holder.wait().unwrap().success());

    // The holder's scan is there, and the store opens normally now.
    let scanner = trustlabel_core::scanner::Scanner::open(config()).unwrap();
    assert_eq!(scanner.open_state(), &OpenState::Opened);
    let first = &manifest().labels[0].url;
    assert!(scanner.store().record(first).unwrap().is_some());
    assert!(scanner
        .store()
        .record(&manifest().labels[1].url)
        .unwrap()
        .is_none());
}
