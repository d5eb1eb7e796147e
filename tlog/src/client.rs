//! The reader's rule (a scanner): keep the newest checkpoint seen per log; accept a newer one
//! only with a valid consistency proof from the kept one; believe a record is logged only
//! with a valid inclusion proof against a checkpoint that passed [`LogPolicy`].
//!
//! Invariant: for every origin, [`ClientState`] holds the newest head that passed the
//! policy, and every head it accepted (kept for cached copies) is a prefix of that one.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::hash::Hash;
use crate::merkle::{verify_consistency, verify_inclusion};
use crate::policy::{LogPolicy, VerifiedCheckpoint};

/// A tree head a reader has accepted: its size and root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeHead {
    /// Entries in the tree.
    pub size: u64,
    /// Its root hash.
    pub root: Hash,
}

/// What travels with a record so a reader can check it was logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogProof {
    /// The signed checkpoint (note bytes), with its cosignatures.
    pub checkpoint: Vec<u8>,
    /// The record's entry index.
    pub index: u64,
    /// Inclusion proof of the entry in the checkpoint's tree.
    pub inclusion: Vec<Hash>,
    /// Consistency proof between this checkpoint and the newest one the reader keeps
    /// (from the smaller to the larger); empty when the reader keeps none or the same size.
    pub consistency: Vec<Hash>,
}

/// A record found in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// The entry's index.
    pub index: u64,
    /// The checkpoint it is included in.
    pub checkpoint: VerifiedCheckpoint,
}

/// The tree heads a reader has accepted, per log origin: the newest, which every new
/// checkpoint is compared with, and the older ones, which cached copies' proofs name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientState {
    newest: BTreeMap<String, TreeHead>,
    accepted: BTreeMap<String, BTreeMap<u64, Hash>>,
}

impl ClientState {
    /// A state from tree heads kept earlier (the scanner's store): every head [`Self::heads`]
    /// gave, the largest per origin being the newest. The caller stored only heads this type
    /// accepted, so they are prefixes of each other.
    pub fn from_heads(heads: impl IntoIterator<Item = (String, TreeHead)>) -> Self {
        let mut state = ClientState::default();
        for (origin, head) in heads {
            state.remember(&origin, head);
        }
        state
    }

    fn remember(&mut self, origin: &str, head: TreeHead) {
        self.accepted
            .entry(origin.to_owned())
            .or_default()
            .insert(head.size, head.root);
        if self.newest(origin).is_none_or(|n| head.size > n.size) {
            self.newest.insert(origin.to_owned(), head);
        }
    }

    /// The newest tree head kept for `origin`.
    pub fn newest(&self, origin: &str) -> Option<TreeHead> {
        self.newest.get(origin).copied()
    }

    /// Has this reader accepted exactly this head of `origin` (same size, same root)?
    pub fn has_accepted(&self, origin: &str, head: TreeHead) -> bool {
        self.accepted
            .get(origin)
            .and_then(|heads| heads.get(&head.size))
            == Some(&head.root)
    }

    /// Every accepted head (the newest among them), to store.
    pub fn heads(&self) -> impl Iterator<Item = (&str, TreeHead)> {
        self.accepted.iter().flat_map(|(o, heads)| {
            heads.iter().map(move |(size, root)| {
                (
                    o.as_str(),
                    TreeHead {
                        size: *size,
                        root: *root,
                    },
                )
            })
        })
    }

    /// Checks a checkpoint against the policy and against the newest one kept, and keeps it
    /// if it is newer. `consistency` proves the smaller of the two trees a prefix of the
    /// larger. A different root at the same size, or a proof that fails, is
    /// [`Error::LogInconsistent`]: the log forked, or was rewritten or truncated.
    pub fn accept_checkpoint(
        &mut self,
        policy: &LogPolicy,
        note: &[u8],
        consistency: &[Hash],
    ) -> Result<VerifiedCheckpoint, Error> {
        let verified = policy.verify_checkpoint(note)?;
        self.accept_verified(&verified, consistency)?;
        Ok(verified)
    }

    /// [`Self::accept_checkpoint`] for a checkpoint whose signatures were already checked
    /// (a scanner verifies the one in a record's proof before it knows which consistency
    /// proof to fetch): compared with the newest head kept for its origin, and kept.
    pub fn accept_verified(
        &mut self,
        verified: &VerifiedCheckpoint,
        consistency: &[Hash],
    ) -> Result<(), Error> {
        let origin = verified.checkpoint().origin.as_str();
        let offered = TreeHead {
            size: verified.checkpoint().size,
            root: verified.checkpoint().root,
        };
        if let Some(known) = self.newest(origin) {
            let (old, new) = if offered.size >= known.size {
                (known, offered)
            } else {
                (offered, known)
            };
            verify_consistency(old.size, new.size, &old.root, &new.root, consistency).map_err(
                |_| Error::LogInconsistent {
                    known_size: known.size,
                    offered_size: offered.size,
                },
            )?;
        }
        // Consistent with the newest (a prefix of it, or extending it): remembered, and the
        // newest if larger.
        self.remember(origin, offered);
        Ok(())
    }

    /// Checks that `entry` is logged: the checkpoint passes [`Self::accept_checkpoint`] and
    /// the inclusion proof leads from the entry's leaf hash to its root
    /// ([`Error::NotLogged`] otherwise).
    pub fn check_logged(
        &mut self,
        policy: &LogPolicy,
        entry: &[u8],
        proof: &LogProof,
    ) -> Result<Logged, Error> {
        let checkpoint = self.accept_checkpoint(policy, &proof.checkpoint, &proof.consistency)?;
        inclusion_holds(&checkpoint, entry, proof.index, &proof.inclusion)?;
        Ok(Logged {
            index: proof.index,
            checkpoint,
        })
    }

    /// Checks that `entry` is entry `index` of a checkpoint verified and accepted before
    /// (what [`Self::accept_checkpoint`] returned): its head must be an accepted one
    /// ([`Error::LogInconsistent`] otherwise), then the inclusion proof ([`Error::NotLogged`]).
    /// No signature is checked again: a pack's records, or the cached copies read in one
    /// session, share a few checkpoints, each verified once.
    pub fn check_included(
        &self,
        checkpoint: &VerifiedCheckpoint,
        entry: &[u8],
        index: u64,
        inclusion: &[Hash],
    ) -> Result<(), Error> {
        let head = checkpoint.checkpoint();
        let offered = TreeHead {
            size: head.size,
            root: head.root,
        };
        if !self.has_accepted(&head.origin, offered) {
            return Err(Error::LogInconsistent {
                known_size: self.newest(&head.origin).map_or(0, |n| n.size),
                offered_size: offered.size,
            });
        }
        inclusion_holds(checkpoint, entry, index, inclusion)
    }

    /// Checks a cached copy's proof (or a pack record's, once its checkpoint was accepted):
    /// the checkpoint passes the policy, its head is one this reader accepted before
    /// ([`Error::LogInconsistent`] otherwise: it was never shown consistent), and the
    /// inclusion proof holds. Needs no consistency proof and changes no state.
    pub fn check_cached(
        &self,
        policy: &LogPolicy,
        entry: &[u8],
        proof: &LogProof,
    ) -> Result<Logged, Error> {
        let checkpoint = policy.verify_checkpoint(&proof.checkpoint)?;
        self.check_included(&checkpoint, entry, proof.index, &proof.inclusion)?;
        Ok(Logged {
            index: proof.index,
            checkpoint,
        })
    }
}

/// The inclusion proof leads from `entry`'s leaf hash at `index` to the checkpoint's root
/// ([`Error::NotLogged`] otherwise): the one inclusion check every reader path runs.
fn inclusion_holds(
    checkpoint: &VerifiedCheckpoint,
    entry: &[u8],
    index: u64,
    inclusion: &[Hash],
) -> Result<(), Error> {
    let head = checkpoint.checkpoint();
    verify_inclusion(index, head.size, &Hash::leaf(entry), inclusion, &head.root)
        .map_err(|_| Error::NotLogged)
}
