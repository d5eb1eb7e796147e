//! Rerunnable benchmark of the staff features (not a test: it asserts nothing about time).
//!
//!   cargo run --release -p trustlabel-tests --bin staff-bench [-- --labels 10000] [--keep DIR] [--concurrency N]
//!
//! Generates N labels signed like the fixtures, logged in a copy of the demo registry's log
//! (each record carries its `log_proof`), and writes them as one pack, then runs each
//! measurement in a child process of its own, so each peak memory (VmHWM, from
//! /proc/self/status; Linux only) is that phase's alone:
//!   - pack import of the N records into an empty store (one signature check each);
//!   - pack export of them (each verified again);
//!   - a shelf audit of the N labels scanned from the cache (offline), each added to the
//!     audit, which is kept in sled; scanned as `trustlabel audit FILE` does, 8 at a time
//!     on a 2-thread runtime.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a dev tool run by hand: a panic names the problem well enough"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use trustlabel_core::audit::{scan_all, scan_into, Audit, AuditOptions, SCAN_CONCURRENCY};
use trustlabel_core::pack;
use trustlabel_core::scanner::{Scanner, ScannerConfig};
use trustlabel_registry::sign::sign_statement;
use trustlabel_testkit::fixtures::{label_url, product_statement, products, FixtureKeys};
use trustlabel_tests::{config_for, fixtures_dir, manifest, Harness};

fn arg(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

fn slug(i: usize) -> String {
    format!("bench-{i:05}")
}

fn config(dir: &Path, labels: usize) -> ScannerConfig {
    let m = manifest();
    // Offline: the origin is never asked.
    let mut config = config_for("http://127.0.0.1:9", &dir.join("store"), m.now());
    config.offline = true;
    config.max_cached_records = labels + 1;
    config
}

/// Peak resident memory of this process so far, in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn child(phase: &str, dir: &Path, labels: usize) {
    let scanner = Scanner::open(config(dir, labels)).expect("scanner opens");
    let now = manifest().now();
    if phase == "audit" {
        // A phase run again on a kept store (`--phase audit --dir DIR`) starts afresh.
        let _ = Audit::delete(scanner.store(), "bench");
    }
    let started = Instant::now();
    let detail = match phase {
        "import" => {
            let bytes = std::fs::read(dir.join("pack.json")).expect("pack file");
            let report = pack::import(&scanner, &bytes, now).expect("pack imports");
            assert!(report.skipped.is_empty(), "{:?}", report.skipped.first());
            format!("{} imported", report.imported)
        }
        "export" => {
            let bytes = pack::export(&scanner, now).expect("pack exports");
            format!("{} bytes", bytes.len())
        }
        "audit" => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            let audit = Arc::new(
                Audit::start(scanner.store(), "bench", AuditOptions::default()).expect("audit"),
            );
            let concurrency = arg("--concurrency")
                .and_then(|n| n.parse().ok())
                .unwrap_or(SCAN_CONCURRENCY);
            // As `trustlabel audit FILE` does it: several at a time on a 2-thread runtime.
            let scanner = Arc::new(scanner);
            let urls: Vec<String> = (0..labels).map(|i| label_url(&slug(i))).collect();
            if concurrency == 0 {
                // One after another on this thread (what the apps' shelf mode does).
                for url in urls {
                    runtime
                        .block_on(scan_into(&scanner, &audit, &url))
                        .expect("added");
                }
            } else {
                runtime
                    .block_on(scan_all(&scanner, &audit, urls, concurrency, |_| {}))
                    .expect("scanned into the audit");
            }
            audit.flush().expect("flushed");
            let total: u32 = audit.counts().iter().map(|(_, n)| n).sum();
            format!("{total} labels in the audit")
        }
        other => panic!("unknown phase {other}"),
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    println!("{phase}\t{ms:.0}\t{}\t{detail}", peak_kib());
}

fn main() {
    let labels: usize = arg("--labels")
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    if let (Some(phase), Some(dir)) = (arg("--phase"), arg("--dir")) {
        child(&phase, &PathBuf::from(dir), labels);
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    // `--keep DIR`: work in DIR and leave the pack and the store there, to profile one
    // phase again (`--phase audit --dir DIR`).
    let kept = arg("--keep").map(PathBuf::from);
    let work_dir = kept.clone().unwrap_or_else(|| work.path().to_owned());
    if let Some(dir) = &kept {
        let _ = std::fs::remove_dir_all(dir.join("store"));
        std::fs::create_dir_all(dir).expect("--keep folder");
    }
    let keys = FixtureKeys::load(&fixtures_dir().join("keys")).expect("fixture keys");
    let template = products().into_iter().next().expect("a product");
    let started = Instant::now();
    let signed: Vec<Vec<u8>> = (0..labels)
        .map(|i| {
            let mut statement = product_statement(&template);
            statement.sub = label_url(&slug(i));
            statement.record.qr_code_url = Some(statement.sub.clone());
            sign_statement(&keys.demo_eddsa, &statement)
        })
        .collect();
    // The demo registry logs everything it signs (its trust-list entry names the log), and
    // an unlogged record is refused (`not_logged`): the labels are logged in a copy of the
    // demo log, and each pack record carries its `log_proof`, as a registry's pack does.
    let harness = Harness::start();
    let logged = harness.log(&signed);
    drop(signed);
    let mut file =
        b"{\"pack_version\":1,\"created\":\"2026-11-23T08:00:00Z\",\"records\":[".to_vec();
    for (i, envelope) in logged.iter().enumerate() {
        if i > 0 {
            file.push(b',');
        }
        file.extend_from_slice(envelope);
    }
    file.extend_from_slice(b"]}");
    drop(logged);
    drop(harness);
    std::fs::write(work_dir.join("pack.json"), &file).expect("pack written");
    println!(
        "generated {labels} signed labels, a {:.1} MB pack, in {:.1} s",
        file.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    drop(file);
    println!("{:<8} {:>9} {:>14}  detail", "phase", "ms", "peak MiB");
    let me = std::env::current_exe().expect("own path");
    for phase in ["import", "export", "audit"] {
        let out = Command::new(&me)
            .args(["--phase", phase, "--dir"])
            .arg(&work_dir)
            .args(["--labels", &labels.to_string()])
            .output()
            .expect("child runs");
        if !out.status.success() {
            eprintln!("{phase} failed: {}", String::from_utf8_lossy(&out.stderr));
            std::process::exit(1);
        }
        let line = String::from_utf8_lossy(&out.stdout);
        let cols: Vec<&str> = line.trim().split('\t').collect();
        let kib: f64 = cols.get(2).and_then(|k| k.parse().ok()).unwrap_or(0.0);
        println!(
            "{:<8} {:>9} {:>14.1}  {}",
            cols.first().unwrap_or(&"?"),
            cols.get(1).unwrap_or(&"?"),
            kib / 1024.0,
            cols.get(3).unwrap_or(&"")
        );
    }
}
