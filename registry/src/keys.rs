//! Signing keys as JSON files, one key per file:
//! `{ "warning", "kid", "alg", "pkcs8": "<base64url>", "public_key": "<base64url raw>" }`,
//! and a root key's public half ([`AnchorFile`]).
//!
//! Loading reuses an existing file; only a missing file is created, so the fixtures can be
//! regenerated with the same keys (same Ed25519 signatures; ES256 signatures are randomized).

use std::fmt;
use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use trustlabel_protocol::{Algorithm, PublicKey, SigningKey};
use trustlabel_protocol::{KeyEntry, KeyStatus, TrustAnchor};

use crate::Error;

/// Written into every key file.
pub const TEST_ONLY_WARNING: &str = "TEST ONLY - never use in production";

/// The on-disk form of a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    /// Says the key is for tests only, in the file itself, for anyone who opens it.
    pub warning: String,
    /// The key id trust lists and envelopes name it by.
    pub kid: String,
    /// The signature algorithm.
    pub alg: Algorithm,
    /// Base64url of the PKCS#8 private key document.
    pub pkcs8: String,
    /// Base64url raw public key (65-byte P-256 point or 32-byte Ed25519 key).
    pub public_key: String,
}

/// A signing key with its `kid` and its PKCS#8 document (so it can be saved again).
pub struct NamedKey {
    /// The key id trust lists and envelopes name it by.
    pub kid: String,
    pkcs8: Vec<u8>,
    key: SigningKey,
}

impl fmt::Debug for NamedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NamedKey")
            .field("kid", &self.kid)
            .field("alg", &self.alg())
            .finish_non_exhaustive()
    }
}

impl NamedKey {
    /// A new random key.
    #[allow(
        clippy::expect_used,
        reason = "ring accepts the PKCS#8 document it has just made"
    )]
    pub fn generate(kid: &str, alg: Algorithm) -> Self {
        let pkcs8 = SigningKey::generate_pkcs8(alg);
        let key = SigningKey::from_pkcs8(alg, &pkcs8).expect("ring accepts its own PKCS#8");
        NamedKey {
            kid: kid.to_owned(),
            pkcs8,
            key,
        }
    }

    /// Reads a key from its on-disk form, checking that the public key matches the private one.
    pub fn from_key_file(file: &KeyFile) -> Result<Self, String> {
        let pkcs8 = URL_SAFE_NO_PAD
            .decode(&file.pkcs8)
            .map_err(|e| format!("pkcs8 is not base64url: {e}"))?;
        let key = SigningKey::from_pkcs8(file.alg, &pkcs8).map_err(|e| e.to_string())?;
        if key.public_key().to_base64url() != file.public_key {
            return Err("public_key does not belong to the private key".into());
        }
        Ok(NamedKey {
            kid: file.kid.clone(),
            pkcs8,
            key,
        })
    }

    /// The on-disk form, with its test-only warning.
    pub fn to_key_file(&self) -> KeyFile {
        KeyFile {
            warning: TEST_ONLY_WARNING.to_owned(),
            kid: self.kid.clone(),
            alg: self.alg(),
            pkcs8: URL_SAFE_NO_PAD.encode(&self.pkcs8),
            public_key: self.public_key().to_base64url(),
        }
    }

    /// Reads a key file.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let file: KeyFile = serde_json::from_slice(&text).map_err(|e| Error::json(path, e))?;
        NamedKey::from_key_file(&file).map_err(|reason| Error::Key {
            path: path.to_owned(),
            reason,
        })
    }

    /// Writes the key file (pretty JSON), creating the folder.
    #[allow(
        clippy::expect_used,
        reason = "serde_json fails only on maps with non-string keys, which these types do not have"
    )]
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let mut text = serde_json::to_string_pretty(&self.to_key_file()).expect("serialisable");
        text.push('\n');
        write_private(path, text.as_bytes()).map_err(|e| Error::io(path, e))
    }

    /// Loads `path` if it exists; otherwise generates a key and saves it there. An existing
    /// file with another kid or algorithm is an error, never silently replaced.
    pub fn load_or_create(path: &Path, kid: &str, alg: Algorithm) -> Result<Self, Error> {
        if path.exists() {
            let key = NamedKey::load(path)?;
            if key.kid != kid || key.alg() != alg {
                return Err(Error::Key {
                    path: path.to_owned(),
                    reason: format!(
                        "expected kid {kid} ({}), found kid {} ({})",
                        alg.as_str(),
                        key.kid,
                        key.alg().as_str()
                    ),
                });
            }
            Ok(key)
        } else {
            let key = NamedKey::generate(kid, alg);
            key.save(path)?;
            Ok(key)
        }
    }

    /// The signature algorithm.
    pub fn alg(&self) -> Algorithm {
        self.key.alg()
    }

    /// The private key, to sign with.
    pub fn signing_key(&self) -> &SigningKey {
        &self.key
    }

    /// The public half, as trust lists list it.
    pub fn public_key(&self) -> PublicKey {
        self.key.public_key()
    }

    /// This key as a trust-list key entry.
    pub fn key_entry(
        &self,
        status: KeyStatus,
        not_before: Option<&str>,
        not_after: Option<&str>,
    ) -> KeyEntry {
        KeyEntry {
            kid: self.kid.clone(),
            alg: self.alg(),
            public_key: self.public_key().to_base64url(),
            not_before: not_before.map(str::to_owned),
            not_after: not_after.map(str::to_owned),
            status,
            retired_at: None,
        }
    }

    /// This key as a pinned trust anchor.
    pub fn anchor(&self) -> TrustAnchor {
        TrustAnchor {
            kid: self.kid.clone(),
            key: self.public_key(),
        }
    }
}

/// A root key's public half as a file, `{"kid","alg","public_key"}` (base64url): what
/// `export --anchor` reads, and what the fixtures pin as the built-in anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnchorFile {
    /// The key id.
    pub kid: String,
    /// The signature algorithm.
    pub alg: Algorithm,
    /// The raw public key, base64url.
    pub public_key: String,
}

impl AnchorFile {
    /// The public half of `key`.
    pub fn of(key: &NamedKey) -> Self {
        AnchorFile {
            kid: key.kid.clone(),
            alg: key.alg(),
            public_key: key.public_key().to_base64url(),
        }
    }

    /// The trust anchor, if `public_key` is a valid key of `alg`.
    pub fn to_anchor(&self) -> Option<TrustAnchor> {
        Some(TrustAnchor {
            kid: self.kid.clone(),
            key: PublicKey::from_base64url(self.alg, &self.public_key)?,
        })
    }
}

/// Writes a private key file readable by its owner only: created with mode 0600 (never
/// world-readable, not even for a moment), and an existing file is narrowed to 0600 too.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let mut file = options.open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file.write_all(bytes)?;
        file.sync_all()
    }
    #[cfg(not(unix))]
    {
        let mut file = options.open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_files_round_trip_and_are_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.json");
        let first = NamedKey::load_or_create(&path, "k", Algorithm::EdDsa).unwrap();
        let again = NamedKey::load_or_create(&path, "k", Algorithm::EdDsa).unwrap();
        assert_eq!(first.public_key(), again.public_key());
        let file: KeyFile = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(file.warning, TEST_ONLY_WARNING);
        assert!(NamedKey::load_or_create(&path, "k", Algorithm::Es256).is_err());
        assert!(NamedKey::load_or_create(&path, "other", Algorithm::EdDsa).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn key_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.json");
        NamedKey::load_or_create(&path, "k", Algorithm::Es256).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }

    #[test]
    fn a_mismatched_public_key_is_rejected() {
        let mut file = NamedKey::generate("a", Algorithm::Es256).to_key_file();
        file.public_key = NamedKey::generate("b", Algorithm::Es256)
            .public_key()
            .to_base64url();
        assert!(NamedKey::from_key_file(&file).is_err());
    }
}
