//! A registry's public site, built once from its envelopes: for every label the envelope,
//! the consumer page in each language, and an RFC 9264 linkset; for the whole registry a
//! pack of every label and the trust list. [`Site::write`] writes it as static files
//! ([`crate::export`] adds a ready nginx configuration); [`Site::load`] reads an export back,
//! for `serve --site`.
//!
//! Export layout (`<path>` is a label URL's path, e.g. `l/ringwraith-2000`):
//!
//! ```text
//! <path>/record.jws        the envelope           application/jose+json
//! <path>/links.linkset     the linkset            application/linkset+json
//! <path>/<locale>.html     the page in a language text/html; one per PAGE_LOCALES:
//!                          en-US, es-US, zh-Hans, zh-Hant, vi
//! index.html, 404.<locale>.html (the same locales)
//! pack.json                every label that verifies, and the trust list
//! site.json                the index of labels (path -> url), read back by Site::load
//! trust/...                extra files given to the build (trust lists), served as they are
//! log/checkpoint           the transparency log's signed checkpoint (replaced by each export)
//! log/tile/..., log/statements/...  its tiles and bundles (written once, never replaced)
//! nginx.conf               content negotiation for nginx (written by crate::export)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use trustlabel_protocol::{checked_link, LinkKind, TrustAnchor, TrustList};

use crate::http::JOSE_JSON;
use crate::keys::AnchorFile;
use crate::manifest::Manifest;
use crate::page::{self, PageInput, PAGE_LOCALES};
use crate::Error;

/// The envelope file in a label's folder.
pub const RECORD_FILE: &str = "record.jws";
/// The linkset file in a label's folder.
pub const LINKSET_FILE: &str = "links.linkset";
/// The index of an export.
pub const SITE_INDEX_FILE: &str = "site.json";
/// The pack of an export.
pub const PACK_FILE: &str = "pack.json";

/// The fixtures' log directory, in `api-fixtures/`.
pub const FIXTURE_LOG_DIR: &str = "log";

/// Puts `log`'s files among a site's `files`, under [`crate::log::LOG_PATH`]: what
/// [`Site::build`] attaches proofs from, and what the export publishes.
pub fn add_log_files(files: &mut BTreeMap<String, (String, Vec<u8>)>, log: &crate::log::SiteLog) {
    files.retain(|path, _| !path.starts_with(&format!("{}/", crate::log::LOG_PATH)));
    for (path, bytes) in log.files() {
        let content_type = if path == trustlabel_tlog::CHECKPOINT_FILE {
            crate::log::CHECKPOINT_TYPE
        } else {
            crate::log::TILE_TYPE
        };
        files.insert(
            format!("{}/{path}", crate::log::LOG_PATH),
            (content_type.to_owned(), bytes.clone()),
        );
    }
}

/// The log among a site's `files` (see [`add_log_files`]), if it has one.
fn log_in(
    files: &BTreeMap<String, (String, Vec<u8>)>,
) -> Result<Option<crate::log::SiteLog>, Error> {
    let prefix = format!("{}/", crate::log::LOG_PATH);
    let log_files: BTreeMap<String, Vec<u8>> = files
        .iter()
        .filter_map(|(path, (_, bytes))| {
            path.strip_prefix(&prefix)
                .map(|rest| (rest.to_owned(), bytes.clone()))
        })
        .collect();
    if !log_files.contains_key(trustlabel_tlog::CHECKPOINT_FILE) {
        return Ok(None);
    }
    crate::log::SiteLog::from_files(log_files).map(Some)
}

/// One label of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLabel {
    /// The URL path it is served at (`/l/<slug>`).
    pub path: String,
    /// The label's QR URL.
    pub url: String,
    /// The signed record served for it.
    pub envelope: Vec<u8>,
    /// The label's links as an RFC 9264 linkset.
    pub linkset: Vec<u8>,
    /// `(locale, page)` in [`PAGE_LOCALES`] order.
    pub pages: Vec<(String, Vec<u8>)>,
    /// Whether the envelope passed every check against the site's trust list.
    pub verified: bool,
    /// The product name, from a verified envelope.
    pub name: Option<String>,
}

impl SiteLabel {
    /// The page in `locale`, if the site has one in it.
    pub fn page(&self, locale: &str) -> Option<&[u8]> {
        self.pages
            .iter()
            .find(|(l, _)| l == locale)
            .map(|(_, p)| p.as_slice())
    }
}

/// A registry's public site, in memory.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// By path.
    pub labels: BTreeMap<String, SiteLabel>,
    /// Other files by path (`/trust/trust-list.jws.json`), served with their content type.
    pub files: BTreeMap<String, (String, Vec<u8>)>,
    /// `(locale, page)` for unknown paths.
    pub not_found: Vec<(String, Vec<u8>)>,
    /// `site.json`: what the export holds.
    pub index: Vec<u8>,
    /// `pack.json`: every verified record, for offline use.
    pub pack: Vec<u8>,
}

/// The `site.json` of an export.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SiteIndex {
    site_version: u32,
    /// Unix seconds the export was made.
    created: i64,
    labels: Vec<IndexEntry>,
    files: Vec<IndexFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct IndexEntry {
    path: String,
    url: String,
    verified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct IndexFile {
    path: String,
    content_type: String,
}

/// What went into a site: the labels as `(url, envelope)` and the registry's trust list.
pub struct SiteSource {
    /// The labels as `(QR URL, envelope)`.
    pub labels: Vec<(String, Vec<u8>)>,
    /// The trust list envelope, verified against `anchors`.
    pub trust_list: Vec<u8>,
    /// The root keys the trust list must be signed by.
    pub anchors: Vec<TrustAnchor>,
    /// Extra files served as they are: path -> (content type, bytes).
    pub files: BTreeMap<String, (String, Vec<u8>)>,
}

impl SiteSource {
    /// The fixtures in `dir`: every manifest label with an envelope (the bad ones included,
    /// so tests can see them refused through any server), trust list version 1, and the trust
    /// files at `/trust/<file>` as the loopback server serves them.
    pub fn fixtures(dir: &Path) -> Result<Self, Error> {
        let manifest = Manifest::load(dir)?;
        let read = |relative: &str| {
            let path = dir.join(relative);
            std::fs::read(&path).map_err(|e| Error::io(&path, e))
        };
        let mut labels = Vec::new();
        for label in &manifest.labels {
            if let Some(envelope) = &label.envelope {
                labels.push((label.url.clone(), read(envelope)?));
            }
        }
        let anchor_path = dir.join(&manifest.trust.anchor);
        let anchor: AnchorFile = serde_json::from_slice(&read(&manifest.trust.anchor)?)
            .map_err(|e| Error::json(&anchor_path, e))?;
        let anchor = anchor.to_anchor().ok_or_else(|| Error::Key {
            path: anchor_path.clone(),
            reason: "not a valid public key".into(),
        })?;
        let mut files = BTreeMap::new();
        let trust = &manifest.trust;
        for file in [&trust.list, &trust.list_v2, &trust.list_expired] {
            files.insert(format!("/{file}"), (JOSE_JSON.to_owned(), read(file)?));
        }
        // The fixture registry's log (generated with the fixtures), published as an export
        // publishes a registry's log: every envelope the demo registry signed is in it.
        if let Some(log) = crate::log::SiteLog::from_dir(&dir.join(FIXTURE_LOG_DIR))? {
            add_log_files(&mut files, &log);
        }
        Ok(SiteSource {
            labels,
            trust_list: read(&trust.list)?,
            anchors: vec![anchor],
            files,
        })
    }

    /// Every `*.jws.json` envelope under `dir` (recursively), each served at its `sub`, read
    /// without verifying: only to place it. [`Site::build`] verifies every one.
    pub fn envelopes_in(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
        let mut found = Vec::new();
        collect(dir, &mut found)?;
        found.sort();
        let mut labels = Vec::new();
        for path in found {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            let sub = unverified_sub(&bytes)
                .ok_or_else(|| Error::NotAnEnvelope { path: path.clone() })?;
            labels.push((sub, bytes));
        }
        Ok(labels)
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.to_string_lossy().ends_with(".jws.json") {
            out.push(path);
        }
    }
    Ok(())
}

/// The `sub` of an envelope's payload, unverified.
pub fn unverified_sub(envelope: &[u8]) -> Option<String> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let envelope = crate::sign::Envelope::from_bytes(envelope)?;
    let payload = URL_SAFE_NO_PAD.decode(envelope.payload).ok()?;
    let value: Value = serde_json::from_slice(&payload).ok()?;
    value.get("sub")?.as_str().map(str::to_owned)
}

/// Whether a URL path can be a folder of the export: segments of letters, digits and
/// `._~-`, none starting with a dot, so no path can leave the export folder.
pub fn safe_path(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    !rest.is_empty()
        && rest.split('/').all(|segment| {
            !segment.is_empty()
                && !segment.starts_with('.')
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._~-".contains(c))
        })
}

/// Whether a label can be served at `path`: a safe path whose last segment is not one of
/// the names of a label's own representations.
fn label_path(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    safe_path(path)
        && !PAGE_LOCALES.contains(&last)
        && last != RECORD_FILE
        && last != LINKSET_FILE
        && !last.ends_with(".html")
}

impl Site {
    /// Builds the site on `now` (the registry's local time: pages say this date, and their
    /// relative times count from it). Labels whose path cannot be served are an error.
    pub fn build(source: &SiteSource, now: DateTime<FixedOffset>) -> Result<Self, Error> {
        let utc = now.with_timezone(&Utc);
        let trust = TrustList::verify(&source.trust_list, &source.anchors, utc)
            .map_err(|source| Error::TrustList { source })?;
        let mut site = Site {
            files: source.files.clone(),
            ..Site::default()
        };
        // Every envelope the log holds is served with its proof against the checkpoint
        // published beside it.
        let log = log_in(&source.files)?;
        for (url, envelope) in &source.labels {
            let logged;
            let envelope = match &log {
                Some(log) => {
                    logged = log.attach(envelope);
                    &logged
                }
                None => envelope,
            };
            let parsed = url::Url::parse(url).map_err(|e| Error::LabelUrl {
                url: url.clone(),
                reason: format!("not a URL: {e}"),
            })?;
            let path = parsed.path().to_owned();
            if !label_path(&path) {
                return Err(Error::LabelUrl {
                    url: url.clone(),
                    reason: "its path cannot be served as a static file".into(),
                });
            }
            let input = PageInput {
                url,
                envelope,
                trust: &trust,
                path: &path,
                site_logs: log.is_some(),
            };
            let result = page::self_check(&input, utc);
            let record = result.outcome.record();
            // A verified record is published in the pack and its links in the linkset: one
            // whose links could not be opened safely (`javascript:`, `http:`) is not
            // published at all, and the export says which field.
            if let Some(record) = record {
                let problems = crate::publish::link_problems(&record.statement().record);
                if !problems.is_empty() {
                    return Err(Error::Unpublishable {
                        url: url.clone(),
                        problems,
                    });
                }
            }
            let pages = PAGE_LOCALES
                .iter()
                .map(|l| (l.to_string(), page::render(&input, l, now).into_bytes()))
                .collect();
            let label = SiteLabel {
                linkset: linkset(url, &path, record.map(|r| &r.statement().record)),
                path: path.clone(),
                url: url.clone(),
                envelope: envelope.clone(),
                pages,
                // A site with a log puts in its pack only what the log holds: a statement the
                // registry signed but never logged is refused by the apps (`not_logged`).
                verified: record.is_some()
                    && log.as_ref().is_none_or(|l| l.proof_for(envelope).is_some()),
                name: record.and_then(|r| r.statement().record.product_name.clone()),
            };
            site.labels.insert(path, label);
        }
        site.not_found = PAGE_LOCALES
            .iter()
            .map(|l| (l.to_string(), page::not_found(l).into_bytes()))
            .collect();
        let listed: Vec<(String, String)> = site
            .labels
            .values()
            .map(|l| {
                (
                    l.path.clone(),
                    l.name.clone().unwrap_or_else(|| l.url.clone()),
                )
            })
            .collect();
        site.index = page::index(&listed).into_bytes();
        site.pack = pack(&site, &source.trust_list, utc.timestamp());
        Ok(site)
    }

    /// Builds the fixtures' site.
    pub fn from_fixtures(dir: &Path, now: DateTime<FixedOffset>) -> Result<Self, Error> {
        Site::build(&SiteSource::fixtures(dir)?, now)
    }

    /// Writes the static site to `out` (created if missing): every file of the export
    /// layout above but `nginx.conf`, which [`crate::export`] adds. A file already there with
    /// the same bytes is left alone; a log tile or bundle already there with other bytes is
    /// refused ([`Error::Log`]), every other file replaced. Returns the number of files
    /// written.
    #[allow(
        clippy::expect_used,
        reason = "serde_json fails only on maps with non-string keys, which these types do not have"
    )]
    pub fn write(&self, out: &Path) -> Result<usize, Error> {
        let mut written = 0;
        let log_checkpoint = format!(
            "{}/{}",
            crate::log::LOG_PATH,
            trustlabel_tlog::CHECKPOINT_FILE
        );
        let log_prefix = format!("{}/", crate::log::LOG_PATH);
        let mut write = |relative: &str, bytes: &[u8]| -> Result<(), Error> {
            let path = out.join(relative.trim_start_matches('/'));
            let old = std::fs::read(&path).ok();
            if old.as_deref() == Some(bytes) {
                // Unchanged: not written again (a re-export of an unchanged registry touches
                // none of its published files).
                return Ok(());
            }
            if old.is_some() && relative.starts_with(&log_prefix) && relative != log_checkpoint {
                // A published tile or bundle never changes: another log (or a rewritten one)
                // in this folder is refused, not overwritten.
                return Err(Error::Log {
                    path: path.clone(),
                    source: trustlabel_tlog::Error::WouldRewriteTile {
                        path: relative.to_owned(),
                    },
                });
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            if relative.starts_with(&log_prefix) {
                // Through a temporary file, fsync and rename: a tile cut short by a crash
                // would otherwise be "other bytes" to every later export.
                trustlabel_tlog::write_atomically(&path, bytes).map_err(|source| Error::Log {
                    path: path.clone(),
                    source,
                })?;
            } else {
                std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
            }
            written += 1;
            Ok(())
        };
        self.check_published_log(out)?;
        let mut index = SiteIndex {
            site_version: 1,
            created: Utc::now().timestamp(),
            labels: Vec::new(),
            files: Vec::new(),
        };
        // The log's tiles and bundles before anything that needs them, its checkpoint last:
        // a reader that fetched the new checkpoint finds every tile it names.
        for (path, (content_type, bytes)) in &self.files {
            if !safe_path(path) && !crate::app_links::is_app_links_path(path) {
                return Err(Error::UnsafePath {
                    path: path.clone(),
                    in_file: None,
                });
            }
            if *path != log_checkpoint {
                write(path, bytes)?;
            }
            index.files.push(IndexFile {
                path: path.clone(),
                content_type: content_type.clone(),
            });
        }
        for label in self.labels.values() {
            write(&format!("{}/{RECORD_FILE}", label.path), &label.envelope)?;
            write(&format!("{}/{LINKSET_FILE}", label.path), &label.linkset)?;
            for (locale, page) in &label.pages {
                write(&format!("{}/{locale}.html", label.path), page)?;
            }
            index.labels.push(IndexEntry {
                path: label.path.clone(),
                url: label.url.clone(),
                verified: label.verified,
                name: label.name.clone(),
            });
        }
        for (locale, page) in &self.not_found {
            write(&format!("404.{locale}.html"), page)?;
        }
        let problem = json!({"type": "about:blank", "title": "Not Found", "status": 404,
            "detail": "The registry has no label at this address."});
        write("404.problem", format!("{problem}\n").as_bytes())?;
        write("index.html", &self.index)?;
        write(PACK_FILE, &self.pack)?;
        let mut text = serde_json::to_vec_pretty(&index).expect("serialisable");
        text.push(b'\n');
        write(SITE_INDEX_FILE, &text)?;
        if let Some((_, bytes)) = self.files.get(&log_checkpoint) {
            write(&log_checkpoint, bytes)?;
        }
        Ok(written)
    }

    /// A log already published in `out` must be a prefix of this site's: every tile and
    /// bundle there is one of this log's files, byte for byte (a log keeps the partial
    /// tiles of its older sizes). Another log, or a rewritten or truncated one, is refused
    /// before anything is written, so a folder never serves two logs' files under one
    /// checkpoint.
    fn check_published_log(&self, out: &Path) -> Result<(), Error> {
        let dir = out.join(crate::log::LOG_PATH.trim_start_matches('/'));
        if !dir.is_dir()
            || !self
                .files
                .keys()
                .any(|p| crate::log::cache_control(p).is_some())
        {
            return Ok(());
        }
        let published = trustlabel_tlog::TileDir::new(&dir)
            .published_files()
            .map_err(|source| Error::Log {
                path: dir.clone(),
                source,
            })?;
        for (path, bytes) in published {
            if path == trustlabel_tlog::CHECKPOINT_FILE {
                continue;
            }
            let site_path = format!("{}/{path}", crate::log::LOG_PATH);
            if self.files.get(&site_path).map(|(_, b)| b) != Some(&bytes) {
                return Err(Error::Log {
                    path: dir.join(&path),
                    source: trustlabel_tlog::Error::WouldRewriteTile { path },
                });
            }
        }
        Ok(())
    }

    /// Reads an export written by [`Site::write`].
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let read = |relative: &str| {
            let path = dir.join(relative.trim_start_matches('/'));
            std::fs::read(&path).map_err(|e| Error::io(&path, e))
        };
        let index_path = dir.join(SITE_INDEX_FILE);
        let index: SiteIndex = serde_json::from_slice(&read(SITE_INDEX_FILE)?)
            .map_err(|e| Error::json(&index_path, e))?;
        let mut site = Site::default();
        for entry in index.labels {
            if !label_path(&entry.path) {
                return Err(Error::UnsafePath {
                    path: entry.path,
                    in_file: Some(index_path),
                });
            }
            let mut pages = Vec::new();
            for locale in PAGE_LOCALES {
                pages.push((
                    locale.to_owned(),
                    read(&format!("{}/{locale}.html", entry.path))?,
                ));
            }
            let label = SiteLabel {
                envelope: read(&format!("{}/{RECORD_FILE}", entry.path))?,
                linkset: read(&format!("{}/{LINKSET_FILE}", entry.path))?,
                pages,
                path: entry.path.clone(),
                url: entry.url,
                verified: entry.verified,
                name: entry.name,
            };
            site.labels.insert(entry.path, label);
        }
        for file in index.files {
            if !safe_path(&file.path) && !crate::app_links::is_app_links_path(&file.path) {
                return Err(Error::UnsafePath {
                    path: file.path,
                    in_file: Some(index_path),
                });
            }
            let bytes = read(&file.path)?;
            site.files.insert(file.path, (file.content_type, bytes));
        }
        for locale in PAGE_LOCALES {
            site.not_found
                .push((locale.to_owned(), read(&format!("404.{locale}.html"))?));
        }
        site.index = read("index.html")?;
        site.pack = read(PACK_FILE)?;
        Ok(site)
    }
}

/// The RFC 9264 linkset of a label, in the style of a GS1-Conformant resolver: the default
/// link is the consumer page, `alternate` its language versions, `describedby` the signed
/// record, and the maker's own links (from a verified record only) under registered
/// relation types where one fits.
#[allow(
    clippy::expect_used,
    reason = "serde_json fails only on maps with non-string keys, which these types do not have"
)]
pub fn linkset(url: &str, path: &str, record: Option<&trustlabel_protocol::Record>) -> Vec<u8> {
    let origin = url::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default();
    let at = |suffix: &str| format!("{origin}{path}{suffix}");
    let title = |locale: &str| trustlabel_words::message("page-heading", locale, &[]).text;
    let mut links = serde_json::Map::new();
    links.insert("anchor".into(), json!(url));
    links.insert(
        "https://gs1.org/voc/defaultLink".into(),
        json!([{"href": url, "type": "text/html", "title": title("en-US")}]),
    );
    links.insert(
        "alternate".into(),
        Value::Array(
            PAGE_LOCALES
                .iter()
                .map(|l| {
                    json!({"href": at(&format!("/{l}")), "type": "text/html",
                           "hreflang": [l], "title": title(l)})
                })
                .collect(),
        ),
    );
    links.insert(
        "describedby".into(),
        json!([{"href": at(&format!("/{RECORD_FILE}")), "type": JOSE_JSON,
                "title": trustlabel_words::message("page-record-link", "en-US", &[]).text}]),
    );
    if let Some(record) = record {
        let mut help = Vec::new();
        for (link, what) in [
            (&record.securing_this_product, "Securing this product"),
            (&record.general_user_information, "About this product"),
        ] {
            // Only links that may be opened: https, never `javascript:` and the like.
            if let Some(href) = link
                .as_ref()
                .and_then(|l| l.url.as_deref())
                .and_then(|u| checked_link(u, LinkKind::Web).ok())
            {
                help.push(json!({"href": href, "title": what}));
            }
        }
        if !help.is_empty() {
            links.insert("help".into(), Value::Array(help));
        }
        if let Some(href) = record
            .security_contact
            .as_deref()
            .and_then(|c| checked_link(c, LinkKind::Contact).ok())
        {
            // No registered relation type exists for a security contact (RFC 9116's
            // security.txt has none either); an extension relation type is a URI.
            links.insert(
                "https://trustlabel.dev/rel/security-contact".into(),
                json!([{"href": href, "title": "Report a security problem"}]),
            );
        }
    }
    let mut text =
        serde_json::to_vec(&json!({"linkset": [Value::Object(links)]})).expect("serialisable");
    text.push(b'\n');
    text
}

/// `{"pack_version":1,"created":<unix seconds>,"trust_list":<envelope>,"records":[...]}` with
/// every label that verifies.
#[allow(
    clippy::expect_used,
    reason = "serde_json fails only on maps with non-string keys, which these types do not have"
)]
fn pack(site: &Site, trust_list: &[u8], created: i64) -> Vec<u8> {
    let records: Vec<Value> = site
        .labels
        .values()
        .filter(|l| l.verified)
        .filter_map(|l| serde_json::from_slice(&l.envelope).ok())
        .collect();
    let trust: Option<Value> = serde_json::from_slice(trust_list).ok();
    // Written in this order (not the alphabetical order of a JSON map): a reader that
    // streams the records checks them against the trust list it has already read.
    let mut text = format!(
        "{{\"pack_version\":1,\"created\":{created},\"trust_list\":{},\"records\":",
        serde_json::to_string(&trust).expect("serialisable")
    )
    .into_bytes();
    text.extend(serde_json::to_vec(&records).expect("serialisable"));
    text.extend_from_slice(b"}\n");
    text
}
