//! `trustlabel demo`: the whole pipeline on the fixtures, no setup. A registry is served on a
//! loopback port inside this process; every label goes through real HTTP, the protocol's
//! checks and the sled cache; then the same labels are scanned again offline.

use std::path::PathBuf;
use std::process::ExitCode;

use trustlabel_core::decode::DecodeOptions;
use trustlabel_core::scanner::{ScanResult, Scanner};
use trustlabel_registry::{LoopbackRegistry, Manifest};

use crate::options::ScanOptions;
use crate::output::{write_line, Printer};
use crate::progress::Progress;
use crate::table::Table;

/// The label whose full summary the demo prints first: a good one.
const GOOD_LABEL: &str = "ringwraith-2000";

/// Labels whose full summary the demo prints: the good one, and the worst verified one
/// (support ended, approval withdrawn, or as close as the fixtures come).
fn showcase(manifest: &Manifest) -> Vec<String> {
    let worst = |l: &&trustlabel_registry::manifest::Label| {
        let e = &l.expect;
        let ended = e.support.as_deref() == Some("ended");
        let withdrawn = e.authorization.as_deref() == Some("withdrawn");
        (ended as u8) * 2 + withdrawn as u8
    };
    let bad = manifest
        .labels
        .iter()
        .filter(|l| l.expect.outcome == "verified")
        .max_by_key(worst);
    std::iter::once(GOOD_LABEL.to_owned())
        .chain(bad.map(|l| l.slug.clone()))
        .collect()
}

pub async fn run(options: &ScanOptions, fixtures: Option<PathBuf>) -> Result<ExitCode, String> {
    let fixtures = fixtures.unwrap_or_else(trustlabel_registry::default_fixtures_dir);
    let manifest = Manifest::load(&fixtures).map_err(|e| format!("demo data not found: {e}"))?;
    let registry = LoopbackRegistry::from_fixtures(&fixtures)
        .map_err(|e| format!("could not start the demo registry: {e}"))?;
    // A fresh cache unless one is given, so every run shows the same thing.
    let scratch = tempfile::tempdir().map_err(|e| format!("could not create a folder: {e}"))?;
    let data_dir = options
        .data_dir
        .clone()
        .unwrap_or_else(|| scratch.path().join("store"));
    let printer = Printer::new(options.json, &options.lang);
    let people = !options.json;

    let mut online = options.clone();
    online.offline = false;
    online.registry_origin = Some(registry.base_url().to_owned());
    let scanner =
        Scanner::open(online.scanner_config(Some(data_dir.clone()))?).map_err(|e| e.to_string())?;
    if people {
        write_line(&format!(
            "Demo registry on {} (test data, test-only keys).",
            registry.base_url()
        ));
        write_line(&format!("Offline cache in {}.\n", data_dir.display()));
    }

    let first = scan_all(
        &scanner,
        &manifest,
        &printer,
        options.json,
        "Checking with the registry",
    )
    .await;
    if people {
        for slug in showcase(&manifest) {
            if let Some((_, Ok(result))) = first.iter().find(|(s, _)| *s == slug) {
                printer.result(result);
            }
        }
        write_line(&table(&first).to_string());
    }

    // Rollback: the registry first serves a newer statement, then an older one.
    let rollback = &manifest.rollback;
    let path = Manifest::path_of(&rollback.url).unwrap_or_default();
    let mut rollback_results = Vec::new();
    for (step, file) in [("newer", &rollback.newer), ("older", &rollback.older)] {
        let body = std::fs::read(fixtures.join(file)).map_err(|e| format!("{file}: {e}"))?;
        registry.set(&path, body);
        let result = scanner
            .scan_text(&rollback.url)
            .await
            .map_err(|e| e.to_string())?;
        rollback_results.push((format!("rollback ({step} served)"), Ok(result)));
    }

    // A photo of a label, decoded and scanned like a camera frame.
    let photo = fixtures.join("label-photos").join("frame-1280x720.jpg");
    if let Ok(bytes) = std::fs::read(&photo) {
        match scanner.scan_image(&bytes, &DecodeOptions::default()).await {
            Ok(Some(result)) => {
                rollback_results.push(("photo frame-1280x720.jpg".into(), Ok(result)))
            }
            Ok(None) => eprintln!("No QR code found in {}.", photo.display()),
            Err(e) => eprintln!("{}: {e}", photo.display()),
        }
    }
    if people {
        write_line(&table(&rollback_results).to_string());
    } else {
        rollback_results
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .for_each(|r| printer.result(r));
    }
    drop(scanner);

    // Offline: no network at all, the same labels from the cache, each verified again.
    let mut offline = options.clone();
    offline.offline = true;
    let scanner =
        Scanner::open(offline.scanner_config(Some(data_dir))?).map_err(|e| e.to_string())?;
    let second = scan_all(
        &scanner,
        &manifest,
        &printer,
        options.json,
        "Scanning again with no network",
    )
    .await;
    if people {
        write_line(&table(&second).to_string());
        write_line(&format!(
            "Offline, every saved record was verified again; labels never saved say so.\n\
             To keep the cache: trustlabel demo --data-dir DIR, then\n\
             trustlabel scan --offline --data-dir DIR {}",
            manifest
                .label(GOOD_LABEL)
                .map(|l| l.url.as_str())
                .unwrap_or_default()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

async fn scan_all(
    scanner: &Scanner,
    manifest: &Manifest,
    printer: &Printer,
    json: bool,
    title: &str,
) -> Vec<(String, Result<ScanResult, String>)> {
    let progress = Progress::new(title, manifest.labels.len() as u64);
    let mut results = Vec::new();
    for label in &manifest.labels {
        progress.step(&label.slug);
        match scanner.scan_text(&label.url).await {
            Ok(result) => {
                if json {
                    printer.result(&result);
                }
                results.push((label.slug.clone(), Ok(result)));
            }
            Err(error) => {
                if json {
                    printer.error(&label.url, &error);
                }
                results.push((label.slug.clone(), Err(error.to_string())));
            }
        }
    }
    progress.finish();
    results
}

fn table(results: &[(String, Result<ScanResult, String>)]) -> Table {
    let mut table = Table::new(["Label", "Outcome", "Detail"]);
    for (name, result) in results {
        let result = match result {
            Ok(result) => result,
            Err(error) => {
                table.row([name.clone(), "error".into(), error.clone()]);
                continue;
            }
        };
        let detail = match (result.outcome.record(), &result.outcome) {
            (Some(record), _) => record
                .statement
                .record
                .product_name
                .clone()
                .unwrap_or_default(),
            (None, trustlabel_core::scanner::Outcome::Invalid { reason, .. }) => {
                reason.code().to_owned()
            }
            (None, trustlabel_core::scanner::Outcome::NotOfficial { host, .. }) => host.clone(),
            _ => String::new(),
        };
        table.row([name.clone(), result.outcome.code().to_owned(), detail]);
    }
    table
}
