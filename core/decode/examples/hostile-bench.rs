//! Rerunnable timing of the bounded-work rule on images built to be hard (no code in them):
//! noise, checkerboards, stripes, finder-pattern clutter, random blocks, flat frames, at
//! 1080p and 12 MP, with the camera and the photo options. Not a test: the tests
//! (`tests/bounded.rs`) check the work counters; this prints the time they stand for.
//!
//!   cargo run --release -p trustlabel-decode --features fallback-rxing \
//!       --example hostile-bench [-- --runs N] [--only NAME]
//!
//! The bounds: 100 ms on a 1080p frame, 1 s on a 12 MP photo, whatever it holds.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a dev tool run by hand: a panic names the problem well enough"
)]

#[path = "../tests/common/hostile.rs"]
mod hostile;

use std::time::Instant;

use hostile::{blocks, checkerboard, finder_clutter, noise, stripes};
use trustlabel_decode::{decode_frame_with_stats, DecodeOptions, LumaFrame};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut runs = 3usize;
    let mut only: Option<String> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(3).max(1),
            // `--only TEXT`: the inputs whose name contains TEXT (to profile one).
            "--only" => only = args.next(),
            _ => {}
        }
    }
    type Make = fn(usize, usize) -> Vec<u8>;
    let inputs: [(&str, Make); 11] = [
        ("noise", |w, h| noise(w, h, 1)),
        ("checkerboard 1 px", |w, h| checkerboard(w, h, 1)),
        ("checkerboard 3 px", |w, h| checkerboard(w, h, 3)),
        ("checkerboard 8 px", |w, h| checkerboard(w, h, 8)),
        ("checkerboard 24 px", |w, h| checkerboard(w, h, 24)),
        ("stripes 6 px", |w, h| stripes(w, h, 6)),
        ("finder clutter", |w, h| finder_clutter(w, h, 2)),
        ("random blocks", |w, h| blocks(w, h, 3)),
        ("black", |w, h| vec![0; w * h]),
        ("white", |w, h| vec![255; w * h]),
        ("gradient", |w, h| {
            (0..w * h).map(|i| ((i % w) * 255 / w) as u8).collect()
        }),
    ];
    let sizes = [
        ("1080p", 1920usize, 1080usize, 100.0f64),
        ("12 MP", 4032, 3024, 1000.0),
    ];
    // "fast only": a zero budget runs the fast pass alone (it always runs), to see its share.
    let fast_only = DecodeOptions {
        work_budget: 0,
        ..DecodeOptions::camera()
    };
    let options = [
        ("camera", DecodeOptions::camera()),
        ("photo", DecodeOptions::photo()),
        ("fast only", fast_only),
    ];
    println!("| input | size | options | work (M visits) | stages | finders | triples | budget spent | median ms | worst ms | bound ms |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let mut over = 0;
    let mut worst_ratio = (0.0f64, String::new());
    for (size, w, h, bound) in sizes {
        for (name, make) in inputs {
            if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
                continue;
            }
            let data = make(w, h);
            let frame = LumaFrame {
                width: w as u32,
                height: h as u32,
                stride: w as u32,
                data: &data,
            };
            for (opts_name, opts) in &options {
                let mut times = Vec::new();
                let mut stats = None;
                for _ in 0..runs {
                    let t = Instant::now();
                    let out = decode_frame_with_stats(&frame, opts).expect("a valid frame");
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                    stats = Some(out.stats);
                }
                times.sort_by(f64::total_cmp);
                let s = stats.expect("at least one run");
                let (median, worst) = (times[times.len() / 2], times[times.len() - 1]);
                if median > bound {
                    over += 1;
                }
                if median / bound > worst_ratio.0 {
                    worst_ratio = (median / bound, format!("{name} {size} {opts_name}"));
                }
                println!(
                    "| {name} | {size} | {opts_name} | {:.1} | {} | {} | {} | {} | {median:.1} | {worst:.1} | {bound:.0} |",
                    s.work as f64 / 1e6,
                    s.stages_run,
                    s.finder_candidates,
                    s.triples_tried,
                    if s.budget_exhausted { "yes" } else { "no" },
                );
            }
        }
    }
    println!(
        "\n{over} medians over their bound; closest to it: {} at {:.0}% of the bound",
        worst_ratio.1,
        worst_ratio.0 * 100.0
    );
}
