//! One error per failed check, in the awslabs/tough style: a caller (the scanner, the
//! registry's witness and monitor) can tell every way a log can fail from every other.

/// Why a proof, a note, a checkpoint, a tile or a log was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // Merkle proofs (RFC 9162).
    /// A leaf index or tree size outside the tree.
    #[error("index or size outside the tree")]
    IndexOutOfRange,
    /// The inclusion proof does not lead from the leaf to the root.
    #[error("the inclusion proof does not verify")]
    InclusionProofInvalid,
    /// The consistency proof does not show the older tree is a prefix of the newer one.
    #[error("the consistency proof does not verify")]
    ConsistencyProofInvalid,

    // Signed notes (C2SP signed-note).
    /// The note is larger than [`crate::MAX_NOTE_BYTES`].
    #[error("the note is larger than {limit} bytes")]
    NoteTooLarge {
        /// The limit.
        limit: usize,
    },
    /// The note is not text, signature block and signature lines as the spec lays out.
    #[error("malformed signed note: {detail}")]
    MalformedNote {
        /// What is wrong, in words.
        detail: &'static str,
    },
    /// A verifier or signer key string that is not `name+hash+base64` with a known type.
    #[error("malformed key: {detail}")]
    MalformedKey {
        /// What is wrong, in words.
        detail: &'static str,
    },
    /// A signature line from a key the caller knows, that does not verify.
    #[error("the signature of {name} does not verify")]
    BadNoteSignature {
        /// The key name on the line.
        name: String,
    },
    /// No signature line from any key the caller knows verified.
    #[error("no known key signed this note")]
    NoKnownSignature,

    // Checkpoints (C2SP tlog-checkpoint) and the client's rule.
    /// The note text is not an origin, a tree size and a root hash (and extension lines).
    #[error("malformed checkpoint: {detail}")]
    MalformedCheckpoint {
        /// What is wrong, in words.
        detail: &'static str,
    },
    /// The checkpoint is for another log than the one asked about.
    #[error("the checkpoint is for log {found:?}, not {expected:?}")]
    WrongOrigin {
        /// The origin the policy names.
        expected: String,
        /// The origin line of the checkpoint.
        found: String,
    },
    /// The checkpoint carries no signature line by the log's key.
    #[error("the checkpoint is not signed by the log's key")]
    NoLogSignature,
    /// The checkpoint's signature line by the log's key does not verify (forged or altered).
    #[error("the log's signature on the checkpoint does not verify")]
    BadCheckpointSignature,
    /// A named witness's cosignature line does not verify (forged or altered).
    #[error("the cosignature of witness {witness} does not verify")]
    BadCosignature {
        /// The witness's key name.
        witness: String,
    },
    /// Fewer named witnesses cosigned than the policy's threshold.
    #[error("{valid} of the required {needed} witness cosignatures")]
    TooFewCosignatures {
        /// Distinct named witnesses with a valid cosignature.
        valid: usize,
        /// The threshold.
        needed: usize,
    },
    /// The record's inclusion proof does not verify against the checkpoint, or its index is
    /// outside the checkpoint's tree: the log does not hold this record.
    #[error("the record is not in the log")]
    NotLogged,
    /// The checkpoint cannot be the same log as one seen before: a different root at the
    /// same size, or no valid consistency proof between the two (a fork, a rewrite, a
    /// truncation).
    #[error(
        "the log at size {offered_size} is not consistent with the one seen at size {known_size}"
    )]
    LogInconsistent {
        /// Size of the checkpoint kept from before.
        known_size: u64,
        /// Size of the checkpoint offered now.
        offered_size: u64,
    },

    // The witness's rule (C2SP tlog-witness).
    /// The witness does not follow this log.
    #[error("the witness does not follow log {origin:?}")]
    UnknownLog {
        /// The checkpoint's origin.
        origin: String,
    },
    /// The witness already cosigned a larger tree of this log: it never goes back.
    #[error("the witness cosigned size {cosigned}; it never cosigns the smaller {offered}")]
    OlderThanCosigned {
        /// The size the witness last cosigned.
        cosigned: u64,
        /// The size offered.
        offered: u64,
    },

    // Tiles (C2SP tlog-tiles).
    /// A tile or entry bundle path that is not `tile/<L>/<N>[.p/<W>]` or
    /// `tile/entries/<N>[.p/<W>]` as the spec spells it.
    #[error("malformed tile path {path:?}")]
    MalformedTilePath {
        /// The path.
        path: String,
    },
    /// A tile or entry bundle the proof or replay needs is not there.
    #[error("missing tile {path}")]
    TileMissing {
        /// The tile's path.
        path: String,
    },
    /// A log file (tile, bundle, checkpoint, state file) larger than any valid one of its
    /// kind: refused before it is read whole, so a corrupt or hostile file cannot make the
    /// reader allocate its size.
    #[error("{path} is larger than {limit} bytes")]
    FileTooLarge {
        /// The file (a path in the log, or on disk).
        path: String,
        /// The most bytes a file of its kind may have.
        limit: u64,
    },
    /// A tile whose length is not its width times 32 bytes.
    #[error("tile {path} has {got} bytes, not {expected}")]
    TileWrongSize {
        /// The tile's path.
        path: String,
        /// Width times 32.
        expected: usize,
        /// Its length.
        got: usize,
    },
    /// An entry bundle that is not exactly its width of uint16-length-prefixed entries.
    #[error("malformed entry bundle {path}")]
    MalformedEntryBundle {
        /// The bundle's path.
        path: String,
    },
    /// An append would change a full tile that was already published.
    #[error("appending would rewrite the published full tile {path}")]
    WouldRewriteTile {
        /// The tile's path.
        path: String,
    },
    /// An entry longer than an entry bundle's uint16 length prefix can say.
    #[error("an entry of {len} bytes is longer than 65,535")]
    EntryTooLarge {
        /// The entry's length.
        len: usize,
    },

    // The monitor.
    /// The hashes of the entries do not give the checkpoint's root hash.
    #[error("the entries give root {computed}, the checkpoint says {expected}")]
    TreeHashMismatch {
        /// Hex of the root the entries give.
        computed: String,
        /// Hex of the checkpoint's root.
        expected: String,
    },
    /// A hash tile does not hold the hashes the entries give (the entries give the
    /// checkpoint's root): readers' proofs built from it would fail.
    #[error("the hash tile {path} disagrees with the entries")]
    TilesDisagree {
        /// The tile's path.
        path: String,
    },
    /// The log's first entries no longer give the root the monitor saw before: rewritten.
    #[error("the first {size} entries no longer give the root seen before: the log was rewritten")]
    LogRewritten {
        /// The size of the tree seen before.
        size: u64,
    },
    /// The checkpoint is smaller than the tree the monitor saw before.
    #[error("the log shrank from {seen} to {offered} entries")]
    LogTruncated {
        /// The size seen before.
        seen: u64,
        /// The size now.
        offered: u64,
    },
    /// The caller's check refused an entry.
    #[error("entry {index} was refused: {reason}")]
    EntryRejected {
        /// The entry's index.
        index: u64,
        /// The caller's reason.
        reason: String,
    },
    /// A log entry that is not a `trustlabel-record/v1` text in its one spelling.
    #[error("malformed log entry: {detail}")]
    MalformedEntry {
        /// What is wrong, in words.
        detail: &'static str,
    },

    /// An append with statements was given a different number of entries and statements.
    #[error("{entries} entries but {statements} statements")]
    StatementCountMismatch {
        /// Entries given.
        entries: usize,
        /// Statements given.
        statements: usize,
    },

    // The witness's HTTP rule (C2SP tlog-witness `add-checkpoint`).
    /// An `add-checkpoint` body that is not an `old` line, proof lines, a blank line and a
    /// checkpoint; or an old size above the checkpoint's (HTTP 400).
    #[error("malformed add-checkpoint request: {detail}")]
    MalformedWitnessRequest {
        /// What is wrong, in words.
        detail: &'static str,
    },
    /// The request's old size is not the size this witness last cosigned (HTTP 409; the
    /// body of the answer is `cosigned` in decimal, so the log can retry from there).
    #[error("the request says old size {claimed}; this witness last cosigned size {cosigned}")]
    OldSizeMismatch {
        /// The size the witness last cosigned (0 if none).
        cosigned: u64,
        /// The old size the request claimed.
        claimed: u64,
    },

    // Files: the log directory, the witness's and the monitor's state.
    /// A file could not be read or written.
    #[error("{path}: {kind}: {detail}")]
    Io {
        /// The file.
        path: String,
        /// What the operating system said, as a kind.
        kind: std::io::ErrorKind,
        /// What the operating system said, in words.
        detail: String,
    },
    /// `create` found a log already in the directory: it never starts over an existing log.
    #[error("{path} already holds a log")]
    LogExists {
        /// The directory.
        path: String,
    },
    /// Another writer (or witness) holds the directory's (or state's) lock.
    #[error("{path} is locked by another process")]
    Locked {
        /// The lock file.
        path: String,
    },
    /// A state file that is not in the format this crate writes.
    #[error("malformed state file {path}: {detail}")]
    MalformedState {
        /// The file.
        path: String,
        /// What is wrong, in words.
        detail: &'static str,
    },
}

impl Error {
    /// The scanner's failure code for a failed log check (`docs/registry-protocol.md`,
    /// "Transparency log proofs"): `not_logged`, `too_few_witnesses` or `log_inconsistent`.
    /// `None` for errors that are not a record's fault (keys in the trust list, files, the
    /// witness's and the monitor's own checks).
    pub fn scanner_code(&self) -> Option<&'static str> {
        match self {
            Error::NotLogged
            | Error::InclusionProofInvalid
            | Error::IndexOutOfRange
            | Error::NoLogSignature
            | Error::BadCheckpointSignature
            | Error::WrongOrigin { .. }
            | Error::MalformedNote { .. }
            | Error::NoteTooLarge { .. }
            | Error::NoKnownSignature
            | Error::BadNoteSignature { .. }
            | Error::MalformedCheckpoint { .. }
            | Error::MalformedEntry { .. } => Some("not_logged"),
            Error::TooFewCosignatures { .. } | Error::BadCosignature { .. } => {
                Some("too_few_witnesses")
            }
            Error::LogInconsistent { .. } | Error::ConsistencyProofInvalid => {
                Some("log_inconsistent")
            }
            _ => None,
        }
    }

    pub(crate) fn io(path: &std::path::Path, error: &std::io::Error) -> Error {
        Error::Io {
            path: path.display().to_string(),
            kind: error.kind(),
            detail: error.to_string(),
        }
    }
}
