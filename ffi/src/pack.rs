//! Offline packs across the FFI: conversion only (`trustlabel_core::pack`).

use trustlabel_core::pack::{self as core, TrustListImport};

use crate::error::{guard, TrustLabelError};
use crate::scanner::Scanner;
use crate::words::Words;

/// One envelope of a pack that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SkippedEntry {
    /// Position in the pack's `records`, from 0.
    pub index: u32,
    /// The label the entry claims to be for, when it could be read.
    pub url: Option<String>,
    /// A `CheckFailure` code (`bad_signature`, `rollback`, ...), `not_official` or
    /// `not_signed`.
    pub reason_code: String,
    /// The reason in the Scanner's locale.
    pub reason: String,
}

/// What a pack import did: how many records came in, which did not, and the trust list's fate.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PackReport {
    /// How many verified records were imported.
    pub imported: u32,
    /// Of the imported, how many the offline cache could not keep (its bound is smaller
    /// than the pack); `words` says so.
    pub not_kept: u32,
    /// The entries that were not imported, each with its reason: the first 1,000 of them
    /// (`trustlabel_core::pack::MAX_LISTED_SKIPS`); `words` gives the whole count.
    pub skipped: Vec<SkippedEntry>,
    /// True when the pack's trust list was newer, verified, and is now in use.
    pub trust_list_installed: bool,
    /// The trust list in the pack was refused: its reason code (`rollback`, ...).
    pub trust_list_refused: Option<String>,
    /// The report in words, in the Scanner's locale.
    pub words: Words,
}

#[uniffi::export]
impl Scanner {
    /// Imports a pack file: every record is verified as if fetched; bad ones are skipped
    /// and listed, the rest saved in one go. The bytes are parsed entry by entry, so memory
    /// beyond them stays bounded however many entries the pack holds. Blocking (disk, one signature check a record):
    /// call it off the main thread. A truncated or oversized file imports nothing
    /// (`Refused { code: "pack_truncated" | "pack_too_large" | ... }`).
    pub fn import_pack(&self, bytes: Vec<u8>) -> Result<PackReport, TrustLabelError> {
        guard(|| {
            let locale = &self.presentation.locale;
            let report = core::import(&self.core, &bytes, self.presentation.now().to_utc())
                .map_err(|e| TrustLabelError::from_pack(e, self.locale()))?;
            Ok(PackReport {
                imported: u32::try_from(report.imported).unwrap_or(u32::MAX),
                not_kept: u32::try_from(report.not_kept).unwrap_or(u32::MAX),
                skipped: report
                    .skipped
                    .iter()
                    .map(|s| SkippedEntry {
                        index: u32::try_from(s.index).unwrap_or(u32::MAX),
                        url: s.url.clone(),
                        reason_code: s.reason.code().to_owned(),
                        reason: core::skip_words(s.reason, locale).text,
                    })
                    .collect(),
                trust_list_installed: matches!(
                    report.trust_list,
                    TrustListImport::Installed { .. }
                ),
                trust_list_refused: match &report.trust_list {
                    TrustListImport::Refused { reason } => Some(reason.code().to_owned()),
                    TrustListImport::Faulty { fault } => Some(fault.code().to_owned()),
                    _ => None,
                },
                words: core::report_words(&report, locale).into(),
            })
        })
    }

    /// A pack of every saved label that still verifies, with the trust list in use.
    pub fn export_pack(&self) -> Result<Vec<u8>, TrustLabelError> {
        guard(|| {
            core::export(&self.core, self.presentation.now().to_utc())
                .map_err(|e| TrustLabelError::from_pack(e, self.locale()))
        })
    }
}
