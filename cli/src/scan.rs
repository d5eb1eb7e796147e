//! `trustlabel scan`.

use std::io::{BufRead, IsTerminal, Read};

/// Longest line read from standard input: a QR code holds at most 7,089 characters.
const MAX_LINE_BYTES: u64 = 64 * 1024;
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
    let mut input = stdin.lock();
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        // At most one QR code's worth per line (plus slack); a longer line is cut, and the
        // scan then says it is not a label. Bytes that are not UTF-8 are replaced, not fatal.
        let read = (&mut input)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut bytes)
            .map_err(|e| format!("could not read standard input: {e}"))?;
        if read == 0 {
            break;
        }
        if bytes.last() != Some(&b'\n') && read as u64 == MAX_LINE_BYTES {
            skip_line(&mut input).map_err(|e| format!("could not read standard input: {e}"))?;
        }
        let line = String::from_utf8_lossy(&bytes);
        let text = line.trim_end_matches(['\n', '\r']);
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

/// Discards input up to and including the next newline, without keeping it.
fn skip_line(input: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(end) = buf.iter().position(|&b| b == b'\n') {
            input.consume(end + 1);
            return Ok(());
        }
        let len = buf.len();
        input.consume(len);
    }
}
