//! Every outcome and every bad envelope, through real HTTP on loopback, each asserting its
//! specific outcome and error kind by its public snake_case name.

use trustlabel_core::scanner::ScanError;
use trustlabel_protocol::{CheckFailure, LookalikeWarning, Outcome, RollbackVersions};
use trustlabel_tests::{block_on, json, Harness};

#[test]
fn every_fixture_label_gets_its_expected_outcome_and_reason() {
    let h = Harness::start();
    let scanner = h.scanner();
    assert!(
        h.manifest.labels.len() >= 20,
        "fixtures: good records and every bad envelope"
    );
    let mut seen_reasons = Vec::new();
    for label in &h.manifest.labels {
        let result = block_on(scanner.scan_text(&label.url))
            .unwrap_or_else(|e| panic!("{}: {e}", label.slug));
        let got = json(&result);
        assert_eq!(
            got["outcome"],
            label.expect.outcome.as_str(),
            "{}: {got}",
            label.slug
        );
        match &label.expect.reason {
            Some(reason) => {
                assert_eq!(got["reason"], reason.as_str(), "{}", label.slug);
                seen_reasons.push(reason.clone());
            }
            None => assert!(got.get("reason").is_none(), "{}: {got}", label.slug),
        }
        // A failed check never shows registry data.
        if label.expect.outcome == "invalid" {
            assert!(result.outcome.record().is_none(), "{}", label.slug);
            assert!(got.get("record").is_none(), "{}", label.slug);
        }
    }
    for required in [
        "bad_signature",
        "unknown_key",
        "revoked_key",
        "unsupported_algorithm",
        "wrong_type",
        "wrong_issuer",
        "wrong_subject",
        "issued_in_future",
        "too_large",
        "malformed_base64",
        "malformed_json",
    ] {
        assert!(
            seen_reasons.iter().any(|r| r == required),
            "no fixture exercises {required}"
        );
    }
}

#[test]
fn verified_and_stale_carry_the_record() {
    let h = Harness::start();
    let scanner = h.scanner();
    let good = h.manifest.label("ringwraith-2000").expect("fixture");
    let result = block_on(scanner.scan_text(&good.url)).unwrap();
    let Outcome::Verified { record } = &result.outcome else {
        panic!("{:?}", result.outcome)
    };
    assert_eq!(record.registry_id(), "demo");
    assert!(record.statement().record.product_name.is_some());
    assert!(!result.trust_list.expired);

    let stale = h
        .manifest
        .labels
        .iter()
        .find(|l| l.expect.outcome == "verified_stale")
        .expect("an expired fixture");
    let result = block_on(scanner.scan_text(&stale.url)).unwrap();
    let Outcome::VerifiedStale { record } = &result.outcome else {
        panic!("{:?}", result.outcome)
    };
    assert!(record.expired());
}

#[test]
fn not_a_label_for_text_and_other_schemes() {
    let h = Harness::start();
    let scanner = h.scanner();
    for text in [
        "hello",
        "WIFI:S:shop;T:WPA;P:x;;",
        "ftp://demo.trustlabel.dev/l/x",
        "",
    ] {
        let result = block_on(scanner.scan_text(text)).unwrap();
        assert_eq!(json(&result)["outcome"], "not_a_label", "{text:?}");
    }
}

#[test]
fn not_official_shows_the_real_host_and_why_it_looks_official() {
    let h = Harness::start();
    let scanner = h.scanner();
    let scan = |text: &str| block_on(scanner.scan_text(text)).unwrap().outcome;

    let Outcome::NotOfficial { host, warnings, .. } = scan("https://shop.example.com/p/1") else {
        panic!()
    };
    assert_eq!(host, "shop.example.com");
    assert!(warnings.is_empty());

    let Outcome::NotOfficial { warnings, .. } =
        scan("https://demo.trustlabe1.dev/l/ringwraith-2000")
    else {
        panic!()
    };
    assert!(
        warnings
            .iter()
            .any(|w| matches!(w, LookalikeWarning::OneEditFromTrusted { .. })),
        "{warnings:?}"
    );

    let Outcome::NotOfficial { warnings, .. } =
        scan("http://demo.trustlabel.dev/l/ringwraith-2000")
    else {
        panic!()
    };
    assert!(warnings
        .iter()
        .any(|w| matches!(w, LookalikeWarning::InsecureHttp { .. })));

    let Outcome::NotOfficial { host, warnings, .. } =
        scan("https://demo.trustlabel.dev@evil.example/l/ringwraith-2000")
    else {
        panic!()
    };
    assert_eq!(host, "evil.example");
    assert_eq!(warnings, vec![LookalikeWarning::Userinfo]);

    // Cyrillic "е": shown in punycode, with the reasons.
    let Outcome::NotOfficial { host, warnings, .. } = scan("https://dеmo.trustlabel.dev/l/x")
    else {
        panic!()
    };
    assert!(host.starts_with("xn--"), "{host}");
    assert!(
        warnings.contains(&LookalikeWarning::MixedScripts),
        "{warnings:?}"
    );
}

#[test]
fn unknown_product_when_the_registry_has_no_record() {
    let h = Harness::start();
    let scanner = h.scanner();
    let url = format!("{}no-such-product", h.manifest.registry_prefix);
    let result = block_on(scanner.scan_text(&url)).unwrap();
    assert_eq!(json(&result)["outcome"], "unknown_product");
    // Nothing was cached for it.
    assert!(scanner.store().record(&url).unwrap().is_none());
}

#[test]
fn offline_cached_after_a_scan_and_not_cached_before() {
    let h = Harness::start();
    let good = h.manifest.label("ringwraith-2000").unwrap().url.clone();
    let other = h.manifest.label("palantir-cam").unwrap().url.clone();
    {
        let scanner = h.scanner();
        assert_eq!(
            json(&block_on(scanner.scan_text(&good)).unwrap())["outcome"],
            "verified"
        );
    }
    let mut config = h.config();
    config.offline = true;
    let scanner = trustlabel_core::scanner::Scanner::open(config).unwrap();
    let result = block_on(scanner.scan_text(&good)).unwrap();
    assert_eq!(json(&result)["outcome"], "offline_cached");
    assert!(result.outcome.record().is_some());
    assert!(matches!(
        block_on(scanner.scan_text(&other)),
        Err(ScanError::NotCached { .. })
    ));
    // Offline mode never touched the network.
    assert_eq!(h.registry.hits(&h.path_of(&other)), 0);
}

#[test]
fn rollback_is_rejected_and_the_newer_record_kept() {
    let h = Harness::start();
    let rollback = &h.manifest.rollback;
    let path = h.path_of(&rollback.url);
    let newer = trustlabel_tests::read_fixture(&rollback.newer);
    let older = trustlabel_tests::read_fixture(&rollback.older);
    let scanner = h.scanner();

    h.registry.set(&path, newer.clone());
    assert_eq!(
        json(&block_on(scanner.scan_text(&rollback.url)).unwrap())["outcome"],
        "verified"
    );

    h.registry.set(&path, older);
    let result = block_on(scanner.scan_text(&rollback.url)).unwrap();
    let Outcome::Invalid {
        reason: CheckFailure::Rollback(RollbackVersions::Statement { offered, held }),
        registry_id,
    } = &result.outcome
    else {
        panic!("not a rollback: {:?}", result.outcome);
    };
    assert_eq!(registry_id, "demo");
    // The older statement was signed earlier; the rollback names both, the cached one held.
    assert!(offered.0 < held.0, "{offered:?} {held:?}");
    assert_eq!(
        json(&result)["reason"],
        "rollback",
        "the JSON keeps the code"
    );
    let kept = scanner.store().record(&rollback.url).unwrap().unwrap();
    assert_eq!(
        kept.envelope, newer,
        "the newer envelope stays in the store"
    );
}

#[test]
fn a_newer_record_replaces_the_cached_one() {
    let h = Harness::start();
    let rollback = &h.manifest.rollback;
    let path = h.path_of(&rollback.url);
    let newer = trustlabel_tests::read_fixture(&rollback.newer);
    let scanner = h.scanner();
    h.registry
        .set(&path, trustlabel_tests::read_fixture(&rollback.older));
    block_on(scanner.scan_text(&rollback.url)).unwrap();
    h.registry.set(&path, newer.clone());
    let result = block_on(scanner.scan_text(&rollback.url)).unwrap();
    assert_eq!(json(&result)["outcome"], "verified");
    assert_eq!(
        scanner
            .store()
            .record(&rollback.url)
            .unwrap()
            .unwrap()
            .envelope,
        newer
    );
}

#[test]
fn an_unchanged_record_is_confirmed_with_etag_and_304() {
    let h = Harness::start();
    let scanner = h.scanner();
    let url = h.manifest.label("ringwraith-2000").unwrap().url.clone();
    block_on(scanner.scan_text(&url)).unwrap();
    let second = block_on(scanner.scan_text(&url)).unwrap();
    assert_eq!(json(&second)["outcome"], "verified");
    let seen = h.registry.requests(&h.path_of(&url));
    assert_eq!(seen.len(), 2);
    assert!(seen[1].if_none_match.is_some(), "the cached ETag is sent");
    assert_eq!(seen[1].status, 304);
}

#[test]
fn history_lists_recent_labels_newest_first_without_duplicates() {
    let h = Harness::start();
    let scanner = h.scanner();
    let a = h.manifest.label("ringwraith-2000").unwrap().url.clone();
    let b = h
        .manifest
        .label("bad-forged-signature")
        .unwrap()
        .url
        .clone();
    for text in [a.as_str(), b.as_str(), "not a link", a.as_str()] {
        block_on(scanner.scan_text(text)).unwrap();
    }
    let history = scanner.history().unwrap();
    let seen: Vec<(&str, &str)> = history
        .iter()
        .map(|e| (e.url.as_str(), e.outcome.code()))
        .collect();
    // Same clock for every scan: ties keep a stable order; both labels, once each.
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.contains(&(a.as_str(), "verified")));
    assert!(seen.contains(&(b.as_str(), "invalid")));
    let verified = history.iter().find(|e| e.url == a).unwrap();
    assert_eq!(verified.product_name.as_deref(), Some("RingWraith2000"));
    scanner.clear_history().unwrap();
    assert!(scanner.history().unwrap().is_empty());
}
