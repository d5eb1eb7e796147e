//! Snapshots of the summary for every signed fixture (verified with the fixture trust list)
//! and for every kind of result without a record, in every locale, with the fixed
//! "now" 2026-11-23T12:00:00-05:00. The snapshots are plain text in `tests/snapshots/`:
//! review them by reading them.
//!
//! Update after a deliberate change: `INSTA_UPDATE=always cargo test -p trustlabel-words
//! --test summary_snapshots`, then read the diff.

mod summary_common;

use chrono::Utc;
use summary_common::{fixed_now, fixture, fixture_results, render, result, synthetic_results};
use trustlabel_protocol::{CheckFailure, OfflineReason, Outcome};
use trustlabel_words::{resolve_locale, summarize, summarize_error, FactId, LOCALES as ALL};

/// The tags the snapshots are made with, one per catalogue (`en` and `es` name the first two
/// snapshots for history's sake).
const LOCALES: [&str; 5] = ["en", "es", "zh-Hans", "zh-Hant", "vi"];

#[test]
fn the_snapshot_tags_cover_every_catalogue() {
    let covered: Vec<&str> = LOCALES.iter().map(|t| resolve_locale(t)).collect();
    assert_eq!(covered, ALL);
}

#[test]
fn every_fixture_in_every_locale() {
    let fixtures = fixture_results();
    assert!(fixtures.len() >= 13, "fixtures missing: {}", fixtures.len());
    for (slug, result) in &fixtures {
        for locale in LOCALES {
            let summary = summarize(result, locale, fixed_now());
            insta::assert_snapshot!(format!("fixture_{slug}_{locale}"), render(&summary));
        }
    }
}

#[test]
fn results_without_a_record() {
    let synthetic = synthetic_results();
    let pick = |name: &str| synthetic.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let cases = vec![
        ("not_official_lookalike", pick("not_official_all_warnings")),
        ("not_official_plain", pick("not_official_plain")),
        ("not_a_label", pick("not_a_label")),
        ("unknown_product", pick("unknown_product")),
        ("invalid_bad_signature", pick("invalid_bad_signature")),
        ("invalid_wrong_subject", pick("invalid_wrong_subject")),
        ("invalid_issued_in_future", pick("invalid_issued_in_future")),
        ("invalid_rollback", pick("invalid_rollback")),
        (
            "trust_list_expired_not_a_label",
            pick("trust_list_expired_not_a_label"),
        ),
    ];
    for (name, r) in cases {
        for locale in LOCALES {
            insta::assert_snapshot!(
                format!("outcome_{name}_{locale}"),
                render(&summarize(&r, locale, fixed_now()))
            );
        }
    }
    for (name, error) in summary_common::errors() {
        if !matches!(name.as_str(), "unreachable" | "not_cached") {
            continue;
        }
        for locale in LOCALES {
            insta::assert_snapshot!(
                format!("error_{name}_{locale}"),
                render(&summarize_error(error, locale))
            );
        }
    }
}

/// A real fixture arriving in the other ways a record can: from the offline copy (saved
/// three days earlier), with an out-of-date statement, with an expired trust list.
#[test]
fn a_record_arriving_other_ways() {
    let base = fixture("ringwraith-2000");
    let Outcome::Verified { record } = base.outcome.clone() else {
        panic!()
    };
    let saved = summary_common::copy_of(
        &record,
        record.expired(),
        record.fetched_at() - 3 * 86_400,
        record.checked_at() - 3 * 86_400,
    );
    let offline = result(
        &base.text,
        Outcome::OfflineCached {
            record: saved,
            why: OfflineReason::OfflineMode,
        },
    );
    let old = summary_common::copy_of(&record, true, record.fetched_at(), record.checked_at());
    let stale = result(&base.text, Outcome::VerifiedStale { record: old });
    let mut trust_old = base.clone();
    trust_old.trust_list.expired = true;
    let withdrawn = fixture("entwife-monitor");
    let Outcome::Verified { record: w } = withdrawn.outcome else {
        panic!()
    };
    let withdrawn_offline = result(
        &withdrawn.text,
        Outcome::OfflineCached {
            record: w,
            why: OfflineReason::Unreachable {
                detail: "the connection failed".into(),
            },
        },
    );
    for (name, r) in [
        ("offline_cached", offline),
        ("verified_stale", stale),
        ("trust_list_expired", trust_old),
        ("offline_cached_withdrawn", withdrawn_offline),
    ] {
        for locale in LOCALES {
            insta::assert_snapshot!(
                format!("arrival_{name}_{locale}"),
                render(&summarize(&r, locale, fixed_now()))
            );
        }
    }
}

/// The JSON shape the apps and `--json` read (field names, snake_case tones, optional link).
#[test]
fn json_shape() {
    let summary = summarize(&fixture("ringwraith-2000"), "en-US", fixed_now());
    insta::assert_snapshot!(
        "json_ringwraith-2000_en",
        serde_json::to_string_pretty(&summary).unwrap()
    );
}

/// The record's own words marked with their language, for review: `‹en›...‹/›`.
#[test]
fn quoted_words_marked() {
    for slug in ["ringwraith-2000", "palantir-cam"] {
        let r = fixture(slug);
        for locale in LOCALES {
            insta::assert_snapshot!(
                format!("quotes_{slug}_{locale}"),
                summary_common::render_quotes(&summarize(&r, locale, fixed_now()))
            );
        }
    }
}

/// Every check failure reads as a reason in every language, never as a code.
#[test]
fn every_check_failure_has_words() {
    for reason in CheckFailure::ALL {
        let r = result(
            "https://demo.trustlabel.dev/l/x",
            Outcome::Invalid {
                reason,
                registry_id: "demo".into(),
            },
        );
        for locale in LOCALES {
            let s = summarize(&r, locale, fixed_now());
            let text = &s.fact(FactId::Verification).unwrap().text;
            assert!(!text.contains(reason.code()), "{text}");
            assert!(!text.contains('_'), "{text}");
        }
    }
    let _ = Utc::now();
}
