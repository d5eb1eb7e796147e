//! The `Scanner` object: the core's facade, one call each, wrapped in the panic guard.

use std::sync::Arc;

use trustlabel_core::scanner as core;
use trustlabel_decode::{DecodeOptions, LumaFrame};
use trustlabel_protocol as protocol;
use trustlabel_words::summarize;

use crate::config::{Presentation, ScannerConfig};
use crate::error::{guard, guard_async, TrustLabelError};
use crate::session::{ScanSession, SessionConfig, SessionListener};
use crate::types::{HistoryItem, ScanResult, StoreState, TrustListRefresh, TrustListStatus};

/// Scans labels. Open one per app (it owns the offline cache) and share it: every method may
/// be called from any thread, concurrently. Network calls are `suspend` (Kotlin) / `async`
/// (Swift) and stop when the calling coroutine or task is cancelled; the cache is written only
/// after a complete, verified answer, so a cancelled scan leaves it as it was.
///
/// Closing (Kotlin `close()`/`use {}`, Swift: the last reference going away) releases the
/// cache once the scans still running have finished.
#[derive(uniffi::Object)]
pub struct Scanner {
    pub(crate) core: Arc<core::Scanner>,
    pub(crate) presentation: Presentation,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner").field("core", &self.core).finish()
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Scanner {
    /// Opens the offline cache and loads the trust list. Blocking (disk): call it off the
    /// main thread.
    #[uniffi::constructor]
    pub fn new(config: ScannerConfig) -> Result<Arc<Self>, TrustLabelError> {
        guard(|| {
            let (config, presentation) = config.into_core()?;
            let core = core::Scanner::open(config)
                .map_err(|e| TrustLabelError::from_core(e, &presentation.locale))?;
            Ok(Arc::new(Scanner {
                core: Arc::new(core),
                presentation,
            }))
        })
    }

    /// Scans a QR code's text: the link is checked, the registry asked (unless offline), the
    /// answer verified and cached, and the result summarised.
    pub async fn scan_text(&self, text: String) -> Result<ScanResult, TrustLabelError> {
        guard_async(async {
            let result = self
                .core
                .scan_text(&text)
                .await
                .map_err(|e| self.error(e))?;
            Ok(self.result(result))
        })
        .await
    }

    /// Like `scan_text`, but from the offline cache only, never touching the network.
    pub async fn scan_text_offline(&self, text: String) -> Result<ScanResult, TrustLabelError> {
        guard_async(async {
            let result = self
                .core
                .scan_text_offline(&text)
                .await
                .map_err(|e| self.error(e))?;
            Ok(self.result(result))
        })
        .await
    }

    /// Scans a camera frame's luma (Y) plane: `stride` bytes per row, at least
    /// `stride * (height - 1) + width` bytes. Returns nothing when no QR code is in view.
    pub async fn scan_frame(
        &self,
        width: u32,
        height: u32,
        stride: u32,
        luma: Vec<u8>,
    ) -> Result<Option<ScanResult>, TrustLabelError> {
        guard_async(async {
            let frame = LumaFrame {
                width,
                height,
                stride,
                data: &luma,
            };
            let result = self
                .core
                .scan_frame(&frame, &DecodeOptions::default())
                .await
                .map_err(|e| self.error(e))?;
            Ok(result.map(|r| self.result(r)))
        })
        .await
    }

    /// Scans a photo (PNG, JPEG or WebP bytes). Returns nothing when it holds no QR code.
    pub async fn scan_image(&self, image: Vec<u8>) -> Result<Option<ScanResult>, TrustLabelError> {
        guard_async(async {
            let result = self
                .core
                .scan_image(&image, &DecodeOptions::default())
                .await
                .map_err(|e| self.error(e))?;
            Ok(result.map(|r| self.result(r)))
        })
        .await
    }

    /// Starts a live scan session: feed it camera frames, draw the events `listener` gets
    /// (on a core thread). See `ScanSession`.
    pub fn start_session(
        &self,
        config: SessionConfig,
        listener: Arc<dyn SessionListener>,
    ) -> Arc<ScanSession> {
        ScanSession::start(self, config, listener)
    }

    /// The QR texts in a photo picked from the gallery (PNG, JPEG or WebP bytes), in reading
    /// order; empty when it holds none. Push the chosen one to a session with `push_text`.
    pub fn decode_image(&self, bytes: Vec<u8>) -> Result<Vec<String>, TrustLabelError> {
        guard(|| self.core.decode_image(&bytes).map_err(|e| self.error(e)))
    }

    /// Replaces the trust list with a newer signed one (from a download, a pack or a file).
    /// Refused with `TrustList { reason }` when its signature fails or it is not newer.
    pub fn install_trust_list(
        &self,
        envelope: Vec<u8>,
    ) -> Result<TrustListStatus, TrustLabelError> {
        guard(|| {
            self.core
                .install_trust_list(&envelope)
                .map_err(|e| self.error(e))
        })
    }

    /// Refreshes the trust list if it is due (the first call after opening, then once a day,
    /// or while the list in use has expired); otherwise answers `NotDue` without a request.
    /// Call it when the app starts and when the network comes back; an error (offline,
    /// unreachable, a refused list) leaves the list in use as it was and needs no retry
    /// logic in the app: the next call decides again.
    pub async fn refresh_trust_list_if_due(&self) -> Result<TrustListRefresh, TrustLabelError> {
        guard_async(async {
            self.core
                .refresh_trust_list_if_due()
                .await
                .map_err(|e| self.error(e))
        })
        .await
    }

    /// Refreshes the trust list now (a "check for updates" the user asked for).
    pub async fn refresh_trust_list(&self) -> Result<TrustListRefresh, TrustLabelError> {
        guard_async(async {
            self.core
                .refresh_trust_list()
                .await
                .map_err(|e| self.error(e))
        })
        .await
    }

    /// The version of the trust list in use.
    pub fn trust_list_version(&self) -> u64 {
        self.core.trust_list().version()
    }

    /// The trust list in use: version, and whether it has expired (every result says so too).
    pub fn trust_list_status(&self) -> TrustListStatus {
        self.core.trust_list_status()
    }

    /// Recent scans of label links, newest first, one per label. Opening one should scan its
    /// `url` again (offline if need be), so what is shown is always verified afresh.
    pub fn history(&self) -> Result<Vec<HistoryItem>, TrustLabelError> {
        guard(|| {
            let entries = self.core.history().map_err(|e| self.error(e))?;
            let locale = &self.presentation.locale;
            Ok(entries
                .into_iter()
                .map(|e| HistoryItem::new(e, locale))
                .collect())
        })
    }

    /// Forgets every history entry (the offline cache is kept).
    pub fn clear_history(&self) -> Result<(), TrustLabelError> {
        guard(|| self.core.clear_history().map_err(|e| self.error(e)))
    }

    /// History entries whose product or maker contains `query` (any case), newest first; an
    /// empty query gives them all.
    pub fn history_search(&self, query: String) -> Result<Vec<HistoryItem>, TrustLabelError> {
        guard(|| {
            let entries = trustlabel_core::history::search(self.core.store(), &query)
                .map_err(|e| self.error(core::ScanError::Storage(e)))?;
            let locale = &self.presentation.locale;
            Ok(entries
                .into_iter()
                .map(|e| HistoryItem::new(e, locale))
                .collect())
        })
    }

    /// Switches the history on or off (kept across restarts). Off: scans write nothing to
    /// it; what is there stays until cleared.
    pub fn set_history_enabled(&self, on: bool) -> Result<(), TrustLabelError> {
        guard(|| {
            trustlabel_core::history::set_enabled(self.core.store(), on)
                .map_err(|e| self.error(core::ScanError::Storage(e)))
        })
    }

    /// True unless the user turned the scan history off.
    pub fn history_enabled(&self) -> Result<bool, TrustLabelError> {
        guard(|| {
            trustlabel_core::history::enabled(self.core.store())
                .map_err(|e| self.error(core::ScanError::Storage(e)))
        })
    }

    /// How the offline cache was opened: `Opened`, or recovered (`Recreated`, `Temporary`).
    pub fn store_state(&self) -> StoreState {
        self.core.open_state().into()
    }

    /// How many labels are saved for offline use.
    pub fn cached_record_count(&self) -> u64 {
        self.core.store().record_count() as u64
    }
}

impl Scanner {
    pub(crate) fn core(&self) -> &Arc<core::Scanner> {
        &self.core
    }

    pub(crate) fn presentation(&self) -> &Presentation {
        &self.presentation
    }

    /// The language errors and summaries are worded in.
    pub(crate) fn locale(&self) -> &str {
        &self.presentation.locale
    }

    pub(crate) fn error(&self, error: core::ScanError) -> TrustLabelError {
        TrustLabelError::from_core(error, &self.presentation.locale)
    }

    pub(crate) fn result(&self, result: protocol::ScanResult) -> ScanResult {
        let summary = summarize(&result, &self.presentation.locale, self.presentation.now());
        ScanResult::new(result, summary)
    }
}
