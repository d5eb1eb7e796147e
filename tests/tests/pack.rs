//! Offline packs: each envelope verified as if fetched, bad ones skipped by reason, the rest
//! imported whole; rollbacks, an older trust list, a truncated file, a 50 MB file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod staff_common;

use staff_common::{keys, pack};
use trustlabel_core::pack::{self, PackError, TrustListImport, MAX_PACK_BYTES};
use trustlabel_core::scanner::Scanner;
use trustlabel_protocol::{KeyStatus, Outcome, TrustList};
use trustlabel_registry::sign::{sign_statement, sign_trust_list};
use trustlabel_testkit::fixtures::{label_url, product_statement, products};
use trustlabel_tests::{block_on, read_fixture, Harness};
use trustlabel_words::{summarize, FactId};

/// A scanner that never uses the network, on its own store.
fn offline_scanner(h: &Harness) -> Scanner {
    let mut config = h.config();
    config.offline = true;
    Scanner::open(config).unwrap()
}

#[test]
fn every_fixture_envelope_is_checked_as_if_fetched() {
    let h = Harness::start();
    let scanner = offline_scanner(&h);
    let now = h.manifest.now();
    let labels: Vec<_> = h
        .manifest
        .labels
        .iter()
        .filter(|l| l.envelope.is_some())
        .collect();
    let envelopes: Vec<Vec<u8>> = labels
        .iter()
        .map(|l| read_fixture(l.envelope.as_ref().unwrap()))
        .collect();
    let report = pack::import(&scanner, &pack(None, &envelopes), now).unwrap();
    assert_eq!(report.trust_list, TrustListImport::Absent);
    let mut expected_skips = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        // A wrong-subject envelope is a genuine record of the label its `sub` names; in a
        // pack, with no URL beside it, that is what it is imported as.
        if label.expect.outcome == "invalid"
            && label.expect.reason.as_deref() != Some("wrong_subject")
        {
            expected_skips.push((i, label.expect.reason.clone().unwrap()));
        }
    }
    let skips: Vec<(usize, String)> = report
        .skipped
        .iter()
        .map(|s| (s.index, s.reason.code().to_owned()))
        .collect();
    assert_eq!(skips, expected_skips);
    assert!(
        skips.iter().any(|(_, r)| r == "bad_signature"),
        "a forged entry"
    );

    // With the network off, every packed label answers from the cache and says when it was
    // last checked (when the registry signed it).
    let local = now.fixed_offset();
    let mut answered = 0;
    for label in &labels {
        if label.expect.outcome == "invalid" {
            assert!(
                scanner.store().record(&label.url).unwrap().is_none(),
                "{}",
                label.slug
            );
            continue;
        }
        let result = block_on(scanner.scan_text(&label.url)).unwrap();
        let Outcome::OfflineCached { record, .. } = &result.outcome else {
            panic!("{}: {:?}", label.slug, result.outcome);
        };
        assert_eq!(
            record.checked_at(),
            record.statement().iat.min(now.timestamp())
        );
        let summary = summarize(&result, "en-US", local);
        let verification = summary.fact(FactId::Verification).unwrap();
        assert!(
            verification.text.contains("last checked"),
            "{}: {}",
            label.slug,
            verification.text
        );
        answered += 1;
    }
    assert_eq!(answered, report.imported);
}

#[test]
fn a_rolled_back_entry_is_skipped_and_the_newer_record_kept() {
    let h = Harness::start();
    let scanner = offline_scanner(&h);
    let now = h.manifest.now();
    let rollback = &h.manifest.rollback;
    let newer = read_fixture(&rollback.newer);
    let older = read_fixture(&rollback.older);

    // In one pack: the older after the newer is a rollback.
    let report = pack::import(&scanner, &pack(None, &[newer.clone(), older.clone()]), now).unwrap();
    assert_eq!(report.imported, 1);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].index, 1);
    assert_eq!(report.skipped[0].reason.code(), "rollback");
    assert_eq!(
        report.skipped[0].url.as_deref(),
        Some(rollback.url.as_str())
    );

    // In a later pack, against the saved copy: the same.
    let report = pack::import(&scanner, &pack(None, &[older]), now).unwrap();
    assert_eq!(report.imported, 0);
    assert_eq!(report.skipped[0].reason.code(), "rollback");
    let saved = scanner.store().record(&rollback.url).unwrap().unwrap();
    assert_eq!(
        saved.envelope, newer,
        "the newer record is kept byte for byte"
    );

    // The same statement again is not a rollback.
    let report = pack::import(&scanner, &pack(None, &[newer]), now).unwrap();
    assert_eq!((report.imported, report.skipped.len()), (1, 0));
}

#[test]
fn the_trust_list_inside_is_checked_like_any_other() {
    let h = Harness::start();
    let scanner = offline_scanner(&h);
    // demo-2027 is valid from 2027-01-01.
    let now = chrono::DateTime::parse_from_rfc3339("2027-01-15T00:00:00Z")
        .unwrap()
        .to_utc();
    let keys = keys();
    let v1 = read_fixture(&h.manifest.trust.list);
    let v2 = read_fixture(&h.manifest.trust.list_v2);

    // A record signed with demo-2027, a key only trust list version 2 has.
    let mut statement = product_statement(&products()[0]);
    statement.sub = label_url("next-key-product");
    statement.record.qr_code_url = Some(statement.sub.clone());
    statement.iat = now.timestamp() - 86_400;
    statement.exp = statement.exp.max(now.timestamp() + 86_400);
    let next = h
        .log(&[sign_statement(&keys.demo_next, &statement)])
        .remove(0);

    let report = pack::import(&scanner, &pack(None, std::slice::from_ref(&next)), now).unwrap();
    assert_eq!(
        report.skipped[0].reason.code(),
        "unknown_key",
        "not without v2"
    );

    let report =
        pack::import(&scanner, &pack(Some(&v2), std::slice::from_ref(&next)), now).unwrap();
    assert_eq!(report.trust_list, TrustListImport::Installed { version: 2 });
    assert_eq!((report.imported, report.skipped.len()), (1, 0));
    assert_eq!(scanner.trust_list().version(), 2);
    let saved = scanner.store().trust_list().unwrap().unwrap();
    assert_eq!(saved, v2, "installed and saved");

    // Version 1 now is a rollback: refused, and the records are checked against v2.
    let report =
        pack::import(&scanner, &pack(Some(&v1), std::slice::from_ref(&next)), now).unwrap();
    assert_eq!(
        report.trust_list,
        TrustListImport::Refused {
            reason: trustlabel_protocol::CheckFailure::Rollback(
                trustlabel_protocol::RollbackVersions::TrustList {
                    offered: 1,
                    held: 2
                }
            )
        }
    );
    assert_eq!(report.imported, 1);
    assert_eq!(scanner.trust_list().version(), 2);

    // A list signed by someone else.
    let mut forged = TrustList::verify_installed(&v2, &h.config().trust_anchors)
        .unwrap()
        .to_statement();
    forged.version = 9;
    for registry in &mut forged.registries {
        for key in &mut registry.keys {
            key.status = KeyStatus::Active;
        }
    }
    let forged = sign_trust_list(&keys.attacker, &forged);
    let report = pack::import(&scanner, &pack(Some(&forged), &[]), now).unwrap();
    assert!(matches!(report.trust_list, TrustListImport::Refused { .. }));
    assert_eq!(scanner.trust_list().version(), 2);
}

#[test]
fn a_truncated_or_malformed_file_imports_nothing() {
    let h = Harness::start();
    let scanner = offline_scanner(&h);
    let now = h.manifest.now();
    let good: Vec<Vec<u8>> = ["ringwraith-2000", "palantir-cam", "mithril-plug"]
        .iter()
        .map(|s| read_fixture(h.manifest.label(s).unwrap().envelope.as_ref().unwrap()))
        .collect();
    let whole = pack(None, &good);
    for cut in [whole.len() - 1, whole.len() / 2, 10] {
        let err = pack::import(&scanner, &whole[..cut], now).unwrap_err();
        assert!(matches!(err, PackError::Truncated), "cut at {cut}: {err:?}");
        assert_eq!(scanner.store().record_count(), 0, "nothing half-imported");
    }
    for bad in [&b"[1,2]"[..], b"{\"pack_version\":1}", b"\xff\xfe", b""] {
        let err = pack::import(&scanner, bad, now).unwrap_err();
        assert!(
            matches!(err, PackError::Malformed(_) | PackError::Truncated),
            "{err:?}"
        );
    }
    let future = br#"{"pack_version":2,"records":[]}"#;
    assert!(matches!(
        pack::import(&scanner, future, now),
        Err(PackError::UnsupportedVersion(2))
    ));
    assert_eq!(scanner.store().record_count(), 0);
    let report = pack::import(&scanner, &whole, now).unwrap();
    assert_eq!(report.imported, 3);
}

#[test]
fn a_50_mb_file_is_read_and_an_oversized_file_refused() {
    let h = Harness::start();
    let scanner = offline_scanner(&h);
    let now = h.manifest.now();
    let good = read_fixture(
        h.manifest
            .label("ringwraith-2000")
            .unwrap()
            .envelope
            .as_ref()
            .unwrap(),
    );
    // One 50 MB entry (a JSON string) between two good ones.
    let mut huge = Vec::with_capacity(50 * 1024 * 1024 + 2);
    huge.push(b'"');
    huge.resize(50 * 1024 * 1024, b'A');
    huge.push(b'"');
    let file = pack(None, &[good.clone(), huge, good.clone()]);
    assert!(file.len() > 50 * 1024 * 1024);
    let report = pack::import(&scanner, &file, now).unwrap();
    assert_eq!(report.imported, 1, "the good label, once");
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].index, 1);
    assert_eq!(report.skipped[0].reason.code(), "too_large");
    drop(file);

    let mut over = pack(None, &[good]);
    over.resize(MAX_PACK_BYTES + 1, b' ');
    let err = pack::import(&scanner, &over, now).unwrap_err();
    assert!(matches!(err, PackError::TooLarge { .. }), "{err:?}");
}

#[test]
fn an_exported_pack_imports_elsewhere_with_the_same_records() {
    let h = Harness::start();
    let now = h.manifest.now();
    let exported = {
        let scanner = h.scanner();
        for label in &h.manifest.labels {
            let _ = block_on(scanner.scan_text(&label.url));
        }
        let exported = pack::export(&scanner, now).unwrap();
        // Every record in it is one the cache holds and that still verifies.
        let value: serde_json::Value = serde_json::from_slice(&exported).unwrap();
        assert_eq!(value["pack_version"], 1);
        assert_eq!(
            value["records"].as_array().unwrap().len(),
            scanner.store().record_count()
        );
        exported
    };
    let other = tempfile::tempdir().unwrap();
    let mut config = h.config();
    config.data_dir = Some(other.path().join("store"));
    config.offline = true;
    let scanner = Scanner::open(config).unwrap();
    let report = pack::import(&scanner, &exported, now).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(
        report.trust_list,
        TrustListImport::AlreadyInUse { version: 1 }
    );
    let good = h
        .manifest
        .labels
        .iter()
        .filter(|l| matches!(l.expect.outcome.as_str(), "verified" | "verified_stale"))
        .count();
    assert_eq!(report.imported, good);
    let ring = &h.manifest.label("ringwraith-2000").unwrap().url;
    assert_eq!(
        block_on(scanner.scan_text(ring)).unwrap().outcome.code(),
        "offline_cached"
    );
}

#[test]
fn a_pack_beyond_the_cache_bound_says_how_many_it_could_not_keep() {
    let h = Harness::start();
    let now = h.manifest.now();
    let envelopes: Vec<Vec<u8>> = ["ringwraith-2000", "palantir-cam"]
        .iter()
        .map(|slug| {
            let label = h.manifest.label(slug).unwrap();
            read_fixture(label.envelope.as_ref().unwrap())
        })
        .collect();
    let mut config = h.config();
    config.offline = true;
    config.max_cached_records = 1;
    let scanner = Scanner::open(config).unwrap();
    let report = pack::import(&scanner, &pack(None, &envelopes), now).unwrap();
    assert_eq!(
        (report.imported, report.not_kept, report.kept_limit),
        (2, 1, 1)
    );
    assert_eq!(scanner.store().record_count(), 1);
    let words = pack::report_words(&report, "en-US").text;
    assert!(words.contains("did not fit"), "{words}");

    // Within the bound nothing is reported lost.
    let roomy = offline_scanner(&h);
    let report = pack::import(&roomy, &pack(None, &envelopes), now).unwrap();
    assert_eq!(report.not_kept, 0);
    assert!(!pack::report_words(&report, "en-US")
        .text
        .contains("did not fit"));
}

/// Entries are checked many at a time (one window per round, split over the cores); a later
/// entry for a label is still checked against the earlier one, wherever the two fall.
#[test]
fn rollbacks_in_a_large_pack_are_found_within_a_window_and_across_windows() {
    let h = Harness::start();
    let now = h.manifest.now();
    let keys = keys();
    let signed = |slug: &str, seq: u64| {
        let mut statement = product_statement(&products()[0]);
        statement.sub = label_url(slug);
        statement.record.qr_code_url = Some(statement.sub.clone());
        statement.iat = now.timestamp() - 86_400;
        statement.seq = seq;
        sign_statement(&keys.demo_eddsa, &statement)
    };
    // 2,000 entries: several windows on any machine (a window is at most 8 x 64 entries).
    let mut envelopes: Vec<Vec<u8>> = (0..2_000)
        .map(|i| signed(&format!("bulk-{i:04}"), 1))
        .collect();
    // (index, label, seq): a newer then an older side by side, the same far apart (other
    // windows), and an older then a newer (both accepted, the newer kept).
    let placed = [
        (10, "near", 2),
        (11, "near", 1),
        (30, "far", 2),
        (1_900, "far", 1),
        (40, "rising", 1),
        (41, "rising", 2),
        (50, "rising-far", 1),
        (1_500, "rising-far", 2),
    ];
    for (index, slug, seq) in placed {
        envelopes[index] = signed(slug, seq);
    }
    let envelopes = h.log(&envelopes);
    let scanner = offline_scanner(&h);
    let report = pack::import(&scanner, &pack(None, &envelopes), now).unwrap();

    let skipped: Vec<(usize, &str, Option<&str>)> = report
        .skipped
        .iter()
        .map(|s| (s.index, s.reason.code(), s.url.as_deref()))
        .collect();
    let (near, far) = (label_url("near"), label_url("far"));
    assert_eq!(
        skipped,
        [
            (11, "rollback", Some(near.as_str())),
            (1_900, "rollback", Some(far.as_str()))
        ]
    );
    // 2,000 slots, 8 of them taken by 4 labels.
    assert_eq!(report.imported, 2_000 - 8 + 4);
    for (index, slug, seq) in placed {
        if seq == 2 {
            let saved = scanner.store().record(&label_url(slug)).unwrap().unwrap();
            assert_eq!(saved.envelope, envelopes[index], "{slug}: the newer kept");
        }
    }

    // Exported (checked window by window too), every record comes out once and in again.
    let exported = pack::export(&scanner, now).unwrap();
    let elsewhere = offline_scanner(&h);
    let again = pack::import(&elsewhere, &exported, now).unwrap();
    assert_eq!((again.imported, again.skipped.len()), (report.imported, 0));
    let saved_near = elsewhere.store().record(&near).unwrap().unwrap();
    assert_eq!(saved_near.envelope, envelopes[10]);
}
