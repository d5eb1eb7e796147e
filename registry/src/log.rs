//! The registry's transparency log (`docs/registry-protocol.md`, "Transparency log proofs";
//! `docs/transparency.md`). Every statement the registry signs is appended, as a
//! `trustlabel-record/v1` entry with its JWS compact form in the statement bundles, to the
//! registry's log directory ([`trustlabel_tlog::LogWriter`]: C2SP tlog-tiles with a signed
//! checkpoint), by `sign --log` and `export --log`. The export publishes the directory's files
//! under [`LOG_PATH`] and every envelope it serves carries its `log_proof` against the
//! checkpoint published with it.
//!
//! Invariants:
//! - Only statements the registry's listed keys signed are logged ([`signed_by_registry`]):
//!   a forgery served for a label is never put in the registry's own log.
//! - A statement is logged once: an append skips every statement already in the log, so an
//!   export of an unchanged registry appends nothing and writes no tile.
//! - The log's files are published as they are in the log directory: a tile already in an
//!   export is never replaced by other bytes ([`crate::site::Site::write`] refuses).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::Value;
use trustlabel_protocol::{verify_record, CheckFailure, LabelLink, TrustList};
use trustlabel_tlog::{
    Checkpoint, KeyKind, LogProof, LogWriter, Note, Prover, RecordEntry, SignerKey, TreeHead,
    CHECKPOINT_FILE,
};

use crate::Error;

/// Where an export publishes the log: `<site>/log/checkpoint`, `<site>/log/tile/...`,
/// `<site>/log/statements/...`. The trust list's `log.url` is the site's origin and this path.
pub const LOG_PATH: &str = "/log";
/// The content type of the checkpoint (a signed note is UTF-8 text).
pub const CHECKPOINT_TYPE: &str = "text/plain; charset=utf-8";
/// The content type of tiles and bundles.
pub const TILE_TYPE: &str = "application/octet-stream";

/// How long a log file may be cached, by its site path: the checkpoint must be fetched
/// again every time (it is the only file that changes), a tile or bundle never changes.
/// `None` for a path outside the log.
pub fn cache_control(path: &str) -> Option<&'static str> {
    let rest = path.strip_prefix(LOG_PATH)?.strip_prefix('/')?;
    Some(if rest == CHECKPOINT_FILE {
        "no-cache"
    } else {
        "public, max-age=31536000, immutable"
    })
}

fn log_error(path: &Path, source: trustlabel_tlog::Error) -> Error {
    Error::Log {
        path: path.to_owned(),
        source,
    }
}

/// Reads a log key file: the C2SP signed-note private key text
/// `PRIVATE+KEY+<origin>+<8 hex>+<base64>`, as `keygen --log` writes it. The key's name is
/// the log's origin.
pub fn load_key(path: &Path) -> Result<SignerKey, Error> {
    let key = load_note_key(path)?;
    if key.verifier().kind() != KeyKind::Ed25519 {
        return Err(Error::Key {
            path: path.to_owned(),
            reason: "not a log key (a signed-note Ed25519 key, type 0x01)".into(),
        });
    }
    Ok(key)
}

/// Reads a signed-note private key file of any kind (a log's or a witness's).
pub fn load_note_key(path: &Path) -> Result<SignerKey, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    SignerKey::parse(text.trim_end()).map_err(|e| log_error(path, e))
}

/// Makes a note key of `kind` named `origin` in `path` (mode 0600): a log key
/// ([`KeyKind::Ed25519`]) or a witness key ([`KeyKind::CosignatureV1`]). An existing file is
/// kept, never overwritten: it must be a key of that kind and name. Returns the key and
/// whether it existed.
pub fn create_key(path: &Path, origin: &str, kind: KeyKind) -> Result<(SignerKey, bool), Error> {
    if path.exists() {
        let key = load_note_key(path)?;
        if key.verifier().name() != origin || key.verifier().kind() != kind {
            return Err(Error::Key {
                path: path.to_owned(),
                reason: format!(
                    "holds the key {} ({:?}), not a {kind:?} key named {origin}",
                    key.verifier().name(),
                    key.verifier().kind()
                ),
            });
        }
        return Ok((key, true));
    }
    let key = SignerKey::generate(origin, kind).map_err(|e| log_error(path, e))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let text = format!("{}\n", key.to_secret_text());
    crate::keys::write_private(path, text.as_bytes()).map_err(|e| Error::io(path, e))?;
    Ok((key, false))
}

/// Opens the log in `dir` (origin: the key's name), or starts it there when the directory
/// holds no checkpoint yet.
pub fn open_or_create(dir: &Path, key: SignerKey) -> Result<LogWriter, Error> {
    open_or_create_with_keys(dir, vec![key])
}

/// [`open_or_create`] with several keys of one origin, while the log rotates its key
/// (`docs/transparency.md`, "Log key rotation"): the published checkpoint must be signed by
/// at least one of them, and every new checkpoint is signed by each of them.
pub fn open_or_create_with_keys(dir: &Path, keys: Vec<SignerKey>) -> Result<LogWriter, Error> {
    let Some(first) = keys.first() else {
        return Err(log_error(
            dir,
            trustlabel_tlog::Error::MalformedKey {
                detail: "a log needs at least one key",
            },
        ));
    };
    let origin = first.verifier().name().to_owned();
    // A key's name is the origin it signs for: keys of two origins are two logs, and a
    // checkpoint line under the other name would be ignored by every reader.
    if keys.iter().any(|k| k.verifier().name() != origin) {
        return Err(log_error(
            dir,
            trustlabel_tlog::Error::MalformedKey {
                detail: "the log keys given are named for different origins",
            },
        ));
    }
    let result = if dir.join(CHECKPOINT_FILE).exists() {
        LogWriter::open_with_keys(dir, &origin, keys)
    } else {
        LogWriter::create_with_keys(dir, &origin, keys)
    };
    result.map_err(|e| log_error(dir, e))
}

/// A statement as the log holds it: its entry, and its JWS compact form (the statement
/// bundles' bytes, whose SHA-256 the entry carries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// The `trustlabel-record/v1` entry.
    pub entry: RecordEntry,
    /// `protected.payload.signature`, the three members' values.
    pub compact: Vec<u8>,
}

/// The entry for an envelope, read without verifying its signature (the caller decides what
/// is the registry's: [`signed_by_registry`], or its own signing). `None` for anything that
/// is not an envelope of a statement with `iss`, `sub`, a non-negative `iat` and `seq`.
pub fn entry_for(envelope: &[u8]) -> Option<Logged> {
    let envelope = crate::sign::Envelope::from_bytes(envelope)?;
    let payload = URL_SAFE_NO_PAD.decode(&envelope.payload).ok()?;
    let statement: Value = serde_json::from_slice(&payload).ok()?;
    let iss = statement.get("iss")?.as_str()?;
    let sub = statement.get("sub")?.as_str()?;
    let iat = statement.get("iat")?.as_u64()?;
    let seq = statement.get("seq")?.as_u64()?;
    let compact = format!(
        "{}.{}.{}",
        envelope.protected, envelope.payload, envelope.signature
    )
    .into_bytes();
    let entry = RecordEntry::for_statement(iss, sub, iat, seq, &compact).ok()?;
    Some(Logged { entry, compact })
}

/// Did the registry that `trust` lists for `url` sign `envelope`? True when it passes the
/// scanner's checks 1 to 5 (structure, key, signature, issuer, subject) on `now`: exactly the
/// envelopes a scanner goes on to check the log for. An envelope that then fails a later
/// check (signed in the future) is the registry's statement all the same, and logged.
pub fn signed_by_registry(
    envelope: &[u8],
    url: &str,
    trust: &TrustList,
    now: DateTime<Utc>,
) -> bool {
    let Ok(link) = LabelLink::parse(url) else {
        return false;
    };
    let Some(found) = trust.match_link(&link) else {
        return false;
    };
    matches!(
        // Checks 1 to 5 as the signer's: the envelope is not logged yet (P's log checks).
        verify_record(envelope, &found.registry.without_log(), &link, now, None),
        Ok(_) | Err(CheckFailure::IssuedInFuture)
    )
}

/// What one [`append_new`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppendSummary {
    /// Statements appended (those already logged are not counted).
    pub appended: u64,
    /// Files written (tiles, bundles); the checkpoint is not counted.
    pub files: usize,
    /// The tree head now published.
    pub head: TreeHead,
}

/// Appends every statement of `statements` the log does not hold yet, in order (a statement
/// twice in `statements` once), with its compact form in the statement bundles.
pub fn append_new(writer: &mut LogWriter, statements: &[Logged]) -> Result<AppendSummary, Error> {
    let dir = writer.dir().root().to_path_buf();
    let mut logged = writer.logged_statements().map_err(|e| log_error(&dir, e))?;
    let mut entries = Vec::new();
    let mut compacts = Vec::new();
    for statement in statements {
        if logged.insert(statement.entry.statement_hash) {
            entries.push(statement.entry.to_bytes());
            compacts.push(statement.compact.as_slice());
        }
    }
    let report = writer
        .append_with_statements(&entries, &compacts)
        .map_err(|e| log_error(&dir, e))?;
    Ok(AppendSummary {
        appended: entries.len() as u64,
        files: report.written.len(),
        head: report.head,
    })
}

/// The log as a site publishes it: its files under [`LOG_PATH`], and a proof for every
/// statement it holds.
pub struct SiteLog {
    origin: String,
    head: TreeHead,
    indices: BTreeMap<[u8; 32], u64>,
    prover: Prover,
    files: BTreeMap<String, Vec<u8>>,
}

impl std::fmt::Debug for SiteLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteLog")
            .field("origin", &self.origin)
            .field("size", &self.head.size)
            .field("files", &self.files.len())
            .finish()
    }
}

impl SiteLog {
    /// The log whose published files (path relative to the log's URL: `checkpoint`,
    /// `tile/0/000`, ...) are `files`, as a log directory holds them. The tiles must give the
    /// checkpoint's root; the checkpoint's signature is the scanners' to check (the trust list
    /// names the log key), not checked here.
    pub fn from_files(files: BTreeMap<String, Vec<u8>>) -> Result<Self, Error> {
        let path = PathBuf::from(LOG_PATH);
        let bad = |source| log_error(&path, source);
        let note_bytes = files.get(CHECKPOINT_FILE).ok_or_else(|| {
            bad(trustlabel_tlog::Error::TileMissing {
                path: CHECKPOINT_FILE.to_owned(),
            })
        })?;
        let note = Note::parse(note_bytes).map_err(bad)?;
        let checkpoint = Checkpoint::parse(note.text()).map_err(bad)?;
        let head = TreeHead {
            size: checkpoint.size,
            root: checkpoint.root,
        };
        let indices = trustlabel_tlog::logged_indices(&files, head).map_err(bad)?;
        let prover = trustlabel_tlog::prover(&files, head, &note).map_err(bad)?;
        Ok(SiteLog {
            origin: checkpoint.origin,
            head,
            indices,
            prover,
            files,
        })
    }

    /// The log a writer has published.
    pub fn from_writer(writer: &LogWriter) -> Result<Self, Error> {
        let dir = writer.dir().root().to_path_buf();
        SiteLog::from_files(writer.files().map_err(|e| log_error(&dir, e))?)
    }

    /// The log in `dir` as published (no key needed, no lock taken), or `None` when `dir`
    /// holds no checkpoint.
    pub fn from_dir(dir: &Path) -> Result<Option<Self>, Error> {
        if !dir.join(CHECKPOINT_FILE).exists() {
            return Ok(None);
        }
        let files = trustlabel_tlog::TileDir::new(dir)
            .published_files()
            .map_err(|e| log_error(dir, e))?;
        SiteLog::from_files(files).map(Some)
    }

    /// The log's origin.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The head of the published checkpoint.
    pub fn head(&self) -> TreeHead {
        self.head
    }

    /// The published files, by path under [`LOG_PATH`].
    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.files
    }

    /// The proof for `envelope`'s statement, when the log holds it.
    pub fn proof_for(&self, envelope: &[u8]) -> Option<LogProof> {
        let logged = entry_for(envelope)?;
        let index = *self.indices.get(&logged.entry.statement_hash)?;
        self.prover.proof(index).ok()
    }

    /// `envelope` carrying its `log_proof` (replacing any it had), or as it is when the log
    /// does not hold its statement.
    pub fn attach(&self, envelope: &[u8]) -> Vec<u8> {
        match self.proof_for(envelope) {
            Some(proof) => with_log_proof(envelope, &proof),
            None => envelope.to_vec(),
        }
    }
}

/// `envelope` with `log_proof` as its last member. The envelope's own bytes are kept as they
/// are (its members, their order and spelling): only a `log_proof` it already had is dropped,
/// by rewriting it as its three JWS members.
#[allow(
    clippy::expect_used,
    reason = "serde_json fails only on maps with non-string keys, which these types do not have"
)]
pub fn with_log_proof(envelope: &[u8], proof: &LogProof) -> Vec<u8> {
    let has_proof = serde_json::from_slice::<serde_json::Map<String, Value>>(envelope)
        .map(|m| m.contains_key("log_proof"))
        .unwrap_or(false);
    let base = match (has_proof, crate::sign::Envelope::from_bytes(envelope)) {
        (true, Some(three)) => three.to_bytes(),
        _ => envelope.to_vec(),
    };
    let text = String::from_utf8_lossy(&base);
    let trimmed = text.trim_end();
    let Some(open) = trimmed.strip_suffix('}') else {
        return envelope.to_vec();
    };
    // The protocol's one spelling of the member (`trustlabel_protocol::log_proof_json`); a
    // checkpoint that is not UTF-8 cannot be written as a JSON string, and none of ours is.
    let Some(member) = trustlabel_protocol::log_proof_json(proof) else {
        return envelope.to_vec();
    };
    let member = serde_json::to_string(&member).expect("serialisable");
    let mut out = format!("{},\"log_proof\":{member}}}", open.trim_end());
    if text.ends_with('\n') {
        out.push('\n');
    }
    out.into_bytes()
}

/// Logs the statements of `labels` (`(url, envelope)`) that the registry signed
/// ([`signed_by_registry`] against `trust_list`, verified with `anchors` on `now`) and the
/// log does not hold yet. Returns what was appended and the log as a site publishes it.
pub fn log_labels(
    writer: &mut LogWriter,
    labels: &[(String, Vec<u8>)],
    trust: &TrustList,
    now: DateTime<Utc>,
) -> Result<(AppendSummary, SiteLog), Error> {
    let statements: Vec<Logged> = labels
        .iter()
        .filter(|(url, envelope)| signed_by_registry(envelope, url, trust, now))
        .filter_map(|(_, envelope)| entry_for(envelope))
        .collect();
    let summary = append_new(writer, &statements)?;
    Ok((summary, SiteLog::from_writer(writer)?))
}
