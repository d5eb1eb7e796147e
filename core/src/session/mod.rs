//! The live scan session: the one camera loop both apps use.
//!
//! The app feeds it camera frames (and texts: a typed link, an imported photo's code, a
//! history entry reopened) and draws the [`SessionEvent`]s it sends, in this order:
//!
//! ```text
//! Searching ─▶ CodeSeen{guidance}* ─▶ Checking ─▶ Result | Failed | Cancelled
//!     ▲                                                  │
//!     └──── shelf mode, or after Cancelled; shopper mode: after resume() ────┘
//! ```
//!
//! Every frame is decoded, but a label is looked up once: the same QR text seen again within
//! the repeat window (default 10 s, sliding while the label stays in view) starts no lookup
//! and writes no history. Shopper mode stops taking frames at the first Result or Failed
//! until [`Session::resume`]; shelf mode keeps going, one Result per distinct label.
//!
//! Events are delivered on one thread of the session's own, in order; a listener that
//! panics loses that event, not the session. After [`Session::close`] returns no event is
//! delivered.

mod frame;
mod task;
mod window;

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{JoinHandle, ThreadId};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local};

use trustlabel_protocol::ScanResult;
use trustlabel_words::{self as summary, session_text, SessionText, Summary, Words};

use crate::decode::{DecodeOptions, LumaFrame};
use crate::fetch::FetchError;
use crate::scanner::ScanError;
use crate::scanner::Scanner;

pub use frame::{guidance, FrameScan, Guidance};
pub use task::TaskHandle;

use frame::FrameDecoder;
use task::CatchUnwind;
use window::RepeatWindow;

/// The default repeat window.
pub const DEFAULT_REPEAT_WINDOW: Duration = Duration::from_secs(10);

/// After guidance was given, nothing code-like in view for this long means searching again.
/// Short gaps (a blurred frame between two readable ones) do not flip the screen back.
const SEARCH_AGAIN_AFTER_MS: u64 = 750;

/// Called once per lookup the session completes (result or error), before the Result or
/// Failed event is delivered: how other features (the shelf audit) follow a session.
pub trait ScanObserver: Send + Sync {
    /// Called with the QR text looked up and what the lookup gave.
    fn observed(&self, text: &str, outcome: &Result<ScanResult, ScanError>);
}

/// Receives a session's events, on the session's event thread.
pub trait SessionListener: Send + Sync {
    /// Called for each event, in order.
    fn on_event(&self, event: SessionEvent);
}

impl<F: Fn(SessionEvent) + Send + Sync> SessionListener for F {
    fn on_event(&self, event: SessionEvent) {
        self(event)
    }
}

/// The device's local time, for the summary's relative dates ("ends in 3 months").
pub type LocalClock = Arc<dyn Fn() -> DateTime<FixedOffset> + Send + Sync>;

/// What a session is for: one label, or a whole shelf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScanMode {
    /// One label: stop at the first Result or Failed until `resume()`.
    Shopper,
    /// Many labels (a staff audit of a shelf): keep going, one Result per distinct label.
    Shelf,
}

/// How a live scan session behaves.
#[derive(Clone)]
pub struct SessionConfig {
    /// One label or a shelf.
    pub mode: ScanMode,
    /// The same QR text within this long of its last sighting is not looked up again.
    pub repeat_window: Duration,
    /// Answer from the offline cache only.
    pub offline: bool,
    /// Language of the words (`en-US`, `es-US`, ...; others fall back to US English).
    pub locale: String,
    /// Told of every lookup the session completes (the shelf audit uses this).
    pub observer: Option<Arc<dyn ScanObserver>>,
    /// The device's local time, for relative dates in the words.
    pub local_time: LocalClock,
    /// How hard the decoder tries on each frame (camera defaults).
    pub decode: DecodeOptions,
    /// Where checks run; `None`: a one-thread runtime shared by all sessions.
    pub runtime: Option<tokio::runtime::Handle>,
}

impl SessionConfig {
    /// A session in `mode` with words in `locale` and the defaults for everything else.
    pub fn new(mode: ScanMode, locale: &str) -> Self {
        SessionConfig {
            mode,
            repeat_window: DEFAULT_REPEAT_WINDOW,
            offline: false,
            locale: locale.to_owned(),
            observer: None,
            local_time: Arc::new(|| Local::now().fixed_offset()),
            decode: DecodeOptions::camera(),
            runtime: None,
        }
    }
}

impl std::fmt::Debug for SessionConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionConfig")
            .field("mode", &self.mode)
            .field("repeat_window", &self.repeat_window)
            .field("offline", &self.offline)
            .field("locale", &self.locale)
            .finish_non_exhaustive()
    }
}

/// What the app draws. Every event carries its words, shown and spoken.
// Each event is built once and moved to the listener; boxing the result would only add an
// allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum SessionEvent {
    /// Looking for a code: at the start, after `resume()`, and when a code seen went away.
    Searching {
        /// What to show and say.
        words: Words,
    },
    /// Something is in view but cannot be checked yet (a haptic tick on this one).
    CodeSeen {
        /// What would help the camera read it.
        guidance: Guidance,
        /// What to show and say.
        words: Words,
    },
    /// The registry is being asked about `text`; `cancel()` stops it.
    Checking {
        /// The QR text being looked up.
        text: String,
        /// What to show and say.
        words: Words,
    },
    /// The check's result; `announcement` is what to say first.
    Result {
        /// What the scanner found.
        result: ScanResult,
        /// The result worded for people.
        summary: Summary,
        /// The first thing to say (the verdict, briefly).
        announcement: Words,
    },
    /// No result: offline and not saved, unreachable, the frame unreadable... with the
    /// core's worded summary, never to be swallowed.
    Failed {
        /// Why there is no result.
        error: ScanError,
        /// The error worded for people.
        summary: Summary,
        /// The first thing to say.
        announcement: Words,
    },
    /// The running check was stopped; the store is unchanged. Searching again.
    Cancelled {
        /// What to show and say.
        words: Words,
    },
}

impl SessionEvent {
    /// The snake_case name, as in `trustlabel replay --json`.
    pub fn code(&self) -> &'static str {
        match self {
            SessionEvent::Searching { .. } => "searching",
            SessionEvent::CodeSeen { .. } => "code_seen",
            SessionEvent::Checking { .. } => "checking",
            SessionEvent::Result { .. } => "result",
            SessionEvent::Failed { .. } => "failed",
            SessionEvent::Cancelled { .. } => "cancelled",
        }
    }
}

enum Phase {
    Searching,
    Checking {
        generation: u64,
        text: String,
        task: Option<TaskHandle>,
    },
    /// Shopper mode after a Result or Failed.
    Stopped {
        failed_text: Option<String>,
    },
    Closed,
}

struct State {
    phase: Phase,
    /// The guidance last sent while searching, and when something code-like was last seen.
    guidance: Option<Guidance>,
    pattern_seen_ms: u64,
    window: RepeatWindow,
    generation: u64,
    /// Shelf mode: a different label seen during a check, checked right after it.
    pending: Option<String>,
}

#[allow(clippy::large_enum_variant)] // see SessionEvent
enum Message {
    Event(SessionEvent),
    /// Acknowledged once every event before it was delivered.
    Flush(Sender<()>),
    Stop,
}

struct Inner {
    scanner: Arc<Scanner>,
    config: SessionConfig,
    runtime: Result<tokio::runtime::Handle, String>,
    state: Mutex<State>,
    idle: Condvar,
    decoder: Mutex<FrameDecoder>,
    events: Sender<Message>,
    /// `None` when no thread could be started: events are then delivered inline.
    listener_inline: Option<Arc<dyn SessionListener>>,
    dispatcher: Mutex<Option<JoinHandle<()>>>,
    dispatcher_id: Option<ThreadId>,
    closed: Arc<std::sync::atomic::AtomicBool>,
}

/// A live scan session. Every method takes `&self` and may be called from any thread.
pub struct Session {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Starts a session and sends `Searching`.
    pub fn start(
        scanner: Arc<Scanner>,
        config: SessionConfig,
        listener: Arc<dyn SessionListener>,
    ) -> Session {
        let (events, receiver) = mpsc::channel();
        let closed = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let dispatcher = {
            let listener = listener.clone();
            let closed = closed.clone();
            std::thread::Builder::new()
                .name("trustlabel-session-events".into())
                .spawn(move || dispatch(receiver, listener, closed))
                .ok()
        };
        let runtime = match &config.runtime {
            Some(handle) => Ok(handle.clone()),
            None => task::shared_runtime(),
        };
        let window =
            RepeatWindow::new(config.repeat_window.as_millis().min(u64::MAX as u128) as u64);
        let inner = Arc::new(Inner {
            scanner,
            decoder: Mutex::new(FrameDecoder::new(config.decode.clone())),
            runtime,
            state: Mutex::new(State {
                phase: Phase::Searching,
                guidance: None,
                pattern_seen_ms: 0,
                window,
                generation: 0,
                pending: None,
            }),
            idle: Condvar::new(),
            events,
            listener_inline: dispatcher.is_none().then_some(listener),
            dispatcher_id: dispatcher.as_ref().map(|d| d.thread().id()),
            dispatcher: Mutex::new(dispatcher),
            closed,
            config,
        });
        {
            let state = inner.lock();
            inner.emit(&state, inner.searching());
        }
        Session { inner }
    }

    /// A camera frame's luma plane, on the camera's analysis thread: decoded here, and
    /// checked on the session's runtime if it shows a label not seen within the window.
    /// Frames are ignored while the session is stopped or closed.
    pub fn push_frame(&self, frame: &LumaFrame<'_>, timestamp_ms: u64) {
        if !self.inner.lock().takes_frames() {
            return;
        }
        let scan = {
            let mut decoder = self.inner.decoder.lock().unwrap_or_else(|e| e.into_inner());
            decoder.scan(frame)
        };
        let mut state = self.inner.lock();
        if !state.takes_frames() {
            return;
        }
        match scan {
            Ok(scan) => self.inner.on_scan(&mut state, &scan, timestamp_ms),
            Err(error) => {
                // A frame that does not match its buffer is the app's bug: said once per
                // window (not once per frame), and in shopper mode it stops like any failure.
                let key = format!("\u{0}frame: {error}");
                if state.window.sight(&key, timestamp_ms) || !state.is_searching() {
                    return;
                }
                self.inner
                    .conclude(&mut state, None, Err(ScanError::Decode(error)));
            }
        }
    }

    /// What `push_frame` does after decoding: for benchmarks (the session's own cost per
    /// frame, without the decoder's) and for tests of what a decoder may report.
    #[doc(hidden)]
    pub fn push_scan(&self, scan: &FrameScan, timestamp_ms: u64) {
        let mut state = self.inner.lock();
        if state.takes_frames() {
            self.inner.on_scan(&mut state, scan, timestamp_ms);
        }
    }

    /// A QR text the person chose (typed, from a photo, a history entry): always checked,
    /// window or not, and in shopper mode even when stopped. A running check is cancelled.
    pub fn push_text(&self, text: &str, timestamp_ms: u64) {
        let mut state = self.inner.lock();
        if matches!(state.phase, Phase::Closed) {
            return;
        }
        if matches!(state.phase, Phase::Checking { .. }) {
            self.inner.cancel_check(&mut state);
        }
        state.window.sight(text, timestamp_ms);
        self.inner.start_check(&mut state, text.to_owned());
    }

    /// Stops the running check, if any: the store is unchanged, `Cancelled` is sent, and the
    /// session searches again.
    pub fn cancel(&self) {
        let mut state = self.inner.lock();
        if matches!(state.phase, Phase::Checking { .. }) {
            self.inner.cancel_check(&mut state);
        }
    }

    /// Shopper mode, after a Result or Failed: search again (`Searching` is sent). A label
    /// that failed can be checked again at once; one that gave a result stays quiet for the
    /// rest of its window, so the label still in view does not pop up again.
    pub fn resume(&self) {
        let mut state = self.inner.lock();
        if let Phase::Stopped { failed_text } = &state.phase {
            if let Some(text) = failed_text.clone() {
                state.window.forget(&text);
            }
            state.phase = Phase::Searching;
            state.guidance = None;
            self.inner.emit(&state, self.inner.searching());
        }
    }

    /// Stops everything. No event is delivered after this returns (events not yet
    /// delivered are dropped). Called on drop too.
    pub fn close(&self) {
        self.inner.close();
    }

    /// Blocks until no check is running and every event sent so far was delivered. For
    /// tools that replay frames and for tests; an app never needs it.
    pub fn wait_idle(&self) {
        {
            let mut state = self.inner.lock();
            while matches!(state.phase, Phase::Checking { .. }) {
                state = self
                    .inner
                    .idle
                    .wait(state)
                    .unwrap_or_else(|e| e.into_inner());
            }
        }
        if self.inner.on_dispatcher() || self.inner.listener_inline.is_some() {
            return;
        }
        let (ack, acked) = mpsc::channel();
        if self.inner.events.send(Message::Flush(ack)).is_ok() {
            let _ = acked.recv();
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.inner.close();
    }
}

impl State {
    fn takes_frames(&self) -> bool {
        !matches!(self.phase, Phase::Stopped { .. } | Phase::Closed)
    }

    fn is_searching(&self) -> bool {
        matches!(self.phase, Phase::Searching)
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic never happens while the state is half-updated (listeners are called on
        // another thread, observers under catch_unwind), so a poisoned lock is still sound.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn searching(&self) -> SessionEvent {
        SessionEvent::Searching {
            words: session_text(SessionText::Searching, &self.config.locale),
        }
    }

    /// Sends an event. Takes the state guard so that events leave in the order the state
    /// changed, whichever thread changed it.
    fn emit(&self, _state: &MutexGuard<'_, State>, event: SessionEvent) {
        if self.closed.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        match &self.listener_inline {
            Some(listener) => deliver(listener.as_ref(), event),
            None => {
                let _ = self.events.send(Message::Event(event));
            }
        }
    }

    fn on_dispatcher(&self) -> bool {
        self.dispatcher_id == Some(std::thread::current().id())
    }

    fn on_scan(self: &Arc<Self>, state: &mut MutexGuard<'_, State>, scan: &FrameScan, ts: u64) {
        let mut texts: Vec<&str> = scan.codes.iter().map(|c| c.text.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        if let Phase::Checking { text: current, .. } = &state.phase {
            let current = current.clone();
            for text in &texts {
                state.window.sight(text, ts);
            }
            if self.config.mode == ScanMode::Shelf {
                if let [one] = texts.as_slice() {
                    if *one != current && state.pending.is_none() {
                        state.pending = Some((*one).to_owned());
                    }
                }
            }
            return;
        }
        if let [text] = texts.as_slice() {
            if state.window.sight(text, ts) {
                return;
            }
            self.start_check(state, (*text).to_owned());
            return;
        }
        match frame::guidance(scan) {
            Some(guidance) => {
                state.pattern_seen_ms = ts;
                if state.guidance != Some(guidance) {
                    state.guidance = Some(guidance);
                    let words = session_text(guidance_text(guidance), &self.config.locale);
                    self.emit(state, SessionEvent::CodeSeen { guidance, words });
                }
            }
            None => {
                if state.guidance.is_some()
                    && ts.saturating_sub(state.pattern_seen_ms) >= SEARCH_AGAIN_AFTER_MS
                {
                    state.guidance = None;
                    self.emit(state, self.searching());
                }
            }
        }
    }

    fn start_check(self: &Arc<Self>, state: &mut MutexGuard<'_, State>, text: String) {
        state.generation += 1;
        let generation = state.generation;
        state.guidance = None;
        state.pending = None;
        let words = session_text(SessionText::Checking, &self.config.locale);
        self.emit(
            state,
            SessionEvent::Checking {
                text: text.clone(),
                words,
            },
        );
        let runtime = match &self.runtime {
            Ok(runtime) => runtime.clone(),
            Err(error) => {
                let error = ScanError::Network(FetchError::Other(format!(
                    "could not start the session's worker: {error}"
                )));
                state.phase = Phase::Checking {
                    generation,
                    text: text.clone(),
                    task: None,
                };
                self.conclude(state, Some(&text), Err(error));
                return;
            }
        };
        state.phase = Phase::Checking {
            generation,
            text: text.clone(),
            task: None,
        };
        let inner = self.clone();
        let checked = text.clone();
        let handle = TaskHandle::spawn(&runtime, async move {
            let scanner = inner.scanner.clone();
            let offline = inner.config.offline;
            let outcome = CatchUnwind::new(async {
                if offline {
                    scanner.scan_text_offline(&checked).await
                } else {
                    scanner.scan_text(&checked).await
                }
            })
            .await;
            inner.finish(generation, &checked, outcome);
        });
        if let Phase::Checking {
            generation: g,
            task,
            ..
        } = &mut state.phase
        {
            if *g == generation {
                *task = Some(handle);
            }
        }
    }

    /// A check's task ended. Only the check still current gets to report: one cancelled or
    /// replaced meanwhile says nothing.
    fn finish(
        self: &Arc<Self>,
        generation: u64,
        text: &str,
        outcome: Result<Result<ScanResult, ScanError>, String>,
    ) {
        let mut state = self.lock();
        let current = matches!(&state.phase,
            Phase::Checking { generation: g, .. } if *g == generation);
        if !current {
            return;
        }
        match outcome {
            Ok(outcome) => self.conclude(&mut state, Some(text), outcome),
            Err(_panic) => {
                // A bug in the pipeline: nothing honest to show about the label. Search again.
                state.phase = Phase::Searching;
                self.emit(&state, self.searching());
                self.idle.notify_all();
            }
        }
    }

    /// Reports a check's end (or a frame's failure) and moves on: stopped in shopper mode,
    /// searching in shelf mode (then the pending label, if one was seen meanwhile).
    fn conclude(
        self: &Arc<Self>,
        state: &mut MutexGuard<'_, State>,
        text: Option<&str>,
        outcome: Result<ScanResult, ScanError>,
    ) {
        if let (Some(observer), Some(text)) = (&self.config.observer, text) {
            // An observer that panics must not take the result from the person scanning.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                observer.observed(text, &outcome)
            }));
        }
        let locale = &self.config.locale;
        let failed = outcome.is_err();
        let event = match outcome {
            Ok(result) => {
                let summary = summary::summarize(&result, locale, (self.config.local_time)());
                SessionEvent::Result {
                    announcement: verdict_words(&summary),
                    result,
                    summary,
                }
            }
            Err(error) => {
                let summary = summary::summarize_error(&error, locale);
                SessionEvent::Failed {
                    announcement: verdict_words(&summary),
                    error,
                    summary,
                }
            }
        };
        self.emit(state, event);
        let pending = state.pending.take();
        state.guidance = None;
        match self.config.mode {
            ScanMode::Shopper => {
                state.phase = Phase::Stopped {
                    failed_text: failed.then(|| text.map(str::to_owned)).flatten(),
                };
            }
            ScanMode::Shelf => {
                state.phase = Phase::Searching;
                if let Some(next) = pending {
                    self.start_check(state, next);
                }
            }
        }
        self.idle.notify_all();
    }

    fn cancel_check(self: &Arc<Self>, state: &mut MutexGuard<'_, State>) {
        if let Phase::Checking { task, .. } = &state.phase {
            if let Some(task) = task {
                task.cancel();
            }
            state.phase = Phase::Searching;
            state.pending = None;
            state.guidance = None;
            let words = session_text(SessionText::Cancelled, &self.config.locale);
            self.emit(state, SessionEvent::Cancelled { words });
            self.idle.notify_all();
        }
    }

    fn close(&self) {
        {
            let mut state = self.lock();
            if matches!(state.phase, Phase::Closed) {
                return;
            }
            if let Phase::Checking {
                task: Some(task), ..
            } = &state.phase
            {
                task.cancel();
            }
            state.phase = Phase::Closed;
            self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
            self.idle.notify_all();
        }
        let _ = self.events.send(Message::Stop);
        if self.on_dispatcher() {
            // Closed from inside a listener: the event thread ends after this event.
            return;
        }
        let dispatcher = self
            .dispatcher
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(thread) = dispatcher {
            let _ = thread.join();
        }
    }
}

fn dispatch(
    receiver: Receiver<Message>,
    listener: Arc<dyn SessionListener>,
    closed: Arc<std::sync::atomic::AtomicBool>,
) {
    while let Ok(message) = receiver.recv() {
        match message {
            Message::Event(event) => {
                if !closed.load(std::sync::atomic::Ordering::SeqCst) {
                    deliver(listener.as_ref(), event);
                }
            }
            Message::Flush(ack) => {
                let _ = ack.send(());
            }
            Message::Stop => break,
        }
    }
}

/// Calls the listener; a panic in it loses this one event, not the session.
fn deliver(listener: &dyn SessionListener, event: SessionEvent) {
    let delivered =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| listener.on_event(event)));
    // The app's own bug; the session has nowhere better to report it.
    drop(delivered);
}

fn verdict_words(summary: &Summary) -> Words {
    Words {
        text: summary.verdict.text.clone(),
        spoken: summary.verdict.spoken.clone(),
    }
}

fn guidance_text(guidance: Guidance) -> SessionText {
    match guidance {
        Guidance::HoldStill => SessionText::HoldStill,
        Guidance::MoveCloser => SessionText::MoveCloser,
        Guidance::MoreLight => SessionText::MoreLight,
        Guidance::OnlyOneCode => SessionText::OnlyOneCode,
    }
}
