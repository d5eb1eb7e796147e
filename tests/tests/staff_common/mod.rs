//! Helpers shared by the staff-feature tests (audit, pack, watchlist, compare, history).
#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use trustlabel_core::audit::{AuditBucket, AuditOptions};
use trustlabel_registry::manifest::Label;
use trustlabel_testkit::fixtures::FixtureKeys;
use trustlabel_tests::fixtures_dir;

/// A clock the test moves by hand.
#[derive(Clone)]
pub struct TestClock(Arc<AtomicI64>);

impl TestClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        TestClock(Arc::new(AtomicI64::new(at.timestamp())))
    }

    pub fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.0.load(Ordering::SeqCst), 0).unwrap()
    }

    pub fn set(&self, at: DateTime<Utc>) {
        self.0.store(at.timestamp(), Ordering::SeqCst);
    }

    pub fn clock(&self) -> trustlabel_core::scanner::Clock {
        let me = self.clone();
        Arc::new(move || me.now())
    }
}

pub fn keys() -> FixtureKeys {
    FixtureKeys::load(&fixtures_dir().join("keys")).expect("fixture keys")
}

pub fn audit_options(clock: &TestClock) -> AuditOptions {
    AuditOptions {
        clock: clock.clock(),
        ..AuditOptions::default()
    }
}

/// The bucket the rules give a fixture label, from the manifest's own description of
/// it (not from the code under test): the first that applies in the order.
pub fn expected_bucket(label: &Label) -> AuditBucket {
    match label.expect.outcome.as_str() {
        "invalid" => return AuditBucket::Invalid,
        "unknown_product" => return AuditBucket::UnknownProduct,
        _ => {}
    }
    let authorization = label.expect.authorization.as_deref().unwrap_or("not_given");
    if matches!(authorization, "withdrawn" | "suspended" | "expired") {
        return AuditBucket::AuthorizationWithdrawn;
    }
    match label.expect.support.as_deref() {
        Some("ended" | "unsupported") => AuditBucket::SupportEnded,
        Some("ends_within_6_months") => AuditBucket::SupportEndsSoon,
        _ => AuditBucket::Ok,
    }
}

/// A pack file from envelopes given as raw JSON text; bytes that are not JSON (a damaged
/// envelope) go in as a JSON string, as a pack writer must.
pub fn pack(trust_list: Option<&[u8]>, records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"{\"pack_version\":1,\"created\":\"2026-11-23T08:00:00Z\"".to_vec();
    if let Some(list) = trust_list {
        out.extend_from_slice(b",\"trust_list\":");
        out.extend_from_slice(list);
    }
    out.extend_from_slice(b",\"records\":[");
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if serde_json::from_slice::<serde::de::IgnoredAny>(r).is_ok() {
            out.extend_from_slice(r);
        } else {
            let text = String::from_utf8_lossy(r).into_owned();
            out.extend_from_slice(serde_json::Value::from(text).to_string().as_bytes());
        }
    }
    out.extend_from_slice(b"]}");
    out
}
