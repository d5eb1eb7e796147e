//! Shared helpers for the cross-crate tests: the fixture registry on loopback and scanners
//! configured against it. Nothing here touches the internet.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test support for the cross-crate tests: a panic here is a failed test"
)]

pub mod camera;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use trustlabel_core::builtin::parse_anchors;
use trustlabel_core::fetch::FetchConfig;
use trustlabel_core::scanner::{Scanner, ScannerConfig};
use trustlabel_protocol::ScanResult;
use trustlabel_registry::manifest::Manifest;
use trustlabel_testkit::LoopbackRegistry;

/// The committed fixtures.
pub fn fixtures_dir() -> PathBuf {
    trustlabel_registry::default_fixtures_dir()
}

pub fn manifest() -> Manifest {
    Manifest::load(&fixtures_dir()).expect("api-fixtures/manifest.json")
}

/// A committed fixture file as the demo registry serves it: an envelope its log holds carries
/// its `log_proof` (the registry logs everything it signs, the rollback's older record
/// included, and serves each envelope with its proof); any other file is returned as it is.
/// [`read_fixture_raw`] gives the bytes on disk.
pub fn read_fixture(relative: &str) -> Vec<u8> {
    let bytes = read_fixture_raw(relative);
    fixture_log().map_or_else(|| bytes.clone(), |log| log.attach(&bytes))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A committed fixture file's bytes on disk (an envelope without `log_proof`).
pub fn read_fixture_raw(relative: &str) -> Vec<u8> {
    let path = fixtures_dir().join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The demo registry's log, read once per test process.
fn fixture_log() -> Option<&'static trustlabel_registry::log::SiteLog> {
    static LOG: std::sync::OnceLock<Option<trustlabel_registry::log::SiteLog>> =
        std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        trustlabel_registry::log::SiteLog::from_dir(
            &fixtures_dir().join(trustlabel_registry::site::FIXTURE_LOG_DIR),
        )
        .expect("api-fixtures/log")
    })
    .as_ref()
}

/// The fixture registry served on loopback, and a place for the offline cache.
pub struct Harness {
    pub registry: LoopbackRegistry,
    pub manifest: Manifest,
    pub data: tempfile::TempDir,
    /// This harness's copy of the demo registry's log, made on the first [`Harness::publish`].
    log: std::sync::Mutex<Option<trustlabel_tlog::LogWriter>>,
}

impl Harness {
    pub fn start() -> Self {
        let registry = LoopbackRegistry::from_fixtures(&fixtures_dir()).expect("loopback registry");
        Harness {
            registry,
            manifest: manifest(),
            data: tempfile::tempdir().expect("temp dir"),
            log: std::sync::Mutex::new(None),
        }
    }

    /// Logs `envelopes` in this harness's copy of the demo registry's log, as the registry
    /// logs everything it signs (here the test is the signer, so every envelope given is
    /// logged), serves the log's new checkpoint and tiles, and returns each envelope carrying
    /// its `log_proof` against the new checkpoint. A scanner that kept an older checkpoint
    /// finds its consistency proof in the served tiles.
    pub fn log(&self, envelopes: &[Vec<u8>]) -> Vec<Vec<u8>> {
        use trustlabel_registry::log as registry_log;
        let mut guard = self.log.lock().unwrap();
        let writer = guard.get_or_insert_with(|| {
            let dir = self.data.path().join("registry-log");
            copy_dir(
                &fixtures_dir().join(trustlabel_registry::site::FIXTURE_LOG_DIR),
                &dir,
            );
            registry_log::open_or_create(&dir, trustlabel_testkit::fixtures::demo_log_key())
                .expect("the copy of the demo log opens")
        });
        let entries: Vec<_> = envelopes
            .iter()
            .map(|e| registry_log::entry_for(e).expect("a signed statement"))
            .collect();
        registry_log::append_new(writer, &entries).expect("the demo log appends");
        let log = registry_log::SiteLog::from_writer(writer).expect("the demo log reads");
        for (path, bytes) in log.files() {
            self.registry
                .set(&format!("{}/{path}", registry_log::LOG_PATH), bytes.clone());
        }
        envelopes.iter().map(|e| log.attach(e)).collect()
    }

    /// Publishes `envelope` at `url` as the demo registry does: logged ([`Harness::log`])
    /// and served with its proof. For bytes the registry never logged (forgeries, garbage),
    /// serve them with `registry.set`.
    pub fn publish(&self, url: &str, envelope: &[u8]) {
        let served = self.log(&[envelope.to_vec()]).remove(0);
        self.registry.set(&self.path_of(url), served);
    }

    pub fn data_dir(&self) -> PathBuf {
        self.data.path().join("store")
    }

    /// A configuration against the loopback registry: fixture trust list and anchor, the
    /// manifest's reference time, short timeouts and backoff so fault tests run quickly.
    pub fn config(&self) -> ScannerConfig {
        config_for(
            self.registry.base_url(),
            &self.data_dir(),
            self.manifest.now(),
        )
    }

    pub fn scanner(&self) -> Scanner {
        Scanner::open(self.config()).expect("scanner opens")
    }

    pub fn path_of(&self, url: &str) -> String {
        Manifest::path_of(url).expect("fixture URL has a path")
    }
}

pub fn config_for(origin: &str, data_dir: &Path, now: DateTime<Utc>) -> ScannerConfig {
    let mut config = ScannerConfig::new(Some(data_dir.to_path_buf()));
    let m = manifest();
    config.trust_list = read_fixture(&m.trust.list);
    config.trust_anchors = parse_anchors(&read_fixture(&m.trust.anchor)).expect("fixture anchor");
    config.fetch = FetchConfig {
        origin_override: Some(origin.parse().expect("origin URL")),
        connect_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_millis(800),
        backoff: Duration::from_millis(10),
        ..FetchConfig::default()
    };
    config.clock = Arc::new(move || now);
    config
}

/// The JSON form of a result, as the CLI prints it: tests assert on the public names.
pub fn json(result: &ScanResult) -> serde_json::Value {
    serde_json::to_value(result).expect("results serialise")
}

/// Runs a future on a fresh runtime (tests are plain `#[test]` so each has its own).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}

/// The transparency-log entry of `envelope` (`trustlabel-record/v1`), as the registry logs it.
pub fn log_entry_of(envelope: &[u8]) -> Vec<u8> {
    let parsed =
        trustlabel_protocol::ParsedEnvelope::parse(envelope, trustlabel_protocol::RECORD_TYPE)
            .expect("an envelope");
    let st: serde_json::Value =
        serde_json::from_slice(parsed.unverified_payload()).expect("a JSON payload");
    trustlabel_tlog::RecordEntry::for_statement(
        st["iss"].as_str().unwrap_or_default(),
        st["sub"].as_str().unwrap_or_default(),
        st["iat"].as_u64().unwrap_or_default(),
        st["seq"].as_u64().unwrap_or_default(),
        &parsed.compact_form(),
    )
    .expect("an entry")
    .to_bytes()
}
