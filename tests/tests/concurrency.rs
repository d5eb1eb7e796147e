//! Many threads on one scanner (issue 9): mixed scans, history reads and trust-list
//! installs through the facade, with no deadlock and no lost history entry.
//!
//! The suite runs 8 threads x 150 operations; the full run is
//! `TRUSTLABEL_CONCURRENCY_OPS=10000 cargo test -p trustlabel-tests --release --test concurrency -- --nocapture`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use trustlabel_core::scanner::ScanError;
use trustlabel_protocol::{TrustListStatement, TRUST_LIST_TYPE};
use trustlabel_testkit::fixtures::FixtureKeys;
use trustlabel_tests::{fixtures_dir, read_fixture, Harness};

const THREADS: usize = 8;

fn signed_list(keys: &FixtureKeys, base: &TrustListStatement, version: u64) -> Vec<u8> {
    let mut statement = base.clone();
    statement.version = version;
    keys.root.signing_key().sign_envelope(
        "trustlabel-root-1",
        TRUST_LIST_TYPE,
        &serde_json::to_vec(&statement).unwrap(),
    )
}

#[test]
fn eight_threads_of_mixed_work_lose_nothing_and_never_deadlock() {
    let ops: usize = std::env::var("TRUSTLABEL_CONCURRENCY_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let h = Harness::start();
    let scanner = Arc::new(h.scanner());
    let keys = Arc::new(FixtureKeys::load(&fixtures_dir().join("keys")).unwrap());
    let base: TrustListStatement = {
        use base64::Engine;
        let envelope: serde_json::Value =
            serde_json::from_slice(&read_fixture(&h.manifest.trust.list)).unwrap();
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(envelope["payload"].as_str().unwrap())
            .unwrap();
        serde_json::from_slice(&payload).unwrap()
    };
    let base = Arc::new(base);
    let labels: Arc<Vec<String>> = Arc::new(
        h.manifest
            .labels
            .iter()
            .filter(|l| l.expect.outcome == "verified")
            .map(|l| l.url.clone())
            .collect(),
    );
    let prefix = h.manifest.registry_prefix.clone();
    let installed = Arc::new(AtomicU64::new(1));
    // One runtime for every thread, as an app has: the scanner's HTTP connection pool
    // belongs to the runtime that opened each connection.
    let runtime = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap(),
    );
    let (done_tx, done_rx) = mpsc::channel();
    let mut handles = Vec::new();
    for t in 0..THREADS {
        let runtime = runtime.clone();
        let (scanner, keys, base, labels, installed, done_tx) = (
            scanner.clone(),
            keys.clone(),
            base.clone(),
            labels.clone(),
            installed.clone(),
            done_tx.clone(),
        );
        // 40 labels of its own per thread (unknown products), so every thread's history
        // entries can be told apart; 8 x 40 + the fixtures stay under the history's bound.
        let own: Vec<String> = (0..40).map(|i| format!("{prefix}load-{t}-{i}")).collect();
        let prefix_ok = !own.is_empty();
        handles.push(std::thread::spawn(move || {
            assert!(prefix_ok);
            let mut scanned = BTreeSet::new();
            let mut errors = Vec::new();
            for i in 0..ops {
                match (i + t) % 20 {
                    0 => {
                        let next = scanner.trust_list_status().version + 1;
                        match scanner.install_trust_list(&signed_list(&keys, &base, next)) {
                            Ok(status) => {
                                installed.fetch_max(status.version, Ordering::SeqCst);
                            }
                            // Another thread installed this version first.
                            Err(ScanError::TrustList(_)) => {}
                            Err(e) => errors.push(format!("install: {e}")),
                        }
                    }
                    n if n % 4 == 1 => {
                        if let Err(e) = scanner.history() {
                            errors.push(format!("history: {e}"));
                        }
                    }
                    n => {
                        let url = if n % 2 == 0 {
                            &labels[i % labels.len()]
                        } else {
                            &own[i % own.len()]
                        };
                        match runtime.block_on(scanner.scan_text(url)) {
                            Ok(result) => {
                                scanned.insert(result.url.unwrap_or_default());
                            }
                            Err(e) => errors.push(format!("scan {url}: {e}")),
                        }
                    }
                }
            }
            let _ = done_tx.send(());
            (scanned, errors)
        }));
    }
    drop(done_tx);
    // A hang detector, not a timing assertion: the full run takes minutes, a deadlock forever.
    for _ in 0..THREADS {
        done_rx
            .recv_timeout(Duration::from_secs(1800))
            .expect("a thread never finished: deadlock");
    }
    let mut scanned = BTreeSet::new();
    for handle in handles {
        let (s, errors) = handle.join().unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        scanned.extend(s);
    }
    let history: BTreeSet<String> = scanner
        .history()
        .unwrap()
        .into_iter()
        .map(|e| e.url)
        .collect();
    let lost: Vec<_> = scanned.difference(&history).collect();
    assert!(lost.is_empty(), "lost history entries: {lost:?}");
    assert_eq!(
        scanner.trust_list_status().version,
        installed.load(Ordering::SeqCst)
    );
    assert!(scanner.store().trust_floor() >= installed.load(Ordering::SeqCst));
    println!(
        "{THREADS} threads x {ops} operations: {} labels in the history, trust list version {}",
        history.len(),
        scanner.trust_list_status().version
    );
}
