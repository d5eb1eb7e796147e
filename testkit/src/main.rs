//! `trustlabel-fixtures`: regenerates `api-fixtures/` (and `core/trust/` when `--out` is not
//! given) with the fixture keys, which are TEST ONLY.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use trustlabel_protocol::Untrusted;
use trustlabel_testkit::fixtures::{self, Output};

#[derive(Parser)]
#[command(
    name = "trustlabel-fixtures",
    about = "Regenerate api-fixtures/ (and core/trust/ when --out is not given)"
)]
struct Cli {
    /// Fixtures folder [default: <workspace>/api-fixtures].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Where to write the built-in trust files [default: <workspace>/core/trust, only when
    /// --out is not given].
    #[arg(long)]
    core_trust: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let core_trust = match (&cli.out, cli.core_trust) {
        (_, Some(dir)) => Some(dir),
        (None, None) => Some(trustlabel_registry::default_core_trust_dir()),
        (Some(_), None) => None,
    };
    let output = Output {
        fixtures: cli
            .out
            .unwrap_or_else(trustlabel_registry::default_fixtures_dir),
        core_trust,
    };
    let generated = match fixtures::generate(&output) {
        Ok(generated) => generated,
        Err(e) => {
            eprintln!(
                "trustlabel-fixtures: {}",
                Untrusted::new(e.to_string()).terminal()
            );
            return ExitCode::FAILURE;
        }
    };
    println!(
        "{} labels in {}",
        generated.manifest.labels.len(),
        output.fixtures.display()
    );
    if generated.changed.is_empty() {
        println!("nothing changed");
    }
    for path in &generated.changed {
        println!("changed {}", Untrusted::path(path).terminal());
    }
    ExitCode::SUCCESS
}
