//! `trustlabel`: scan, verify and explain U.S. Cyber Trust Mark labels from a desk.

#![forbid(unsafe_code)]

mod decode;
mod demo;
mod options;
mod output;
mod progress;
mod replay;
mod scan;
mod table;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use options::ScanOptions;

#[derive(Parser)]
#[command(
    name = "trustlabel",
    version,
    about = "Check the QR code on a U.S. Cyber Trust Mark label"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan a label: a link, a photo of the label, or `-` to read links from standard input.
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("could not start: {e}")),
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Scan { input, options } => scan::run(&input, &options).await,
            Command::Demo { options, fixtures } => demo::run(&options, fixtures).await,
            Command::Decode { inputs, json } => decode::run(&inputs, json),
            Command::Replay(options) => replay::run(&options).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(message) => fail(&message),
    }
}

/// Errors are one sentence on stderr and a non-zero exit code.
fn fail(message: &str) -> ExitCode {
    let mut sentence = message.trim().to_owned();
    if let Some(first) = sentence.get(..1) {
        sentence.replace_range(..1, &first.to_uppercase());
    }
    if !sentence.ends_with('.') {
        sentence.push('.');
    }
    eprintln!("trustlabel: {sentence}");
    ExitCode::FAILURE
}
