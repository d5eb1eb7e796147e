//! The log tools of the command line: `monitor` and `witness` (exit codes: 0 clean, 1
//! findings or a refusal, 2 usage, 3 an error, as the scanner's CLI).

use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use trustlabel_registry::monitor::{self, Watch};
use trustlabel_registry::tiles_http::HttpTiles;
use trustlabel_tlog::{LogPolicy, TileDir, TileStore, TreeHeads, VerifierKey, WitnessOnDisk};

use crate::Command;

/// A log's files: over HTTP when `place` is a URL, else a directory.
enum Source {
    Http(HttpTiles),
    Dir(TileDir),
}

impl Source {
    fn open(place: &str) -> Result<Self, String> {
        if place.starts_with("https://") || place.starts_with("http://") {
            HttpTiles::new(place).map(Source::Http)
        } else if Path::new(place).is_dir() {
            Ok(Source::Dir(TileDir::new(place)))
        } else {
            Err(format!("{place}: neither a URL nor a directory"))
        }
    }

    fn store(&self) -> &dyn TileStore {
        match self {
            Source::Http(h) => h,
            Source::Dir(d) => d,
        }
    }

    fn checkpoint(&self) -> Result<Vec<u8>, String> {
        match self {
            Source::Http(h) => h.get(trustlabel_tlog::CHECKPOINT_FILE),
            Source::Dir(d) => d.checkpoint().map_err(|e| e.to_string()),
        }
    }
}

/// The bytes of the file at `path`, or standard input for `-`, refused past `limit` bytes
/// before more than `limit + 1` are read: a request or a cosignature is small, and a huge
/// input must not be held in memory whole.
pub(crate) fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let too_large = || format!("{}: larger than {limit} bytes", path.display());
    if path == Path::new("-") {
        let mut body = Vec::new();
        std::io::stdin()
            .take(limit.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| format!("standard input: {e}"))?;
        if body.len() as u64 > limit {
            return Err(format!("standard input: larger than {limit} bytes"));
        }
        return Ok(body);
    }
    match trustlabel_tlog::read_capped(path, limit) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(format!("{}: no such file", path.display())),
        Err(trustlabel_tlog::Error::FileTooLarge { .. }) => Err(too_large()),
        Err(e) => Err(e.to_string()),
    }
}

/// The policy of the log whose verifier keys are `keys` (the origin is their name, the
/// same for all).
fn policy(keys: &[String]) -> Result<LogPolicy, String> {
    let keys: Vec<VerifierKey> = keys
        .iter()
        .map(|k| VerifierKey::parse(k.trim()).map_err(|e| format!("--log-public-key {k}: {e}")))
        .collect::<Result<_, _>>()?;
    let origin = keys
        .first()
        .map(|k| k.name().to_owned())
        .ok_or("give --log-public-key")?;
    if keys.iter().any(|k| k.name() != origin) {
        return Err("every --log-public-key must name the same log".into());
    }
    LogPolicy::with_log_keys(&origin, keys, Vec::new(), 0).map_err(|e| e.to_string())
}

pub fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Monitor {
            log,
            log_public_keys,
            registry,
            trust_list,
            anchor,
            label,
            prefix,
            state,
            json,
        } => {
            let watch = match (label, prefix) {
                (Some(label), _) => Watch::Label(label),
                (_, Some(prefix)) => Watch::Prefix(prefix),
                _ => Watch::All,
            };
            monitor_command(
                log.as_deref(),
                &log_public_keys,
                &registry,
                trust_list.as_deref(),
                anchor.as_deref(),
                &watch,
                state.as_deref(),
                json,
            )
        }
        Command::Witness {
            key,
            state,
            log_public_keys,
            log,
            request,
        } => witness_command(
            &key,
            &state,
            &log_public_keys,
            log.as_deref(),
            request.as_deref(),
        ),
        _ => Err("not a log tool".into()),
    }
}

fn trust_list(
    list: Option<&Path>,
    anchor: Option<&Path>,
) -> Result<trustlabel_protocol::TrustList, String> {
    let fixtures = trustlabel_registry::default_fixtures_dir();
    let list = list.map_or_else(
        || fixtures.join("trust/trust-list.jws.json"),
        Path::to_path_buf,
    );
    let anchor = anchor.map_or_else(
        || fixtures.join("trust/root-anchor.json"),
        Path::to_path_buf,
    );
    let bytes = std::fs::read(&list).map_err(|e| format!("{}: {e}", list.display()))?;
    let anchor_text = std::fs::read(&anchor).map_err(|e| format!("{}: {e}", anchor.display()))?;
    let anchor_file: trustlabel_registry::keys::AnchorFile =
        serde_json::from_slice(&anchor_text)
            .map_err(|e| format!("{}: not an anchor: {e}", anchor.display()))?;
    let anchor = anchor_file
        .to_anchor()
        .ok_or_else(|| format!("{}: not a valid public key", anchor.display()))?;
    trustlabel_protocol::TrustList::verify(&bytes, &[anchor], Utc::now())
        .map_err(|e| format!("{}: {e}", list.display()))
}

#[allow(
    clippy::too_many_arguments,
    reason = "the command's options, passed once from the parsed command line"
)]
fn monitor_command(
    place: Option<&str>,
    keys: &[String],
    registry: &str,
    list: Option<&Path>,
    anchor: Option<&Path>,
    watch: &Watch,
    state: Option<&Path>,
    json: bool,
) -> Result<ExitCode, String> {
    let trust = trust_list(list, anchor)?;
    // The log's keys and URL from the command line, or from the trust list's entry.
    let listed = trust.registry(registry).and_then(|r| r.log());
    let policy = match (keys.is_empty(), listed) {
        (false, _) => policy(keys)?,
        (true, Some(log)) => log.policy().clone(),
        (true, None) => {
            return Err(format!(
                "the trust list names no log for registry {registry:?}: give --log-public-key"
            ))
        }
    };
    let place = match (place, listed) {
        (Some(place), _) => place.to_owned(),
        (None, Some(log)) => log.url().to_string(),
        (None, None) => return Err("give --log".into()),
    };
    let source = Source::open(&place)?;
    let checkpoint = source.checkpoint()?;
    let mut heads = match state {
        Some(path) => TreeHeads::load(path).map_err(|e| e.to_string())?,
        None => TreeHeads::default(),
    };
    let previous = heads.get(policy.origin());
    let bar = (!json && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("monitor [{bar:30}] {pos}/{len} entries")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    });
    let report = monitor::run(
        source.store(),
        &checkpoint,
        &policy,
        &trust,
        previous,
        watch,
        Utc::now(),
        |done, total| {
            if let Some(bar) = &bar {
                if done == 1 {
                    bar.set_length(total);
                }
                if done % 256 == 0 || done == total {
                    bar.set_position(done);
                }
            }
        },
    )
    .map_err(|e| e.to_string())?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if let (Some(path), Some(head)) = (state, report.head) {
        heads.set(policy.origin(), head);
        heads.save(path).map_err(|e| e.to_string())?;
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
    } else {
        print_table(&report);
    }
    Ok(if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_table(report: &monitor::Report) {
    let untrusted = |t: &str| {
        trustlabel_protocol::Untrusted::new(t)
            .terminal()
            .into_owned()
    };
    println!(
        "log {}: {} entries checked of {}{}",
        untrusted(&report.origin),
        report.checked,
        report.size,
        report
            .previous_size
            .map(|p| format!(" ({p} last time)"))
            .unwrap_or_default()
    );
    let rows: Vec<[String; 6]> = report
        .labels
        .iter()
        .flat_map(|(label, issued)| {
            issued.iter().map(move |i| {
                [
                    untrusted(label),
                    i.index.to_string(),
                    chrono::DateTime::from_timestamp(i.issued_at as i64, 0)
                        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_else(|| i.issued_at.to_string()),
                    i.seq.to_string(),
                    i.statement_sha256[..16].to_owned(),
                    if i.new { "new" } else { "" }.to_owned(),
                ]
            })
        })
        .collect();
    let header = ["label", "index", "issued (UTC)", "seq", "statement", ""];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 6]| {
        let text: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", text.join("  ").trim_end());
    };
    line(header);
    for row in &rows {
        line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]);
    }
    println!("{} labels, {} records", report.labels.len(), rows.len());
    for finding in &report.findings {
        println!(
            "FINDING {}{}{}: {}",
            finding.code,
            finding
                .index
                .map(|i| format!(" entry {i}"))
                .unwrap_or_default(),
            finding
                .label
                .as_deref()
                .map(|l| format!(" {}", untrusted(l)))
                .unwrap_or_default(),
            untrusted(&finding.detail)
        );
    }
}

fn witness_command(
    key: &Path,
    state: &Path,
    keys: &[String],
    log: Option<&str>,
    request: Option<&Path>,
) -> Result<ExitCode, String> {
    let key = trustlabel_registry::log::load_note_key(key).map_err(|e| e.to_string())?;
    let mut policies = Vec::new();
    // One policy per log followed: keys grouped by their name (the log's origin).
    let mut by_origin: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for k in keys {
        let parsed =
            VerifierKey::parse(k.trim()).map_err(|e| format!("--log-public-key {k}: {e}"))?;
        by_origin
            .entry(parsed.name().to_owned())
            .or_default()
            .push(k.clone());
    }
    for group in by_origin.values() {
        policies.push(policy(group)?);
    }
    let witness = WitnessOnDisk::new(&key, policies.clone(), state).map_err(|e| e.to_string())?;
    let now = u64::try_from(Utc::now().timestamp()).unwrap_or(0);
    let answer = match (log, request) {
        (Some(place), _) => {
            let source = Source::open(place)?;
            let note = source.checkpoint()?;
            let origin = trustlabel_tlog::Note::parse(&note)
                .ok()
                .and_then(|n| trustlabel_tlog::Checkpoint::parse(n.text()).ok())
                .map(|c| c.origin)
                .ok_or_else(|| format!("{place}: the checkpoint is not a signed checkpoint"))?;
            let Some(policy) = policies.iter().find(|p| p.origin() == origin) else {
                return refuse(404, &format!("this witness does not follow {origin:?}"));
            };
            trustlabel_registry::witness::witness_log(&witness, policy, source.store(), &note, now)
        }
        (None, Some(path)) => {
            let body = read_input(path, trustlabel_tlog::MAX_ADD_CHECKPOINT_BYTES as u64)?;
            trustlabel_registry::witness::add_checkpoint(&witness, &body, now)
        }
        (None, None) => return Err("give --log or --request".into()),
    };
    match answer {
        Ok(lines) => {
            print!("{}", String::from_utf8_lossy(&lines));
            Ok(ExitCode::SUCCESS)
        }
        Err(refused) if refused.status >= 500 => Err(refused.reason),
        Err(refused) => refuse(refused.status, &refused.reason),
    }
}

fn refuse(status: u16, reason: &str) -> Result<ExitCode, String> {
    eprintln!(
        "trustlabel-registry: witness refused ({status}): {}",
        trustlabel_protocol::Untrusted::new(reason).terminal()
    );
    Ok(ExitCode::from(1))
}
