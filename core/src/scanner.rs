//! The one facade the apps and the CLI use: QR text (or a frame, or a photo) in, a
//! [`ScanResult`] out that says plainly which [`Outcome`] happened.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, Utc};

use trustlabel_decode::{self as decode, DecodeOptions, LumaFrame};
use trustlabel_protocol::{
    check_unsigned_record, headline_host, lookalike_warnings, verify_cached_record, verify_record,
    CheckFailure, Integrity, LabelLink, LinkError, LookalikeWarning, OfflineReason, Outcome,
    RecordView, Registry, RollbackVersions, ScanResult, TrustAnchor, TrustList, TrustListError,
    TrustListStatus, VerifiedStatement,
};
use trustlabel_words::verdict_tone;

use crate::fetch::{FetchConfig, FetchError, FetchResponse, RegistryClient};
use crate::history::{self, HistoryEntry};
use crate::store::{CachedEnvelope, OpenState, Store, StoreError};

mod error;
mod log;
mod refresh;
pub use error::ScanError;
pub use refresh::{TrustListRefresh, TRUST_LIST_REFRESH_INTERVAL};

/// The time source; tests and benchmarks set their own.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Default bound on cached records. Real envelopes are a few KiB (the fixtures: 3 to 5 KiB),
/// so about 80 MB at most in practice; the 256 KiB per-envelope limit bounds the worst case.
/// Large enough for a store's offline pack (a retailer's 10,000 labels) with room for the
/// labels scanned besides it; a pack beyond the bound says how many it could not keep.
pub const DEFAULT_MAX_CACHED_RECORDS: usize = 20_000;

/// How a [`Scanner`] is set up: cache folder, trust anchors and list, network limits, clock.
#[derive(Clone)]
pub struct ScannerConfig {
    /// Where the offline cache lives; `None` keeps it in memory only.
    pub data_dir: Option<PathBuf>,
    /// Pinned root keys the trust list must be signed by.
    pub trust_anchors: Vec<TrustAnchor>,
    /// A signed trust list to use instead of the built-in one.
    pub trust_list: Vec<u8>,
    /// Where the current trust list is published, for [`Scanner::refresh_trust_list`]
    /// (`https`, or `http` to a loopback host). Set it with `trust_list`: the built-in URL
    /// serves the built-in list's successors only.
    pub trust_list_url: Option<url::Url>,
    /// Timeouts, size limits and retries for the registries.
    pub fetch: FetchConfig,
    /// Never touch the network: answer from the cache only.
    pub offline: bool,
    /// The most records the offline cache keeps; beyond it the least recently confirmed go.
    pub max_cached_records: usize,
    /// The time checks are made at (the system clock; fixed in tests).
    pub clock: Clock,
}

impl ScannerConfig {
    /// The built-in trust anchors and trust list, the default fetch limits, the system clock.
    pub fn new(data_dir: Option<PathBuf>) -> Self {
        ScannerConfig {
            data_dir,
            trust_anchors: crate::builtin::trust_anchors(),
            trust_list: crate::builtin::TRUST_LIST.to_vec(),
            trust_list_url: crate::builtin::trust_list_url(),
            fetch: FetchConfig::default(),
            offline: false,
            max_cached_records: DEFAULT_MAX_CACHED_RECORDS,
            clock: Arc::new(Utc::now),
        }
    }
}

impl std::fmt::Debug for ScannerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScannerConfig")
            .field("data_dir", &self.data_dir)
            .field("offline", &self.offline)
            .field("fetch", &self.fetch)
            .finish_non_exhaustive()
    }
}

/// Scans labels. Cheap to share across threads (`Arc<Scanner>`); every method takes `&self`.
pub struct Scanner {
    store: Store,
    client: RegistryClient,
    trust: RwLock<Arc<TrustList>>,
    anchors: Vec<TrustAnchor>,
    clock: Clock,
    offline: bool,
    trust_list_url: Option<url::Url>,
    /// When the publisher last answered a refresh (this process only: one request per app
    /// start at most, then once per interval).
    trust_refreshed_at: Mutex<Option<DateTime<Utc>>>,
    open_state: OpenState,
    /// Serialises "read the cached statement, compare, write" after a fetch, so two scans of
    /// the same label racing cannot store the older answer last. Never held across an await.
    store_writes: Mutex<()>,
    /// The transparency logs' tree heads this device accepted (check L5).
    log_heads: log::KeptHeads,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl Scanner {
    /// Opens the cache and loads the newest valid trust list: the configured one or the one
    /// saved by an earlier refresh, whichever has the higher version (the saved one on a tie).
    /// Neither is checked against the clock: both were accepted before, and a clock set back
    /// must not make the app fall back to an older list.
    pub fn open(config: ScannerConfig) -> Result<Self, ScanError> {
        let (store, open_state) = match &config.data_dir {
            Some(dir) => Store::open(dir, config.max_cached_records)?,
            None => (
                Store::temporary(config.max_cached_records)?,
                OpenState::Opened,
            ),
        };
        let given = TrustList::verify_installed(&config.trust_list, &config.trust_anchors)?;
        // The floor file beside the cache keeps the highest version ever accepted, so a
        // recreated or damaged cache cannot bring an older list back (store.rs, trust.rs).
        let trust = TrustList::choose_at_start(
            given,
            &store.saved_trust_lists()?,
            store.trust_floor(),
            &config.trust_anchors,
        )?;
        if store.trust_list()?.as_deref() != Some(trust.envelope())
            || store.trust_floor() < trust.version()
        {
            store.put_trust_list(trust.envelope(), trust.version())?;
        }
        let client = RegistryClient::new(config.fetch).map_err(ScanError::Network)?;
        let log_heads = log::KeptHeads::load(&store)?;
        Ok(Scanner {
            log_heads,
            store,
            client,
            trust: RwLock::new(Arc::new(trust)),
            anchors: config.trust_anchors,
            clock: config.clock,
            offline: config.offline,
            trust_list_url: config.trust_list_url,
            trust_refreshed_at: Mutex::new(None),
            open_state,
            store_writes: Mutex::new(()),
        })
    }

    /// Whether the cache opened as it was, or had to be recovered.
    pub fn open_state(&self) -> &OpenState {
        &self.open_state
    }

    /// The offline cache, for the features that keep their own trees in it (watchlist, audit).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The trust list in use: the built-in one, or the newest verified since.
    pub fn trust_list(&self) -> Arc<TrustList> {
        // A poisoned lock only means a panic elsewhere while swapping an Arc; the Arc inside
        // is always a complete, verified list.
        self.trust.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The trust list in use: its version, and whether it has expired.
    pub fn trust_list_status(&self) -> TrustListStatus {
        self.trust_status(&self.trust_list(), (self.clock)())
    }

    fn trust_status(&self, trust: &TrustList, now: DateTime<Utc>) -> TrustListStatus {
        TrustListStatus {
            version: trust.version(),
            expired: trust.is_expired(now),
        }
    }

    /// Verifies a trust list against the pinned anchors without installing it (a pack's
    /// list: its records are checked against it, and it is installed with them).
    pub fn verify_trust_list(&self, envelope: &[u8]) -> Result<TrustList, ScanError> {
        Ok(TrustList::verify(envelope, &self.anchors, (self.clock)())?)
    }

    /// Replaces the trust list with a newer signed one (from the network, a pack or a file).
    pub fn install_trust_list(&self, envelope: &[u8]) -> Result<TrustListStatus, ScanError> {
        let now = (self.clock)();
        let list = TrustList::verify(envelope, &self.anchors, now)?;
        let mut current = self.trust.write().unwrap_or_else(|e| e.into_inner());
        if !list.replaces(&current) {
            return Err(ScanError::TrustList(CheckFailure::Rollback(
                RollbackVersions::TrustList {
                    offered: list.version(),
                    held: current.version(),
                },
            )));
        }
        self.store.put_trust_list(list.envelope(), list.version())?;
        let status = self.trust_status(&list, now);
        *current = Arc::new(list);
        Ok(status)
    }

    /// Scans a QR code's text: the whole pipeline, network included unless offline.
    pub async fn scan_text(&self, text: &str) -> Result<ScanResult, ScanError> {
        self.scan_and_remember(text, self.offline).await
    }

    /// Scans from the offline cache only, never touching the network.
    pub async fn scan_text_offline(&self, text: &str) -> Result<ScanResult, ScanError> {
        self.scan_and_remember(text, true).await
    }

    /// The whole pipeline, like [`Scanner::scan_text`], but with no history entry: for checks
    /// the person did not make by scanning (the watchlist re-checking saved products, a
    /// comparison of links). The cache is refreshed exactly as by a scan.
    pub async fn check_text(&self, text: &str) -> Result<ScanResult, ScanError> {
        self.scan(text, self.offline).await
    }

    /// Recent scans, newest first, one per label.
    pub fn history(&self) -> Result<Vec<HistoryEntry>, ScanError> {
        Ok(history::list(&self.store)?)
    }

    /// Removes every entry of the scan history.
    pub fn clear_history(&self) -> Result<(), ScanError> {
        Ok(history::clear(&self.store)?)
    }

    async fn scan_and_remember(&self, text: &str, offline: bool) -> Result<ScanResult, ScanError> {
        let result = self.scan(text, offline).await?;
        // Codes that are not labels are not worth a history entry.
        if result.url.is_some() {
            let entry = HistoryEntry::from_result(&result, verdict_tone(&result));
            history::record(&self.store, &entry)?;
        }
        Ok(result)
    }

    /// Scans a camera frame. `Ok(None)` when no QR code is in view.
    pub async fn scan_frame(
        &self,
        frame: &LumaFrame<'_>,
        options: &DecodeOptions,
    ) -> Result<Option<ScanResult>, ScanError> {
        let texts = decode::decode_frame(frame, options)?;
        self.scan_first_label(texts.into_iter().map(|d| d.text).collect())
            .await
    }

    /// Scans a photo (PNG, JPEG or WebP bytes). `Ok(None)` when it holds no QR code.
    pub async fn scan_image(
        &self,
        bytes: &[u8],
        options: &DecodeOptions,
    ) -> Result<Option<ScanResult>, ScanError> {
        let texts = decode::decode_image_bytes(bytes, options)?;
        self.scan_first_label(texts.into_iter().map(|d| d.text).collect())
            .await
    }

    /// The QR texts in a photo (PNG, JPEG or WebP bytes), in reading order, without scanning
    /// them: for a photo picked from the gallery, whose code the app then pushes to a session.
    pub fn decode_image(&self, bytes: &[u8]) -> Result<Vec<String>, ScanError> {
        let codes = decode::decode_image_bytes(bytes, &DecodeOptions::photo())?;
        Ok(codes.into_iter().map(|d| d.text).collect())
    }

    /// Of several codes in one picture, the label is the first that is a link to a trusted
    /// registry, else the first link, else the first text.
    async fn scan_first_label(&self, texts: Vec<String>) -> Result<Option<ScanResult>, ScanError> {
        let trust = self.trust_list();
        let pick = texts
            .iter()
            .find(|t| LabelLink::parse(t).is_ok_and(|l| trust.match_link(&l).is_some()))
            .or_else(|| texts.iter().find(|t| LabelLink::parse(t).is_ok()))
            .or_else(|| texts.first());
        match pick {
            Some(text) => self.scan_text(text).await.map(Some),
            None => Ok(None),
        }
    }

    async fn scan(&self, text: &str, offline: bool) -> Result<ScanResult, ScanError> {
        let now = (self.clock)();
        let trust = self.trust_list();
        let result = |url: Option<&LabelLink>, outcome| ScanResult {
            text: text.to_owned(),
            url: url.map(|l| l.as_str().to_owned()),
            outcome,
            trust_list: self.trust_status(&trust, now),
            scanned_at: now.timestamp(),
        };
        let link = match LabelLink::parse(text) {
            Ok(link) => link,
            Err(LinkError::NotALink) => return Ok(result(None, Outcome::NotALabel)),
            Err(LinkError::Userinfo { host }) => {
                let outcome = Outcome::NotOfficial {
                    display_host: host.clone(),
                    host,
                    warnings: vec![LookalikeWarning::Userinfo],
                };
                return Ok(result(None, outcome));
            }
        };
        let Some(matched) = trust.match_link(&link) else {
            let warnings = lookalike_warnings(&link, &trust.all_prefixes());
            let outcome = Outcome::NotOfficial {
                host: link.host().to_owned(),
                display_host: headline_host(&link, &warnings),
                warnings,
            };
            return Ok(result(Some(&link), outcome));
        };
        let outcome = self.resolve(&link, matched.registry, now, offline).await?;
        Ok(result(Some(&link), outcome))
    }

    /// The cache, then the registry: protocol sections 2, 3 and 5.
    async fn resolve(
        &self,
        link: &LabelLink,
        registry: &Registry,
        now: DateTime<Utc>,
        offline: bool,
    ) -> Result<Outcome, ScanError> {
        let key = link.as_str();
        let cached = self.cached(link, registry, now)?;
        if offline {
            return cached_outcome(cached, OfflineReason::OfflineMode, registry).ok_or_else(|| {
                ScanError::NotCached {
                    url: key.to_owned(),
                }
            });
        }
        // A template that gives no URL for this link is the trust list's fault, not the
        // record's (lists with one that gives none for any link are refused at install).
        let target = registry
            .record_url(link)
            .map_err(ScanError::TrustListFault)?;
        if registry.integrity() == Integrity::HttpsOnly {
            return self
                .fetch_unsigned(link, registry, now, cached, &target)
                .await;
        }
        // Only a copy that still verifies may be revalidated: a 304 confirms what we hold.
        let sent_etag = cached.etag().map(str::to_owned);
        let response = match self.client.fetch(&target, sent_etag.as_deref()).await {
            // A 304 only means something as the answer to our If-None-Match.
            Ok(FetchResponse::NotModified) if sent_etag.is_none() => Err(FetchError::Status(304)),
            other => other,
        };
        // Checks 1 to 7 and L1 to L4, L6 run once, here, before the lock below; check 8
        // (rollback) needs the cached copy as it is under the lock, so it runs there, on the
        // very value checked here (`VerifiedStatement::check_rollback`: the same answer as
        // verifying with the cached statement). A logged record's checkpoint may need a
        // consistency proof from the log's tiles (check L5): fetched now too, as nothing is
        // awaited under the lock. A failed fetch is not a verdict: the scan is answered as
        // when the registry cannot be reached.
        let response = response.map(|answer| match answer {
            FetchResponse::Body { bytes, etag } => {
                let checked = verify_record(&bytes, registry, link, now, None);
                Answer::Body {
                    bytes,
                    etag,
                    checked,
                }
            }
            FetchResponse::NotModified => Answer::NotModified,
            FetchResponse::NotFound => Answer::NotFound,
        });
        let prepared = match &response {
            Ok(Answer::Body {
                checked: Ok(verified),
                ..
            }) => match self.prepare_log(verified, registry).await {
                Ok(prepared) => prepared,
                Err(error) => return unreachable_outcome(cached, error, key, registry),
            },
            _ => None,
        };
        // From here on no await: the store is read and written under `store_writes`, against
        // what it holds now, not what it held before the network wait.
        let _writing = self.store_writes.lock().unwrap_or_else(|e| e.into_inner());
        let cached = match response {
            Ok(Answer::Body { .. } | Answer::NotModified) => {
                self.cached_again(link, registry, now, cached)?
            }
            _ => cached,
        };
        match response {
            Ok(Answer::Body {
                bytes,
                etag,
                checked,
            }) => {
                let freshness = cached.record().map(|r| r.statement().freshness());
                let checked = checked.and_then(|verified| {
                    verified.check_rollback(freshness)?;
                    Ok(verified)
                });
                match checked {
                    Ok(verified) => {
                        if let Some(checkpoint) = verified.log_checkpoint() {
                            match self
                                .log_heads
                                .admit(&self.store, checkpoint, prepared.as_ref())
                            {
                                Ok(Ok(())) => {}
                                Ok(Err(unproven)) => {
                                    return unreachable_outcome(
                                        cached,
                                        unproven.into_fetch_error(),
                                        key,
                                        registry,
                                    )
                                }
                                Err(log::AdmitError::Check(reason)) => {
                                    return Ok(invalid(reason, registry))
                                }
                                Err(log::AdmitError::Store(error)) => return Err(error.into()),
                            }
                        }
                        let entry = fetched_entry(bytes, etag, registry, now);
                        self.store.put_record(key, &entry)?;
                        Ok(fresh(RecordView::verified(
                            verified,
                            entry.fetched_at,
                            entry.checked_at,
                        )))
                    }
                    // A rollback keeps the cached record; every other failure leaves the
                    // cache as it was too. Nothing that failed is shown as registry data.
                    Err(reason) => Ok(invalid(reason, registry)),
                }
            }
            Ok(Answer::NotModified) => match cached {
                CachedRecord::Valid { mut record, entry } => {
                    // Confirm only the copy the 304 answered for: the entry was read again
                    // under the lock, and a concurrent scan may have stored a newer copy
                    // meanwhile, which it has just confirmed itself.
                    if entry.etag == sent_etag {
                        self.store.touch_record(key, now.timestamp())?;
                        record.confirm(now.timestamp());
                    }
                    Ok(fresh(record))
                }
                // 304 without a usable cached copy: the server misbehaves; nothing to show.
                CachedRecord::Failed(reason) => Ok(invalid(reason, registry)),
                CachedRecord::Absent => Err(ScanError::Unreachable {
                    url: key.to_owned(),
                    detail: "the registry answered 304 without a cached copy".into(),
                }),
            },
            Ok(Answer::NotFound) => Ok(Outcome::UnknownProduct {
                registry_id: registry.id().to_owned(),
            }),
            Err(error) => unreachable_outcome(cached, error, key, registry),
        }
    }

    /// For a registry that logs: the consistency proof check L5 will need for `verified`
    /// (the record just fetched), fetched from the log's tiles. `None` when none is needed.
    async fn prepare_log(
        &self,
        verified: &VerifiedStatement,
        registry: &Registry,
    ) -> Result<Option<log::PreparedProof>, FetchError> {
        let (Some(log), Some(checkpoint)) = (registry.log(), verified.log_checkpoint()) else {
            return Ok(None);
        };
        self.log_heads
            .prepare(&self.client, log, checkpoint)
            .await
            .map_err(log::Unproven::into_fetch_error)
    }

    /// Protocol 4b: asks a registry that serves plain CTA-2120 JSON over HTTPS. The same
    /// link binding, limits and caching apply; there is no signature, so no rollback check and
    /// no ETag, and the result is `Unsigned` (or `OfflineCached` with an unsigned record).
    async fn fetch_unsigned(
        &self,
        link: &LabelLink,
        registry: &Registry,
        now: DateTime<Utc>,
        cached: CachedRecord,
        target: &url::Url,
    ) -> Result<Outcome, ScanError> {
        let key = link.as_str();
        let error = match self.client.fetch_as(target, None, "application/json").await {
            Ok(FetchResponse::Body { bytes, etag }) => {
                return match check_unsigned_record(&bytes, registry, link, now.timestamp()) {
                    Ok(unsigned) => {
                        let entry = fetched_entry(bytes, etag, registry, now);
                        let _writing = self.store_writes.lock().unwrap_or_else(|e| e.into_inner());
                        self.store.put_record(key, &entry)?;
                        Ok(Outcome::Unsigned {
                            record: RecordView::unsigned(
                                unsigned,
                                entry.fetched_at,
                                entry.checked_at,
                            ),
                        })
                    }
                    Err(reason) => Ok(invalid(reason, registry)),
                };
            }
            Ok(FetchResponse::NotFound) => {
                return Ok(Outcome::UnknownProduct {
                    registry_id: registry.id().to_owned(),
                });
            }
            // No If-None-Match was sent, so a 304 is not an answer.
            Ok(FetchResponse::NotModified) => FetchError::Status(304),
            Err(error) => error,
        };
        unreachable_outcome(cached, error, key, registry)
    }

    /// The cached record for `link` read again under the store's lock. When the store still
    /// holds the very entry `before` verified (the same envelope bytes, times and ETag), that
    /// verification stands and is not repeated: the same bytes checked against the same
    /// trust-list snapshot at the same `now` give the same answer. (Its L5 check ran before
    /// the network wait; a head another scan keeps meanwhile is met at the next read, as if
    /// it had been kept a moment later.) Any other entry (replaced by a concurrent scan,
    /// removed, edited on disk) is checked afresh, as [`Self::cached`] does.
    fn cached_again(
        &self,
        link: &LabelLink,
        registry: &Registry,
        now: DateTime<Utc>,
        before: CachedRecord,
    ) -> Result<CachedRecord, StoreError> {
        if let CachedRecord::Valid { entry, .. } = &before {
            if self.store.record(link.as_str())?.as_ref() == Some(entry) {
                return Ok(before);
            }
        }
        self.cached(link, registry, now)
    }

    /// The cached record for `link`, verified again. An entry that fails (tampered with on
    /// disk, or signed by a key revoked since) is removed: it can never verify again. The
    /// clock-dependent check on `iat` is not repeated (see `verify_cached_record`).
    fn cached(
        &self,
        link: &LabelLink,
        registry: &Registry,
        now: DateTime<Utc>,
    ) -> Result<CachedRecord, StoreError> {
        let Some(entry) = self.store.record(link.as_str())? else {
            return Ok(CachedRecord::Absent);
        };
        let (fetched_at, checked_at) = (entry.fetched_at, entry.checked_at);
        let checked = match registry.integrity() {
            Integrity::Jws => {
                match verify_cached_record(&entry.envelope, registry, link, now, fetched_at) {
                    // L5 for a cached copy (`KeptHeads::check_cached`). A copy refused there
                    // (a fork of a kept head) is not deleted: the next online scan replaces it.
                    Ok(v) => match self.log_heads.check_cached(&self.store, &v) {
                        Ok(()) => Ok(RecordView::verified(v, fetched_at, checked_at)),
                        Err(log::AdmitError::Check(reason)) => {
                            return Ok(CachedRecord::Failed(reason));
                        }
                        Err(log::AdmitError::Store(error)) => return Err(error),
                    },
                    Err(reason) => Err(reason),
                }
            }
            Integrity::HttpsOnly => {
                check_unsigned_record(&entry.envelope, registry, link, fetched_at)
                    .map(|u| RecordView::unsigned(u, fetched_at, checked_at))
            }
        };
        match checked {
            Ok(record) => Ok(CachedRecord::Valid { record, entry }),
            Err(reason) => {
                self.store.remove_record_if(link.as_str(), &entry)?;
                Ok(CachedRecord::Failed(reason))
            }
        }
    }
}

/// A registry's answer to a lookup, a body already through the checks that need no cache.
#[allow(
    clippy::large_enum_variant,
    reason = "one value per lookup, matched once: boxing would only add an allocation"
)]
enum Answer {
    /// 200: the body, and checks 1 to 7, L1 to L4 and L6 on it (check 8 is made under the
    /// store's lock, against the copy cached then; L5 too).
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        checked: Result<VerifiedStatement, CheckFailure>,
    },
    /// 304: the cached record is still current.
    NotModified,
    /// 404: the registry has no record for this label.
    NotFound,
}

/// What the cache holds for a label, checked again as it is read.
#[allow(
    clippy::large_enum_variant,
    reason = "one value per cache read, moved straight into the result: boxing would only add an allocation"
)]
enum CachedRecord {
    /// Nothing saved for this label.
    Absent,
    /// A saved record that still passes its checks, and the entry it was read from (its
    /// ETag is the one to revalidate with).
    Valid {
        record: RecordView,
        entry: CachedEnvelope,
    },
    /// A saved record that failed its checks (and has been removed).
    Failed(CheckFailure),
}

impl CachedRecord {
    fn record(&self) -> Option<&RecordView> {
        match self {
            CachedRecord::Valid { record, .. } => Some(record),
            _ => None,
        }
    }

    /// The ETag to revalidate with: only a copy that still verifies has one worth sending.
    fn etag(&self) -> Option<&str> {
        match self {
            CachedRecord::Valid { entry, .. } => entry.etag.as_deref(),
            _ => None,
        }
    }
}

/// What a cached entry shows when the registry could not be asked; `None` when nothing is
/// cached.
fn cached_outcome(
    cached: CachedRecord,
    why: OfflineReason,
    registry: &Registry,
) -> Option<Outcome> {
    match cached {
        CachedRecord::Absent => None,
        CachedRecord::Valid { record, .. } => Some(Outcome::OfflineCached { record, why }),
        CachedRecord::Failed(reason) => Some(invalid(reason, registry)),
    }
}

/// The registry gave no usable answer: the cached record if there is one, else an answer
/// over the size limit is `invalid`/`too_large` and anything else an error.
fn unreachable_outcome(
    cached: CachedRecord,
    error: FetchError,
    url: &str,
    registry: &Registry,
) -> Result<Outcome, ScanError> {
    let detail = error.to_string();
    let why = OfflineReason::Unreachable {
        detail: detail.clone(),
    };
    match cached_outcome(cached, why, registry) {
        Some(outcome) => Ok(outcome),
        None if matches!(error, FetchError::TooLarge { .. }) => {
            Ok(invalid(CheckFailure::TooLarge, registry))
        }
        None => Err(ScanError::Unreachable {
            url: url.to_owned(),
            detail,
        }),
    }
}

/// A registry answer that passed its checks, as it is stored: fetched and confirmed now.
fn fetched_entry(
    envelope: Vec<u8>,
    etag: Option<String>,
    registry: &Registry,
    now: DateTime<Utc>,
) -> CachedEnvelope {
    CachedEnvelope {
        envelope,
        registry_id: registry.id().to_owned(),
        fetched_at: now.timestamp(),
        checked_at: now.timestamp(),
        etag,
    }
}

impl From<TrustListError> for ScanError {
    fn from(error: TrustListError) -> Self {
        match error {
            TrustListError::Check(reason) => ScanError::TrustList(reason),
            TrustListError::Fault(fault) => ScanError::TrustListFault(fault),
        }
    }
}

fn fresh(record: RecordView) -> Outcome {
    if record.expired() {
        Outcome::VerifiedStale { record }
    } else {
        Outcome::Verified { record }
    }
}

fn invalid(reason: CheckFailure, registry: &Registry) -> Outcome {
    Outcome::Invalid {
        reason,
        registry_id: registry.id().to_owned(),
    }
}
