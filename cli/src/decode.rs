//! `trustlabel decode`: what QR codes are in these photos, exactly as decoded.

use crate::error::{Error, Exit, Result};
use std::path::{Path, PathBuf};
use std::time::Instant;

use trustlabel_decode::{decode_image_bytes, DecodeOptions, Decoded};

use crate::files::shown;
use crate::progress::Progress;

pub fn run(inputs: &[PathBuf], json: bool) -> Result<Exit> {
    let mut files = Vec::new();
    let mut any_folder = false;
    for input in inputs {
        if input.is_dir() {
            any_folder = true;
            collect_images(input, &mut files)?;
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            return Err(Error::File(format!(
                "{} is not a file or folder",
                shown(input)
            )));
        }
    }
    if files.is_empty() {
        return Err(Error::File("no PNG, JPEG or WebP images were found".into()));
    }
    let progress = if any_folder && !json {
        Progress::new("Decoding", files.len() as u64)
    } else {
        Progress::new("", 0).hidden()
    };
    // Files: every retry stage may run (no early exit, twice the camera budget).
    let options = DecodeOptions::photo();
    let mut failed = false;
    let mut found = 0usize;
    let mut lines = Vec::new();
    for file in &files {
        progress.step(&shown(file));
        let started = Instant::now();
        let decoded = crate::files::read_regular(file).and_then(|bytes| {
            decode_image_bytes(&bytes, &options).map_err(|e| Error::File(e.to_string()))
        });
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match &decoded {
            Ok(codes) => found += usize::from(!codes.is_empty()),
            Err(_) => failed = true,
        }
        let line = result_line(file, decoded, ms, json);
        // With a bar, results print when it is done so the two never interleave.
        if json {
            crate::output::write_json(&line);
        } else if any_folder {
            lines.push(line);
        } else {
            crate::output::write_line(&line);
        }
    }
    progress.finish();
    for line in lines {
        crate::output::write_line(&line);
    }
    if !json {
        crate::output::write_line(&format!(
            "{found} of {} images held a QR code.",
            files.len()
        ));
    }
    // A file that could not be read is an error; a photo without a code is not.
    Ok(if failed { Exit::Error } else { Exit::Ok })
}

/// One file's line: its texts (or why it could not be read) and the time taken, as JSON
/// (`{"file", "texts", "ms"}`, `"error"` when not read) or as text for people.
fn result_line(file: &Path, decoded: Result<Vec<Decoded>>, ms: f64, json: bool) -> String {
    match decoded {
        Ok(codes) => {
            let texts: Vec<String> = codes.into_iter().map(|c| c.text).collect();
            if json {
                serde_json::json!({ "file": file, "texts": texts, "ms": round(ms) }).to_string()
            } else if texts.is_empty() {
                format!("{}  ({ms:.1} ms)  no QR code found", shown(file))
            } else {
                format!(
                    "{}  ({ms:.1} ms)  {}",
                    shown(file),
                    texts
                        .iter()
                        .map(|t| printable(t))
                        .collect::<Vec<_>>()
                        .join("  |  ")
                )
            }
        }
        Err(error) => {
            let error = error.to_string();
            if json {
                serde_json::json!({ "file": file, "texts": [], "ms": round(ms), "error": error })
                    .to_string()
            } else {
                format!("{}  error: {error}", shown(file))
            }
        }
    }
}

fn round(ms: f64) -> f64 {
    (ms * 100.0).round() / 100.0
}

/// Control and bidirectional characters (CR, LF, GS separators, U+202E) shown as escapes so
/// one file stays one line and its text reads in order: `decode` shows exactly what a code
/// holds.
fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if trustlabel_protocol::steers(c) {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// The images under `dir`, links to folders not followed; each path refused is said on
/// standard error, in one sentence.
pub(crate) fn collect_images(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut notes = Vec::new();
    out.extend(crate::files::images_in(dir, true, &mut notes)?);
    for note in notes {
        crate::output::note(&note);
    }
    Ok(())
}
