//! Pack import's memory is bounded by a fixed figure, not by the number of entries (issue
//! 21: a 2 MB pack of a million junk entries peaked at 452 MiB). The only test in its binary,
//! so the process's peak is this import's.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use trustlabel_core::pack;
use trustlabel_core::scanner::{Scanner, ScannerConfig};

/// A value of `/proc/self/status` in KiB (Linux only).
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

#[test]
fn a_million_tiny_junk_entries_import_in_bounded_memory() {
    let entries = 1_000_000;
    let mut file = String::with_capacity(entries * 3 + 64);
    file.push_str("{\"pack_version\":1,\"records\":[");
    for i in 0..entries {
        if i > 0 {
            file.push(',');
        }
        // Junk of every kind a parser keeps: objects, numbers, strings.
        file.push_str(["{}", "1", "\"\""][i % 3]);
    }
    file.push_str("]}");
    let scanner = Scanner::open(ScannerConfig::new(None)).unwrap();
    // Resets the peak (VmHWM) to the current use, so what follows is this import's.
    if std::fs::write("/proc/self/clear_refs", "5").is_err() {
        eprintln!("no /proc/self/clear_refs: the peak cannot be measured here");
        return;
    }
    let before = status_kib("VmHWM:").unwrap();
    let report = pack::import(&scanner, file.as_bytes(), chrono::Utc::now()).unwrap();
    let peak = status_kib("VmHWM:").unwrap();
    assert_eq!(report.imported, 0);
    assert_eq!(report.skipped_count, entries);
    assert_eq!(report.skipped.len(), pack::MAX_LISTED_SKIPS);
    let grew_mib = peak.saturating_sub(before) / 1024;
    eprintln!("peak grew by {grew_mib} MiB for {entries} junk entries");
    // One window of entries and a thousand listed skips; not one allocation per entry.
    assert!(grew_mib < 48, "the import's peak grew by {grew_mib} MiB");
}
