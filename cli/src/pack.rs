//! `trustlabel pack export FILE` and `trustlabel pack import FILE`: offline packs.

use crate::error::{Error, Exit, Result};
use std::path::Path;

use trustlabel_core::pack::{self, TrustListImport, MAX_PACK_BYTES};
use trustlabel_core::scanner::Scanner;

use crate::options::ScanOptions;
use crate::output::write_line;
use crate::table::Table;

fn open_scanner(options: &ScanOptions) -> Result<Scanner> {
    let config = options.scanner_config(Some(options.data_dir()))?;
    Ok(Scanner::open(config)?)
}

/// Writes every cached record that still verifies, with the trust list, to `file` (`-`:
/// standard output).
pub fn export(file: &Path, options: &ScanOptions) -> Result<Exit> {
    let scanner = open_scanner(options)?;
    let bytes = pack::export(&scanner, chrono::Utc::now()).map_err(Error::core)?;
    let count = scanner.store().record_count();
    if file == Path::new("-") {
        crate::audit::write_raw(&bytes)?;
    } else {
        std::fs::write(file, &bytes).map_err(|e| crate::files::cannot_write(file, e))?;
        eprintln!(
            "Wrote a pack of the saved labels ({count} cached, {} bytes) to {}.",
            bytes.len(),
            file.display()
        );
    }
    Ok(Exit::Ok)
}

/// Imports a pack (`-`: standard input): prints what was imported and every skipped entry
/// with its reason. The pack is read as it is parsed, never whole, and at most 64 MiB of it.
pub fn import(file: &Path, options: &ScanOptions) -> Result<Exit> {
    let reader: Box<dyn std::io::Read> = if file == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let meta = std::fs::metadata(file).map_err(|e| crate::files::cannot_read(file, e))?;
        if meta.is_dir() {
            return Err(Error::File(format!(
                "{} is a folder, not a pack",
                crate::files::shown(file)
            )));
        }
        // A regular file says its size: a huge one is refused before a byte is read. Any
        // other (a pipe, a device) is counted while it is read.
        if meta.is_file() && meta.len() > MAX_PACK_BYTES as u64 {
            return Err(Error::File(format!(
                "{} is {} bytes, more than the {MAX_PACK_BYTES} bytes a pack may have; nothing was imported",
                crate::files::shown(file),
                meta.len()
            )));
        }
        Box::new(std::fs::File::open(file).map_err(|e| crate::files::cannot_read(file, e))?)
    };
    let scanner = open_scanner(options)?;
    let report = match pack::import_from(&scanner, reader, chrono::Utc::now()) {
        Ok(report) => report,
        Err(error) => {
            if options.json {
                write_line(
                    &serde_json::json!({"error": error.code(), "message": error.to_string()})
                        .to_string(),
                );
            }
            return Err(Error::Failed(pack::error_words(&error, &options.lang).text));
        }
    };
    if options.json {
        crate::output::write_json(&serde_json::to_string(&report).map_err(Error::core)?);
        return Ok(Exit::Ok);
    }
    write_line(&pack::report_words(&report, &options.lang).text);
    match &report.trust_list {
        TrustListImport::Refused { reason } => {
            write_line(&format!("Trust list refused: {}", reason.code()))
        }
        TrustListImport::Faulty { fault } => {
            write_line(&format!("Trust list refused: {} ({fault})", fault.code()))
        }
        _ => {}
    }
    if !report.skipped.is_empty() {
        let mut table = Table::new(["Entry", "Label", "Reason", "Why"]);
        for skip in &report.skipped {
            table.row([
                skip.index.to_string(),
                skip.url.clone().unwrap_or_else(|| "-".into()),
                skip.reason.code().to_owned(),
                pack::skip_words(skip.reason, &options.lang).text,
            ]);
        }
        write_line(&table.to_string());
        if report.skipped_count > report.skipped.len() {
            write_line(&format!(
                "... and {} more skipped entries, not listed.",
                report.skipped_count - report.skipped.len()
            ));
        }
    }
    Ok(Exit::Ok)
}
