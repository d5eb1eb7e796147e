//! `trustlabel-registry`: the reference registry's command line. Keys made by `keygen` are
//! real keys; the fixture keys in `api-fixtures/keys/` are TEST ONLY (committed).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Local, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use trustlabel_protocol::{Algorithm, KeyStatus, TrustListStatement};
use trustlabel_registry::keys::AnchorFile;
use trustlabel_registry::keys::NamedKey;
use trustlabel_registry::log;
use trustlabel_registry::publish::{envelope_file_name, statement_for, Issuer};
use trustlabel_registry::serve::Limits;
use trustlabel_registry::sign::{Envelope, Signer};
use trustlabel_registry::site::{Site, SiteSource};

mod tools;

#[derive(Parser)]
#[command(
    name = "trustlabel-registry",
    about = "Reference registry: keys, signing, trust lists, static export and a server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a signing key file (mode 0600; an existing file is kept, never overwritten).
    /// Prints the public half as a trust-list key entry; the private half is never printed.
    ///
    /// With --log, a transparency log key instead (C2SP signed-note Ed25519, named by the
    /// log's --origin); prints its verifier key, the trust list's `log.keys` entry.
    Keygen {
        #[arg(long, value_enum, required_unless_present_any = ["log", "witness"])]
        alg: Option<AlgArg>,
        #[arg(long)]
        out: PathBuf,
        /// Key id [default: the file name without .json].
        #[arg(long, conflicts_with = "log")]
        kid: Option<String>,
        /// Make a log key (see above).
        #[arg(long, requires = "origin", conflicts_with_all = ["alg", "witness"])]
        log: bool,
        /// Make a witness key (C2SP tlog-cosignature v1, Ed25519) named --origin; prints
        /// its verifier key, the trust list's `log.witnesses` entry.
        #[arg(long, requires = "origin", conflicts_with = "alg")]
        witness: bool,
        /// The log's origin, e.g. `demo.trustlabel.dev/log` (its checkpoints' first line),
        /// or the witness's name.
        #[arg(long)]
        origin: Option<String>,
    },
    /// Replay a registry's transparency log from its tiles (a URL or a directory), check
    /// every entry is a statement the registry's listed keys signed, and list every record
    /// ever issued per label. Exit 0: clean; 1: findings; 2: usage; 3: the log could not be
    /// read.
    Monitor {
        /// The log: its URL (`https://registry.example/log/`) or a directory [default: the
        /// URL the trust list names].
        #[arg(long)]
        log: Option<String>,
        /// The log's verifier key, as `keygen --log` printed it (the origin is its name);
        /// repeat while the log rotates its key [default: the keys the trust list's entry for
        /// --registry names in its `log`].
        #[arg(long = "log-public-key")]
        log_public_keys: Vec<String>,
        /// The registry whose log it is, by its trust-list id (for the log keys).
        #[arg(long, default_value = "demo")]
        registry: String,
        /// The trust list naming the registry's keys [default: the fixtures'].
        #[arg(long, requires = "anchor")]
        trust_list: Option<PathBuf>,
        /// The root key's public half the trust list is signed by.
        #[arg(long, requires = "trust_list")]
        anchor: Option<PathBuf>,
        /// Report one label URL only.
        #[arg(long, conflicts_with = "prefix")]
        label: Option<String>,
        /// Report the labels under a maker's URL prefix only.
        #[arg(long)]
        prefix: Option<String>,
        /// The tree verified last time (created on the first clean run, updated after each):
        /// a log that shrank or changed since is a finding, and records since are marked new.
        #[arg(long)]
        state: Option<PathBuf>,
        /// One JSON object on stdout instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Add witnesses' cosignature lines (as `witness` prints them) to the log's published
    /// checkpoint, each checked first against its --witness-key: a stale or forged line
    /// would make scanners refuse the checkpoint. The next export publishes it.
    Cosign {
        /// The log directory.
        #[arg(long = "log", value_name = "DIR")]
        dir: PathBuf,
        /// The log key, as `keygen --log` wrote it; repeat it while the log rotates its key
        /// (the checkpoint must be signed by one of them).
        #[arg(long, required = true)]
        log_key: Vec<PathBuf>,
        /// A witness's verifier key (as `keygen --witness` printed it); one per witness whose
        /// lines are added.
        #[arg(long = "witness-key", required = true)]
        witness_keys: Vec<String>,
        /// Files holding cosignature lines (`-`: standard input).
        #[arg(required = true)]
        cosignatures: Vec<PathBuf>,
    },
    /// A C2SP tlog-witness: cosign a log's checkpoint only if it is consistent with the last
    /// one this witness cosigned (kept in --state). Prints the cosignature line; a refusal
    /// exits 1 with the spec's HTTP status, usage 2, an error 3.
    Witness {
        /// The witness key, as `keygen --witness` wrote it.
        #[arg(long)]
        key: PathBuf,
        /// The witness's state file (its last cosigned tree per log).
        #[arg(long)]
        state: PathBuf,
        /// The followed log's verifier key (the origin is its name); repeat for more logs.
        #[arg(long = "log-public-key", required = true)]
        log_public_keys: Vec<String>,
        /// Read the log's checkpoint and tiles here (a URL or a directory) and build the
        /// request from them.
        #[arg(long, required_unless_present = "request", conflicts_with = "request")]
        log: Option<String>,
        /// An `add-checkpoint` request body (`-`: standard input).
        #[arg(long)]
        request: Option<PathBuf>,
    },
    /// Sign records: each INPUT is {"record", "status", "support", "disclosures"}; a record
    /// that does not fit CTA-2120 1.0.0 or would mislead is refused with the reasons.
    Sign {
        /// Key file as written by keygen.
        #[arg(long)]
        key: PathBuf,
        /// The registry's label URL prefix; every QR_code_url must be under it.
        #[arg(long)]
        prefix: String,
        /// The registry's id in the trust list (the statement's iss).
        #[arg(long, default_value = "demo")]
        iss: String,
        /// Statement sequence number (raise it when re-signing with the same iat).
        #[arg(long, default_value_t = 1)]
        seq: u64,
        /// Issued at, Unix seconds [default: now].
        #[arg(long)]
        iat: Option<i64>,
        /// Valid for this many days after iat.
        #[arg(long, default_value_t = 365)]
        valid_days: i64,
        /// Write one <label path>.jws.json file per record here instead of printing (one INPUT:
        /// stdout); the name is the whole label path, `/` as `_` (`l_shelf-a_cam.jws.json`).
        #[arg(long)]
        out_dir: Option<PathBuf>,
        #[command(flatten)]
        log: LogArgs,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Trust lists: `trust-list sign`.
    #[command(subcommand)]
    TrustList(TrustListCommand),
    /// Write the static site: envelopes, pages (en-US, es-US, zh-Hans, zh-Hant, vi), linksets, a pack and nginx.conf.
    Export {
        #[arg(long)]
        out: PathBuf,
        /// Fixtures folder to export [default: <workspace>/api-fixtures, unless --envelopes].
        #[arg(long)]
        fixtures: Option<PathBuf>,
        /// Export every *.jws.json under this folder instead of the fixtures (needs
        /// --trust-list and --anchor).
        #[arg(long, requires_all = ["trust_list", "anchor"])]
        envelopes: Option<PathBuf>,
        /// The registry's signed trust list.
        #[arg(long)]
        trust_list: Option<PathBuf>,
        /// The root key's public half, {"kid","alg","public_key"}.
        #[arg(long)]
        anchor: Option<PathBuf>,
        /// The address nginx.conf listens on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        nginx_listen: String,
        /// App ids for App Links / Universal Links (see registry/src/app_links.rs).
        #[arg(long)]
        app_links: Option<PathBuf>,
        #[command(flatten)]
        log: LogArgs,
    },
    /// Serve a site over HTTP until SIGTERM or Ctrl-C. Prints the base URL on the first line
    /// of stdout, then one JSON access-log line per request.
    Serve {
        /// An exported site (from `export`) [default: build one from the fixtures].
        #[arg(long)]
        site: Option<PathBuf>,
        /// Address to listen on.
        #[arg(long)]
        listen: Option<String>,
        /// Fixtures folder to build the site from [default: <workspace>/api-fixtures].
        #[arg(long, alias = "fixtures")]
        dir: Option<PathBuf>,
        /// Port on 127.0.0.1 (0: any free port); shorthand for --listen 127.0.0.1:PORT.
        #[arg(long, conflicts_with = "listen")]
        port: Option<u16>,
        /// Most connections served at once; more wait.
        #[arg(long, default_value_t = 4096)]
        max_connections: usize,
        /// App ids for App Links / Universal Links (see registry/src/app_links.rs).
        #[arg(long)]
        app_links: Option<PathBuf>,
    },
}

/// The registry's transparency log: every statement signed is appended to it.
#[derive(clap::Args)]
struct LogArgs {
    /// The log directory (created with its first checkpoint if it holds none); every
    /// statement signed or exported is appended to it, once.
    #[arg(long = "log", requires = "log_key", value_name = "DIR")]
    dir: Option<PathBuf>,
    /// The log key, as `keygen --log` writes it. Repeat it while the log rotates its key
    /// (old and new, same origin): the log's checkpoint must be signed by one of them, and
    /// every new checkpoint is signed by each.
    #[arg(long, requires = "dir", value_name = "FILE")]
    log_key: Vec<PathBuf>,
}

/// Reads every `--log-key` file.
fn load_log_keys(paths: &[PathBuf]) -> Result<Vec<trustlabel_tlog::SignerKey>, String> {
    paths
        .iter()
        .map(|p| log::load_key(p).map_err(|e| e.to_string()))
        .collect()
}

impl LogArgs {
    fn open(&self) -> Result<Option<trustlabel_tlog::LogWriter>, String> {
        let Some(dir) = &self.dir else {
            return Ok(None);
        };
        log::open_or_create_with_keys(dir, load_log_keys(&self.log_key)?)
            .map(Some)
            .map_err(|e| e.to_string())
    }
}

#[derive(Subcommand)]
enum TrustListCommand {
    /// Sign a trust-list statement with the root key. Its version must be higher than the
    /// previous list's (--previous, or the --out file if it exists).
    Sign {
        #[arg(long)]
        root: PathBuf,
        /// The statement: {"iss":"root","version",...,"registries":[...]}.
        #[arg(long)]
        statement: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// The list this one replaces [default: the --out file, if it exists].
        #[arg(long)]
        previous: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum AlgArg {
    #[value(name = "es256", alias = "ES256")]
    Es256,
    #[value(name = "ed25519", alias = "EdDSA", alias = "eddsa")]
    EdDsa,
}

fn main() -> ExitCode {
    let command = match Cli::try_parse() {
        Ok(cli) => cli.command,
        Err(e) => {
            let _ = e.print();
            // Usage errors exit 2, as the scanner's CLI does; --help and --version 0.
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if matches!(command, Command::Monitor { .. } | Command::Witness { .. }) {
        return match tools::run(command) {
            Ok(code) => code,
            Err(message) => {
                say(&format!("trustlabel-registry: {message}"));
                ExitCode::from(3)
            }
        };
    }
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            say(&format!("trustlabel-registry: {message}"));
            // 3 as for every error of this tool and of the scanner's CLI (1 is a finding).
            ExitCode::from(3)
        }
    }
}

/// A sentence on standard error. Messages quote record text, file names and arguments:
/// every character that could steer a terminal is replaced.
fn say(text: &str) {
    eprintln!("{}", trustlabel_protocol::Untrusted::new(text).terminal());
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Keygen {
            alg,
            out,
            kid,
            log,
            witness,
            origin,
        } => match (log, witness, origin, alg) {
            (true, _, Some(origin), _) => {
                keygen_note(&out, &origin, trustlabel_tlog::KeyKind::Ed25519)
            }
            (_, true, Some(origin), _) => {
                keygen_note(&out, &origin, trustlabel_tlog::KeyKind::CosignatureV1)
            }
            (_, _, _, Some(alg)) => keygen(alg, &out, kid),
            _ => Err("give --alg, or --log or --witness with --origin".into()),
        },
        Command::Cosign {
            dir,
            log_key,
            witness_keys,
            cosignatures,
        } => cosign(&dir, &log_key, &witness_keys, &cosignatures),
        Command::Monitor { .. } | Command::Witness { .. } => {
            Err("monitor and witness run through tools::run".into())
        }
        Command::Sign {
            key,
            prefix,
            iss,
            seq,
            iat,
            valid_days,
            out_dir,
            log,
            inputs,
        } => {
            let prefix = url::Url::parse(&prefix).map_err(|e| format!("--prefix {prefix}: {e}"))?;
            let iat = iat.unwrap_or_else(|| Utc::now().timestamp());
            let issuer = Issuer {
                iss,
                prefix,
                iat,
                exp: iat.saturating_add(valid_days.saturating_mul(86_400)),
                seq,
            };
            sign(&key, &issuer, out_dir.as_deref(), &log, &inputs)
        }
        Command::TrustList(TrustListCommand::Sign {
            root,
            statement,
            out,
            previous,
        }) => trust_list_sign(&root, &statement, &out, previous.as_deref()),
        Command::Export {
            out,
            fixtures,
            envelopes,
            trust_list,
            anchor,
            nginx_listen,
            app_links,
            log,
        } => {
            let source = match (envelopes, trust_list, anchor) {
                (Some(dir), Some(list), Some(anchor)) => custom_source(&dir, &list, &anchor)?,
                _ => SiteSource::fixtures(
                    &fixtures.unwrap_or_else(trustlabel_registry::default_fixtures_dir),
                )
                .map_err(|e| e.to_string())?,
            };
            export_command(source, &out, &nginx_listen, app_links.as_deref(), &log)
        }
        Command::Serve {
            site,
            listen,
            dir,
            port,
            max_connections,
            app_links,
        } => {
            let listen = match (listen, port) {
                (Some(listen), _) => listen,
                (None, Some(port)) => format!("127.0.0.1:{port}"),
                (None, None) => "127.0.0.1:8080".to_owned(),
            };
            let site = match site {
                Some(dir) => Site::load(&dir).map_err(|e| e.to_string())?,
                None => Site::from_fixtures(
                    &dir.unwrap_or_else(trustlabel_registry::default_fixtures_dir),
                    Local::now().fixed_offset(),
                )
                .map_err(|e| e.to_string())?,
            };
            let limits = Limits {
                max_connections: max_connections.max(1),
                ..Limits::default()
            };
            serve_command(site, &listen, limits, app_links.as_deref())
        }
    }
}

/// `export`: the site built from `source` on today's date, written to `out` with its
/// nginx.conf.
fn export_command(
    mut source: SiteSource,
    out: &Path,
    nginx_listen: &str,
    app_links: Option<&Path>,
    log: &LogArgs,
) -> Result<(), String> {
    let started = std::time::Instant::now();
    trustlabel_registry::app_links::add_configured(app_links, &mut source.files)
        .map_err(|e| e.to_string())?;
    let now = Local::now().fixed_offset();
    if let Some(mut writer) = log.open()? {
        // Append what the log does not hold yet, then publish the whole log with the site.
        let trust = trustlabel_protocol::TrustList::verify(
            &source.trust_list,
            &source.anchors,
            now.with_timezone(&Utc),
        )
        .map_err(|e| format!("trust list: {e}"))?;
        let (appended, site_log) =
            log::log_labels(&mut writer, &source.labels, &trust, now.with_timezone(&Utc))
                .map_err(|e| e.to_string())?;
        trustlabel_registry::site::add_log_files(&mut source.files, &site_log);
        say(&format!(
            "log {}: appended {} statements ({} new tiles and bundles); {} entries, {} files",
            site_log.origin(),
            appended.appended,
            appended.files,
            site_log.head().size,
            site_log.files().len()
        ));
    }
    let site = Site::build(&source, now).map_err(|e| e.to_string())?;
    let files =
        trustlabel_registry::export::export(&site, out, nginx_listen).map_err(|e| e.to_string())?;
    let verified = site.labels.values().filter(|l| l.verified).count();
    say(&format!(
        "exported {} labels ({verified} verify) as {files} files to {} in {:.2} s",
        site.labels.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// `serve`: `site` on `listen` until SIGTERM or Ctrl-C.
fn serve_command(
    mut site: Site,
    listen: &str,
    limits: Limits,
    app_links: Option<&Path>,
) -> Result<(), String> {
    trustlabel_registry::app_links::add_configured(app_links, &mut site.files)
        .map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        // The first stdout line is the base URL (scripts read it); access log after.
        println!("http://{addr}");
        say(&format!(
            "serving {} labels on http://{addr} (SIGTERM or Ctrl-C to stop)",
            site.labels.len()
        ));
        trustlabel_registry::serve::run(&site, listener, limits)
            .await
            .map_err(|e| e.to_string())
    })
}

fn keygen(alg: AlgArg, out: &Path, kid: Option<String>) -> Result<(), String> {
    let alg = match alg {
        AlgArg::Es256 => Algorithm::Es256,
        AlgArg::EdDsa => Algorithm::EdDsa,
    };
    let kid = kid.unwrap_or_else(|| {
        out.file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".json").to_owned())
            .unwrap_or_else(|| "key".into())
    });
    let existed = out.exists();
    let key = NamedKey::load_or_create(out, &kid, alg).map_err(|e| e.to_string())?;
    let not_before = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let entry = key.key_entry(KeyStatus::Active, Some(&not_before), None);
    println!(
        "{}",
        serde_json::to_string_pretty(&entry).map_err(|e| e.to_string())?
    );
    let verb = if existed {
        "kept the existing"
    } else {
        "wrote a new"
    };
    say(&format!(
        "{verb} {} key {} to {} (private, mode 0600); above is its trust-list key entry",
        key.alg().as_str(),
        key.kid,
        out.display()
    ));
    Ok(())
}

fn cosign(
    dir: &Path,
    log_keys: &[PathBuf],
    witness_keys: &[String],
    files: &[PathBuf],
) -> Result<(), String> {
    let keys = load_log_keys(log_keys)?;
    let verifiers: Vec<_> = keys.iter().map(|k| k.verifier().clone()).collect();
    let mut writer = log::open_or_create_with_keys(dir, keys).map_err(|e| e.to_string())?;
    let witnesses: Vec<trustlabel_tlog::VerifierKey> = witness_keys
        .iter()
        .map(|k| {
            trustlabel_tlog::VerifierKey::parse(k.trim())
                .map_err(|e| format!("--witness-key {k}: {e}"))
        })
        .collect::<Result<_, _>>()?;
    // The cosigned checkpoint is one note of at most MAX_NOTE_BYTES: so are its lines.
    let mut lines = Vec::new();
    for file in files {
        lines.extend(tools::read_input(
            file,
            trustlabel_tlog::MAX_NOTE_BYTES as u64,
        )?);
    }
    // Every given witness must have cosigned this very checkpoint, and every line must verify.
    let mut note = writer.checkpoint();
    note.extend_from_slice(&lines);
    let policy = trustlabel_tlog::LogPolicy::with_log_keys(
        writer.origin(),
        verifiers,
        witnesses.clone(),
        witnesses.len(),
    )
    .map_err(|e| e.to_string())?;
    policy
        .verify_checkpoint(&note)
        .map_err(|e| format!("the cosignatures do not verify on the published checkpoint: {e}"))?;
    writer
        .add_cosignatures(&lines)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    say(&format!(
        "added {} witnesses' cosignatures to the checkpoint of {} (size {})",
        witnesses.len(),
        writer.origin(),
        writer.head().size
    ));
    Ok(())
}

fn keygen_note(out: &Path, origin: &str, kind: trustlabel_tlog::KeyKind) -> Result<(), String> {
    let (key, existed) = log::create_key(out, origin, kind).map_err(|e| e.to_string())?;
    println!("{}", key.verifier().to_text());
    let what = match kind {
        trustlabel_tlog::KeyKind::CosignatureV1 => "witness",
        _ => "log",
    };
    let verb = if existed {
        "kept the existing"
    } else {
        "wrote a new"
    };
    let member = if what == "log" { "keys" } else { "witnesses" };
    say(&format!(
        "{verb} {what} key {origin} to {} (private, mode 0600); above is its verifier key \
         for the trust list's log.{member}",
        out.display()
    ));
    Ok(())
}

fn sign(
    key: &Path,
    issuer: &Issuer,
    out_dir: Option<&Path>,
    log: &LogArgs,
    inputs: &[PathBuf],
) -> Result<(), String> {
    let key = NamedKey::load(key).map_err(|e| e.to_string())?;
    if out_dir.is_none() && inputs.len() > 1 {
        return Err("more than one INPUT: give --out-dir".into());
    }
    let signer = match out_dir {
        Some(dir) => Signer::with_previous(dir),
        None => Signer::new(),
    };
    let mut refused = 0;
    // Every statement first: two inputs for one label are refused before anything is written.
    let mut signed: Vec<(&PathBuf, String, Vec<u8>)> = Vec::new();
    for input in inputs {
        let text = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
        let value: serde_json::Value = match serde_json::from_slice(&text) {
            Ok(v) => v,
            Err(e) => {
                say(&format!("{}: refused: not JSON: {e}", input.display()));
                refused += 1;
                continue;
            }
        };
        let statement = match statement_for(&value, issuer) {
            Ok(s) => s,
            Err(problems) => {
                for problem in problems {
                    say(&format!("{}: refused: {problem}", input.display()));
                }
                refused += 1;
                continue;
            }
        };
        let envelope = signer.statement(&key, &statement).to_bytes();
        signed.push((input, statement.sub, envelope));
    }
    // Logged before anything is written: no statement leaves here unlogged. A statement
    // signed again with the same bytes (unchanged ES256 signatures are reused) is not
    // appended twice.
    if let Some(mut writer) = log.open()? {
        let statements: Vec<log::Logged> = signed
            .iter()
            .filter_map(|(_, _, envelope)| log::entry_for(envelope))
            .collect();
        let appended = log::append_new(&mut writer, &statements).map_err(|e| e.to_string())?;
        say(&format!(
            "log {}: appended {} statements; {} entries",
            writer.origin(),
            appended.appended,
            appended.head.size
        ));
    }
    match out_dir {
        None => {
            for (_, _, envelope) in &signed {
                println!("{}", String::from_utf8_lossy(envelope));
            }
        }
        Some(dir) => write_envelopes(dir, &signed)?,
    }
    if refused > 0 {
        return Err(format!("{refused} of {} inputs refused", inputs.len()));
    }
    if let Some(dir) = out_dir {
        say(&format!(
            "signed {} records into {}",
            signed.len(),
            dir.display()
        ));
    }
    Ok(())
}

/// Writes each signed `(input, sub, envelope)` into `dir` as `<label path>.jws.json`, or
/// nothing at all when two inputs are for one label or a file there holds another label's
/// record.
fn write_envelopes(dir: &Path, signed: &[(&PathBuf, String, Vec<u8>)]) -> Result<(), String> {
    let mut names: std::collections::HashMap<String, &PathBuf> = Default::default();
    let mut planned = Vec::new();
    for (input, sub, envelope) in signed {
        let name = envelope_file_name(sub);
        if let Some(first) = names.insert(name.clone(), input) {
            return Err(format!(
                "{} and {} are both records for {sub}; nothing was written",
                first.display(),
                input.display()
            ));
        }
        let path = dir.join(&name);
        // A file left by an earlier run for another label is never overwritten.
        if let Some(other) = std::fs::read(&path)
            .ok()
            .and_then(|bytes| trustlabel_registry::site::unverified_sub(&bytes))
            .filter(|other| other != sub)
        {
            return Err(format!(
                "{} holds the record for {other}; {} (for {sub}) would overwrite it; \
                 nothing was written",
                path.display(),
                input.display()
            ));
        }
        planned.push((path, envelope));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (path, envelope) in planned {
        std::fs::write(&path, envelope).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The version inside a trust-list envelope, read without verifying (it only sets a floor).
fn envelope_version(path: &Path) -> Result<u64, String> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let envelope = Envelope::from_bytes(&bytes)
        .ok_or_else(|| format!("{}: not an envelope", path.display()))?;
    let payload = URL_SAFE_NO_PAD
        .decode(&envelope.payload)
        .map_err(|e| format!("{}: payload is not base64url: {e}", path.display()))?;
    let statement: TrustListStatement = serde_json::from_slice(&payload)
        .map_err(|e| format!("{}: not a trust list: {e}", path.display()))?;
    Ok(statement.version)
}

fn trust_list_sign(
    root: &Path,
    statement: &Path,
    out: &Path,
    previous: Option<&Path>,
) -> Result<(), String> {
    let root = NamedKey::load(root).map_err(|e| e.to_string())?;
    let text = std::fs::read(statement).map_err(|e| format!("{}: {e}", statement.display()))?;
    let list: TrustListStatement = serde_json::from_slice(&text)
        .map_err(|e| format!("{}: not a trust-list statement: {e}", statement.display()))?;
    if list.iss != "root" {
        return Err(format!(
            "iss is {:?}; a trust list's iss must be \"root\"",
            list.iss
        ));
    }
    let previous = previous
        .map(Path::to_path_buf)
        .or_else(|| out.exists().then(|| out.to_path_buf()));
    if let Some(previous) = previous {
        let old = envelope_version(&previous)?;
        if list.version <= old {
            return Err(format!(
                "version {} is not higher than version {old} in {}: scanners would refuse it \
                 as a rollback",
                list.version,
                previous.display()
            ));
        }
    }
    for registry in &list.registries {
        for key in &registry.keys {
            if trustlabel_protocol::PublicKey::from_base64url(key.alg, &key.public_key).is_none() {
                return Err(format!(
                    "registry {}: key {} has no valid public key",
                    registry.id, key.kid
                ));
            }
        }
        // Every rule a scanner applies to an entry (its `log` member's keys, witnesses,
        // threshold and URL included): a list scanners would refuse whole is never signed.
        trustlabel_protocol::Registry::new(registry.clone(), Utc::now())
            .map_err(|e| format!("registry {}: {e}", registry.id))?;
    }
    let envelope = trustlabel_registry::sign::sign_trust_list(&root, &list);
    std::fs::write(out, &envelope).map_err(|e| format!("{}: {e}", out.display()))?;
    say(&format!(
        "signed trust list version {} with {} into {}",
        list.version,
        root.kid,
        out.display()
    ));
    Ok(())
}

fn custom_source(dir: &Path, list: &Path, anchor: &Path) -> Result<SiteSource, String> {
    let labels = SiteSource::envelopes_in(dir).map_err(|e| e.to_string())?;
    let trust_list = std::fs::read(list).map_err(|e| format!("{}: {e}", list.display()))?;
    let anchor_text = std::fs::read(anchor).map_err(|e| format!("{}: {e}", anchor.display()))?;
    let anchor: AnchorFile = serde_json::from_slice(&anchor_text).map_err(|e| {
        format!(
            "{}: not an anchor {{kid, alg, public_key}}: {e}",
            anchor.display()
        )
    })?;
    let anchor = anchor
        .to_anchor()
        .ok_or_else(|| "the anchor's public key is not valid".to_owned())?;
    let mut files = std::collections::BTreeMap::new();
    files.insert(
        "/trust/trust-list.jws.json".to_owned(),
        (
            trustlabel_registry::http::JOSE_JSON.to_owned(),
            trust_list.clone(),
        ),
    );
    Ok(SiteSource {
        labels,
        trust_list,
        anchors: vec![anchor],
        files,
    })
}
