//! The files that let a phone open a label's link in the app instead of the browser:
//! Android App Links (`/.well-known/assetlinks.json`, Digital Asset Links) and iOS Universal
//! Links (`/.well-known/apple-app-site-association`). Both are made from the app ids in the
//! registry's configuration (`--app-links <file>`, [`AppLinks::load`]) and published like any
//! other file of the site: `export` writes them (and `nginx.conf` gives them the JSON content
//! type, see [`NGINX_LOCATIONS`]), `serve` answers them. The consumer page is unchanged: a
//! phone without the app, or a desktop browser, still gets the page at the label's URL.
//!
//! The configuration file:
//!
//! ```json
//! {
//!   "android": [{"package_name": "org.trustlabel.app",
//!                "sha256_cert_fingerprints": ["14:6D:E9:...:D5"]}],
//!   "ios": ["ABCDE12345.org.trustlabel.app"],
//!   "paths": ["/l/*"]
//! }
//! ```
//!
//! `sha256_cert_fingerprints` are the SHA-256 fingerprints of the certificates the app is
//! signed with (Play App Signing's for a store build; `keytool -list -v` for a local key),
//! 32 bytes as colon-separated hex. `ios` entries are `<Team ID>.<bundle id>`. `paths` are the
//! label paths the apps claim (default `/l/*`, the registry's label prefix).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::json;

use crate::Error;

/// Where Android looks for the Digital Asset Links statement of a host.
pub const ASSETLINKS_PATH: &str = "/.well-known/assetlinks.json";
/// Where iOS looks for the associated-domains file of a host (no extension).
pub const AASA_PATH: &str = "/.well-known/apple-app-site-association";
/// Both files are JSON; Apple requires `application/json` and no redirect.
pub const CONTENT_TYPE: &str = "application/json";
/// The relation that lets an Android app handle the site's links (App Links).
pub const HANDLE_ALL_URLS: &str = "delegate_permission/common.handle_all_urls";
/// The label paths claimed when the configuration names none: the registry's label prefix.
pub const DEFAULT_PATH: &str = "/l/*";

/// `nginx.conf` lines for `server {}`: the iOS file has no extension, so its type is set here
/// (`assetlinks.json` gets `application/json` from the `types` map); exact-match locations
/// serve the file as it is, with no redirect and no content negotiation.
pub const NGINX_LOCATIONS: &str = r#"        # App Links / Universal Links (see registry/src/app_links.rs); 404 when not configured.
        location = /.well-known/assetlinks.json {
            default_type application/json;
            try_files $uri =404;
        }
        location = /.well-known/apple-app-site-association {
            default_type application/json;
            try_files $uri =404;
        }"#;

/// One Android app that may open the registry's label links.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AndroidApp {
    /// The application id (`org.trustlabel.app`).
    pub package_name: String,
    /// SHA-256 fingerprints of its signing certificates, `AA:BB:...` (32 bytes).
    pub sha256_cert_fingerprints: Vec<String>,
}

/// The apps that may open the registry's label links, from the registry's configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppLinks {
    /// Android apps (App Links).
    #[serde(default)]
    pub android: Vec<AndroidApp>,
    /// iOS apps as `<Team ID>.<bundle id>` (Universal Links).
    #[serde(default)]
    pub ios: Vec<String>,
    /// Label paths the apps handle, Apple's `components` patterns (`/l/*`).
    #[serde(default = "default_paths")]
    pub paths: Vec<String>,
}

fn default_paths() -> Vec<String> {
    vec![DEFAULT_PATH.to_owned()]
}

/// Whether `path` is one of the two files (export and `Site::load` accept them besides the
/// site's safe paths, which never start with a dot).
pub fn is_app_links_path(path: &str) -> bool {
    path == ASSETLINKS_PATH || path == AASA_PATH
}

impl AppLinks {
    /// Reads and checks the configuration file.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let links: AppLinks = serde_json::from_slice(&text).map_err(|e| Error::json(path, e))?;
        links.check().map_err(|reason| Error::AppLinks {
            path: PathBuf::from(path),
            reason,
        })?;
        Ok(links)
    }

    /// Every id well formed: a wrong fingerprint or app id makes the platforms refuse the
    /// association silently, so it is refused here, loudly, instead.
    pub fn check(&self) -> Result<(), String> {
        if self.android.is_empty() && self.ios.is_empty() {
            return Err("names no Android and no iOS app".into());
        }
        for app in &self.android {
            if !package_name(&app.package_name) {
                return Err(format!(
                    "{:?} is not an Android package name",
                    app.package_name
                ));
            }
            if app.sha256_cert_fingerprints.is_empty() {
                return Err(format!(
                    "{} has no sha256_cert_fingerprints",
                    app.package_name
                ));
            }
            if let Some(bad) = app
                .sha256_cert_fingerprints
                .iter()
                .find(|f| !fingerprint(f))
            {
                return Err(format!(
                    "{bad:?} is not a SHA-256 fingerprint (32 bytes as AA:BB:... hex)"
                ));
            }
        }
        if let Some(bad) = self.ios.iter().find(|id| !apple_app_id(id)) {
            return Err(format!(
                "{bad:?} is not an iOS app id (<10-character Team ID>.<bundle id>)"
            ));
        }
        if self.paths.is_empty() {
            return Err("paths is empty".into());
        }
        if let Some(bad) = self.paths.iter().find(|p| !p.starts_with('/')) {
            return Err(format!("path {bad:?} does not start with /"));
        }
        Ok(())
    }

    /// `assetlinks.json`: one statement per Android app, fingerprints in upper case.
    pub fn assetlinks(&self) -> Vec<u8> {
        let statements: Vec<_> = self
            .android
            .iter()
            .map(|app| {
                json!({
                    "relation": [HANDLE_ALL_URLS],
                    "target": {
                        "namespace": "android_app",
                        "package_name": app.package_name,
                        "sha256_cert_fingerprints": app.sha256_cert_fingerprints.iter()
                            .map(|f| f.to_ascii_uppercase()).collect::<Vec<_>>(),
                    }
                })
            })
            .collect();
        pretty(&json!(statements))
    }

    /// `apple-app-site-association`: `applinks` with `appIDs` and one component per path
    /// (iOS 13+ reads `components`; the `?`-free patterns match any query).
    pub fn apple_app_site_association(&self) -> Vec<u8> {
        let details: Vec<_> = if self.ios.is_empty() {
            Vec::new()
        } else {
            let components: Vec<_> = self
                .paths
                .iter()
                .map(|p| json!({"/": p, "comment": "a label's link: open it in the app"}))
                .collect();
            vec![json!({"appIDs": self.ios, "components": components})]
        };
        pretty(&json!({"applinks": {"details": details}}))
    }

    /// The two files as the site's extra files: path -> (content type, bytes). A file is
    /// published only for a platform the configuration names.
    pub fn add_to(&self, files: &mut BTreeMap<String, (String, Vec<u8>)>) {
        if !self.android.is_empty() {
            files.insert(
                ASSETLINKS_PATH.to_owned(),
                (CONTENT_TYPE.to_owned(), self.assetlinks()),
            );
        }
        if !self.ios.is_empty() {
            files.insert(
                AASA_PATH.to_owned(),
                (CONTENT_TYPE.to_owned(), self.apple_app_site_association()),
            );
        }
    }
}

/// Reads `config` (when given) into `files`: the hook `export` and `serve` call.
pub fn add_configured(
    config: Option<&Path>,
    files: &mut BTreeMap<String, (String, Vec<u8>)>,
) -> Result<(), Error> {
    if let Some(path) = config {
        AppLinks::load(path)?.add_to(files);
    }
    Ok(())
}

#[allow(
    clippy::expect_used,
    reason = "serde_json fails only on maps with non-string keys, which these values do not have"
)]
fn pretty(value: &serde_json::Value) -> Vec<u8> {
    let mut text = serde_json::to_vec_pretty(value).expect("serialisable");
    text.push(b'\n');
    text
}

/// Android's rule: two or more segments of `[A-Za-z][A-Za-z0-9_]*`, separated by dots.
fn package_name(name: &str) -> bool {
    let segments: Vec<_> = name.split('.').collect();
    segments.len() >= 2
        && segments.iter().all(|s| {
            s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

fn fingerprint(text: &str) -> bool {
    let bytes: Vec<_> = text.split(':').collect();
    bytes.len() == 32
        && bytes
            .iter()
            .all(|b| b.len() == 2 && b.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `<Team ID>.<bundle id>`: ten upper-case letters or digits, then a reverse-DNS bundle id.
fn apple_app_id(id: &str) -> bool {
    let Some((team, bundle)) = id.split_once('.') else {
        return false;
    };
    team.len() == 10
        && team
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !bundle.is_empty()
        && bundle
            .split('.')
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}
