//! The reader's rule (a scanner): keep the newest checkpoint seen per log; accept a newer one
//! only with a valid consistency proof from the kept one; believe a record is logged only
//! with a valid inclusion proof against a checkpoint that passed [`LogPolicy`].
//!
//! Invariant: for every origin, [`ClientState`] holds a checkpoint that passed the policy,
//! and every checkpoint it ever held is a prefix of the one it holds now.

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

/// The newest checkpoint a reader has accepted, per log origin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientState {
    newest: BTreeMap<String, TreeHead>,
}

impl ClientState {
    /// A state from tree heads kept earlier (the scanner's store).
    pub fn from_heads(heads: impl IntoIterator<Item = (String, TreeHead)>) -> Self {
        ClientState {
            newest: heads.into_iter().collect(),
        }
    }

    /// The newest tree head kept for `origin`.
    pub fn newest(&self, origin: &str) -> Option<TreeHead> {
        self.newest.get(origin).copied()
    }

    /// Every kept head, to store.
    pub fn heads(&self) -> impl Iterator<Item = (&str, TreeHead)> {
        self.newest.iter().map(|(o, h)| (o.as_str(), *h))
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
        let offered = TreeHead {
            size: verified.checkpoint().size,
            root: verified.checkpoint().root,
        };
        if let Some(known) = self.newest(policy.origin()) {
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
        let keep = self
            .newest(policy.origin())
            .is_none_or(|known| offered.size > known.size);
        if keep {
            self.newest.insert(policy.origin().to_owned(), offered);
        }
        Ok(verified)
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
        let head = checkpoint.checkpoint();
        verify_inclusion(
            proof.index,
            head.size,
            &Hash::leaf(entry),
            &proof.inclusion,
            &head.root,
        )
        .map_err(|_| Error::NotLogged)?;
        Ok(Logged {
            index: proof.index,
            checkpoint,
        })
    }
}
