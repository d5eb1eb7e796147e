//! What the registry logs for each statement it signs: a short text, not the envelope.
//!
//! ```text
//! trustlabel-record/v1
//! <iss: the registry id>
//! <sub: the statement's `sub`, byte for byte as signed>
//! <iat> <seq>
//! <base64 SHA-256 of the JWS compact form: protected "." payload "." signature>
//! ```
//!
//! Why this and not the envelope: an entry bundle caps an entry at 65,535 bytes while an
//! envelope may be 256 KiB; a monitor reporting per label or per maker's URL prefix reads
//! `sub` from the bundles alone (about 150 bytes an entry, not 3 KB); and the hash covers
//! the signed bytes exactly as a scanner checks them (the compact form does not depend on
//! JSON spacing or on extra envelope members), so one envelope has exactly one entry. A
//! scanner rebuilds the entry from the envelope it verified and checks that entry's
//! inclusion; a monitor that wants the signed statement itself reads it from the log's
//! statement bundles (`statements/<N>[.p/<W>]`, beside the entry bundles: see
//! [`crate::Statements`]) and checks it with [`RecordEntry::logs_statement`].
//!
//! Invariant: [`RecordEntry::parse`] accepts exactly the bytes [`RecordEntry::to_bytes`]
//! writes (one spelling per entry), so comparing entries as bytes is comparing them.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::error::Error;
use crate::hash::sha256;

const HEADER: &str = "trustlabel-record/v1";
/// Longest `iss` or `sub` accepted, in bytes: far above any label URL, far below a bundle's
/// 65,535-byte entry limit.
pub const MAX_ENTRY_FIELD_BYTES: usize = 4096;

/// One logged statement: who signed it, for which label, when, and the hash of its signed
/// bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordEntry {
    /// The registry's id (the statement's `iss`).
    pub issuer: String,
    /// The label URL the statement is about: its `sub`, byte for byte as signed (not
    /// normalised, so a scanner rebuilds exactly the bytes the registry logged).
    pub subject: String,
    /// The statement's `iat` (POSIX seconds).
    pub issued_at: u64,
    /// The statement's `seq`.
    pub seq: u64,
    /// SHA-256 of the envelope's JWS compact form.
    pub statement_hash: [u8; 32],
}

impl RecordEntry {
    /// The entry for a statement whose JWS compact form (`protected.payload.signature`, as
    /// the envelope's three members joined by dots) is `compact`.
    pub fn for_statement(
        issuer: &str,
        subject: &str,
        issued_at: u64,
        seq: u64,
        compact: &[u8],
    ) -> Result<Self, Error> {
        let entry = RecordEntry {
            issuer: issuer.to_owned(),
            subject: subject.to_owned(),
            issued_at,
            seq,
            statement_hash: sha256(&[compact]).0,
        };
        check_field(&entry.issuer)?;
        check_field(&entry.subject)?;
        Ok(entry)
    }

    /// Reads an entry from a log's bytes.
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        let malformed = |detail| Error::MalformedEntry { detail };
        let text = std::str::from_utf8(bytes).map_err(|_| malformed("not UTF-8"))?;
        let body = text
            .strip_suffix('\n')
            .ok_or(malformed("the entry does not end in a newline"))?;
        let lines: Vec<&str> = body.split('\n').collect();
        let [header, issuer, subject, times, hash] = lines.as_slice() else {
            return Err(malformed("not five lines"));
        };
        if *header != HEADER {
            return Err(malformed("the first line is not trustlabel-record/v1"));
        }
        check_field(issuer)?;
        check_field(subject)?;
        let (iat, seq) = times
            .split_once(' ')
            .ok_or(malformed("the time line is not `<iat> <seq>`"))?;
        let number = |text: &str| {
            let canonical = !text.is_empty()
                && text.bytes().all(|b| b.is_ascii_digit())
                && (text == "0" || !text.starts_with('0'));
            canonical.then(|| text.parse::<u64>().ok()).flatten()
        };
        let issued_at = number(iat).ok_or(malformed("iat is not a canonical decimal"))?;
        let seq = number(seq).ok_or(malformed("seq is not a canonical decimal"))?;
        let statement_hash: [u8; 32] =
            STANDARD
                .decode(hash)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or(malformed("the statement hash is not 32 bytes of base64"))?;
        let entry = RecordEntry {
            issuer: (*issuer).to_owned(),
            subject: (*subject).to_owned(),
            issued_at,
            seq,
            statement_hash,
        };
        // One spelling: base64 with other padding bits decodes to the same bytes.
        if entry.to_bytes() != bytes {
            return Err(malformed("not in its one canonical spelling"));
        }
        Ok(entry)
    }

    /// The entry as the log holds it.
    pub fn to_bytes(&self) -> Vec<u8> {
        format!(
            "{HEADER}\n{}\n{}\n{} {}\n{}\n",
            self.issuer,
            self.subject,
            self.issued_at,
            self.seq,
            STANDARD.encode(self.statement_hash)
        )
        .into_bytes()
    }

    /// Is `compact` (a JWS compact form) the statement this entry logs? Compares its hash
    /// only: the caller still parses and verifies the statement, and compares its `iss`,
    /// `sub`, `iat` and `seq` with the entry's.
    pub fn logs_statement(&self, compact: &[u8]) -> bool {
        sha256(&[compact]).0 == self.statement_hash
    }

    /// Does this entry log a label under `prefix`? The prefix must end where a URL part
    /// ends: `https://maker.example/p/` or `https://maker.example/p/acme` matches
    /// `https://maker.example/p/acme/cam-1` but the second does not match
    /// `https://maker.example/p/acme-evil/x`.
    pub fn is_under(&self, prefix: &str) -> bool {
        match self.subject.strip_prefix(prefix) {
            None => false,
            Some(rest) => {
                rest.is_empty() || prefix.ends_with('/') || rest.starts_with(['/', '?', '#'])
            }
        }
    }
}

fn check_field(field: &str) -> Result<(), Error> {
    let malformed = |detail| Error::MalformedEntry { detail };
    if field.is_empty() {
        return Err(malformed("an empty issuer or subject"));
    }
    if field.len() > MAX_ENTRY_FIELD_BYTES {
        return Err(malformed("an issuer or subject longer than 4,096 bytes"));
    }
    if field.chars().any(char::is_control) {
        return Err(malformed("a control character in the issuer or subject"));
    }
    Ok(())
}
