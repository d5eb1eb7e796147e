//! The watchlist's alerts across a record change, an authorization change, a key
//! revocation and a support date passing (a test clock drives both scanner and alerts).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod staff_common;

use staff_common::{keys, TestClock};
use trustlabel_core::scanner::Scanner;
use trustlabel_core::watchlist::{self, AlertKind, WatchError};
use trustlabel_protocol::{AuthorizationState, AuthorizationStatus, KeyStatus, TrustList};
use trustlabel_registry::sign::{sign_statement, sign_trust_list};
use trustlabel_testkit::fixtures::{product_statement, products};
use trustlabel_tests::{block_on, read_fixture, Harness};

fn kinds(scanner: &Scanner, url: &str, days: u32, clock: &TestClock) -> Vec<AlertKind> {
    block_on(watchlist::alerts(scanner, days, clock.now(), "en-US"))
        .unwrap()
        .into_iter()
        .filter(|a| a.url == url)
        .map(|a| a.kind)
        .collect()
}

fn scanner_with(h: &Harness, clock: &TestClock) -> Scanner {
    let mut config = h.config();
    config.clock = clock.clock();
    Scanner::open(config).unwrap()
}

#[test]
fn a_record_change_and_an_authorization_change_are_reported() {
    let h = Harness::start();
    let clock = TestClock::new(h.manifest.now());
    let scanner = scanner_with(&h, &clock);
    let keys = keys();
    let label = h.manifest.label("ringwraith-2000").unwrap();
    let item = block_on(watchlist::add(&scanner, &label.url)).unwrap();
    assert_eq!(item.authorization, "active");
    assert_eq!(
        watchlist::list(scanner.store()).unwrap(),
        vec![item.clone()]
    );
    assert!(
        kinds(&scanner, &label.url, 30, &clock).is_empty(),
        "nothing yet"
    );
    assert!(
        scanner.history().unwrap().is_empty(),
        "saving and re-checking are not scans: no history entries"
    );

    // The registry publishes a new statement: a different model number.
    let product = products()
        .into_iter()
        .find(|p| p.slug == "ringwraith-2000")
        .unwrap();
    let mut statement = product_statement(&product);
    statement.iat += 3600;
    statement.record.product_model = Some("RW-2000 rev 2".into());
    h.publish(&label.url, &sign_statement(&keys.demo_es256, &statement));
    assert_eq!(
        kinds(&scanner, &label.url, 30, &clock),
        vec![AlertKind::RecordChanged]
    );

    // Then its authorization is withdrawn.
    statement.iat += 3600;
    statement.status = Some(AuthorizationStatus {
        authorization: AuthorizationState::Withdrawn,
        as_of: None,
    });
    h.publish(&label.url, &sign_statement(&keys.demo_es256, &statement));
    assert_eq!(
        kinds(&scanner, &label.url, 30, &clock),
        vec![AlertKind::AuthorizationChanged, AlertKind::RecordChanged]
    );

    // Offline, from the saved copy: the same (it was saved by the last check).
    let mut config = h.config();
    config.offline = true;
    config.clock = clock.clock();
    drop(scanner);
    let offline = Scanner::open(config).unwrap();
    assert_eq!(
        kinds(&offline, &label.url, 30, &clock),
        vec![AlertKind::AuthorizationChanged, AlertKind::RecordChanged]
    );
    // Saving again takes the new state as the reference.
    block_on(watchlist::add(&offline, &label.url)).unwrap();
    assert!(kinds(&offline, &label.url, 30, &clock).is_empty());
    assert!(watchlist::remove(offline.store(), &label.url).unwrap());
    assert!(watchlist::list(offline.store()).unwrap().is_empty());
}

#[test]
fn a_revoked_signing_key_is_reported_and_voids_the_dates() {
    let h = Harness::start();
    let clock = TestClock::new(h.manifest.now());
    let scanner = scanner_with(&h, &clock);
    let keys = keys();
    // Signed with demo-2026; support ends within 6 months.
    let label = h.manifest.label("black-gate-garage").unwrap();
    assert_eq!(label.signer.as_deref(), Some("demo-2026"));
    block_on(watchlist::add(&scanner, &label.url)).unwrap();
    assert_eq!(
        kinds(&scanner, &label.url, 365, &clock),
        vec![AlertKind::SupportEndsSoon]
    );

    // Trust list version 3: demo-2026 revoked.
    let v1 = read_fixture(&h.manifest.trust.list);
    let mut statement = TrustList::verify_installed(&v1, &h.config().trust_anchors)
        .unwrap()
        .to_statement();
    statement.version = 3;
    for registry in &mut statement.registries {
        for key in &mut registry.keys {
            if key.kid == "demo-2026" {
                key.status = KeyStatus::Revoked;
            }
        }
    }
    scanner
        .install_trust_list(&sign_trust_list(&keys.root, &statement))
        .unwrap();
    assert_eq!(
        kinds(&scanner, &label.url, 365, &clock),
        vec![AlertKind::KeyRevoked]
    );
    // Still reported once the cached copy is gone (removed as invalid by the rescan).
    assert_eq!(
        kinds(&scanner, &label.url, 365, &clock),
        vec![AlertKind::KeyRevoked]
    );
    let alerts = block_on(watchlist::alerts(&scanner, 365, clock.now(), "es-US")).unwrap();
    assert!(
        alerts[0].words.text.contains("cancelada"),
        "{}",
        alerts[0].words.text
    );
}

#[test]
fn the_support_date_passing_turns_soon_into_ended() {
    let h = Harness::start();
    let clock = TestClock::new(h.manifest.now());
    let scanner = scanner_with(&h, &clock);
    let label = h.manifest.label("palantir-cam").unwrap();
    let item = block_on(watchlist::add(&scanner, &label.url)).unwrap();
    let end = chrono::NaiveDate::parse_from_str(item.support_end.as_deref().unwrap(), "%Y-%m-%d")
        .unwrap();
    let today = clock.now().date_naive();
    let days_left = (end - today).num_days() as u32;
    assert!(days_left > 1, "the fixture's support has not ended yet");
    assert!(kinds(&scanner, &label.url, days_left - 1, &clock).is_empty());
    assert_eq!(
        kinds(&scanner, &label.url, days_left, &clock),
        vec![AlertKind::SupportEndsSoon]
    );
    // The day after the support date, with the registry unreachable: from the saved copy.
    clock.set(
        end.succ_opt()
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc(),
    );
    h.registry
        .inject_all(trustlabel_testkit::Fault::status(503).times(100));
    assert_eq!(
        kinds(&scanner, &label.url, 0, &clock),
        vec![AlertKind::SupportEnded]
    );
    let alerts = block_on(watchlist::alerts(&scanner, 0, clock.now(), "en-US")).unwrap();
    assert!(alerts[0].text.contains("ended"), "{}", alerts[0].text);
}

#[test]
fn only_labels_with_a_record_can_be_watched() {
    let h = Harness::start();
    let scanner = h.scanner();
    for slug in ["bad-forged-signature", "no-such-product"] {
        let url = &h.manifest.label(slug).unwrap().url;
        assert!(matches!(
            block_on(watchlist::add(&scanner, url)),
            Err(WatchError::NoRecord { .. })
        ));
    }
    assert!(watchlist::list(scanner.store()).unwrap().is_empty());
}
