//! The witness's rule (C2SP tlog-witness, the part that is not HTTP): cosign a checkpoint
//! only if it is consistent with the last one this witness cosigned for that log. Never a
//! smaller tree, never a different root at the same size.
//!
//! Invariant: for every log, the recorded head only grows, and each recorded head is a
//! prefix of the next (a consistency proof checked it).

use std::collections::BTreeMap;

use crate::client::TreeHead;
use crate::error::Error;
use crate::merkle::verify_consistency;
use crate::note::{KeyKind, NoteSignature, SignerKey};
use crate::policy::LogPolicy;

/// The decision alone, as a pure function: may a witness that last cosigned `last` cosign
/// `offered`, given `proof` (a consistency proof from `last` to `offered`)?
pub fn may_cosign(
    last: Option<TreeHead>,
    offered: TreeHead,
    proof: &[crate::Hash],
) -> Result<(), Error> {
    let Some(last) = last else {
        return Ok(());
    };
    if offered.size < last.size {
        return Err(Error::OlderThanCosigned {
            cosigned: last.size,
            offered: offered.size,
        });
    }
    verify_consistency(last.size, offered.size, &last.root, &offered.root, proof).map_err(|_| {
        Error::LogInconsistent {
            known_size: last.size,
            offered_size: offered.size,
        }
    })
}

/// A witness: its cosigning key, the logs it follows and the last head it cosigned of each.
#[derive(Debug)]
pub struct Witness {
    key: SignerKey,
    logs: BTreeMap<String, (LogPolicy, Option<TreeHead>)>,
}

impl Witness {
    /// A witness signing with `key` (a cosignature v1 key).
    pub fn new(key: SignerKey) -> Result<Self, Error> {
        if key.verifier().kind() != KeyKind::CosignatureV1 {
            return Err(Error::MalformedKey {
                detail: "a witness key makes cosignatures (type 0x04)",
            });
        }
        Ok(Witness {
            key,
            logs: BTreeMap::new(),
        })
    }

    /// Follows a log (its policy names its key; witnesses are not needed to cosign), with
    /// the last head this witness cosigned, if any, as kept by its operator.
    pub fn follow(&mut self, log: LogPolicy, last: Option<TreeHead>) {
        self.logs.insert(log.origin().to_owned(), (log, last));
    }

    /// The last head cosigned for `origin`, for the operator to keep.
    pub fn last_cosigned(&self, origin: &str) -> Option<TreeHead> {
        self.logs.get(origin).and_then(|(_, last)| *last)
    }

    /// Cosigns the checkpoint `note` at `timestamp` (POSIX seconds) if its log signature
    /// verifies and [`may_cosign`] allows it; records it as the last cosigned head.
    pub fn cosign(
        &mut self,
        note: &[u8],
        proof: &[crate::Hash],
        timestamp: u64,
    ) -> Result<NoteSignature, Error> {
        let parsed = crate::note::Note::parse(note)?;
        let origin = crate::checkpoint::Checkpoint::parse(parsed.text())?.origin;
        let (policy, last) = self
            .logs
            .get_mut(&origin)
            .ok_or(Error::UnknownLog { origin })?;
        let verified = policy.verify_checkpoint(note)?;
        let offered = TreeHead {
            size: verified.checkpoint().size,
            root: verified.checkpoint().root,
        };
        may_cosign(*last, offered, proof)?;
        *last = Some(offered);
        Ok(self.key.sign(verified.note().text(), timestamp))
    }
}
