//! `trustlabel scan`.

use std::io::IsTerminal;

use crate::error::{Error, Exit, Result};
/// Longest line read from standard input: a QR code holds at most 7,089 characters.
use std::path::Path;

use trustlabel_core::scanner::{ScanError, Scanner};
use trustlabel_decode::DecodeOptions;
use trustlabel_protocol::{LabelLink, ScanResult};

use crate::lines::next_line;
use crate::options::{read, ScanOptions};
use crate::output::Printer;

pub async fn run(input: &str, options: &ScanOptions) -> Result<Exit> {
    let config = options.scanner_config(Some(options.data_dir()))?;
    let scanner = Scanner::open(config)?;
    let printer = Printer::new(options.json, &options.lang);
    printer.store_notice(scanner.open_state());
    if input == "-" {
        return scan_lines(&scanner, &printer).await;
    }
    let path = Path::new(input);
    if let Some(problem) = missing_file(input) {
        return Err(problem);
    }
    let result = if !is_link(input) && path.is_file() {
        let bytes = read(path)?;
        match scanner
            .scan_image(&bytes, &DecodeOptions::default())
            .await?
        {
            Some(result) => result,
            None => {
                return Err(Error::File(format!(
                    "no QR code was found in {}",
                    crate::files::shown(path)
                )))
            }
        }
    } else {
        scanner.scan_text(input).await?
    };
    printer.result(&result);
    Ok(Exit::of(&result.outcome))
}

/// An argument meant as a file that is not one: a path that does not exist or is a folder.
/// Scanning it as QR text would answer "not a label" and succeed, hiding the typo. Links are
/// never files; other text counts as a path when it has a folder separator or an image
/// file's extension.
fn missing_file(input: &str) -> Option<Error> {
    let path = Path::new(input);
    if is_link(input) || path.is_file() || LabelLink::parse(input).is_ok() {
        return None;
    }
    if path.is_dir() {
        return Some(Error::File(format!(
            "{input} is a folder, not an image file"
        )));
    }
    // There, but not a regular file (a link to /dev/zero, a pipe): say which, never read it.
    if std::fs::symlink_metadata(path).is_ok() {
        if let Err(problem) = crate::files::check_regular(path) {
            return Some(problem);
        }
    }
    let image_extension = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        [
            "png", "jpg", "jpeg", "webp", "gif", "bmp", "heic", "tif", "tiff",
        ]
        .contains(&e.to_ascii_lowercase().as_str())
    });
    let has_separator = input.contains('/') || input.contains(std::path::MAIN_SEPARATOR);
    (image_extension || has_separator).then(|| Error::File(format!("{input}: no such file")))
}

/// Text that parses as a URL with a scheme (`https://user@host/l/x`, `mailto:...`) is a link,
/// scanned as QR text is, never a file name. A one-letter scheme is a Windows drive (`C:`).
pub fn is_link(input: &str) -> bool {
    url::Url::parse(input).is_ok_and(|u| u.scheme().len() > 1)
}

/// One QR text per line; every line gets an answer, errors included, and the exit code is
/// the worst line's: 0 only when every line verified.
async fn scan_lines(scanner: &Scanner, printer: &Printer) -> Result<Exit> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("Reading label links from standard input, one per line (Ctrl-D to end).");
    }
    let mut exit = Exit::Ok;
    let mut input = stdin.lock();
    let mut bytes = Vec::new();
    while let Some(line) = next_line(&mut input, &mut bytes)
        .map_err(|e| Error::File(format!("could not read standard input: {e}")))?
    {
        let text = line.as_str();
        if text.trim().is_empty() {
            continue;
        }
        let outcome: Result<ScanResult, ScanError> = scanner.scan_text(text).await;
        match outcome {
            Ok(result) => {
                printer.result(&result);
                exit = exit.worst(Exit::of(&result.outcome));
            }
            Err(error) => {
                exit = Exit::Error;
                printer.error(text, &error);
            }
        }
    }
    Ok(exit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_does_not_exist_is_an_error_not_a_label() {
        assert!(missing_file("/no/such/file.jpg").is_some());
        assert!(missing_file("photo.PNG").is_some());
        assert!(missing_file("./labels/").is_some());
        let dir = tempfile::tempdir().unwrap();
        assert!(missing_file(dir.path().to_str().unwrap())
            .unwrap()
            .to_string()
            .contains("folder"));
        let file = dir.path().join("label.png");
        std::fs::write(&file, b"x").unwrap();
        assert!(missing_file(file.to_str().unwrap()).is_none());
        // QR text and links are scanned as text.
        assert!(missing_file("https://demo.trustlabel.dev/l/x").is_none());
        // A link with user info, or any other scheme, is a link too, never a file.
        assert!(missing_file("https://user@demo.trustlabel.dev/l/x").is_none());
        assert!(missing_file("http://evil.example/label.png").is_none());
        assert!(is_link("https://user@demo.trustlabel.dev/l/x"));
        assert!(!is_link("C:/labels/photo.png"));
        assert!(!is_link("photos/label.png"));
        assert!(missing_file("hello").is_none());
        assert!(missing_file("WIFI:S:home;T:WPA;P:secret;;").is_none());
    }
}
