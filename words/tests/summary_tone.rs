//! `verdict_tone` decides the verdict's tone without wording the facts; it must give the
//! tone the full summary gives, for every result the summary tests know, on many days
//! around each support date, with a current and an out-of-date trust list.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod summary_common;

use summary_common::{fixture_results, synthetic_results};
use trustlabel_protocol::{ScanResult, Tone};
use trustlabel_words::{summarize, verdict_tone};

/// The tone the full summary gives, at the scan's time in UTC as history takes it.
fn summarised_tone(result: &ScanResult) -> Tone {
    let scanned = chrono::DateTime::from_timestamp(result.scanned_at, 0).unwrap();
    summarize(result, "en-US", scanned.fixed_offset())
        .verdict
        .tone
}

#[test]
fn the_tone_alone_is_the_summary_s_tone() {
    const DAY: i64 = 86_400;
    // Today, the days around it, months and years either way: every support distance.
    let shifts = [
        0, 1, -1, 2, -2, 30, -30, 150, 200, -200, 365, -365, 1_000, -1_000, 3_650,
    ];
    let mut results = fixture_results();
    results.extend(synthetic_results());
    let mut checked = 0;
    let mut tones = std::collections::BTreeSet::new();
    for (name, base) in &results {
        for shift in shifts {
            for old_list in [false, true] {
                let mut result = base.clone();
                result.scanned_at += shift * DAY;
                result.trust_list.expired = old_list;
                let expected = summarised_tone(&result);
                assert_eq!(
                    verdict_tone(&result),
                    expected,
                    "{name}, {shift} days on, old trust list: {old_list}"
                );
                tones.insert(expected);
                checked += 1;
            }
        }
    }
    assert!(checked > 1_000, "only {checked} results");
    // A verdict is never neutral: every other tone is seen.
    let expected = [Tone::Good, Tone::Unknown, Tone::Caution, Tone::Bad];
    assert_eq!(tones, expected.into(), "tones seen");
}
