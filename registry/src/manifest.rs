//! `api-fixtures/manifest.json`: the machine-readable index of the fixtures that the CLI's
//! demo, the cross-crate tests and the apps' tests use. Paths are relative to `api-fixtures/`.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::Error;

/// File name of the manifest inside the fixtures folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// `expect.outcome`: every check passed.
pub const OUTCOME_VERIFIED: &str = "verified";
/// `expect.outcome`: every check passed but `exp` has passed (shown, marked out of date).
pub const OUTCOME_VERIFIED_STALE: &str = "verified_stale";
/// `expect.outcome`: a check failed; `expect.reason` is its [`CheckFailure`] code.
///
/// [`CheckFailure`]: trustlabel_protocol::CheckFailure
pub const OUTCOME_INVALID: &str = "invalid";
/// `expect.outcome`: the registry answers 404 for this label.
pub const OUTCOME_UNKNOWN_PRODUCT: &str = "unknown_product";

/// The fixtures' index: the registry, the trust files, every label with what it must give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The demo registry's URL prefix in the trust list.
    pub registry_prefix: String,
    /// The date the expectations hold on (`YYYY-MM-DD`); see [`Manifest::now`].
    pub now_reference: String,
    /// The trust anchor and trust list files.
    pub trust: TrustFiles,
    /// Every fixture label, good and bad, with its expected outcome.
    pub labels: Vec<Label>,
    /// A label served first a newer, then an older statement: the older one is a rollback.
    pub rollback: Rollback,
}

/// The trust files of the fixtures, paths relative to `api-fixtures/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustFiles {
    /// The root public key as one object `{"kid","alg","public_key"}`.
    pub anchor: String,
    /// Trust list version 1, valid until 2036 (also `core/trust/default-trust-list.jws.json`).
    pub list: String,
    /// Version 2: the same registry plus the key `demo-2027`.
    pub list_v2: String,
    /// Version 1 with `exp` in the past: still usable, every result says it is out of date.
    pub list_expired: String,
}

/// One fixture label and what scanning it must give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    /// A short name, unique in the manifest (`ringwraith-2000`).
    pub slug: String,
    /// The label's QR URL (normalised).
    pub url: String,
    /// The envelope the registry serves for `url`; `null` when it answers 404.
    pub envelope: Option<String>,
    /// The CTA-2120 record inside the envelope, for the good labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// Kid in the envelope's header, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    /// What scanning the label must give on `now_reference`.
    pub expect: Expect,
    /// What the label tests, for people reading the manifest.
    pub notes: String,
}

/// What a fixture label must give when scanned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expect {
    /// One of the `OUTCOME_*` constants.
    pub outcome: String,
    /// The failed check's code (`CheckFailure::code`), or `null`.
    pub reason: Option<String>,
    /// For verified labels: the statement's `status.authorization`
    /// (`active | suspended | withdrawn | expired | not_given`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<String>,
    /// For verified labels, on `now_reference`: `ended | ends_within_6_months | supported |
    /// unsupported | not_given` (not_given: support_date missing or malformed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<String>,
}

/// The rollback case: one label, two statements served one after the other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rollback {
    /// The label's QR URL.
    pub url: String,
    /// Served first: verifies (`iat` later, `seq` 2).
    pub newer: String,
    /// Served next: valid on its own, but older than the cached newer one.
    pub older: String,
    /// For `older` after `newer` was cached: `invalid` / `rollback`.
    pub expect: Expect,
}

impl Manifest {
    /// Reads `<dir>/manifest.json`.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let path = dir.join(MANIFEST_FILE);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let manifest: Manifest =
            serde_json::from_slice(&bytes).map_err(|e| Error::json(&path, e))?;
        // Checked here so that a bad file is an error naming it, and `now` cannot fail.
        if NaiveDate::parse_from_str(&manifest.now_reference, "%Y-%m-%d").is_err() {
            let reason = format!(
                "now_reference {:?} is not YYYY-MM-DD",
                manifest.now_reference
            );
            return Err(Error::json(&path, serde::de::Error::custom(reason)));
        }
        Ok(manifest)
    }

    /// `now_reference` at 12:00 UTC: the "now" to verify the fixtures with.
    #[allow(
        clippy::expect_used,
        reason = "load() checked now_reference; 12:00:00 is a valid time"
    )]
    pub fn now(&self) -> DateTime<Utc> {
        NaiveDate::parse_from_str(&self.now_reference, "%Y-%m-%d")
            .expect("now_reference is YYYY-MM-DD")
            .and_hms_opt(12, 0, 0)
            .expect("valid time")
            .and_utc()
    }

    /// The label with this slug, if the manifest has one.
    pub fn label(&self, slug: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.slug == slug)
    }

    /// The URL path of `url` (`/l/<slug>`), the key the loopback server serves it under.
    pub fn path_of(url: &str) -> Option<String> {
        url::Url::parse(url).ok().map(|u| u.path().to_owned())
    }
}
