//! Every public enum with a hand-written `code()` says the same name as its serde form, for
//! every variant: the codes are what the CLI prints and the FFI passes, the serde names what
//! `--json` and the store write, and the two must never drift apart.
//! (`CheckFailure` and the trust list's errors are checked beside their own code.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

// The summary tests' results (in the words crate, whose tests they are) give every value.
#[path = "../../words/tests/summary_common/mod.rs"]
mod summary_common;

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;
use summary_common::{fixture_results, synthetic_results};
use trustlabel_core::audit::AuditBucket;
use trustlabel_core::watchlist::AlertKind;
use trustlabel_protocol::{OfflineReason, OutcomeKind, Tone};
use trustlabel_words::FactId;

/// The serde name of a unit variant (`"verified"`), or the tag of a tagged one.
fn serde_name(value: impl Serialize, tag: Option<&str>) -> String {
    let json = serde_json::to_value(value).unwrap();
    let name = match tag {
        Some(tag) => json.get(tag).cloned(),
        None => Some(json),
    };
    match name {
        Some(Value::String(name)) => name,
        other => panic!("no serde name: {other:?}"),
    }
}

/// Checks `all` holds `count` variants, each once, each with `code` equal to its serde name.
fn check<T: Serialize + Copy + std::fmt::Debug>(
    what: &str,
    all: &[T],
    count: usize,
    code: impl Fn(T) -> &'static str,
) {
    let names: BTreeSet<String> = all.iter().map(|v| serde_name(v, None)).collect();
    assert_eq!(names.len(), count, "{what}: {count} distinct variants");
    for v in all {
        assert_eq!(code(*v), serde_name(v, None), "{what} {v:?}");
    }
}

#[test]
fn every_code_is_its_serde_name() {
    // The counts come from exhaustive matches: a new variant does not compile until it is
    // counted here, and then fails until it is in the type's list too.
    let outcome_kinds = |k: OutcomeKind| match k {
        OutcomeKind::Verified
        | OutcomeKind::VerifiedStale
        | OutcomeKind::Unsigned
        | OutcomeKind::OfflineCached
        | OutcomeKind::NotOfficial
        | OutcomeKind::NotALabel
        | OutcomeKind::UnknownProduct
        | OutcomeKind::Invalid => 8,
    };
    check(
        "OutcomeKind",
        &OutcomeKind::ALL,
        outcome_kinds(OutcomeKind::Verified),
        |k| k.code(),
    );

    let tones = |t: Tone| match t {
        Tone::Good | Tone::Neutral | Tone::Unknown | Tone::Caution | Tone::Bad => 5,
    };
    check("Tone", &Tone::ALL, tones(Tone::Good), |t| t.code());

    let fact_ids = |id: FactId| match id {
        FactId::Verification
        | FactId::TrustList
        | FactId::Product
        | FactId::Support
        | FactId::Updates
        | FactId::Sensors
        | FactId::SignIn
        | FactId::DataLocation
        | FactId::SoftwareOrigin
        | FactId::Authorization
        | FactId::TestedBy
        | FactId::SecuringThisProduct
        | FactId::GeneralUserInformation
        | FactId::DeleteData
        | FactId::AccountDeactivation
        | FactId::EncryptionAndKeyManagement
        | FactId::SbomHbom
        | FactId::SecurityContact
        | FactId::CodeText => 19,
    };
    check("FactId", &FactId::ALL, fact_ids(FactId::Product), |id| {
        id.code()
    });
    for id in FactId::ALL {
        assert_eq!(FactId::from_code(id.code()), Some(id));
    }

    let buckets = |b: AuditBucket| match b {
        AuditBucket::Invalid
        | AuditBucket::NotOfficial
        | AuditBucket::NotALabel
        | AuditBucket::UnknownProduct
        | AuditBucket::NotChecked
        | AuditBucket::AuthorizationWithdrawn
        | AuditBucket::SupportEnded
        | AuditBucket::SupportEndsSoon
        | AuditBucket::Ok => 9,
    };
    check(
        "AuditBucket",
        &AuditBucket::ALL,
        buckets(AuditBucket::Ok),
        |b| b.code(),
    );

    let alerts = [
        AlertKind::SupportEndsSoon,
        AlertKind::SupportEnded,
        AlertKind::AuthorizationChanged,
        AlertKind::RecordChanged,
        AlertKind::KeyRevoked,
    ];
    let alert_count = |a: AlertKind| match a {
        AlertKind::SupportEndsSoon
        | AlertKind::SupportEnded
        | AlertKind::AuthorizationChanged
        | AlertKind::RecordChanged
        | AlertKind::KeyRevoked => 5,
    };
    check(
        "AlertKind",
        &alerts,
        alert_count(AlertKind::KeyRevoked),
        |a| a.code(),
    );

    // Variants with data: their serde name is the tag.
    for reason in [
        OfflineReason::OfflineMode,
        OfflineReason::Unreachable {
            detail: "timed out".into(),
        },
    ] {
        assert_eq!(
            reason.code(),
            serde_name(&reason, Some("kind")),
            "{reason:?}"
        );
    }

    // Every outcome the summary tests build, which is every kind of outcome.
    let mut kinds = BTreeSet::new();
    for (name, result) in fixture_results().into_iter().chain(synthetic_results()) {
        let outcome = &result.outcome;
        assert_eq!(
            outcome.code(),
            serde_name(outcome, Some("outcome")),
            "{name}"
        );
        assert_eq!(outcome.code(), outcome.kind().code(), "{name}");
        kinds.insert(outcome.code());
    }
    let all: BTreeSet<&str> = OutcomeKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(kinds, all, "an outcome of every kind");
}
