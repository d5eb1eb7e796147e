//! The transparency logs' tree heads this device accepted (issue 25, check L5), kept in the
//! `log_heads` tree and, like the trust-list floor, in a file beside the database
//! (`<dir>.log-heads.json`): recreating or editing the database must not make the scanner
//! forget a log's head, or a forked log could be shown to it as if for the first time.
//!
//! Heads are only ever added. A head is 40 bytes (size and root) plus its origin; a log adds
//! one per checkpoint a scan or pack moved the device to.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use trustlabel_tlog::{Hash, TreeHead};

use super::floor::write_atomically;
use super::StoreError;

/// The most bytes the heads file is read with: a corrupt or hostile file must not make the
/// app allocate its size. A head is about 150 bytes of JSON, so this is some 100,000 heads,
/// a checkpoint an hour for over ten years.
pub(super) const MAX_HEADS_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One kept head as the file and the tree write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct KeptHead {
    pub(super) origin: String,
    pub(super) size: u64,
    /// Standard base64, as checkpoints write roots.
    pub(super) root: String,
}

impl KeptHead {
    pub(super) fn new(origin: &str, head: TreeHead) -> Self {
        KeptHead {
            origin: origin.to_owned(),
            size: head.size,
            root: STANDARD.encode(head.root.0),
        }
    }

    /// The head, if its root reads as 32 bytes (an edited file's lines are skipped).
    pub(super) fn head(&self) -> Option<(String, TreeHead)> {
        let root = STANDARD
            .decode(&self.root)
            .ok()
            .and_then(|b| Hash::from_slice(&b))?;
        Some((
            self.origin.clone(),
            TreeHead {
                size: self.size,
                root,
            },
        ))
    }

    /// The key in the `log_heads` tree: origin and size, one root each.
    pub(super) fn key(&self) -> String {
        format!("{}\n{:020}", self.origin, self.size)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct HeadsContents {
    heads: Vec<KeptHead>,
}

/// The heads file beside the database, with its contents in memory.
#[derive(Debug)]
pub(super) struct HeadsFile {
    path: PathBuf,
    heads: Mutex<Vec<KeptHead>>,
    writable: AtomicBool,
}

impl HeadsFile {
    /// Reads the file; missing, unreadable or over [`MAX_HEADS_FILE_BYTES`] is no heads
    /// (the first log head seen is then accepted on its signatures alone, as on a new device;
    /// the `log_heads` tree still holds what the database kept).
    pub(super) fn load(path: PathBuf) -> Self {
        let heads = trustlabel_tlog::read_capped(&path, MAX_HEADS_FILE_BYTES)
            .ok()
            .flatten()
            .and_then(|bytes| serde_json::from_slice::<HeadsContents>(&bytes).ok())
            .map(|c| c.heads)
            .unwrap_or_default();
        HeadsFile {
            path,
            heads: Mutex::new(heads),
            writable: AtomicBool::new(true),
        }
    }

    pub(super) fn read_only(&self) {
        self.writable.store(false, Ordering::Release);
    }

    pub(super) fn heads(&self) -> Vec<KeptHead> {
        self.heads.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Adds `head` and rewrites the file (temp file, fsync, rename). Only the lock holder
    /// writes; a head already there writes nothing.
    pub(super) fn add(&self, head: KeptHead) -> Result<(), StoreError> {
        if !self.writable.load(Ordering::Acquire) {
            return Ok(());
        }
        let mut heads = self.heads.lock().unwrap_or_else(|e| e.into_inner());
        if heads.contains(&head) {
            return Ok(());
        }
        let mut next = heads.clone();
        next.push(head);
        let bytes = serde_json::to_vec(&HeadsContents {
            heads: next.clone(),
        })
        .map_err(|_| StoreError::Corrupt)?;
        write_atomically(&self.path, &bytes).map_err(|error| StoreError::LogHeads {
            path: self.path.clone(),
            error,
        })?;
        *heads = next;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests: a panic is a failed test")]

    use super::*;

    /// A heads file over the cap is not read at all (no allocation of its size), even when
    /// it would parse: here valid JSON naming one head, padded with spaces past the cap.
    #[test]
    fn a_heads_file_over_the_cap_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log-heads.json");
        let json = br#"{"heads":[{"origin":"o.example/log","size":3,"root":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}]}"#;
        std::fs::write(&path, json).unwrap();
        assert_eq!(
            HeadsFile::load(path.clone()).heads().len(),
            1,
            "the file reads"
        );

        let mut padded = json.to_vec();
        padded.resize(usize::try_from(MAX_HEADS_FILE_BYTES).unwrap(), b' ');
        std::fs::write(&path, &padded).unwrap();
        assert_eq!(
            HeadsFile::load(path.clone()).heads().len(),
            1,
            "exactly at the cap still reads"
        );
        padded.push(b' ');
        std::fs::write(&path, &padded).unwrap();
        assert!(
            HeadsFile::load(path).heads().is_empty(),
            "one byte over is not read"
        );
    }
}
