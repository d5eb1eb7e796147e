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

/// Most consistency proof lines an `add-checkpoint` request may carry (the spec's limit).
pub const MAX_PROOF_LINES: usize = 63;

/// The most bytes an `add-checkpoint` request body can have: its `old <size>` line (at most
/// 25 bytes), [`MAX_PROOF_LINES`] base64 hashes of 45 bytes with their newlines, a blank line
/// and a checkpoint note of at most [`crate::MAX_NOTE_BYTES`]. A reader caps the body it
/// reads at this; [`AddCheckpoint::parse`] refuses a longer one.
pub const MAX_ADD_CHECKPOINT_BYTES: usize = 32 + MAX_PROOF_LINES * 45 + 1 + crate::MAX_NOTE_BYTES;

/// A C2SP tlog-witness `add-checkpoint` request body: `old <size>`, the consistency proof
/// one base64 hash a line, a blank line, then the signed checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddCheckpoint {
    /// The size of the checkpoint the log believes this witness last cosigned (0 if none).
    pub old_size: u64,
    /// Consistency proof from `old_size` to the checkpoint's size.
    pub proof: Vec<crate::Hash>,
    /// The signed checkpoint note.
    pub checkpoint: Vec<u8>,
}

impl AddCheckpoint {
    /// Parses a request body ([`Error::MalformedWitnessRequest`], HTTP 400, when it is not one).
    pub fn parse(body: &[u8]) -> Result<Self, Error> {
        use base64::Engine;
        let bad = |detail| Error::MalformedWitnessRequest { detail };
        if body.len() > MAX_ADD_CHECKPOINT_BYTES {
            return Err(bad("larger than any add-checkpoint request"));
        }
        let mut rest = body;
        let mut line = || -> Result<&[u8], Error> {
            let end = rest
                .iter()
                .position(|&b| b == b'\n')
                .ok_or(bad("a line does not end in a newline"))?;
            let (line, tail) = rest.split_at(end);
            rest = &tail[1..];
            Ok(line)
        };
        let old = line()?;
        let old = std::str::from_utf8(old)
            .ok()
            .and_then(|l| l.strip_prefix("old "))
            .filter(|n| {
                !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && (*n == "0" || !n.starts_with('0'))
            })
            .and_then(|n| n.parse::<u64>().ok())
            .ok_or(bad("the first line is not `old <size>`"))?;
        let mut proof = Vec::new();
        loop {
            let l = line()?;
            if l.is_empty() {
                break;
            }
            if proof.len() == MAX_PROOF_LINES {
                return Err(bad("more than 63 consistency proof lines"));
            }
            let hash = base64::engine::general_purpose::STANDARD
                .decode(l)
                .ok()
                .and_then(|b| crate::Hash::from_slice(&b))
                .ok_or(bad("a proof line is not 32 bytes of base64"))?;
            proof.push(hash);
        }
        Ok(AddCheckpoint {
            old_size: old,
            proof,
            checkpoint: rest.to_vec(),
        })
    }

    /// The request body.
    pub fn to_bytes(&self) -> Vec<u8> {
        use base64::Engine;
        let mut out = format!("old {}\n", self.old_size);
        for hash in &self.proof {
            out.push_str(&base64::engine::general_purpose::STANDARD.encode(hash.0));
            out.push('\n');
        }
        out.push('\n');
        let mut out = out.into_bytes();
        out.extend_from_slice(&self.checkpoint);
        out
    }
}

impl Witness {
    /// C2SP tlog-witness `add-checkpoint`, in the spec's order: the origin must be a followed
    /// log ([`Error::UnknownLog`], 404); the log's key must have signed it (403); the old size
    /// may not exceed the checkpoint's ([`Error::OlderThanCosigned`] or
    /// [`Error::MalformedWitnessRequest`], 400); the old size must be the size this witness
    /// last cosigned ([`Error::OldSizeMismatch`], 409); at equal sizes the roots must match
    /// ([`Error::LogInconsistent`], 409), else the consistency proof must verify
    /// ([`Error::LogInconsistent`], 422). Then the head is recorded and the cosignature
    /// returned. [`status_code`] maps each error to its HTTP status.
    pub fn add_checkpoint(
        &mut self,
        request: &AddCheckpoint,
        timestamp: u64,
    ) -> Result<NoteSignature, Error> {
        let parsed = crate::note::Note::parse(&request.checkpoint)?;
        let origin = crate::checkpoint::Checkpoint::parse(parsed.text())?.origin;
        let (policy, last) = self
            .logs
            .get_mut(&origin)
            .ok_or(Error::UnknownLog { origin })?;
        let verified = policy.verify_checkpoint(&request.checkpoint)?;
        let offered = TreeHead {
            size: verified.checkpoint().size,
            root: verified.checkpoint().root,
        };
        let cosigned_size = last.map_or(0, |l| l.size);
        if request.old_size > offered.size {
            return Err(if request.old_size == cosigned_size {
                Error::OlderThanCosigned {
                    cosigned: cosigned_size,
                    offered: offered.size,
                }
            } else {
                Error::MalformedWitnessRequest {
                    detail: "the old size is above the checkpoint's size",
                }
            });
        }
        if request.old_size != cosigned_size {
            return Err(Error::OldSizeMismatch {
                cosigned: cosigned_size,
                claimed: request.old_size,
            });
        }
        match *last {
            None if !request.proof.is_empty() => {
                return Err(Error::LogInconsistent {
                    known_size: 0,
                    offered_size: offered.size,
                })
            }
            None => {}
            Some(known) => may_cosign(Some(known), offered, &request.proof)?,
        }
        *last = Some(offered);
        Ok(self.key.sign(verified.note().text(), timestamp))
    }
}

/// The HTTP status C2SP tlog-witness gives each refusal of `add-checkpoint` (500 for a
/// failure of the witness itself, such as its state file).
pub fn status_code(error: &Error) -> u16 {
    match error {
        Error::UnknownLog { .. } => 404,
        Error::NoLogSignature | Error::BadCheckpointSignature => 403,
        Error::OldSizeMismatch { .. } => 409,
        Error::LogInconsistent {
            known_size,
            offered_size,
        } if known_size == offered_size => 409,
        Error::LogInconsistent { .. } | Error::ConsistencyProofInvalid => 422,
        Error::Io { .. } | Error::Locked { .. } | Error::MalformedState { .. } => 500,
        _ => 400,
    }
}

/// A witness whose cosigned heads live in a state file: [`Witness::add_checkpoint`] with the
/// check and the record made atomic across processes (the spec's race between two requests):
/// the state file's lock is held from reading the last head to writing the new one, and the
/// new head is on disk before the cosignature is returned.
#[derive(Debug)]
pub struct WitnessOnDisk {
    key_text: String,
    logs: Vec<LogPolicy>,
    state: std::path::PathBuf,
}

impl WitnessOnDisk {
    /// A witness cosigning with `key` for `logs`, keeping its heads in `state` (created on the
    /// first cosignature; its lock is `state` + `.lock`).
    pub fn new(
        key: &SignerKey,
        logs: Vec<LogPolicy>,
        state: impl Into<std::path::PathBuf>,
    ) -> Result<Self, Error> {
        if key.verifier().kind() != KeyKind::CosignatureV1 {
            return Err(Error::MalformedKey {
                detail: "a witness key makes cosignatures (type 0x04)",
            });
        }
        Ok(WitnessOnDisk {
            key_text: key.to_secret_text(),
            logs,
            state: state.into(),
        })
    }

    /// Answers an `add-checkpoint` request body: the cosignature line (the 200 answer's body),
    /// or the refusal ([`status_code`] gives its HTTP status; for
    /// [`Error::OldSizeMismatch`] the body is `cosigned` in decimal and a newline).
    pub fn add_checkpoint(&self, body: &[u8], timestamp: u64) -> Result<Vec<u8>, Error> {
        let request = AddCheckpoint::parse(body)?;
        let mut lock_path = self.state.clone().into_os_string();
        lock_path.push(".lock");
        let _lock = crate::files::Lock::wait(std::path::Path::new(&lock_path))?;
        let mut heads = crate::files::TreeHeads::load(&self.state)?;
        let mut witness = Witness::new(SignerKey::parse(&self.key_text)?)?;
        for log in &self.logs {
            witness.follow(log.clone(), heads.get(log.origin()));
        }
        let signature = witness.add_checkpoint(&request, timestamp)?;
        let origin = crate::checkpoint::Checkpoint::parse(
            crate::note::Note::parse(&request.checkpoint)?.text(),
        )?
        .origin;
        if let Some(head) = witness.last_cosigned(&origin) {
            heads.set(&origin, head);
        }
        heads.save(&self.state)?;
        Ok(signature.to_line().into_bytes())
    }

    /// The head last cosigned for `origin`, as the state file says.
    pub fn last_cosigned(&self, origin: &str) -> Result<Option<TreeHead>, Error> {
        Ok(crate::files::TreeHeads::load(&self.state)?.get(origin))
    }
}
