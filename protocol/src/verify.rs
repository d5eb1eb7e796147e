//! The checks on a signed registry record (protocol section 3), in the protocol's order, each
//! failing with its own [`CheckFailure`]. Used on fetch, on every read from the cache and on
//! pack import, so a record is never trusted because of where it came from.
//!
//! The results are proofs: a [`VerifiedStatement`] (or an [`UnsignedStatement`]) has private
//! fields and is made only here, so code that holds one knows the checks ran, the way
//! rustls's `HandshakeSignatureValid` works.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::check::{CheckFailure, RollbackVersions};
use crate::jws::{Algorithm, ParsedEnvelope, RECORD_TYPE};
use crate::link::LabelLink;
use crate::record::{Record, Statement};
use crate::trust::{KeyUse, Registry, RegistryLog, MAX_FUTURE_SKEW_SECS};
use trustlabel_tlog::{
    verify_inclusion, ClientState, Hash, LogPolicy, RecordEntry, VerifiedCheckpoint,
};

/// Checkpoints already verified, for checking many records against the same few checkpoints
/// (a pack: every record carries the same signed checkpoint in its `log_proof`). Checks L2
/// to L4 are a pure function of the log's policy and the checkpoint's bytes, so a checkpoint
/// verified once under a policy is verified for every record carrying the same bytes under
/// the same policy; each record's inclusion proof (L6) is still checked against it. Only
/// successes are kept (a failure is checked again, with the same answer), at most
/// [`CheckpointCache::MAX_ENTRIES`] of them, so a pack of distinct checkpoints costs what it
/// did and holds no more memory than that. Shared by the threads that check one pack.
#[derive(Debug, Default)]
pub struct CheckpointCache {
    verified: std::sync::Mutex<Vec<(LogPolicy, Vec<u8>, VerifiedCheckpoint)>>,
}

impl CheckpointCache {
    /// How many verified checkpoints are kept (a checkpoint is at most 64 KiB).
    pub const MAX_ENTRIES: usize = 16;

    /// An empty cache.
    pub fn new() -> Self {
        CheckpointCache::default()
    }

    /// How many verified checkpoints are kept.
    pub fn len(&self) -> usize {
        self.verified
            .lock()
            .map_or_else(|e| e.into_inner().len(), |v| v.len())
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `policy.verify_checkpoint(note)`, answered from the cache when these exact bytes
    /// passed under this exact policy before.
    fn verify(
        &self,
        policy: &LogPolicy,
        note: &[u8],
    ) -> Result<VerifiedCheckpoint, trustlabel_tlog::Error> {
        // A poisoned lock only means another checking thread panicked; the entries are
        // whole (pushed after verifying), so they are still good.
        let lookup = |kept: &Vec<(LogPolicy, Vec<u8>, VerifiedCheckpoint)>| {
            kept.iter()
                .find(|(p, bytes, _)| bytes.as_slice() == note && p == policy)
                .map(|(_, _, verified)| verified.clone())
        };
        if let Some(hit) = lookup(&self.verified.lock().unwrap_or_else(|e| e.into_inner())) {
            return Ok(hit);
        }
        // Verified outside the lock: threads meeting a new checkpoint at once each verify it.
        let verified = policy.verify_checkpoint(note)?;
        let mut kept = self.verified.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() < Self::MAX_ENTRIES && lookup(&kept).is_none() {
            kept.push((policy.clone(), note.to_vec(), verified.clone()));
        }
        Ok(verified)
    }
}

/// A statement that passed checks 1 to 6 (and 8, when a cached statement was given). Only
/// [`verify_record`] and [`verify_cached_record`] make one.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedStatement {
    statement: Statement,
    registry_id: String,
    registry_name: String,
    kid: String,
    alg: Algorithm,
    /// Check 7: `exp` has passed. Still shown, marked out of date.
    expired: bool,
    /// Checks L1 to L4 and L6, for a registry that logs: the checkpoint the record is
    /// included in. Check L5 (is it consistent with what this device saw) is the caller's,
    /// with [`check_log_head`]: it needs the device's kept heads and, online, the log's tiles.
    log: Option<VerifiedCheckpoint>,
}

impl VerifiedStatement {
    /// The statement that passed every check.
    pub fn statement(&self) -> &Statement {
        &self.statement
    }

    /// The statement, for callers that keep it past the proof.
    pub fn into_statement(self) -> Statement {
        self.statement
    }

    /// The trust-list id of the registry that signed it.
    pub fn registry_id(&self) -> &str {
        &self.registry_id
    }

    /// The name of the registry that signed it, as the trust list gives it.
    pub fn registry_name(&self) -> &str {
        &self.registry_name
    }

    /// The key that signed it.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The algorithm of the signature that verified.
    pub fn alg(&self) -> Algorithm {
        self.alg
    }

    /// Check 7: `exp` (or the key's `not_after`) has passed. Still shown, marked out of date.
    pub fn expired(&self) -> bool {
        self.expired
    }

    /// For a registry that logs: the checkpoint (signed by the log, cosigned by enough
    /// witnesses) whose tree includes this record. `None` for a registry that does not log.
    pub fn log_checkpoint(&self) -> Option<&VerifiedCheckpoint> {
        self.log.as_ref()
    }

    /// Check 8 alone, for a statement verified without a cached one to compare with: an
    /// answer older than `held` (the cached statement's freshness `(iat, seq)`) fails with
    /// [`CheckFailure::Rollback`]. `verify_record(.., Some(held))` is exactly
    /// `verify_record(.., None)` followed by this, since check 8 is the last that can fail;
    /// the scanner relies on that to verify a fetched record once, before it takes the
    /// store's lock, and to compare it with the copy cached at the time it stores it.
    pub fn check_rollback(&self, held: Option<(i64, u64)>) -> Result<(), CheckFailure> {
        check_rollback(&self.statement, held)
    }
}

/// Check 8: the offered statement is not older than the one held.
fn check_rollback(statement: &Statement, held: Option<(i64, u64)>) -> Result<(), CheckFailure> {
    if let Some(held) = held {
        let offered = statement.freshness();
        if offered < held {
            return Err(CheckFailure::Rollback(RollbackVersions::Statement {
                offered,
                held,
            }));
        }
    }
    Ok(())
}

/// Check L5 against the tree heads this device kept: what a logged record's checkpoint
/// needs before the record may be shown as verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogHeadCheck {
    /// This very head (size and root) was accepted before: nothing more to prove.
    Known,
    /// No head of this log was kept yet: the first one is kept as it is (its log signature
    /// and the witnesses' cosignatures are all that vouch for it).
    First,
    /// A consistency proof from the tree of `old_size` entries to the tree of `new_size`
    /// is needed, built from the larger tree's tiles (the smaller is a kept head or the
    /// checkpoint). Online, the scanner fetches them from the log's URL.
    NeedsProof {
        /// The smaller tree's size.
        old_size: u64,
        /// The larger tree's size.
        new_size: u64,
    },
}

/// Check L5, the part that needs no network: a head already kept is [`LogHeadCheck::Known`];
/// another root at the size of a kept head is a fork ([`CheckFailure::LogInconsistent`]);
/// otherwise the caller proves consistency with the newest kept head
/// ([`ClientState::accept_verified`]) or, for a first head, keeps it.
pub fn check_log_head(
    heads: &ClientState,
    checkpoint: &VerifiedCheckpoint,
) -> Result<LogHeadCheck, CheckFailure> {
    let head = checkpoint.checkpoint();
    let offered = trustlabel_tlog::TreeHead {
        size: head.size,
        root: head.root,
    };
    if heads.has_accepted(&head.origin, offered) {
        return Ok(LogHeadCheck::Known);
    }
    let Some(newest) = heads.newest(&head.origin) else {
        return Ok(LogHeadCheck::First);
    };
    // Any kept head of the same size names the root this size must have.
    if heads
        .heads()
        .any(|(origin, kept)| origin == head.origin && kept.size == offered.size)
    {
        return Err(CheckFailure::LogInconsistent);
    }
    Ok(LogHeadCheck::NeedsProof {
        old_size: newest.size.min(offered.size),
        new_size: newest.size.max(offered.size),
    })
}

/// Check L5 for a cached copy: it was accepted when stored, so its checkpoint's head must be
/// one this device kept ([`CheckFailure::LogInconsistent`] otherwise).
pub fn check_cached_log_head(
    heads: &ClientState,
    verified: &VerifiedStatement,
) -> Result<(), CheckFailure> {
    match verified.log_checkpoint() {
        None => Ok(()),
        Some(checkpoint) => match check_log_head(heads, checkpoint)? {
            LogHeadCheck::Known => Ok(()),
            _ => Err(CheckFailure::LogInconsistent),
        },
    }
}

/// A plain record from a registry that does not sign (protocol 4b) that passed what can be
/// checked without a signature. Only [`check_unsigned_record`] makes one; it is never
/// "verified".
#[derive(Debug, Clone, PartialEq)]
pub struct UnsignedStatement {
    statement: Statement,
    registry_id: String,
    registry_name: String,
}

impl UnsignedStatement {
    /// The record wrapped as a statement: no status, support or disclosure blocks, never
    /// expires.
    pub fn statement(&self) -> &Statement {
        &self.statement
    }

    /// The statement, for callers that keep it past the proof.
    pub fn into_statement(self) -> Statement {
        self.statement
    }

    /// The trust-list id of the registry whose site served it.
    pub fn registry_id(&self) -> &str {
        &self.registry_id
    }

    /// The name of the registry whose site served it, as the trust list gives it.
    pub fn registry_name(&self) -> &str {
        &self.registry_name
    }
}

/// Runs every check on `envelope`, the registry's answer for `link`.
///
/// `cached` is the freshness `(iat, seq)` of the statement already cached for the same
/// label, if any: an older answer fails with [`CheckFailure::Rollback`].
pub fn verify_record(
    envelope: &[u8],
    registry: &Registry,
    link: &LabelLink,
    now: DateTime<Utc>,
    cached: Option<(i64, u64)>,
) -> Result<VerifiedStatement, CheckFailure> {
    verify(
        envelope,
        registry,
        link,
        now,
        cached,
        IssuedAt::NotInFuture,
        None,
    )
}

/// [`verify_record`] taking the log's checkpoint from `checkpoints` when it was verified
/// before (a pack's records share one): the same checks, the same answers.
pub fn verify_record_with(
    envelope: &[u8],
    registry: &Registry,
    link: &LabelLink,
    now: DateTime<Utc>,
    cached: Option<(i64, u64)>,
    checkpoints: &CheckpointCache,
) -> Result<VerifiedStatement, CheckFailure> {
    verify(
        envelope,
        registry,
        link,
        now,
        cached,
        IssuedAt::NotInFuture,
        Some(checkpoints),
    )
}

/// The same checks on an envelope read back from the cache (fetched at `fetched_at`),
/// except check 6: it passed when it was fetched, and `iat` is signed, so a device clock set
/// back since then must neither reject the record nor lose it (with it, the rollback
/// reference). The key need not be valid now, only at `iat`; a key retired since verifies
/// only a copy cached before it was retired.
pub fn verify_cached_record(
    envelope: &[u8],
    registry: &Registry,
    link: &LabelLink,
    now: DateTime<Utc>,
    fetched_at: i64,
) -> Result<VerifiedStatement, CheckFailure> {
    verify(
        envelope,
        registry,
        link,
        now,
        None,
        IssuedAt::AcceptedBefore { fetched_at },
        None,
    )
}

/// [`verify_cached_record`] with a [`CheckpointCache`], as [`verify_record_with`].
pub fn verify_cached_record_with(
    envelope: &[u8],
    registry: &Registry,
    link: &LabelLink,
    now: DateTime<Utc>,
    fetched_at: i64,
    checkpoints: &CheckpointCache,
) -> Result<VerifiedStatement, CheckFailure> {
    verify(
        envelope,
        registry,
        link,
        now,
        None,
        IssuedAt::AcceptedBefore { fetched_at },
        Some(checkpoints),
    )
}

#[derive(PartialEq)]
enum IssuedAt {
    NotInFuture,
    AcceptedBefore { fetched_at: i64 },
}

fn verify(
    envelope: &[u8],
    registry: &Registry,
    link: &LabelLink,
    now: DateTime<Utc>,
    cached: Option<(i64, u64)>,
    issued_at: IssuedAt,
    checkpoints: Option<&CheckpointCache>,
) -> Result<VerifiedStatement, CheckFailure> {
    // 1. Structure and header.
    let parsed = ParsedEnvelope::parse(envelope, RECORD_TYPE)?;
    // 2. The key: a key of this registry, not revoked, valid at `iat`. Reading `iat` before
    // the signature is checked only selects the key; a forged `iat` cannot pass check 3.
    let claimed_iat = peek_iat(parsed.unverified_payload())?;
    let purpose = match issued_at {
        IssuedAt::NotInFuture => KeyUse::Fresh {
            now: now.timestamp(),
        },
        IssuedAt::AcceptedBefore { fetched_at } => KeyUse::Cached { fetched_at },
    };
    let key = registry.key_for(&parsed.header.kid, parsed.header.alg, claimed_iat, purpose)?;
    // 3. Signature.
    let payload = parsed.verify_signature(&key.key)?;
    // A member named twice would let two readers of the same signed bytes disagree.
    crate::jws::reject_duplicate_members(payload)?;
    let statement: Statement =
        serde_json::from_slice(payload).map_err(|_| CheckFailure::MalformedStatement)?;
    // 4. Issuer.
    if statement.iss != registry.id() {
        return Err(CheckFailure::WrongIssuer);
    }
    // 5. Subject: the record answers for this label, not another one.
    // The record inside names its label too; a registry bug (or a signer tricked into
    // it) that binds one label's record to another label's `sub` is the same mix-and-match.
    if !subject_matches(&statement.sub, link)
        || statement
            .record
            .qr_code_url
            .as_deref()
            .is_some_and(|url| !subject_matches(url, link))
    {
        return Err(CheckFailure::WrongSubject);
    }
    // L1 to L4 and L6, for a registry that logs: the record is in its public log.
    let log = registry
        .log()
        .map(|log| check_logged(&parsed, &statement, log, checkpoints))
        .transpose()?;
    // 6. Not issued in the future.
    if issued_at == IssuedAt::NotInFuture && statement.iat > now.timestamp() + MAX_FUTURE_SKEW_SECS
    {
        return Err(CheckFailure::IssuedInFuture);
    }
    // 8. Rollback. The last check that can fail (see `VerifiedStatement::check_rollback`).
    check_rollback(&statement, cached)?;
    // 7. Expiry is a mark, not a failure. A key's `not_after` bounds what it signed: the
    // record is out of date at the earlier of the two.
    let expires = key
        .not_after
        .map_or(statement.exp, |na| na.min(statement.exp));
    let expired = now.timestamp() >= expires;
    Ok(VerifiedStatement {
        statement,
        registry_id: registry.id().to_owned(),
        registry_name: registry.name().to_owned(),
        kid: parsed.header.kid.clone(),
        alg: parsed.header.alg,
        expired,
        log,
    })
}

/// Checks L1 to L4 and L6 (`docs/registry-protocol.md`, "The scanner's checks"): the
/// envelope's `log_proof` is well formed (L1), its checkpoint is this log's (L2), signed by
/// one of its keys (L3) and cosigned by enough of its witnesses (L4), and its inclusion
/// proof leads from the entry rebuilt from this statement to the checkpoint's root (L6).
fn check_logged(
    parsed: &ParsedEnvelope,
    statement: &Statement,
    log: &RegistryLog,
    checkpoints: Option<&CheckpointCache>,
) -> Result<VerifiedCheckpoint, CheckFailure> {
    let proof = parsed.log_proof().map_err(|_| CheckFailure::NotLogged)?;
    let checkpoint = match checkpoints {
        Some(cache) => cache.verify(log.policy(), &proof.checkpoint),
        None => log.policy().verify_checkpoint(&proof.checkpoint),
    }
    .map_err(|e| CheckFailure::from_log_error(&e))?;
    // A statement dated before 1970 cannot have been logged: an entry's `iat` is unsigned.
    let issued_at = u64::try_from(statement.iat).map_err(|_| CheckFailure::NotLogged)?;
    let entry = RecordEntry::for_statement(
        &statement.iss,
        &statement.sub,
        issued_at,
        statement.seq,
        &parsed.compact_form(),
    )
    .map_err(|_| CheckFailure::NotLogged)?;
    let head = checkpoint.checkpoint();
    verify_inclusion(
        proof.index,
        head.size,
        &Hash::leaf(&entry.to_bytes()),
        &proof.inclusion,
        &head.root,
    )
    .map_err(|_| CheckFailure::NotLogged)?;
    Ok(checkpoint)
}

/// Protocol section 4b: a registry listed with `"integrity": "https_only"` answers with a plain
/// CTA-2120 record over HTTPS. Only what needs no signature is checked: the size, the shape,
/// and that the record is for the scanned label (`QR_code_url`, the same binding as `sub`).
/// The statement built around it has no status, support or disclosure blocks and never
/// expires; callers must show it as "from the registry's site, not signed".
pub fn check_unsigned_record(
    body: &[u8],
    registry: &Registry,
    link: &LabelLink,
    fetched_at: i64,
) -> Result<UnsignedStatement, CheckFailure> {
    if body.len() > crate::jws::MAX_ENVELOPE_BYTES {
        return Err(CheckFailure::TooLarge);
    }
    // `QR_code_url` twice would bind the record to whichever one the parser kept.
    crate::jws::reject_duplicate_members(body)?;
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| CheckFailure::MalformedJson)?;
    if !value.is_object() {
        return Err(CheckFailure::MalformedStatement);
    }
    let record: Record =
        serde_json::from_value(value).map_err(|_| CheckFailure::MalformedStatement)?;
    let url = record
        .qr_code_url
        .as_deref()
        .ok_or(CheckFailure::MalformedStatement)?;
    if !subject_matches(url, link) {
        return Err(CheckFailure::WrongSubject);
    }
    let statement = Statement {
        iss: registry.id().to_owned(),
        sub: link.as_str().to_owned(),
        iat: fetched_at,
        exp: i64::MAX,
        seq: 0,
        record,
        status: None,
        support: None,
        disclosures: None,
    };
    Ok(UnsignedStatement {
        statement,
        registry_id: registry.id().to_owned(),
        registry_name: registry.name().to_owned(),
    })
}

/// `sub` names the label the same way after normalisation (a registry may have written it
/// with an uppercase host or a default port).
fn subject_matches(sub: &str, link: &LabelLink) -> bool {
    LabelLink::parse(sub).is_ok_and(|s| s.as_str() == link.as_str())
}

fn peek_iat(payload: &[u8]) -> Result<i64, CheckFailure> {
    #[derive(Deserialize)]
    struct Iat {
        iat: i64,
    }
    // The common case reads `iat` without building the whole payload as a `Value` (it is
    // parsed again, typed, after the signature check). Anything unusual (bad JSON, `iat`
    // named twice) takes the general path, so the answer is the one it always was.
    if let Ok(Iat { iat }) = serde_json::from_slice::<Iat>(payload) {
        return Ok(iat);
    }
    let value: serde_json::Value =
        serde_json::from_slice(payload).map_err(|_| CheckFailure::MalformedJson)?;
    Iat::deserialize(value)
        .map(|i| i.iat)
        .map_err(|_| CheckFailure::MalformedStatement)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jws::{b64url, SigningKey};
    use crate::record::Record;
    use crate::trust::{Integrity, KeyEntry, KeyStatus, RegistryEntry};

    const NOW: i64 = 1_800_000_000;
    const URL: &str = "https://r.example/l/cam";

    struct Fixture {
        key: SigningKey,
        registry: Registry,
    }

    fn fixture() -> Fixture {
        let key = SigningKey::from_pkcs8(
            Algorithm::Es256,
            &SigningKey::generate_pkcs8(Algorithm::Es256),
        )
        .unwrap();
        let entry = RegistryEntry {
            id: "reg".into(),
            name: "Registry".into(),
            url_prefixes: vec!["https://r.example/l/".into()],
            record_url_template: None,
            allow_http_loopback: false,
            integrity: Integrity::Jws,
            keys: vec![
                KeyEntry {
                    kid: "k1".into(),
                    alg: Algorithm::Es256,
                    public_key: key.public_key().to_base64url(),
                    not_before: None,
                    not_after: None,
                    status: KeyStatus::Active,
                    retired_at: None,
                },
                KeyEntry {
                    kid: "gone".into(),
                    alg: Algorithm::Es256,
                    public_key: key.public_key().to_base64url(),
                    not_before: None,
                    not_after: None,
                    status: KeyStatus::Revoked,
                    retired_at: None,
                },
            ],
            log: None,
        };
        let registry = Registry::new(entry, DateTime::from_timestamp(NOW, 0).unwrap()).unwrap();
        Fixture { key, registry }
    }

    fn statement() -> Statement {
        Statement {
            iss: "reg".into(),
            sub: URL.into(),
            iat: NOW - 100,
            exp: NOW + 1000,
            seq: 1,
            record: Record {
                product_name: Some("Cam".into()),
                ..Record::default()
            },
            status: None,
            support: None,
            disclosures: None,
        }
    }

    fn sign(f: &Fixture, kid: &str, st: &Statement) -> Vec<u8> {
        f.key
            .sign_envelope(kid, RECORD_TYPE, &serde_json::to_vec(st).unwrap())
    }

    fn check(
        f: &Fixture,
        envelope: &[u8],
        cached: Option<(i64, u64)>,
    ) -> Result<VerifiedStatement, CheckFailure> {
        let link = LabelLink::parse(URL).unwrap();
        verify_record(
            envelope,
            &f.registry,
            &link,
            DateTime::from_timestamp(NOW, 0).unwrap(),
            cached,
        )
    }

    #[test]
    fn a_good_record_verifies() {
        let f = fixture();
        let v = check(&f, &sign(&f, "k1", &statement()), None).unwrap();
        assert_eq!(v.statement().record.product_name.as_deref(), Some("Cam"));
        assert!(!v.expired());
        assert_eq!(v.kid(), "k1");
    }

    #[test]
    fn subject_is_compared_after_normalisation() {
        let f = fixture();
        let mut st = statement();
        st.sub = "HTTPS://R.EXAMPLE:443/l/cam".into();
        assert!(check(&f, &sign(&f, "k1", &st), None).is_ok());
    }

    #[test]
    fn each_check_fails_with_its_own_kind() {
        let f = fixture();
        let mut wrong_iss = statement();
        wrong_iss.iss = "other".into();
        let mut wrong_sub = statement();
        wrong_sub.sub = "https://r.example/l/other".into();
        let mut future = statement();
        future.iat = NOW + MAX_FUTURE_SKEW_SECS + 1;
        let cases: Vec<(Vec<u8>, CheckFailure)> = vec![
            (sign(&f, "nope", &statement()), CheckFailure::UnknownKey),
            (sign(&f, "gone", &statement()), CheckFailure::RevokedKey),
            (sign(&f, "k1", &wrong_iss), CheckFailure::WrongIssuer),
            (sign(&f, "k1", &wrong_sub), CheckFailure::WrongSubject),
            (sign(&f, "k1", &future), CheckFailure::IssuedInFuture),
            (
                f.key.sign_envelope("k1", RECORD_TYPE, b"[1,2"),
                CheckFailure::MalformedJson,
            ),
            (
                f.key.sign_envelope("k1", RECORD_TYPE, b"{\"iat\":1}"),
                CheckFailure::MalformedStatement,
            ),
        ];
        for (envelope, expected) in cases {
            assert_eq!(check(&f, &envelope, None).err(), Some(expected));
        }
    }

    #[test]
    fn a_forged_payload_fails_the_signature() {
        let f = fixture();
        let good = sign(&f, "k1", &statement());
        let mut json: serde_json::Value = serde_json::from_slice(&good).unwrap();
        let mut forged = statement();
        forged.record.product_name = Some("Evil".into());
        json["payload"] = b64url(&serde_json::to_vec(&forged).unwrap()).into();
        let bytes = serde_json::to_vec(&json).unwrap();
        assert_eq!(
            check(&f, &bytes, None).err(),
            Some(CheckFailure::BadSignature)
        );
    }

    #[test]
    fn unsigned_records_are_bound_to_the_label_and_limited() {
        let f = fixture();
        let link = LabelLink::parse(URL).unwrap();
        let good = format!(r#"{{"QR_code_url":"{URL}","product_name":"Cam"}}"#);
        let st = check_unsigned_record(good.as_bytes(), &f.registry, &link, NOW).unwrap();
        assert_eq!(st.statement().record.product_name.as_deref(), Some("Cam"));
        assert_eq!(st.statement().iss, "reg");
        assert_eq!(st.registry_name(), "Registry");
        let other = r#"{"QR_code_url":"https://r.example/l/other"}"#;
        assert_eq!(
            check_unsigned_record(other.as_bytes(), &f.registry, &link, NOW),
            Err(CheckFailure::WrongSubject)
        );
        for (body, reason) in [
            (&b"<html>"[..], CheckFailure::MalformedJson),
            (&b"[1]"[..], CheckFailure::MalformedStatement),
            (
                &br#"{"product_name":"Cam"}"#[..],
                CheckFailure::MalformedStatement,
            ),
        ] {
            assert_eq!(
                check_unsigned_record(body, &f.registry, &link, NOW),
                Err(reason)
            );
        }
        let big = vec![b' '; crate::jws::MAX_ENVELOPE_BYTES + 1];
        assert_eq!(
            check_unsigned_record(&big, &f.registry, &link, NOW),
            Err(CheckFailure::TooLarge)
        );
    }

    #[test]
    fn a_cached_record_survives_a_clock_set_back() {
        let f = fixture();
        let st = statement();
        let envelope = sign(&f, "k1", &st);
        let link = LabelLink::parse(URL).unwrap();
        let long_ago = DateTime::from_timestamp(NOW - 30 * 86_400, 0).unwrap();
        assert_eq!(
            verify_record(&envelope, &f.registry, &link, long_ago, None).err(),
            Some(CheckFailure::IssuedInFuture)
        );
        assert!(verify_cached_record(&envelope, &f.registry, &link, long_ago, NOW).is_ok());
    }

    #[test]
    fn expiry_marks_and_rollback_rejects() {
        let f = fixture();
        let mut old = statement();
        old.exp = NOW - 1;
        assert!(check(&f, &sign(&f, "k1", &old), None).unwrap().expired());

        let st = statement();
        let envelope = sign(&f, "k1", &st);
        assert!(
            check(&f, &envelope, Some((st.iat, st.seq))).is_ok(),
            "same statement again"
        );
        assert_eq!(
            check(&f, &envelope, Some((st.iat, st.seq + 1))).err(),
            Some(CheckFailure::Rollback(RollbackVersions::Statement {
                offered: (st.iat, st.seq),
                held: (st.iat, st.seq + 1),
            }))
        );
        assert_eq!(
            check(&f, &envelope, Some((st.iat + 1, 0))).err(),
            Some(CheckFailure::Rollback(RollbackVersions::Statement {
                offered: (st.iat, st.seq),
                held: (st.iat + 1, 0),
            }))
        );
    }

    /// The scanner verifies a fetched record once with no cached statement, then applies
    /// check 8 under its store lock: that must give what `verify_record` with the cached
    /// statement gives, for a newer, an equal and an older answer, and when an earlier check
    /// fails too (its failure, not the rollback, is the answer).
    #[test]
    fn check_rollback_after_verifying_is_verifying_with_the_cached_statement() {
        let f = fixture();
        let st = statement();
        let good = sign(&f, "k1", &st);
        let mut future = st.clone();
        future.iat = NOW + 3600;
        let in_future = sign(&f, "k1", &future);
        let unknown_key = sign(&f, "nope", &st);
        for envelope in [&good, &in_future, &unknown_key] {
            for held in [
                None,
                Some((st.iat - 1, 9)),
                Some((st.iat, st.seq)),
                Some((st.iat, st.seq + 1)),
                Some((NOW + 7200, 0)),
            ] {
                let split = check(&f, envelope, None).and_then(|v| {
                    v.check_rollback(held)?;
                    Ok(v)
                });
                assert_eq!(split, check(&f, envelope, held), "held {held:?}");
            }
        }
        assert!(matches!(
            check(&f, &good, None)
                .unwrap()
                .check_rollback(Some((st.iat, st.seq + 1))),
            Err(CheckFailure::Rollback(_))
        ));
    }

    mod logged {
        use super::*;
        use crate::trust::LogEntry;
        use trustlabel_tlog::{
            inclusion_proof, Checkpoint, KeyKind, LogProof, MerkleTree, Note, SignerKey,
        };

        const ORIGIN: &str = "r.example/log";

        struct Log {
            key: SignerKey,
            witnesses: Vec<SignerKey>,
            entries: Vec<Vec<u8>>,
        }

        impl Log {
            fn new() -> Log {
                Log {
                    key: SignerKey::generate(ORIGIN, KeyKind::Ed25519).unwrap(),
                    witnesses: ["w1.example", "w2.example"]
                        .iter()
                        .map(|n| SignerKey::generate(n, KeyKind::CosignatureV1).unwrap())
                        .collect(),
                    entries: (0..5)
                        .map(|i| format!("other entry {i}\n").into_bytes())
                        .collect(),
                }
            }

            fn entry_of(envelope: &[u8]) -> Vec<u8> {
                let parsed = ParsedEnvelope::parse(envelope, RECORD_TYPE).unwrap();
                let st: Statement = serde_json::from_slice(parsed.unverified_payload()).unwrap();
                RecordEntry::for_statement(
                    &st.iss,
                    &st.sub,
                    st.iat as u64,
                    st.seq,
                    &parsed.compact_form(),
                )
                .unwrap()
                .to_bytes()
            }

            fn tree(&self, size: usize) -> MerkleTree {
                MerkleTree::new(self.entries[..size].iter().map(|e| Hash::leaf(e)).collect())
            }

            /// The checkpoint of the first `size` entries, signed by `signer` (the log's key
            /// unless given) and cosigned by the witnesses numbered in `cosigners`.
            fn checkpoint(
                &self,
                size: usize,
                signer: Option<&SignerKey>,
                cosigners: &[usize],
            ) -> Vec<u8> {
                let text = Checkpoint {
                    origin: signer.map_or(ORIGIN, |k| k.verifier().name()).to_owned(),
                    size: size as u64,
                    root: self.tree(size).root(),
                    extensions: vec![],
                }
                .to_text();
                let mut note = Note::new(&text).unwrap();
                note.add_signature(signer.unwrap_or(&self.key).sign(&text, 0))
                    .unwrap();
                for &w in cosigners {
                    note.add_signature(self.witnesses[w].sign(&text, 1_700_000_000))
                        .unwrap();
                }
                note.to_bytes()
            }

            fn with_proof(envelope: &[u8], proof: &LogProof) -> Vec<u8> {
                let mut json: serde_json::Value = serde_json::from_slice(envelope).unwrap();
                json["log_proof"] = crate::logproof::log_proof_json(proof).unwrap();
                serde_json::to_vec(&json).unwrap()
            }

            /// Logs `envelope` (as entry 3 of 5) and returns it with its proof.
            fn logged(&mut self, envelope: &[u8], cosigners: &[usize]) -> Vec<u8> {
                self.entries[3] = Self::entry_of(envelope);
                let proof = LogProof {
                    checkpoint: self.checkpoint(5, None, cosigners),
                    index: 3,
                    inclusion: inclusion_proof(&self.tree(5), 3, 5).unwrap(),
                    consistency: vec![],
                };
                Self::with_proof(envelope, &proof)
            }

            fn entry(&self, threshold: usize) -> LogEntry {
                LogEntry {
                    origin: ORIGIN.into(),
                    url: "https://r.example/log/".into(),
                    keys: vec![self.key.verifier().to_text()],
                    witnesses: self
                        .witnesses
                        .iter()
                        .map(|w| w.verifier().to_text())
                        .collect(),
                    threshold,
                }
            }
        }

        fn logging(f: &Fixture, log: &Log, threshold: usize) -> Registry {
            let mut entry = f.registry.entry().clone();
            entry.log = Some(log.entry(threshold));
            Registry::new(entry, DateTime::from_timestamp(NOW, 0).unwrap()).unwrap()
        }

        fn check_with(
            registry: &Registry,
            envelope: &[u8],
        ) -> Result<VerifiedStatement, CheckFailure> {
            let link = LabelLink::parse(URL).unwrap();
            verify_record(
                envelope,
                registry,
                &link,
                DateTime::from_timestamp(NOW, 0).unwrap(),
                None,
            )
        }

        /// The cache a pack import uses gives the answers the checks give without it: a
        /// checkpoint verified under one policy is kept once for the records that carry it,
        /// is checked again under another policy, and each record's inclusion proof is still
        /// checked against it.
        #[test]
        fn a_checkpoint_cache_answers_as_the_checks_do_per_policy_and_per_record() {
            let f = fixture();
            let mut log = Log::new();
            let registry = logging(&f, &log, 1);
            let envelope = log.logged(&sign(&f, "k1", &statement()), &[0]);
            let link = LabelLink::parse(URL).unwrap();
            let now = DateTime::from_timestamp(NOW, 0).unwrap();
            let cache = CheckpointCache::new();
            let with = |registry: &Registry, envelope: &[u8]| {
                verify_record_with(envelope, registry, &link, now, None, &cache)
            };
            for _ in 0..3 {
                assert_eq!(with(&registry, &envelope), check_with(&registry, &envelope));
            }
            assert_eq!(cache.len(), 1, "one checkpoint, kept once");
            // A list demanding both witnesses: the same bytes are refused, as without it,
            // and a refusal is not kept.
            let strict = logging(&f, &log, 2);
            assert_eq!(with(&strict, &envelope), Err(CheckFailure::TooFewWitnesses));
            assert_eq!(cache.len(), 1);
            // Another log key under the same origin: the cached checkpoint is not its.
            let mut rekeyed = logging(&f, &log, 0).entry().clone();
            let other = SignerKey::generate(ORIGIN, KeyKind::Ed25519).unwrap();
            rekeyed.log.as_mut().unwrap().keys = vec![other.verifier().to_text()];
            let rekeyed = Registry::new(rekeyed, now).unwrap();
            assert_eq!(with(&rekeyed, &envelope), Err(CheckFailure::NotLogged));
            // The cached checkpoint with an inclusion proof for another index.
            let mut moved: serde_json::Value = serde_json::from_slice(&envelope).unwrap();
            moved["log_proof"]["index"] = 2.into();
            let moved = serde_json::to_vec(&moved).unwrap();
            assert_eq!(with(&registry, &moved), Err(CheckFailure::NotLogged));
            // The cached-copy path uses it the same way.
            assert_eq!(
                verify_cached_record_with(&envelope, &registry, &link, now, NOW, &cache),
                verify_cached_record(&envelope, &registry, &link, now, NOW)
            );
        }

        #[test]
        fn a_logged_record_verifies_and_names_its_checkpoint() {
            let f = fixture();
            let mut log = Log::new();
            let registry = logging(&f, &log, 1);
            let envelope = log.logged(&sign(&f, "k1", &statement()), &[0]);
            let verified = check_with(&registry, &envelope).unwrap();
            let checkpoint = verified.log_checkpoint().expect("the log was checked");
            assert_eq!(checkpoint.checkpoint().size, 5);
            assert_eq!(checkpoint.cosigners(), ["w1.example"]);
            // The cached path checks the same.
            let link = LabelLink::parse(URL).unwrap();
            let now = DateTime::from_timestamp(NOW, 0).unwrap();
            assert!(verify_cached_record(&envelope, &registry, &link, now, NOW)
                .unwrap()
                .log_checkpoint()
                .is_some());
        }

        #[test]
        fn a_registry_without_a_log_ignores_log_proof_whatever_its_shape() {
            let f = fixture();
            let mut json: serde_json::Value =
                serde_json::from_slice(&sign(&f, "k1", &statement())).unwrap();
            json["log_proof"] = serde_json::json!("garbage");
            let envelope = serde_json::to_vec(&json).unwrap();
            let verified = check_with(&f.registry, &envelope).unwrap();
            assert!(verified.log_checkpoint().is_none());
        }

        #[test]
        fn each_log_failure_has_its_code() {
            let f = fixture();
            let mut log = Log::new();
            let registry = logging(&f, &log, 1);
            let signed = sign(&f, "k1", &statement());
            let good = log.logged(&signed, &[0]);
            let proof = ParsedEnvelope::parse(&good, RECORD_TYPE)
                .unwrap()
                .log_proof()
                .unwrap();
            let with = |change: &dyn Fn(&mut LogProof)| {
                let mut p = proof.clone();
                change(&mut p);
                check_with(&registry, &Log::with_proof(&signed, &p)).err()
            };
            let stranger = SignerKey::generate(ORIGIN, KeyKind::Ed25519).unwrap();
            let other_origin = SignerKey::generate("other.example/log", KeyKind::Ed25519).unwrap();
            let forged_witness = SignerKey::generate("w1.example", KeyKind::CosignatureV1).unwrap();
            // The first witness's name and key id, over other text: a line that does not verify.
            let forged_cosig = {
                let mut note = Note::parse(&log.checkpoint(5, None, &[])).unwrap();
                note.add_signature(log.witnesses[0].sign("other text\n", 1))
                    .unwrap();
                note.to_bytes()
            };
            let cases: Vec<(&str, Option<CheckFailure>)> = vec![
                ("no log_proof", check_with(&registry, &signed).err()),
                ("another index", with(&|p| p.index = 2)),
                ("index past the tree", with(&|p| p.index = 5)),
                ("a hash changed", with(&|p| p.inclusion[0].0[0] ^= 1)),
                (
                    "a hash short",
                    with(&|p| {
                        p.inclusion.pop();
                    }),
                ),
                (
                    "signed by a stranger",
                    with(&|p| p.checkpoint = log.checkpoint(5, Some(&stranger), &[0])),
                ),
                (
                    "another origin",
                    with(&|p| p.checkpoint = log.checkpoint(5, Some(&other_origin), &[0])),
                ),
                ("not a note", with(&|p| p.checkpoint = b"hello".to_vec())),
                (
                    "no cosignature",
                    with(&|p| p.checkpoint = log.checkpoint(5, None, &[])),
                ),
                (
                    "a forged witness key",
                    with(&|p| {
                        let text = Note::parse(&proof.checkpoint).unwrap().text().to_owned();
                        let mut note = Note::parse(&log.checkpoint(5, None, &[])).unwrap();
                        note.add_signature(forged_witness.sign(&text, 1)).unwrap();
                        p.checkpoint = note.to_bytes();
                    }),
                ),
                (
                    "a forged cosignature",
                    with(&|p| p.checkpoint = forged_cosig.clone()),
                ),
            ];
            let expected = [
                CheckFailure::NotLogged,
                CheckFailure::NotLogged,
                CheckFailure::NotLogged,
                CheckFailure::NotLogged,
                CheckFailure::NotLogged,
                CheckFailure::NotLogged,
                CheckFailure::NotLogged,
                CheckFailure::NotLogged,
                CheckFailure::TooFewWitnesses,
                CheckFailure::TooFewWitnesses,
                CheckFailure::TooFewWitnesses,
            ];
            for ((case, got), want) in cases.into_iter().zip(expected) {
                assert_eq!(got, Some(want), "{case}");
            }
            // A record signed by the registry's real key but never logged: its entry is not
            // the one at any index.
            let mut other = statement();
            other.seq = 2;
            let unlogged = Log::with_proof(&sign(&f, "k1", &other), &proof);
            assert_eq!(
                check_with(&registry, &unlogged).err(),
                Some(CheckFailure::NotLogged)
            );
        }

        #[test]
        fn the_kept_heads_decide_check_l5() {
            let f = fixture();
            let mut log = Log::new();
            let registry = logging(&f, &log, 0);
            let envelope = log.logged(&sign(&f, "k1", &statement()), &[]);
            let verified = check_with(&registry, &envelope).unwrap();
            let checkpoint = verified.log_checkpoint().unwrap();
            let mut heads = ClientState::default();
            assert_eq!(check_log_head(&heads, checkpoint), Ok(LogHeadCheck::First));
            assert_eq!(
                check_cached_log_head(&heads, &verified),
                Err(CheckFailure::LogInconsistent)
            );
            heads.accept_verified(checkpoint, &[]).unwrap();
            assert_eq!(check_log_head(&heads, checkpoint), Ok(LogHeadCheck::Known));
            assert_eq!(check_cached_log_head(&heads, &verified), Ok(()));
            let policy = registry.log().unwrap().policy();
            let verify = |note: &[u8]| policy.verify_checkpoint(note).unwrap();
            // A smaller or a larger tree of the same log needs a consistency proof.
            let smaller = verify(&log.checkpoint(4, None, &[]));
            assert_eq!(
                check_log_head(&heads, &smaller),
                Ok(LogHeadCheck::NeedsProof {
                    old_size: 4,
                    new_size: 5
                })
            );
            log.entries.push(b"entry 5\n".to_vec());
            let larger = verify(&log.checkpoint(6, None, &[]));
            assert_eq!(
                check_log_head(&heads, &larger),
                Ok(LogHeadCheck::NeedsProof {
                    old_size: 5,
                    new_size: 6
                })
            );
            let proof = trustlabel_tlog::consistency_proof(&log.tree(6), 5, 6).unwrap();
            let mut wrong = proof.clone();
            wrong[0].0[0] ^= 1;
            assert!(heads.clone().accept_verified(&larger, &wrong).is_err());
            heads.accept_verified(&larger, &proof).unwrap();
            assert_eq!(check_log_head(&heads, &larger), Ok(LogHeadCheck::Known));
            // The head of size 5 is still kept: the cached copy proven against it still reads.
            assert_eq!(check_cached_log_head(&heads, &verified), Ok(()));
            // A fork: another root at a kept size (entry 0 rewritten).
            log.entries[0] = b"rewritten\n".to_vec();
            let forked = verify(&log.checkpoint(5, None, &[]));
            assert_eq!(
                check_log_head(&heads, &forked),
                Err(CheckFailure::LogInconsistent)
            );
        }
    }
}
