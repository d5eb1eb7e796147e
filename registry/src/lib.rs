//! trustlabel-registry: the reference registry for the trustlabel protocol
//! (`shared/design/registry-protocol.md`), for the demo and the tests.
//!
//! - [`keys`]: test keys kept as JSON files (`api-fixtures/keys/`), loaded or created.
//! - [`sign`]: signing statements and trust lists as flattened JWS envelopes.
//! - [`fixtures`]: the reproducible generator of `api-fixtures/` and `core/trust/`.
//! - [`manifest`]: the index of `api-fixtures/` (`manifest.json`) that other crates read.
//! - [`server`]: [`server::LoopbackRegistry`], a registry on `127.0.0.1` with fault injection.
//!
//! Every key this crate makes or loads is TEST ONLY: the private halves are committed.

#![forbid(unsafe_code)]

pub mod app_links;
pub mod fixtures;
pub mod keys;
pub mod manifest;
pub mod nginx;
pub mod page;
pub mod publish;
pub mod schema;
pub mod serve;
pub mod server;
pub mod sign;
pub mod site;

use std::path::PathBuf;

pub use keys::{FixtureKeys, NamedKey};
pub use manifest::Manifest;
pub use server::{Fault, LoopbackRegistry, SeenRequest};

/// Errors of this crate: file and key problems, each naming the file involved.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// A file is not JSON of the expected shape.
    #[error("{path}: not valid JSON of the expected shape: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// What the JSON reader said.
        source: serde_json::Error,
    },
    #[error("{path}: {reason}")]
    /// A key file holds no usable key.
    Key {
        /// The file.
        path: PathBuf,
        /// What is wrong with the key.
        reason: String,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn json(path: impl Into<PathBuf>, source: serde_json::Error) -> Self {
        Error::Json {
            path: path.into(),
            source,
        }
    }
}

/// The workspace's root folder (this crate's parent), for default paths in a checkout.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `api-fixtures/` in the workspace.
pub fn default_fixtures_dir() -> PathBuf {
    workspace_root().join("api-fixtures")
}

/// `core/trust/` in the workspace: the built-in trust anchor and default trust list.
pub fn default_core_trust_dir() -> PathBuf {
    workspace_root().join("core").join("trust")
}
