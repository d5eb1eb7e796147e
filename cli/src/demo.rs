//! `trustlabel demo`: the whole pipeline on the fixtures, no setup. The fixtures' site is
//! served by the registry's own `serve`, on a loopback port inside this process; every label
//! goes through real HTTP, the protocol's checks and the sled cache; then the same labels are
//! scanned again offline.

use crate::error::{Error, Exit, Result};
use std::path::PathBuf;

use trustlabel_core::scanner::Scanner;
use trustlabel_decode::DecodeOptions;
use trustlabel_protocol::ScanResult;
use trustlabel_registry::manifest::Manifest;
use trustlabel_registry::serve::{Background, Limits};
use trustlabel_registry::site::{Site, SiteSource};

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

/// Everything one demo run works with: the fixtures, the registry serving them, the cache.
struct Demo<'a> {
    options: &'a ScanOptions,
    fixtures: PathBuf,
    manifest: Manifest,
    /// What went into the site, to build it again with another record (the rollback).
    source: SiteSource,
    site: Site,
    registry: Background,
    data_dir: PathBuf,
    /// Holds the fresh cache's folder until the demo ends.
    _scratch: tempfile::TempDir,
    printer: Printer,
    /// Tables and notes for people; `--json` prints only results.
    people: bool,
}

/// Label names with their results, as the tables show them.
type Results = Vec<(String, Result<ScanResult, String>)>;

pub async fn run(options: &ScanOptions, fixtures: Option<PathBuf>) -> Result<Exit> {
    let demo = Demo::start(options, fixtures)?;
    demo.online().await?;
    demo.offline().await?;
    Ok(Exit::Ok)
}

impl<'a> Demo<'a> {
    fn start(options: &'a ScanOptions, fixtures: Option<PathBuf>) -> Result<Self> {
        let fixtures = fixtures.unwrap_or_else(trustlabel_registry::default_fixtures_dir);
        let manifest = Manifest::load(&fixtures)
            .map_err(|e| Error::File(format!("demo data not found: {e}")))?;
        let not_started = |e: &dyn std::fmt::Display| {
            Error::Failed(format!("could not start the demo registry: {e}"))
        };
        let source = SiteSource::fixtures(&fixtures).map_err(|e| not_started(&e))?;
        let site = Site::build(&source, chrono::Local::now().fixed_offset())
            .map_err(|e| not_started(&e))?;
        let registry = Background::start(&site, "127.0.0.1:0", Limits::default())
            .map_err(|e| not_started(&e))?;
        // A fresh cache unless one is given, so every run shows the same thing.
        let scratch = tempfile::tempdir()
            .map_err(|e| Error::Failed(format!("could not create a folder: {e}")))?;
        let data_dir = options
            .data_dir
            .clone()
            .unwrap_or_else(|| scratch.path().join("store"));
        Ok(Demo {
            options,
            fixtures,
            manifest,
            source,
            site,
            registry,
            data_dir,
            _scratch: scratch,
            printer: Printer::new(options.json, &options.lang),
            people: !options.json,
        })
    }

    /// Every label through the loopback registry, then the rollback and the photo.
    async fn online(&self) -> Result<()> {
        let mut online = self.options.clone();
        online.offline = false;
        online.registry_origin = Some(self.registry.base_url());
        let scanner = Scanner::open(online.scanner_config(Some(self.data_dir.clone()))?)?;
        if self.people {
            write_line(&format!(
                "Demo registry on {} (test data, test-only keys).",
                self.registry.base_url()
            ));
            write_line(&format!("Offline cache in {}.\n", self.data_dir.display()));
        }
        let first = self.scan_all(&scanner, "Checking with the registry").await;
        if self.people {
            for slug in showcase(&self.manifest) {
                if let Some((_, Ok(result))) = first.iter().find(|(s, _)| *s == slug) {
                    self.printer.result(result);
                }
            }
            write_line(&table(&first).to_string());
        }
        let mut more = self.rollback(&scanner).await?;
        more.extend(photo(&scanner, &self.fixtures).await);
        if self.people {
            write_line(&table(&more).to_string());
        } else {
            more.iter()
                .filter_map(|(_, r)| r.as_ref().ok())
                .for_each(|r| self.printer.result(r));
        }
        Ok(())
    }

    /// Rollback: the registry first serves a newer statement, then an older one.
    async fn rollback(&self, scanner: &Scanner) -> Result<Results> {
        let rollback = &self.manifest.rollback;
        let mut results = Vec::new();
        for (step, file) in [("newer", &rollback.newer), ("older", &rollback.older)] {
            let body = std::fs::read(self.fixtures.join(file))
                .map_err(|e| Error::File(format!("{file}: {e}")))?;
            self.publish(&rollback.url, body)?;
            let result = scanner.scan_text(&rollback.url).await?;
            results.push((format!("rollback ({step} served)"), Ok(result)));
        }
        Ok(results)
    }

    /// Offline: no network at all, the same labels from the cache, each verified again.
    async fn offline(&self) -> Result<()> {
        let mut offline = self.options.clone();
        offline.offline = true;
        let scanner = Scanner::open(offline.scanner_config(Some(self.data_dir.clone()))?)?;
        let second = self
            .scan_all(&scanner, "Scanning again with no network")
            .await;
        if self.people {
            write_line(&table(&second).to_string());
            write_line(&format!(
                "Offline, every saved record was verified again; labels never saved say so.\n\
                 To keep the cache: trustlabel demo --data-dir DIR, then\n\
                 trustlabel scan --offline --data-dir DIR {}",
                self.manifest
                    .label(GOOD_LABEL)
                    .map(|l| l.url.as_str())
                    .unwrap_or_default()
            ));
        }
        Ok(())
    }

    /// The registry publishes `envelope` for `url` (the rest of the site unchanged).
    fn publish(&self, url: &str, envelope: Vec<u8>) -> Result<()> {
        let one = SiteSource {
            labels: vec![(url.to_owned(), envelope)],
            trust_list: self.source.trust_list.clone(),
            anchors: self.source.anchors.clone(),
            files: Default::default(),
        };
        let label = Site::build(&one, chrono::Local::now().fixed_offset())
            .map_err(|e| Error::Failed(format!("could not publish {url}: {e}")))?;
        let mut site = self.site.clone();
        site.labels.extend(label.labels);
        self.registry.replace(&site);
        Ok(())
    }

    async fn scan_all(&self, scanner: &Scanner, title: &str) -> Results {
        scan_all(
            scanner,
            &self.manifest,
            &self.printer,
            self.options.json,
            title,
        )
        .await
    }
}

/// A photo of a label, decoded and scanned like a camera frame; nothing when it cannot be.
async fn photo(
    scanner: &Scanner,
    fixtures: &std::path::Path,
) -> Option<(String, Result<ScanResult, String>)> {
    let photo = fixtures.join("label-photos").join("frame-1280x720.jpg");
    let bytes = std::fs::read(&photo).ok()?;
    match scanner.scan_image(&bytes, &DecodeOptions::default()).await {
        Ok(Some(result)) => Some(("photo frame-1280x720.jpg".into(), Ok(result))),
        Ok(None) => {
            crate::output::note(&format!("No QR code found in {}.", photo.display()));
            None
        }
        Err(e) => {
            crate::output::note(&format!("{}: {e}", photo.display()));
            None
        }
    }
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
                .statement()
                .record
                .product_name
                .clone()
                .unwrap_or_default(),
            (None, trustlabel_protocol::Outcome::Invalid { reason, .. }) => {
                reason.code().to_owned()
            }
            (None, trustlabel_protocol::Outcome::NotOfficial { host, .. }) => host.clone(),
            _ => String::new(),
        };
        table.row([name.clone(), result.outcome.code().to_owned(), detail]);
    }
    table
}
