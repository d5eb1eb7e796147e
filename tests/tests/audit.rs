//! Shelf audits: buckets and dedupe on every fixture label, persistence across a restart,
//! and the CSV export parsed back with a real CSV reader.

mod staff_common;

use std::collections::BTreeMap;

use staff_common::{audit_options, expected_bucket, TestClock};
use trustlabel_core::audit::{
    scan_all, scan_into, Audit, AuditBucket, AuditEntry, AuditError, AuditMeta, CSV_HEADER,
};
use trustlabel_core::scanner::ScanError;
use trustlabel_protocol::{Outcome, RecordView, ScanResult, TrustListStatus};
use trustlabel_testkit::fixtures::{product_statement, products};
use trustlabel_tests::{block_on, Harness};

#[test]
fn every_fixture_label_lands_in_its_bucket_once_and_repeats_are_counted() {
    let h = Harness::start();
    let scanner = h.scanner();
    let clock = TestClock::new(h.manifest.now());
    let audit = Audit::start(scanner.store(), "aisle 7", audit_options(&clock)).unwrap();
    let mut expected: BTreeMap<String, AuditBucket> = BTreeMap::new();
    for label in &h.manifest.labels {
        expected.insert(label.url.clone(), expected_bucket(label));
    }
    let extras = [
        ("WIFI:S:shop;T:WPA;P:x;;", AuditBucket::NotALabel),
        ("https://shop.example.com/p/1", AuditBucket::NotOfficial),
    ];
    for (text, bucket) in extras {
        expected.insert(text.to_owned(), bucket);
    }
    // Twice over, in two passes, so repeats are not adjacent.
    for _ in 0..2 {
        for label in &h.manifest.labels {
            block_on(scan_into(&scanner, &audit, &label.url)).unwrap();
        }
        for (text, _) in extras {
            block_on(scan_into(&scanner, &audit, text)).unwrap();
        }
    }
    let entries = audit.entries();
    assert_eq!(
        entries.len(),
        expected.len(),
        "one entry per distinct label"
    );
    for entry in &entries {
        let want = expected
            .get(&entry.url)
            .unwrap_or_else(|| panic!("unexpected entry {}", entry.url));
        assert_eq!(entry.bucket, *want, "{}: {entry:?}", entry.url);
        assert_eq!(entry.scan_count, 2, "{}", entry.url);
        if entry.bucket == AuditBucket::Invalid {
            assert!(entry.product_name.is_none(), "failed checks show no data");
            assert!(entry.reason.is_some(), "{}: says why", entry.url);
        }
    }
    let mut want_counts: BTreeMap<AuditBucket, u32> = BTreeMap::new();
    for b in expected.values() {
        *want_counts.entry(*b).or_default() += 1;
    }
    for (bucket, count) in audit.counts() {
        assert_eq!(
            count,
            want_counts.get(&bucket).copied().unwrap_or(0),
            "{bucket:?}"
        );
    }
    // Every bucket the fixtures can reach is reached (the test covers the rules).
    for bucket in [
        AuditBucket::Invalid,
        AuditBucket::NotOfficial,
        AuditBucket::NotALabel,
        AuditBucket::UnknownProduct,
        AuditBucket::AuthorizationWithdrawn,
        AuditBucket::SupportEnded,
        AuditBucket::SupportEndsSoon,
        AuditBucket::Ok,
    ] {
        assert!(
            want_counts.contains_key(&bucket),
            "no fixture for {bucket:?}"
        );
    }
}

#[test]
fn withdrawn_beats_ended_support_and_unreachable_is_not_checked() {
    let h = Harness::start();
    let scanner = h.scanner();
    let clock = TestClock::new(h.manifest.now());
    let audit = Audit::start(scanner.store(), "precedence", audit_options(&clock)).unwrap();
    // Withdrawn and past its support date: void whatever its dates say.
    let morgul = h.manifest.label("morgul-camera").unwrap();
    assert_eq!(morgul.expect.support.as_deref(), Some("ended"));
    let e = block_on(scan_into(&scanner, &audit, &morgul.url)).unwrap();
    assert_eq!(e.bucket, AuditBucket::AuthorizationWithdrawn);

    // Not saved and offline: not checked; checked later, the answer replaces it.
    let ring = &h.manifest.label("ringwraith-2000").unwrap().url;
    let offline = block_on(scanner.scan_text_offline(ring));
    assert!(matches!(offline, Err(ScanError::NotCached { .. })));
    let e = audit.add(ring, &offline).unwrap();
    assert_eq!(e.bucket, AuditBucket::NotChecked);
    assert_eq!(e.outcome, "not_cached");
    let e = block_on(scan_into(&scanner, &audit, ring)).unwrap();
    assert_eq!((e.bucket, e.scan_count), (AuditBucket::Ok, 2));
    // A later failure to reach the registry does not undo a checked answer.
    let unreachable: Result<ScanResult, ScanError> = Err(ScanError::Unreachable {
        url: ring.clone(),
        detail: "timed out".into(),
    });
    let e = audit.add(ring, &unreachable).unwrap();
    assert_eq!((e.bucket, e.scan_count), (AuditBucket::Ok, 3));
    assert_eq!(e.outcome, "verified");
}

#[test]
fn an_audit_survives_a_restart_and_can_be_listed_reopened_and_deleted() {
    let h = Harness::start();
    let clock = TestClock::new(h.manifest.now());
    let urls: Vec<String> = ["ringwraith-2000", "palantir-cam", "bad-forged-signature"]
        .iter()
        .map(|s| h.manifest.label(s).unwrap().url.clone())
        .collect();
    let before = {
        let scanner = h.scanner();
        let audit = Audit::start(scanner.store(), "store 12", audit_options(&clock)).unwrap();
        for url in &urls {
            block_on(scan_into(&scanner, &audit, url)).unwrap();
        }
        assert!(matches!(
            Audit::start(scanner.store(), "store 12", audit_options(&clock)),
            Err(AuditError::Exists(_))
        ));
        audit.entries()
        // Dropped here without close(): as when the app is killed.
    };
    let scanner = h.scanner();
    let list = Audit::list(scanner.store()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].meta.name, "store 12");
    assert!(!list[0].meta.closed);
    let total: u32 = list[0].counts.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 3);

    let audit = Audit::open(scanner.store(), "store 12", audit_options(&clock)).unwrap();
    assert_eq!(
        audit.entries(),
        before,
        "the same entries after the restart"
    );
    block_on(scan_into(&scanner, &audit, &urls[0])).unwrap();
    let ring = audit
        .entries()
        .into_iter()
        .find(|e| e.url == urls[0])
        .unwrap();
    assert_eq!(ring.scan_count, 2);

    audit.close().unwrap();
    assert!(matches!(
        block_on(scan_into(&scanner, &audit, &urls[1])),
        Err(AuditError::Closed(_))
    ));
    assert!(Audit::list(scanner.store()).unwrap()[0].meta.closed);
    audit.reopen().unwrap();
    block_on(scan_into(&scanner, &audit, &urls[1])).unwrap();

    Audit::delete(scanner.store(), "store 12").unwrap();
    assert!(Audit::list(scanner.store()).unwrap().is_empty());
    assert!(matches!(
        Audit::open(scanner.store(), "store 12", audit_options(&clock)),
        Err(AuditError::NotFound(_))
    ));
    assert!(
        scanner.store().audits::<AuditMeta, AuditEntry>().is_empty(),
        "entries deleted too"
    );
    for bad in ["", " padded", "line\nbreak", &"x".repeat(101)] {
        assert!(matches!(
            Audit::start(scanner.store(), bad, audit_options(&clock)),
            Err(AuditError::BadName)
        ));
    }
}

/// A verified result for a record with these names; the audit only reads it.
fn named(url: &str, name: &str, model: &str, maker: &str, at: i64) -> ScanResult {
    let mut statement = product_statement(&products()[0]);
    statement.sub = url.to_owned();
    statement.record.product_name = Some(name.to_owned());
    statement.record.product_model = Some(model.to_owned());
    statement.record.manufacturer_name = Some(maker.to_owned());
    ScanResult {
        text: url.to_owned(),
        url: Some(url.to_owned()),
        outcome: Outcome::Verified {
            record: RecordView::for_tests(
                statement,
                "demo",
                "Demo",
                "demo-2026",
                None,
                false,
                at,
                at,
            ),
        },
        trust_list: TrustListStatus {
            version: 1,
            expired: false,
        },
        scanned_at: at,
    }
}

#[test]
fn csv_export_round_trips_through_a_real_csv_reader() {
    let h = Harness::start();
    let scanner = h.scanner();
    let clock = TestClock::new(h.manifest.now());
    let audit = Audit::start(scanner.store(), "csv", audit_options(&clock)).unwrap();
    let at = h.manifest.now().timestamp();
    let nasty = [
        ("Cam, the \"Second\"", "M-1\r\nrev B", "Acme, Inc."),
        ("Cámara ñandú 日本", "型号", "Società"),
        ("=HYPERLINK(\"http://evil\")", "+1", "@SUM(A1)"),
        ("-2+3", "\tTab", "\rCR"),
    ];
    for (i, (name, model, maker)) in nasty.iter().enumerate() {
        let url = format!("https://demo.trustlabel.dev/l/csv-{i}");
        audit
            .add(&url, &Ok(named(&url, name, model, maker, at + i as i64)))
            .unwrap();
    }
    // A code that is not a label, written to look like a formula.
    block_on(scan_into(&scanner, &audit, "=cmd|' /C calc'!A0")).unwrap();

    let csv_text = audit.export_csv();
    assert!(csv_text.ends_with("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), nasty.len() + 1);
    // A lone CR (it rewrites a terminal line) is replaced; a CRLF line break stays.
    let defused = |s: &str| {
        let s = s
            .replace("\r\n", "\n")
            .replace('\r', "\u{FFFD}")
            .replace('\n', "\r\n");
        if s.starts_with(['=', '+', '-', '@', '\t']) {
            format!("'{s}")
        } else {
            s
        }
    };
    for (i, (name, model, maker)) in nasty.iter().enumerate() {
        let url = format!("https://demo.trustlabel.dev/l/csv-{i}");
        let row = rows
            .iter()
            .find(|r| &r[3] == url.as_str())
            .unwrap_or_else(|| panic!("{url} missing"));
        assert_eq!(row.len(), CSV_HEADER.len());
        assert_eq!(&row[0], defused(name));
        assert_eq!(&row[1], defused(model));
        assert_eq!(&row[2], defused(maker));
        assert_eq!(&row[4], "ok");
        assert_eq!(&row[5], "verified");
        assert_eq!(&row[8], "1");
        // ISO 8601, UTC.
        let first = chrono::DateTime::parse_from_rfc3339(&row[9]).unwrap();
        assert_eq!(first.timestamp(), at + i as i64);
        assert!(row[9].ends_with('Z'));
        assert!(chrono::NaiveDate::parse_from_str(&row[7], "%Y-%m-%d").is_ok());
    }
    let text_row = rows.iter().find(|r| &r[4] == "not_a_label").unwrap();
    assert_eq!(&text_row[3], "'=cmd|' /C calc'!A0");
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }

    let json = audit.export_json();
    assert_eq!(json["name"], "csv");
    assert_eq!(json["counts"]["ok"], nasty.len());
    assert_eq!(json["counts"]["not_a_label"], 1);
    let names: Vec<&str> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["product_name"].as_str())
        .collect();
    assert!(
        names.contains(&"Cámara ñandú 日本"),
        "JSON keeps names as they are"
    );
}

#[test]
fn scanning_many_at_once_fills_the_audit_as_one_by_one_does() {
    let h = Harness::start();
    let scanner = std::sync::Arc::new(h.scanner());
    let clock = TestClock::new(h.manifest.now());
    let mut texts: Vec<String> = h.manifest.labels.iter().map(|l| l.url.clone()).collect();
    texts.push("WIFI:S:shop;T:WPA;P:x;;".into());
    // Every text twice, the repeats far apart, so two workers may hold the same label.
    let twice: Vec<String> = texts.iter().chain(texts.iter()).cloned().collect();

    let one_by_one = Audit::start(scanner.store(), "one by one", audit_options(&clock)).unwrap();
    for text in &twice {
        block_on(scan_into(&scanner, &one_by_one, text)).unwrap();
    }
    let at_once = std::sync::Arc::new(
        Audit::start(scanner.store(), "at once", audit_options(&clock)).unwrap(),
    );
    let mut answered = Vec::new();
    block_on(scan_all(&scanner, &at_once, twice.clone(), 8, |e| {
        answered.push(e.url.clone())
    }))
    .unwrap();
    assert_eq!(answered.len(), twice.len(), "one answer per text");

    let summary = |entries: Vec<trustlabel_core::audit::AuditEntry>| {
        entries
            .into_iter()
            .map(|e| (e.url, e.bucket, e.outcome, e.reason, e.scan_count))
            .collect::<Vec<_>>()
    };
    let want = summary(one_by_one.entries());
    assert_eq!(want.len(), texts.len());
    assert!(want.iter().all(|e| e.4 == 2), "every label counted twice");
    assert_eq!(summary(at_once.entries()), want);
    assert_eq!(at_once.counts(), one_by_one.counts());

    // A closed audit takes nothing: the error comes back, nothing is added.
    at_once.close().unwrap();
    let before = at_once.entries();
    let refused = block_on(scan_all(&scanner, &at_once, twice, 8, |_| {}));
    assert!(matches!(refused, Err(AuditError::Closed(_))), "{refused:?}");
    assert_eq!(at_once.entries(), before);
}
