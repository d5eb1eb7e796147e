//! Refreshing the trust list from where it is published (scanner/refresh.rs): a newer list
//! is taken and kept, an older or forged one changes nothing, and "when due" really skips
//! the request.

use trustlabel_core::scanner::{ScanError, Scanner, TrustListRefresh};
use trustlabel_protocol::{CheckFailure, RollbackVersions};
use trustlabel_tests::{block_on, read_fixture, Harness};

/// The path the built-in list's URL maps to on the loopback registry.
const PUBLISHED: &str = "/trust/trust-list.jws.json";

fn publish(h: &Harness, relative: &str) {
    h.registry.set(PUBLISHED, read_fixture(relative));
}

fn refresh(scanner: &Scanner) -> Result<TrustListRefresh, ScanError> {
    block_on(scanner.refresh_trust_list())
}

#[test]
fn a_newer_published_list_is_taken_and_kept_across_restarts() {
    let h = Harness::start();
    publish(&h, &h.manifest.trust.list_v2);
    {
        let scanner = h.scanner();
        assert_eq!(scanner.trust_list_status().version, 1);
        let refreshed = refresh(&scanner).unwrap();
        assert!(
            matches!(refreshed, TrustListRefresh::Updated { .. }),
            "{refreshed:?}"
        );
        assert_eq!(refreshed.status().version, 2);
        assert_eq!(scanner.trust_list_status().version, 2);
        assert!(matches!(
            refresh(&scanner).unwrap(),
            TrustListRefresh::Unchanged { .. }
        ));
    }
    assert_eq!(
        h.scanner().trust_list_status().version,
        2,
        "saved, not only in memory"
    );
}

#[test]
fn an_older_published_list_is_a_rollback_and_changes_nothing() {
    let h = Harness::start();
    let scanner = h.scanner();
    scanner
        .install_trust_list(&read_fixture(&h.manifest.trust.list_v2))
        .unwrap();
    publish(&h, &h.manifest.trust.list);
    let error = refresh(&scanner).unwrap_err();
    assert!(
        matches!(
            error,
            ScanError::TrustList(CheckFailure::Rollback(RollbackVersions::TrustList {
                offered: 1,
                held: 2
            }))
        ),
        "{error:?}"
    );
    assert_eq!(scanner.trust_list_status().version, 2);
}

#[test]
fn a_forged_or_missing_list_is_an_error_and_the_list_in_use_stays() {
    let h = Harness::start();
    let scanner = h.scanner();
    let mut forged = read_fixture(&h.manifest.trust.list_v2);
    let at = forged.len() / 2;
    forged[at] ^= 0x01;
    h.registry.set(PUBLISHED, forged);
    assert!(matches!(refresh(&scanner), Err(ScanError::TrustList(_))));
    h.registry.set(PUBLISHED, b"not a trust list".to_vec());
    assert!(matches!(refresh(&scanner), Err(ScanError::TrustList(_))));
    assert!(h.registry.remove(PUBLISHED));
    assert!(matches!(
        refresh(&scanner),
        Err(ScanError::Unreachable { .. })
    ));
    assert_eq!(scanner.trust_list_status().version, 1);
}

#[test]
fn when_due_asks_once_then_not_again_within_the_interval() {
    let h = Harness::start();
    publish(&h, &h.manifest.trust.list_v2);
    let scanner = h.scanner();
    let first = block_on(scanner.refresh_trust_list_if_due()).unwrap();
    assert!(
        matches!(first, TrustListRefresh::Updated { .. }),
        "{first:?}"
    );
    // Had it asked, this would be an error: the answer is no longer a trust list.
    h.registry.set(PUBLISHED, b"garbage".to_vec());
    let second = block_on(scanner.refresh_trust_list_if_due()).unwrap();
    assert!(
        matches!(second, TrustListRefresh::NotDue { .. }),
        "{second:?}"
    );
    assert!(refresh(&scanner).is_err(), "an explicit refresh still asks");
}

#[test]
fn offline_or_unconfigured_scanners_do_not_ask() {
    let h = Harness::start();
    publish(&h, &h.manifest.trust.list_v2);
    let mut offline = h.config();
    offline.offline = true;
    let scanner = Scanner::open(offline).unwrap();
    assert!(matches!(
        refresh(&scanner),
        Err(ScanError::Unreachable { .. })
    ));
    drop(scanner);
    let mut unconfigured = h.config();
    unconfigured.trust_list_url = None;
    let scanner = Scanner::open(unconfigured).unwrap();
    assert!(matches!(
        block_on(scanner.refresh_trust_list_if_due()).unwrap(),
        TrustListRefresh::NotConfigured { .. }
    ));
    assert_eq!(scanner.trust_list_status().version, 1);
}
