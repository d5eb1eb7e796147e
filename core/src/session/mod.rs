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
//!
//! The rules above live in `machine.rs`, a state machine without I/O (`step(input) ->
//! effects`); this file is its driver: the lock, the check's task, the words, the observer
//! and the event thread.

mod frame;
mod machine;
mod task;
#[cfg(test)]
mod testing;
mod window;

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{JoinHandle, ThreadId};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local};

use trustlabel_decode::{DecodeOptions, LumaFrame};
use trustlabel_protocol::ScanResult;
use trustlabel_words::{self as summary, session_text, SessionText, Summary, Words};

use crate::fetch::FetchError;
use crate::scanner::ScanError;
use crate::scanner::Scanner;

pub use frame::{guidance, Guidance, SessionFrame};
pub use task::TaskHandle;

use frame::FrameDecoder;
use machine::{Effect, Input, Machine, Notice};
use task::CatchUnwind;

/// The default repeat window.
pub const DEFAULT_REPEAT_WINDOW: Duration = Duration::from_secs(10);

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

/// The machine and the running check's task, under one lock: effects run in the order the
/// machine gave them, whichever thread stepped it.
struct Driven {
    machine: Machine,
    /// The task of the check the machine last started.
    task: Option<TaskHandle>,
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
    state: Mutex<Driven>,
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
        let window_ms = config.repeat_window.as_millis().min(u64::MAX as u128) as u64;
        let inner = Arc::new(Inner {
            scanner,
            decoder: Mutex::new(FrameDecoder::new(config.decode.clone())),
            runtime,
            state: Mutex::new(Driven {
                machine: Machine::new(config.mode, window_ms),
                task: None,
            }),
            idle: Condvar::new(),
            events,
            listener_inline: dispatcher.is_none().then_some(listener),
            dispatcher_id: dispatcher.as_ref().map(|d| d.thread().id()),
            dispatcher: Mutex::new(dispatcher),
            closed,
            config,
        });
        inner.step(&mut inner.lock(), Input::Open);
        Session { inner }
    }

    /// A camera frame's luma plane, on the camera's analysis thread: decoded here, and
    /// checked on the session's runtime if it shows a label not seen within the window.
    /// Frames are ignored while the session is stopped or closed.
    pub fn push_frame(&self, frame: &LumaFrame<'_>, timestamp_ms: u64) {
        if !self.inner.lock().machine.takes_frames() {
            return;
        }
        let scan = {
            let mut decoder = self.inner.decoder.lock().unwrap_or_else(|e| e.into_inner());
            decoder.scan(frame)
        };
        let mut state = self.inner.lock();
        match scan {
            Ok(frame) => self.inner.step(
                &mut state,
                Input::Frame {
                    frame: &frame,
                    at_ms: timestamp_ms,
                },
            ),
            Err(error) => self.inner.step(
                &mut state,
                Input::BadFrame {
                    error,
                    at_ms: timestamp_ms,
                },
            ),
        }
    }

    /// What `push_frame` does after decoding: for benchmarks (the session's own cost per
    /// frame, without the decoder's) and for tests of what a decoder may report.
    #[doc(hidden)]
    pub fn push_scan(&self, scan: &SessionFrame, timestamp_ms: u64) {
        let input = Input::Frame {
            frame: scan,
            at_ms: timestamp_ms,
        };
        self.inner.step(&mut self.inner.lock(), input);
    }

    /// A QR text the person chose (typed, from a photo, a history entry): always checked,
    /// window or not, and in shopper mode even when stopped. A running check is cancelled.
    pub fn push_text(&self, text: &str, timestamp_ms: u64) {
        let input = Input::Text {
            text,
            at_ms: timestamp_ms,
        };
        self.inner.step(&mut self.inner.lock(), input);
    }

    /// Stops the running check, if any: the store is unchanged, `Cancelled` is sent, and the
    /// session searches again.
    pub fn cancel(&self) {
        self.inner.step(&mut self.inner.lock(), Input::Cancel);
    }

    /// Shopper mode, after a Result or Failed: search again (`Searching` is sent). A label
    /// that failed can be checked again at once; one that gave a result stays quiet for the
    /// rest of its window, so the label still in view does not pop up again.
    pub fn resume(&self) {
        self.inner.step(&mut self.inner.lock(), Input::Resume);
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
            while state.machine.is_checking() {
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

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Driven> {
        // A panic never happens while the state is half-updated (listeners are called on
        // another thread, observers under catch_unwind), so a poisoned lock is still sound.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Steps the machine and runs its effects in order, under the state's lock, so that
    /// events leave in the order the state changed.
    fn step(self: &Arc<Self>, state: &mut MutexGuard<'_, Driven>, input: Input<'_>) {
        let mut effects: VecDeque<Effect> = state.machine.step(input).into();
        while let Some(effect) = effects.pop_front() {
            match effect {
                Effect::Show(notice) => self.emit(self.words(notice)),
                Effect::StartCheck { check, text } => match self.start_check(check, text) {
                    Ok(task) => state.task = Some(task),
                    Err(error) => {
                        // The check could not start: it ends here, before anything queued.
                        let outcome = Err(error);
                        let then = state.machine.step(Input::CheckEnded { check, outcome });
                        for effect in then.into_iter().rev() {
                            effects.push_front(effect);
                        }
                    }
                },
                Effect::StopCheck => {
                    if let Some(task) = state.task.take() {
                        task.cancel();
                    }
                }
                Effect::Conclude { text, outcome } => self.conclude(text.as_deref(), outcome),
            }
        }
        if !state.machine.is_checking() {
            self.idle.notify_all();
        }
    }

    fn words(&self, notice: Notice) -> SessionEvent {
        let words = |text| session_text(text, &self.config.locale);
        match notice {
            Notice::Searching => SessionEvent::Searching {
                words: words(SessionText::Searching),
            },
            Notice::CodeSeen(guidance) => SessionEvent::CodeSeen {
                guidance,
                words: words(guidance_text(guidance)),
            },
            Notice::Checking(text) => SessionEvent::Checking {
                text,
                words: words(SessionText::Checking),
            },
            Notice::Cancelled => SessionEvent::Cancelled {
                words: words(SessionText::Cancelled),
            },
        }
    }

    /// Sends an event; called only under the state's lock (see [`Inner::step`]).
    fn emit(&self, event: SessionEvent) {
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

    /// Spawns the lookup of `text` as check number `check` on the session's runtime; its end
    /// steps the machine. `Err` (the failure to report) when there is no runtime.
    fn start_check(self: &Arc<Self>, check: u64, text: String) -> Result<TaskHandle, ScanError> {
        let runtime = self.runtime.as_ref().map_err(|error| {
            ScanError::Network(FetchError::Other(format!(
                "could not start the session's worker: {error}"
            )))
        })?;
        let inner = self.clone();
        Ok(TaskHandle::spawn(runtime, async move {
            let scanner = inner.scanner.clone();
            let offline = inner.config.offline;
            let outcome = CatchUnwind::new(async {
                if offline {
                    scanner.scan_text_offline(&text).await
                } else {
                    scanner.scan_text(&text).await
                }
            })
            .await;
            let input = match outcome {
                Ok(outcome) => Input::CheckEnded { check, outcome },
                Err(_panic) => Input::CheckPanicked { check },
            };
            inner.step(&mut inner.lock(), input);
        }))
    }

    /// Tells the observer (when a text was looked up), then words and sends the result.
    fn conclude(&self, text: Option<&str>, outcome: Result<ScanResult, ScanError>) {
        if let (Some(observer), Some(text)) = (&self.config.observer, text) {
            // An observer that panics must not take the result from the person scanning.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                observer.observed(text, &outcome)
            }));
        }
        let locale = &self.config.locale;
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
        self.emit(event);
    }

    fn close(self: &Arc<Self>) {
        {
            let mut state = self.lock();
            if self.closed.load(std::sync::atomic::Ordering::SeqCst) {
                return;
            }
            self.step(&mut state, Input::Close);
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
