//! Pack import reads from any reader, counting bytes as it reads (issue 21).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::io::Read;

use trustlabel_core::pack::{self, PackError, MAX_PACK_BYTES};
use trustlabel_core::scanner::{Scanner, ScannerConfig};

fn fixture(relative: &str) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-fixtures");
    std::fs::read(root.join(relative)).unwrap()
}

/// A reader that never ends, as a pipe that keeps sending: the limit is counted while
/// reading, not taken from a file's size.
#[test]
fn an_endless_pipe_is_cut_off_at_the_limit() {
    let scanner = Scanner::open(ScannerConfig::new(None)).unwrap();
    let head = &b"{\"pack_version\":1,\"records\":["[..];
    let endless = head.chain(std::io::repeat(b' '));
    let err = pack::import_from(&scanner, endless, chrono::Utc::now()).unwrap_err();
    match err {
        PackError::TooLarge { size, limit } => {
            assert_eq!(limit, MAX_PACK_BYTES);
            assert_eq!(
                size,
                MAX_PACK_BYTES + 1,
                "read no further than one byte past"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A newer trust list read before the records is not installed when the pack then turns out
/// cut off: nothing is imported half.
#[test]
fn a_cut_off_pack_installs_neither_its_trust_list_nor_its_records() {
    let scanner = Scanner::open(ScannerConfig::new(None)).unwrap();
    let before = scanner.trust_list().version();
    let v2 = fixture("trust/trust-list-v2.jws.json");
    let good = fixture("envelopes/ringwraith-2000.jws.json");
    let mut whole = b"{\"pack_version\":1,\"trust_list\":".to_vec();
    whole.extend_from_slice(&v2);
    whole.extend_from_slice(b",\"records\":[");
    whole.extend_from_slice(&good);
    whole.extend_from_slice(b"]}");
    let cut = &whole[..whole.len() - 5];
    let err = pack::import_from(&scanner, cut, chrono::Utc::now()).unwrap_err();
    assert!(matches!(err, PackError::Truncated), "{err:?}");
    assert_eq!(
        scanner.trust_list().version(),
        before,
        "the list waits for the records"
    );
    assert_eq!(scanner.store().record_count(), 0);
    // Records before the trust list (a JSON map's alphabetical order) are read after it.
    let mut reordered = b"{\"records\":[".to_vec();
    reordered.extend_from_slice(&good);
    reordered.extend_from_slice(b"],\"pack_version\":1,\"trust_list\":");
    reordered.extend_from_slice(&v2);
    reordered.extend_from_slice(b"}");
    let report = pack::import_from(&scanner, &reordered[..], chrono::Utc::now()).unwrap();
    assert_eq!(report.imported + report.skipped_count, 1, "{report:?}");
    assert_eq!(
        report.trust_list,
        pack::TrustListImport::Installed { version: 2 },
        "{report:?}"
    );
    assert_eq!(scanner.trust_list().version(), 2);
    // Two `records`, like any member named twice, are refused.
    let twice = br#"{"pack_version":1,"records":[],"records":[]}"#;
    assert!(matches!(
        pack::import_from(&scanner, &twice[..], chrono::Utc::now()),
        Err(PackError::Malformed(_))
    ));
}
