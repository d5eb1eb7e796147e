//! `trustlabel decode`: what QR codes are in these photos, exactly as decoded.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use trustlabel_core::decode::{decode_image_bytes, DecodeOptions};

use crate::progress::Progress;

const IMAGE_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

pub fn run(inputs: &[PathBuf], json: bool) -> Result<ExitCode, String> {
    let mut files = Vec::new();
    let mut any_folder = false;
    for input in inputs {
        if input.is_dir() {
            any_folder = true;
            collect_images(input, &mut files)?;
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            return Err(format!("{} is not a file or folder", input.display()));
        }
    }
    if files.is_empty() {
        return Err("no PNG, JPEG or WebP images were found".into());
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
        progress.step(&file.display().to_string());
        let started = Instant::now();
        let decoded = std::fs::read(file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| decode_image_bytes(&bytes, &options).map_err(|e| e.to_string()));
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let line = match decoded {
            Ok(codes) => {
                found += usize::from(!codes.is_empty());
                let texts: Vec<String> = codes.into_iter().map(|c| c.text).collect();
                if json {
                    serde_json::json!({ "file": file, "texts": texts, "ms": round(ms) }).to_string()
                } else if texts.is_empty() {
                    format!("{}  ({ms:.1} ms)  no QR code found", file.display())
                } else {
                    format!(
                        "{}  ({ms:.1} ms)  {}",
                        file.display(),
                        texts
                            .iter()
                            .map(|t| printable(t))
                            .collect::<Vec<_>>()
                            .join("  |  ")
                    )
                }
            }
            Err(error) => {
                failed = true;
                if json {
                    serde_json::json!({ "file": file, "texts": [], "ms": round(ms), "error": error })
                        .to_string()
                } else {
                    format!("{}  error: {error}", file.display())
                }
            }
        };
        // With a bar, results print when it is done so the two never interleave.
        if any_folder && !json {
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
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn round(ms: f64) -> f64 {
    (ms * 100.0).round() / 100.0
}

/// Control characters (CR, LF, GS separators) shown as escapes so one file stays one line.
fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

pub(crate) fn collect_images(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("could not read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_images(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}
