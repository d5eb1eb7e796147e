//! The security review's findings (issue 9), each through the facade as an app sees it:
//! key validity, the trust-list floor, parser edge cases, what people see. Every test here
//! failed on the code before the fixes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::DateTime;
use trustlabel_core::scanner::{Scanner, ScannerConfig};
use trustlabel_core::store::OpenState;
use trustlabel_protocol::{
    b64url, Integrity, KeyEntry, KeyStatus, Outcome, RegistryEntry, TrustListStatement,
    TRUST_LIST_TYPE,
};
use trustlabel_registry::keys::NamedKey;
use trustlabel_testkit::fixtures::FixtureKeys;
use trustlabel_testkit::LoopbackRegistry;
use trustlabel_tests::{block_on, config_for, fixtures_dir, json};

const DAY: i64 = 86_400;
/// 2026-11-23, the fixtures' reference time.
const NOW: i64 = 1_795_392_000;

struct World {
    registry: LoopbackRegistry,
    keys: FixtureKeys,
    /// Signs this registry's records; listed in the trust list as `hard-1`.
    signer: NamedKey,
    data: tempfile::TempDir,
    clock: Arc<AtomicI64>,
}

fn rfc3339(t: i64) -> String {
    DateTime::from_timestamp(t, 0).unwrap().to_rfc3339()
}

impl World {
    fn new() -> Self {
        World {
            registry: LoopbackRegistry::start().unwrap(),
            keys: FixtureKeys::load(&fixtures_dir().join("keys")).unwrap(),
            signer: NamedKey::generate("hard-1", trustlabel_protocol::Algorithm::Es256),
            data: tempfile::tempdir().unwrap(),
            clock: Arc::new(AtomicI64::new(NOW)),
        }
    }

    fn url(&self, slug: &str) -> String {
        format!("{}/r/{slug}", self.registry.base_url())
    }

    fn key(&self, status: KeyStatus, not_after: Option<i64>) -> KeyEntry {
        KeyEntry {
            not_after: not_after.map(rfc3339),
            ..self
                .signer
                .key_entry(status, Some("2020-01-01T00:00:00Z"), None)
        }
    }

    fn registry_entry(&self, id: &str, prefix: &str, key: KeyEntry) -> RegistryEntry {
        RegistryEntry {
            id: id.into(),
            name: format!("Registry {id}"),
            url_prefixes: vec![prefix.into()],
            record_url_template: None,
            allow_http_loopback: true,
            integrity: Integrity::Jws,
            keys: vec![key],
            log: None,
        }
    }

    fn list_of(&self, version: u64, registries: Vec<RegistryEntry>) -> Vec<u8> {
        let statement = TrustListStatement {
            iss: "root".into(),
            version,
            iat: NOW - 30 * DAY + version as i64,
            exp: NOW + 365 * DAY,
            registries,
        };
        self.keys.root.signing_key().sign_envelope(
            "trustlabel-root-1",
            TRUST_LIST_TYPE,
            &serde_json::to_vec(&statement).unwrap(),
        )
    }

    fn list(&self, version: u64, key: KeyEntry) -> Vec<u8> {
        let prefix = format!("{}/r/", self.registry.base_url());
        self.list_of(version, vec![self.registry_entry("hard", &prefix, key)])
    }

    fn config(&self, list: Vec<u8>) -> ScannerConfig {
        let mut config = config_for(
            self.registry.base_url(),
            &self.data.path().join("store"),
            DateTime::from_timestamp(NOW, 0).unwrap(),
        );
        let clock = self.clock.clone();
        config.clock =
            Arc::new(move || DateTime::from_timestamp(clock.load(Ordering::SeqCst), 0).unwrap());
        config.trust_list = list;
        config
    }

    fn scanner(&self, list: Vec<u8>) -> Scanner {
        Scanner::open(self.config(list)).unwrap()
    }

    fn statement(&self, slug: &str, iat: i64) -> serde_json::Value {
        serde_json::json!({
            "iss": "hard", "sub": self.url(slug), "iat": iat, "exp": NOW + 365 * DAY, "seq": 1,
            "record": {"QR_code_url": self.url(slug), "product_name": "Hard Cam"},
        })
    }

    fn sign(&self, statement: &serde_json::Value) -> Vec<u8> {
        self.signer.signing_key().sign_envelope(
            "hard-1",
            trustlabel_protocol::RECORD_TYPE,
            statement.to_string().as_bytes(),
        )
    }

    /// Serves a record for `slug` signed as it is now.
    fn serve(&self, slug: &str, envelope: Vec<u8>) {
        self.registry.set(&format!("/r/{slug}"), envelope);
    }

    fn scan(&self, scanner: &Scanner, slug: &str) -> serde_json::Value {
        json(&block_on(scanner.scan_text(&self.url(slug))).unwrap())
    }
}

// Finding 1: a key's validity window bounds what it signs.

#[test]
fn a_back_dated_record_from_an_expired_key_is_not_verified() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, Some(NOW - 10 * DAY))));
    // Signed today with a key that ended 10 days ago, claiming to be 20 days old.
    w.serve("cam", w.sign(&w.statement("cam", NOW - 20 * DAY)));
    let result = w.scan(&scanner, "cam");
    assert_eq!(result["outcome"], "invalid", "{result}");
    assert_eq!(result["reason"], "key_not_valid_at_issue");
}

#[test]
fn a_retired_key_signs_no_fresh_records() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Retired, None)));
    w.serve("cam", w.sign(&w.statement("cam", NOW - DAY)));
    let result = w.scan(&scanner, "cam");
    assert_eq!(result["outcome"], "invalid", "{result}");
    assert_eq!(result["reason"], "key_not_valid_at_issue");
}

#[test]
fn a_cached_record_is_out_of_date_once_its_key_ends() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, Some(NOW + 10 * DAY))));
    w.serve("cam", w.sign(&w.statement("cam", NOW - DAY)));
    assert_eq!(w.scan(&scanner, "cam")["outcome"], "verified");
    // Twenty days on, offline: the record's exp is a year away, but its key ended.
    w.clock.store(NOW + 20 * DAY, Ordering::SeqCst);
    let result = json(&block_on(scanner.scan_text_offline(&w.url("cam"))).unwrap());
    assert_eq!(result["outcome"], "offline_cached", "{result}");
    assert_eq!(result["record"]["expired"], true);
}

#[test]
fn a_key_retired_later_still_verifies_copies_cached_before() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, None)));
    w.serve("cam", w.sign(&w.statement("cam", NOW - 40 * DAY)));
    w.clock.store(NOW - 35 * DAY, Ordering::SeqCst);
    assert_eq!(w.scan(&scanner, "cam")["outcome"], "verified");
    w.clock.store(NOW, Ordering::SeqCst);
    // Version 2 retires the key without a date: retired at its iat, NOW - 30 days + 2 s,
    // which is after the copy was cached.
    scanner
        .install_trust_list(&w.list(2, w.key(KeyStatus::Retired, None)))
        .unwrap();
    let result = json(&block_on(scanner.scan_text_offline(&w.url("cam"))).unwrap());
    assert_eq!(result["outcome"], "offline_cached", "{result}");
    // A new answer signed by it is refused (the unchanged one would be a 304 confirming
    // the copy, which is fine: it was cached before the retirement).
    w.serve("cam", w.sign(&w.statement("cam", NOW - DAY)));
    assert_eq!(w.scan(&scanner, "cam")["reason"], "key_not_valid_at_issue");
}

// Finding 2: the trust-list floor.

/// Version 2 revokes the key version 1 trusts; returns (v1, v2).
fn lists_revoking(w: &World) -> (Vec<u8>, Vec<u8>) {
    (
        w.list(1, w.key(KeyStatus::Active, None)),
        w.list(2, w.key(KeyStatus::Revoked, None)),
    )
}

#[test]
fn the_trust_list_floor_survives_a_recreated_cache() {
    let w = World::new();
    let (v1, v2) = lists_revoking(&w);
    {
        let scanner = w.scanner(v1.clone());
        scanner.install_trust_list(&v2).unwrap();
    }
    // The cache is damaged and recreated; the app still ships version 1.
    let dir = w.data.path().join("store");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("conf"), b"\x00\x01garbage").unwrap();
    std::fs::write(dir.join("db"), vec![0x5Au8; 8192]).unwrap();
    let scanner = w.scanner(v1);
    assert!(
        matches!(scanner.open_state(), OpenState::Recreated { .. }),
        "{:?}",
        scanner.open_state()
    );
    assert_eq!(scanner.trust_list_status().version, 2, "not back to 1");
    w.serve("cam", w.sign(&w.statement("cam", NOW - DAY)));
    assert_eq!(w.scan(&scanner, "cam")["reason"], "revoked_key");
}

#[test]
fn an_edited_saved_trust_list_does_not_bring_back_the_built_in_one() {
    let w = World::new();
    let (v1, v2) = lists_revoking(&w);
    {
        let scanner = w.scanner(v1.clone());
        scanner.install_trust_list(&v2).unwrap();
        // One byte of the copy in the database changes.
        let mut edited = v2.clone();
        let at = edited.len() / 2;
        edited[at] ^= 0x01;
        scanner.store().put_trust_list(&edited, 2).unwrap();
    }
    let scanner = w.scanner(v1);
    assert_eq!(scanner.trust_list_status().version, 2);
}

#[test]
fn a_lost_floor_copy_and_an_older_list_are_refused_not_used() {
    let w = World::new();
    let (v1, v2) = lists_revoking(&w);
    {
        let scanner = w.scanner(v1.clone());
        scanner.install_trust_list(&v2).unwrap();
    }
    // Both saved copies are gone but the floor's version is known: version 1 is refused.
    let floor = w.data.path().join("store.trust-floor.json");
    let mut contents: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&floor).unwrap()).unwrap();
    contents["trust_list"] = "Z29uZQ==".into(); // "gone", in the file's standard base64
    std::fs::write(&floor, contents.to_string()).unwrap();
    std::fs::remove_dir_all(w.data.path().join("store")).unwrap();
    let error = Scanner::open(w.config(v1)).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("not newer than the one already accepted (version 2)"),
        "{error}"
    );
}

#[test]
fn a_data_dir_that_cannot_be_opened_is_not_moved_aside() {
    let w = World::new();
    // A file where the folder should be: an error to report, not a damaged database.
    let dir = w.data.path().join("store");
    std::fs::write(&dir, b"the app's own file").unwrap();
    let (v1, _) = lists_revoking(&w);
    let scanner = w.scanner(v1);
    assert!(
        matches!(scanner.open_state(), OpenState::Temporary { .. }),
        "{:?}",
        scanner.open_state()
    );
    assert_eq!(std::fs::read(&dir).unwrap(), b"the app's own file");
    let siblings: Vec<_> = std::fs::read_dir(w.data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !siblings.iter().any(|n| n.contains("damaged")),
        "{siblings:?}"
    );
}

#[test]
fn a_folder_holding_other_files_is_never_moved_aside() {
    let w = World::new();
    let dir = w.data.path().join("store");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("conf"), b"\x00\x01garbage").unwrap();
    std::fs::write(dir.join("photos.db"), b"the app's photos").unwrap();
    let (v1, _) = lists_revoking(&w);
    let scanner = w.scanner(v1);
    assert!(
        matches!(scanner.open_state(), OpenState::Temporary { .. }),
        "{:?}",
        scanner.open_state()
    );
    assert_eq!(
        std::fs::read(dir.join("photos.db")).unwrap(),
        b"the app's photos"
    );
}

// Finding 3: parser edge cases.

fn envelope_with(protected: &serde_json::Value, payload: &[u8], signer: &NamedKey) -> Vec<u8> {
    let protected = b64url(protected.to_string().as_bytes());
    let payload = b64url(payload);
    let sig = signer
        .signing_key()
        .sign_raw(format!("{protected}.{payload}").as_bytes());
    format!(
        r#"{{"protected":"{protected}","payload":"{payload}","signature":"{}"}}"#,
        b64url(&sig)
    )
    .into_bytes()
}

#[test]
fn a_header_naming_a_member_twice_is_refused() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, None)));
    let payload = w.statement("cam", NOW - DAY).to_string();
    // `kid` twice: the last one names the real key.
    let header =
        r#"{"alg":"ES256","kid":"someone-else","kid":"hard-1","typ":"trustlabel-record+jws"}"#;
    let protected = b64url(header.as_bytes());
    let payload = b64url(payload.as_bytes());
    let sig = w
        .signer
        .signing_key()
        .sign_raw(format!("{protected}.{payload}").as_bytes());
    let envelope = format!(
        r#"{{"protected":"{protected}","payload":"{payload}","signature":"{}"}}"#,
        b64url(&sig)
    );
    w.serve("cam", envelope.into_bytes());
    let result = w.scan(&scanner, "cam");
    assert_eq!(result["outcome"], "invalid", "{result}");
    assert_eq!(result["reason"], "malformed_json");
}

#[test]
fn an_unprotected_header_with_kid_or_crit_is_refused() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, None)));
    let good = w.sign(&w.statement("cam", NOW - DAY));
    for (extra, reason) in [
        (serde_json::json!({"kid": "someone-else"}), "malformed_json"),
        (serde_json::json!({"crit": ["exp"]}), "critical_header"),
    ] {
        let mut envelope: serde_json::Value = serde_json::from_slice(&good).unwrap();
        envelope["header"] = extra;
        w.serve("cam", envelope.to_string().into_bytes());
        let result = w.scan(&scanner, "cam");
        assert_eq!(result["outcome"], "invalid", "{result}");
        assert_eq!(result["reason"], reason);
    }
}

#[test]
fn envelope_strings_with_json_escapes_are_read() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, None)));
    let good = String::from_utf8(w.sign(&w.statement("cam", NOW - DAY))).unwrap();
    // The same envelope with the first character of each member written as \u escape.
    let escaped = good
        .replace(r#""protected":"e"#, r#""protected":"\u0065"#)
        .replace(r#""payload":"e"#, r#""payload":"\u0065"#);
    assert_ne!(escaped, good);
    w.serve("cam", escaped.into_bytes());
    assert_eq!(w.scan(&scanner, "cam")["outcome"], "verified");
}

#[test]
fn a_record_whose_qr_code_url_is_another_label_is_wrong_subject() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, None)));
    let mut statement = w.statement("cam", NOW - DAY);
    statement["record"]["QR_code_url"] = w.url("other").into();
    w.serve("cam", w.sign(&statement));
    let result = w.scan(&scanner, "cam");
    assert_eq!(result["outcome"], "invalid", "{result}");
    assert_eq!(result["reason"], "wrong_subject");
}

#[test]
fn a_payload_naming_a_member_twice_is_refused() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, None)));
    let header = serde_json::json!({"alg":"ES256","kid":"hard-1","typ":"trustlabel-record+jws"});
    let statement = w.statement("cam", NOW - DAY).to_string();
    // A second "product_name" inside the record (kept by flatten, last wins before).
    let doubled = statement.replacen(
        r#""product_name":"Hard Cam""#,
        r#""product_name":"Hard Cam","product_name":"Other""#,
        1,
    );
    assert_ne!(doubled, statement);
    w.serve("cam", envelope_with(&header, doubled.as_bytes(), &w.signer));
    assert_eq!(w.scan(&scanner, "cam")["reason"], "malformed_json");
}

#[test]
fn a_trust_list_with_the_same_version_does_not_replace_the_current_one() {
    let w = World::new();
    let scanner = w.scanner(w.list(3, w.key(KeyStatus::Active, None)));
    let same_version = w.list(3, w.key(KeyStatus::Revoked, None));
    assert!(scanner.install_trust_list(&same_version).is_err());
    // The very same list again is a refresh that found nothing new, not an error.
    assert!(scanner
        .install_trust_list(&w.list(3, w.key(KeyStatus::Active, None)))
        .is_ok());
}

#[test]
fn a_trust_list_giving_one_prefix_to_two_registries_is_refused() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, None)));
    let prefix = format!("{}/r/", w.registry.base_url());
    let list = w.list_of(
        2,
        vec![
            w.registry_entry("hard", &prefix, w.key(KeyStatus::Active, None)),
            w.registry_entry("twin", &prefix, w.key(KeyStatus::Active, None)),
        ],
    );
    assert!(scanner.install_trust_list(&list).is_err());
}

#[test]
fn an_unsigned_record_naming_its_label_twice_is_refused() {
    let w = World::new();
    let prefix = format!("{}/p/", w.registry.base_url());
    let mut plain = w.registry_entry("plain", &prefix, w.key(KeyStatus::Active, None));
    plain.integrity = Integrity::HttpsOnly;
    plain.keys.clear();
    let scanner = w.scanner(w.list_of(1, vec![plain]));
    let url = format!("{prefix}cam");
    let other = format!("{prefix}other");
    // The first QR_code_url is another label; before, the last one won.
    let body =
        format!(r#"{{"QR_code_url":"{other}","product_name":"Plain","QR_code_url":"{url}"}}"#);
    w.registry.set("/p/cam", body.into_bytes());
    let result = json(&block_on(scanner.scan_text(&url)).unwrap());
    assert_eq!(result["outcome"], "invalid", "{result}");
}

// Finding 4: what people see.

#[test]
fn a_lookalike_host_is_shown_in_ascii_in_the_headline() {
    let w = World::new();
    let scanner = w.scanner(w.list(1, w.key(KeyStatus::Active, None)));
    // "demo.trustlabel.dev" with a Cyrillic "е".
    let result = block_on(scanner.scan_text("https://d\u{0435}mo.trustlabel.dev/l/x")).unwrap();
    let Outcome::NotOfficial {
        display_host,
        warnings,
        ..
    } = &result.outcome
    else {
        panic!("{:?}", result.outcome);
    };
    assert!(!warnings.is_empty());
    assert!(
        display_host.is_ascii() && display_host.starts_with("xn--"),
        "{display_host}"
    );
}
