//! The offline cache: re-verification on read, and recovery from a database that is
//! corrupt or locked.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use trustlabel_core::scanner::Scanner;
use trustlabel_core::store::OpenState;
use trustlabel_protocol::{b64url, Outcome};
use trustlabel_tests::{block_on, json, Harness};

#[test]
fn a_record_tampered_with_on_disk_is_caught_on_read() {
    let h = Harness::start();
    let url = h.manifest.label("hearth-thermostat").unwrap().url.clone();
    {
        let scanner = h.scanner();
        block_on(scanner.scan_text(&url)).unwrap();
        // Someone with the files rewrites the cached payload: support "extended" to 2099.
        let store = scanner.store();
        let mut entry = store.record(&url).unwrap().unwrap();
        let mut envelope: serde_json::Value = serde_json::from_slice(&entry.envelope).unwrap();
        let payload = envelope["payload"].as_str().unwrap().to_owned();
        let mut statement: serde_json::Value =
            serde_json::from_slice(&base64_decode(&payload)).unwrap();
        statement["record"]["support_date"] = "2099-12-31".into();
        envelope["payload"] = b64url(&serde_json::to_vec(&statement).unwrap()).into();
        entry.envelope = serde_json::to_vec(&envelope).unwrap();
        store.put_record(&url, &entry).unwrap();
    }
    let mut config = h.config();
    config.offline = true;
    let scanner = Scanner::open(config).unwrap();
    let result = block_on(scanner.scan_text(&url)).unwrap();
    assert_eq!(json(&result)["outcome"], "invalid");
    assert_eq!(json(&result)["reason"], "bad_signature");
    assert!(
        result.outcome.record().is_none(),
        "tampered data is never shown"
    );
    assert!(
        scanner.store().record(&url).unwrap().is_none(),
        "and not kept"
    );
}

#[test]
fn a_corrupt_database_is_recovered_from() {
    let h = Harness::start();
    let dir = h.data_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("conf"), b"\x00\x01garbage").unwrap();
    std::fs::write(dir.join("db"), vec![0x5Au8; 8192]).unwrap();
    let scanner = h.scanner();
    assert!(
        matches!(scanner.open_state(), OpenState::Recreated { .. }),
        "{:?}",
        scanner.open_state()
    );
    let url = h.manifest.label("ringwraith-2000").unwrap().url.clone();
    assert_eq!(
        json(&block_on(scanner.scan_text(&url)).unwrap())["outcome"],
        "verified"
    );
    assert!(
        scanner.store().record(&url).unwrap().is_some(),
        "the new cache works"
    );
}

#[test]
fn a_locked_database_is_worked_around_without_touching_it() {
    let h = Harness::start();
    let url = h.manifest.label("ringwraith-2000").unwrap().url.clone();
    let holder = h.scanner();
    block_on(holder.scan_text(&url)).unwrap();
    let second = h.scanner();
    assert!(
        matches!(second.open_state(), OpenState::Temporary { .. }),
        "{:?}",
        second.open_state()
    );
    assert!(matches!(
        block_on(second.scan_text(&url)).unwrap().outcome,
        Outcome::Verified { .. }
    ));
    drop(second);
    assert!(
        holder.store().record(&url).unwrap().is_some(),
        "the holder's cache is intact"
    );
    drop(holder);
    // Once the holder closes, the store opens normally with its data.
    let reopened = h.scanner();
    assert_eq!(reopened.open_state(), &OpenState::Opened);
    assert!(reopened.store().record(&url).unwrap().is_some());
}

#[test]
fn a_revoked_key_invalidates_cached_records_it_signed() {
    use trustlabel_protocol::{KeyStatus, TrustListStatement};
    let h = Harness::start();
    let label = h
        .manifest
        .labels
        .iter()
        .find(|l| l.expect.outcome == "verified" && l.signer.as_deref() == Some("demo-2026"))
        .expect("a fixture signed by demo-2026");
    let scanner = h.scanner();
    block_on(scanner.scan_text(&label.url)).unwrap();

    // The root publishes trust list version 9 revoking demo-2026.
    let keys = trustlabel_testkit::fixtures::FixtureKeys::load(
        &trustlabel_tests::fixtures_dir().join("keys"),
    )
    .unwrap();
    let root = keys.by_kid("trustlabel-root-1").unwrap();
    let mut statement: TrustListStatement = serde_json::from_slice(&base64_decode(
        serde_json::from_slice::<serde_json::Value>(scanner.trust_list().envelope()).unwrap()
            ["payload"]
            .as_str()
            .unwrap(),
    ))
    .unwrap();
    statement.version = 9;
    for registry in &mut statement.registries {
        for key in &mut registry.keys {
            if key.kid == "demo-2026" {
                key.status = KeyStatus::Revoked;
            }
        }
    }
    let envelope = root.signing_key().sign_envelope(
        "trustlabel-root-1",
        trustlabel_protocol::TRUST_LIST_TYPE,
        &serde_json::to_vec(&statement).unwrap(),
    );
    assert_eq!(scanner.install_trust_list(&envelope).unwrap().version, 9);
    let result = block_on(scanner.scan_text_offline(&label.url)).unwrap();
    assert_eq!(json(&result)["reason"], "revoked_key");

    // An older list cannot come back.
    let v1 = trustlabel_tests::read_fixture(&h.manifest.trust.list);
    assert!(scanner.install_trust_list(&v1).is_err());
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .expect("base64url")
}
