//! Rerunnable benchmark of the live scan session (not a test: it asserts nothing about time).
//!
//!   cargo run --release -p trustlabel-tests --bin session-bench [-- --frames 300 --runs 40]
//!
//! Prints, at 1280x720: the decoder alone and a whole `push_frame` for a frame with no code
//! and for a frame whose label was already checked, and the session's own work per frame
//! (`push_scan`: everything after the decoder) plus the brightness measure the decoder adapter
//! adds; then the registry lookups per label over a stream of `--frames` frames at 30 frames
//! a second, against the loopback registry.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a dev tool run by hand: a panic names the problem well enough"
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use trustlabel_core::session::{ScanMode, Session, SessionConfig, SessionFrame};
use trustlabel_decode::{decode_frame_with_stats, DecodeOptions};
use trustlabel_tests::camera::{empty_frame, label_photo, Frame};
use trustlabel_tests::Harness;

fn arg(name: &str, default: usize) -> usize {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm up
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let runs = arg("--runs", 40);
    let frames = arg("--frames", 300);
    let h = Harness::start();
    let scanner = Arc::new(h.scanner());
    let (label, label_text) = label_photo("frame-1280x720");
    assert_eq!((label.width, label.height), (1280, 720));
    let (other, other_text) = label_photo("straight-480x360");
    let empty = empty_frame(1280, 720);
    let options = DecodeOptions::camera();

    let session = Session::start(
        scanner.clone(),
        SessionConfig::new(ScanMode::Shelf, "en-US"),
        Arc::new(|_| {}),
    );
    // Check the label once; every later frame of it is a repeat within the window.
    session.push_frame(&label.as_luma(), 0);
    session.wait_idle();
    let mut clock = 33u64;
    let mut tick = || {
        clock += 33;
        clock
    };

    println!("session-bench: 1280x720 frames, median of {runs} runs");
    for (name, frame) in [("no code", &empty), ("a code already checked", &label)] {
        let decoder = time(runs, || {
            decode_frame_with_stats(&frame.as_luma(), &options).expect("frame");
        });
        let whole = time(runs, || session.push_frame(&frame.as_luma(), tick()));
        let scan = SessionFrame {
            codes: decode_frame_with_stats(&frame.as_luma(), &options)
                .expect("frame")
                .codes,
            ..SessionFrame::default()
        };
        let logic = time(runs * 10, || session.push_scan(&scan, tick()));
        // The decoder measures brightness itself (SessionFramener), so the session's own work
        // is its logic on the decoder's answer.
        println!(
            "  {name:24} decoder {}   push_frame {}   session's own work {} = {:.1} µs over the decoder",
            ms(decoder),
            ms(whole),
            ms(logic),
            logic.as_secs_f64() * 1e6,
        );
    }
    session.close();

    // A fresh store and session: a stream of two labels with gaps, 30 frames a second.
    let h = Harness::start();
    let session = Session::start(
        Arc::new(h.scanner()),
        SessionConfig::new(ScanMode::Shelf, "en-US"),
        Arc::new(|_| {}),
    );
    let pattern: Vec<&Frame> = std::iter::repeat_n(&label, 4)
        .chain(std::iter::repeat_n(&empty, 1))
        .chain(std::iter::repeat_n(&other, 4))
        .chain(std::iter::repeat_n(&empty, 1))
        .collect();
    let started = Instant::now();
    for i in 0..frames {
        session.push_frame(&pattern[i % pattern.len()].as_luma(), i as u64 * 33);
    }
    session.wait_idle();
    let elapsed = started.elapsed();
    let a = h.registry.hits(&h.path_of(&label_text));
    let b = h.registry.hits(&h.path_of(&other_text));
    println!(
        "  {frames}-frame stream ({:.1} s of camera time, replayed in {:.1} s): lookups per label: {a} and {b} ({} in all)",
        frames as f64 * 0.033,
        elapsed.as_secs_f64(),
        h.registry.total_hits()
    );
}
