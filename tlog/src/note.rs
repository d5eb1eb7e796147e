//! C2SP signed-note v1.0.0: a UTF-8 text ending in a newline, a blank line, then signature
//! lines `— <key name> <base64(4-byte key id || signature)>`. Keys are written as
//! `<name>+<hex key id>+<base64(type || public key)>` (verifier keys) and
//! `PRIVATE+KEY+<name>+<hex key id>+<base64(type || seed)>` (signer keys).
//!
//! Two signature types, both Ed25519 through ring:
//! - `0x01`, the signed-note Ed25519 type, signing the note text: the log's key;
//! - `0x04`, the C2SP tlog-cosignature v1 type, signing
//!   `cosignature/v1\ntime <t>\n<note text>` and carrying the 8-byte big-endian timestamp
//!   before the signature: a witness's key.
//!
//! Invariant: a signature line is believed only after [`verify_note`] checked it against a
//! key the caller chose; lines from keys the caller does not know are kept but ignored.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};

use crate::error::Error;
use crate::hash::sha256;

/// Largest note accepted, in bytes: a checkpoint with a hundred cosignatures is under 16 KiB.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;
/// Most signature lines accepted on one note (as Go's `sumdb/note`).
pub const MAX_SIGNATURES: usize = 100;
const SIGNATURE_PREFIX: &str = "\u{2014} ";
const COSIGNATURE_HEADER: &str = "cosignature/v1\n";

/// Which signature a key makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// Signed-note Ed25519 (type 0x01): signs the note text. A log's checkpoint key.
    Ed25519,
    /// tlog-cosignature v1 Ed25519 (type 0x04): signs a timestamped statement over the
    /// checkpoint. A witness's key.
    CosignatureV1,
}

impl KeyKind {
    fn type_byte(self) -> u8 {
        match self {
            KeyKind::Ed25519 => 0x01,
            KeyKind::CosignatureV1 => 0x04,
        }
    }

    fn from_type_byte(byte: u8) -> Option<KeyKind> {
        match byte {
            0x01 => Some(KeyKind::Ed25519),
            0x04 => Some(KeyKind::CosignatureV1),
            _ => None,
        }
    }
}

/// The key id: `SHA-256(name || 0x0A || type || public key)[:4]`.
pub fn key_id(name: &str, kind: KeyKind, public_key: &[u8; 32]) -> [u8; 4] {
    let digest = sha256(&[name.as_bytes(), b"\n", &[kind.type_byte()], public_key]);
    [digest.0[0], digest.0[1], digest.0[2], digest.0[3]]
}

fn valid_key_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('+') && !name.chars().any(char::is_whitespace)
}

/// A public key that verifies note signatures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VerifierKey {
    name: String,
    id: [u8; 4],
    kind: KeyKind,
    public_key: [u8; 32],
}

impl VerifierKey {
    /// A key from its parts. The name must be non-empty, without `+` or white space.
    pub fn new(name: &str, kind: KeyKind, public_key: [u8; 32]) -> Result<Self, Error> {
        if !valid_key_name(name) {
            return Err(Error::MalformedKey {
                detail: "the key name is empty or holds '+' or white space",
            });
        }
        Ok(VerifierKey {
            name: name.to_owned(),
            id: key_id(name, kind, &public_key),
            kind,
            public_key,
        })
    }

    /// Parses `<name>+<8 hex digits>+<base64(type || key)>`, checking the key id.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let malformed = |detail| Error::MalformedKey { detail };
        let mut parts = text.splitn(3, '+');
        let (Some(name), Some(hex), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(malformed("not name+hash+key"));
        };
        let id = parse_hex_id(hex).ok_or(malformed("the key hash is not 8 hex digits"))?;
        let bytes = STANDARD
            .decode(b64)
            .map_err(|_| malformed("the key is not base64"))?;
        let (&type_byte, key) = bytes.split_first().ok_or(malformed("no key"))?;
        let kind = KeyKind::from_type_byte(type_byte).ok_or(malformed("unknown key type"))?;
        let public_key: [u8; 32] = key
            .try_into()
            .map_err(|_| malformed("an Ed25519 key is 32 bytes"))?;
        let parsed = VerifierKey::new(name, kind, public_key)?;
        if parsed.id != id {
            return Err(malformed("the key hash does not match the key"));
        }
        Ok(parsed)
    }

    /// The key written as `<name>+<hex id>+<base64(type || key)>`.
    pub fn to_text(&self) -> String {
        let mut bytes = vec![self.kind.type_byte()];
        bytes.extend_from_slice(&self.public_key);
        format!(
            "{}+{}+{}",
            self.name,
            hex_id(&self.id),
            STANDARD.encode(bytes)
        )
    }

    /// The key name, as signature lines carry it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The 4-byte key id.
    pub fn id(&self) -> [u8; 4] {
        self.id
    }

    /// Which signature the key makes.
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// The raw Ed25519 public key.
    pub fn public_key(&self) -> &[u8; 32] {
        &self.public_key
    }

    /// Checks one signature line's bytes (after the key id) over `text`. For a cosignature,
    /// returns its timestamp.
    fn verify(&self, text: &str, signature: &[u8]) -> Option<Option<u64>> {
        let key = UnparsedPublicKey::new(&ED25519, &self.public_key);
        match self.kind {
            KeyKind::Ed25519 => key.verify(text.as_bytes(), signature).ok().map(|()| None),
            KeyKind::CosignatureV1 => {
                let (time, sig) = signature.split_at_checked(8)?;
                let timestamp = u64::from_be_bytes(time.try_into().ok()?);
                if timestamp > i64::MAX as u64 {
                    return None;
                }
                key.verify(&cosigned_message(timestamp, text), sig)
                    .ok()
                    .map(|()| Some(timestamp))
            }
        }
    }
}

fn cosigned_message(timestamp: u64, text: &str) -> Vec<u8> {
    format!("{COSIGNATURE_HEADER}time {timestamp}\n{text}").into_bytes()
}

fn parse_hex_id(hex: &str) -> Option<[u8; 4]> {
    if hex.len() != 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let value = u32::from_str_radix(hex, 16).ok()?;
    Some(value.to_be_bytes())
}

fn hex_id(id: &[u8; 4]) -> String {
    format!("{:08x}", u32::from_be_bytes(*id))
}

/// A private key that signs notes (a log) or cosigns checkpoints (a witness).
#[derive(Debug)]
pub struct SignerKey {
    verifier: VerifierKey,
    seed: [u8; 32],
    pair: Ed25519KeyPair,
}

impl SignerKey {
    /// A key from a 32-byte Ed25519 seed.
    pub fn from_seed(name: &str, kind: KeyKind, seed: [u8; 32]) -> Result<Self, Error> {
        let pair = Ed25519KeyPair::from_seed_unchecked(&seed).map_err(|_| Error::MalformedKey {
            detail: "not an Ed25519 seed",
        })?;
        let public_key: [u8; 32] =
            pair.public_key()
                .as_ref()
                .try_into()
                .map_err(|_| Error::MalformedKey {
                    detail: "not an Ed25519 key",
                })?;
        Ok(SignerKey {
            verifier: VerifierKey::new(name, kind, public_key)?,
            seed,
            pair,
        })
    }

    /// A new random key from the operating system's generator.
    pub fn generate(name: &str, kind: KeyKind) -> Result<Self, Error> {
        let mut seed = [0u8; 32];
        SystemRandom::new()
            .fill(&mut seed)
            .map_err(|_| Error::MalformedKey {
                detail: "no randomness",
            })?;
        SignerKey::from_seed(name, kind, seed)
    }

    /// Parses `PRIVATE+KEY+<name>+<hex id>+<base64(type || seed)>`, checking the key id.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let malformed = |detail| Error::MalformedKey { detail };
        let rest = text
            .strip_prefix("PRIVATE+KEY+")
            .ok_or(malformed("a signer key starts with PRIVATE+KEY+"))?;
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(hex), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(malformed("not PRIVATE+KEY+name+hash+key"));
        };
        let id = parse_hex_id(hex).ok_or(malformed("the key hash is not 8 hex digits"))?;
        let bytes = STANDARD
            .decode(b64)
            .map_err(|_| malformed("the key is not base64"))?;
        let (&type_byte, seed) = bytes.split_first().ok_or(malformed("no key"))?;
        let kind = KeyKind::from_type_byte(type_byte).ok_or(malformed("unknown key type"))?;
        let seed: [u8; 32] = seed
            .try_into()
            .map_err(|_| malformed("an Ed25519 seed is 32 bytes"))?;
        let key = SignerKey::from_seed(name, kind, seed)?;
        if key.verifier.id != id {
            return Err(malformed("the key hash does not match the key"));
        }
        Ok(key)
    }

    /// The key written as `PRIVATE+KEY+<name>+<hex id>+<base64(type || seed)>`: a secret.
    pub fn to_secret_text(&self) -> String {
        let mut bytes = vec![self.verifier.kind.type_byte()];
        bytes.extend_from_slice(&self.seed);
        format!(
            "PRIVATE+KEY+{}+{}+{}",
            self.verifier.name,
            hex_id(&self.verifier.id),
            STANDARD.encode(bytes)
        )
    }

    /// The public half.
    pub fn verifier(&self) -> &VerifierKey {
        &self.verifier
    }

    /// Signs `text` (a note's text): a signed-note signature for an Ed25519 key, a
    /// cosignature dated `timestamp` (POSIX seconds) for a cosignature key.
    pub fn sign(&self, text: &str, timestamp: u64) -> NoteSignature {
        let mut bytes = self.verifier.id.to_vec();
        match self.verifier.kind {
            KeyKind::Ed25519 => {
                bytes.extend_from_slice(self.pair.sign(text.as_bytes()).as_ref());
            }
            KeyKind::CosignatureV1 => {
                bytes.extend_from_slice(&timestamp.to_be_bytes());
                let message = cosigned_message(timestamp, text);
                bytes.extend_from_slice(self.pair.sign(&message).as_ref());
            }
        }
        NoteSignature {
            name: self.verifier.name.clone(),
            bytes,
        }
    }
}

/// One signature line: the key name and `key id || signature` (as the line's base64).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    name: String,
    bytes: Vec<u8>,
}

impl NoteSignature {
    /// The key name on the line.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The 4-byte key id the line claims.
    pub fn key_id(&self) -> [u8; 4] {
        [self.bytes[0], self.bytes[1], self.bytes[2], self.bytes[3]]
    }

    /// The line, `— <name> <base64>\n`.
    pub fn to_line(&self) -> String {
        format!(
            "{SIGNATURE_PREFIX}{} {}\n",
            self.name,
            STANDARD.encode(&self.bytes)
        )
    }
}

/// A signed note as received: its text and its signature lines, none checked yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    text: String,
    signatures: Vec<NoteSignature>,
}

impl Note {
    /// A note of `text` with no signatures yet. The text must end in a newline, hold no
    /// control character but newlines, and no blank line that would end it early.
    pub fn new(text: &str) -> Result<Self, Error> {
        check_text(text)?;
        Ok(Note {
            text: text.to_owned(),
            signatures: Vec::new(),
        })
    }

    /// Parses a signed note (protocol: C2SP signed-note). Does not check any signature.
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        let malformed = |detail| Error::MalformedNote { detail };
        if bytes.len() > MAX_NOTE_BYTES {
            return Err(Error::NoteTooLarge {
                limit: MAX_NOTE_BYTES,
            });
        }
        let all = std::str::from_utf8(bytes).map_err(|_| malformed("not UTF-8"))?;
        let split = all
            .rfind("\n\n")
            .ok_or(malformed("no blank line before the signatures"))?;
        let (text, block) = all.split_at(split + 1);
        check_text(text)?;
        let block = &block[1..];
        if block.is_empty() {
            return Err(malformed("no signature lines"));
        }
        if !block.ends_with('\n') {
            return Err(malformed(
                "the last signature line does not end in a newline",
            ));
        }
        let mut signatures = Vec::new();
        for line in block[..block.len() - 1].split('\n') {
            if signatures.len() == MAX_SIGNATURES {
                return Err(malformed("more than 100 signatures"));
            }
            let rest = line
                .strip_prefix(SIGNATURE_PREFIX)
                .ok_or(malformed("a signature line does not start with an em dash"))?;
            let (name, b64) = rest
                .split_once(' ')
                .ok_or(malformed("a signature line has no space after its name"))?;
            if !valid_key_name(name) {
                return Err(malformed("a signature's key name is empty or holds '+'"));
            }
            let bytes = STANDARD
                .decode(b64)
                .map_err(|_| malformed("a signature is not base64"))?;
            if bytes.len() < 5 {
                return Err(malformed("a signature is shorter than its key id"));
            }
            signatures.push(NoteSignature {
                name: name.to_owned(),
                bytes,
            });
        }
        if signatures.is_empty() {
            return Err(malformed("no signature lines"));
        }
        Ok(Note {
            text: text.to_owned(),
            signatures,
        })
    }

    /// The note's text, signed or not.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its signature lines, in order.
    pub fn signatures(&self) -> &[NoteSignature] {
        &self.signatures
    }

    /// Adds a signature line (a log's signature, a witness's cosignature).
    pub fn add_signature(&mut self, signature: NoteSignature) -> Result<(), Error> {
        if self.signatures.len() == MAX_SIGNATURES {
            return Err(Error::MalformedNote {
                detail: "more than 100 signatures",
            });
        }
        self.signatures.push(signature);
        Ok(())
    }

    /// The note as bytes: text, blank line, signature lines.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.text.clone();
        out.push('\n');
        for sig in &self.signatures {
            out.push_str(&sig.to_line());
        }
        out.into_bytes()
    }
}

fn check_text(text: &str) -> Result<(), Error> {
    let malformed = |detail| Error::MalformedNote { detail };
    if !text.ends_with('\n') {
        return Err(malformed("the text does not end in a newline"));
    }
    if text.contains("\n\n") || text.starts_with('\n') {
        return Err(malformed("the text holds a blank line"));
    }
    if text
        .chars()
        .any(|c| (c.is_control() && c != '\n') || c == '\u{feff}')
    {
        return Err(malformed("the text holds a control character"));
    }
    Ok(())
}

/// A signature line that verified, with the key that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSignature {
    /// The key that verified it.
    pub key: VerifierKey,
    /// A cosignature's timestamp (POSIX seconds); `None` for a plain signature.
    pub timestamp: Option<u64>,
}

/// Checks the note's signature lines against `keys` (C2SP signed-note, verifying): a line
/// whose name and key id match a key must verify ([`Error::BadNoteSignature`] otherwise);
/// lines from unknown keys are ignored; a note with no verified line is
/// [`Error::NoKnownSignature`].
pub fn verify_note(note: &Note, keys: &[VerifierKey]) -> Result<Vec<VerifiedSignature>, Error> {
    let mut verified: Vec<VerifiedSignature> = Vec::new();
    for sig in &note.signatures {
        let Some(key) = keys
            .iter()
            .find(|k| k.name == sig.name && k.id == sig.key_id())
        else {
            continue;
        };
        let timestamp =
            key.verify(&note.text, &sig.bytes[4..])
                .ok_or_else(|| Error::BadNoteSignature {
                    name: sig.name.clone(),
                })?;
        if !verified.iter().any(|v| v.key == *key) {
            verified.push(VerifiedSignature {
                key: key.clone(),
                timestamp,
            });
        }
    }
    if verified.is_empty() {
        return Err(Error::NoKnownSignature);
    }
    Ok(verified)
}
