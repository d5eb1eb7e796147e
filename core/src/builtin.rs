//! The trust built into the app (protocol section 4b): the pinned root key(s) and a signed
//! default trust list.
//!
//! No official registry has adopted any API yet, so the built-in list holds only the demo
//! registry, signed by the project's TEST-ONLY root key (its private half is committed in
//! `api-fixtures/keys/`). A deployment passes its own anchors and list through
//! [`crate::scanner::ScannerConfig`], the CLI's `--trust-list`/`--trust-anchor`, or the FFI.

use serde::Deserialize;

use trustlabel_protocol::{Algorithm, PublicKey, TrustAnchor};

/// The default signed trust list, verified against [`trust_anchors`] on every start.
pub const TRUST_LIST: &[u8] = include_bytes!("../trust/default-trust-list.jws.json");

/// Where the demo registry publishes the built-in list's successors (the registry's
/// `export` and `serve` write it at `/trust/trust-list.jws.json`).
pub const TRUST_LIST_URL: &str = "https://demo.trustlabel.dev/trust/trust-list.jws.json";

/// [`TRUST_LIST_URL`], parsed.
pub fn trust_list_url() -> Option<url::Url> {
    url::Url::parse(TRUST_LIST_URL).ok()
}

const ROOT_ANCHORS: &str = include_str!("../trust/root-anchors.json");

/// A trust anchor as written in JSON: `{"kid", "alg", "public_key": "<base64url raw>"}`.
#[derive(Debug, Deserialize)]
pub struct AnchorFile {
    /// The anchor's key id.
    pub kid: String,
    /// The algorithm of the root key.
    pub alg: Algorithm,
    /// The raw public key, base64url.
    pub public_key: String,
}

impl AnchorFile {
    /// The anchor, or `None` when `public_key` is not a raw key of `alg`.
    pub fn into_anchor(self) -> Option<TrustAnchor> {
        Some(TrustAnchor {
            key: PublicKey::from_base64url(self.alg, &self.public_key)?,
            kid: self.kid,
        })
    }
}

/// Parses anchors from JSON: one object or an array of them. `None` if any is invalid.
pub fn parse_anchors(json: &[u8]) -> Option<Vec<TrustAnchor>> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(AnchorFile),
        Many(Vec<AnchorFile>),
    }
    let files = match serde_json::from_slice(json).ok()? {
        OneOrMany::One(a) => vec![a],
        OneOrMany::Many(v) => v,
    };
    let anchors: Option<Vec<_>> = files.into_iter().map(AnchorFile::into_anchor).collect();
    anchors.filter(|a| !a.is_empty())
}

/// The pinned root keys.
pub fn trust_anchors() -> Vec<TrustAnchor> {
    // Checked by the test below at build time of every test run; a bad file is a build bug.
    parse_anchors(ROOT_ANCHORS.as_bytes()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use trustlabel_protocol::TrustList;

    #[test]
    fn built_in_list_verifies_against_built_in_anchors() {
        let anchors = trust_anchors();
        assert!(!anchors.is_empty());
        let list = TrustList::verify(TRUST_LIST, &anchors, chrono::Utc::now()).unwrap();
        assert!(list.registry("demo").is_some());
    }
}
