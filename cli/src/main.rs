//! `trustlabel`: scan, verify and explain U.S. Cyber Trust Mark labels from a desk.

#![forbid(unsafe_code)]

mod audit;
mod compare;
mod decode;
mod demo;
mod error;
mod files;
mod history;
mod lines;
mod options;
mod output;
mod pack;
mod progress;
mod replay;
mod scan;
mod table;
mod trust_list;
mod watch;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use error::Error;
use options::ScanOptions;

#[derive(Parser)]
#[command(
    name = "trustlabel",
    version,
    about = "Check the QR code on a U.S. Cyber Trust Mark label",
    after_help = error::EXIT_CODES_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan a label: a link, a photo of the label, or `-` to read links from standard input.
    /// Exits 0 when the label verified, 1 when it did not (with `-`: 0 only when every line
    /// verified), 3 when it could not be checked.
    #[command(after_help = error::EXIT_CODES_HELP)]
    Scan {
        /// A label link, an image file (PNG, JPEG, WebP), or `-` for one link per line on stdin.
        input: String,
        #[command(flatten)]
        options: ScanOptions,
    },
    /// List the QR codes in photos (files or folders), exactly as decoded.
    Decode {
        /// Image files (PNG, JPEG, WebP) or folders of them.
        #[arg(required = true)]
        inputs: Vec<std::path::PathBuf>,
        /// One JSON object per file: {"file", "texts", "ms"}.
        #[arg(long)]
        json: bool,
    },
    /// Feed images to a live scan session as if they were camera frames, in order, and print
    /// each event (searching, code_seen, checking, result, failed, cancelled).
    #[command(after_help = error::EXIT_CODES_HELP)]
    Replay(replay::ReplayOptions),
    /// Run the whole pipeline on the built-in demo data: a registry served on loopback
    /// inside this process, real HTTP, signature checks and the offline cache.
    Demo {
        #[command(flatten)]
        options: ScanOptions,
        /// The fixtures folder (default: the repository's api-fixtures).
        #[arg(long, value_name = "DIR")]
        fixtures: Option<std::path::PathBuf>,
    },
    /// Audit a shelf: every label in a folder of photos, a file of links (one per line) or
    /// standard input (`-`), each counted once in one bucket; kept until deleted. Exits 0
    /// when every label in the audit verified, 1 when one did not, 3 when one could not be
    /// checked or a photo had no code that could be read.
    #[command(after_help = error::EXIT_CODES_HELP)]
    Audit {
        /// A folder of photos, a file of label links, or `-` for standard input.
        input: Option<String>,
        /// Name of a new audit (default: audit-<date>-<time>).
        #[arg(long, value_name = "NAME", conflicts_with_all = ["resume", "delete"])]
        name: Option<String>,
        /// Add to (or just show) a saved audit.
        #[arg(long, value_name = "NAME", conflicts_with = "delete")]
        resume: Option<String>,
        /// Delete a saved audit.
        #[arg(long, value_name = "NAME")]
        delete: Option<String>,
        /// Write the audit as CSV to FILE (`-`: standard output).
        #[arg(long, value_name = "FILE")]
        csv: Option<std::path::PathBuf>,
        #[command(flatten)]
        options: ScanOptions,
    },
    /// List the saved audits.
    Audits {
        #[command(flatten)]
        options: ScanOptions,
    },
    /// Offline packs: many signed records in one file, for a day without signal.
    Pack {
        #[command(subcommand)]
        command: PackCommand,
    },
    /// Recent scans, newest first; search them, switch the history off or on, clear it.
    History {
        /// Only scans whose product or maker contains TEXT.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Stop writing scans to the history.
        #[arg(long, conflicts_with = "on")]
        off: bool,
        /// Write scans to the history again.
        #[arg(long)]
        on: bool,
        /// Forget every scan in the history.
        #[arg(long)]
        clear: bool,
        #[command(flatten)]
        options: ScanOptions,
    },
    /// "My devices": products to watch, and what matters about them now.
    Watch {
        #[command(subcommand)]
        command: watch::WatchCommand,
    },
    /// The trust list: which registries and keys are trusted.
    TrustList {
        #[command(subcommand)]
        command: TrustListCommand,
    },
    /// Two or more products side by side. Exits 0 when every label verified, 1 when one did
    /// not, 3 when one could not be checked.
    #[command(after_help = error::EXIT_CODES_HELP)]
    Compare {
        /// Label links.
        #[arg(required = true, num_args = 2..)]
        urls: Vec<String>,
        #[command(flatten)]
        options: ScanOptions,
    },
}

#[derive(Subcommand)]
enum TrustListCommand {
    /// Ask where the trust list is published for a newer one, and use it if it verifies.
    Refresh {
        #[command(flatten)]
        options: ScanOptions,
    },
}

#[derive(Subcommand)]
enum PackCommand {
    /// Write every saved label that still verifies, with the trust list, to FILE (`-`:
    /// standard output).
    Export {
        file: std::path::PathBuf,
        #[command(flatten)]
        options: ScanOptions,
    },
    /// Load a pack (FILE, or `-` for standard input): every record is verified as if
    /// fetched; bad ones are skipped and listed.
    Import {
        file: std::path::PathBuf,
        #[command(flatten)]
        options: ScanOptions,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&Error::Failed(format!("could not start: {e}"))),
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Scan { input, options } => scan::run(&input, &options).await,
            Command::Demo { options, fixtures } => demo::run(&options, fixtures).await,
            Command::Decode { inputs, json } => decode::run(&inputs, json),
            Command::Replay(options) => replay::run(&options).await,
            Command::Audit {
                input,
                name,
                resume,
                delete,
                csv,
                options,
            } => {
                audit::run(audit::AuditArgs {
                    input: input.as_deref(),
                    name: name.as_deref(),
                    resume: resume.as_deref(),
                    delete: delete.as_deref(),
                    csv: csv.as_deref(),
                    options: &options,
                })
                .await
            }
            Command::Audits { options } => audit::list(&options),
            Command::Pack {
                command: PackCommand::Export { file, options },
            } => pack::export(&file, &options),
            Command::Pack {
                command: PackCommand::Import { file, options },
            } => pack::import(&file, &options),
            Command::History {
                search,
                off,
                on,
                clear,
                options,
            } => history::run(history::HistoryArgs {
                search: search.as_deref(),
                off,
                on,
                clear,
                options: &options,
            }),
            Command::Watch { command } => watch::run(&command).await,
            Command::Compare { urls, options } => compare::run(&urls, &options).await,
            Command::TrustList {
                command: TrustListCommand::Refresh { options },
            } => trust_list::refresh(&options).await,
        }
    });
    match result {
        Ok(exit) => exit.into(),
        Err(error) => fail(&error),
    }
}

/// Errors are one sentence on stderr and the exit code of their kind. The sentence is not
/// capitalised: it often starts with what the user typed (a link, a file name), which is
/// quoted exactly as given.
fn fail(error: &Error) -> ExitCode {
    let mut sentence = error.to_string().trim().to_owned();
    if !sentence.ends_with('.') {
        sentence.push('.');
    }
    output::note(&format!("trustlabel: {sentence}"));
    error.exit().into()
}
