//! Protocol 4b: a registry listed with `"integrity": "https_only"` serves plain CTA-2120
//! records. They are shown, bound to the label, cached, and never marked verified.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use trustlabel_core::scanner::Scanner;
use trustlabel_protocol::{
    Integrity, Outcome, RegistryEntry, Tone, TrustListStatement, TRUST_LIST_TYPE,
};
use trustlabel_testkit::fixtures::FixtureKeys;
use trustlabel_testkit::LoopbackRegistry;
use trustlabel_tests::{block_on, config_for, fixtures_dir, json, manifest};
use trustlabel_words::summarize;

struct Plain {
    registry: LoopbackRegistry,
    data: tempfile::TempDir,
    list: Vec<u8>,
}

/// A loopback registry that does not sign, listed in a trust list signed by the test root.
fn plain_registry() -> Plain {
    let registry = LoopbackRegistry::start().unwrap();
    let keys = FixtureKeys::load(&fixtures_dir().join("keys")).unwrap();
    let statement = TrustListStatement {
        iss: "root".into(),
        version: 7,
        iat: 1_793_491_200,
        exp: 2_109_110_400,
        registries: vec![RegistryEntry {
            id: "plain".into(),
            name: "A registry that does not sign".into(),
            url_prefixes: vec![format!("{}/p/", registry.base_url())],
            record_url_template: None,
            allow_http_loopback: true,
            integrity: Integrity::HttpsOnly,
            keys: vec![],
            log: None,
        }],
    };
    let list = keys.root.signing_key().sign_envelope(
        "trustlabel-root-1",
        TRUST_LIST_TYPE,
        &serde_json::to_vec(&statement).unwrap(),
    );
    Plain {
        registry,
        data: tempfile::tempdir().unwrap(),
        list,
    }
}

impl Plain {
    fn url(&self, slug: &str) -> String {
        format!("{}/p/{slug}", self.registry.base_url())
    }

    fn scanner(&self, offline: bool) -> Scanner {
        let mut config = config_for(
            self.registry.base_url(),
            &self.data.path().join("s"),
            manifest().now(),
        );
        config.trust_list = self.list.clone();
        config.offline = offline;
        Scanner::open(config).unwrap()
    }

    fn serve(&self, slug: &str, qr_code_url: &str) {
        let record = serde_json::json!({
            "schema_version": "1.0.0",
            "QR_code_url": qr_code_url,
            "product_name": "Plain Cam",
            "manufacturer_name": "Plain Devices",
            "support_date": "2029-06-30",
        });
        self.registry
            .set(&format!("/p/{slug}"), serde_json::to_vec(&record).unwrap());
    }
}

#[test]
fn a_plain_record_is_shown_as_unsigned_never_as_verified() {
    let p = plain_registry();
    p.serve("cam", &p.url("cam"));
    let scanner = p.scanner(false);
    let result = block_on(scanner.scan_text(&p.url("cam"))).unwrap();
    assert_eq!(json(&result)["outcome"], "unsigned", "{}", json(&result));
    let Outcome::Unsigned { record } = &result.outcome else {
        unreachable!()
    };
    assert_eq!(record.alg(), None);
    assert!(
        !result.outcome.links_allowed(),
        "an unsigned record's links are not offered"
    );
    assert_eq!(
        record.statement().record.product_name.as_deref(),
        Some("Plain Cam")
    );
    assert_eq!(
        p.registry.requests("/p/cam")[0].accept.as_deref(),
        Some("application/json")
    );

    let summary = summarize(&result, "en", manifest().now().fixed_offset());
    assert!(
        summary
            .verdict
            .text
            .starts_with("This record comes from the registry's website, but it is not signed."),
        "{}",
        summary.verdict.text
    );
    assert!(!summary.verdict.text.contains("This label is real"));
    assert!(summary.verdict.tone >= Tone::Caution);

    // Cached, and shown from the cache offline, still as unsigned.
    drop(scanner);
    let offline = p.scanner(true);
    let result = block_on(offline.scan_text(&p.url("cam"))).unwrap();
    assert_eq!(json(&result)["outcome"], "offline_cached");
    assert_eq!(result.outcome.record().unwrap().alg(), None);
    assert!(
        !result.outcome.links_allowed(),
        "nor from the offline cache"
    );
    let history = offline.history().unwrap();
    assert!(history[0].unsigned);
}

#[test]
fn a_plain_record_for_another_label_is_invalid() {
    let p = plain_registry();
    p.serve("cam", &p.url("other"));
    let result = block_on(p.scanner(false).scan_text(&p.url("cam"))).unwrap();
    assert_eq!(json(&result)["outcome"], "invalid");
    assert_eq!(json(&result)["reason"], "wrong_subject");
}

#[test]
fn a_page_instead_of_json_is_invalid_and_nothing_is_cached() {
    let p = plain_registry();
    p.registry.set("/p/cam", b"<html>not json</html>".to_vec());
    let scanner = p.scanner(false);
    let result = block_on(scanner.scan_text(&p.url("cam"))).unwrap();
    assert_eq!(json(&result)["reason"], "malformed_json");
    assert!(scanner.store().record(&p.url("cam")).unwrap().is_none());
}
