//! Which log a reader trusts and how: the log's key, its named witnesses and how many of
//! them must cosign. What a trust-list entry for a logging registry would carry.

use crate::checkpoint::Checkpoint;
use crate::error::Error;
use crate::note::{verify_note, KeyKind, Note, VerifierKey};

/// A log as a reader trusts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogPolicy {
    origin: String,
    log_keys: Vec<VerifierKey>,
    witnesses: Vec<VerifierKey>,
    threshold: usize,
}

impl LogPolicy {
    /// A policy: checkpoints of `origin` signed by `log_key` (an Ed25519 note key) and
    /// cosigned by at least `threshold` of `witnesses` (cosignature v1 keys).
    pub fn new(
        origin: &str,
        log_key: VerifierKey,
        witnesses: Vec<VerifierKey>,
        threshold: usize,
    ) -> Result<Self, Error> {
        LogPolicy::with_log_keys(origin, vec![log_key], witnesses, threshold)
    }

    /// A policy accepting a checkpoint signed by any one of `log_keys`: while a log rotates
    /// its key it signs each checkpoint with the old and the new key, and trust lists name
    /// both until every reader has the new one.
    pub fn with_log_keys(
        origin: &str,
        log_keys: Vec<VerifierKey>,
        witnesses: Vec<VerifierKey>,
        threshold: usize,
    ) -> Result<Self, Error> {
        if log_keys.is_empty() || log_keys.iter().any(|k| k.kind() != KeyKind::Ed25519) {
            return Err(Error::MalformedKey {
                detail: "a log key signs notes (type 0x01)",
            });
        }
        if witnesses.iter().any(|w| w.kind() != KeyKind::CosignatureV1) {
            return Err(Error::MalformedKey {
                detail: "a witness key makes cosignatures (type 0x04)",
            });
        }
        if threshold > witnesses.len() {
            return Err(Error::TooFewCosignatures {
                valid: witnesses.len(),
                needed: threshold,
            });
        }
        Ok(LogPolicy {
            origin: origin.to_owned(),
            log_keys,
            witnesses,
            threshold,
        })
    }

    /// The log's origin line.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The log's checkpoint keys (more than one while it rotates).
    pub fn log_keys(&self) -> &[VerifierKey] {
        &self.log_keys
    }

    /// Checks a signed checkpoint: its text, its origin, the log's signature, and that at
    /// least the threshold of named witnesses cosigned it. Checks run in that order, each
    /// with its own error.
    pub fn verify_checkpoint(&self, note_bytes: &[u8]) -> Result<VerifiedCheckpoint, Error> {
        let note = Note::parse(note_bytes)?;
        let checkpoint = Checkpoint::parse(note.text())?;
        if checkpoint.origin != self.origin {
            return Err(Error::WrongOrigin {
                expected: self.origin.clone(),
                found: checkpoint.origin,
            });
        }
        match verify_note(&note, &self.log_keys) {
            Ok(_) => {}
            Err(Error::NoKnownSignature) => return Err(Error::NoLogSignature),
            Err(Error::BadNoteSignature { .. }) => return Err(Error::BadCheckpointSignature),
            Err(other) => return Err(other),
        }
        let cosigners = if self.witnesses.is_empty() {
            Vec::new()
        } else {
            match verify_note(&note, &self.witnesses) {
                Ok(found) => found.into_iter().map(|v| v.key.name().to_owned()).collect(),
                Err(Error::NoKnownSignature) => Vec::new(),
                Err(Error::BadNoteSignature { name }) => {
                    return Err(Error::BadCosignature { witness: name })
                }
                Err(other) => return Err(other),
            }
        };
        if cosigners.len() < self.threshold {
            return Err(Error::TooFewCosignatures {
                valid: cosigners.len(),
                needed: self.threshold,
            });
        }
        Ok(VerifiedCheckpoint {
            checkpoint,
            note,
            cosigners,
        })
    }
}

/// A checkpoint whose log signature and cosignature threshold were checked. Only
/// [`LogPolicy::verify_checkpoint`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedCheckpoint {
    checkpoint: Checkpoint,
    note: Note,
    cosigners: Vec<String>,
}

impl VerifiedCheckpoint {
    /// Its contents.
    pub fn checkpoint(&self) -> &Checkpoint {
        &self.checkpoint
    }

    /// The signed note, to keep (the scanner stores the bytes, not this).
    pub fn note(&self) -> &Note {
        &self.note
    }

    /// Names of the policy's witnesses whose cosignature verified.
    pub fn cosigners(&self) -> &[String] {
        &self.cosigners
    }
}
