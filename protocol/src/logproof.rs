//! The `log_proof` envelope member (`docs/registry-protocol.md`, "`log_proof`: the proof
//! that travels with a record"): a signed checkpoint, the record's entry index and its
//! inclusion proof, beside the JWS members and not covered by the signature (every byte of it
//! is checked against the log's signed checkpoint instead).
//!
//! Read strictly: exactly the three members, each of its type, within its bound; anything
//! else is a typed [`LogProofError`], which the checks report as
//! [`crate::CheckFailure::NotLogged`]. One spelling is written ([`log_proof_json`]).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{Map, Value};
use trustlabel_tlog::{Hash, LogProof, MAX_NOTE_BYTES};

/// Most inclusion hashes a proof may carry: a tree of 2^63 entries needs 63.
pub const MAX_INCLUSION_HASHES: usize = 63;

/// Why an envelope's `log_proof` member cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LogProofError {
    /// The envelope has no `log_proof` member.
    #[error("the envelope has no log_proof")]
    Missing,
    /// `log_proof` is not a JSON object.
    #[error("log_proof is not an object")]
    NotAnObject,
    /// `log_proof` has a member other than `checkpoint`, `index` and `inclusion`.
    #[error("log_proof has the unknown member {name:?}")]
    UnknownMember {
        /// The member's name.
        name: String,
    },
    /// One of the three members is missing.
    #[error("log_proof has no {member}")]
    MissingMember {
        /// `checkpoint`, `index` or `inclusion`.
        member: &'static str,
    },
    /// A member has the wrong type (`index` must be a non-negative integer).
    #[error("log_proof's {member} has the wrong type")]
    WrongType {
        /// `checkpoint`, `index` or `inclusion`.
        member: &'static str,
    },
    /// The checkpoint is larger than a signed note may be.
    #[error("the checkpoint is larger than {limit} bytes")]
    CheckpointTooLarge {
        /// The limit ([`MAX_NOTE_BYTES`]).
        limit: usize,
    },
    /// An inclusion hash that is not 32 bytes in standard base64.
    #[error("inclusion hash {position} is not 32 bytes of base64")]
    BadHash {
        /// Its position in the proof, from 0.
        position: usize,
    },
    /// More inclusion hashes than any tree needs.
    #[error("more than {limit} inclusion hashes")]
    TooManyHashes {
        /// The limit ([`MAX_INCLUSION_HASHES`]).
        limit: usize,
    },
}

/// Reads a `log_proof` member's value. The proof's `consistency` is empty: consistency is
/// between the checkpoint and the device's kept head, built by the scanner from the log's
/// tiles, never carried by the record.
pub fn parse_log_proof(value: &Value) -> Result<LogProof, LogProofError> {
    let object = value.as_object().ok_or(LogProofError::NotAnObject)?;
    if let Some(name) = object
        .keys()
        .find(|k| !matches!(k.as_str(), "checkpoint" | "index" | "inclusion"))
    {
        return Err(LogProofError::UnknownMember { name: name.clone() });
    }
    let member = |member: &'static str| {
        object
            .get(member)
            .ok_or(LogProofError::MissingMember { member })
    };
    let checkpoint = member("checkpoint")?
        .as_str()
        .ok_or(LogProofError::WrongType {
            member: "checkpoint",
        })?;
    if checkpoint.len() > MAX_NOTE_BYTES {
        return Err(LogProofError::CheckpointTooLarge {
            limit: MAX_NOTE_BYTES,
        });
    }
    let index = member("index")?
        .as_u64()
        .ok_or(LogProofError::WrongType { member: "index" })?;
    let hashes = member("inclusion")?
        .as_array()
        .ok_or(LogProofError::WrongType {
            member: "inclusion",
        })?;
    if hashes.len() > MAX_INCLUSION_HASHES {
        return Err(LogProofError::TooManyHashes {
            limit: MAX_INCLUSION_HASHES,
        });
    }
    let inclusion = hashes
        .iter()
        .enumerate()
        .map(|(position, h)| {
            h.as_str()
                .and_then(|text| STANDARD.decode(text).ok())
                .and_then(|bytes| Hash::from_slice(&bytes))
                .ok_or(LogProofError::BadHash { position })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LogProof {
        checkpoint: checkpoint.as_bytes().to_vec(),
        index,
        inclusion,
        consistency: Vec::new(),
    })
}

/// The `log_proof` member for `proof`, as a registry writes it beside the JWS members. The
/// checkpoint must be UTF-8 text (a signed note is); `None` otherwise.
pub fn log_proof_json(proof: &LogProof) -> Option<Value> {
    let checkpoint = std::str::from_utf8(&proof.checkpoint).ok()?;
    let mut object = Map::new();
    object.insert("checkpoint".into(), checkpoint.into());
    object.insert("index".into(), proof.index.into());
    object.insert(
        "inclusion".into(),
        proof
            .inclusion
            .iter()
            .map(|h| Value::from(STANDARD.encode(h.0)))
            .collect(),
    );
    Some(Value::Object(object))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn good() -> Value {
        json!({
            "checkpoint": "o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
            "index": 0,
            "inclusion": [STANDARD.encode([7u8; 32])],
        })
    }

    #[test]
    fn a_proof_round_trips_in_one_spelling() {
        let proof = parse_log_proof(&good()).unwrap();
        assert_eq!(proof.index, 0);
        assert_eq!(proof.inclusion, vec![Hash([7; 32])]);
        assert!(proof.consistency.is_empty());
        assert_eq!(log_proof_json(&proof).unwrap(), good());
    }

    #[test]
    fn each_malformation_has_its_own_error() {
        let with = |f: &dyn Fn(&mut Map<String, Value>)| {
            let mut v = good();
            f(v.as_object_mut().unwrap());
            parse_log_proof(&v)
        };
        assert_eq!(
            parse_log_proof(&json!([1])),
            Err(LogProofError::NotAnObject)
        );
        assert_eq!(
            with(&|o| {
                o.insert("consistency".into(), json!([]));
            }),
            Err(LogProofError::UnknownMember {
                name: "consistency".into()
            })
        );
        for member in ["checkpoint", "index", "inclusion"] {
            assert_eq!(
                with(&|o| {
                    o.remove(member);
                }),
                Err(LogProofError::MissingMember { member })
            );
            assert_eq!(
                with(&|o| {
                    o.insert(member.into(), json!({}));
                }),
                Err(LogProofError::WrongType { member })
            );
        }
        for index in [json!(-1), json!(1.5), json!("1")] {
            assert_eq!(
                with(&|o| {
                    o.insert("index".into(), index.clone());
                }),
                Err(LogProofError::WrongType { member: "index" })
            );
        }
        assert_eq!(
            with(&|o| {
                o.insert("checkpoint".into(), "x".repeat(MAX_NOTE_BYTES + 1).into());
            }),
            Err(LogProofError::CheckpointTooLarge {
                limit: MAX_NOTE_BYTES
            })
        );
        for bad in [json!(1), json!("AAAA"), json!("not base64!")] {
            assert_eq!(
                with(&|o| {
                    o.insert(
                        "inclusion".into(),
                        json!([STANDARD.encode([1u8; 32]), bad.clone()]),
                    );
                }),
                Err(LogProofError::BadHash { position: 1 })
            );
        }
        let many: Vec<String> = (0..64).map(|_| STANDARD.encode([1u8; 32])).collect();
        assert_eq!(
            with(&|o| {
                o.insert("inclusion".into(), json!(many));
            }),
            Err(LogProofError::TooManyHashes {
                limit: MAX_INCLUSION_HASHES
            })
        );
    }
}
