//! Crash safety of the offline cache (issue 9), with real processes.
//!
//! `store-crash run [--rounds N] [--dir DIR] [--seed S]`: N times, starts a child that
//! scans fixture labels (records and history) and installs ever newer trust lists through
//! the facade, printing a line after each write it has flushed; SIGKILLs it at a random
//! moment; then reopens the store in this process and checks the invariants:
//! - the store opens (`opened`; `recreated` is counted as a failure: a flushed write lost);
//! - every label reported as scanned is cached and still verifies offline, and is in the
//!   history (the child flushes before it reports);
//! - the trust list in use and the floor are at least the highest version reported, and
//!   never lower than after the previous round.
//!
//! `store-crash hold DIR`: opens a scanner on DIR, prints `ready`, and keeps it open until
//! its standard input closes (the second process of the "two processes, one store" test).
//!
//! Prints one summary line: `rounds R, kills K, writes W, violations V`; exit code 1 on any
//! violation.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a dev tool run by hand: a panic names the problem well enough"
)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use trustlabel_core::scanner::Scanner;
use trustlabel_core::store::OpenState;
use trustlabel_protocol::{
    verify_cached_record, LabelLink, Outcome, TrustListStatement, TRUST_LIST_TYPE,
};
use trustlabel_testkit::fixtures::FixtureKeys;
use trustlabel_testkit::LoopbackRegistry;
use trustlabel_tests::{block_on, config_for, fixtures_dir, manifest, read_fixture};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("child") => child(Path::new(&args[1]), args[2].parse().unwrap_or(1)),
        Some("hold") => hold(Path::new(&args[1])),
        _ => {
            eprintln!("usage: store-crash run [--rounds N] [--dir DIR] [--seed S] | hold DIR");
            2
        }
    };
    std::process::exit(code);
}

fn scanner_for(registry: &LoopbackRegistry, dir: &Path) -> Scanner {
    Scanner::open(config_for(registry.base_url(), dir, manifest().now())).expect("scanner")
}

/// Trust list `version`: the fixture list v1 with its version raised, signed by the test root.
fn trust_list(version: u64) -> Vec<u8> {
    let keys = FixtureKeys::load(&fixtures_dir().join("keys")).expect("fixture keys");
    let v1 = read_fixture(&manifest().trust.list);
    let envelope: serde_json::Value = serde_json::from_slice(&v1).expect("fixture list");
    let payload = {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(envelope["payload"].as_str().unwrap_or(""))
            .expect("payload")
    };
    let mut statement: TrustListStatement = serde_json::from_slice(&payload).expect("statement");
    statement.version = version;
    keys.root.signing_key().sign_envelope(
        "trustlabel-root-1",
        TRUST_LIST_TYPE,
        &serde_json::to_vec(&statement).expect("json"),
    )
}

fn verified_labels() -> Vec<String> {
    manifest()
        .labels
        .iter()
        .filter(|l| l.expect.outcome == "verified" && !l.slug.starts_with("bad-"))
        .map(|l| l.url.clone())
        .collect()
}

/// Writes until killed: a scan (record + history, then a flush) or a trust-list install,
/// each reported on standard output only once it is on disk.
fn child(dir: &Path, seed: u64) -> i32 {
    let registry = LoopbackRegistry::from_fixtures(&fixtures_dir()).expect("registry");
    let scanner = scanner_for(&registry, dir);
    if !matches!(scanner.open_state(), OpenState::Opened) {
        println!("state {:?}", scanner.open_state());
    }
    let labels = verified_labels();
    let mut rng = seed | 1;
    let mut out = std::io::stdout().lock();
    loop {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        if rng.is_multiple_of(5) {
            let next = scanner.trust_list_status().version + 1;
            if scanner.install_trust_list(&trust_list(next)).is_ok() {
                let _ = writeln!(out, "trust {next}");
            }
        } else {
            let url = &labels[(rng as usize / 7) % labels.len()];
            let result = block_on(scanner.scan_text(url));
            if matches!(result.map(|r| r.outcome), Ok(Outcome::Verified { .. }))
                && scanner.store().flush().is_ok()
            {
                let _ = writeln!(out, "scan {url}");
            }
        }
        let _ = out.flush();
    }
}

fn hold(dir: &Path) -> i32 {
    let registry = LoopbackRegistry::from_fixtures(&fixtures_dir()).expect("registry");
    let scanner = scanner_for(&registry, dir);
    let url = &verified_labels()[0];
    let _ = block_on(scanner.scan_text(url));
    let _ = scanner.store().flush();
    println!("ready {:?}", scanner.open_state());
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    drop(scanner);
    0
}

fn run(args: &[String]) -> i32 {
    let mut rounds = 200u32;
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(7);
    let mut dir: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rounds" => rounds = it.next().and_then(|v| v.parse().ok()).unwrap_or(rounds),
            "--seed" => seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--dir" => dir = it.next().map(PathBuf::from),
            _ => {}
        }
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = dir.unwrap_or_else(|| temp.path().join("store"));
    println!("seed {seed}, store {}", dir.display());
    let exe = std::env::current_exe().expect("own path");
    let registry = LoopbackRegistry::from_fixtures(&fixtures_dir()).expect("registry");
    let mut rng = seed | 1;
    let mut scanned: BTreeSet<String> = BTreeSet::new();
    let mut trust_reported = 1u64;
    let mut floor_seen = 0u64;
    let (mut kills, mut writes, mut violations) = (0u32, 0u64, 0u32);
    for round in 0..rounds {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let mut child = Command::new(&exe)
            .arg("child")
            .arg(&dir)
            .arg(rng.to_string())
            .stdout(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // A random moment. Even rounds: counted from the start (opening, recovery, or
        // writes). Odd rounds: counted from the child's first flushed write, so every run
        // kills some writers mid-stream however slowly a loaded machine starts them.
        let mut early = Vec::new();
        if round % 2 == 1 {
            while let Ok(line) = rx.recv_timeout(Duration::from_secs(20)) {
                let wrote = line.starts_with("scan ") || line.starts_with("trust ");
                early.push(line);
                if wrote {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(20 + rng % 400));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        kills += 1;
        let _ = reader.join();
        for line in early.into_iter().chain(rx.try_iter()) {
            if let Some(url) = line.strip_prefix("scan ") {
                scanned.insert(url.to_owned());
                writes += 1;
            } else if let Some(v) = line.strip_prefix("trust ") {
                trust_reported = trust_reported.max(v.parse().unwrap_or(0));
                writes += 1;
            } else if let Some(state) = line.strip_prefix("state ") {
                println!("round {round}: the child opened the store as {state}");
                violations += 1;
            }
        }
        let mut fail = |what: String| {
            println!("round {round}: {what}");
            violations += 1;
        };
        let scanner = scanner_for(&registry, &dir);
        if !matches!(scanner.open_state(), OpenState::Opened) {
            fail(format!("store opened as {:?}", scanner.open_state()));
        }
        let version = scanner.trust_list_status().version;
        let floor = scanner.store().trust_floor();
        if version < trust_reported || floor < trust_reported {
            fail(format!(
                "trust list {version}, floor {floor}, but {trust_reported} was reported flushed"
            ));
        }
        if floor < floor_seen {
            fail(format!("the floor went back from {floor_seen} to {floor}"));
        }
        floor_seen = floor_seen.max(floor);
        let history: BTreeSet<String> = scanner
            .history()
            .map(|h| h.into_iter().map(|e| e.url).collect())
            .unwrap_or_default();
        // Checked without scanning: a scan here would write history itself.
        let trust = scanner.trust_list();
        for url in &scanned {
            let link = LabelLink::parse(url).expect("fixture link");
            let registry = trust.match_link(&link).map(|m| m.registry.clone());
            let entry = scanner.store().record(url).ok().flatten();
            match (registry, entry) {
                (Some(registry), Some(entry)) => {
                    let now = manifest().now();
                    if let Err(reason) = verify_cached_record(
                        &entry.envelope,
                        &registry,
                        &link,
                        now,
                        entry.fetched_at,
                    ) {
                        fail(format!("{url} no longer verifies: {reason:?}"));
                    }
                }
                (_, entry) => fail(format!("{url} is not cached (entry: {})", entry.is_some())),
            }
            if !history.contains(url) {
                fail(format!("{url} is missing from the history"));
            }
        }
        drop(scanner);
    }
    println!(
        "rounds {rounds}, kills {kills}, writes {writes}, labels {}, trust version {trust_reported}, violations {violations}",
        scanned.len()
    );
    i32::from(violations > 0)
}
