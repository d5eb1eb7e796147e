//! The few file operations the log directory, the witness and the monitor share: a write that
//! is all or nothing (temporary file, fsync, rename, fsync of the directory), an exclusive
//! lock, and the tree-heads state file.
//!
//! Invariant: a reader of any path written here sees either its old bytes or its new bytes,
//! never a mix, and after [`write_atomically`] returns the new bytes survive a power cut.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use fs2::FileExt;

use crate::client::TreeHead;
use crate::error::Error;
use crate::hash::Hash;

/// The most bytes an entry or statement bundle may have when read (from a directory or over
/// HTTP). Hash tiles are at most 8,192 bytes and checkpoints [`crate::MAX_NOTE_BYTES`]. An
/// entry bundle of 256 record entries (each field at most
/// [`crate::MAX_ENTRY_FIELD_BYTES`]) is under 2.2 MB, and a statement bundle of 256 of the
/// demo registry's statements (about 3 KB each) under 1 MB: 16 MiB leaves room for much
/// larger statements while a hostile file cannot make a reader allocate gigabytes.
pub const MAX_LOG_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most bytes a tree-heads state file ([`TreeHeads`]) may have: one line of about 100
/// bytes per log, so room for some 10,000 logs.
pub const MAX_STATE_FILE_BYTES: u64 = 1024 * 1024;

/// Reads the file at `path` whole if it has at most `limit` bytes; `Ok(None)` if it does not
/// exist. A larger one is [`Error::FileTooLarge`], refused by its length before anything is
/// allocated, and the read itself stops after `limit + 1` bytes (a file that grows meanwhile,
/// or a device or pipe with no length, cannot get past the cap either).
pub fn read_capped(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, Error> {
    let too_large = || Error::FileTooLarge {
        path: path.display().to_string(),
        limit,
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, &e)),
    };
    let len = file.metadata().map_err(|e| Error::io(path, &e))?.len();
    if len > limit {
        return Err(too_large());
    }
    // `len <= limit`, so this capacity is bounded by the cap, not by the file.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(Some(bytes))
}

/// Writes `bytes` to `path` all or nothing: a temporary file beside it, fsynced, renamed over
/// the path, then the directory fsynced. Creates missing parent directories.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let staged = stage(path, bytes)?;
    fs::rename(&staged, path).map_err(|e| Error::io(path, &e))?;
    sync_dir(parent(path))
}

/// Writes the temporary file for `path` and fsyncs it; returns its path. The caller renames
/// it (then fsyncs the directory), so many files can be staged before any is renamed.
pub(crate) fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf, Error> {
    let dir = parent(path);
    create_dirs(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.tmp.{}", std::process::id()));
    let mut file = File::create(&temp).map_err(|e| Error::io(&temp, &e))?;
    file.write_all(bytes).map_err(|e| Error::io(&temp, &e))?;
    file.sync_all().map_err(|e| Error::io(&temp, &e))?;
    Ok(temp)
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Creates `dir` and its missing parents, fsyncing each parent that gained a directory, so
/// a file renamed into a new directory is reachable after a power cut.
fn create_dirs(dir: &Path) -> Result<(), Error> {
    if dir.is_dir() {
        return Ok(());
    }
    create_dirs(parent(dir))?;
    match fs::create_dir(dir) {
        Ok(()) => sync_dir(parent(dir)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(dir, &e)),
    }
}

/// Fsyncs a directory, making renames and new entries in it durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), Error> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, &e))
}

/// An exclusive lock on a file, held until dropped (released by the OS if the process dies).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the lock at `path` (creating the file), failing at once with [`Error::Locked`]
    /// if another process or handle holds it.
    pub fn try_take(path: &Path) -> Result<Lock, Error> {
        let file = open_lock_file(path)?;
        match file.try_lock_exclusive() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => Err(Error::Locked {
                path: path.display().to_string(),
            }),
            Err(e) if e.raw_os_error() == fs2::lock_contended_error().raw_os_error() => {
                Err(Error::Locked {
                    path: path.display().to_string(),
                })
            }
            Err(e) => Err(Error::io(path, &e)),
        }
    }

    /// Takes the lock at `path`, waiting for another holder to let go.
    pub fn wait(path: &Path) -> Result<Lock, Error> {
        let file = open_lock_file(path)?;
        file.lock_exclusive().map_err(|e| Error::io(path, &e))?;
        Ok(Lock { _file: file })
    }
}

fn open_lock_file(path: &Path) -> Result<File, Error> {
    create_dirs(parent(path))?;
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, &e))
}

const HEADS_HEADER: &str = "trustlabel-tree-heads/v1";

/// The tree head kept per log origin, in a file: what a witness last cosigned, or what a
/// monitor last verified. One line per log, `<base64 origin> <size> <base64 root>`, after a
/// header line; written with [`write_atomically`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeHeads {
    heads: BTreeMap<String, TreeHead>,
}

impl TreeHeads {
    /// Reads the file; a file that does not exist is no heads at all (a first run).
    pub fn load(path: &Path) -> Result<TreeHeads, Error> {
        let bad = |detail| Error::MalformedState {
            path: path.display().to_string(),
            detail,
        };
        let Some(bytes) = read_capped(path, MAX_STATE_FILE_BYTES)? else {
            return Ok(TreeHeads::default());
        };
        let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8 text"))?;
        let mut lines = text.lines();
        if lines.next() != Some(HEADS_HEADER) || !text.ends_with('\n') {
            return Err(bad("not a trustlabel-tree-heads/v1 file"));
        }
        let mut heads = BTreeMap::new();
        for line in lines {
            let mut parts = line.split(' ');
            let (Some(origin), Some(size), Some(root), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(bad("a line is not `<origin> <size> <root>`"));
            };
            let origin = STANDARD
                .decode(origin)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or(bad("an origin is not base64 of UTF-8"))?;
            let size: u64 = size.parse().map_err(|_| bad("a size is not a number"))?;
            let root = STANDARD
                .decode(root)
                .ok()
                .and_then(|b| Hash::from_slice(&b))
                .ok_or(bad("a root is not 32 bytes of base64"))?;
            if heads.insert(origin, TreeHead { size, root }).is_some() {
                return Err(bad("a log is named twice"));
            }
        }
        Ok(TreeHeads { heads })
    }

    /// Writes the file all or nothing.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let mut text = format!("{HEADS_HEADER}\n");
        for (origin, head) in &self.heads {
            text.push_str(&format!(
                "{} {} {}\n",
                STANDARD.encode(origin),
                head.size,
                STANDARD.encode(head.root.0)
            ));
        }
        write_atomically(path, text.as_bytes())
    }

    /// The head kept for `origin`.
    pub fn get(&self, origin: &str) -> Option<TreeHead> {
        self.heads.get(origin).copied()
    }

    /// Keeps `head` for `origin`, replacing the one before.
    pub fn set(&mut self, origin: &str, head: TreeHead) {
        self.heads.insert(origin.to_owned(), head);
    }
}
