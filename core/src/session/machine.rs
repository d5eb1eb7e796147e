//! The session's rules without I/O: [`Machine::step`] takes what happened ([`Input`]) and
//! returns what to do about it ([`Effect`]s, in order). No lock, no task, no words, no
//! observer, no clock: the driver in `mod.rs` holds the machine under its mutex, starts and
//! stops the checks, words the events and calls the observer, the way matrix-rust-sdk's base
//! crate keeps I/O out of its state. Every rule of the session is here, and tested here with
//! plain values.

use trustlabel_decode::DecodeError;
use trustlabel_protocol::ScanResult;

use crate::scanner::ScanError;

use super::frame::{guidance, Guidance, SessionFrame};
use super::window::RepeatWindow;
use super::ScanMode;

/// After guidance was given, nothing code-like in view for this long means searching again.
/// Short gaps (a blurred frame between two readable ones) do not flip the screen back.
pub(crate) const SEARCH_AGAIN_AFTER_MS: u64 = 750;

/// What happened.
// A check's result is large and the rest small; each input is built once and moved into
// `step`, so boxing the result would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum Input<'a> {
    /// The session started.
    Open,
    /// A camera frame, decoded, at `at_ms`.
    Frame { frame: &'a SessionFrame, at_ms: u64 },
    /// A camera frame that could not be decoded (it does not match its buffer).
    BadFrame { error: DecodeError, at_ms: u64 },
    /// A text the person chose (typed, from a photo, a history entry).
    Text { text: &'a str, at_ms: u64 },
    /// The person cancelled the running check.
    Cancel,
    /// Shopper mode: the person wants to scan again.
    Resume,
    /// Check number `check` gave `outcome` (including a check that could not start).
    CheckEnded {
        check: u64,
        outcome: Result<ScanResult, ScanError>,
    },
    /// Check number `check` panicked: a bug, nothing honest to show about the label.
    CheckPanicked { check: u64 },
    /// The session is closed.
    Close,
}

/// What the driver does, in the order given.
#[allow(clippy::large_enum_variant)] // see Input
#[derive(Debug)]
pub(crate) enum Effect {
    /// Tell the app (the driver words it).
    Show(Notice),
    /// Look `text` up; its end comes back as `CheckEnded { check, .. }`.
    StartCheck { check: u64, text: String },
    /// Stop the running check (a result it still gives is ignored by number).
    StopCheck,
    /// A lookup ended, or a frame failed: tell the observer when there is a `text` looked
    /// up, then show the result or the failure.
    Conclude {
        text: Option<String>,
        outcome: Result<ScanResult, ScanError>,
    },
}

/// The events the machine decides on, before wording (results go through `Conclude`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Notice {
    Searching,
    CodeSeen(Guidance),
    Checking(String),
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    Searching,
    Checking {
        check: u64,
        text: String,
    },
    /// Shopper mode after a Result or Failed; `failed_text` may be checked again at once.
    Stopped {
        failed_text: Option<String>,
    },
    Closed,
}

/// The session's state.
#[derive(Debug)]
pub(crate) struct Machine {
    mode: ScanMode,
    phase: Phase,
    /// The guidance last shown while searching.
    guidance: Option<Guidance>,
    /// When something code-like was last in view.
    pattern_seen_ms: u64,
    window: RepeatWindow,
    /// The number of the last check started.
    checks: u64,
    /// Shelf mode: a different label seen during a check, checked right after it.
    pending: Option<String>,
}

impl Machine {
    pub(crate) fn new(mode: ScanMode, repeat_window_ms: u64) -> Self {
        Machine {
            mode,
            phase: Phase::Searching,
            guidance: None,
            pattern_seen_ms: 0,
            window: RepeatWindow::new(repeat_window_ms),
            checks: 0,
            pending: None,
        }
    }

    /// Whether camera frames are used now (not when stopped or closed): the driver skips
    /// decoding a frame that would be ignored.
    pub(crate) fn takes_frames(&self) -> bool {
        !matches!(self.phase, Phase::Stopped { .. } | Phase::Closed)
    }

    /// Whether a check is running.
    pub(crate) fn is_checking(&self) -> bool {
        matches!(self.phase, Phase::Checking { .. })
    }

    /// Applies `input`; returns what to do, in order.
    pub(crate) fn step(&mut self, input: Input<'_>) -> Vec<Effect> {
        let mut out = Vec::new();
        match input {
            Input::Open => out.push(Effect::Show(Notice::Searching)),
            Input::Frame { frame, at_ms } => self.frame(frame, at_ms, &mut out),
            Input::BadFrame { error, at_ms } => self.bad_frame(error, at_ms, &mut out),
            Input::Text { text, at_ms } => self.text(text, at_ms, &mut out),
            Input::Cancel => self.cancel(&mut out),
            Input::Resume => self.resume(&mut out),
            Input::CheckEnded { check, outcome } => {
                if self.is_current(check) {
                    let text = match &self.phase {
                        Phase::Checking { text, .. } => text.clone(),
                        _ => unreachable!("is_current means checking"),
                    };
                    self.conclude(Some(text), outcome, &mut out);
                }
            }
            Input::CheckPanicked { check } => {
                if self.is_current(check) {
                    self.phase = Phase::Searching;
                    out.push(Effect::Show(Notice::Searching));
                }
            }
            Input::Close => {
                if self.is_checking() {
                    out.push(Effect::StopCheck);
                }
                self.phase = Phase::Closed;
            }
        }
        out
    }

    fn is_current(&self, check: u64) -> bool {
        matches!(&self.phase, Phase::Checking { check: c, .. } if *c == check)
    }

    fn frame(&mut self, frame: &SessionFrame, at: u64, out: &mut Vec<Effect>) {
        if !self.takes_frames() {
            return;
        }
        let mut texts: Vec<&str> = frame.codes.iter().map(|c| c.text.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        if let Phase::Checking { text: current, .. } = &self.phase {
            // Labels in view during a check stay "seen", so they are not checked after it.
            for text in &texts {
                self.window.sight(text, at);
            }
            if self.mode == ScanMode::Shelf && self.pending.is_none() {
                if let [one] = texts.as_slice() {
                    if one != current {
                        self.pending = Some((*one).to_owned());
                    }
                }
            }
            return;
        }
        if let [text] = texts.as_slice() {
            if !self.window.sight(text, at) {
                self.start_check((*text).to_owned(), out);
            }
            return;
        }
        match guidance(frame) {
            Some(guidance) => {
                self.pattern_seen_ms = at;
                if self.guidance != Some(guidance) {
                    self.guidance = Some(guidance);
                    out.push(Effect::Show(Notice::CodeSeen(guidance)));
                }
            }
            None => {
                if self.guidance.is_some()
                    && at.saturating_sub(self.pattern_seen_ms) >= SEARCH_AGAIN_AFTER_MS
                {
                    self.guidance = None;
                    out.push(Effect::Show(Notice::Searching));
                }
            }
        }
    }

    /// A frame that does not match its buffer is the app's bug: said once per window (not
    /// once per frame), and in shopper mode it stops like any failure.
    fn bad_frame(&mut self, error: DecodeError, at: u64, out: &mut Vec<Effect>) {
        if !self.takes_frames() {
            return;
        }
        let key = format!("\u{0}frame: {error}");
        if self.window.sight(&key, at) || self.phase != Phase::Searching {
            return;
        }
        self.conclude(None, Err(ScanError::Decode(error)), out);
    }

    /// Always checked, window or not, and in shopper mode even when stopped; a running
    /// check is cancelled first.
    fn text(&mut self, text: &str, at: u64, out: &mut Vec<Effect>) {
        if self.phase == Phase::Closed {
            return;
        }
        self.cancel(out);
        self.window.sight(text, at);
        self.start_check(text.to_owned(), out);
    }

    fn start_check(&mut self, text: String, out: &mut Vec<Effect>) {
        self.checks += 1;
        self.guidance = None;
        self.pending = None;
        self.phase = Phase::Checking {
            check: self.checks,
            text: text.clone(),
        };
        out.push(Effect::Show(Notice::Checking(text.clone())));
        out.push(Effect::StartCheck {
            check: self.checks,
            text,
        });
    }

    fn cancel(&mut self, out: &mut Vec<Effect>) {
        if self.is_checking() {
            self.phase = Phase::Searching;
            self.pending = None;
            self.guidance = None;
            out.push(Effect::StopCheck);
            out.push(Effect::Show(Notice::Cancelled));
        }
    }

    /// A label that failed can be checked again at once; one that gave a result stays quiet
    /// for the rest of its window, so the label still in view does not pop up again.
    fn resume(&mut self, out: &mut Vec<Effect>) {
        if let Phase::Stopped { failed_text } = &self.phase {
            if let Some(text) = failed_text {
                self.window.forget(text);
            }
            self.phase = Phase::Searching;
            self.guidance = None;
            out.push(Effect::Show(Notice::Searching));
        }
    }

    /// Reports a check's end (or a frame's failure) and moves on: stopped in shopper mode,
    /// searching in shelf mode (then the pending label, if one was seen meanwhile).
    fn conclude(
        &mut self,
        text: Option<String>,
        outcome: Result<ScanResult, ScanError>,
        out: &mut Vec<Effect>,
    ) {
        let failed_text = text.clone().filter(|_| outcome.is_err());
        out.push(Effect::Conclude { text, outcome });
        let pending = self.pending.take();
        self.guidance = None;
        match self.mode {
            ScanMode::Shopper => self.phase = Phase::Stopped { failed_text },
            ScanMode::Shelf => {
                self.phase = Phase::Searching;
                if let Some(next) = pending {
                    self.start_check(next, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::testing::code;
    use trustlabel_decode::DecodeStats;

    const WINDOW_MS: u64 = 10_000;

    fn showing(texts: &[&str]) -> SessionFrame {
        SessionFrame {
            codes: texts.iter().map(|t| code(t)).collect(),
            mean_luma: 120,
            ..SessionFrame::default()
        }
    }

    /// A blurred code: finder patterns that fit one code, nothing read.
    fn blurred() -> SessionFrame {
        SessionFrame {
            finder_candidates: 3,
            mean_luma: 120,
            stats: DecodeStats {
                timing_triples: 1,
                ..DecodeStats::default()
            },
            ..SessionFrame::default()
        }
    }

    fn empty() -> SessionFrame {
        SessionFrame {
            mean_luma: 120,
            ..SessionFrame::default()
        }
    }

    fn bad_frame_error() -> DecodeError {
        DecodeError::InvalidFrame {
            width: 4,
            height: 4,
            stride: 4,
            len: 1,
            reason: "buffer too short",
        }
    }

    fn not_cached(text: &str) -> Result<ScanResult, ScanError> {
        Err(ScanError::NotCached { url: text.into() })
    }

    /// The effects, written short: `show searching`, `show checking a`, `start 1 a`, `stop`,
    /// `conclude a failed`, `conclude - failed`, `show code_seen hold_still`, `show cancelled`.
    fn brief(effects: &[Effect]) -> Vec<String> {
        effects
            .iter()
            .map(|effect| match effect {
                Effect::Show(Notice::Searching) => "show searching".to_owned(),
                Effect::Show(Notice::CodeSeen(g)) => format!("show code_seen {}", g.code()),
                Effect::Show(Notice::Checking(text)) => format!("show checking {text}"),
                Effect::Show(Notice::Cancelled) => "show cancelled".to_owned(),
                Effect::StartCheck { check, text } => format!("start {check} {text}"),
                Effect::StopCheck => "stop".to_owned(),
                Effect::Conclude { text, outcome } => format!(
                    "conclude {} {}",
                    text.as_deref().unwrap_or("-"),
                    if outcome.is_ok() { "ok" } else { "failed" }
                ),
            })
            .collect()
    }

    fn frame(m: &mut Machine, f: &SessionFrame, at_ms: u64) -> Vec<String> {
        brief(&m.step(Input::Frame { frame: f, at_ms }))
    }

    fn ended(m: &mut Machine, check: u64, text: &str) -> Vec<String> {
        brief(&m.step(Input::CheckEnded {
            check,
            outcome: not_cached(text),
        }))
    }

    #[test]
    fn opens_searching_and_checks_a_label_once_within_the_window() {
        let mut m = Machine::new(ScanMode::Shopper, WINDOW_MS);
        assert_eq!(brief(&m.step(Input::Open)), ["show searching"]);
        assert_eq!(
            frame(&mut m, &showing(&["a"]), 0),
            ["show checking a", "start 1 a"]
        );
        assert!(m.is_checking());
        assert!(frame(&mut m, &showing(&["a"]), 33).is_empty(), "checking");
        assert_eq!(ended(&mut m, 1, "a"), ["conclude a failed"]);
        assert!(!m.takes_frames(), "shopper mode stops at the first answer");
        assert!(frame(&mut m, &showing(&["b"]), 66).is_empty());
    }

    #[test]
    fn resume_forgets_a_failed_label_but_not_one_that_gave_a_result() {
        let mut m = Machine::new(ScanMode::Shopper, WINDOW_MS);
        frame(&mut m, &showing(&["a"]), 0);
        ended(&mut m, 1, "a");
        assert_eq!(brief(&m.step(Input::Resume)), ["show searching"]);
        assert_eq!(
            frame(&mut m, &showing(&["a"]), 100),
            ["show checking a", "start 2 a"],
            "failed: checked again at once"
        );
        // A frame failure has no text: it concludes without one, and stops in shopper mode.
        let mut m = Machine::new(ScanMode::Shopper, WINDOW_MS);
        let error = bad_frame_error();
        assert_eq!(
            brief(&m.step(Input::BadFrame { error, at_ms: 5 })),
            ["conclude - failed"]
        );
        assert!(!m.takes_frames());
        assert!(
            brief(&m.step(Input::Cancel)).is_empty(),
            "nothing to cancel"
        );
        assert_eq!(brief(&m.step(Input::Resume)), ["show searching"]);
        assert!(
            brief(&m.step(Input::Resume)).is_empty(),
            "already searching"
        );
    }

    #[test]
    fn a_bad_frame_is_reported_once_per_window() {
        let mut m = Machine::new(ScanMode::Shelf, WINDOW_MS);
        let bad = |m: &mut Machine, at_ms| {
            brief(&m.step(Input::BadFrame {
                error: bad_frame_error(),
                at_ms,
            }))
        };
        assert_eq!(bad(&mut m, 0), ["conclude - failed"]);
        assert!(bad(&mut m, 5_000).is_empty());
        assert!(bad(&mut m, 14_000).is_empty(), "the window slides");
        assert_eq!(bad(&mut m, 30_000), ["conclude - failed"]);
    }

    #[test]
    fn a_stale_or_unknown_check_says_nothing() {
        let mut m = Machine::new(ScanMode::Shopper, WINDOW_MS);
        frame(&mut m, &showing(&["a"]), 0);
        assert_eq!(
            brief(&m.step(Input::Text {
                text: "typed",
                at_ms: 10
            })),
            [
                "stop",
                "show cancelled",
                "show checking typed",
                "start 2 typed"
            ]
        );
        assert!(ended(&mut m, 1, "a").is_empty(), "check 1 was cancelled");
        assert!(brief(&m.step(Input::CheckPanicked { check: 1 })).is_empty());
        assert!(m.is_checking());
        assert_eq!(
            brief(&m.step(Input::CheckPanicked { check: 2 })),
            ["show searching"],
            "a bug in the check: searching again, nothing shown about the label"
        );
        assert!(!m.is_checking());
        assert!(ended(&mut m, 2, "typed").is_empty(), "already ended");
    }

    #[test]
    fn cancel_searches_again_and_the_label_stays_seen() {
        let mut m = Machine::new(ScanMode::Shopper, WINDOW_MS);
        frame(&mut m, &showing(&["a"]), 0);
        assert_eq!(brief(&m.step(Input::Cancel)), ["stop", "show cancelled"]);
        assert!(m.takes_frames());
        assert!(
            frame(&mut m, &showing(&["a"]), 500).is_empty(),
            "within the window"
        );
        assert_eq!(
            frame(&mut m, &showing(&["a"]), 20_000),
            ["show checking a", "start 2 a"]
        );
    }

    #[test]
    fn a_text_is_checked_even_when_stopped_or_seen() {
        let mut m = Machine::new(ScanMode::Shopper, WINDOW_MS);
        frame(&mut m, &showing(&["a"]), 0);
        ended(&mut m, 1, "a");
        assert_eq!(
            brief(&m.step(Input::Text {
                text: "a",
                at_ms: 1
            })),
            ["show checking a", "start 2 a"]
        );
        m.step(Input::Close);
        assert!(brief(&m.step(Input::Text {
            text: "a",
            at_ms: 2
        }))
        .is_empty());
    }

    #[test]
    fn shelf_mode_keeps_going_and_checks_a_label_seen_during_a_check_next() {
        let mut m = Machine::new(ScanMode::Shelf, WINDOW_MS);
        frame(&mut m, &showing(&["a"]), 0);
        assert!(frame(&mut m, &showing(&["b"]), 33).is_empty());
        assert!(
            frame(&mut m, &showing(&["c"]), 66).is_empty(),
            "one pending"
        );
        assert_eq!(
            ended(&mut m, 1, "a"),
            ["conclude a failed", "show checking b", "start 2 b"]
        );
        assert_eq!(ended(&mut m, 2, "b"), ["conclude b failed"]);
        assert!(m.takes_frames());
        assert!(
            frame(&mut m, &showing(&["c"]), 100).is_empty(),
            "seen during a check: within its window"
        );
        assert_eq!(
            frame(&mut m, &showing(&["d"]), 133),
            ["show checking d", "start 3 d"]
        );
        assert!(
            frame(&mut m, &showing(&["d", "e"]), 166).is_empty(),
            "two codes during a check: none pending"
        );
        assert_eq!(ended(&mut m, 3, "d"), ["conclude d failed"]);
    }

    #[test]
    fn guidance_is_shown_once_and_searching_comes_back_after_a_gap() {
        let mut m = Machine::new(ScanMode::Shopper, WINDOW_MS);
        assert_eq!(frame(&mut m, &blurred(), 0), ["show code_seen hold_still"]);
        assert!(frame(&mut m, &blurred(), 33).is_empty(), "said once");
        assert!(
            frame(&mut m, &empty(), 33 + SEARCH_AGAIN_AFTER_MS - 1).is_empty(),
            "a short gap"
        );
        assert_eq!(
            frame(&mut m, &empty(), 33 + SEARCH_AGAIN_AFTER_MS),
            ["show searching"]
        );
        assert!(frame(&mut m, &empty(), 2_000).is_empty(), "said once");
        assert_eq!(
            frame(&mut m, &showing(&["a", "b"]), 2_100),
            ["show code_seen only_one_code"]
        );
        assert_eq!(
            frame(&mut m, &blurred(), 2_200),
            ["show code_seen hold_still"]
        );
    }

    #[test]
    fn close_stops_a_running_check_and_takes_nothing_more() {
        let mut m = Machine::new(ScanMode::Shelf, WINDOW_MS);
        frame(&mut m, &showing(&["a"]), 0);
        assert_eq!(brief(&m.step(Input::Close)), ["stop"]);
        assert!(!m.takes_frames());
        assert!(ended(&mut m, 1, "a").is_empty());
        assert!(frame(&mut m, &showing(&["b"]), 33).is_empty());
        assert!(brief(&m.step(Input::Resume)).is_empty());
        assert!(brief(&m.step(Input::Close)).is_empty());
    }
}
