//! Signing statements and trust lists as flattened JWS envelopes (protocol section 3).
//!
//! [`sign_statement`] and [`sign_trust_list`] are the plain helpers. [`Signer`] does the same
//! but can reuse signatures from envelopes written earlier, when the signed bytes are
//! unchanged and the old signature still verifies: ES256 signatures are randomized, so this
//! is what makes regenerating the fixtures a no-op.

use std::collections::HashMap;
use std::path::Path;

use ring::signature::{UnparsedPublicKey, ECDSA_P256_SHA256_FIXED, ED25519};
use serde::{Deserialize, Serialize};
use trustlabel_protocol::Statement;
use trustlabel_protocol::TrustListStatement;
use trustlabel_protocol::{b64url, Algorithm, PublicKey, RECORD_TYPE, TRUST_LIST_TYPE};

use crate::keys::NamedKey;

/// A flattened JWS (RFC 7515, 7.2.2), members as base64url text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The protected header, base64url.
    pub protected: String,
    /// The payload, base64url.
    pub payload: String,
    /// The signature over `protected.payload`, base64url.
    pub signature: String,
}

impl Envelope {
    /// Compact JSON, as served.
    #[allow(
        clippy::expect_used,
        reason = "serde_json fails only on maps with non-string keys, which these types do not have"
    )]
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("serialisable")
    }

    /// Reads the three members, checking nothing else.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice(bytes).ok()
    }

    /// `protected || "." || payload`: the bytes the signature covers.
    pub fn signing_input(&self) -> String {
        format!("{}.{}", self.protected, self.payload)
    }
}

/// A protected header. The protocol's header is `{"alg","kid","typ"}`; the optional members
/// exist so the fixtures can also make headers that must be rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// The signature algorithm (`ES256`, `EdDSA`, or a bad one for the fixtures).
    pub alg: String,
    /// The signing key's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// The envelope type (`trustlabel-record+jws` or `trustlabel-trustlist+jws`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
    /// Extensions the verifier must understand (the protocol allows none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crit: Option<Vec<String>>,
}

impl Header {
    /// The protocol's header for `key` and `typ`.
    pub fn new(key: &NamedKey, typ: &str) -> Self {
        Header {
            alg: key.alg().as_str().to_owned(),
            kid: Some(key.kid.clone()),
            typ: Some(typ.to_owned()),
            crit: None,
        }
    }

    /// Base64url of the header's compact JSON.
    #[allow(
        clippy::expect_used,
        reason = "serde_json fails only on maps with non-string keys, which these types do not have"
    )]
    pub fn encode(&self) -> String {
        b64url(&serde_json::to_vec(self).expect("serialisable"))
    }
}

/// Signs a statement as a record envelope (`typ` [`RECORD_TYPE`]); returns compact JSON.
pub fn sign_statement(key: &NamedKey, statement: &Statement) -> Vec<u8> {
    Signer::new().statement(key, statement).to_bytes()
}

/// Signs a trust list (`typ` [`TRUST_LIST_TYPE`]); returns compact JSON.
pub fn sign_trust_list(key: &NamedKey, statement: &TrustListStatement) -> Vec<u8> {
    Signer::new().trust_list(key, statement).to_bytes()
}

/// Signs envelopes, reusing earlier signatures over the same bytes when they still verify.
#[derive(Debug, Default)]
pub struct Signer {
    /// Signing input -> base64url signature, from envelopes seen before.
    previous: HashMap<String, String>,
}

impl Signer {
    /// A signer with no earlier signatures to reuse.
    pub fn new() -> Self {
        Signer::default()
    }

    /// A signer that remembers every envelope (`*.jws.json`) under `dir`, recursively.
    /// Unreadable or malformed files are skipped.
    pub fn with_previous(dir: &Path) -> Self {
        let mut signer = Signer::new();
        signer.remember_dir(dir);
        signer
    }

    fn remember_dir(&mut self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                self.remember_dir(&path);
            } else if path.to_string_lossy().ends_with(".jws.json") {
                if let Ok(bytes) = std::fs::read(&path) {
                    self.remember(&bytes);
                }
            }
        }
    }

    /// Remembers the signature of one envelope, if it has the envelope's shape.
    pub fn remember(&mut self, envelope: &[u8]) {
        if let Some(env) = Envelope::from_bytes(envelope) {
            self.previous.insert(env.signing_input(), env.signature);
        }
    }

    /// Signs `payload` under `header` with `key`.
    pub fn sign(&self, key: &NamedKey, header: &Header, payload: &[u8]) -> Envelope {
        let protected = header.encode();
        let payload = b64url(payload);
        let input = format!("{protected}.{payload}");
        let signature = match self.previous.get(&input) {
            Some(old) if signature_verifies(&key.public_key(), &input, old) => old.clone(),
            _ => b64url(&key.signing_key().sign_raw(input.as_bytes())),
        };
        Envelope {
            protected,
            payload,
            signature,
        }
    }

    /// A record envelope for `statement` (compact JSON payload).
    #[allow(
        clippy::expect_used,
        reason = "serde_json fails only on maps with non-string keys, which these types do not have"
    )]
    pub fn statement(&self, key: &NamedKey, statement: &Statement) -> Envelope {
        let payload = serde_json::to_vec(statement).expect("serialisable");
        self.sign(key, &Header::new(key, RECORD_TYPE), &payload)
    }

    /// A trust-list envelope for `statement` (compact JSON payload).
    #[allow(
        clippy::expect_used,
        reason = "serde_json fails only on maps with non-string keys, which these types do not have"
    )]
    pub fn trust_list(&self, key: &NamedKey, statement: &TrustListStatement) -> Envelope {
        let payload = serde_json::to_vec(statement).expect("serialisable");
        self.sign(key, &Header::new(key, TRUST_LIST_TYPE), &payload)
    }
}

fn signature_verifies(key: &PublicKey, input: &str, signature_b64: &str) -> bool {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let Ok(signature) = URL_SAFE_NO_PAD.decode(signature_b64) else {
        return false;
    };
    let alg: &'static dyn ring::signature::VerificationAlgorithm = match key.alg {
        Algorithm::Es256 => &ECDSA_P256_SHA256_FIXED,
        Algorithm::EdDsa => &ED25519,
    };
    UnparsedPublicKey::new(alg, &key.bytes)
        .verify(input.as_bytes(), &signature)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use trustlabel_protocol::ParsedEnvelope;

    #[test]
    fn signatures_are_reused_only_when_they_verify() {
        let key = NamedKey::generate("k", Algorithm::Es256);
        let header = Header::new(&key, RECORD_TYPE);
        let first = Signer::new().sign(&key, &header, b"{}");
        let fresh = Signer::new().sign(&key, &header, b"{}");
        assert_ne!(first.signature, fresh.signature, "ES256 is randomized");

        let mut signer = Signer::new();
        signer.remember(&first.to_bytes());
        assert_eq!(signer.sign(&key, &header, b"{}"), first);

        // Same bytes, but the old signature was made by another key: sign again.
        let other = NamedKey::generate("k", Algorithm::Es256);
        let again = signer.sign(&other, &Header::new(&other, RECORD_TYPE), b"{}");
        assert_ne!(again.signature, first.signature);
        let parsed = ParsedEnvelope::parse(&again.to_bytes(), RECORD_TYPE).unwrap();
        assert!(parsed.verify_signature(&other.public_key()).is_ok());
    }

    #[test]
    fn header_serialises_in_protocol_order() {
        let key = NamedKey::generate("k1", Algorithm::EdDsa);
        let json = serde_json::to_string(&Header::new(&key, RECORD_TYPE)).unwrap();
        assert_eq!(
            json,
            r#"{"alg":"EdDSA","kid":"k1","typ":"trustlabel-record+jws"}"#
        );
    }
}
