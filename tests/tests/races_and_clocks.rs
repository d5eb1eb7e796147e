//! Concurrency and clock problems found in review: two scans of one label racing, a device
//! clock set back, and a 304 nobody asked for.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::sync::Arc;
use std::time::Duration;

use trustlabel_protocol::Outcome;

use trustlabel_core::scanner::Scanner;
use trustlabel_testkit::Fault;
use trustlabel_tests::{config_for, json, read_fixture, Harness};

fn iat_of(envelope: &[u8]) -> i64 {
    use base64::Engine;
    let v: serde_json::Value = serde_json::from_slice(envelope).unwrap();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(v["payload"].as_str().unwrap())
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&payload).unwrap()["iat"]
        .as_i64()
        .unwrap()
}

#[test]
fn two_scans_racing_never_store_the_older_answer_last() {
    let h = Harness::start();
    let rollback = h.manifest.rollback.clone();
    let path = h.path_of(&rollback.url);
    let newer = read_fixture(&rollback.newer);
    let older = read_fixture(&rollback.older);
    let scanner = Arc::new(h.scanner());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (slow, fast) = runtime.block_on(async {
        // Scan B is answered the older statement, slowly.
        h.registry.set(&path, older.clone());
        h.registry
            .inject(&path, Fault::delay(Duration::from_millis(400)).times(1));
        let (s, url) = (scanner.clone(), rollback.url.clone());
        let slow = tokio::spawn(async move { s.scan_text(&url).await.unwrap() });
        tokio::time::sleep(Duration::from_millis(100)).await;
        // Scan A is answered the newer one at once, and stores it first.
        h.registry.set(&path, newer.clone());
        let fast = scanner.scan_text(&rollback.url).await.unwrap();
        (slow.await.unwrap(), fast)
    });
    assert_eq!(json(&fast)["outcome"], "verified");
    assert_eq!(
        json(&slow)["reason"],
        "rollback",
        "the older answer arrived last: a rollback"
    );
    let stored = scanner.store().record(&rollback.url).unwrap().unwrap();
    assert_eq!(
        iat_of(&stored.envelope),
        iat_of(&newer),
        "the newer statement stays stored"
    );
}

#[test]
fn a_clock_set_back_keeps_the_cache_and_its_rollback_reference() {
    let h = Harness::start();
    let rollback = h.manifest.rollback.clone();
    let path = h.path_of(&rollback.url);
    h.registry.set(&path, read_fixture(&rollback.newer));
    trustlabel_tests::block_on(h.scanner().scan_text(&rollback.url)).unwrap();

    // Fifteen days back: before the newer statement's iat.
    let behind = h.manifest.now() - chrono::Duration::days(15);
    let mut config = config_for(h.registry.base_url(), &h.data_dir(), behind);
    config.offline = true;
    let scanner = Scanner::open(config).unwrap();
    let result = trustlabel_tests::block_on(scanner.scan_text(&rollback.url)).unwrap();
    assert_eq!(
        json(&result)["outcome"],
        "offline_cached",
        "{}",
        json(&result)
    );
    drop(scanner);

    // Clock right again; a stale mirror serves the older statement: still a rollback.
    h.registry.set(&path, read_fixture(&rollback.older));
    let result = trustlabel_tests::block_on(h.scanner().scan_text(&rollback.url)).unwrap();
    assert_eq!(json(&result)["reason"], "rollback");
}

#[test]
fn a_clock_set_back_does_not_roll_the_trust_list_back() {
    let h = Harness::start();
    let v2 = read_fixture(&h.manifest.trust.list_v2);
    assert_eq!(h.scanner().install_trust_list(&v2).unwrap().version, 2);
    let behind = h.manifest.now() - chrono::Duration::days(10);
    let scanner = Scanner::open(config_for(h.registry.base_url(), &h.data_dir(), behind)).unwrap();
    assert_eq!(scanner.trust_list_status().version, 2);
    drop(scanner);
    assert_eq!(h.scanner().trust_list_status().version, 2);
}

#[test]
fn a_304_without_our_etag_is_not_a_confirmation() {
    let h = Harness::start();
    let scanner = h.scanner();
    let url = h.manifest.label("ringwraith-2000").unwrap().url.clone();
    // Nothing cached, so no If-None-Match is sent; a 304 means nothing.
    h.registry.inject(&h.path_of(&url), Fault::status(304));
    let result = trustlabel_tests::block_on(scanner.scan_text(&url));
    assert!(result.is_err(), "{:?}", result.map(|r| r.outcome));
    assert!(scanner.store().record(&url).unwrap().is_none());
}

#[test]
fn a_304_for_our_etag_confirms_the_cached_record() {
    let h = Harness::start();
    let scanner = h.scanner();
    let url = h.manifest.label("ringwraith-2000").unwrap().url.clone();
    trustlabel_tests::block_on(scanner.scan_text(&url)).unwrap();
    let result = trustlabel_tests::block_on(scanner.scan_text(&url)).unwrap();
    assert!(matches!(result.outcome, Outcome::Verified { .. }));
    assert_eq!(h.registry.requests(&h.path_of(&url))[1].status, 304);
}

/// Under the store's lock a 304 reuses the check of the cached copy made before the
/// network wait only while the store still holds that very entry: a copy changed during the
/// wait (here tampered with on disk, keeping its ETag so the 304 still answers for it) is
/// checked again, and refused, never confirmed on the strength of the earlier check.
#[test]
fn a_copy_changed_during_the_network_wait_is_checked_again_before_a_304_confirms_it() {
    let h = Harness::start();
    let scanner = Arc::new(h.scanner());
    let url = h.manifest.label("ringwraith-2000").unwrap().url.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let result = runtime.block_on(async {
        scanner.scan_text(&url).await.unwrap();
        let stored = scanner.store().record(&url).unwrap().unwrap();
        h.registry.inject(
            &h.path_of(&url),
            Fault::delay(Duration::from_millis(400)).times(1),
        );
        let (s, u) = (scanner.clone(), url.clone());
        let scan = tokio::spawn(async move { s.scan_text(&u).await.unwrap() });
        tokio::time::sleep(Duration::from_millis(150)).await;
        // The payload's last base64url character changed: the signature no longer covers it.
        let mut envelope: serde_json::Value = serde_json::from_slice(&stored.envelope).unwrap();
        let mut payload = envelope["payload"].as_str().unwrap().to_owned();
        let last = payload.pop().unwrap();
        payload.push(if last == 'A' { 'B' } else { 'A' });
        envelope["payload"] = payload.into();
        let tampered = trustlabel_core::store::CachedEnvelope {
            envelope: serde_json::to_vec(&envelope).unwrap(),
            ..stored
        };
        scanner.store().put_record(&url, &tampered).unwrap();
        scan.await.unwrap()
    });
    let requests = h.registry.requests(&h.path_of(&url));
    assert_eq!(requests.last().unwrap().status, 304, "answered 304");
    assert_eq!(json(&result)["outcome"], "invalid", "{}", json(&result));
}
