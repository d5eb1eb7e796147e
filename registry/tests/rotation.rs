//! Key rotation and revocation, as `docs/registry-operations.md` describes them, with a real
//! scanner (`trustlabel_core::scanner::Scanner`, its sled cache included) in the loop:
//!
//! 1. trust list v1: the registry's key `old`; records signed by `old`; scanners verify.
//! 2. v2 adds the key `new` (both active); nothing is re-signed yet; scanners verify.
//! 3. every record is re-signed by `new` (later `iat`, higher `seq`); scanners verify, with `new`.
//! 4. v3 retires `old`: fresh records are all by `new` and verify; a copy cached before the
//!    retirement still verifies offline.
//! 5. v4 revokes `old`: a record still signed by it is refused, fresh and cached copies alike;
//!    everything re-signed keeps verifying.
//!
//! The label `forgotten` is the record an operator missed in step 3: it stays signed by `old`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use trustlabel_core::fetch::FetchConfig;
use trustlabel_core::scanner::{Scanner, ScannerConfig};
use trustlabel_protocol::{Algorithm, Outcome, ScanResult, TRUST_LIST_TYPE};
use trustlabel_registry::keys::NamedKey;
use trustlabel_registry::publish::{statement_for, Issuer};
use trustlabel_registry::sign::{Header, Signer};
use trustlabel_testkit::LoopbackRegistry;

const PREFIX: &str = "https://demo.trustlabel.dev/l/";
const LABELS: [&str; 3] = ["ringwraith-2000", "palantir-cam", "mithril-plug"];
const FORGOTTEN: &str = "durin-lock";

fn day(n: i64) -> i64 {
    // 2026-11-01T00:00:00Z plus n days.
    1_793_491_200 + n * 86_400
}

fn rfc3339(unix: i64) -> String {
    DateTime::<Utc>::from_timestamp(unix, 0)
        .expect("valid time")
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

struct Keys {
    root: NamedKey,
    old: NamedKey,
    new: NamedKey,
}

/// A key entry as JSON, so the lists can carry `retired_at` (read by cores that know it,
/// ignored by older ones).
fn entry(key: &NamedKey, status: &str, retired_at: Option<i64>) -> Value {
    let mut entry = json!({
        "kid": key.kid,
        "alg": key.alg().as_str(),
        "public_key": key.public_key().to_base64url(),
        "not_before": rfc3339(day(-30)),
        "status": status,
    });
    if let Some(at) = retired_at {
        entry["retired_at"] = json!(rfc3339(at));
    }
    entry
}

fn trust_list(keys: &Keys, version: u64, iat: i64, entries: Vec<Value>) -> Vec<u8> {
    let statement = json!({
        "iss": "root",
        "version": version,
        "iat": iat,
        "exp": iat + 365 * 86_400,
        "registries": [{
            "id": "demo",
            "name": "Rotation test registry",
            "url_prefixes": [PREFIX],
            "keys": entries,
        }],
    });
    let payload = serde_json::to_vec(&statement).unwrap();
    Signer::new()
        .sign(
            &keys.root,
            &Header::new(&keys.root, TRUST_LIST_TYPE),
            &payload,
        )
        .to_bytes()
}

/// The envelope for fixture record `slug`, signed by `key` at `iat` with `seq`, through the
/// same checks as `trustlabel-registry sign`.
fn signed_record(key: &NamedKey, slug: &str, iat: i64, seq: u64) -> Vec<u8> {
    let path = trustlabel_registry::default_fixtures_dir().join(format!("records/{slug}.json"));
    let record: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let input = json!({
        "record": record,
        "status": {"authorization": "active", "as_of": rfc3339(iat)},
        "support": {"unsupported": false},
    });
    let issuer = Issuer {
        iss: "demo".into(),
        prefix: url::Url::parse(PREFIX).unwrap(),
        iat,
        exp: iat + 365 * 86_400,
        seq,
    };
    let statement = statement_for(&input, &issuer).unwrap_or_else(|p| panic!("{slug}: {p:?}"));
    Signer::new().statement(key, &statement).to_bytes()
}

fn url(slug: &str) -> String {
    format!("{PREFIX}{slug}")
}

struct World {
    keys: Keys,
    registry: LoopbackRegistry,
    now: Arc<AtomicI64>,
    scanner: Scanner,
    _data: tempfile::TempDir,
}

impl World {
    fn start() -> Self {
        let keys = Keys {
            root: NamedKey::generate("rotation-root", Algorithm::EdDsa),
            old: NamedKey::generate("demo-old", Algorithm::Es256),
            new: NamedKey::generate("demo-new", Algorithm::EdDsa),
        };
        let registry = LoopbackRegistry::start().unwrap();
        for slug in LABELS.iter().chain([&FORGOTTEN]) {
            registry.set(
                &format!("/l/{slug}"),
                signed_record(&keys.old, slug, day(0), 1),
            );
        }
        let now = Arc::new(AtomicI64::new(day(1)));
        let data = tempfile::tempdir().unwrap();
        let mut config = ScannerConfig::new(Some(data.path().join("store")));
        config.trust_anchors = vec![keys.root.anchor()];
        config.trust_list = trust_list(&keys, 1, day(0), vec![entry(&keys.old, "active", None)]);
        config.fetch = FetchConfig {
            origin_override: Some(registry.base_url().parse().unwrap()),
            connect_timeout: Duration::from_millis(500),
            request_timeout: Duration::from_millis(800),
            backoff: Duration::from_millis(10),
            ..FetchConfig::default()
        };
        let clock = now.clone();
        config.clock = Arc::new(move || {
            DateTime::<Utc>::from_timestamp(clock.load(Ordering::SeqCst), 0).unwrap()
        });
        let scanner = Scanner::open(config).unwrap();
        World {
            keys,
            registry,
            now,
            scanner,
            _data: data,
        }
    }

    fn at(&self, unix: i64) {
        self.now.store(unix, Ordering::SeqCst);
    }

    fn install(&self, list: &[u8]) {
        self.scanner
            .install_trust_list(list)
            .expect("the newer list installs");
    }

    async fn scan(&self, slug: &str) -> ScanResult {
        self.scanner
            .scan_text(&url(slug))
            .await
            .expect("a scan result")
    }

    async fn scan_offline(&self, slug: &str) -> ScanResult {
        self.scanner
            .scan_text_offline(&url(slug))
            .await
            .expect("a cached result")
    }
}

/// The kid of a verified result; panics with the outcome otherwise.
fn verified_by(result: &ScanResult) -> String {
    match &result.outcome {
        Outcome::Verified { record } | Outcome::OfflineCached { record, .. } => {
            record.kid().to_owned()
        }
        other => panic!("{}: expected verified, got {other:?}", result.text),
    }
}

fn refused_because(result: &ScanResult) -> String {
    match &result.outcome {
        Outcome::Invalid { reason, .. } => reason.code().to_owned(),
        other => panic!("{}: expected invalid, got {other:?}", result.text),
    }
}

#[tokio::test]
async fn rotate_retire_and_revoke_with_a_scanner_in_the_loop() {
    let w = World::start();
    let (old, new) = (w.keys.old.kid.clone(), w.keys.new.kid.clone());

    // 1. Records signed by the only key.
    for slug in LABELS.iter().chain([&FORGOTTEN]) {
        assert_eq!(verified_by(&w.scan(slug).await), old, "step 1: {slug}");
    }

    // 2. Add the new key; nothing re-signed yet: everything still verifies with the old one.
    w.at(day(2));
    let v2 = trust_list(
        &w.keys,
        2,
        day(2),
        vec![
            entry(&w.keys.old, "active", None),
            entry(&w.keys.new, "active", None),
        ],
    );
    w.install(&v2);
    for slug in LABELS.iter().chain([&FORGOTTEN]) {
        assert_eq!(verified_by(&w.scan(slug).await), old, "step 2: {slug}");
    }

    // 3. Re-sign every record with the new key (later iat, higher seq), except the forgotten one.
    w.at(day(3));
    for slug in LABELS {
        w.registry.set(
            &format!("/l/{slug}"),
            signed_record(&w.keys.new, slug, day(3), 2),
        );
    }
    for slug in LABELS {
        assert_eq!(verified_by(&w.scan(slug).await), new, "step 3: {slug}");
    }

    // 4. Retire the old key. Fresh records are all by the new key; the forgotten label's
    // copy cached before the retirement still verifies offline.
    w.at(day(4));
    let v3 = trust_list(
        &w.keys,
        3,
        day(4),
        vec![
            entry(&w.keys.old, "retired", Some(day(4))),
            entry(&w.keys.new, "active", None),
        ],
    );
    w.install(&v3);
    for slug in LABELS {
        assert_eq!(verified_by(&w.scan(slug).await), new, "step 4: {slug}");
        assert_eq!(
            verified_by(&w.scan_offline(slug).await),
            new,
            "step 4 offline: {slug}"
        );
    }
    assert_eq!(
        verified_by(&w.scan_offline(FORGOTTEN).await),
        old,
        "step 4: a copy cached before the retirement"
    );
    // An older list cannot come back (version only goes up).
    assert!(
        w.scanner.install_trust_list(&v2).is_err(),
        "v2 after v3 is a rollback"
    );

    // 5. Revoke the old key: the forgotten record is refused, the cached copy first (it is
    // verified again on every read), then a fresh fetch; the rest keeps verifying.
    w.at(day(5));
    let v4 = trust_list(
        &w.keys,
        4,
        day(5),
        vec![
            entry(&w.keys.old, "revoked", Some(day(4))),
            entry(&w.keys.new, "active", None),
        ],
    );
    w.install(&v4);
    assert_eq!(
        refused_because(&w.scan_offline(FORGOTTEN).await),
        "revoked_key"
    );
    assert_eq!(refused_because(&w.scan(FORGOTTEN).await), "revoked_key");
    for slug in LABELS {
        assert_eq!(verified_by(&w.scan(slug).await), new, "step 5: {slug}");
        assert_eq!(
            verified_by(&w.scan_offline(slug).await),
            new,
            "step 5 offline: {slug}"
        );
    }
    // Nothing the revoked key signed is served from the cache afterwards either.
    assert!(
        !matches!(
            w.scanner
                .scan_text_offline(&url(FORGOTTEN))
                .await
                .map(|r| r.outcome),
            Ok(Outcome::OfflineCached { .. }) | Ok(Outcome::Verified { .. })
        ),
        "the revoked copy is gone from the cache"
    );
}

/// The rule another change brings to `verify`/`trust` (issue 9): a freshly fetched record
/// must be signed by a key that is active now; a retired key verifies only copies cached
/// before it was retired.
#[tokio::test]
async fn a_fresh_record_by_a_retired_key_is_refused() {
    let w = World::start();
    w.at(day(4));
    let v3 = trust_list(
        &w.keys,
        3,
        day(4),
        vec![
            entry(&w.keys.old, "retired", Some(day(4))),
            entry(&w.keys.new, "active", None),
        ],
    );
    w.install(&v3);
    let result = w.scan(FORGOTTEN).await;
    assert!(
        matches!(result.outcome, Outcome::Invalid { .. }),
        "a record fetched after its key was retired: {:?}",
        result.outcome
    );
}
