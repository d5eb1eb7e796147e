//! `trustlabel audit` and `trustlabel audits`: shelf audits from a folder of photos, a file
//! of links or standard input, kept in the data directory until deleted.

use crate::error::{Error, Exit, Result};
use std::io::{BufRead, BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Local, TimeZone};
use trustlabel_core::audit::{
    bucket_title, entry_words, scan_all, scan_into, Audit, AuditBucket, AuditInfo, AuditOptions,
    SCAN_CONCURRENCY,
};
use trustlabel_core::scanner::Scanner;

use crate::lines::next_line;
use crate::options::{read, ScanOptions};
use crate::output::write_line;
use crate::progress::Progress;
use crate::table::Table;

pub struct AuditArgs<'a> {
    pub input: Option<&'a str>,
    pub name: Option<&'a str>,
    pub resume: Option<&'a str>,
    pub delete: Option<&'a str>,
    pub csv: Option<&'a Path>,
    pub options: &'a ScanOptions,
}

fn open_scanner(options: &ScanOptions) -> Result<Scanner> {
    let config = options.scanner_config(Some(options.data_dir()))?;
    Ok(Scanner::open(config)?)
}

pub async fn run(args: AuditArgs<'_>) -> Result<Exit> {
    let scanner = Arc::new(open_scanner(args.options)?);
    crate::output::Printer::new(args.options.json, &args.options.lang)
        .store_notice(scanner.open_state());
    let store = scanner.store();
    if let Some(name) = args.delete {
        Audit::delete(store, name).map_err(Error::core)?;
        crate::output::note(&format!("Deleted the audit {name}."));
        return Ok(Exit::Ok);
    }
    let audit = Arc::new(match args.resume {
        Some(name) => {
            let audit = Audit::open(store, name, AuditOptions::default()).map_err(Error::core)?;
            audit.reopen().map_err(Error::core)?;
            audit
        }
        None => {
            let name = args
                .name
                .map(str::to_owned)
                .unwrap_or_else(|| Local::now().format("audit-%Y%m%d-%H%M%S").to_string());
            Audit::start(store, &name, AuditOptions::default()).map_err(Error::core)?
        }
    });
    let mut notes = Vec::new();
    match args.input {
        None if args.resume.is_none() => {
            return Err(Error::Usage(
                "give a photos folder, a file of links, or - for standard input".into(),
            ))
        }
        None => {}
        Some("-") => {
            let stdin = std::io::stdin().lock();
            audit_lines(&scanner, &audit, stdin, None, &args.options.lang).await?
        }
        Some(input) => {
            let path = Path::new(input);
            if path.is_dir() {
                notes = audit_photos(&scanner, &audit, path).await?;
            } else {
                crate::files::check_regular(path)?;
                let file =
                    std::fs::File::open(path).map_err(|e| crate::files::cannot_read(path, e))?;
                let total = count_lines(path)?;
                let lang = &args.options.lang;
                audit_lines(&scanner, &audit, BufReader::new(file), Some(total), lang).await?;
            }
        }
    }
    audit.flush().map_err(Error::core)?;
    // A photo in which no code could be read leaves labels unchecked, as `scan` of one does.
    let unread = if notes.is_empty() {
        Exit::Ok
    } else {
        Exit::Error
    };
    for note in notes {
        crate::output::note(&note);
    }
    finish(&audit, args.csv, args.options)?;
    Ok(unread.worst(worst_label(&audit)))
}

/// The audit's worst label, as `scan -` counts its lines: 0 when every label verified, 1
/// when one did not, 3 when one could not be checked. Over the whole audit (a resumed one
/// too), as its table and exports are; the buckets (support ended, withdrawn, ...) are for
/// people and leave a verified label verified.
fn worst_label(audit: &Audit) -> Exit {
    audit
        .entries()
        .iter()
        .map(|entry| Exit::of_code(&entry.outcome))
        .fold(Exit::Ok, Exit::worst)
}

/// The exports asked for, then the bucket table (on stderr when stdout carries the CSV or
/// the JSON).
fn finish(audit: &Audit, csv: Option<&Path>, options: &ScanOptions) -> Result<()> {
    let mut stdout_taken = options.json;
    if let Some(path) = csv {
        let text = audit.export_csv();
        if path == Path::new("-") {
            write_raw(text.as_bytes())?;
            stdout_taken = true;
        } else {
            std::fs::write(path, text).map_err(|e| crate::files::cannot_write(path, e))?;
        }
    }
    if options.json && csv != Some(Path::new("-")) {
        crate::output::write_json(&audit.export_json().to_string());
    }
    let table = bucket_table(&audit.counts(), &options.lang);
    let heading = format!("Audit {}: {} labels", audit.name(), audit.entries().len());
    if stdout_taken {
        crate::output::note(&format!("{heading}\n{table}"));
    } else {
        write_line(&format!("{heading}\n{table}"));
    }
    Ok(())
}

/// Bytes to standard output as they are (a CSV ends its own lines).
pub fn write_raw(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::File(format!("could not write the output: {e}"))),
    }
}

fn bucket_table(counts: &[(AuditBucket, u32)], lang: &str) -> Table {
    let mut table = Table::new(["Bucket", "Code", "Labels"]);
    for (bucket, count) in counts {
        table.row([
            bucket_title(*bucket, lang).text,
            bucket.code().to_owned(),
            count.to_string(),
        ]);
    }
    table
}

fn count_lines(path: &Path) -> Result<u64> {
    let file = std::fs::File::open(path).map_err(|e| crate::files::cannot_read(path, e))?;
    let mut n = 0;
    let mut reader = BufReader::new(file);
    let mut bytes = Vec::new();
    while let Some(line) =
        next_line(&mut reader, &mut bytes).map_err(|e| crate::files::cannot_read(path, e))?
    {
        if !line.trim().is_empty() {
            n += 1;
        }
    }
    Ok(n)
}

/// One QR text per line (a handheld scanner typing into a terminal works too).
async fn audit_lines(
    scanner: &Arc<Scanner>,
    audit: &Arc<Audit>,
    mut input: impl BufRead,
    total: Option<u64>,
    lang: &str,
) -> Result<()> {
    let interactive = total.is_none() && std::io::stdin().is_terminal();
    if interactive {
        eprintln!("Scan or paste label links, one per line (Ctrl-D to end).");
    }
    let progress = match total {
        Some(total) => Progress::new("Auditing", total),
        None => Progress::new("Auditing", 0).hidden(),
    };
    let mut bytes = Vec::new();
    let mut next = || loop {
        match next_line(&mut input, &mut bytes) {
            Ok(Some(line)) if line.trim().is_empty() => continue,
            other => {
                return other.map_err(|e| Error::File(format!("could not read the links: {e}")))
            }
        }
    };
    if interactive {
        // A person at a terminal sees each answer before scanning the next.
        while let Some(text) = next()? {
            let entry = scan_into(scanner, audit, &text)
                .await
                .map_err(Error::core)?;
            crate::output::note(&entry_words(&entry, lang).text);
            progress.step(entry.bucket.code());
        }
    } else {
        // A file or a pipe: read to the end, then check several labels at a time.
        let mut texts = Vec::new();
        while let Some(text) = next()? {
            texts.push(text);
        }
        scan_all(scanner, audit, texts, SCAN_CONCURRENCY, |entry| {
            progress.step(entry.bucket.code());
        })
        .await
        .map_err(Error::core)?;
    }
    progress.finish();
    Ok(())
}

/// The photos in the folder (not its sub-folders); each path refused is said in one
/// sentence on standard error.
fn photos_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut notes = Vec::new();
    let files = crate::files::images_in(dir, false, &mut notes)?;
    for note in notes {
        crate::output::note(&note);
    }
    Ok(files)
}

/// Every photo in the folder, decoded as a photo (not a camera frame), and every QR code in
/// it scanned into the audit: a photo of a shelf holds several labels. Returns notes on the
/// photos that held no code or could not be read.
///
/// Decoding is the slow part (a photo gets up to 80 M pixel visits), so photos decode on
/// every core, one per core ahead at most; their codes still go into the audit, and their
/// notes into the list, in file order.
async fn audit_photos(
    scanner: &Arc<Scanner>,
    audit: &Arc<Audit>,
    dir: &Path,
) -> Result<Vec<String>> {
    let files = photos_in(dir)?;
    let progress = Progress::new("Auditing", files.len() as u64);
    let ahead = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let mut files = files.into_iter();
    let mut decoding = std::collections::VecDeque::new();
    let mut notes = Vec::new();
    loop {
        while decoding.len() < ahead {
            let Some(file) = files.next() else { break };
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let scanner = Arc::clone(scanner);
            let decoded = tokio::task::spawn_blocking(move || {
                read(&file).map(|bytes| scanner.decode_image(&bytes))
            });
            decoding.push_back((name, decoded));
        }
        let Some((name, decoded)) = decoding.pop_front() else {
            break;
        };
        match decoded.await.map_err(Error::core)?? {
            Ok(texts) if texts.is_empty() => notes.push(format!("{name}: no QR code found")),
            Ok(texts) => {
                for text in texts {
                    scan_into(scanner, audit, &text)
                        .await
                        .map_err(Error::core)?;
                }
            }
            Err(error) => notes.push(format!("{name}: {error}")),
        }
        progress.step(&name);
    }
    progress.finish();
    Ok(notes)
}

/// `trustlabel audits`: every saved audit.
pub fn list(options: &ScanOptions) -> Result<Exit> {
    let scanner = open_scanner(options)?;
    let audits = Audit::list(scanner.store()).map_err(Error::core)?;
    if options.json {
        for info in &audits {
            crate::output::write_json(&info_json(info).to_string());
        }
        return Ok(Exit::Ok);
    }
    if audits.is_empty() {
        write_line("No audits saved.");
        return Ok(Exit::Ok);
    }
    let mut table = Table::new(["Name", "State", "Labels", "Problems", "Updated"]);
    for info in &audits {
        let total: u32 = info.counts.iter().map(|(_, n)| n).sum();
        let problems: u32 = info
            .counts
            .iter()
            .filter(|(b, _)| *b != AuditBucket::Ok)
            .map(|(_, n)| n)
            .sum();
        let updated = Local
            .timestamp_opt(info.meta.updated_at, 0)
            .single()
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        table.row([
            info.meta.name.clone(),
            if info.meta.closed { "closed" } else { "open" }.to_owned(),
            total.to_string(),
            problems.to_string(),
            updated,
        ]);
    }
    write_line(&table.to_string());
    Ok(Exit::Ok)
}

fn info_json(info: &AuditInfo) -> serde_json::Value {
    let counts: serde_json::Map<String, serde_json::Value> = info
        .counts
        .iter()
        .map(|(b, n)| (b.code().to_owned(), (*n).into()))
        .collect();
    serde_json::json!({
        "name": info.meta.name,
        "created_at": info.meta.created_at,
        "updated_at": info.meta.updated_at,
        "closed": info.meta.closed,
        "counts": counts,
    })
}
