//! The app's configuration, turned into the core's [`core::ScannerConfig`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local, Utc};
use trustlabel_core::builtin::parse_anchors;
use trustlabel_core::fetch::FetchConfig;
use trustlabel_core::scanner as core;

use crate::error::TrustLabelError;

/// How to open a [`crate::Scanner`]. Only `data_dir` and `locale` matter to an app; the rest
/// is for deployments with their own trust list, and for tests and demos.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ScannerConfig {
    /// Folder of the offline cache (created if missing), e.g. `context.filesDir/trustlabel`.
    /// `None` keeps everything in memory for this session only.
    pub data_dir: Option<String>,
    /// BCP 47 tag of the language for summaries (`en-US`, `es-US`, `es-MX`, ...); unknown
    /// languages fall back to US English.
    pub locale: String,
    /// A signed trust list (JWS JSON bytes) to use instead of the built-in one.
    #[uniffi(default = None)]
    pub trust_list: Option<Vec<u8>>,
    /// The root key(s) that trust list must be signed by (JSON: one `{kid, alg, public_key}`
    /// object or an array of them) instead of the built-in anchors.
    #[uniffi(default = None)]
    pub trust_anchor: Option<Vec<u8>>,
    /// Where the trust list's successors are published (`https`), for
    /// `refresh_trust_list`: from the app's build configuration, next to `trust_list`.
    /// `None` with the built-in list: the built-in list's own address; `None` with
    /// `trust_list`: no refresh (`NotConfigured`).
    #[uniffi(default = None)]
    pub trust_list_url: Option<String>,
    /// Never touch the network: answer from the offline cache only.
    #[uniffi(default = false)]
    pub offline: bool,
    /// Send every registry request to this origin instead (`http://127.0.0.1:8080`), keeping
    /// path and query. For the loopback demo registry and tests; nothing is trusted for its
    /// transport, records are verified as always.
    #[uniffi(default = None)]
    pub registry_origin: Option<String>,
    /// Connect timeout per attempt (default 3000 ms).
    #[uniffi(default = None)]
    pub connect_timeout_ms: Option<u32>,
    /// Whole-request timeout per attempt (default 10000 ms).
    #[uniffi(default = None)]
    pub request_timeout_ms: Option<u32>,
    /// Retries on connect errors, timeouts and 5xx (default 2).
    #[uniffi(default = None)]
    pub max_retries: Option<u32>,
    /// The device's offset from UTC, for "today" in relative dates ("ends in 3 months").
    /// `None`: read the system's time zone at every scan.
    #[uniffi(default = None)]
    pub utc_offset_minutes: Option<i32>,
    /// Pretend it is always this moment (Unix seconds). For tests and demos; leave it `None`.
    #[uniffi(default = None)]
    pub fixed_time_unix: Option<i64>,
}

/// What the FFI keeps besides the core scanner: how to word summaries.
#[derive(Debug, Clone)]
pub(crate) struct Presentation {
    pub locale: String,
    utc_offset: Option<FixedOffset>,
    fixed_time: Option<DateTime<Utc>>,
}

impl Presentation {
    /// The device's local time, for the summary's relative dates.
    pub fn now(&self) -> DateTime<FixedOffset> {
        let utc = self.fixed_time.unwrap_or_else(Utc::now);
        match self.utc_offset {
            Some(offset) => utc.with_timezone(&offset),
            None => utc.with_timezone(&Local).fixed_offset(),
        }
    }
}

/// The cache folder the app passed, if it is one the scanner may own. Recovery moves a
/// damaged cache aside by renaming its folder, so a folder that is not the app's own (`/`,
/// the home folder or one above it, the temp folder itself, a file) is refused here rather
/// than renamed later. A folder that does not exist yet is fine: it is created.
fn checked_data_dir(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    if text.trim().is_empty() || !path.is_absolute() {
        return Err(format!("data_dir must be an absolute path: {text:?}"));
    }
    if path
        .components()
        .any(|c| c == std::path::Component::ParentDir)
    {
        return Err(format!("data_dir must not contain \"..\": {text}"));
    }
    // The folder's own name must be a name: `/`, `C:\\` have none.
    if path.file_name().is_none() {
        return Err(format!("data_dir is the root of a file system: {text}"));
    }
    let same = |a: &std::path::Path, b: &std::path::Path| {
        let canon = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        canon(a) == canon(b)
    };
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(home) = home.filter(|h| h.is_absolute()) {
        if home.ancestors().any(|a| same(a, &path)) {
            return Err(format!(
                "data_dir is the home folder or one above it: {text}; pass a folder of the app's own"
            ));
        }
    }
    if same(&std::env::temp_dir(), &path) {
        return Err(format!(
            "data_dir is the temporary folder itself: {text}; pass a folder inside it"
        ));
    }
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_dir() => Ok(path),
        Ok(_) => Err(format!("data_dir is not a folder: {text}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(path),
        Err(e) => Err(format!("data_dir cannot be used: {text}: {e}")),
    }
}

impl ScannerConfig {
    pub(crate) fn into_core(self) -> Result<(core::ScannerConfig, Presentation), TrustLabelError> {
        let invalid = |detail: String| TrustLabelError::InvalidConfig { detail };
        let data_dir = self
            .data_dir
            .as_deref()
            .map(checked_data_dir)
            .transpose()
            .map_err(invalid)?;
        let mut config = core::ScannerConfig::new(data_dir);
        // A deployment's own list must come with its own root key: the built-in root is a
        // test-only key whose private half is public.
        if self.trust_list.is_some() && self.trust_anchor.is_none() {
            return Err(invalid(
                "trust_list needs the trust_anchor it is signed by".into(),
            ));
        }
        if let Some(json) = &self.trust_anchor {
            config.trust_anchors = parse_anchors(json)
                .ok_or_else(|| invalid("trust_anchor is not a valid root key (JSON)".into()))?;
        }
        if let Some(list) = self.trust_list {
            config.trust_list = list;
            config.trust_list_url = None;
        }
        if let Some(text) = &self.trust_list_url {
            config.trust_list_url = Some(
                url::Url::parse(text)
                    .ok()
                    .filter(|u| u.has_host())
                    .ok_or_else(|| {
                        invalid(format!("trust_list_url is not a valid address: {text}"))
                    })?,
            );
        }
        config.offline = self.offline;
        let defaults = FetchConfig::default();
        let origin = match &self.registry_origin {
            Some(text) => Some(
                url::Url::parse(text)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
                    .ok_or_else(|| {
                        invalid(format!("registry_origin is not an http(s) origin: {text}"))
                    })?,
            ),
            None => None,
        };
        let ms = |v: Option<u32>, default: Duration| {
            v.map_or(default, |v| Duration::from_millis(v.into()))
        };
        config.fetch = FetchConfig {
            connect_timeout: ms(self.connect_timeout_ms, defaults.connect_timeout),
            request_timeout: ms(self.request_timeout_ms, defaults.request_timeout),
            max_retries: self.max_retries.unwrap_or(defaults.max_retries),
            origin_override: origin,
            ..defaults
        };
        let fixed_time = match self.fixed_time_unix {
            Some(secs) => Some(
                DateTime::from_timestamp(secs, 0)
                    .ok_or_else(|| invalid(format!("fixed_time_unix is out of range: {secs}")))?,
            ),
            None => None,
        };
        if let Some(now) = fixed_time {
            config.clock = Arc::new(move || now);
        }
        let utc_offset = match self.utc_offset_minutes {
            Some(minutes) => Some(
                minutes
                    .checked_mul(60)
                    .and_then(FixedOffset::east_opt)
                    .ok_or_else(|| {
                        invalid(format!("utc_offset_minutes is out of range: {minutes}"))
                    })?,
            ),
            None => None,
        };
        let presentation = Presentation {
            locale: self.locale,
            utc_offset,
            fixed_time,
        };
        Ok((config, presentation))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_must_be_a_folder_the_app_owns() {
        let refused = |p: &str| checked_data_dir(p).is_err();
        assert!(refused("/"));
        assert!(refused(""));
        assert!(refused("relative/dir"));
        assert!(refused("/data/../.."));
        if let Some(home) = std::env::var_os("HOME") {
            let home = home.to_string_lossy().into_owned();
            assert!(refused(&home), "the home folder itself");
            assert!(!refused(&format!("{home}/.trustlabel-test-cache")));
        }
        assert!(refused(std::env::temp_dir().to_str().unwrap()));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"x").unwrap();
        assert!(refused(file.to_str().unwrap()), "a file");
        assert!(
            !refused(dir.path().to_str().unwrap()),
            "a folder of its own"
        );
        assert!(
            !refused(dir.path().join("new").to_str().unwrap()),
            "not yet created"
        );
    }
}
