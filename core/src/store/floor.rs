//! The trust-list floor beside the database: the highest trust-list version this folder
//! has accepted, kept outside sled so that recreating (or editing) the database never brings
//! back a list older than one seen before (ADR 0001).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::{bytes_b64, sibling, StoreError};

/// The trust-list floor: the highest version accepted, and that list's envelope.
#[derive(Debug, Serialize, Deserialize)]
struct FloorContents {
    trust_list_version: u64,
    #[serde(with = "bytes_b64")]
    trust_list: Vec<u8>,
}

/// The floor file beside the database, with its contents kept in memory.
#[derive(Debug)]
pub(super) struct FloorFile {
    path: PathBuf,
    version: AtomicU64,
    envelope: Mutex<Option<Vec<u8>>>,
    writable: AtomicBool,
}

impl FloorFile {
    /// Reads the floor. Missing or unreadable counts as 0: the floor can only add refusals,
    /// and the saved and configured lists still have to verify.
    pub(super) fn load(path: PathBuf) -> Self {
        let contents = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<FloorContents>(&bytes).ok());
        let (version, envelope) = match contents {
            Some(c) => (c.trust_list_version, Some(c.trust_list)),
            None => (0, None),
        };
        FloorFile {
            path,
            version: AtomicU64::new(version),
            envelope: Mutex::new(envelope),
            writable: AtomicBool::new(true),
        }
    }

    pub(super) fn read_only(&self) {
        self.writable.store(false, Ordering::Release);
    }

    pub(super) fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    pub(super) fn envelope(&self) -> Option<Vec<u8>> {
        self.envelope
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Writes `version` and `envelope` if they raise the floor. Only the lock holder writes.
    pub(super) fn raise(&self, version: u64, envelope: &[u8]) -> Result<(), StoreError> {
        if !self.writable.load(Ordering::Acquire) {
            return Ok(());
        }
        let mut kept = self.envelope.lock().unwrap_or_else(|e| e.into_inner());
        if version < self.version() || (version == self.version() && kept.is_some()) {
            return Ok(());
        }
        let contents = FloorContents {
            trust_list_version: version,
            trust_list: envelope.to_vec(),
        };
        let bytes = serde_json::to_vec(&contents).map_err(|_| StoreError::Corrupt)?;
        write_atomically(&self.path, &bytes).map_err(|error| StoreError::Floor {
            path: self.path.clone(),
            error,
        })?;
        self.version.store(version, Ordering::Release);
        *kept = Some(envelope.to_vec());
        Ok(())
    }
}

/// Temp file, fsync, rename, fsync of the folder: after a crash the file is either the old
/// one or the new one, complete.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = sibling(path, "tmp");
    {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        // Makes the rename itself durable; not possible on every platform (Windows).
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}
