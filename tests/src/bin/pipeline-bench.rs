//! Rerunnable benchmark of the trust pipeline (not a test: it asserts nothing about time).
//!
//!   cargo run --release -p trustlabel-tests --bin pipeline-bench [-- --labels 1000]
//!
//! Prints: verifying one envelope (ES256, EdDSA); a cached label from text to result; a
//! lookup over loopback against the server's own time; a cold start (store open plus trust
//! list load); and the CLI's peak memory scanning N cached labels (needs the `trustlabel`
//! binary built in the same profile, and /usr/bin/time).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a dev tool run by hand: a panic names the problem well enough"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use trustlabel_core::fetch::RegistryClient;
use trustlabel_core::scanner::Scanner;
use trustlabel_protocol::{verify_record, LabelLink, TrustList};
use trustlabel_registry::sign::sign_statement;
use trustlabel_testkit::fixtures::{label_url, product_statement, products, FixtureKeys};
use trustlabel_testkit::LoopbackRegistry;
use trustlabel_tests::{config_for, fixtures_dir, manifest, read_fixture};

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

    // 1. Verify one envelope.
    let trust = TrustList::verify(
        &read_fixture(&m.trust.list),
        &trustlabel_core::builtin::parse_anchors(&read_fixture(&m.trust.anchor)).unwrap(),
        now,
    )
    .unwrap();
    let registry = trust.registry("demo").unwrap();
    println!(
        "{:<46} {:>10} {:>10} {:>8}",
        "measure", "median", "p90", "runs"
    );
    for slug in ["ringwraith-2000", "palantir-cam"] {
        let label = m.label(slug).unwrap();
        let envelope = read_fixture(label.envelope.as_ref().unwrap());
        let link = LabelLink::parse(&label.url).unwrap();
        let alg = verify_record(&envelope, registry, &link, now, None)
            .unwrap()
            .alg();
        let times = repeat(2000, || {
            verify_record(&envelope, registry, &link, now, None).unwrap();
        });
        report(&format!("verify one envelope ({})", alg.as_str()), &times);
    }

    // A registry with N generated labels, signed like the fixtures.
    let template = products().into_iter().next().unwrap();
    let mut routes = Vec::new();
    let mut urls = Vec::new();
    for i in 0..labels {
        let slug = format!("bench-{i:05}");
        let mut statement = product_statement(&template);
        statement.sub = label_url(&slug);
        statement.record.qr_code_url = Some(statement.sub.clone());
        routes.push((
            format!("/l/{slug}"),
            sign_statement(&keys.demo_eddsa, &statement),
        ));
        urls.push(statement.sub);
    }
    let server = LoopbackRegistry::with_routes(routes).expect("loopback registry");
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("store");
    let config = config_for(server.base_url(), &data, now);

    // 3. Lookup over loopback: a first scan (200, verify, store write) against a plain GET
    // of the same bytes (the server's own time plus transport).
    let scanner = Scanner::open(config.clone()).unwrap();
    // The core's own HTTP client, so the difference is verification and storage only.
    let client = RegistryClient::new(config.fetch.clone()).expect("client");
    let mut plain = Vec::new();
    let mut lookups = Vec::new();
    for url in &urls {
        let target = url::Url::parse(url).unwrap();
        let t = Instant::now();
        runtime.block_on(client.fetch(&target, None)).unwrap();
        plain.push(t.elapsed());
        let t = Instant::now();
        let result = runtime.block_on(scanner.scan_text(url)).unwrap();
        lookups.push(t.elapsed());
        assert_eq!(result.outcome.code(), "verified");
    }
    report("plain GET over loopback (server + transport)", &plain);
    report("scan, first lookup over loopback (200, store)", &lookups);
    let revalidate = time_each(&urls[..urls.len().min(200)], |url| {
        runtime.block_on(scanner.scan_text(url)).unwrap();
    });
    report("scan, repeat lookup over loopback (304)", &revalidate);

    // 2. A cached label from text to result (offline: cache read and re-verification).
    let cached = time_each(&urls, |url| {
        runtime.block_on(scanner.scan_text_offline(url)).unwrap();
    });
    report("scan of a cached label, text to result", &cached);
    let result = runtime
        .block_on(scanner.scan_text_offline(&urls[0]))
        .unwrap();
    let local = now.fixed_offset();
    for locale in ["en-US", "es-US"] {
        let times = repeat(1000, || {
            trustlabel_words::summarize(&result, locale, local);
        });
        report(
            &format!("plain-language summary of a record ({locale})"),
            &times,
        );
    }
    drop(scanner);

    // 4. Cold start: open the store and load the trust list.
    let cold = repeat(20, || {
        drop(Scanner::open(config.clone()).unwrap());
    });
    report(
        &format!("cold start: store open + trust list ({labels} cached)"),
        &cold,
    );

    // 5. Peak memory of the CLI scanning the cached labels.
    match cli_peak_memory(&data, &urls) {
        Ok(kib) => println!(
            "{:<46} {:>10}",
            format!("CLI peak memory, {labels} cached labels"),
            format!("{:.1} MB", kib as f64 / 1024.0)
        ),
        Err(why) => println!("CLI peak memory: skipped ({why})"),
    }
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

fn time_each(urls: &[String], mut f: impl FnMut(&str)) -> Vec<Duration> {
    urls.iter()
        .map(|u| {
            let t = Instant::now();
            f(u);
            t.elapsed()
        })
        .collect()
}

fn report(name: &str, times: &[Duration]) {
    let mut sorted = times.to_vec();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    println!(
        "{name:<46} {:>10} {:>10} {:>8}",
        fmt(at(0.5)),
        fmt(at(0.9)),
        sorted.len()
    );
}

fn fmt(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        format!("{:.1} µs", d.as_secs_f64() * 1e6)
    } else {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    }
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
