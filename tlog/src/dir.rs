//! The log as a directory of static files, laid out as C2SP tlog-tiles serves it:
//!
//! ```text
//! <dir>/checkpoint              the signed checkpoint (mutable: the only file replaced)
//! <dir>/tile/<L>/<N>[.p/<W>]    hash tiles (immutable)
//! <dir>/tile/entries/<N>[.p/<W>] entry bundles (immutable)
//! <dir>/statements/<N>[.p/<W>]  statement bundles (immutable; optional, see below)
//! <dir>/.lock                   the writer's lock (not to be served)
//! ```
//!
//! A **statement bundle** holds, for each entry of the entry bundle with the same `<N>` and
//! `<W>`, the signed statement it logs (the JWS compact form whose hash the
//! [`crate::RecordEntry`] carries), each behind a big-endian uint32 length. It lets a monitor check
//! every entry is a statement the registry's keys signed, with one file per 256 entries (a
//! file per statement cost 8 ms each in fsyncs here, 80 s for 10,000, and would be 10,000
//! fetches for a remote monitor). Not part of C2SP tlog-tiles: an extra resource at its own
//! URL, as the spec lets a log serve entries in other forms. A log that archives statements
//! does so from its first entry ([`LogWriter::append_with_statements`] for every append).
//!
//! [`LogWriter`] opens such a directory (or creates one), appends entries and publishes a new
//! signed checkpoint. Invariants:
//! - **A published file never changes.** A tile or bundle is published once a checkpoint
//!   needs it; the writer refuses to write other bytes there ([`Error::WouldRewriteTile`]).
//!   Partial tiles of older sizes are kept (readers holding an older checkpoint still find
//!   them); the spec allows deleting them, this writer does not.
//! - **The checkpoint is written last.** New tiles and bundles are written (each a temporary
//!   file, fsynced, renamed) and their directories fsynced before the new checkpoint is
//!   renamed into place. A crash leaves the old checkpoint, whose files are all intact, plus
//!   files no checkpoint names yet; the next append replaces those (no reader may fetch a
//!   tile no checkpoint it verified needs, so they were never published).
//! - **One writer at a time**, by an exclusive lock on `.lock` held while the writer lives.

use std::path::{Path, PathBuf};

use crate::checkpoint::Checkpoint;
use crate::client::{LogProof, TreeHead};
use crate::error::Error;
use crate::files::{self, Lock};
use crate::hash::Hash;
use crate::merkle::{consistency_proof, inclusion_proof, MerkleTree};
use crate::note::{verify_note, Note, SignerKey, VerifierKey};
use crate::tiles::{
    append, read_bundle, read_hashes, replay, tile_for, TilePath, TileReader, TileStore,
};

/// The name of the checkpoint file in a log directory.
pub const CHECKPOINT_FILE: &str = "checkpoint";
const LOCK_FILE: &str = ".lock";

/// A log directory read as a [`TileStore`] (by a monitor, a test, the writer). A file that
/// cannot be read is reported as missing.
#[derive(Debug, Clone)]
pub struct TileDir {
    root: PathBuf,
}

impl TileDir {
    /// The log directory at `root`.
    pub fn new(root: impl Into<PathBuf>) -> TileDir {
        TileDir { root: root.into() }
    }

    /// The directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The bytes of the signed checkpoint.
    pub fn checkpoint(&self) -> Result<Vec<u8>, Error> {
        let path = self.root.join(CHECKPOINT_FILE);
        files::read_capped(&path, crate::MAX_NOTE_BYTES as u64)?
            .ok_or_else(|| Error::io(&path, &std::io::Error::from(std::io::ErrorKind::NotFound)))
    }

    /// Every file the directory publishes, by path relative to it (`checkpoint`,
    /// `tile/0/000`, ...), read without checking them: what an export copies. The lock and
    /// temporary files are not published.
    pub fn published_files(&self) -> Result<std::collections::BTreeMap<String, Vec<u8>>, Error> {
        published_files(self)
    }
}

impl TileStore for TileDir {
    /// A file larger than its kind can be is [`Error::FileTooLarge`]; any other file that
    /// cannot be read is reported as missing.
    fn read(&self, path: &TilePath) -> Result<Option<Vec<u8>>, Error> {
        // A hash tile is at most a full tile's 256 hashes; an entry bundle is capped.
        let limit = match path.level {
            Some(_) => crate::TILE_WIDTH * crate::HASH_LEN as u64,
            None => files::MAX_LOG_FILE_BYTES,
        };
        // TilePath's display is `tile/...` with digits and `x`, `.p`, `entries` only: it
        // cannot leave the directory.
        read_or_missing(&self.root.join(path.to_string()), limit)
    }

    fn read_file(&self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        // Only the log's own kinds of file: no `..`, no absolute path.
        if statement_bundle_tile(path).is_err() {
            return Ok(None);
        }
        read_or_missing(&self.root.join(path), files::MAX_LOG_FILE_BYTES)
    }
}

/// [`files::read_capped`], with a file that cannot be read (other than for its size) taken
/// as missing, as a [`TileStore`] reports it.
fn read_or_missing(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, Error> {
    match files::read_capped(path, limit) {
        Err(Error::Io { .. }) => Ok(None),
        other => other,
    }
}

/// The statement bundle beside the entry bundle `bundle`: `statements/<N>[.p/<W>]`.
pub fn statement_bundle_path(bundle: &TilePath) -> String {
    let entries = TilePath {
        level: None,
        ..*bundle
    };
    format!(
        "statements/{}",
        &entries.to_string()["tile/entries/".len()..]
    )
}

/// The entry bundle a statement bundle path stands beside (its index and width).
fn statement_bundle_tile(path: &str) -> Result<TilePath, Error> {
    let rest = path
        .strip_prefix("statements/")
        .ok_or_else(|| Error::MalformedTilePath {
            path: path.to_owned(),
        })?;
    TilePath::parse(&format!("tile/entries/{rest}"))
}

fn encode_statements<S: AsRef<[u8]>>(items: &[S]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    for item in items {
        let item = item.as_ref();
        let len =
            u32::try_from(item.len()).map_err(|_| Error::EntryTooLarge { len: item.len() })?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(item);
    }
    Ok(out)
}

/// Reads a statement bundle: exactly `width` uint32-length-prefixed statements.
pub fn read_statement_bundle(bytes: &[u8], path: &str, width: u16) -> Result<Vec<Vec<u8>>, Error> {
    let bad = || Error::MalformedEntryBundle {
        path: path.to_owned(),
    };
    let mut items = Vec::with_capacity(usize::from(width));
    let mut rest = bytes;
    while !rest.is_empty() {
        let (len, tail) = rest.split_at_checked(4).ok_or_else(bad)?;
        let len = u32::from_be_bytes([len[0], len[1], len[2], len[3]]);
        let len = usize::try_from(len).map_err(|_| bad())?;
        let (item, tail) = tail.split_at_checked(len).ok_or_else(bad)?;
        items.push(item.to_vec());
        rest = tail;
        if items.len() > usize::from(width) {
            return Err(bad());
        }
    }
    if items.len() != usize::from(width) {
        return Err(bad());
    }
    Ok(items)
}

/// The statements of a log of `size` entries, read bundle by bundle from a store (a
/// directory, an HTTP cache): what a monitor's check reads to verify each entry's statement.
/// Keeps the last bundle read, so reading in log order reads each bundle once.
pub struct Statements<'a, S: TileStore + ?Sized> {
    store: &'a S,
    size: u64,
    bundle: Option<(u64, Vec<Vec<u8>>)>,
}

impl<'a, S: TileStore + ?Sized> Statements<'a, S> {
    /// The statements of the first `size` entries.
    pub fn new(store: &'a S, size: u64) -> Self {
        Statements {
            store,
            size,
            bundle: None,
        }
    }

    /// The statement entry `index` logs.
    pub fn get(&mut self, index: u64) -> Result<&[u8], Error> {
        if index >= self.size {
            return Err(Error::IndexOutOfRange);
        }
        let tile = tile_for(None, index, self.size);
        if self.bundle.as_ref().is_none_or(|(i, _)| *i != tile.index) {
            let path = statement_bundle_path(&tile);
            let bytes = self
                .store
                .read_file(&path)?
                .ok_or_else(|| Error::TileMissing { path: path.clone() })?;
            let items = read_statement_bundle(&bytes, &path, tile.width)?;
            self.bundle = Some((tile.index, items));
        }
        let offset =
            usize::try_from(index % crate::TILE_WIDTH).map_err(|_| Error::IndexOutOfRange)?;
        self.bundle
            .as_ref()
            .and_then(|(_, items)| items.get(offset))
            .map(Vec::as_slice)
            .ok_or(Error::IndexOutOfRange)
    }
}

/// The files a tree of `size` entries needs: its full tiles and bundles and the partial ones
/// of exactly this size. Anything else in the directory is invisible through this view, so
/// an append computes only from what the signed checkpoint covers.
struct Published<'a, S: TileStore + ?Sized = TileDir> {
    dir: &'a S,
    size: u64,
}

impl<S: TileStore + ?Sized> Published<'_, S> {
    fn covers(&self, path: &TilePath) -> bool {
        let shift = u32::from(path.level.unwrap_or(0)) * 8;
        let count = self.size.checked_shr(shift).unwrap_or(0);
        if path.is_full() {
            path.index
                .checked_add(1)
                .and_then(|n| n.checked_mul(crate::TILE_WIDTH))
                .is_some_and(|end| end <= count)
        } else {
            path.index == count / crate::TILE_WIDTH
                && u64::from(path.width) == count % crate::TILE_WIDTH
        }
    }
}

impl<S: TileStore + ?Sized> TileStore for Published<'_, S> {
    fn read(&self, path: &TilePath) -> Result<Option<Vec<u8>>, Error> {
        if self.covers(path) {
            self.dir.read(path)
        } else {
            Ok(None)
        }
    }

    fn read_file(&self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        match statement_bundle_tile(path) {
            Ok(tile) if self.covers(&tile) => self.dir.read_file(path),
            _ => Ok(None),
        }
    }
}

/// The tile or bundle a written path stands for (statement bundles by their entry bundle).
fn tile_of(path: &str) -> Result<TilePath, Error> {
    if path.starts_with("statements/") {
        statement_bundle_tile(path)
    } else {
        TilePath::parse(path)
    }
}

/// What one append published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendReport {
    /// The index of the first entry appended (the next ones follow in order).
    pub first_index: u64,
    /// The tree head now signed.
    pub head: TreeHead,
    /// Tiles and bundles written, by path (files already there with the same bytes are
    /// not written again).
    pub written: Vec<String>,
}

/// The writer of a log directory: holds its lock, its signing keys and its current head.
#[derive(Debug)]
pub struct LogWriter {
    dir: TileDir,
    origin: String,
    /// Every checkpoint is signed by each of these (two while the log rotates its key).
    keys: Vec<SignerKey>,
    head: TreeHead,
    note: Note,
    _lock: Lock,
}

impl LogWriter {
    /// Starts a new, empty log in `dir` (created if missing) and publishes its checkpoint of
    /// size 0. Refuses a directory that already holds a checkpoint or tiles
    /// ([`Error::LogExists`]): a log is never started over.
    pub fn create(dir: impl Into<PathBuf>, origin: &str, key: SignerKey) -> Result<Self, Error> {
        LogWriter::create_with_keys(dir, origin, vec![key])
    }

    /// [`LogWriter::create`] signing every checkpoint with each of `keys` (a C2SP signed note
    /// carries any number of signatures; a reader takes the one it trusts).
    pub fn create_with_keys(
        dir: impl Into<PathBuf>,
        origin: &str,
        keys: Vec<SignerKey>,
    ) -> Result<Self, Error> {
        let dir = TileDir::new(dir);
        let lock = Lock::try_take(&dir.root.join(LOCK_FILE))?;
        if dir.root.join(CHECKPOINT_FILE).exists() || dir.root.join("tile").exists() {
            return Err(Error::LogExists {
                path: dir.root.display().to_string(),
            });
        }
        check_log_keys(&keys)?;
        remove_temporary_files(&dir.root)?;
        let head = TreeHead {
            size: 0,
            root: Hash::empty(),
        };
        let note = sign(origin, head, &keys)?;
        files::write_atomically(&dir.root.join(CHECKPOINT_FILE), &note.to_bytes())?;
        Ok(LogWriter {
            dir,
            origin: origin.to_owned(),
            keys,
            head,
            note,
            _lock: lock,
        })
    }

    /// Opens the log in `dir`: its checkpoint must be `origin`'s, signed by `key`, and the
    /// tiles and partial entry bundle the next append builds on must give its root.
    pub fn open(dir: impl Into<PathBuf>, origin: &str, key: SignerKey) -> Result<Self, Error> {
        LogWriter::open_with_keys(dir, origin, vec![key])
    }

    /// [`LogWriter::open`] for a log rotating its key: the published checkpoint must be
    /// signed by at least one of `keys` (step 1 of a rotation opens a log signed by the old
    /// key alone with the old and the new key; step 2 opens it, signed by both, with the new
    /// key alone), and every checkpoint from now on is signed by each of them. A checkpoint
    /// signed by none of them is not this operator's log (`NoLogSignature`).
    ///
    /// A published checkpoint that lacks a signature by one of `keys` gets it now (the same
    /// text, so its cosignatures stay valid, rewritten atomically): a rotation must not wait
    /// for the registry's next new record before readers trusting only the new key can
    /// verify the checkpoint.
    pub fn open_with_keys(
        dir: impl Into<PathBuf>,
        origin: &str,
        keys: Vec<SignerKey>,
    ) -> Result<Self, Error> {
        let dir = TileDir::new(dir);
        let lock = Lock::try_take(&dir.root.join(LOCK_FILE))?;
        check_log_keys(&keys)?;
        // Holding the lock, no other writer is between staging and renaming: temporary files
        // are what a killed writer left.
        remove_temporary_files(&dir.root)?;
        let verifiers: Vec<VerifierKey> = keys.iter().map(|k| k.verifier().clone()).collect();
        let (head, mut note) = read_published(&dir, origin, &verifiers)?;
        let signed: Vec<VerifierKey> = verify_note(&note, &verifiers)?
            .into_iter()
            .map(|v| v.key)
            .collect();
        let missing: Vec<&SignerKey> = keys
            .iter()
            .filter(|k| !signed.contains(k.verifier()))
            .collect();
        if !missing.is_empty() {
            let text = note.text().to_owned();
            for key in missing {
                note.add_signature(key.sign(&text, 0))?;
            }
            files::write_atomically(&dir.root.join(CHECKPOINT_FILE), &note.to_bytes())?;
        }
        Ok(LogWriter {
            dir,
            origin: origin.to_owned(),
            keys,
            head,
            note,
            _lock: lock,
        })
    }

    /// The tree head of the checkpoint now published.
    pub fn head(&self) -> TreeHead {
        self.head
    }

    /// The log's origin line.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The directory.
    pub fn dir(&self) -> &TileDir {
        &self.dir
    }

    /// The signed checkpoint now published, with any cosignatures added to it.
    pub fn checkpoint(&self) -> Vec<u8> {
        self.note.to_bytes()
    }

    /// Appends `entries`, writes the new tiles and bundles, then signs and writes the new
    /// checkpoint (last). Cosignatures of the old checkpoint do not carry over.
    pub fn append<E: AsRef<[u8]>>(&mut self, entries: &[E]) -> Result<AppendReport, Error> {
        self.publish(entries, std::collections::BTreeMap::new())
    }

    /// [`Self::append`], with the statement each entry logs written to the statement
    /// bundles in the same all-or-nothing step (before the checkpoint).
    pub fn append_with_statements<E: AsRef<[u8]>, S: AsRef<[u8]>>(
        &mut self,
        entries: &[E],
        statements: &[S],
    ) -> Result<AppendReport, Error> {
        if entries.len() != statements.len() {
            return Err(Error::StatementCountMismatch {
                entries: entries.len(),
                statements: statements.len(),
            });
        }
        let size = self.head.size;
        let mut items: Vec<Vec<u8>> = Vec::new();
        if !size.is_multiple_of(crate::TILE_WIDTH) {
            let partial = tile_for(None, size, size);
            let path = statement_bundle_path(&partial);
            let published = Published {
                dir: &self.dir,
                size,
            };
            let bytes = published
                .read_file(&path)?
                .ok_or_else(|| Error::TileMissing { path: path.clone() })?;
            items = read_statement_bundle(&bytes, &path, partial.width)?;
        }
        items.extend(statements.iter().map(|s| s.as_ref().to_vec()));
        let mut extra = std::collections::BTreeMap::new();
        for (i, chunk) in items.chunks(crate::TILE_WIDTH as usize).enumerate() {
            let bundle = TilePath {
                level: None,
                index: size / crate::TILE_WIDTH + i as u64,
                width: chunk.len() as u16,
            };
            extra.insert(statement_bundle_path(&bundle), encode_statements(chunk)?);
        }
        self.publish(entries, extra)
    }

    fn publish<E: AsRef<[u8]>>(
        &mut self,
        entries: &[E],
        extra: std::collections::BTreeMap<String, Vec<u8>>,
    ) -> Result<AppendReport, Error> {
        let first_index = self.head.size;
        if entries.is_empty() {
            return Ok(AppendReport {
                first_index,
                head: self.head,
                written: Vec::new(),
            });
        }
        let published = Published {
            dir: &self.dir,
            size: self.head.size,
        };
        let appended = append(&published, self.head.size, entries)?;
        // First decide every file, so a refusal writes nothing at all.
        let mut to_write = Vec::new();
        for (path, bytes) in appended.writes.iter().chain(&extra) {
            let file = self.dir.root.join(path);
            // Capped at the new file's length: a longer file differs anyway.
            if files::read_capped(&file, bytes.len() as u64)
                .is_ok_and(|old| old.as_deref() == Some(bytes.as_slice()))
            {
                continue;
            }
            if published.covers(&tile_of(path)?) && file.exists() {
                // `append` never produces a covered path with new bytes; belt and braces.
                return Err(Error::WouldRewriteTile { path: path.clone() });
            }
            to_write.push((path.clone(), file, bytes));
        }
        let mut staged = Vec::new();
        for (_, file, bytes) in &to_write {
            match files::stage(file, bytes) {
                Ok(temp) => staged.push((temp, file)),
                Err(e) => {
                    for (temp, _) in &staged {
                        let _ = std::fs::remove_file(temp);
                    }
                    return Err(e);
                }
            }
        }
        let mut dirs = std::collections::BTreeSet::new();
        for (temp, file) in &staged {
            std::fs::rename(temp, file).map_err(|e| Error::io(file, &e))?;
            if let Some(parent) = file.parent() {
                dirs.insert(parent.to_path_buf());
            }
        }
        let written: Vec<String> = to_write.into_iter().map(|(path, _, _)| path).collect();
        for dir in &dirs {
            files::sync_dir(dir)?;
        }
        let head = TreeHead {
            size: appended.size,
            root: appended.root,
        };
        let note = sign(&self.origin, head, &self.keys)?;
        files::write_atomically(&self.dir.root.join(CHECKPOINT_FILE), &note.to_bytes())?;
        self.head = head;
        self.note = note;
        Ok(AppendReport {
            first_index,
            head,
            written,
        })
    }

    /// Adds witnesses' cosignature lines (a tlog-witness `add-checkpoint` answer: one or more
    /// `— <name> <base64>` lines) to the published checkpoint and rewrites it. The lines are
    /// not checked here: readers check the cosignatures of the witnesses they trust.
    pub fn add_cosignatures(&mut self, lines: &[u8]) -> Result<(), Error> {
        let mut bytes = self.note.to_bytes();
        bytes.extend_from_slice(lines);
        let note = Note::parse(&bytes)?;
        if note.text() != self.note.text() {
            return Err(Error::MalformedNote {
                detail: "cosignature lines must follow the checkpoint's signatures",
            });
        }
        files::write_atomically(&self.dir.root.join(CHECKPOINT_FILE), &note.to_bytes())?;
        self.note = note;
        Ok(())
    }

    /// The proof that travels with entry `index`: the published checkpoint and the entry's
    /// inclusion proof in it, built from the tiles.
    pub fn proof(&self, index: u64) -> Result<LogProof, Error> {
        let published = Published {
            dir: &self.dir,
            size: self.head.size,
        };
        let reader = TileReader::new(&published, self.head.size);
        Ok(LogProof {
            checkpoint: self.note.to_bytes(),
            index,
            inclusion: inclusion_proof(&reader, index, self.head.size)?,
            consistency: Vec::new(),
        })
    }

    /// The statement hashes of every record entry in the published log, read from the entry
    /// bundles (checked to give the checkpoint's root): what an export compares its
    /// envelopes with, to append only the statements not logged yet. An entry that is not a
    /// [`crate::RecordEntry`] is [`Error::MalformedEntry`].
    pub fn logged_statements(&self) -> Result<std::collections::BTreeSet<[u8; 32]>, Error> {
        Ok(self.logged_indices()?.into_keys().collect())
    }

    /// [`Self::logged_statements`] with the index each statement was first logged at: what
    /// an export needs to attach each record's proof.
    pub fn logged_indices(&self) -> Result<std::collections::BTreeMap<[u8; 32], u64>, Error> {
        logged_indices(&self.dir, self.head)
    }

    /// A prover for many records at once: reads every level-0 tile of the published tree,
    /// checks they give its root, and holds the whole tree in memory (about 64 bytes an
    /// entry), so each [`Prover::proof`] is a few look-ups. For attaching proofs to every
    /// record of an export.
    pub fn prover(&self) -> Result<Prover, Error> {
        prover(&self.dir, self.head, &self.note)
    }

    /// Every file the log publishes; see [`PublishedLog::files`].
    pub fn files(&self) -> Result<std::collections::BTreeMap<String, Vec<u8>>, Error> {
        published_files(&self.dir)
    }

    /// The consistency proof from the tree of `old_size` entries to the published one (what
    /// a witness's `add-checkpoint` and a reader holding an older checkpoint need).
    pub fn consistency(&self, old_size: u64) -> Result<Vec<Hash>, Error> {
        let published = Published {
            dir: &self.dir,
            size: self.head.size,
        };
        consistency_proof(
            &TileReader::new(&published, self.head.size),
            old_size,
            self.head.size,
        )
    }
}

/// Proofs for the published tree, from memory (see [`LogWriter::prover`]).
#[derive(Debug, Clone)]
pub struct Prover {
    tree: MerkleTree,
    checkpoint: Vec<u8>,
}

impl Prover {
    /// The proof that travels with entry `index`: the checkpoint and the inclusion proof.
    pub fn proof(&self, index: u64) -> Result<LogProof, Error> {
        Ok(LogProof {
            checkpoint: self.checkpoint.clone(),
            index,
            inclusion: inclusion_proof(&self.tree, index, self.tree.size())?,
            consistency: Vec::new(),
        })
    }
}

/// Reads and checks the published log in `dir`: its checkpoint must be `origin`'s, signed by
/// one of `keys` (a line by any of them that does not verify is refused), and the tiles and
/// the partial entry bundle the next append builds on must give its root.
fn read_published(
    dir: &TileDir,
    origin: &str,
    keys: &[VerifierKey],
) -> Result<(TreeHead, Note), Error> {
    let note = Note::parse(&dir.checkpoint()?)?;
    match verify_note(&note, keys) {
        Ok(_) => {}
        Err(Error::NoKnownSignature) => return Err(Error::NoLogSignature),
        Err(Error::BadNoteSignature { .. }) => return Err(Error::BadCheckpointSignature),
        Err(other) => return Err(other),
    }
    let checkpoint = Checkpoint::parse(note.text())?;
    if checkpoint.origin != origin {
        return Err(Error::WrongOrigin {
            expected: origin.to_owned(),
            found: checkpoint.origin,
        });
    }
    let head = TreeHead {
        size: checkpoint.size,
        root: checkpoint.root,
    };
    let published = Published {
        dir,
        size: head.size,
    };
    let root = TileReader::new(&published, head.size).root()?;
    if root != head.root {
        return Err(Error::TreeHashMismatch {
            computed: root.to_hex(),
            expected: head.root.to_hex(),
        });
    }
    if !head.size.is_multiple_of(crate::TILE_WIDTH) {
        // The partial bundle is what the next append copies: it must be the entries
        // whose hashes the (root-checked) partial level-0 tile holds.
        let last = head.size - 1;
        let bundle = tile_for(None, last, head.size);
        let tile = tile_for(Some(0), last, head.size);
        let leaves: Vec<Hash> = read_bundle(&published, &bundle)?
            .iter()
            .map(|e| Hash::leaf(e))
            .collect();
        if leaves != read_hashes(&published, &tile)? {
            return Err(Error::TilesDisagree {
                path: bundle.to_string(),
            });
        }
    }
    Ok((head, note))
}

/// A published log read without its key or lock (a server, a test kit, an export of
/// someone else's log): checked as [`LogWriter::open`] checks it, never written.
#[derive(Debug, Clone)]
pub struct PublishedLog {
    dir: TileDir,
    head: TreeHead,
    note: Note,
}

impl PublishedLog {
    /// Opens the log in `dir`, checked against `origin` and the log's verifier key.
    pub fn open(dir: impl Into<PathBuf>, origin: &str, key: &VerifierKey) -> Result<Self, Error> {
        PublishedLog::open_with_keys(dir, origin, std::slice::from_ref(key))
    }

    /// [`PublishedLog::open`] for a log rotating its key: signed by at least one of `keys`.
    pub fn open_with_keys(
        dir: impl Into<PathBuf>,
        origin: &str,
        keys: &[VerifierKey],
    ) -> Result<Self, Error> {
        let dir = TileDir::new(dir);
        let (head, note) = read_published(&dir, origin, keys)?;
        Ok(PublishedLog { dir, head, note })
    }

    /// The tree head of the published checkpoint.
    pub fn head(&self) -> TreeHead {
        self.head
    }

    /// The published checkpoint (note bytes).
    pub fn checkpoint(&self) -> Vec<u8> {
        self.note.to_bytes()
    }

    /// See [`LogWriter::logged_indices`].
    pub fn logged_indices(&self) -> Result<std::collections::BTreeMap<[u8; 32], u64>, Error> {
        logged_indices(&self.dir, self.head)
    }

    /// See [`LogWriter::prover`].
    pub fn prover(&self) -> Result<Prover, Error> {
        prover(&self.dir, self.head, &self.note)
    }

    /// Every file the log publishes (checkpoint, tiles, bundles, statement bundles), by path
    /// relative to the log's URL: what an export copies. The lock and temporary files are
    /// not published.
    pub fn files(&self) -> Result<std::collections::BTreeMap<String, Vec<u8>>, Error> {
        published_files(&self.dir)
    }
}

/// The statement hashes of every [`crate::RecordEntry`] in the tree `head` of the log in
/// `store` (any [`TileStore`]: a directory, files held in memory), each with the index it was
/// first logged at, checked to give `head`'s root.
pub fn logged_indices<S: TileStore + ?Sized>(
    store: &S,
    head: TreeHead,
) -> Result<std::collections::BTreeMap<[u8; 32], u64>, Error> {
    let dir = store;
    let published = Published {
        dir,
        size: head.size,
    };
    let mut hashes = std::collections::BTreeMap::new();
    let frontier = replay(&published, head.size, |index, entry, _| {
        hashes
            .entry(crate::RecordEntry::parse(entry)?.statement_hash)
            .or_insert(index);
        Ok(())
    })?;
    if frontier.root() != head.root {
        return Err(Error::TreeHashMismatch {
            computed: frontier.root().to_hex(),
            expected: head.root.to_hex(),
        });
    }
    Ok(hashes)
}

/// A [`Prover`] for the tree `head` of the log in `store`, whose checkpoint is `note`: the
/// level-0 tiles, checked to give `head`'s root.
pub fn prover<S: TileStore + ?Sized>(
    store: &S,
    head: TreeHead,
    note: &Note,
) -> Result<Prover, Error> {
    let dir = store;
    let size = head.size;
    let published = Published { dir, size };
    let mut leaves = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let mut start = 0u64;
    while start < size {
        let tile = tile_for(Some(0), start, size);
        leaves.extend(read_hashes(&published, &tile)?);
        start += u64::from(tile.width);
    }
    let tree = MerkleTree::new(leaves);
    let root = tree.root();
    if root != head.root {
        return Err(Error::TreeHashMismatch {
            computed: root.to_hex(),
            expected: head.root.to_hex(),
        });
    }
    Ok(Prover {
        tree,
        checkpoint: note.to_bytes(),
    })
}

fn published_files(dir: &TileDir) -> Result<std::collections::BTreeMap<String, Vec<u8>>, Error> {
    // Files whose name starts with a dot (the lock, temporary files) are not published.
    fn walk(
        root: &Path,
        at: &Path,
        out: &mut std::collections::BTreeMap<String, Vec<u8>>,
    ) -> Result<(), Error> {
        let items = std::fs::read_dir(at).map_err(|e| Error::io(at, &e))?;
        for item in items {
            let item = item.map_err(|e| Error::io(at, &e))?;
            let path = item.path();
            if item.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out)?;
            } else {
                let bytes = files::read_capped(&path, files::MAX_LOG_FILE_BYTES)?
                    .ok_or_else(|| Error::io(&path, &std::io::ErrorKind::NotFound.into()))?;
                // `walk` starts at `root`, so every path found is under it.
                let relative = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(relative, bytes);
            }
        }
        Ok(())
    }
    let mut out = std::collections::BTreeMap::new();
    walk(&dir.root, &dir.root, &mut out)?;
    Ok(out)
}

/// Removes the temporary files `files::stage` names (`.<name>.tmp.<pid>`) under `root`.
fn remove_temporary_files(root: &Path) -> Result<(), Error> {
    let Ok(items) = std::fs::read_dir(root) else {
        return Ok(());
    };
    for item in items.flatten() {
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            remove_temporary_files(&path)?;
        } else if name.starts_with('.') && name.contains(".tmp.") {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, &e))?;
        }
    }
    Ok(())
}

fn check_log_keys(keys: &[SignerKey]) -> Result<(), Error> {
    if keys.is_empty() {
        return Err(Error::MalformedKey {
            detail: "a log needs at least one key",
        });
    }
    for (i, key) in keys.iter().enumerate() {
        if key.verifier().kind() != crate::KeyKind::Ed25519 {
            return Err(Error::MalformedKey {
                detail: "a log key signs notes (type 0x01)",
            });
        }
        // The same key twice would sign twice: two lines a reader counts as one.
        if keys[..i].iter().any(|k| k.verifier() == key.verifier()) {
            return Err(Error::MalformedKey {
                detail: "a log key given twice",
            });
        }
    }
    Ok(())
}

/// The checkpoint of `head`, signed by each of `keys` in the order given.
fn sign(origin: &str, head: TreeHead, keys: &[SignerKey]) -> Result<Note, Error> {
    let text = Checkpoint {
        origin: origin.to_owned(),
        size: head.size,
        root: head.root,
        extensions: Vec::new(),
    }
    .to_text();
    let mut note = Note::new(&text)?;
    for key in keys {
        note.add_signature(key.sign(&text, 0))?;
    }
    Ok(note)
}
