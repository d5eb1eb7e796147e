//! `trustlabel-registry`: the reference registry's command line (all keys are TEST ONLY).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use trustlabel_core::jws::Algorithm;
use trustlabel_core::record::Statement;
use trustlabel_core::trust::TrustListStatement;
use trustlabel_registry::fixtures::{self, Output};
use trustlabel_registry::keys::NamedKey;
use trustlabel_registry::sign::{Header, Signer};
use trustlabel_registry::LoopbackRegistry;

#[derive(Parser)]
#[command(
    name = "trustlabel-registry",
    about = "Reference registry: test keys, signing, fixtures and a loopback server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate api-fixtures/ (and core/trust/ when --out is not given).
    Fixtures {
        /// Fixtures folder [default: <workspace>/api-fixtures].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Where to write the built-in trust files [default: <workspace>/core/trust, only
        /// when --out is not given].
        #[arg(long)]
        core_trust: Option<PathBuf>,
    },
    /// Create a TEST ONLY key file (an existing file is kept, never overwritten).
    Keygen {
        #[arg(long, value_enum)]
        alg: AlgArg,
        #[arg(long)]
        out: PathBuf,
        /// Key id [default: the file name without .json].
        #[arg(long)]
        kid: Option<String>,
    },
    /// Sign a statement (JSON file) and print the envelope.
    Sign {
        /// Key file as written by keygen.
        #[arg(long)]
        key: PathBuf,
        /// Kid to put in the header [default: the key file's kid].
        #[arg(long)]
        kid: Option<String>,
        #[arg(long, value_enum)]
        typ: TypArg,
        statement: PathBuf,
    },
    /// Serve the fixtures on 127.0.0.1 until interrupted (Ctrl-C).
    Serve {
        /// Fixtures folder [default: <workspace>/api-fixtures].
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Port [default: any free port].
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum AlgArg {
    #[value(name = "ES256")]
    Es256,
    #[value(name = "EdDSA")]
    EdDsa,
}

#[derive(Clone, Copy, ValueEnum)]
enum TypArg {
    Record,
    Trustlist,
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("trustlabel-registry: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Fixtures { out, core_trust } => {
            let core_trust = match (&out, core_trust) {
                (_, Some(dir)) => Some(dir),
                (None, None) => Some(trustlabel_registry::default_core_trust_dir()),
                (Some(_), None) => None,
            };
            let output = Output {
                fixtures: out.unwrap_or_else(trustlabel_registry::default_fixtures_dir),
                core_trust,
            };
            let generated = fixtures::generate(&output).map_err(|e| e.to_string())?;
            println!(
                "{} labels in {}",
                generated.manifest.labels.len(),
                output.fixtures.display()
            );
            if generated.changed.is_empty() {
                println!("nothing changed");
            }
            for path in &generated.changed {
                println!("changed {}", path.display());
            }
            Ok(())
        }
        Command::Keygen { alg, out, kid } => {
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
            let key = NamedKey::load_or_create(&out, &kid, alg).map_err(|e| e.to_string())?;
            let verb = if existed { "kept existing" } else { "created" };
            println!(
                "{verb} TEST ONLY key {} ({}) in {}: public key {}",
                key.kid,
                key.alg().as_str(),
                out.display(),
                key.public_key().to_base64url()
            );
            Ok(())
        }
        Command::Sign {
            key,
            kid,
            typ,
            statement,
        } => {
            let mut key = NamedKey::load(&key).map_err(|e| e.to_string())?;
            if let Some(kid) = kid {
                key.kid = kid;
            }
            let text =
                std::fs::read(&statement).map_err(|e| format!("{}: {e}", statement.display()))?;
            // Check the shape, but sign the JSON as given (compacted), unknown fields included.
            let (value, typ) = match typ {
                TypArg::Record => (
                    check_shape::<Statement>(&text)?,
                    trustlabel_core::jws::RECORD_TYPE,
                ),
                TypArg::Trustlist => (
                    check_shape::<TrustListStatement>(&text)?,
                    trustlabel_core::jws::TRUST_LIST_TYPE,
                ),
            };
            let payload = serde_json::to_vec(&value).expect("serialisable");
            let envelope = Signer::new().sign(&key, &Header::new(&key, typ), &payload);
            println!("{}", String::from_utf8_lossy(&envelope.to_bytes()));
            Ok(())
        }
        Command::Serve { dir, port } => {
            let dir = dir.unwrap_or_else(trustlabel_registry::default_fixtures_dir);
            let routes = LoopbackRegistry::fixture_routes(&dir).map_err(|e| e.to_string())?;
            let mut paths: Vec<String> = routes.iter().map(|(p, _)| p.clone()).collect();
            paths.sort();
            let server = LoopbackRegistry::start_on(port, routes)
                .map_err(|e| format!("cannot listen on port {port}: {e}"))?;
            println!("{}", server.base_url());
            eprintln!(
                "serving {} paths from {} (Ctrl-C to stop); record_url_template: {}",
                paths.len(),
                dir.display(),
                server.record_url_template()
            );
            for path in paths {
                eprintln!("  {}", server.url(&path));
            }
            loop {
                std::thread::park();
            }
        }
    }
}

fn check_shape<T: serde::de::DeserializeOwned>(text: &[u8]) -> Result<serde_json::Value, String> {
    let value: serde_json::Value =
        serde_json::from_slice(text).map_err(|e| format!("not JSON: {e}"))?;
    serde_json::from_value::<T>(value.clone())
        .map_err(|e| format!("not a statement of this type: {e}"))?;
    Ok(value)
}
