//! `trustlabel-registry witness`: a C2SP tlog-witness. It cosigns a log's checkpoint only
//! after checking it is signed by the log's key and consistent with the last checkpoint it
//! cosigned for that log (kept in a state file, under a lock, written before the cosignature
//! is given out: [`trustlabel_tlog::WitnessOnDisk`]).
//!
//! Two ways in: an `add-checkpoint` request body as the spec's HTTP endpoint takes it
//! ([`add_checkpoint`]), or the log itself, a directory or URL, from which the witness reads
//! the checkpoint and builds the consistency proof from the tiles ([`witness_log`]); a
//! forged tile gives a proof that does not verify, so the log gains nothing by serving one.

use trustlabel_tlog::{
    consistency_proof, AddCheckpoint, Checkpoint, LogPolicy, Note, TileReader, TileStore,
    WitnessOnDisk,
};

/// A refusal: the tlog-witness HTTP status and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("refused ({status}): {reason}")]
pub struct Refused {
    /// The HTTP status the spec gives this refusal (409 for a size mismatch or a fork, 422
    /// for a failed consistency proof, 403 for a bad signature...).
    pub status: u16,
    /// What failed.
    pub reason: String,
}

fn refused(error: &trustlabel_tlog::Error) -> Refused {
    Refused {
        status: trustlabel_tlog::status_code(error),
        reason: error.to_string(),
    }
}

/// Answers an `add-checkpoint` request body: the cosignature line(s) to add to the
/// checkpoint.
pub fn add_checkpoint(witness: &WitnessOnDisk, body: &[u8], now: u64) -> Result<Vec<u8>, Refused> {
    witness.add_checkpoint(body, now).map_err(|e| refused(&e))
}

/// Reads the log in `store` (its checkpoint `note`), builds the request from the size this
/// witness last cosigned, and answers it as [`add_checkpoint`] does.
pub fn witness_log<S: TileStore + ?Sized>(
    witness: &WitnessOnDisk,
    policy: &LogPolicy,
    store: &S,
    note: &[u8],
    now: u64,
) -> Result<Vec<u8>, Refused> {
    let text = Note::parse(note).map_err(|e| refused(&e))?;
    let checkpoint = Checkpoint::parse(text.text()).map_err(|e| refused(&e))?;
    if checkpoint.origin != policy.origin() {
        return Err(refused(&trustlabel_tlog::Error::UnknownLog {
            origin: checkpoint.origin,
        }));
    }
    let last = witness
        .last_cosigned(policy.origin())
        .map_err(|e| refused(&e))?
        .map_or(0, |h| h.size);
    // A log that shrank has no proof to give; the witness refuses it below (its old size
    // is above the checkpoint's).
    let proof = if last == 0 || last >= checkpoint.size {
        Vec::new()
    } else {
        consistency_proof(
            &TileReader::new(store, checkpoint.size),
            last,
            checkpoint.size,
        )
        .map_err(|e| refused(&e))?
    };
    let request = AddCheckpoint {
        old_size: last,
        proof,
        checkpoint: note.to_vec(),
    };
    add_checkpoint(witness, &request.to_bytes(), now)
}
