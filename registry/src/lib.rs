//! trustlabel-registry: the reference registry of the trustlabel protocol (the protocol is
//! described in `docs/registry-protocol.md`). It signs records and trust lists, builds a
//! registry's public site, and serves it.
//!
//! Keys and signing:
//! - [`keys`]: key files (`keygen`) and the root key's public half ([`keys::AnchorFile`]).
//! - [`sign`]: statements and trust lists signed as flattened JWS envelopes.
//! - [`log`]: the transparency log every signed statement is appended to, published with
//!   the site, and the `log_proof` each served envelope carries.
//! - [`publish`]: the statement for a record a registry publishes, refused with reasons
//!   when it does not fit CTA-2120 or would mislead (`sign`).
//! - [`schema`]: the CTA-2120 record schema the records are checked against.
//!
//! The public site, built once from the envelopes:
//! - [`site`]: per label the envelope, a page per language and a linkset; a pack of every
//!   verified label; written out as static files and read back.
//! - [`page`]: the consumer page a browser gets, in every language the words have.
//! - [`app_links`]: the Android App Links and iOS Universal Links files.
//! - [`http`]: what the HTTP answers mean (media types, ETags, negotiation, language),
//!   shared by every server of the site.
//! - [`serve`]: the site over HTTP (`serve`), with limits and an access log.
//! - [`export`]: the site as static files with an nginx configuration ([`nginx`]) that
//!   answers as `serve` does.
//!
//! The demo data:
//! - [`manifest`]: the index of `api-fixtures/` (`manifest.json`): what each fixture label
//!   should scan as, read by the CLI's demo and the tests. `serve` and `export` build their
//!   site from the fixtures when given no envelopes of their own.
//!
//! The test kit (the loopback registry with fault injection, the fixture keys and products,
//! the generator of `api-fixtures/`) is the `trustlabel-testkit` crate, which only tests and
//! benches depend on. The fixtures' keys are TEST ONLY: their private halves are committed.

#![forbid(unsafe_code)]

pub mod app_links;
pub mod export;
pub mod http;
pub mod keys;
pub mod log;
pub mod manifest;
pub mod monitor;
pub mod nginx;
pub mod page;
pub mod publish;
pub mod schema;
pub mod serve;
pub mod sign;
pub mod site;
pub mod tiles_http;
pub mod witness;

use std::path::PathBuf;

use trustlabel_protocol::TrustListError;

/// Errors of this crate: one variant per kind of problem, each naming the file, URL or path
/// involved.
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
    /// A key or anchor file holds no usable key, or not the key expected.
    #[error("{path}: {reason}")]
    Key {
        /// The file.
        path: PathBuf,
        /// What is wrong with the key.
        reason: String,
    },
    /// A file given as a signed record is not one: not a JWS envelope, or its statement has
    /// no `sub` that is a URL (so it cannot be placed on the site).
    #[error("{path}: not an envelope with a statement whose sub is a URL")]
    NotAnEnvelope {
        /// The file.
        path: PathBuf,
    },
    /// The trust list does not verify against the root keys given.
    #[error("trust list: does not verify against the anchors: {source}")]
    TrustList {
        /// The check that failed.
        source: TrustListError,
    },
    /// A label's URL cannot be served: not a URL, or a path no static file can have.
    #[error("{url}: {reason}")]
    LabelUrl {
        /// The label's URL, as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A verified record that may not be published: it holds links that could not be opened
    /// safely (`javascript:`, `http:`).
    #[error("{url}: the record cannot be published: {}", problems.join("; "))]
    Unpublishable {
        /// The label's URL.
        url: String,
        /// One sentence per field at fault.
        problems: Vec<String>,
    },
    /// A path of the site that could leave its folder, so it is neither written nor read.
    #[error("{}{path}: not a safe path for a static file", in_file.as_ref().map(|f| format!("{}: ", f.display())).unwrap_or_default())]
    UnsafePath {
        /// The path.
        path: String,
        /// The index that listed it, when read from an export.
        in_file: Option<PathBuf>,
    },
    /// The registry's transparency log could not be read, checked or appended to.
    #[error("{}: transparency log: {source}", path.display())]
    Log {
        /// The log directory or file.
        path: PathBuf,
        /// What the log crate said.
        source: trustlabel_tlog::Error,
    },
    /// The App Links / Universal Links configuration names no app or a malformed id.
    #[error("{path}: {reason}")]
    AppLinks {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

impl Error {
    /// A file that could not be read or written.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A file that is not JSON of the expected shape.
    pub fn json(path: impl Into<PathBuf>, source: serde_json::Error) -> Self {
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
