//! Check L5 for the scanner (`docs/registry-protocol.md`, "The scanner's checks"): a logged
//! record's checkpoint must be consistent with the newest tree head this device kept for
//! that log. The heads live in memory ([`ClientState`]) and in the store (sled and a file
//! beside it), so they outlive the process and a recreated cache.
//!
//! Online, a consistency proof is built from the log's tiles, fetched from the `url` the
//! trust list gives (a static log serves no proof endpoint); a failed fetch is not a verdict.

use std::collections::BTreeMap;
use std::sync::Mutex;

use trustlabel_protocol::{
    check_log_head, CheckFailure, LogHeadCheck, RegistryLog, VerifiedStatement,
};
use trustlabel_tlog::{
    consistency_proof, tiles_for_consistency, ClientState, Hash, TilePath, TileReader,
    VerifiedCheckpoint, TILE_WIDTH,
};

use crate::fetch::{FetchError, FetchResponse, RegistryClient};
use crate::store::{Store, StoreError};

/// The tree heads this device accepted, per log origin.
#[derive(Debug)]
pub(super) struct KeptHeads {
    state: Mutex<ClientState>,
}

/// A consistency proof fetched for one step of L5: from the tree of `old_size` entries to
/// the tree of `new_size`.
#[derive(Debug)]
pub(super) struct PreparedProof {
    old_size: u64,
    new_size: u64,
    proof: Vec<Hash>,
}

/// Why L5 gave no answer: the log's tiles could not be had. Not a verdict.
#[derive(Debug)]
pub(super) enum Unproven {
    /// A tile could not be fetched.
    Fetch(FetchError),
    /// The heads moved while the tiles were fetched (another scan kept a newer head): the
    /// proof fetched is not the one needed now.
    Moved,
}

impl KeptHeads {
    pub(super) fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(KeptHeads {
            state: Mutex::new(ClientState::from_heads(store.log_heads()?)),
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ClientState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Check L5 for a cached copy: its checkpoint's head must be a kept head. Two exceptions,
    /// both copies that came in a pack (a copy stored online had its head kept then):
    /// - a copy of a log this device keeps no head of at all (a pack imported before any
    ///   scan of that registry) is the first head of that log, kept as a fresh scan would;
    /// - a copy whose head is of another size than the newest kept (a pack made before or
    ///   after this device last went online) stands on its log signature and witness
    ///   cosignatures alone, as `docs/registry-protocol.md` says for packs: it cannot be
    ///   proven consistent offline, and refusing it would turn every pack record into a
    ///   false alarm for a device that ever scanned online. Its head is not kept; the next
    ///   online scan of the label fetches the record again and proves the new head.
    ///
    /// A head of the same size as a kept one with another root is a fork, refused here.
    pub(super) fn check_cached(
        &self,
        store: &Store,
        verified: &VerifiedStatement,
    ) -> Result<(), AdmitError> {
        let Some(checkpoint) = verified.log_checkpoint() else {
            return Ok(());
        };
        // The lock is released before `admit` takes it again.
        let check = check_log_head(&self.state(), checkpoint);
        match check.map_err(AdmitError::Check)? {
            LogHeadCheck::Known => Ok(()),
            LogHeadCheck::First => match self.admit(store, checkpoint, None)? {
                Ok(()) => Ok(()),
                Err(_) => Err(AdmitError::Check(CheckFailure::LogInconsistent)),
            },
            LogHeadCheck::NeedsProof { .. } => Ok(()),
        }
    }

    /// The proof L5 will need for `checkpoint`, fetched now (before the scan takes the
    /// store's write lock, which is never held across an await). `None` when none is needed.
    pub(super) async fn prepare(
        &self,
        client: &RegistryClient,
        log: &RegistryLog,
        checkpoint: &VerifiedCheckpoint,
    ) -> Result<Option<PreparedProof>, Unproven> {
        let needed = check_log_head(&self.state(), checkpoint);
        let Ok(LogHeadCheck::NeedsProof { old_size, new_size }) = needed else {
            return Ok(None);
        };
        let tiles = fetch_tiles(client, log, old_size, new_size).await?;
        // Tiles are not trusted: a wrong one gives a proof that fails against the signed
        // heads. A tile missing or of the wrong size gives none: the log is broken, not
        // shown inconsistent, so the scan is answered as if it were unreachable.
        let proof = consistency_proof(&TileReader::new(&tiles, new_size), old_size, new_size)
            .map_err(|e| Unproven::Fetch(FetchError::Other(format!("the log's tiles: {e}"))))?;
        Ok(Some(PreparedProof {
            old_size,
            new_size,
            proof,
        }))
    }

    /// Check L5 for a record just verified: its checkpoint is a kept head, or the first of
    /// its log, or consistent with the newest kept head by `prepared`. A head accepted here
    /// is kept (in memory and in the store) before the record is shown.
    pub(super) fn admit(
        &self,
        store: &Store,
        checkpoint: &VerifiedCheckpoint,
        prepared: Option<&PreparedProof>,
    ) -> Result<Result<(), Unproven>, AdmitError> {
        let mut state = self.state();
        let proof: &[Hash] = match check_log_head(&state, checkpoint).map_err(AdmitError::Check)? {
            LogHeadCheck::Known => return Ok(Ok(())),
            LogHeadCheck::First => &[],
            LogHeadCheck::NeedsProof { old_size, new_size } => match prepared {
                Some(p) if (p.old_size, p.new_size) == (old_size, new_size) => &p.proof,
                _ => return Ok(Err(Unproven::Moved)),
            },
        };
        state
            .accept_verified(checkpoint, proof)
            .map_err(|_| AdmitError::Check(CheckFailure::LogInconsistent))?;
        let head = checkpoint.checkpoint();
        store
            .keep_log_head(
                &head.origin,
                trustlabel_tlog::TreeHead {
                    size: head.size,
                    root: head.root,
                },
            )
            .map_err(AdmitError::Store)?;
        Ok(Ok(()))
    }
}

/// Check L5 refused the record, or its head could not be kept.
#[derive(Debug)]
pub(super) enum AdmitError {
    Check(CheckFailure),
    Store(StoreError),
}

/// Fetches the tiles a consistency proof from `old_size` to `new_size` reads, from the
/// log's URL. A partial tile that is gone (the log grew past it) is read from the full tile
/// of the same index, as C2SP tlog-tiles allows.
async fn fetch_tiles(
    client: &RegistryClient,
    log: &RegistryLog,
    old_size: u64,
    new_size: u64,
) -> Result<BTreeMap<String, Vec<u8>>, Unproven> {
    let paths = tiles_for_consistency(old_size, new_size)
        .map_err(|e| Unproven::Fetch(FetchError::Other(e.to_string())))?;
    let mut tiles = BTreeMap::new();
    for path in paths {
        let bytes = match fetch_tile(client, log, &path).await? {
            Some(bytes) => (path, bytes),
            None if !path.is_full() => {
                let full = TilePath {
                    width: TILE_WIDTH as u16,
                    ..path
                };
                match fetch_tile(client, log, &full).await? {
                    Some(bytes) => (full, bytes),
                    None => return Err(Unproven::Fetch(FetchError::Status(404))),
                }
            }
            None => return Err(Unproven::Fetch(FetchError::Status(404))),
        };
        tiles.insert(bytes.0.to_string(), bytes.1);
    }
    Ok(tiles)
}

async fn fetch_tile(
    client: &RegistryClient,
    log: &RegistryLog,
    path: &TilePath,
) -> Result<Option<Vec<u8>>, Unproven> {
    let url = log
        .url()
        .join(&path.to_string())
        .map_err(|_| Unproven::Fetch(FetchError::BadUrl))?;
    match client
        .fetch_as(&url, None, "application/octet-stream")
        .await
    {
        Ok(FetchResponse::Body { bytes, .. }) => Ok(Some(bytes)),
        Ok(FetchResponse::NotFound) => Ok(None),
        Ok(FetchResponse::NotModified) => Err(Unproven::Fetch(FetchError::Status(304))),
        Err(e) => Err(Unproven::Fetch(e)),
    }
}

impl Unproven {
    pub(super) fn into_fetch_error(self) -> FetchError {
        match self {
            Unproven::Fetch(e) => e,
            Unproven::Moved => {
                FetchError::Other("the log moved on while its tiles were fetched".into())
            }
        }
    }
}
