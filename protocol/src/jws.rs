//! JWS in the flattened JSON serialization (RFC 7515, 7.2.2), restricted to what the
//! protocol allows: `ES256` (P-256, fixed 64-byte r||s) and `EdDSA` (Ed25519), a mandatory
//! `kid`, an exact `typ`, and no `crit`.
//!
//! Invariant: a [`ParsedEnvelope`] has passed every structural and header check (protocol
//! check 1) but nothing else; its payload must not be trusted until
//! [`ParsedEnvelope::verify_signature`] has succeeded with a key chosen by the caller from
//! the header's `kid`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
#[cfg(any(test, feature = "signing"))]
use ring::rand::SystemRandom;
use ring::signature::{self, UnparsedPublicKey};
#[cfg(any(test, feature = "signing"))]
use ring::signature::{EcdsaKeyPair, Ed25519KeyPair, KeyPair};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;

use crate::check::CheckFailure;

/// `typ` of a signed registry record.
pub const RECORD_TYPE: &str = "trustlabel-record+jws";
/// `typ` of a signed trust list.
pub const TRUST_LIST_TYPE: &str = "trustlabel-trustlist+jws";
/// Largest envelope accepted, in bytes (protocol section 2).
pub const MAX_ENVELOPE_BYTES: usize = 256 * 1024;

/// The two signature algorithms the protocol allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Algorithm {
    /// ECDSA on P-256 with SHA-256.
    #[serde(rename = "ES256")]
    Es256,
    /// Ed25519.
    #[serde(rename = "EdDSA")]
    EdDsa,
}

impl Algorithm {
    /// The JOSE name: `ES256` or `EdDSA`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Algorithm::Es256 => "ES256",
            Algorithm::EdDsa => "EdDSA",
        }
    }

    fn from_header(value: &str) -> Option<Self> {
        match value {
            "ES256" => Some(Algorithm::Es256),
            "EdDSA" => Some(Algorithm::EdDsa),
            _ => None,
        }
    }

    fn verification(&self) -> &'static dyn signature::VerificationAlgorithm {
        match self {
            Algorithm::Es256 => &signature::ECDSA_P256_SHA256_FIXED,
            Algorithm::EdDsa => &signature::ED25519,
        }
    }

    /// Length of a raw public key: 65-byte uncompressed P-256 point or 32-byte Ed25519 key.
    pub fn public_key_len(&self) -> usize {
        match self {
            Algorithm::Es256 => 65,
            Algorithm::EdDsa => 32,
        }
    }
}

/// A raw public key with its algorithm, as listed in a trust list or pinned as an anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// The algorithm the key is for.
    pub alg: Algorithm,
    /// The raw key: a 65-byte uncompressed P-256 point or a 32-byte Ed25519 key.
    pub bytes: Vec<u8>,
}

impl PublicKey {
    /// Builds a key from base64url text, checking its length for the algorithm.
    pub fn from_base64url(alg: Algorithm, text: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        (bytes.len() == alg.public_key_len()).then_some(PublicKey { alg, bytes })
    }

    /// The key as base64url without padding, as trust lists write it.
    pub fn to_base64url(&self) -> String {
        URL_SAFE_NO_PAD.encode(&self.bytes)
    }
}

/// The protected header, after its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The signature algorithm, one of the two the protocol allows.
    pub alg: Algorithm,
    /// The key id: which of the registry's listed keys signed.
    pub kid: String,
}

/// The three members as JSON strings. `Cow` so a member written with JSON escapes
/// (`"eyJ\u0068..."`, valid JSON) is unescaped rather than refused; the signing input is the
/// string's value, which is what the signer encoded.
#[derive(Deserialize)]
struct FlattenedJws<'a> {
    #[serde(borrow)]
    protected: Cow<'a, str>,
    #[serde(borrow)]
    payload: Cow<'a, str>,
    #[serde(borrow)]
    signature: Cow<'a, str>,
    /// The unprotected header. The protocol puts everything in the protected header; a
    /// `kid` or `crit` here would be unsigned and could disagree with it, so any is refused.
    #[serde(default)]
    header: Option<serde_json::Value>,
    /// The transparency log's proof (issue 25), kept as JSON and read only for a registry
    /// that logs: for one that does not, it is ignored whatever its shape, as before.
    #[serde(default)]
    log_proof: Option<serde_json::Value>,
}

/// A flattened JWS whose header passed its checks, with the signature not yet checked.
#[derive(Debug, Clone)]
pub struct ParsedEnvelope {
    /// The protected header.
    pub header: Header,
    /// `protected || "." || payload`, exactly as received.
    signing_input: Vec<u8>,
    payload: Vec<u8>,
    signature: Vec<u8>,
    /// The `signature` member's value, for the compact form the log's entry hashes.
    signature_text: String,
    log_proof: Option<serde_json::Value>,
}

impl ParsedEnvelope {
    /// Protocol check 1: size, structure and header. `expected_type` is the `typ` this
    /// caller accepts ([`RECORD_TYPE`] or [`TRUST_LIST_TYPE`]).
    pub fn parse(bytes: &[u8], expected_type: &str) -> Result<Self, CheckFailure> {
        if bytes.len() > MAX_ENVELOPE_BYTES {
            return Err(CheckFailure::TooLarge);
        }
        reject_duplicate_members(bytes)?;
        let jws: FlattenedJws<'_> =
            serde_json::from_slice(bytes).map_err(|_| CheckFailure::MalformedJson)?;
        match &jws.header {
            None => {}
            Some(h) if h.get("crit").is_some() => return Err(CheckFailure::CriticalHeader),
            Some(_) => return Err(CheckFailure::MalformedJson),
        }
        let header_bytes = decode_part(&jws.protected)?;
        let payload = decode_part(&jws.payload)?;
        let signature = decode_part(&jws.signature)?;
        let header = parse_header(&header_bytes, expected_type)?;
        let mut signing_input = Vec::with_capacity(jws.protected.len() + 1 + jws.payload.len());
        signing_input.extend_from_slice(jws.protected.as_bytes());
        signing_input.push(b'.');
        signing_input.extend_from_slice(jws.payload.as_bytes());
        Ok(ParsedEnvelope {
            header,
            signing_input,
            payload,
            signature,
            signature_text: jws.signature.into_owned(),
            log_proof: jws.log_proof,
        })
    }

    /// Protocol check 3. The caller has already chosen `key` by `kid` (check 2).
    pub fn verify_signature(&self, key: &PublicKey) -> Result<&[u8], CheckFailure> {
        if key.alg != self.header.alg {
            return Err(CheckFailure::AlgorithmMismatch);
        }
        UnparsedPublicKey::new(key.alg.verification(), &key.bytes)
            .verify(&self.signing_input, &self.signature)
            .map_err(|_| CheckFailure::BadSignature)?;
        Ok(&self.payload)
    }

    /// The JWS compact form, `protected "." payload "." signature` (the members' values after
    /// JSON unescaping): the bytes a transparency log's entry hashes
    /// (`trustlabel_tlog::RecordEntry::for_statement`).
    pub fn compact_form(&self) -> Vec<u8> {
        let mut compact =
            Vec::with_capacity(self.signing_input.len() + 1 + self.signature_text.len());
        compact.extend_from_slice(&self.signing_input);
        compact.push(b'.');
        compact.extend_from_slice(self.signature_text.as_bytes());
        compact
    }

    /// The envelope's `log_proof` member, read strictly (check L1).
    pub fn log_proof(&self) -> Result<trustlabel_tlog::LogProof, crate::logproof::LogProofError> {
        match &self.log_proof {
            None => Err(crate::logproof::LogProofError::Missing),
            Some(value) => crate::logproof::parse_log_proof(value),
        }
    }

    /// The payload before its signature is checked: only for reading `iat` to choose a key
    /// valid at that time. Never show or store anything read through this.
    pub fn unverified_payload(&self) -> &[u8] {
        &self.payload
    }
}

fn decode_part(text: &str) -> Result<Vec<u8>, CheckFailure> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| CheckFailure::MalformedBase64)
}

fn parse_header(bytes: &[u8], expected_type: &str) -> Result<Header, CheckFailure> {
    reject_duplicate_members(bytes)?;
    let header: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(bytes).map_err(|_| CheckFailure::MalformedJson)?;
    if header.contains_key("crit") {
        return Err(CheckFailure::CriticalHeader);
    }
    let alg = header
        .get("alg")
        .and_then(|v| v.as_str())
        .and_then(Algorithm::from_header)
        .ok_or(CheckFailure::UnsupportedAlgorithm)?;
    let kid = match header.get("kid").and_then(|v| v.as_str()) {
        Some(kid) if !kid.is_empty() => kid.to_owned(),
        _ => return Err(CheckFailure::MissingKeyId),
    };
    if header.get("typ").and_then(|v| v.as_str()) != Some(expected_type) {
        return Err(CheckFailure::WrongType);
    }
    Ok(Header { alg, kid })
}

/// Refuses JSON in which an object names the same member twice, at any depth. serde_json
/// keeps the last one, so `{"kid":"a","kid":"b"}` would mean whatever a parser picks: two
/// readers of the same signed bytes could disagree on what was signed. Nesting is bounded
/// by serde_json's recursion limit (128), so hostile input cannot exhaust the stack.
pub(crate) fn reject_duplicate_members(bytes: &[u8]) -> Result<(), CheckFailure> {
    serde_json::from_slice::<NoDuplicates>(bytes)
        .map(|_| ())
        .map_err(|_| CheckFailure::MalformedJson)
}

/// A JSON value that is only checked, never kept.
struct NoDuplicates;

impl<'de> Deserialize<'de> for NoDuplicates {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoDuplicatesVisitor)
    }
}

struct NoDuplicatesVisitor;

impl<'de> serde::de::Visitor<'de> for NoDuplicatesVisitor {
    type Value = NoDuplicates;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON without duplicate object members")
    }

    fn visit_bool<E>(self, _: bool) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_i64<E>(self, _: i64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_u64<E>(self, _: u64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_f64<E>(self, _: f64) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_str<E>(self, _: &str) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }
    fn visit_unit<E>(self) -> Result<NoDuplicates, E> {
        Ok(NoDuplicates)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<NoDuplicates, A::Error> {
        while seq.next_element::<NoDuplicates>()?.is_some() {}
        Ok(NoDuplicates)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<NoDuplicates, A::Error> {
        // Keys are borrowed from the input when they hold no escapes. A record's objects are
        // small, and a short list searched in order beats hashing them; past
        // `LINEAR_MEMBERS` the keys move to a set, so a hostile object with a million
        // members still costs linear time.
        const LINEAR_MEMBERS: usize = 16;
        let mut few: Vec<Cow<'de, str>> = Vec::new();
        let mut many: HashSet<Cow<'de, str>> = HashSet::new();
        while let Some(key) = map.next_key::<MemberName<'de>>()?.map(|m| m.0) {
            let duplicate = if many.is_empty() && few.len() < LINEAR_MEMBERS {
                let seen = few.contains(&key);
                few.push(key);
                seen
            } else {
                many.extend(few.drain(..));
                !many.insert(key)
            };
            if duplicate {
                return Err(serde::de::Error::custom("duplicate member"));
            }
            map.next_value::<NoDuplicates>()?;
        }
        Ok(NoDuplicates)
    }
}

/// An object member's name, borrowed from the input unless it holds escapes (serde's own
/// `Cow` always copies). Compared unescaped, so `"a"` and `"\u0061"` are the same member.
struct MemberName<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for MemberName<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> serde::de::Visitor<'de> for NameVisitor {
            type Value = MemberName<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<MemberName<'de>, E> {
                Ok(MemberName(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<MemberName<'de>, E> {
                Ok(MemberName(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(NameVisitor)
    }
}

/// A private key that signs envelopes: used by the reference registry, the fixture
/// generator and tests. Apps only verify: it exists only with the `signing` feature.
#[cfg(any(test, feature = "signing"))]
pub enum SigningKey {
    /// An ECDSA P-256 key.
    Es256(EcdsaKeyPair),
    /// An Ed25519 key.
    EdDsa(Ed25519KeyPair),
}

/// A PKCS#8 document that is not a private key of the algorithm named.
#[cfg(any(test, feature = "signing"))]
#[derive(Debug, thiserror::Error)]
#[error("not a valid {0} private key in PKCS#8 form")]
pub struct KeyRejected(&'static str);

#[cfg(any(test, feature = "signing"))]
impl SigningKey {
    /// Generates a new PKCS#8 document for `alg`.
    #[allow(
        clippy::expect_used,
        reason = "ring fails only without a system random source; signing is for the registry and tests"
    )]
    pub fn generate_pkcs8(alg: Algorithm) -> Vec<u8> {
        let rng = SystemRandom::new();
        // ring only fails here when the system's random source is unavailable.
        let doc = match alg {
            Algorithm::Es256 => {
                EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            }
            Algorithm::EdDsa => Ed25519KeyPair::generate_pkcs8(&rng),
        };
        doc.expect("system random source unavailable")
            .as_ref()
            .to_vec()
    }

    /// Reads a PKCS#8 private key of `alg`.
    pub fn from_pkcs8(alg: Algorithm, pkcs8: &[u8]) -> Result<Self, KeyRejected> {
        match alg {
            Algorithm::Es256 => EcdsaKeyPair::from_pkcs8(
                &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                pkcs8,
                &SystemRandom::new(),
            )
            .map(SigningKey::Es256)
            .map_err(|_| KeyRejected("ES256")),
            Algorithm::EdDsa => Ed25519KeyPair::from_pkcs8_maybe_unchecked(pkcs8)
                .map(SigningKey::EdDsa)
                .map_err(|_| KeyRejected("EdDSA")),
        }
    }

    /// The algorithm this key signs with.
    pub fn alg(&self) -> Algorithm {
        match self {
            SigningKey::Es256(_) => Algorithm::Es256,
            SigningKey::EdDsa(_) => Algorithm::EdDsa,
        }
    }

    /// The public half, to list in a trust list.
    pub fn public_key(&self) -> PublicKey {
        let bytes = match self {
            SigningKey::Es256(k) => k.public_key().as_ref().to_vec(),
            SigningKey::EdDsa(k) => k.public_key().as_ref().to_vec(),
        };
        PublicKey {
            alg: self.alg(),
            bytes,
        }
    }

    /// Signs `signing_input` and returns the raw signature.
    #[allow(
        clippy::expect_used,
        reason = "ring fails only without a system random source; signing is for the registry and tests"
    )]
    pub fn sign_raw(&self, signing_input: &[u8]) -> Vec<u8> {
        match self {
            SigningKey::Es256(k) => k
                .sign(&SystemRandom::new(), signing_input)
                .expect("system random source unavailable")
                .as_ref()
                .to_vec(),
            SigningKey::EdDsa(k) => k.sign(signing_input).as_ref().to_vec(),
        }
    }

    /// Produces a flattened JWS with header `{"alg","kid","typ"}` over `payload`.
    pub fn sign_envelope(&self, kid: &str, typ: &str, payload: &[u8]) -> Vec<u8> {
        let header = serde_json::json!({ "alg": self.alg().as_str(), "kid": kid, "typ": typ });
        let protected = URL_SAFE_NO_PAD.encode(header.to_string());
        let payload = URL_SAFE_NO_PAD.encode(payload);
        let signature = self.sign_raw(format!("{protected}.{payload}").as_bytes());
        let envelope = serde_json::json!({
            "protected": protected,
            "payload": payload,
            "signature": URL_SAFE_NO_PAD.encode(signature),
        });
        envelope.to_string().into_bytes()
    }
}

/// Base64url without padding, as JWS uses it.
pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_members_are_found_escaped_nested_and_in_large_objects() {
        let refused = |json: &str| reject_duplicate_members(json.as_bytes()).is_err();
        assert!(!refused(r#"{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}"#));
        assert!(refused(r#"{"a":1,"a":2}"#));
        assert!(refused(r#"{"a":1,"\u0061":2}"#), "the same name, escaped");
        assert!(refused(r#"{"x":[{"k":1,"k":2}]}"#), "nested in an array");
        // Past the short list: the set must still see the names from before it.
        let wide = |dup: bool| {
            let mut members: Vec<String> = (0..40).map(|i| format!("\"m{i}\":{i}")).collect();
            if dup {
                members.push("\"m3\":0".into());
            }
            format!("{{{}}}", members.join(","))
        };
        assert!(!refused(&wide(false)));
        assert!(refused(&wide(true)));
        let many: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":0")).collect();
        assert!(!refused(&format!("{{{}}}", many.join(","))));
    }

    fn key(alg: Algorithm) -> SigningKey {
        SigningKey::from_pkcs8(alg, &SigningKey::generate_pkcs8(alg)).unwrap()
    }

    fn envelope_with_header(header: serde_json::Value, signer: &SigningKey) -> Vec<u8> {
        let protected = b64url(header.to_string().as_bytes());
        let payload = b64url(b"{}");
        let sig = signer.sign_raw(format!("{protected}.{payload}").as_bytes());
        serde_json::json!({"protected": protected, "payload": payload, "signature": b64url(&sig)})
            .to_string()
            .into_bytes()
    }

    #[test]
    fn both_algorithms_round_trip() {
        for alg in [Algorithm::Es256, Algorithm::EdDsa] {
            let signer = key(alg);
            let bytes = signer.sign_envelope("k1", RECORD_TYPE, b"{\"a\":1}");
            let parsed = ParsedEnvelope::parse(&bytes, RECORD_TYPE).unwrap();
            assert_eq!(
                parsed.header,
                Header {
                    alg,
                    kid: "k1".into()
                }
            );
            assert_eq!(
                parsed.verify_signature(&signer.public_key()).unwrap(),
                b"{\"a\":1}"
            );
            assert_eq!(
                parsed.verify_signature(&key(alg).public_key()),
                Err(CheckFailure::BadSignature)
            );
        }
    }

    #[test]
    fn header_checks_each_have_their_own_kind() {
        let signer = key(Algorithm::EdDsa);
        let cases = [
            (
                serde_json::json!({"alg":"none","kid":"k","typ":RECORD_TYPE}),
                CheckFailure::UnsupportedAlgorithm,
            ),
            (
                serde_json::json!({"alg":"HS256","kid":"k","typ":RECORD_TYPE}),
                CheckFailure::UnsupportedAlgorithm,
            ),
            (
                serde_json::json!({"kid":"k","typ":RECORD_TYPE}),
                CheckFailure::UnsupportedAlgorithm,
            ),
            (
                serde_json::json!({"alg":"EdDSA","typ":RECORD_TYPE}),
                CheckFailure::MissingKeyId,
            ),
            (
                serde_json::json!({"alg":"EdDSA","kid":"","typ":RECORD_TYPE}),
                CheckFailure::MissingKeyId,
            ),
            (
                serde_json::json!({"alg":"EdDSA","kid":"k","typ":"JWT"}),
                CheckFailure::WrongType,
            ),
            (
                serde_json::json!({"alg":"EdDSA","kid":"k"}),
                CheckFailure::WrongType,
            ),
            (
                serde_json::json!({"alg":"EdDSA","kid":"k","typ":RECORD_TYPE,"crit":["exp"]}),
                CheckFailure::CriticalHeader,
            ),
        ];
        for (header, expected) in cases {
            let bytes = envelope_with_header(header.clone(), &signer);
            assert_eq!(
                ParsedEnvelope::parse(&bytes, RECORD_TYPE).err(),
                Some(expected),
                "{header}"
            );
        }
    }

    #[test]
    fn wrong_typ_for_the_context_is_rejected() {
        let signer = key(Algorithm::EdDsa);
        let list = signer.sign_envelope("k", TRUST_LIST_TYPE, b"{}");
        assert_eq!(
            ParsedEnvelope::parse(&list, RECORD_TYPE).err(),
            Some(CheckFailure::WrongType)
        );
    }

    #[test]
    fn structure_errors() {
        assert_eq!(
            ParsedEnvelope::parse(b"not json", RECORD_TYPE).err(),
            Some(CheckFailure::MalformedJson)
        );
        assert_eq!(
            ParsedEnvelope::parse(br#"{"protected":"a","payload":"b"}"#, RECORD_TYPE).err(),
            Some(CheckFailure::MalformedJson)
        );
        assert_eq!(
            ParsedEnvelope::parse(
                br#"{"protected":"!!","payload":"","signature":""}"#,
                RECORD_TYPE
            )
            .err(),
            Some(CheckFailure::MalformedBase64)
        );
        let big = vec![b' '; MAX_ENVELOPE_BYTES + 1];
        assert_eq!(
            ParsedEnvelope::parse(&big, RECORD_TYPE).err(),
            Some(CheckFailure::TooLarge)
        );
    }

    #[test]
    fn key_of_other_algorithm_is_a_mismatch() {
        let signer = key(Algorithm::EdDsa);
        let bytes = signer.sign_envelope("k", RECORD_TYPE, b"{}");
        let parsed = ParsedEnvelope::parse(&bytes, RECORD_TYPE).unwrap();
        assert_eq!(
            parsed
                .verify_signature(&key(Algorithm::Es256).public_key())
                .err(),
            Some(CheckFailure::AlgorithmMismatch)
        );
    }
}
