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
use trustlabel_registry::Manifest;
use trustlabel_testkit::LoopbackRegistry;

/// The committed fixtures.
pub fn fixtures_dir() -> PathBuf {
    trustlabel_registry::default_fixtures_dir()
}

pub fn manifest() -> Manifest {
    Manifest::load(&fixtures_dir()).expect("api-fixtures/manifest.json")
}

pub fn read_fixture(relative: &str) -> Vec<u8> {
    let path = fixtures_dir().join(relative);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // An envelope as the demo registry serves it: with the `log_proof` of the fixture log
    // (the demo registry logs; the files on disk carry no proof). One the log does not hold
    // (a forgery) is returned as it is.
    if relative.ends_with(".jws.json") && !relative.starts_with("trust/") {
        let log = trustlabel_registry::log::SiteLog::from_dir(
            &fixtures_dir().join(trustlabel_registry::site::FIXTURE_LOG_DIR),
        )
        .expect("the fixture log reads");
        if let Some(log) = log {
            return log.attach(&bytes);
        }
    }
    bytes
}

/// The fixture registry served on loopback, and a place for the offline cache.
pub struct Harness {
    pub registry: LoopbackRegistry,
    pub manifest: Manifest,
    pub data: tempfile::TempDir,
}

impl Harness {
    pub fn start() -> Self {
        let registry = LoopbackRegistry::from_fixtures(&fixtures_dir()).expect("loopback registry");
        Harness {
            registry,
            manifest: manifest(),
            data: tempfile::tempdir().expect("temp dir"),
        }
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

/// `envelopes` signed ad hoc for the demo registry (which logs), each with its `log_proof`
/// from a log of their own under the demo log's key and origin: what a registry that logged
/// them would serve. For tests of other things (packs, rollbacks) that sign their records.
pub fn demo_logged(envelopes: &[Vec<u8>]) -> Vec<Vec<u8>> {
    use trustlabel_testkit::fixtures::{demo_log_key, DEMO_LOG_ORIGIN};
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut writer =
        trustlabel_tlog::LogWriter::create(dir.path().join("log"), DEMO_LOG_ORIGIN, demo_log_key())
            .expect("a log");
    let entries: Vec<Vec<u8>> = envelopes.iter().map(|e| log_entry_of(e)).collect();
    writer.append(&entries).expect("appended");
    envelopes
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let proof = writer.proof(i as u64).expect("a proof");
            trustlabel_registry::log::with_log_proof(e, &proof)
        })
        .collect()
}
