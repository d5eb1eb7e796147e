//! The live scan session against the loopback registry, fed a synthetic camera stream built
//! from the fixture label photos: frames with no code, blurred and dark frames, two labels.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use trustlabel_core::scanner::ScanError;

use trustlabel_core::scanner::Scanner;
use trustlabel_core::session::{
    Guidance, ScanMode, ScanObserver, Session, SessionConfig, SessionEvent,
};
use trustlabel_protocol::ScanResult;
use trustlabel_testkit::Fault;
use trustlabel_tests::camera::{empty_frame, label_photo, Frame};
use trustlabel_tests::Harness;

/// One event as the tests compare them: its name and what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    Searching,
    Guided(Guidance),
    Checking(String),
    /// QR text and outcome code.
    Result(String, String),
    /// Summary outcome code (`not_cached`, ...), and whether words came with it.
    Failed(String, bool),
    Cancelled,
}

fn seen(event: &SessionEvent) -> Seen {
    match event {
        SessionEvent::Searching { words } => {
            assert!(!words.text.is_empty() && !words.spoken.is_empty());
            Seen::Searching
        }
        SessionEvent::CodeSeen { guidance, words } => {
            assert!(!words.text.is_empty() && !words.spoken.is_empty());
            Seen::Guided(*guidance)
        }
        SessionEvent::Checking { text, words } => {
            assert!(!words.text.is_empty());
            Seen::Checking(text.clone())
        }
        SessionEvent::Result {
            result,
            summary,
            announcement,
        } => {
            assert_eq!(summary.outcome.code(), result.outcome.code());
            assert_eq!(announcement.text, summary.verdict.text);
            if result.outcome.code() == "verified" {
                assert!(result.outcome.links_allowed(), "a signed record's links");
            }
            Seen::Result(result.text.clone(), result.outcome.code().to_owned())
        }
        SessionEvent::Failed {
            summary,
            announcement,
            ..
        } => Seen::Failed(
            summary.outcome.code().to_owned(),
            !announcement.text.is_empty()
                && !announcement.spoken.is_empty()
                && !summary.facts.is_empty(),
        ),
        SessionEvent::Cancelled { words } => {
            assert!(!words.text.is_empty());
            Seen::Cancelled
        }
    }
}

struct Camera {
    session: Session,
    events: Receiver<Seen>,
    clock_ms: u64,
}

impl Camera {
    fn start(scanner: Arc<Scanner>, config: SessionConfig) -> Camera {
        let (tx, events) = mpsc::channel();
        let tx = Mutex::new(tx);
        let listener = move |event: SessionEvent| {
            let _ = tx.lock().unwrap().send(seen(&event));
        };
        Camera {
            session: Session::start(scanner, config, Arc::new(listener)),
            events,
            clock_ms: 1_000,
        }
    }

    /// One frame, 33 ms after the last (30 frames a second), handled to the end.
    fn show(&mut self, frame: &Frame) {
        self.clock_ms += 33;
        self.session.push_frame(&frame.as_luma(), self.clock_ms);
        self.session.wait_idle();
    }

    fn show_n(&mut self, frame: &Frame, n: usize) {
        for _ in 0..n {
            self.show(frame);
        }
    }

    fn take(&self) -> Vec<Seen> {
        self.session.wait_idle();
        self.events.try_iter().collect()
    }
}

struct Stream {
    a: Frame,
    a_text: String,
    b: Frame,
    b_text: String,
    empty: Frame,
    blurred_a: Frame,
    /// B with its data area smudged: the code is seen (its finder squares) but cannot be read.
    shaky_b: Frame,
    dark: Frame,
    both: Frame,
}

fn stream() -> Stream {
    let (a, a_text) = label_photo("frame-1280x720");
    let (b, b_text) = label_photo("straight-480x360");
    let both = b.beside(&label_photo("tilt-640x480").0);
    Stream {
        blurred_a: a.blurred(10),
        shaky_b: {
            let codes = trustlabel_decode::decode_frame(
                &b.as_luma(),
                &trustlabel_decode::DecodeOptions::photo(),
            )
            .expect("the fixture photo decodes");
            b.with_code_damaged(&codes[0].bounds)
        },
        // Rows padded as CameraX pads them.
        a: a.with_stride(1344),
        b,
        empty: empty_frame(1280, 720),
        dark: empty_frame(1280, 720).darkened(0.15),
        both,
        a_text,
        b_text,
    }
}

fn config(mode: ScanMode) -> SessionConfig {
    SessionConfig::new(mode, "en-US")
}

#[derive(Default)]
struct CountingObserver {
    lookups: AtomicUsize,
}

impl ScanObserver for CountingObserver {
    fn observed(&self, _text: &str, outcome: &Result<ScanResult, ScanError>) {
        assert!(outcome.is_ok());
        self.lookups.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn shelf_mode_one_lookup_and_one_history_entry_per_label() {
    let h = Harness::start();
    let s = stream();
    let scanner = Arc::new(h.scanner());
    let observer = Arc::new(CountingObserver::default());
    let mut cfg = config(ScanMode::Shelf);
    cfg.observer = Some(observer.clone());
    let mut cam = Camera::start(scanner.clone(), cfg);

    cam.show_n(&s.empty, 5);
    cam.show_n(&s.a, 20);
    cam.show_n(&s.empty, 5);
    cam.show_n(&s.blurred_a, 2);
    cam.show_n(&s.shaky_b, 2);
    cam.show_n(&s.b, 20);
    cam.show_n(&s.a, 10);
    cam.show_n(&s.empty, 3);
    cam.show_n(&s.b, 10);
    let events = cam.take();

    assert_eq!(
        h.registry.hits(&h.path_of(&s.a_text)),
        1,
        "one lookup for A"
    );
    assert_eq!(
        h.registry.hits(&h.path_of(&s.b_text)),
        1,
        "one lookup for B"
    );
    assert_eq!(h.registry.total_hits(), 2);
    assert_eq!(observer.lookups.load(Ordering::SeqCst), 2);
    let history = scanner.history().unwrap();
    let urls: Vec<_> = history.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(urls.len(), 2, "{urls:?}");
    assert!(urls.contains(&s.a_text.as_str()) && urls.contains(&s.b_text.as_str()));

    let checks: Vec<_> = events
        .iter()
        .filter(|e| !matches!(e, Seen::Searching | Seen::Guided(_)))
        .cloned()
        .collect();
    assert_eq!(
        checks,
        vec![
            Seen::Checking(s.a_text.clone()),
            Seen::Result(s.a_text.clone(), "verified".into()),
            Seen::Checking(s.b_text.clone()),
            Seen::Result(s.b_text.clone(), "verified".into()),
        ]
    );
    assert_eq!(events.first(), Some(&Seen::Searching), "{events:?}");
    assert!(
        events.contains(&Seen::Guided(Guidance::HoldStill)),
        "the shaky frames of B: {events:?}"
    );
}

#[test]
fn shopper_mode_stops_at_the_first_result_until_resumed() {
    let h = Harness::start();
    let s = stream();
    let mut cam = Camera::start(Arc::new(h.scanner()), config(ScanMode::Shopper));
    cam.show_n(&s.empty, 3);
    cam.show_n(&s.a, 5);
    // Stopped: B is not even decoded, let alone looked up.
    cam.show_n(&s.b, 5);
    assert_eq!(
        cam.take(),
        vec![
            Seen::Searching,
            Seen::Checking(s.a_text.clone()),
            Seen::Result(s.a_text.clone(), "verified".into()),
        ]
    );
    assert_eq!(h.registry.total_hits(), 1);

    cam.session.resume();
    // A is still in view and was checked within the window: nothing new.
    cam.show_n(&s.a, 5);
    cam.show_n(&s.b, 5);
    assert_eq!(
        cam.take(),
        vec![
            Seen::Searching,
            Seen::Checking(s.b_text.clone()),
            Seen::Result(s.b_text.clone(), "verified".into()),
        ]
    );
    assert_eq!(h.registry.hits(&h.path_of(&s.a_text)), 1);
    assert_eq!(h.registry.hits(&h.path_of(&s.b_text)), 1);
}

#[test]
fn a_label_out_of_view_for_the_whole_window_is_checked_again() {
    let h = Harness::start();
    let s = stream();
    let mut cfg = config(ScanMode::Shelf);
    cfg.repeat_window = Duration::from_millis(500);
    let mut cam = Camera::start(Arc::new(h.scanner()), cfg);
    cam.show_n(&s.a, 3);
    // 20 frames of 33 ms: 660 ms without A.
    cam.show_n(&s.empty, 20);
    cam.show_n(&s.a, 3);
    assert_eq!(h.registry.hits(&h.path_of(&s.a_text)), 2);
}

#[test]
fn guidance_for_blur_darkness_and_two_codes() {
    let h = Harness::start();
    let s = stream();
    let mut cam = Camera::start(Arc::new(h.scanner()), config(ScanMode::Shelf));
    cam.show_n(&s.empty, 2);
    cam.show_n(&s.shaky_b, 2);
    cam.show_n(&s.dark, 2);
    cam.show_n(&s.both, 2);
    // Nothing code-like for more than 750 ms: searching again.
    cam.show_n(&s.empty, 30);
    assert_eq!(
        cam.take(),
        vec![
            Seen::Searching,
            Seen::Guided(Guidance::HoldStill),
            Seen::Guided(Guidance::MoreLight),
            Seen::Guided(Guidance::OnlyOneCode),
            Seen::Searching,
        ]
    );
    assert_eq!(h.registry.total_hits(), 0, "two codes in view: no guess");
}

#[test]
fn a_code_too_small_to_read_asks_to_move_closer() {
    let h = Harness::start();
    let s = stream();
    // The smudged label at a quarter of its size, in a corner of a 1280x720 frame: its
    // finder squares are still found (under 2 px a module), the code spans about 5% of the
    // frame's width, and nothing reads it.
    let small = s.shaky_b.resized(s.shaky_b.width / 4, s.shaky_b.height / 4);
    let frame = empty_frame(1280 - small.width, 720).beside(&small);
    assert_eq!((frame.width, frame.height), (1280, 720));
    let mut cam = Camera::start(Arc::new(h.scanner()), config(ScanMode::Shelf));
    cam.show_n(&s.empty, 2);
    cam.show_n(&frame, 2);
    // The same smudge at full size in view: close enough, so it is "hold still".
    cam.show_n(&s.shaky_b, 2);
    assert_eq!(
        cam.take(),
        vec![
            Seen::Searching,
            Seen::Guided(Guidance::MoveCloser),
            Seen::Guided(Guidance::HoldStill),
        ]
    );
    assert_eq!(
        h.registry.total_hits(),
        0,
        "nothing was read: nothing looked up"
    );
}

#[test]
fn offline_and_not_saved_fails_with_the_worded_summary() {
    let h = Harness::start();
    let s = stream();
    let mut cfg = config(ScanMode::Shopper);
    cfg.offline = true;
    let mut cam = Camera::start(Arc::new(h.scanner()), cfg);
    cam.show_n(&s.a, 3);
    assert_eq!(
        cam.take(),
        vec![
            Seen::Searching,
            Seen::Checking(s.a_text.clone()),
            Seen::Failed("not_cached".into(), true),
        ]
    );
    assert_eq!(h.registry.total_hits(), 0);
    // After resume the failed label may be tried again at once (online it would now work).
    cam.session.resume();
    cam.show(&s.a);
    assert_eq!(
        cam.take(),
        vec![
            Seen::Searching,
            Seen::Checking(s.a_text.clone()),
            Seen::Failed("not_cached".into(), true),
        ]
    );
}

#[test]
fn an_unreachable_registry_fails_with_the_worded_summary() {
    let h = Harness::start();
    let s = stream();
    h.registry.inject_all(Fault::status(503));
    let mut cam = Camera::start(Arc::new(h.scanner()), config(ScanMode::Shelf));
    cam.show_n(&s.a, 10);
    assert_eq!(
        cam.take(),
        vec![
            Seen::Searching,
            Seen::Checking(s.a_text.clone()),
            Seen::Failed("unreachable".into(), true),
        ]
    );
}

#[test]
fn cancel_mid_lookup_leaves_the_store_unchanged() {
    let h = Harness::start();
    let s = stream();
    let path = h.path_of(&s.a_text);
    // Slower than the test's reaction, well within the request timeout: without the cancel
    // this lookup would succeed and be stored.
    h.registry
        .inject(&path, Fault::delay(Duration::from_millis(600)));
    let scanner = Arc::new(h.scanner());
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let session = Session::start(
        scanner.clone(),
        config(ScanMode::Shopper),
        Arc::new(move |e: SessionEvent| {
            let _ = tx.lock().unwrap().send(seen(&e));
        }),
    );
    session.push_frame(&s.a.as_luma(), 1_000);
    assert_eq!(rx.recv().unwrap(), Seen::Searching);
    assert_eq!(rx.recv().unwrap(), Seen::Checking(s.a_text.clone()));
    session.cancel();
    session.wait_idle();
    assert_eq!(rx.recv().unwrap(), Seen::Cancelled);
    // Past the moment the answer would have arrived.
    std::thread::sleep(Duration::from_millis(1_000));
    session.wait_idle();
    assert_eq!(rx.try_recv().ok(), None, "nothing after Cancelled");
    assert_eq!(scanner.store().record_count(), 0, "nothing cached");
    assert!(scanner.history().unwrap().is_empty(), "no history entry");
    // The label still in view does not start again at once; the person may push it.
    session.push_frame(&s.a.as_luma(), 1_033);
    session.wait_idle();
    assert_eq!(rx.try_recv().ok(), None);
    h.registry.clear_faults();
    session.push_text(&s.a_text, 1_066);
    session.wait_idle();
    assert_eq!(rx.recv().unwrap(), Seen::Checking(s.a_text.clone()));
    assert_eq!(
        rx.recv().unwrap(),
        Seen::Result(s.a_text.clone(), "verified".into())
    );
    assert_eq!(scanner.store().record_count(), 1);
}

#[test]
fn a_panicking_listener_does_not_stop_the_session_and_close_is_final() {
    let h = Harness::start();
    let s = stream();
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let session = Session::start(
        Arc::new(h.scanner()),
        config(ScanMode::Shelf),
        Arc::new(move |e: SessionEvent| {
            if matches!(e, SessionEvent::Checking { .. }) {
                panic!("a listener bug");
            }
            let _ = tx.lock().unwrap().send(seen(&e));
        }),
    );
    session.push_frame(&s.a.as_luma(), 1_000);
    session.wait_idle();
    assert_eq!(rx.recv().unwrap(), Seen::Searching);
    assert_eq!(
        rx.recv().unwrap(),
        Seen::Result(s.a_text.clone(), "verified".into())
    );
    session.close();
    session.push_frame(&s.b.as_luma(), 1_033);
    session.push_text(&s.b_text, 1_066);
    session.resume();
    session.cancel();
    session.wait_idle();
    assert_eq!(rx.try_recv().ok(), None, "no event after close");
    assert_eq!(h.registry.hits(&h.path_of(&s.b_text)), 0);
}

#[test]
fn an_invalid_frame_fails_once_per_window() {
    let h = Harness::start();
    let mut cam = Camera::start(Arc::new(h.scanner()), config(ScanMode::Shelf));
    let broken = Frame {
        width: 100,
        height: 100,
        stride: 100,
        luma: vec![0; 50],
    };
    cam.show_n(&broken, 5);
    assert_eq!(
        cam.take(),
        vec![Seen::Searching, Seen::Failed("decode".into(), true)]
    );
}

#[test]
fn spanish_words() {
    let h = Harness::start();
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let session = Session::start(
        Arc::new(h.scanner()),
        SessionConfig::new(ScanMode::Shopper, "es-MX"),
        Arc::new(move |e: SessionEvent| {
            if let SessionEvent::Searching { words } = e {
                let _ = tx.lock().unwrap().send(words.text);
            }
        }),
    );
    session.wait_idle();
    assert!(rx.recv().unwrap().starts_with("Apunte la cámara"));
}
