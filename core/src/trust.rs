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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    #[default]
    Active,
    /// No longer signs new records; records it signed while valid still verify.
    Retired,
    /// Compromised: everything it signed is invalid, cached records included.
    Revoked,
}

impl RegistryEntry {
    /// Protocol check 2: `kid` names a key of this registry, not revoked, valid at `iat`.
    pub fn key_for(&self, kid: &str, alg: Algorithm, iat: i64) -> Result<PublicKey, CheckFailure> {
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
        let within = |bound: &Option<String>, before: bool| match bound {
            None => Ok(true),
            Some(text) => DateTime::parse_from_rfc3339(text)
                .map(|t| {
                    if before {
                        t.timestamp() <= iat
                    } else {
                        iat <= t.timestamp()
                    }
                })
                .map_err(|_| CheckFailure::MalformedStatement),
        };
        if !within(&entry.not_before, true)? || !within(&entry.not_after, false)? {
            return Err(CheckFailure::KeyNotValidAtIssue);
        }
        PublicKey::from_base64url(entry.alg, &entry.public_key)
            .ok_or(CheckFailure::MalformedStatement)
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
        let statement: TrustListStatement =
            serde_json::from_slice(payload).map_err(|_| CheckFailure::MalformedStatement)?;
        if statement.iss != "root" {
            return Err(CheckFailure::WrongIssuer);
        }
        // A list whose keys cannot be used is refused whole, at install time, rather than
        // failing records later with a misleading reason.
        for registry in &statement.registries {
            for key in &registry.keys {
                let bounds_ok = [&key.not_before, &key.not_after]
                    .into_iter()
                    .flatten()
                    .all(|t| DateTime::parse_from_rfc3339(t).is_ok());
                if !bounds_ok || PublicKey::from_base64url(key.alg, &key.public_key).is_none() {
                    return Err(CheckFailure::MalformedStatement);
                }
            }
        }
        Ok(TrustList {
            statement,
            envelope: envelope.to_vec(),
        })
    }

    /// Whether this list may replace `current`: its version is not lower.
    pub fn replaces(&self, current: &TrustList) -> bool {
        self.statement.version >= current.statement.version
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
        let iat = 1_800_000_000; // 2027
        assert!(r.key_for("ok", Algorithm::EdDsa, iat).is_ok());
        assert!(r.key_for("retired", Algorithm::EdDsa, iat).is_ok());
        assert_eq!(
            r.key_for("revoked", Algorithm::EdDsa, iat),
            Err(CheckFailure::RevokedKey)
        );
        assert_eq!(
            r.key_for("late", Algorithm::EdDsa, iat),
            Err(CheckFailure::KeyNotValidAtIssue)
        );
        assert_eq!(
            r.key_for("nope", Algorithm::EdDsa, iat),
            Err(CheckFailure::UnknownKey)
        );
        assert_eq!(
            r.key_for("ok", Algorithm::Es256, iat),
            Err(CheckFailure::AlgorithmMismatch)
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
