//! `trustlabel scan`.

use std::io::{BufRead, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use trustlabel_core::decode::DecodeOptions;
use trustlabel_core::scanner::{ScanError, ScanResult, Scanner};

use crate::options::{read, ScanOptions};
use crate::output::Printer;

pub async fn run(input: &str, options: &ScanOptions) -> Result<ExitCode, String> {
    let config = options.scanner_config(Some(options.data_dir()))?;
    let scanner = Scanner::open(config).map_err(|e| e.to_string())?;
    let printer = Printer::new(options.json, &options.lang);
    printer.store_notice(scanner.open_state());
    if input == "-" {
        return scan_lines(&scanner, &printer).await;
    }
    let path = Path::new(input);
    let result = if path.is_file() {
        let bytes = read(path)?;
        match scanner.scan_image(&bytes, &DecodeOptions::default()).await {
            Ok(Some(result)) => Ok(result),
            Ok(None) => return Err(format!("no QR code was found in {input}")),
            Err(e) => Err(e),
        }
    } else {
        scanner.scan_text(input).await
    };
    let result = result.map_err(|e| e.to_string())?;
    printer.result(&result);
    Ok(ExitCode::SUCCESS)
}

/// One QR text per line; every line gets an answer, errors included, and the exit code
/// says whether any line failed.
async fn scan_lines(scanner: &Scanner, printer: &Printer) -> Result<ExitCode, String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("Reading label links from standard input, one per line (Ctrl-D to end).");
    }
    let mut failed = false;
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| format!("could not read standard input: {e}"))?;
        let text = line.trim_end_matches('\r');
        if text.trim().is_empty() {
            continue;
        }
        let outcome: Result<ScanResult, ScanError> = scanner.scan_text(text).await;
        match outcome {
            Ok(result) => printer.result(&result),
            Err(error) => {
                failed = true;
                printer.error(text, &error);
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
