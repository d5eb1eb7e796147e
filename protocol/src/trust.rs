//! The trust list (protocol section 4): which registries are official, the URL prefixes
//! their labels use, and the keys they sign with. It is itself a JWS signed by a root key
//! pinned in the app (the trust anchor).
//!
//! Two shapes: [`TrustListStatement`] and its [`RegistryEntry`]/[`KeyEntry`] are the list as
//! written and signed (strings, for the registry tools and tests that write lists); a
//! [`TrustList`] is one that passed its checks, with every key, date and prefix parsed once,
//! when it was verified. Only [`TrustList::verify`] and [`TrustList::verify_installed`] make
//! one, so holding a `TrustList` means holding a checked list.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use trustlabel_tlog::{LogPolicy, VerifierKey};
use url::Url;

use crate::check::{CheckFailure, RollbackVersions};
use crate::jws::{Algorithm, ParsedEnvelope, PublicKey, TRUST_LIST_TYPE};
use crate::link::LabelLink;

/// Allowed clock skew for `iat` in the future (protocol check 6).
pub const MAX_FUTURE_SKEW_SECS: i64 = 5 * 60;

/// A pinned root public key. The build can pin more than one for rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustAnchor {
    /// The anchor's key id, as the trust list's envelope names it.
    pub kid: String,
    /// The root public key that must have signed the trust list.
    pub key: PublicKey,
}

/// The trust list's payload, as written and signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustListStatement {
    /// Who issued the list (checked against the anchor's `iss`).
    pub iss: String,
    /// Only goes up; an older list than the cached one is a rollback.
    pub version: u64,
    /// Issued at, seconds since the Unix epoch.
    pub iat: i64,
    /// Expires at, seconds since the Unix epoch; an expired list is still used, marked out of date.
    pub exp: i64,
    /// The official registries.
    pub registries: Vec<RegistryEntry>,
}

/// One registry of the list, as written and signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistryEntry {
    /// The registry's id: a record's `iss` must name it.
    pub id: String,
    /// The registry's name, shown to the shopper as who vouches for the record.
    pub name: String,
    /// URL prefixes of the labels this registry answers for.
    pub url_prefixes: Vec<String>,
    /// Where to fetch the signed record instead of the label URL itself, e.g.
    /// `https://api.host/v1/records?u={url}` (`{url}` is replaced percent-encoded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_url_template: Option<String>,
    /// Allows `http` for loopback hosts only (demo and tests).
    #[serde(default)]
    pub allow_http_loopback: bool,
    /// Whether the registry signs its answers (JWS) or serves them over HTTPS only.
    #[serde(default)]
    pub integrity: Integrity,
    /// The keys the registry signs records with.
    #[serde(default)]
    pub keys: Vec<KeyEntry>,
    /// The public log every record the registry signs is in (issue 25). Without it records
    /// are checked as before; with it, a record without a valid proof is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<LogEntry>,
}

/// A registry's transparency log, as the trust list writes it
/// (`docs/registry-protocol.md`, "The trust list names the log"). Every member is required
/// and no other is allowed: a list that gets any of it wrong is refused whole
/// ([`TrustListFault::MalformedLog`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    /// The checkpoints' origin line, e.g. `demo.trustlabel.dev/log`.
    pub origin: String,
    /// Where the log's `checkpoint` and tiles are published, ending in `/`.
    pub url: String,
    /// C2SP signed-note verifier keys (type 0x01) that sign the log's checkpoints (more than
    /// one while the log rotates its key).
    pub keys: Vec<String>,
    /// C2SP tlog-cosignature v1 keys (type 0x04) of the witnesses that cosign checkpoints.
    pub witnesses: Vec<String>,
    /// How many distinct listed witnesses must cosign a checkpoint (at most their number).
    pub threshold: usize,
}

/// How a registry's answers are protected (protocol section 4b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Integrity {
    /// Every answer is a JWS signed by one of the registry's listed keys.
    #[default]
    Jws,
    /// Plain CTA-2120 JSON over HTTPS: shown as "from the registry's site, not signed".
    HttpsOnly,
}

/// One key of a registry, as written and signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyEntry {
    /// The key id a record's JWS header names.
    pub kid: String,
    /// The signature algorithm the key is for.
    pub alg: Algorithm,
    /// Base64url raw key: 65-byte uncompressed P-256 point or 32-byte Ed25519 key.
    pub public_key: String,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    /// Whether the key signs, has stopped signing, or is compromised.
    #[serde(default)]
    pub status: KeyStatus,
    /// RFC 3339: when a `retired` key stopped signing. Copies cached before then still
    /// verify. A list that retires a key without saying when is read as "retired at the
    /// list's `iat`" (the latest moment it can have happened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_at: Option<String>,
}

/// Where a registry key is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum KeyStatus {
    /// Signs records now.
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
#[non_exhaustive]
pub enum KeyUse {
    /// A record just fetched or imported: it was signed recently, whatever its `iat` says,
    /// so the key must be `active` and valid now as well as at `iat`. Without this a
    /// record signed today with a key that expired (or was retired) could be back-dated.
    Fresh {
        /// The time of the check, seconds since the Unix epoch.
        now: i64,
    },
    /// A copy read back from the cache, fetched at `fetched_at`: the key must have been
    /// valid at `iat`; a key retired since verifies only copies cached before it was retired.
    Cached {
        /// When the copy was fetched, seconds since the Unix epoch.
        fetched_at: i64,
    },
}

/// A key that passed check 2, with the end of its validity: a record's effective expiry is
/// the earlier of its `exp` and its key's `not_after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsableKey {
    /// The key to check the record's signature with.
    pub key: PublicKey,
    /// When the key stops being valid, seconds since the Unix epoch, if the list says.
    pub not_after: Option<i64>,
}

/// Why a signed trust list cannot be used as written: a fault of whoever wrote the list,
/// never of a record. Each kind names what failed, so an operator can fix it.
///
/// The snake_case names (`kind` in JSON, [`TrustListFault::code`]) are a public contract,
/// like [`CheckFailure`]'s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TrustListFault {
    /// The payload is not a trust list statement (a top-level member missing or mistyped).
    #[error("the trust list is not a list of registries: {detail}")]
    MalformedTrustList {
        /// What is missing or mistyped, as the JSON reader says it.
        detail: String,
    },
    /// A registry entry is missing a member or has one of the wrong type. `registry_id` is
    /// its `id`, or `#n` (its position, from 1) when it has none.
    #[error("registry {registry_id} in the trust list is malformed: {detail}")]
    MalformedRegistry {
        /// The registry's `id`, or `#n` when it has none.
        registry_id: String,
        /// What is missing or mistyped, as the JSON reader says it.
        detail: String,
    },
    /// Two registries have the same `id`.
    #[error("the trust list names registry {registry_id} twice")]
    DuplicateRegistry {
        /// The `id` that appears twice.
        registry_id: String,
    },
    /// Two registries claim the same URL prefix: which one a label belongs to would depend
    /// on list order.
    #[error("registries {first} and {second} both claim the URL prefix {prefix}")]
    SharedPrefix {
        /// The prefix both claim.
        prefix: String,
        /// The registry listed first.
        first: String,
        /// The registry listed second.
        second: String,
    },
    /// A key member is missing or of the wrong type (`kid` is empty when the key has none).
    #[error("key {kid:?} of registry {registry_id} is malformed: {detail}")]
    MalformedKey {
        /// The registry's `id`.
        registry_id: String,
        /// The key's `kid`, empty when it has none.
        kid: String,
        /// What is missing or mistyped, as the JSON reader says it.
        detail: String,
    },
    /// A key's `not_before`, `not_after` or `retired_at` is not an RFC 3339 date-time
    /// string (`value` is the JSON as written).
    #[error(
        "key {kid} of registry {registry_id}: {field} is {value}, expected an RFC 3339 \
         date-time string such as \"2026-11-01T00:00:00Z\""
    )]
    BadKeyDate {
        /// The registry's `id`.
        registry_id: String,
        /// The key's `kid`.
        kid: String,
        /// Which date: `not_before`, `not_after` or `retired_at`.
        field: String,
        /// The JSON value as written.
        value: String,
    },
    /// A key's `public_key` is not a base64url raw key of its `alg`.
    #[error(
        "key {kid} of registry {registry_id}: public_key is not a base64url {} public key",
        .alg.as_str()
    )]
    BadPublicKey {
        /// The registry's `id`.
        registry_id: String,
        /// The key's `kid`.
        kid: String,
        /// The algorithm the key claims to be for.
        alg: Algorithm,
    },
    /// The registry's `log` is missing a member, has one of the wrong type or an unknown one,
    /// or names keys, witnesses, a threshold or a URL that cannot be used.
    #[error("registry {registry_id}: its log is malformed: {detail}")]
    MalformedLog {
        /// The registry's `id`.
        registry_id: String,
        /// What is wrong, in words.
        detail: String,
    },
    /// `record_url_template` does not give a URL once a label link is put in.
    #[error("registry {registry_id}: record_url_template {template:?} does not give a URL")]
    BadRecordUrlTemplate {
        /// The registry's `id`.
        registry_id: String,
        /// The template as written.
        template: String,
    },
}

impl TrustListFault {
    /// The snake_case name used in JSON output and across the FFI.
    pub fn code(&self) -> &'static str {
        match self {
            TrustListFault::MalformedTrustList { .. } => "malformed_trust_list",
            TrustListFault::MalformedRegistry { .. } => "malformed_registry",
            TrustListFault::DuplicateRegistry { .. } => "duplicate_registry",
            TrustListFault::SharedPrefix { .. } => "shared_prefix",
            TrustListFault::MalformedKey { .. } => "malformed_key",
            TrustListFault::BadKeyDate { .. } => "bad_key_date",
            TrustListFault::BadPublicKey { .. } => "bad_public_key",
            TrustListFault::BadRecordUrlTemplate { .. } => "bad_record_url_template",
            TrustListFault::MalformedLog { .. } => "malformed_log",
        }
    }
}

/// Why a trust list was refused: its envelope failed a check (signature, issuer, time,
/// rollback), or it is signed but cannot be used as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustListError {
    /// The list's envelope failed a protocol check.
    #[error(transparent)]
    Check(#[from] CheckFailure),
    /// The list is signed but cannot be used as written.
    #[error(transparent)]
    Fault(#[from] TrustListFault),
}

/// A key of a listed registry, parsed once when the list was verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryKey {
    kid: String,
    alg: Algorithm,
    key: PublicKey,
    not_before: Option<DateTime<Utc>>,
    not_after: Option<DateTime<Utc>>,
    status: KeyStatus,
    /// Always set for a `retired` key (the list's `iat` when the list gives no date).
    retired_at: Option<DateTime<Utc>>,
}

impl RegistryKey {
    /// The key id records name in their JWS header.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Whether the key signs, has stopped signing, or is compromised.
    pub fn status(&self) -> KeyStatus {
        self.status
    }

    fn parse(
        registry_id: &str,
        entry: &KeyEntry,
        listed_at: DateTime<Utc>,
    ) -> Result<Self, TrustListFault> {
        let date = |field: &str, text: &Option<String>| {
            text.as_deref()
                .map(|t| {
                    DateTime::parse_from_rfc3339(t)
                        .map(|d| d.with_timezone(&Utc))
                        .map_err(|_| TrustListFault::BadKeyDate {
                            registry_id: registry_id.to_owned(),
                            kid: entry.kid.clone(),
                            field: field.to_owned(),
                            value: serde_json::Value::from(t).to_string(),
                        })
                })
                .transpose()
        };
        let key = PublicKey::from_base64url(entry.alg, &entry.public_key).ok_or_else(|| {
            TrustListFault::BadPublicKey {
                registry_id: registry_id.to_owned(),
                kid: entry.kid.clone(),
                alg: entry.alg,
            }
        })?;
        let mut retired_at = date("retired_at", &entry.retired_at)?;
        if entry.status == KeyStatus::Retired && retired_at.is_none() {
            retired_at = Some(listed_at);
        }
        Ok(RegistryKey {
            kid: entry.kid.clone(),
            alg: entry.alg,
            key,
            not_before: date("not_before", &entry.not_before)?,
            not_after: date("not_after", &entry.not_after)?,
            status: entry.status,
            retired_at,
        })
    }
}

/// A registry as a verified trust list names it: the entry as signed, with its URL prefixes
/// and keys parsed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Registry {
    entry: RegistryEntry,
    prefixes: Vec<Url>,
    keys: Vec<RegistryKey>,
    log: Option<RegistryLog>,
}

/// A registry's log as a verified trust list names it: the policy its checkpoints must meet
/// and where its tiles are published, parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryLog {
    policy: LogPolicy,
    url: Url,
}

impl RegistryLog {
    fn parse(registry: &RegistryEntry, log: &LogEntry) -> Result<Self, TrustListFault> {
        let fault = |detail: String| TrustListFault::MalformedLog {
            registry_id: registry.id.clone(),
            detail,
        };
        // The origin is a checkpoint's first line: one line of text.
        if log.origin.is_empty() || log.origin.chars().any(char::is_control) {
            return Err(fault("origin is empty or holds a control character".into()));
        }
        let url = Url::parse(&log.url).map_err(|e| fault(format!("url: {e}")))?;
        let loopback_http = url.scheme() == "http"
            && registry.allow_http_loopback
            && crate::link::is_loopback_host(&url);
        if !(url.scheme() == "https" || loopback_http) || !url.path().ends_with('/') {
            return Err(fault(format!(
                "url {:?} is not an https URL ending in '/'",
                log.url
            )));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(fault(format!("url {:?} has a query or fragment", log.url)));
        }
        let parse_keys = |what: &str, texts: &[String]| {
            texts
                .iter()
                .map(|t| VerifierKey::parse(t).map_err(|e| fault(format!("{what} {t:?}: {e}"))))
                .collect::<Result<Vec<_>, _>>()
        };
        let keys = parse_keys("key", &log.keys)?;
        let witnesses = parse_keys("witness", &log.witnesses)?;
        // One witness listed twice would let one cosignature count towards the threshold as
        // two witnesses' would, if the policy ever counted lines.
        for (i, w) in witnesses.iter().enumerate() {
            if witnesses[..i].iter().any(|o| o.name() == w.name()) {
                return Err(fault(format!("witness {} is listed twice", w.name())));
            }
        }
        let policy = LogPolicy::with_log_keys(&log.origin, keys, witnesses, log.threshold)
            .map_err(|e| match e {
                trustlabel_tlog::Error::TooFewCosignatures { valid, needed } => fault(format!(
                    "threshold {needed} is above the {valid} witnesses listed"
                )),
                other => fault(other.to_string()),
            })?;
        Ok(RegistryLog { policy, url })
    }

    /// The checkpoints' rule: origin, log keys, witnesses and threshold.
    pub fn policy(&self) -> &LogPolicy {
        &self.policy
    }

    /// The log's origin line.
    pub fn origin(&self) -> &str {
        self.policy.origin()
    }

    /// Where the log's `checkpoint` and tiles are published (ends in `/`).
    pub fn url(&self) -> &Url {
        &self.url
    }
}

impl Registry {
    /// Parses `entry` as a list issued at `listed_at` would give it (a `retired` key without
    /// a date is retired at `listed_at`). Lists are parsed this way when they are verified;
    /// tests and tools that check records against a registry of their own use it directly.
    pub fn new(entry: RegistryEntry, listed_at: DateTime<Utc>) -> Result<Self, TrustListFault> {
        let keys = entry
            .keys
            .iter()
            .map(|k| RegistryKey::parse(&entry.id, k, listed_at))
            .collect::<Result<Vec<_>, _>>()?;
        // Prefixes that do not parse are ignored: they could never match.
        let prefixes = entry
            .url_prefixes
            .iter()
            .filter_map(|p| Url::parse(p).ok())
            .collect();
        let log = entry
            .log
            .as_ref()
            .map(|log| RegistryLog::parse(&entry, log))
            .transpose()?;
        let registry = Registry {
            entry,
            prefixes,
            keys,
            log,
        };
        registry.check_template()?;
        Ok(registry)
    }

    /// The registry's id: a record's `iss` must name it.
    pub fn id(&self) -> &str {
        &self.entry.id
    }

    /// The registry's name, shown to the shopper as who vouches for the record.
    pub fn name(&self) -> &str {
        &self.entry.name
    }

    /// Whether its answers are signed or served over HTTPS only.
    pub fn integrity(&self) -> Integrity {
        self.entry.integrity
    }

    /// True when the list allows `http` to loopback hosts (demo and tests only).
    pub fn allows_http_loopback(&self) -> bool {
        self.entry.allow_http_loopback
    }

    /// The log its records must be in, when the list names one.
    pub fn log(&self) -> Option<&RegistryLog> {
        self.log.as_ref()
    }

    /// The same registry as if it did not log: its records are checked by checks 1 to 8
    /// alone. For the signer's own tools (which statements did this registry sign, before
    /// they are logged; a monitor replaying the log, which checks the log itself), never for
    /// a scanner deciding what to show.
    pub fn without_log(&self) -> Registry {
        let mut registry = self.clone();
        registry.entry.log = None;
        registry.log = None;
        registry
    }

    /// The entry exactly as the list wrote it.
    pub fn entry(&self) -> &RegistryEntry {
        &self.entry
    }

    /// The URL prefixes that parse.
    pub fn prefixes(&self) -> &[Url] {
        &self.prefixes
    }

    /// The key named `kid`, whatever its status.
    pub fn key(&self, kid: &str) -> Option<&RegistryKey> {
        self.keys.iter().find(|k| k.kid == kid)
    }

    /// Protocol check 2: `kid` names a key of this registry, not revoked, valid at `iat`,
    /// and usable for `purpose` (see [`KeyUse`]).
    pub fn key_for(
        &self,
        kid: &str,
        alg: Algorithm,
        iat: i64,
        purpose: KeyUse,
    ) -> Result<UsableKey, CheckFailure> {
        let entry = self.key(kid).ok_or(CheckFailure::UnknownKey)?;
        if entry.status == KeyStatus::Revoked {
            return Err(CheckFailure::RevokedKey);
        }
        if entry.alg != alg {
            return Err(CheckFailure::AlgorithmMismatch);
        }
        let not_before = entry.not_before.map(|t| t.timestamp());
        let not_after = entry.not_after.map(|t| t.timestamp());
        let valid_at =
            |t: i64| not_before.is_none_or(|nb| nb <= t) && not_after.is_none_or(|na| t <= na);
        if !valid_at(iat) {
            return Err(CheckFailure::KeyNotValidAtIssue);
        }
        let usable = match purpose {
            KeyUse::Fresh { now } => entry.status == KeyStatus::Active && valid_at(now),
            KeyUse::Cached { fetched_at } => match entry.status {
                KeyStatus::Retired => entry
                    .retired_at
                    .is_some_and(|retired| fetched_at < retired.timestamp()),
                _ => true,
            },
        };
        if !usable {
            return Err(CheckFailure::KeyNotValidAtIssue);
        }
        Ok(UsableKey {
            key: entry.key.clone(),
            not_after,
        })
    }

    /// The URL to fetch the signed record for `link` from. Fails only for a template that
    /// [`Registry::new`] let through and this link breaks (see `check_template`).
    pub fn record_url(&self, link: &LabelLink) -> Result<Url, TrustListFault> {
        match &self.entry.record_url_template {
            None => Ok(link.url().clone()),
            Some(template) => {
                let encoded: String =
                    url::form_urlencoded::byte_serialize(link.as_str().as_bytes()).collect();
                Url::parse(&template.replace("{url}", &encoded)).map_err(|_| {
                    TrustListFault::BadRecordUrlTemplate {
                        registry_id: self.entry.id.clone(),
                        template: template.clone(),
                    }
                })
            }
        }
    }

    /// A template must give a URL for a label link. A percent-encoded link only ever holds
    /// `[A-Za-z0-9*._+%-]`, and every one holds an encoded `://`: if this sample fits where
    /// `{url}` stands (a path, query or fragment), every link does.
    fn check_template(&self) -> Result<(), TrustListFault> {
        match LabelLink::parse("https://registry.example/l/a?b=c") {
            Ok(sample) => self.record_url(&sample).map(|_| ()),
            // The sample is a constant that parses; nothing to check against otherwise.
            Err(_) => Ok(()),
        }
    }
}

/// A trust list whose signature, issuer and times have been checked against an anchor, with
/// its registries parsed. Made only by [`TrustList::verify`] and
/// [`TrustList::verify_installed`].
#[derive(Debug, Clone, PartialEq)]
pub struct TrustList {
    iss: String,
    version: u64,
    iat: i64,
    exp: i64,
    registries: Vec<Registry>,
    /// The exact bytes it was verified from, kept so it can be stored and verified again.
    envelope: Vec<u8>,
}

/// Which registry a link belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistryMatch<'a> {
    /// The registry the link belongs to.
    pub registry: &'a Registry,
    /// The prefix of the registry's that matched (the longest one).
    pub prefix: Url,
}

/// The top level of a list's payload; registries are read one by one, so that a fault can
/// name the registry (and key) it is in.
#[derive(Deserialize)]
struct RawStatement {
    iss: String,
    version: u64,
    iat: i64,
    exp: i64,
    registries: Vec<serde_json::Value>,
}

/// Reads one registry entry of a list's payload (`position` from 1, for one without an id).
fn read_registry(
    value: serde_json::Value,
    position: usize,
) -> Result<RegistryEntry, TrustListFault> {
    let registry_id = value
        .get("id")
        .and_then(|v| v.as_str())
        .map_or_else(|| format!("#{position}"), str::to_owned);
    // Key dates first: a date written as a number is a date fault, not "malformed".
    for key in value
        .get("keys")
        .and_then(|k| k.as_array())
        .into_iter()
        .flatten()
    {
        let kid = key.get("kid").and_then(|v| v.as_str()).unwrap_or_default();
        for field in ["not_before", "not_after", "retired_at"] {
            if let Some(v) = key.get(field).filter(|v| !v.is_null() && !v.is_string()) {
                return Err(TrustListFault::BadKeyDate {
                    registry_id,
                    kid: kid.to_owned(),
                    field: field.to_owned(),
                    value: v.to_string(),
                });
            }
        }
        if let Err(e) = KeyEntry::deserialize(key) {
            return Err(TrustListFault::MalformedKey {
                registry_id,
                kid: kid.to_owned(),
                detail: e.to_string(),
            });
        }
    }
    // The log next: a log missing a member is a log fault, not "malformed registry".
    if let Some(log) = value.get("log").filter(|v| !v.is_null()) {
        if let Err(e) = LogEntry::deserialize(log) {
            return Err(TrustListFault::MalformedLog {
                registry_id,
                detail: e.to_string(),
            });
        }
    }
    RegistryEntry::deserialize(value).map_err(|e| TrustListFault::MalformedRegistry {
        registry_id,
        detail: e.to_string(),
    })
}

impl TrustList {
    /// Verifies a trust list envelope against the pinned anchors (the `kid` picks the anchor).
    /// Rollback against a cached list is the caller's check: see [`TrustList::replaces`].
    pub fn verify(
        envelope: &[u8],
        anchors: &[TrustAnchor],
        now: DateTime<Utc>,
    ) -> Result<Self, TrustListError> {
        let list = Self::verify_installed(envelope, anchors)?;
        if list.iat > now.timestamp() + MAX_FUTURE_SKEW_SECS {
            return Err(CheckFailure::IssuedInFuture.into());
        }
        Ok(list)
    }

    /// The checks for a list already accepted once (saved by a refresh, or built into the
    /// app): signature, issuer and well-formed keys, but not `iat` against the clock, so a
    /// device clock set back cannot make the app fall back to an older list.
    pub fn verify_installed(
        envelope: &[u8],
        anchors: &[TrustAnchor],
    ) -> Result<Self, TrustListError> {
        let parsed = ParsedEnvelope::parse(envelope, TRUST_LIST_TYPE)?;
        let anchor = anchors
            .iter()
            .find(|a| a.kid == parsed.header.kid)
            .ok_or(CheckFailure::UnknownKey)?;
        let payload = parsed.verify_signature(&anchor.key)?;
        crate::jws::reject_duplicate_members(payload)?;
        let raw: RawStatement =
            serde_json::from_slice(payload).map_err(|e| TrustListFault::MalformedTrustList {
                detail: e.to_string(),
            })?;
        if raw.iss != "root" {
            return Err(CheckFailure::WrongIssuer.into());
        }
        let listed_at =
            DateTime::from_timestamp(raw.iat, 0).ok_or(TrustListFault::MalformedTrustList {
                detail: format!("iat {} is not a time", raw.iat),
            })?;
        // A list whose keys cannot be used is refused whole, at install time, rather than
        // failing records later with a misleading reason.
        let mut registries: Vec<Registry> = Vec::with_capacity(raw.registries.len());
        for (i, value) in raw.registries.into_iter().enumerate() {
            let registry = Registry::new(read_registry(value, i + 1)?, listed_at)?;
            // Two registries with one id or one URL prefix would be told apart by list order
            // alone; a list that relies on that is refused.
            if registries.iter().any(|r| r.id() == registry.id()) {
                return Err(TrustListFault::DuplicateRegistry {
                    registry_id: registry.id().to_owned(),
                }
                .into());
            }
            for prefix in registry.prefixes() {
                if let Some(other) = registries.iter().find(|r| r.prefixes().contains(prefix)) {
                    return Err(TrustListFault::SharedPrefix {
                        prefix: prefix.to_string(),
                        first: other.id().to_owned(),
                        second: registry.id().to_owned(),
                    }
                    .into());
                }
            }
            registries.push(registry);
        }
        Ok(TrustList {
            iss: raw.iss,
            version: raw.version,
            iat: raw.iat,
            exp: raw.exp,
            registries,
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
    ) -> Result<TrustList, TrustListError> {
        let best = saved
            .iter()
            .filter_map(|bytes| Self::verify_installed(bytes, anchors).ok())
            .fold(given, |best, list| {
                if list.version >= best.version {
                    list
                } else {
                    best
                }
            });
        if best.version < floor {
            return Err(CheckFailure::Rollback(RollbackVersions::TrustList {
                offered: best.version,
                held: floor,
            })
            .into());
        }
        Ok(best)
    }

    /// Whether this list may replace `current`: a higher version, or the very same list
    /// again (a refresh that found nothing new). Another list with the same version is
    /// refused: which of two lists is current must not depend on which arrived last.
    pub fn replaces(&self, current: &TrustList) -> bool {
        self.version > current.version || self.envelope == current.envelope
    }

    /// Only goes up; an older list than the one in use is a rollback.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Unix seconds the list was issued.
    pub fn issued_at(&self) -> i64 {
        self.iat
    }

    /// Unix seconds the list expires.
    pub fn expires_at(&self) -> i64 {
        self.exp
    }

    /// The exact bytes it was verified from, to store and verify again.
    pub fn envelope(&self) -> &[u8] {
        &self.envelope
    }

    /// The list as written, e.g. to sign a changed copy in a test or a registry tool.
    pub fn to_statement(&self) -> TrustListStatement {
        TrustListStatement {
            iss: self.iss.clone(),
            version: self.version,
            iat: self.iat,
            exp: self.exp,
            registries: self.registries.iter().map(|r| r.entry.clone()).collect(),
        }
    }

    /// Whether both lists say the same, however their JSON was written.
    pub fn same_content(&self, other: &TrustList) -> bool {
        (
            &self.iss,
            self.version,
            self.iat,
            self.exp,
            &self.registries,
        ) == (
            &other.iss,
            other.version,
            other.iat,
            other.exp,
            &other.registries,
        )
    }

    /// An expired list is still used, and every result says so.
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now.timestamp() >= self.exp
    }

    /// The official registries, in list order.
    pub fn registries(&self) -> &[Registry] {
        &self.registries
    }

    /// The registry with this `id`, if the list has one.
    pub fn registry(&self, id: &str) -> Option<&Registry> {
        self.registries.iter().find(|r| r.id() == id)
    }

    /// The registry whose URL prefix matches `link`, longest prefix first. `http` links
    /// only match registries that allow http, and only for loopback hosts.
    pub fn match_link(&self, link: &LabelLink) -> Option<RegistryMatch<'_>> {
        if !link.is_https() && !link.is_loopback() {
            return None;
        }
        self.registries
            .iter()
            .filter(|r| link.is_https() || r.allows_http_loopback())
            .flat_map(|r| r.prefixes().iter().map(move |p| (r, p)))
            .filter(|(_, p)| link.matches_prefix(p))
            .max_by_key(|(_, p)| p.as_str().len())
            .map(|(registry, prefix)| RegistryMatch {
                registry,
                prefix: prefix.clone(),
            })
    }

    /// Every trusted URL prefix, for look-alike warnings.
    pub fn all_prefixes(&self) -> Vec<Url> {
        self.registries
            .iter()
            .flat_map(|r| r.prefixes().iter().cloned())
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
            log: None,
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
                .id(),
            "a"
        );
        assert_eq!(
            list.match_link(&link("https://r.example/l/special/x"))
                .unwrap()
                .registry
                .id(),
            "b"
        );
        assert_eq!(
            list.match_link(&link("http://127.0.0.1:9000/l/x"))
                .unwrap()
                .registry
                .id(),
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
            Err(CheckFailure::BadSignature.into())
        );
        let unknown = other.sign_envelope("root-2", TRUST_LIST_TYPE, b"{}");
        assert_eq!(
            TrustList::verify(&unknown, &anchors, now()),
            Err(CheckFailure::UnknownKey.into())
        );
        let mut wrong_iss = statement(1);
        wrong_iss.iss = "registry".into();
        assert_eq!(
            TrustList::verify(&sign(&key, &wrong_iss), &anchors, now()),
            Err(CheckFailure::WrongIssuer.into())
        );
        let mut future = statement(1);
        future.iat = now().timestamp() + MAX_FUTURE_SKEW_SECS + 1;
        assert_eq!(
            TrustList::verify(&sign(&key, &future), &anchors, now()),
            Err(CheckFailure::IssuedInFuture.into())
        );
        let garbage = key.sign_envelope("root-1", TRUST_LIST_TYPE, b"{\"iss\":\"root\"}");
        assert!(matches!(
            TrustList::verify(&garbage, &anchors, now()),
            Err(TrustListError::Fault(
                TrustListFault::MalformedTrustList { .. }
            ))
        ));
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
        let r = Registry::new(r, DateTime::from_timestamp(1_700_000_000, 0).unwrap()).unwrap();
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
        // Retired with no date: retired when the list was issued, before this copy was cached.
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
            Err(TrustListError::Fault(TrustListFault::SharedPrefix {
                prefix: "https://r.example/".into(),
                first: "a".into(),
                second: "b".into(),
            })),
            "two registries, one prefix"
        );
        let mut same_id = statement(5);
        same_id.registries[1].id = "a".into();
        assert_eq!(
            TrustList::verify(&sign(&key, &same_id), &anchors, now()),
            Err(TrustListError::Fault(TrustListFault::DuplicateRegistry {
                registry_id: "a".into()
            }))
        );
    }

    #[test]
    fn record_url_template_percent_encodes_the_link() {
        let mut r = registry("a", &["https://r.example/"], false);
        r.record_url_template = Some("https://api.example/v1/records?u={url}".into());
        let r = Registry::new(r, now()).unwrap();
        let link = LabelLink::parse("https://r.example/l/a?b=c").unwrap();
        assert_eq!(
            r.record_url(&link).unwrap().as_str(),
            "https://api.example/v1/records?u=https%3A%2F%2Fr.example%2Fl%2Fa%3Fb%3Dc"
        );
    }

    /// The faults a list's author can make, each naming what failed.
    #[test]
    fn list_faults_name_the_registry_key_and_field() {
        let key = root();
        let anchors = [TrustAnchor {
            kid: "root-1".into(),
            key: key.public_key(),
        }];
        let with_key = |key_json: serde_json::Value| {
            let mut st = serde_json::to_value(statement(1)).unwrap();
            st["registries"][0]["keys"] = serde_json::json!([key_json]);
            let bytes = key.sign_envelope("root-1", TRUST_LIST_TYPE, st.to_string().as_bytes());
            match TrustList::verify(&bytes, &anchors, now()) {
                Err(TrustListError::Fault(fault)) => fault,
                other => panic!("expected a fault, got {other:?}"),
            }
        };
        let public_key = key.public_key().to_base64url();
        // A date written as a number: a date fault, not an incomplete record.
        assert_eq!(
            with_key(serde_json::json!({"kid": "k", "alg": "EdDSA",
                "public_key": public_key, "not_before": 1_700_000_000})),
            TrustListFault::BadKeyDate {
                registry_id: "a".into(),
                kid: "k".into(),
                field: "not_before".into(),
                value: "1700000000".into(),
            }
        );
        assert_eq!(
            with_key(serde_json::json!({"kid": "k", "alg": "EdDSA",
                "public_key": public_key, "not_after": "2030-01-01"})),
            TrustListFault::BadKeyDate {
                registry_id: "a".into(),
                kid: "k".into(),
                field: "not_after".into(),
                value: "\"2030-01-01\"".into(),
            }
        );
        assert_eq!(
            with_key(serde_json::json!({"kid": "k", "alg": "ES256", "public_key": public_key})),
            TrustListFault::BadPublicKey {
                registry_id: "a".into(),
                kid: "k".into(),
                alg: Algorithm::Es256,
            }
        );
        assert!(matches!(
            with_key(serde_json::json!({"kid": "k", "alg": "EdDSA"})),
            TrustListFault::MalformedKey { registry_id, kid, .. } if registry_id == "a" && kid == "k"
        ));
        let mut bad_template = statement(1);
        bad_template.registries[0].record_url_template = Some("https://{url}/x".into());
        assert_eq!(
            TrustList::verify(&sign(&key, &bad_template), &anchors, now()),
            Err(TrustListError::Fault(
                TrustListFault::BadRecordUrlTemplate {
                    registry_id: "a".into(),
                    template: "https://{url}/x".into(),
                }
            ))
        );
        let fault = with_key(serde_json::json!({"kid": "k", "alg": "EdDSA",
            "public_key": public_key, "not_before": 5}));
        assert!(fault
            .to_string()
            .contains("key k of registry a: not_before is 5"));
    }

    fn log_keys() -> (String, Vec<String>) {
        use trustlabel_tlog::{KeyKind, SignerKey};
        let log = SignerKey::generate("r.example/log", KeyKind::Ed25519).unwrap();
        let witnesses = ["w1.example", "w2.example"]
            .iter()
            .map(|n| {
                SignerKey::generate(n, KeyKind::CosignatureV1)
                    .unwrap()
                    .verifier()
                    .to_text()
            })
            .collect();
        (log.verifier().to_text(), witnesses)
    }

    #[test]
    fn a_registry_log_is_parsed_once_and_round_trips() {
        let key = root();
        let anchors = [TrustAnchor {
            kid: "root-1".into(),
            key: key.public_key(),
        }];
        let (log_key, witnesses) = log_keys();
        let mut st = statement(1);
        st.registries[0].log = Some(LogEntry {
            origin: "r.example/log".into(),
            url: "https://r.example/log/".into(),
            keys: vec![log_key],
            witnesses,
            threshold: 2,
        });
        let list = TrustList::verify(&sign(&key, &st), &anchors, now()).unwrap();
        let log = list.registries()[0].log().expect("the log is parsed");
        assert_eq!(log.origin(), "r.example/log");
        assert_eq!(log.url().as_str(), "https://r.example/log/");
        assert_eq!(log.policy().log_keys().len(), 1);
        assert!(list.registries()[1].log().is_none());
        assert_eq!(list.to_statement(), st);
        // A list without `log` writes none: lists signed before issue 25 keep their bytes.
        assert!(!serde_json::to_string(&statement(1))
            .unwrap()
            .contains("\"log\""));
    }

    #[test]
    fn every_log_mistake_is_a_malformed_log() {
        let key = root();
        let anchors = [TrustAnchor {
            kid: "root-1".into(),
            key: key.public_key(),
        }];
        let (log_key, witnesses) = log_keys();
        let good = serde_json::json!({
            "origin": "r.example/log",
            "url": "https://r.example/log/",
            "keys": [log_key],
            "witnesses": witnesses,
            "threshold": 1,
        });
        let verify_with = |log: serde_json::Value| {
            let mut st = serde_json::to_value(statement(1)).unwrap();
            st["registries"][0]["log"] = log;
            let bytes = key.sign_envelope("root-1", TRUST_LIST_TYPE, st.to_string().as_bytes());
            TrustList::verify(&bytes, &anchors, now())
        };
        assert!(verify_with(good.clone()).is_ok());
        let changed = |member: &str, value: serde_json::Value| {
            let mut log = good.clone();
            if value.is_null() {
                log.as_object_mut().unwrap().remove(member);
            } else {
                log[member] = value;
            }
            log
        };
        let cases = [
            ("missing origin", changed("origin", serde_json::Value::Null)),
            ("missing url", changed("url", serde_json::Value::Null)),
            ("missing keys", changed("keys", serde_json::Value::Null)),
            (
                "missing witnesses",
                changed("witnesses", serde_json::Value::Null),
            ),
            (
                "missing threshold",
                changed("threshold", serde_json::Value::Null),
            ),
            ("unknown member", changed("extra", serde_json::json!(1))),
            ("not an object", serde_json::json!("r.example/log")),
            ("empty origin", changed("origin", serde_json::json!(""))),
            (
                "two-line origin",
                changed("origin", serde_json::json!("a\nb")),
            ),
            (
                "plain http",
                changed("url", serde_json::json!("http://r.example/log/")),
            ),
            (
                "no trailing slash",
                changed("url", serde_json::json!("https://r.example/log")),
            ),
            ("not a URL", changed("url", serde_json::json!("log/"))),
            ("no log key", changed("keys", serde_json::json!([]))),
            (
                "a witness key as log key",
                changed("keys", serde_json::json!([good["witnesses"][0]])),
            ),
            (
                "a log key as witness",
                changed("witnesses", serde_json::json!([good["keys"][0]])),
            ),
            (
                "garbage key",
                changed("keys", serde_json::json!(["r.example/log+00+AA"])),
            ),
            (
                "threshold above witnesses",
                changed("threshold", serde_json::json!(3)),
            ),
            (
                "negative threshold",
                changed("threshold", serde_json::json!(-1)),
            ),
            (
                "a witness twice",
                changed(
                    "witnesses",
                    serde_json::json!([good["witnesses"][0], good["witnesses"][0]]),
                ),
            ),
        ];
        for (case, log) in cases {
            match verify_with(log) {
                Err(TrustListError::Fault(TrustListFault::MalformedLog {
                    registry_id, ..
                })) => {
                    assert_eq!(registry_id, "a", "{case}")
                }
                other => panic!("{case}: expected malformed_log, got {other:?}"),
            }
        }
        // http is allowed for a loopback log of a registry allowed loopback http (tests, demo).
        let mut st = serde_json::to_value(statement(1)).unwrap();
        st["registries"][2]["log"] =
            changed("url", serde_json::json!("http://127.0.0.1:9000/log/"));
        let bytes = key.sign_envelope("root-1", TRUST_LIST_TYPE, st.to_string().as_bytes());
        assert!(TrustList::verify(&bytes, &anchors, now()).is_ok());
    }

    /// The same rule as `CheckFailure`: `code()` is the serde name.
    #[test]
    fn fault_code_matches_serde_name() {
        let s = String::new;
        let all = [
            TrustListFault::MalformedTrustList { detail: s() },
            TrustListFault::MalformedRegistry {
                registry_id: s(),
                detail: s(),
            },
            TrustListFault::DuplicateRegistry { registry_id: s() },
            TrustListFault::SharedPrefix {
                prefix: s(),
                first: s(),
                second: s(),
            },
            TrustListFault::MalformedKey {
                registry_id: s(),
                kid: s(),
                detail: s(),
            },
            TrustListFault::BadKeyDate {
                registry_id: s(),
                kid: s(),
                field: s(),
                value: s(),
            },
            TrustListFault::BadPublicKey {
                registry_id: s(),
                kid: s(),
                alg: Algorithm::EdDsa,
            },
            TrustListFault::MalformedLog {
                registry_id: s(),
                detail: s(),
            },
            TrustListFault::BadRecordUrlTemplate {
                registry_id: s(),
                template: s(),
            },
        ];
        for fault in all {
            let json = serde_json::to_value(&fault).unwrap();
            assert_eq!(json["kind"], fault.code(), "{fault:?}");
        }
    }
}
