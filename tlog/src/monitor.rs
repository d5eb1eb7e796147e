//! The monitor (what a maker or a store runs): replay a log from its tiles, check that the
//! entries give the checkpoint's root hash (and that the hash tiles agree), that the log
//! still starts with the tree seen last time, and hand every entry to the caller's check.

use crate::client::TreeHead;
use crate::error::Error;
use crate::policy::VerifiedCheckpoint;
use crate::tiles::{replay, TileReader, TileStore};

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
    let frontier = replay(store, head.size, |index, entry, frontier| {
        if let Some(previous) = previous {
            if frontier.size() == previous.size && frontier.root() != previous.root {
                return Err(Error::LogRewritten {
                    size: previous.size,
                });
            }
        }
        check(index, entry).map_err(|reason| Error::EntryRejected { index, reason })
    })?;
    if let Some(previous) = previous {
        if previous.size == 0 && previous.root != crate::Hash::empty() {
            return Err(Error::LogRewritten { size: 0 });
        }
    }
    let computed = frontier.root();
    if computed != head.root {
        return Err(Error::TreeHashMismatch {
            computed: computed.to_hex(),
            expected: head.root.to_hex(),
        });
    }
    if TileReader::new(store, head.size).root()? != head.root {
        return Err(Error::TilesDisagree);
    }
    Ok(MonitorReport {
        entries: head.size,
        head: TreeHead {
            size: head.size,
            root: head.root,
        },
    })
}
