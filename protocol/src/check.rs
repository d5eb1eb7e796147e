//! One error kind per failed check on a signed envelope (protocol sections 3 and 4).
//!
//! The snake_case names are a public contract: the CLI's `--json` prints them as `reason`,
//! scripts and tests match on them, and the FFI passes them to the apps.

use serde::{Serialize, Serializer};

/// Why a signed envelope failed the protocol's checks: one kind per check. In JSON it is its
/// [`code`](CheckFailure::code) alone: a rollback's versions are not part of the contract.
///
/// Not `#[non_exhaustive]`, on purpose: the FFI's mirror enum matches it exhaustively, so a
/// new kind cannot cross the FFI without a name of its own, and the words' tests walk
/// [`CheckFailure::ALL`], so it cannot ship without words in every locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum CheckFailure {
    /// The body is larger than the protocol allows (256 KiB).
    #[error("the registry's answer is larger than allowed")]
    TooLarge,
    /// The envelope, its header or its payload is not valid JSON of the expected shape.
    #[error("the registry's answer is not valid JSON")]
    MalformedJson,
    /// A part of the envelope is not valid unpadded base64url.
    #[error("the registry's answer is not valid base64url")]
    MalformedBase64,
    /// `alg` is not ES256 or EdDSA (this includes `none`).
    #[error("the signature uses an algorithm that is not allowed")]
    UnsupportedAlgorithm,
    /// The header has no `kid`.
    #[error("the signature does not name its key")]
    MissingKeyId,
    /// `typ` is not the one expected for this kind of envelope.
    #[error("the signed answer is of the wrong type")]
    WrongType,
    /// The header has a `crit` member: it asks for extensions this client does not implement.
    #[error("the signature requires extensions this app does not support")]
    CriticalHeader,
    /// `kid` is not a key of the registry that matched the URL.
    #[error("the signature was made with a key this app does not know")]
    UnknownKey,
    /// The key was revoked; everything it signed is invalid, cached records included.
    #[error("the signature was made with a revoked key")]
    RevokedKey,
    /// The key exists but was not valid at the statement's `iat`.
    #[error("the signing key was not valid when the record was signed")]
    KeyNotValidAtIssue,
    /// The key's algorithm differs from the header's `alg`.
    #[error("the signature's algorithm does not match its key")]
    AlgorithmMismatch,
    /// The signature does not verify.
    #[error("the signature is not valid")]
    BadSignature,
    /// The payload is JSON but not a statement (missing or mistyped fields).
    #[error("the signed record is incomplete")]
    MalformedStatement,
    /// `iss` is not the registry that matched the URL.
    #[error("the record was issued by a different registry")]
    WrongIssuer,
    /// `sub` is not the scanned URL: a valid record for another label (mix-and-match attack).
    #[error("the record is for a different label")]
    WrongSubject,
    /// The registry's trust-list entry names a log, and the envelope carries no valid proof
    /// that the record is in it (checks L1 to L3 and L6): no `log_proof`, a malformed one, a
    /// checkpoint not signed by the log's key, or an inclusion proof that does not verify.
    #[error("the registry did not publish this record in its public log")]
    NotLogged,
    /// The log's checkpoint lacks the trust list's threshold of witness cosignatures, or a
    /// listed witness's cosignature does not verify (check L4).
    #[error("too few independent witnesses confirmed the registry's public log")]
    TooFewWitnesses,
    /// The log's checkpoint is not consistent with the one this device kept for that log: a
    /// fork (split view), a rewritten or a truncated log (check L5).
    #[error("the registry's public log does not match what this device saw before")]
    LogInconsistent,
    /// `iat` is more than 5 minutes in the future.
    #[error("the record claims to be signed in the future")]
    IssuedInFuture,
    /// Older than the statement already cached for the same label (lower `iat`, or same
    /// `iat` and lower `seq`), or a trust list not newer than the one in use: with the two
    /// versions compared.
    #[error("{0}")]
    Rollback(RollbackVersions),
}

/// The versions a rollback check compared: the one offered, and the one already held, which
/// the offered one does not follow. For logs and error messages: the words say only that it
/// is older, since the offered version belongs to an answer that failed a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum RollbackVersions {
    /// A label's statement by its freshness `(iat, seq)`, `iat` compared first, against the
    /// statement cached for the same label.
    #[error(
        "the registry sent an older record (iat {}, seq {}) than the one already saved \
         (iat {}, seq {})",
        offered.0, offered.1, held.0, held.1
    )]
    Statement {
        /// `(iat, seq)` of the statement the registry sent.
        offered: (i64, u64),
        /// `(iat, seq)` of the statement already cached.
        held: (i64, u64),
    },
    /// A trust list by its `version`, against the list in use, or against the highest
    /// version this device has accepted when the saved lists were lost.
    #[error(
        "the trust list offered (version {offered}) is not newer than the one already \
         accepted (version {held})"
    )]
    TrustList {
        /// The version of the list offered.
        offered: u64,
        /// The version of the list in use, or the highest accepted.
        held: u64,
    },
}

impl CheckFailure {
    /// The failure a log check's error stands for (`docs/registry-protocol.md`,
    /// "Transparency log proofs"; the mapping lives in [`trustlabel_tlog::Error::scanner_code`]).
    /// An error that is no record's fault (a file, the witness's own rule) reads as
    /// [`CheckFailure::NotLogged`]: the record was not shown to be logged.
    pub fn from_log_error(error: &trustlabel_tlog::Error) -> CheckFailure {
        match error.scanner_code() {
            Some("too_few_witnesses") => CheckFailure::TooFewWitnesses,
            Some("log_inconsistent") => CheckFailure::LogInconsistent,
            _ => CheckFailure::NotLogged,
        }
    }

    /// The snake_case name used in JSON output and across the FFI.
    pub fn code(&self) -> &'static str {
        match self {
            CheckFailure::TooLarge => "too_large",
            CheckFailure::MalformedJson => "malformed_json",
            CheckFailure::MalformedBase64 => "malformed_base64",
            CheckFailure::UnsupportedAlgorithm => "unsupported_algorithm",
            CheckFailure::MissingKeyId => "missing_key_id",
            CheckFailure::WrongType => "wrong_type",
            CheckFailure::CriticalHeader => "critical_header",
            CheckFailure::UnknownKey => "unknown_key",
            CheckFailure::RevokedKey => "revoked_key",
            CheckFailure::KeyNotValidAtIssue => "key_not_valid_at_issue",
            CheckFailure::AlgorithmMismatch => "algorithm_mismatch",
            CheckFailure::BadSignature => "bad_signature",
            CheckFailure::MalformedStatement => "malformed_statement",
            CheckFailure::WrongIssuer => "wrong_issuer",
            CheckFailure::WrongSubject => "wrong_subject",
            CheckFailure::NotLogged => "not_logged",
            CheckFailure::TooFewWitnesses => "too_few_witnesses",
            CheckFailure::LogInconsistent => "log_inconsistent",
            CheckFailure::IssuedInFuture => "issued_in_future",
            CheckFailure::Rollback(_) => "rollback",
        }
    }

    /// Every kind, for exhaustive tests and documentation (a rollback with example
    /// versions).
    pub const ALL: [CheckFailure; 20] = [
        CheckFailure::TooLarge,
        CheckFailure::MalformedJson,
        CheckFailure::MalformedBase64,
        CheckFailure::UnsupportedAlgorithm,
        CheckFailure::MissingKeyId,
        CheckFailure::WrongType,
        CheckFailure::CriticalHeader,
        CheckFailure::UnknownKey,
        CheckFailure::RevokedKey,
        CheckFailure::KeyNotValidAtIssue,
        CheckFailure::AlgorithmMismatch,
        CheckFailure::BadSignature,
        CheckFailure::MalformedStatement,
        CheckFailure::WrongIssuer,
        CheckFailure::WrongSubject,
        CheckFailure::NotLogged,
        CheckFailure::TooFewWitnesses,
        CheckFailure::LogInconsistent,
        CheckFailure::IssuedInFuture,
        CheckFailure::Rollback(RollbackVersions::TrustList {
            offered: 1,
            held: 2,
        }),
    ];
}

/// The code alone, as before rollbacks carried their versions: `"rollback"`.
impl Serialize for CheckFailure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_matches_serde_name() {
        for failure in CheckFailure::ALL {
            let json = serde_json::to_string(&failure).unwrap();
            assert_eq!(json, format!("\"{}\"", failure.code()));
        }
    }

    #[test]
    fn a_rollback_says_both_versions_and_serialises_as_its_code() {
        let statement = CheckFailure::Rollback(RollbackVersions::Statement {
            offered: (100, 2),
            held: (200, 1),
        });
        assert_eq!(serde_json::to_string(&statement).unwrap(), "\"rollback\"");
        assert_eq!(
            statement.to_string(),
            "the registry sent an older record (iat 100, seq 2) than the one already saved \
             (iat 200, seq 1)"
        );
        let list = CheckFailure::Rollback(RollbackVersions::TrustList {
            offered: 3,
            held: 5,
        });
        assert_eq!(serde_json::to_string(&list).unwrap(), "\"rollback\"");
        assert_eq!(
            list.to_string(),
            "the trust list offered (version 3) is not newer than the one already accepted \
             (version 5)"
        );
    }
}
