//! `trustlabel-tlog`: a transparency log for registry records: formats and rules without
//! I/O, and a thin file layer (`std::fs`, with `fs2` locks) for the log, witness and monitor.
//!
//! - RFC 9162 Merkle hashing, tree heads, inclusion and consistency proofs ([`tree_hash`],
//!   [`inclusion_proof`], [`verify_inclusion`], [`consistency_proof`],
//!   [`verify_consistency`]);
//! - the C2SP formats: signed-note ([`Note`], [`VerifierKey`], [`SignerKey`]),
//!   tlog-checkpoint ([`Checkpoint`]), tlog-cosignature v1 ([`KeyKind::CosignatureV1`]) and
//!   tlog-tiles ([`TilePath`], [`TileReader`], [`append`]);
//! - the rules: a reader's ([`LogPolicy`], [`ClientState`]), a witness's ([`Witness`],
//!   [`may_cosign`], [`AddCheckpoint`]) and a monitor's ([`monitor`], [`monitor_records`]);
//! - what the registry logs ([`RecordEntry`]);
//! - the files: a log directory ([`LogWriter`], [`TileDir`]), the
//!   witness's and the monitor's state ([`WitnessOnDisk`], [`TreeHeads`]).
//!
//! Apart from the file layer, the caller reads and writes tiles and keeps state; this crate
//! says what the bytes must be and whether they hold. `docs/transparency.md` describes the
//! formats and the wiring.

mod checkpoint;
mod client;
mod dir;
mod entry;
mod error;
mod files;
mod hash;
mod merkle;
mod monitor;
mod note;
mod policy;
mod tiles;
mod witness;

pub use checkpoint::Checkpoint;
pub use client::{ClientState, LogProof, Logged, TreeHead};
pub use dir::{
    logged_indices, prover, read_statement_bundle, statement_bundle_path, AppendReport, LogWriter,
    Prover, PublishedLog, Statements, TileDir, CHECKPOINT_FILE,
};
pub use entry::{RecordEntry, MAX_ENTRY_FIELD_BYTES};
pub use error::Error;
pub use files::{
    read_capped, write_atomically, Lock, TreeHeads, MAX_LOG_FILE_BYTES, MAX_STATE_FILE_BYTES,
};
pub use hash::{Hash, HASH_LEN};
pub use merkle::{
    consistency_proof, inclusion_proof, tree_hash, verify_consistency, verify_inclusion, Frontier,
    MerkleTree, SubtreeSource,
};
pub use monitor::{monitor, monitor_records, MonitorReport, RecordReport};
pub use note::{
    key_id, verify_note, KeyKind, Note, NoteSignature, SignerKey, VerifiedSignature, VerifierKey,
    MAX_NOTE_BYTES, MAX_SIGNATURES,
};
pub use policy::{LogPolicy, VerifiedCheckpoint};
pub use tiles::{
    append, read_bundle, tiles_for_consistency, tiles_for_inclusion, tiles_for_root, Appended,
    TilePath, TileReader, TileStore, TILE_WIDTH,
};
pub use witness::{
    may_cosign, status_code, AddCheckpoint, Witness, WitnessOnDisk, MAX_ADD_CHECKPOINT_BYTES,
    MAX_PROOF_LINES,
};
