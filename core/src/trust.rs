//! The trust list (protocol section 4): which registries are official, the URL prefixes
//! their labels use, and the keys they sign with. It is itself a JWS signed by a root key
//! pinned in the app (the trust anchor).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::check::CheckFailure;
use crate::jws::{Algorithm, ParsedEnvelope, PublicKey, TRUST_LIST_TYPE};
use crate::link::LabelLink;

/// Allowed clock skew for `iat` in the future (protocol check 6).
pub const MAX_FUTURE_SKEW_SECS: i64 = 5 * 60;

/// A pinned root public key. The build can pin more than one for rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustAnchor {
    pub kid: String,
    pub key: PublicKey,
}

/// The trust list's payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustListStatement {
    pub iss: String,
    /// Only goes up; an older list than the cached one is a rollback.
    pub version: u64,
    pub iat: i64,
    pub exp: i64,
    pub registries: Vec<RegistryEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistryEntry {
    pub id: String,
    pub name: String,
    pub url_prefixes: Vec<String>,
    /// Where to fetch the signed record instead of the label URL itself, e.g.
    /// `https://api.host/v1/records?u={url}` (`{url}` is replaced percent-encoded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_url_template: Option<String>,
    /// Allows `http` for loopback hosts only (demo and tests).
    #[serde(default)]
    pub allow_http_loopback: bool,
    #[serde(default)]
    pub integrity: Integrity,
    #[serde(default)]
    pub keys: Vec<KeyEntry>,
}

/// How a registry's answers are protected (protocol section 4b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Integrity {
    #[default]
    Jws,
    /// Plain CTA-2120 JSON over HTTPS: shown as "from the registry's site, not signed".
    HttpsOnly,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyEntry {
    pub kid: String,
    pub alg: Algorithm,
    /// Base64url raw key: 65-byte uncompressed P-256 point or 32-byte Ed25519 key.
    pub public_key: String,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    #[serde(default)]
    pub status: KeyStatus,
    /// RFC 3339: when a `retired` key stopped signing. Copies cached before then still
    /// verify. A list that retires a key without saying when is read as "retired at the
    /// list's `iat`" (the latest moment it can have happened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    #[default]
    Active,
    /// No longer signs: a freshly fetched record signed by it is refused; copies cached
    /// before it was retired (`retired_at`) still verify.
    Retired,
    /// Compromised: everything it signed is invalid, cached records included.
    Revoked,
}

/// What a key is asked to vouch for (protocol check 2, as implemented: see
/// `docs/registry-protocol.md`, "Key validity").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUse {
    /// A record just fetched or imported: it was signed recently, whatever its `iat` says,
    /// so the key must be `active` and valid now as well as at `iat`. Without this a
    /// record signed today with a key that expired (or was retired) could be back-dated.
    Fresh { now: i64 },
    /// A copy read back from the cache, fetched at `fetched_at`: the key must have been
    /// valid at `iat`; a key retired since verifies only copies cached before it was retired.
    Cached { fetched_at: i64 },
}

/// A key that passed check 2, with the end of its validity: a record's effective expiry is
/// the earlier of its `exp` and its key's `not_after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsableKey {
    pub key: PublicKey,
    pub not_after: Option<i64>,
}

/// An RFC 3339 bound as Unix seconds; a bound that does not parse is a malformed list
/// (lists are refused whole at install time, so this only guards hand-built entries).
fn bound(text: &Option<String>) -> Result<Option<i64>, CheckFailure> {
    text.as_deref()
        .map(|t| {
            DateTime::parse_from_rfc3339(t)
                .map(|t| t.timestamp())
                .map_err(|_| CheckFailure::MalformedStatement)
        })
        .transpose()
}

impl RegistryEntry {
    /// Protocol check 2: `kid` names a key of this registry, not revoked, valid at `iat`,
    /// and usable for `purpose` (see [`KeyUse`]).
    pub fn key_for(
        &self,
        kid: &str,
        alg: Algorithm,
        iat: i64,
        purpose: KeyUse,
    ) -> Result<UsableKey, CheckFailure> {
        let entry = self
            .keys
            .iter()
            .find(|k| k.kid == kid)
            .ok_or(CheckFailure::UnknownKey)?;
        if entry.status == KeyStatus::Revoked {
            return Err(CheckFailure::RevokedKey);
        }
        if entry.alg != alg {
            return Err(CheckFailure::AlgorithmMismatch);
        }
        let not_before = bound(&entry.not_before)?;
        let not_after = bound(&entry.not_after)?;
        let valid_at =
            |t: i64| not_before.is_none_or(|nb| nb <= t) && not_after.is_none_or(|na| t <= na);
        if !valid_at(iat) {
            return Err(CheckFailure::KeyNotValidAtIssue);
        }
        let usable = match purpose {
            KeyUse::Fresh { now } => entry.status == KeyStatus::Active && valid_at(now),
            KeyUse::Cached { fetched_at } => match entry.status {
                KeyStatus::Retired => {
                    bound(&entry.retired_at)?.is_some_and(|retired| fetched_at < retired)
                }
                _ => true,
            },
        };
        if !usable {
            return Err(CheckFailure::KeyNotValidAtIssue);
        }
        let key = PublicKey::from_base64url(entry.alg, &entry.public_key)
            .ok_or(CheckFailure::MalformedStatement)?;
        Ok(UsableKey { key, not_after })
    }

    /// Parsed URL prefixes; ones that do not parse are ignored (they could never match).
    pub fn prefixes(&self) -> impl Iterator<Item = Url> + '_ {
        self.url_prefixes.iter().filter_map(|p| Url::parse(p).ok())
    }

    /// The URL to fetch the signed record for `link` from.
    pub fn record_url(&self, link: &LabelLink) -> Option<Url> {
        match &self.record_url_template {
            None => Some(link.url().clone()),
            Some(template) => {
                let encoded: String =
                    url::form_urlencoded::byte_serialize(link.as_str().as_bytes()).collect();
                Url::parse(&template.replace("{url}", &encoded)).ok()
            }
        }
    }
}

/// A trust list whose signature, issuer and times have been checked against an anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustList {
    pub statement: TrustListStatement,
    /// The exact bytes it was verified from, kept so it can be stored and verified again.
    pub envelope: Vec<u8>,
}

/// Which registry a link belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistryMatch<'a> {
    pub registry: &'a RegistryEntry,
    pub prefix: Url,
}

impl TrustList {
    /// Verifies a trust list envelope against the pinned anchors (the `kid` picks the anchor).
    /// Rollback against a cached list is the caller's check: see [`TrustList::replaces`].
    pub fn verify(
        envelope: &[u8],
        anchors: &[TrustAnchor],
        now: DateTime<Utc>,
    ) -> Result<Self, CheckFailure> {
        let list = Self::verify_installed(envelope, anchors)?;
        if list.statement.iat > now.timestamp() + MAX_FUTURE_SKEW_SECS {
            return Err(CheckFailure::IssuedInFuture);
        }
        Ok(list)
    }

    /// The checks for a list already accepted once (saved by a refresh, or built into the
    /// app): signature, issuer and well-formed keys, but not `iat` against the clock, so a
    /// device clock set back cannot make the app fall back to an older list.
    pub fn verify_installed(
        envelope: &[u8],
        anchors: &[TrustAnchor],
    ) -> Result<Self, CheckFailure> {
        let parsed = ParsedEnvelope::parse(envelope, TRUST_LIST_TYPE)?;
        let anchor = anchors
            .iter()
            .find(|a| a.kid == parsed.header.kid)
            .ok_or(CheckFailure::UnknownKey)?;
        let payload = parsed.verify_signature(&anchor.key)?;
        crate::jws::reject_duplicate_members(payload)?;
        let mut statement: TrustListStatement =
            serde_json::from_slice(payload).map_err(|_| CheckFailure::MalformedStatement)?;
        if statement.iss != "root" {
            return Err(CheckFailure::WrongIssuer);
        }
        // Two registries with one id or one URL prefix would be told apart by list order
        // alone; a list that relies on that is refused.
        let mut ids = std::collections::HashSet::new();
        let mut prefixes = std::collections::HashSet::new();
        for registry in &statement.registries {
            if !ids.insert(registry.id.as_str()) {
                return Err(CheckFailure::MalformedStatement);
            }
            let own: std::collections::HashSet<String> =
                registry.prefixes().map(|p| p.to_string()).collect();
            for prefix in own {
                if !prefixes.insert(prefix) {
                    return Err(CheckFailure::MalformedStatement);
                }
            }
        }
        // A list whose keys cannot be used is refused whole, at install time, rather than
        // failing records later with a misleading reason.
        for registry in &statement.registries {
            for key in &registry.keys {
                let bounds_ok = [&key.not_before, &key.not_after, &key.retired_at]
                    .into_iter()
                    .flatten()
                    .all(|t| DateTime::parse_from_rfc3339(t).is_ok());
                if !bounds_ok || PublicKey::from_base64url(key.alg, &key.public_key).is_none() {
                    return Err(CheckFailure::MalformedStatement);
                }
            }
        }
        let listed_at = DateTime::from_timestamp(statement.iat, 0)
            .ok_or(CheckFailure::MalformedStatement)?
            .to_rfc3339();
        for registry in &mut statement.registries {
            for key in &mut registry.keys {
                if key.status == KeyStatus::Retired && key.retired_at.is_none() {
                    key.retired_at = Some(listed_at.clone());
                }
            }
        }
        Ok(TrustList {
            statement,
            envelope: envelope.to_vec(),
        })
    }

    /// The list to use at start-up: the newest of `given` (configured or built in) and the
    /// `saved` copies that still verify, the saved one on a tie. None is checked against the
    /// clock: each was accepted before, and a clock set back must not bring back an older
    /// list. When even the newest is below `floor` (the highest version this device has
    /// accepted) the answer is [`CheckFailure::Rollback`]: the saved copies were lost or
    /// damaged, and using an older list would bring back keys a later one revoked.
    pub fn choose_at_start(
        given: TrustList,
        saved: &[Vec<u8>],
        floor: u64,
        anchors: &[TrustAnchor],
    ) -> Result<TrustList, CheckFailure> {
        let best = saved
            .iter()
            .filter_map(|bytes| Self::verify_installed(bytes, anchors).ok())
            .fold(given, |best, list| {
                if list.statement.version >= best.statement.version {
                    list
                } else {
                    best
                }
            });
        if best.statement.version < floor {
            return Err(CheckFailure::Rollback);
        }
        Ok(best)
    }

    /// Whether this list may replace `current`: a higher version, or the very same list
    /// again (a refresh that found nothing new). Another list with the same version is
    /// refused: which of two lists is current must not depend on which arrived last.
    pub fn replaces(&self, current: &TrustList) -> bool {
        self.statement.version > current.statement.version || self.envelope == current.envelope
    }

    /// An expired list is still used, and every result says so.
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now.timestamp() >= self.statement.exp
    }

    pub fn registry(&self, id: &str) -> Option<&RegistryEntry> {
        self.statement.registries.iter().find(|r| r.id == id)
    }

    /// The registry whose URL prefix matches `link`, longest prefix first. `http` links
    /// only match registries that allow http, and only for loopback hosts.
    pub fn match_link(&self, link: &LabelLink) -> Option<RegistryMatch<'_>> {
        if !link.is_https() && !link.is_loopback() {
            return None;
        }
        self.statement
            .registries
            .iter()
            .filter(|r| link.is_https() || r.allow_http_loopback)
            .flat_map(|r| r.prefixes().map(move |p| (r, p)))
            .filter(|(_, p)| link.matches_prefix(p))
            .max_by_key(|(_, p)| p.as_str().len())
            .map(|(registry, prefix)| RegistryMatch { registry, prefix })
    }

    /// Every trusted URL prefix, for look-alike warnings.
    pub fn all_prefixes(&self) -> Vec<Url> {
        self.statement
            .registries
            .iter()
            .flat_map(|r| r.prefixes())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jws::SigningKey;

    fn root() -> SigningKey {
        SigningKey::from_pkcs8(
            Algorithm::EdDsa,
            &SigningKey::generate_pkcs8(Algorithm::EdDsa),
        )
        .unwrap()
    }

    fn statement(version: u64) -> TrustListStatement {
        TrustListStatement {
            iss: "root".into(),
            version,
            iat: 1_700_000_000,
            exp: 1_900_000_000,
            registries: vec![
                registry("a", &["https://r.example/"], false),
                registry("b", &["https://r.example/l/special/"], false),
                registry("local", &["http://127.0.0.1:9000/l/"], true),
            ],
        }
    }

    fn registry(id: &str, prefixes: &[&str], http: bool) -> RegistryEntry {
        RegistryEntry {
            id: id.into(),
            name: id.to_uppercase(),
            url_prefixes: prefixes.iter().map(|s| s.to_string()).collect(),
            record_url_template: None,
            allow_http_loopback: http,
            integrity: Integrity::Jws,
            keys: vec![],
        }
    }

    fn sign(key: &SigningKey, statement: &TrustListStatement) -> Vec<u8> {
        key.sign_envelope(
            "root-1",
            TRUST_LIST_TYPE,
            &serde_json::to_vec(statement).unwrap(),
        )
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn verifies_against_the_anchor_and_matches_longest_prefix() {
        let key = root();
        let anchors = [TrustAnchor {
            kid: "root-1".into(),
            key: key.public_key(),
        }];
        let list = TrustList::verify(&sign(&key, &statement(3)), &anchors, now()).unwrap();
        let link = |s: &str| LabelLink::parse(s).unwrap();
        assert_eq!(
            list.match_link(&link("https://r.example/l/x"))
                .unwrap()
                .registry
                .id,
            "a"
        );
        assert_eq!(
            list.match_link(&link("https://r.example/l/special/x"))
                .unwrap()
                .registry
                .id,
            "b"
        );
        assert_eq!(
            list.match_link(&link("http://127.0.0.1:9000/l/x"))
                .unwrap()
                .registry
                .id,
            "local"
        );
        assert!(list.match_link(&link("http://r.example/l/x")).is_none());
        assert!(list
            .match_link(&link("https://other.example/l/x"))
            .is_none());
    }

    #[test]
    fn http_prefix_for_a_non_loopback_host_never_matches() {
        let key = root();
        let anchors = [TrustAnchor {
            kid: "root-1".into(),
            key: key.public_key(),
        }];
        let mut st = statement(1);
        st.registries = vec![registry("bad", &["http://r.example/"], true)];
        let list = TrustList::verify(&sign(&key, &st), &anchors, now()).unwrap();
        assert!(list
            .match_link(&LabelLink::parse("http://r.example/x").unwrap())
            .is_none());
    }

    #[test]
    fn each_failed_check_has_its_kind() {
        let key = root();
        let anchors = [TrustAnchor {
            kid: "root-1".into(),
            key: key.public_key(),
        }];
        let other = root();
        assert_eq!(
            TrustList::verify(&sign(&other, &statement(1)), &anchors, now()),
            Err(CheckFailure::BadSignature)
        );
        let unknown = other.sign_envelope("root-2", TRUST_LIST_TYPE, b"{}");
        assert_eq!(
            TrustList::verify(&unknown, &anchors, now()),
            Err(CheckFailure::UnknownKey)
        );
        let mut wrong_iss = statement(1);
        wrong_iss.iss = "registry".into();
        assert_eq!(
            TrustList::verify(&sign(&key, &wrong_iss), &anchors, now()),
            Err(CheckFailure::WrongIssuer)
        );
        let mut future = statement(1);
        future.iat = now().timestamp() + MAX_FUTURE_SKEW_SECS + 1;
        assert_eq!(
            TrustList::verify(&sign(&key, &future), &anchors, now()),
            Err(CheckFailure::IssuedInFuture)
        );
        let garbage = key.sign_envelope("root-1", TRUST_LIST_TYPE, b"{\"iss\":\"root\"}");
        assert_eq!(
            TrustList::verify(&garbage, &anchors, now()),
            Err(CheckFailure::MalformedStatement)
        );
    }

    #[test]
    fn versions_only_go_up_and_expiry_is_reported() {
        let key = root();
        let anchors = [TrustAnchor {
            kid: "root-1".into(),
            key: key.public_key(),
        }];
        let v2 = TrustList::verify(&sign(&key, &statement(2)), &anchors, now()).unwrap();
        let v3 = TrustList::verify(&sign(&key, &statement(3)), &anchors, now()).unwrap();
        assert!(v3.replaces(&v2));
        assert!(!v2.replaces(&v3));
        assert!(!v3.is_expired(now()));
        assert!(v3.is_expired(DateTime::from_timestamp(1_900_000_000, 0).unwrap()));
    }

    #[test]
    fn key_lookup_checks_status_algorithm_and_validity() {
        let signer = root();
        let key = |kid: &str, status, nb: Option<&str>, na: Option<&str>| KeyEntry {
            kid: kid.into(),
            alg: Algorithm::EdDsa,
            public_key: signer.public_key().to_base64url(),
            not_before: nb.map(Into::into),
            not_after: na.map(Into::into),
            status,
            retired_at: None,
        };
        let mut r = registry("a", &["https://r.example/"], false);
        r.keys = vec![
            key(
                "ok",
                KeyStatus::Active,
                Some("2020-01-01T00:00:00Z"),
                Some("2030-01-01T00:00:00Z"),
            ),
            key("retired", KeyStatus::Retired, None, None),
            key("revoked", KeyStatus::Revoked, None, None),
            key(
                "late",
                KeyStatus::Active,
                Some("2029-01-01T00:00:00Z"),
                None,
            ),
        ];
        r.keys.push(KeyEntry {
            retired_at: Some("2028-01-01T00:00:00Z".into()),
            ..key("retired-2028", KeyStatus::Retired, None, None)
        });
        r.keys.push(key(
            "ended",
            KeyStatus::Active,
            Some("2020-01-01T00:00:00Z"),
            Some("2027-01-01T00:00:00Z"),
        ));
        let iat = 1_800_000_000; // 2027-01-15
        let fresh = KeyUse::Fresh { now: iat };
        let cached_2027 = KeyUse::Cached { fetched_at: iat };
        let got = r.key_for("ok", Algorithm::EdDsa, iat, fresh).unwrap();
        assert_eq!(got.not_after, Some(1_893_456_000), "not_after is passed on");
        // Retired: refused fresh; cached copies only from before the retirement.
        assert_eq!(
            r.key_for("retired-2028", Algorithm::EdDsa, iat, fresh),
            Err(CheckFailure::KeyNotValidAtIssue)
        );
        assert!(r
            .key_for("retired-2028", Algorithm::EdDsa, iat, cached_2027)
            .is_ok());
        let cached_2029 = KeyUse::Cached {
            fetched_at: 1_870_000_000,
        };
        assert_eq!(
            r.key_for("retired-2028", Algorithm::EdDsa, iat, cached_2029),
            Err(CheckFailure::KeyNotValidAtIssue)
        );
        // Retired with no known date (hand-built entry): nothing verifies.
        assert_eq!(
            r.key_for("retired", Algorithm::EdDsa, iat, cached_2027),
            Err(CheckFailure::KeyNotValidAtIssue)
        );
        // A key whose window ended: a back-dated fresh record is refused, an old copy is not.
        let back_dated = 1_780_000_000; // 2026-05
        assert_eq!(
            r.key_for("ended", Algorithm::EdDsa, back_dated, fresh),
            Err(CheckFailure::KeyNotValidAtIssue)
        );
        assert!(r
            .key_for("ended", Algorithm::EdDsa, back_dated, cached_2027)
            .is_ok());
        assert_eq!(
            r.key_for("revoked", Algorithm::EdDsa, iat, cached_2027),
            Err(CheckFailure::RevokedKey)
        );
        assert_eq!(
            r.key_for("late", Algorithm::EdDsa, iat, fresh),
            Err(CheckFailure::KeyNotValidAtIssue)
        );
        assert_eq!(
            r.key_for("nope", Algorithm::EdDsa, iat, fresh),
            Err(CheckFailure::UnknownKey)
        );
        assert_eq!(
            r.key_for("ok", Algorithm::Es256, iat, fresh),
            Err(CheckFailure::AlgorithmMismatch)
        );
    }

    #[test]
    fn a_retired_key_without_a_date_is_retired_at_the_lists_iat() {
        let root_key = root();
        let anchors = [TrustAnchor {
            kid: "root-1".into(),
            key: root_key.public_key(),
        }];
        let mut st = statement(4);
        st.registries[0].keys = vec![KeyEntry {
            kid: "old".into(),
            alg: Algorithm::EdDsa,
            public_key: root_key.public_key().to_base64url(),
            not_before: None,
            not_after: None,
            status: KeyStatus::Retired,
            retired_at: None,
        }];
        let list = TrustList::verify(&sign(&root_key, &st), &anchors, now()).unwrap();
        let r = list.registry("a").unwrap();
        let before = KeyUse::Cached {
            fetched_at: st.iat - 1,
        };
        let after = KeyUse::Cached { fetched_at: st.iat };
        assert!(r.key_for("old", Algorithm::EdDsa, 0, before).is_ok());
        assert!(r.key_for("old", Algorithm::EdDsa, 0, after).is_err());
    }

    #[test]
    fn same_version_only_replaces_itself_and_shared_prefixes_are_refused() {
        let key = root();
        let anchors = [TrustAnchor {
            kid: "root-1".into(),
            key: key.public_key(),
        }];
        let v3 = TrustList::verify(&sign(&key, &statement(3)), &anchors, now()).unwrap();
        let mut other = statement(3);
        other.registries.truncate(1);
        let other_v3 = TrustList::verify(&sign(&key, &other), &anchors, now()).unwrap();
        assert!(!other_v3.replaces(&v3), "same version, other content");
        assert!(v3.replaces(&v3.clone()), "the same list again");

        let mut shared = statement(5);
        shared.registries[1].url_prefixes = vec!["HTTPS://R.EXAMPLE/".into()];
        assert_eq!(
            TrustList::verify(&sign(&key, &shared), &anchors, now()),
            Err(CheckFailure::MalformedStatement),
            "two registries, one prefix"
        );
        let mut same_id = statement(5);
        same_id.registries[1].id = "a".into();
        assert_eq!(
            TrustList::verify(&sign(&key, &same_id), &anchors, now()),
            Err(CheckFailure::MalformedStatement)
        );
    }

    #[test]
    fn record_url_template_percent_encodes_the_link() {
        let mut r = registry("a", &["https://r.example/"], false);
        r.record_url_template = Some("https://api.example/v1/records?u={url}".into());
        let link = LabelLink::parse("https://r.example/l/a?b=c").unwrap();
        assert_eq!(
            r.record_url(&link).unwrap().as_str(),
            "https://api.example/v1/records?u=https%3A%2F%2Fr.example%2Fl%2Fa%3Fb%3Dc"
        );
    }
}
