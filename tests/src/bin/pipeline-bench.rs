//! Rerunnable benchmark of the trust pipeline (not a test: it asserts nothing about time).
//!
//!   cargo build --release -p trustlabel -p trustlabel-tests
//!   target/release/pipeline-bench [--labels 1000]
//!
//! The demo registry logs every statement it signs (its trust-list entry names a log), so the
//! N generated labels are logged in a copy of the demo log ([`Harness::log`]) and served with
//! their `log_proof` from the harness's loopback registry. Every scan row is measured twice
//! in the same run, label by label in turn so both see the same load:
//! - **with the log checks**: the fixture trust list, whose entry names the log (checks L1
//!   to L6 on every fetch, cached read and pack import);
//! - **without**: the same registry and the same bytes under a trust list whose entry has no
//!   `log` member (today's checks before the log), signed by the fixture root.
//!
//! Prints: verifying one envelope (ES256, EdDSA) and the checks alone on one logged envelope
//! (no I/O); a lookup over loopback (200, then 304) against a plain GET of the same bytes; a
//! cached label from text to result (offline); a pack imported and its records scanned
//! offline; a cold start (store open plus trust list load); and the CLI's peak memory
//! scanning N cached labels (needs the `trustlabel` binary built in the same profile, and
//! /usr/bin/time).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a dev tool run by hand: a panic names the problem well enough"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use trustlabel_core::fetch::RegistryClient;
use trustlabel_core::pack;
use trustlabel_core::scanner::{Scanner, ScannerConfig};
use trustlabel_protocol::{
    check_log_head, verify_record, LabelLink, LogHeadCheck, Registry, TrustList,
};
use trustlabel_registry::sign::{sign_statement, sign_trust_list};
use trustlabel_testkit::fixtures::{label_url, product_statement, products, FixtureKeys};
use trustlabel_tests::{config_for, fixtures_dir, manifest, read_fixture, Harness};
use trustlabel_tlog::{ClientState, TreeHead};

/// The two trust lists every scan row is measured under.
const MODES: [&str; 2] = ["with log", "without"];

fn main() {
    let labels = std::env::args()
        .skip_while(|a| a != "--labels")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000usize);
    let m = manifest();
    let now = m.now();
    // One runtime for every measurement, as an app has.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let keys = FixtureKeys::load(&fixtures_dir().join("keys")).expect("fixture keys");
    let anchors = trustlabel_core::builtin::parse_anchors(&read_fixture(&m.trust.anchor)).unwrap();

    // The fixture trust list (the demo registry's entry names its log) and the same list
    // without the `log` member: the checks a scanner made before the log.
    let logged_list = read_fixture(&m.trust.list);
    let trust = TrustList::verify(&logged_list, &anchors, now).unwrap();
    let mut statement = trust.to_statement();
    for registry in &mut statement.registries {
        registry.log = None;
    }
    let unlogged_list = sign_trust_list(&keys.root, &statement);
    let registry = trust.registry("demo").unwrap();
    assert!(
        registry.log().is_some(),
        "the fixture trust list names the demo log"
    );
    let registry_without = TrustList::verify(&unlogged_list, &anchors, now)
        .unwrap()
        .registry("demo")
        .unwrap()
        .clone();
    assert!(registry_without.log().is_none());
    let registries: [&Registry; 2] = [registry, &registry_without];

    let mut table = Table::default();

    // 1. Verify one envelope (the fixtures, served with their proofs), and the checks alone.
    for slug in ["ringwraith-2000", "palantir-cam"] {
        let label = m.label(slug).unwrap();
        let envelope = read_fixture(label.envelope.as_ref().unwrap());
        let link = LabelLink::parse(&label.url).unwrap();
        let verified = verify_record(&envelope, registry, &link, now, None).unwrap();
        let alg = verified.alg();
        // L5 against the heads of a device that already kept this checkpoint's head (the
        // common case: every record of one export names the same checkpoint).
        let checkpoint = verified
            .log_checkpoint()
            .expect("a logged fixture")
            .checkpoint();
        let heads = ClientState::from_heads([(
            checkpoint.origin.clone(),
            TreeHead {
                size: checkpoint.size,
                root: checkpoint.root,
            },
        )]);
        let times = registries.map(|registry| {
            repeat(2000, || {
                let verified = verify_record(&envelope, registry, &link, now, None).unwrap();
                if let Some(checkpoint) = verified.log_checkpoint() {
                    assert_eq!(check_log_head(&heads, checkpoint), Ok(LogHeadCheck::Known));
                }
            })
        });
        table.row(
            &format!("verify one envelope, no I/O ({})", alg.as_str()),
            times,
        );
    }

    // A registry with N generated labels, signed like the fixtures, logged in a copy of the
    // demo log and served with their proofs.
    let h = Harness::start();
    let template = products().into_iter().next().unwrap();
    let mut urls = Vec::new();
    let mut signed = Vec::new();
    for i in 0..labels {
        let slug = format!("bench-{i:05}");
        let mut statement = product_statement(&template);
        statement.sub = label_url(&slug);
        statement.record.qr_code_url = Some(statement.sub.clone());
        signed.push(sign_statement(&keys.demo_eddsa, &statement));
        urls.push(statement.sub);
    }
    let started = Instant::now();
    let served = h.log(&signed);
    println!(
        "logged {labels} statements in a copy of the demo log in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    for (url, envelope) in urls.iter().zip(&served) {
        h.registry.set(&h.path_of(url), envelope.clone());
    }
    drop(signed);

    let work = tempfile::tempdir().unwrap();
    let configs: [ScannerConfig; 2] = [0, 1].map(|i| {
        let mut config = config_for(
            h.registry.base_url(),
            &work.path().join(format!("store-{i}")),
            now,
        );
        config.trust_list = [&logged_list, &unlogged_list][i].clone();
        config.max_cached_records = labels + 100;
        config
    });
    let scanners = configs
        .clone()
        .map(|config| Scanner::open(config).expect("scanner opens"));

    // 2. Lookup over loopback: a first scan (200, verify, store write) against a plain GET
    // of the same bytes (the server's own time plus transport), with the core's own HTTP
    // client, so the difference is verification and storage only.
    let client = RegistryClient::new(configs[0].fetch.clone()).expect("client");
    let mut plain = Vec::new();
    for url in &urls {
        let target = url::Url::parse(url).unwrap();
        let t = Instant::now();
        runtime.block_on(client.fetch(&target, None)).unwrap();
        plain.push(t.elapsed());
    }
    table.single("plain GET over loopback (server + transport)", plain);
    let first = each_in_turn(&urls, &scanners, |scanner, url| {
        let result = runtime.block_on(scanner.scan_text(url)).unwrap();
        assert_eq!(result.outcome.code(), "verified", "{url}");
    });
    table.row("scan, first lookup online (200, store)", first);
    let some = &urls[..urls.len().min(200)];
    let repeat_lookup = each_in_turn(some, &scanners, |scanner, url| {
        let result = runtime.block_on(scanner.scan_text(url)).unwrap();
        assert_eq!(result.outcome.code(), "verified", "{url}");
    });
    table.row("scan, repeat lookup online (304)", repeat_lookup);

    // 3. A cached label from text to result (offline: cache read and the checks again).
    let cached = each_in_turn(&urls, &scanners, |scanner, url| {
        let result = runtime.block_on(scanner.scan_text_offline(url)).unwrap();
        assert_eq!(result.outcome.code(), "offline_cached", "{url}");
    });
    table.row("scan of a cached label, offline", cached);

    // 4. A pack: exported from each scanner, imported into an empty store, scanned offline.
    let packs = [0, 1].map(|i| pack::export(&scanners[i], now).expect("pack exports"));
    // Imported five times each, in turn, into empty stores; the last ones are scanned.
    let mut imports: [Vec<Duration>; 2] = Default::default();
    let mut importers = None;
    for run in 0..5 {
        let opened = [0, 1].map(|i| {
            let mut config = configs[i].clone();
            config.data_dir = Some(work.path().join(format!("imported-{run}-{i}")));
            config.offline = true;
            Scanner::open(config).expect("importer opens")
        });
        for i in 0..2 {
            let t = Instant::now();
            let report = pack::import(&opened[i], &packs[i], now).expect("pack imports");
            imports[i].push(t.elapsed());
            assert_eq!(
                report.imported,
                labels,
                "{}: {:?}",
                MODES[i],
                report.skipped.first()
            );
        }
        importers = Some(opened);
    }
    let importers = importers.expect("five runs");
    table.row(
        &format!("pack import of {labels} records (whole pack)"),
        imports,
    );
    let from_pack = each_in_turn(&urls, &importers, |scanner, url| {
        let result = runtime.block_on(scanner.scan_text_offline(url)).unwrap();
        assert_eq!(result.outcome.code(), "offline_cached", "{url}");
    });
    table.row("scan of a pack record, offline", from_pack);

    // 5. Plain-language summary (no trust decision; measured once).
    let result = runtime
        .block_on(scanners[0].scan_text_offline(&urls[0]))
        .unwrap();
    let local = now.fixed_offset();
    for locale in ["en-US", "es-US"] {
        let times = repeat(1000, || {
            trustlabel_words::summarize(&result, locale, local);
        });
        table.single(
            &format!("plain-language summary of a record ({locale})"),
            times,
        );
    }
    drop(scanners);
    drop(importers);

    // 6. Cold start: open the store and load the trust list.
    let cold = configs.clone().map(|config| {
        repeat(20, || {
            drop(Scanner::open(config.clone()).unwrap());
        })
    });
    table.row(
        &format!("cold start: store open + trust list ({labels} cached)"),
        cold,
    );
    table.print();

    // 7. Peak memory of the CLI scanning the cached labels (with the log checks).
    match cli_peak_memory(configs[0].data_dir.as_deref().unwrap(), &urls) {
        Ok(kib) => println!(
            "CLI peak memory, {labels} cached labels (with log): {:.1} MB",
            kib as f64 / 1024.0
        ),
        Err(why) => println!("CLI peak memory: skipped ({why})"),
    }
}

/// Rows of medians and 90th percentiles: with the log checks, without, and the difference.
#[derive(Default)]
struct Table {
    rows: Vec<(String, Vec<Duration>, Option<Vec<Duration>>)>,
}

impl Table {
    fn row(&mut self, name: &str, [with, without]: [Vec<Duration>; 2]) {
        self.rows.push((name.to_owned(), with, Some(without)));
    }

    fn single(&mut self, name: &str, times: Vec<Duration>) {
        self.rows.push((name.to_owned(), times, None));
    }

    fn print(&self) {
        println!(
            "\n{:<50} {:>21} {:>21} {:>10} {:>6}",
            "measure (median / p90)", "with log", "without", "added", "runs"
        );
        for (name, with, without) in &self.rows {
            let (wm, wp) = quantiles(with);
            let (cells, added) = match without {
                Some(without) => {
                    let (om, op) = quantiles(without);
                    let added = wm.as_secs_f64() - om.as_secs_f64();
                    (
                        format!("{:>21}", format!("{} / {}", fmt(om), fmt(op))),
                        fmt_signed(added),
                    )
                }
                None => (format!("{:>21}", "-"), "-".to_owned()),
            };
            println!(
                "{name:<50} {:>21} {cells} {added:>10} {:>6}",
                format!("{} / {}", fmt(wm), fmt(wp)),
                with.len()
            );
        }
    }
}

fn quantiles(times: &[Duration]) -> (Duration, Duration) {
    let mut sorted = times.to_vec();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.9))
}

fn repeat(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm-up
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

/// Times `f` on each URL with each scanner in turn (with the log checks, then without, label
/// by label), so both modes see the same machine load.
fn each_in_turn(
    urls: &[String],
    scanners: &[Scanner; 2],
    mut f: impl FnMut(&Scanner, &str),
) -> [Vec<Duration>; 2] {
    let mut times: [Vec<Duration>; 2] = Default::default();
    for url in urls {
        for (i, scanner) in scanners.iter().enumerate() {
            let t = Instant::now();
            f(scanner, url);
            times[i].push(t.elapsed());
        }
    }
    times
}

fn fmt(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        format!("{:.1} µs", d.as_secs_f64() * 1e6)
    } else {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    }
}

fn fmt_signed(seconds: f64) -> String {
    let sign = if seconds < 0.0 { "-" } else { "+" };
    format!("{sign}{}", fmt(Duration::from_secs_f64(seconds.abs())))
}
/// Runs `trustlabel scan - --offline` over the cached labels under /usr/bin/time and returns
/// the maximum resident set size in KiB.
fn cli_peak_memory(data: &Path, urls: &[String]) -> Result<u64, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let cli: PathBuf = exe.with_file_name("trustlabel");
    if !cli.exists() {
        return Err(format!("build the CLI first: {} is missing", cli.display()));
    }
    let m = manifest();
    let dir = fixtures_dir();
    let mut child = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("maxrss_kib=%M")
        .arg(&cli)
        .args(["scan", "-", "--offline", "--json", "--data-dir"])
        .arg(data)
        .arg("--trust-list")
        .arg(dir.join(&m.trust.list))
        .arg("--trust-anchor")
        .arg(dir.join(&m.trust.anchor))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("/usr/bin/time: {e}"))?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().ok_or("no stdin")?;
        for url in urls {
            writeln!(stdin, "{url}").map_err(|e| e.to_string())?;
        }
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("the CLI failed: {stderr}"));
    }
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("maxrss_kib=")?.trim().parse().ok())
        .ok_or_else(|| format!("no memory figure in: {stderr}"))
}
