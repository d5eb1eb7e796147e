//! The monitor (what a maker or a store runs): replay a log from its tiles, check that the
//! entries give the checkpoint's root hash (and that the hash tiles agree), that the log
//! still starts with the tree seen last time, and hand every entry to the caller's check.

use crate::client::TreeHead;
use crate::entry::RecordEntry;
use crate::error::Error;
use crate::hash::Hash;
use crate::merkle::tree_hash;
use crate::policy::VerifiedCheckpoint;
use crate::tiles::{read_hashes, replay, tile_for, TileStore, TILE_WIDTH};

/// What a replay saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonitorReport {
    /// Entries replayed and checked.
    pub entries: u64,
    /// The head now verified, to keep as `previous` for the next run.
    pub head: TreeHead,
}

/// Replays the log up to the verified `checkpoint`. `previous` is the head this monitor
/// verified last time: the log must not have shrunk ([`Error::LogTruncated`]) and its first
/// `previous.size` entries must still give `previous.root` ([`Error::LogRewritten`]).
/// `check` sees every entry with its index; its refusal stops the replay
/// ([`Error::EntryRejected`]).
pub fn monitor<S: TileStore + ?Sized>(
    store: &S,
    checkpoint: &VerifiedCheckpoint,
    previous: Option<TreeHead>,
    mut check: impl FnMut(u64, &[u8]) -> Result<(), String>,
) -> Result<MonitorReport, Error> {
    let head = checkpoint.checkpoint();
    if let Some(previous) = previous {
        if head.size < previous.size {
            return Err(Error::LogTruncated {
                seen: previous.size,
                offered: head.size,
            });
        }
    }
    // Leaf hashes of the current bundle, compared with the level-0 tile at its end.
    let mut tile_leaves: Vec<Hash> = Vec::with_capacity(TILE_WIDTH as usize);
    // The hashes the next level's tiles must hold: MTH of each full tile below.
    let mut above: Vec<Hash> = Vec::new();
    // The first tile that disagrees, reported after the root: a changed entry is reported as
    // a root mismatch (the signed claim), not as the tile it also disagrees with.
    let mut disagreement: Option<Error> = None;
    let frontier = replay(store, head.size, |index, entry, frontier| {
        tile_leaves.push(crate::Hash::leaf(entry));
        if tile_leaves.len() as u64 == TILE_WIDTH || index + 1 == head.size {
            if let Err(e) = compare_tile(store, 0, index, head.size, &tile_leaves) {
                disagreement.get_or_insert(e);
            }
            if tile_leaves.len() as u64 == TILE_WIDTH {
                above.push(tree_hash(&tile_leaves));
            }
            tile_leaves.clear();
        }
        if let Some(previous) = previous {
            if frontier.size() == previous.size && frontier.root() != previous.root {
                return Err(Error::LogRewritten {
                    size: previous.size,
                });
            }
        }
        check(index, entry).map_err(|reason| Error::EntryRejected { index, reason })
    })?;
    let computed = frontier.root();
    if computed != head.root {
        return Err(Error::TreeHashMismatch {
            computed: computed.to_hex(),
            expected: head.root.to_hex(),
        });
    }
    if let Some(error) = disagreement {
        return Err(error);
    }
    check_upper_tiles(store, head.size, above)?;
    Ok(MonitorReport {
        entries: head.size,
        head: TreeHead {
            size: head.size,
            root: head.root,
        },
    })
}

fn compare_tile<S: TileStore + ?Sized>(
    store: &S,
    level: u8,
    last_item: u64,
    size: u64,
    expected: &[Hash],
) -> Result<(), Error> {
    let path = tile_for(Some(level), last_item, size);
    if read_hashes(store, &path)? != expected {
        return Err(Error::TilesDisagree {
            path: path.to_string(),
        });
    }
    Ok(())
}

/// Checks every tile of level 1 and up against the hashes computed from the level below.
fn check_upper_tiles<S: TileStore + ?Sized>(
    store: &S,
    size: u64,
    mut expected: Vec<Hash>,
) -> Result<(), Error> {
    let mut level: u8 = 1;
    while !expected.is_empty() {
        let mut next = Vec::new();
        for (t, chunk) in expected.chunks(TILE_WIDTH as usize).enumerate() {
            let last_item = t as u64 * TILE_WIDTH + chunk.len() as u64 - 1;
            compare_tile(store, level, last_item, size, chunk)?;
            if chunk.len() as u64 == TILE_WIDTH {
                next.push(tree_hash(chunk));
            }
        }
        expected = next;
        level += 1;
    }
    Ok(())
}

/// Every record a log holds for the labels a monitor watches, by label URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordReport {
    /// What the replay verified (the head to keep for next time).
    pub replay: MonitorReport,
    /// Entries from this index on were not in the tree the monitor verified last time: what
    /// changed since (0 on a first run).
    pub first_new: u64,
    /// For each label URL under the prefix, its entries (index and entry) in log order.
    pub labels: std::collections::BTreeMap<String, Vec<(u64, RecordEntry)>>,
}

/// [`monitor`] for a log of [`RecordEntry`] texts: replays the whole log, refuses an entry
/// that is not one (the log holds only what the registry signed), and for each entry whose
/// label is under `prefix` (every entry when `None`; see [`RecordEntry::is_under`]) runs
/// `check` (the registry passes "the statement bundles hold its statement, which
/// [`RecordEntry::logs_statement`] and is signed by our keys", reading them with
/// [`crate::Statements`]; a maker may pass nothing) and lists it by label.
pub fn monitor_records<S: TileStore + ?Sized>(
    store: &S,
    checkpoint: &VerifiedCheckpoint,
    previous: Option<TreeHead>,
    prefix: Option<&str>,
    mut check: impl FnMut(u64, &RecordEntry) -> Result<(), String>,
) -> Result<RecordReport, Error> {
    let mut labels: std::collections::BTreeMap<String, Vec<(u64, RecordEntry)>> =
        Default::default();
    let replay = monitor(store, checkpoint, previous, |index, bytes| {
        let entry = RecordEntry::parse(bytes).map_err(|e| e.to_string())?;
        if prefix.is_none_or(|p| entry.is_under(p)) {
            check(index, &entry)?;
            labels
                .entry(entry.subject.clone())
                .or_default()
                .push((index, entry));
        }
        Ok(())
    })?;
    Ok(RecordReport {
        replay,
        first_new: previous.map_or(0, |p| p.size),
        labels,
    })
}
