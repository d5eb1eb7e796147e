//! Network faults: in each case the cached record (if any) is still served, marked as such,
//! and nothing in the store is lost or replaced by worse data.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::time::Duration;

use trustlabel_protocol::Outcome;

use trustlabel_core::scanner::{ScanError, Scanner};
use trustlabel_core::store::CachedEnvelope;
use trustlabel_testkit::Fault;
use trustlabel_tests::{block_on, config_for, json, Harness};

const LABEL: &str = "ringwraith-2000";

/// Scans `LABEL` once so it is cached, then returns the cached entry.
fn cache_label(h: &Harness, scanner: &Scanner) -> (String, CachedEnvelope) {
    let url = h.manifest.label(LABEL).unwrap().url.clone();
    assert_eq!(
        json(&block_on(scanner.scan_text(&url)).unwrap())["outcome"],
        "verified"
    );
    let entry = scanner.store().record(&url).unwrap().expect("cached");
    (url, entry)
}

/// After a fault: the cached record is served as `offline_cached` and the store is unchanged.
fn assert_served_from_cache(scanner: &Scanner, url: &str, before: &CachedEnvelope) {
    let result = block_on(scanner.scan_text(url)).unwrap();
    let Outcome::OfflineCached { record, .. } = &result.outcome else {
        panic!("expected offline_cached, got {}", json(&result));
    };
    assert_eq!(
        record.checked_at(),
        before.checked_at,
        "not marked as freshly checked"
    );
    let after = scanner.store().record(url).unwrap().expect("still cached");
    assert_eq!(&after, before, "the store is untouched");
}

#[test]
fn connection_refused() {
    let h = Harness::start();
    let (url, before) = cache_label(&h, &h.scanner());
    // Nothing listens on this port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let origin = format!("http://127.0.0.1:{port}");
    let scanner = Scanner::open(config_for(&origin, &h.data_dir(), h.manifest.now())).unwrap();
    assert_served_from_cache(&scanner, &url, &before);

    let other = h.manifest.label("palantir-cam").unwrap().url.clone();
    assert!(matches!(
        block_on(scanner.scan_text(&other)),
        Err(ScanError::Unreachable { .. })
    ));
}

#[test]
fn timeout() {
    let h = Harness::start();
    let scanner = h.scanner();
    let (url, before) = cache_label(&h, &scanner);
    h.registry.inject_all(Fault::delay(Duration::from_secs(3)));
    assert_served_from_cache(&scanner, &url, &before);
}

#[test]
fn server_error_then_success_on_retry() {
    let h = Harness::start();
    let scanner = h.scanner();
    let url = h.manifest.label(LABEL).unwrap().url.clone();
    let path = h.path_of(&url);
    h.registry.inject(&path, Fault::status(500).times(2));
    let result = block_on(scanner.scan_text(&url)).unwrap();
    assert_eq!(json(&result)["outcome"], "verified");
    assert_eq!(h.registry.hits(&path), 3, "two 500s, then the answer");
}

#[test]
fn server_error_every_time_serves_the_cache() {
    let h = Harness::start();
    let scanner = h.scanner();
    let (url, before) = cache_label(&h, &scanner);
    let path = h.path_of(&url);
    let hits = h.registry.hits(&path);
    h.registry.inject(&path, Fault::status(503));
    assert_served_from_cache(&scanner, &url, &before);
    assert_eq!(
        h.registry.hits(&path) - hits,
        3,
        "first try and two retries, no more"
    );
}

#[test]
fn not_found_is_unknown_product_and_keeps_the_cache() {
    let h = Harness::start();
    let scanner = h.scanner();
    let (url, before) = cache_label(&h, &scanner);
    let path = h.path_of(&url);
    let hits = h.registry.hits(&path);
    h.registry.remove(&path);
    let result = block_on(scanner.scan_text(&url)).unwrap();
    assert_eq!(json(&result)["outcome"], "unknown_product");
    assert_eq!(h.registry.hits(&path) - hits, 1, "no retry on 4xx");
    assert_eq!(scanner.store().record(&url).unwrap().unwrap(), before);
}

#[test]
fn body_over_the_limit() {
    let h = Harness::start();
    let scanner = h.scanner();
    let (url, before) = cache_label(&h, &scanner);
    h.registry.set(&h.path_of(&url), vec![b'{'; 300 * 1024]);
    assert_served_from_cache(&scanner, &url, &before);
}

#[test]
fn truncated_body() {
    let h = Harness::start();
    let scanner = h.scanner();
    let (url, before) = cache_label(&h, &scanner);
    let path = h.path_of(&url);
    // A 200 with a new ETag (so no 304) whose body is cut off mid-way.
    let mut body = h.registry.body(&path).unwrap();
    body.push(b' ');
    h.registry.set(&path, body);
    h.registry.inject(&path, Fault::truncate(100));
    assert_served_from_cache(&scanner, &url, &before);
}

#[test]
fn slow_server_within_the_timeout_still_verifies() {
    let h = Harness::start();
    let scanner = h.scanner();
    let url = h.manifest.label(LABEL).unwrap().url.clone();
    h.registry
        .inject_all(Fault::delay(Duration::from_millis(300)));
    assert_eq!(
        json(&block_on(scanner.scan_text(&url)).unwrap())["outcome"],
        "verified"
    );
}

#[test]
fn a_bad_answer_never_replaces_a_good_cached_record() {
    let h = Harness::start();
    let scanner = h.scanner();
    let (url, before) = cache_label(&h, &scanner);
    let path = h.path_of(&url);
    // A forged envelope for the same label.
    let forged = h.manifest.label("bad-forged-signature").unwrap();
    let mut forged_json: serde_json::Value = serde_json::from_slice(
        &trustlabel_tests::read_fixture(forged.envelope.as_ref().unwrap()),
    )
    .unwrap();
    forged_json["signature"] = "AAAA".into();
    h.registry
        .set(&path, serde_json::to_vec(&forged_json).unwrap());
    let result = block_on(scanner.scan_text(&url)).unwrap();
    assert_eq!(json(&result)["outcome"], "invalid");
    assert_eq!(scanner.store().record(&url).unwrap().unwrap(), before);
}
