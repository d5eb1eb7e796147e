//! The live scan session (`core::session`) across the FFI: conversions only.
//!
//! Kotlin:
//! ```kotlin
//! val session = scanner.startSession(SessionConfig(ScanMode.SHOPPER, 10_000u, false),
//!     object : SessionListener { override fun onEvent(event: SessionEvent) { post { draw(event) } } })
//! analyzer { image -> session.pushFrame(w, h, stride, yPlane, image.timestampMs) }
//! cancelButton { session.cancel() }; onDispose { session.close() }
//! ```

use crate::words::Words;
use std::sync::Arc;
use std::time::Duration;

use trustlabel_core::session as core;
use trustlabel_decode::LumaFrame;

use crate::error::{guard, TrustLabelError};
use crate::summary::Summary;
use crate::types::ScanResult;

/// Shopper: stop at the first result until `resume()`. Shelf: keep going, one result per
/// distinct label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ScanMode {
    /// One label: stop at the first result until `resume()`.
    Shopper,
    /// A whole shelf: keep going, one result per distinct label.
    Shelf,
}

/// How a live scan session behaves.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionConfig {
    /// One label or a shelf.
    pub mode: ScanMode,
    /// The same QR text seen again within this long is not looked up again (10000).
    pub repeat_window_ms: u64,
    /// Answer from the offline cache only.
    pub offline: bool,
}

/// What to tell the person holding the camera.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Guidance {
    /// The code is in view but blurred: hold the phone still.
    HoldStill,
    /// The code is too small to read: move closer.
    MoveCloser,
    /// The frame is too dark: find more light.
    MoreLight,
    /// Several codes are in view: point at one.
    OnlyOneCode,
}

/// What to draw; see `core::session` for the order.
// Crosses the FFI serialised into a buffer: its size in Rust does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum SessionEvent {
    /// Looking for a code: at the start, after `resume()`, and when a code seen went away.
    Searching {
        /// What to show and say.
        words: Words,
    },
    /// A haptic tick on this one.
    CodeSeen {
        /// What would help the camera read it.
        guidance: Guidance,
        /// What to show and say.
        words: Words,
    },
    /// The registry is being asked; show Cancel.
    Checking {
        /// The QR text being looked up.
        qr_text: String,
        /// What to show and say.
        words: Words,
    },
    /// The check's result; `announcement` is what to say first.
    Result {
        /// What the scanner found, with its summary.
        result: ScanResult,
        /// The first thing to say (the verdict, briefly).
        announcement: Words,
    },
    /// No result: offline and not saved, unreachable, the frame unreadable.
    Failed {
        /// Why there is no result.
        error: TrustLabelError,
        /// The error worded for people.
        summary: Summary,
        /// The first thing to say.
        announcement: Words,
    },
    /// The running check was stopped; searching again.
    Cancelled {
        /// What to show and say.
        words: Words,
    },
}

/// Receives a session's events, called on a core thread (post to the UI thread to draw).
#[uniffi::export(with_foreign)]
pub trait SessionListener: Send + Sync {
    /// Called for each event, in order.
    fn on_event(&self, event: SessionEvent);
}

/// A live scan session. Close it when the screen goes away (Kotlin `close()`/`use {}`;
/// Swift: `close()`, or the last reference going away).
#[derive(uniffi::Object)]
pub struct ScanSession {
    core: core::Session,
}

impl std::fmt::Debug for ScanSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.core.fmt(f)
    }
}

#[uniffi::export]
impl ScanSession {
    /// A camera frame's luma (Y) plane, `stride` bytes per row, on the camera's analysis
    /// thread (it decodes there, and returns when done). `timestamp_ms`: the frame's time,
    /// from any clock that only goes forward.
    pub fn push_frame(
        &self,
        width: u32,
        height: u32,
        stride: u32,
        luma: Vec<u8>,
        timestamp_ms: u64,
    ) {
        let frame = LumaFrame {
            width,
            height,
            stride,
            data: &luma,
        };
        quietly(|| self.core.push_frame(&frame, timestamp_ms));
    }

    /// A QR text the person chose (typed link, photo import, history entry): always checked.
    pub fn push_text(&self, text: String, timestamp_ms: u64) {
        quietly(|| self.core.push_text(&text, timestamp_ms));
    }

    /// Stops the running check: the store is unchanged, `Cancelled` is sent.
    pub fn cancel(&self) {
        quietly(|| self.core.cancel());
    }

    /// Shopper mode, after a Result or Failed: search again.
    pub fn resume(&self) {
        quietly(|| self.core.resume());
    }

    /// Stops everything; no event is delivered after this returns. Kotlin: `stop()` (its
    /// `close()` is AutoCloseable's, which releases the session and so stops it too).
    pub fn close(&self) {
        quietly(|| self.core.close());
    }
}

impl ScanSession {
    pub(crate) fn start(
        scanner: &crate::Scanner,
        config: SessionConfig,
        listener: Arc<dyn SessionListener>,
    ) -> Arc<ScanSession> {
        Self::start_observed(scanner, config, listener, None)
    }

    /// As `start`, with a feature (the shelf audit) told of every completed check.
    pub(crate) fn start_observed(
        scanner: &crate::Scanner,
        config: SessionConfig,
        listener: Arc<dyn SessionListener>,
        observer: Option<Arc<dyn core::ScanObserver>>,
    ) -> Arc<ScanSession> {
        let presentation = scanner.presentation().clone();
        let mut core_config = core::SessionConfig::new(
            match config.mode {
                ScanMode::Shopper => core::ScanMode::Shopper,
                ScanMode::Shelf => core::ScanMode::Shelf,
            },
            &presentation.locale,
        );
        core_config.repeat_window = Duration::from_millis(config.repeat_window_ms);
        core_config.offline = config.offline;
        core_config.observer = observer;
        let now = presentation.clone();
        core_config.local_time = Arc::new(move || now.now());
        let adapter = Arc::new(Adapter {
            listener,
            locale: presentation.locale,
        });
        Arc::new(ScanSession {
            core: core::Session::start(scanner.core().clone(), core_config, adapter),
        })
    }
}

/// Calls on a session return nothing, so a panic (a bug) has nowhere to go but away: it must
/// not unwind into the app.
fn quietly(f: impl FnOnce()) {
    let _ = guard(|| {
        f();
        Ok(())
    });
}

/// The core's listener, converting each event for the app's.
struct Adapter {
    listener: Arc<dyn SessionListener>,
    locale: String,
}

impl core::SessionListener for Adapter {
    fn on_event(&self, event: core::SessionEvent) {
        self.listener.on_event(self.convert(event));
    }
}

impl Adapter {
    fn convert(&self, event: core::SessionEvent) -> SessionEvent {
        match event {
            core::SessionEvent::Searching { words } => SessionEvent::Searching {
                words: words.into(),
            },
            core::SessionEvent::CodeSeen { guidance, words } => SessionEvent::CodeSeen {
                guidance: guidance.into(),
                words: words.into(),
            },
            core::SessionEvent::Checking { text, words } => SessionEvent::Checking {
                qr_text: text,
                words: words.into(),
            },
            core::SessionEvent::Result {
                result,
                summary,
                announcement,
            } => SessionEvent::Result {
                result: ScanResult::new(result, summary),
                announcement: announcement.into(),
            },
            core::SessionEvent::Failed {
                error,
                summary,
                announcement,
            } => SessionEvent::Failed {
                error: TrustLabelError::from_core(error, &self.locale),
                summary,
                announcement: announcement.into(),
            },
            core::SessionEvent::Cancelled { words } => SessionEvent::Cancelled {
                words: words.into(),
            },
        }
    }
}

impl From<core::Guidance> for Guidance {
    fn from(g: core::Guidance) -> Self {
        match g {
            core::Guidance::HoldStill => Guidance::HoldStill,
            core::Guidance::MoveCloser => Guidance::MoveCloser,
            core::Guidance::MoreLight => Guidance::MoreLight,
            core::Guidance::OnlyOneCode => Guidance::OnlyOneCode,
        }
    }
}
