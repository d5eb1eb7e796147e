//! Rerunnable timing of the bounded-work rule on images built to be hard (no code in them):
//! noise, checkerboards of many cell sizes, stripes, finder-pattern clutter, a wall of
//! finder look-alikes, random blocks, flat frames, at 720p, 1080p and 12 MP, with the camera
//! and the photo options, and zxing-cpp alone on the same pixels. Not a test: the tests
//! (`tests/bounded.rs`) check the work counters; this prints the time they stand for.
//!
//!   cargo run --release -p trustlabel-decode --example hostile-bench [-- --runs N] [--only NAME]
//!
//! The bounds (issue 20): camera 30 ms at 720p and 60 ms at 1080p; photo 100 ms at 1080p
//! and 1 s at 12 MP, whatever the frame holds.
//!
//! "CPU ms" is the calling thread's CPU time per call over the runs (Linux
//! `/proc/thread-self/stat`, 10 ms ticks, so meaningful from a few runs of tens of
//! milliseconds): on a shared machine wall time grows with the others' load, CPU time much
//! less, and it is what the wall time would be on an idle core. Bounds are checked on the
//! median wall time and on CPU time both.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a dev tool run by hand: a panic names the problem well enough"
)]

#[path = "../tests/common/hostile.rs"]
mod hostile;

use std::time::Instant;

use hostile::{blocks, checkerboard, finder_clutter, finder_wall, noise, stripes};
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
    let inputs: [(&str, Make); 17] = [
        ("noise", |w, h| noise(w, h, 1)),
        ("checkerboard 1 px", |w, h| checkerboard(w, h, 1)),
        ("checkerboard 2 px", |w, h| checkerboard(w, h, 2)),
        ("checkerboard 3 px", |w, h| checkerboard(w, h, 3)),
        ("checkerboard 5 px", |w, h| checkerboard(w, h, 5)),
        ("checkerboard 8 px", |w, h| checkerboard(w, h, 8)),
        ("checkerboard 13 px", |w, h| checkerboard(w, h, 13)),
        ("checkerboard 24 px", |w, h| checkerboard(w, h, 24)),
        ("checkerboard 40 px", |w, h| checkerboard(w, h, 40)),
        ("finder wall 4 px / 40 px", |w, h| finder_wall(w, h, 4, 40)),
        ("finder wall 2 px / 20 px", |w, h| finder_wall(w, h, 2, 20)),
        ("stripes 6 px", |w, h| stripes(w, h, 6)),
        ("finder clutter", |w, h| finder_clutter(w, h, 2)),
        ("random blocks", |w, h| blocks(w, h, 3)),
        ("black", |w, h| vec![0; w * h]),
        ("white", |w, h| vec![255; w * h]),
        ("gradient", |w, h| {
            (0..w * h).map(|i| ((i % w) * 255 / w) as u8).collect()
        }),
    ];
    // (name, width, height, camera bound ms, photo bound ms)
    let sizes = [
        ("720p", 1280usize, 720usize, 30.0f64, 100.0f64),
        ("1080p", 1920, 1080, 60.0, 100.0),
        ("12 MP", 4032, 3024, 1000.0, 1000.0),
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
    println!("| input | size | options | work (M visits) | stages | finders | triples | timing triples | budget spent | median ms | worst ms | CPU ms | bound ms | zxing-cpp alone ms |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut over = 0;
    let mut over_cpu = 0;
    let mut worst_cpu = (0.0f64, String::new());
    let mut worst_ratio = (0.0f64, String::new());
    for (size, w, h, camera_bound, photo_bound) in sizes {
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
            let zx_ms = {
                let mut t = Vec::new();
                for _ in 0..runs {
                    t.push(zxing_alone_ms(w, h, &data));
                }
                t.sort_by(f64::total_cmp);
                t[t.len() / 2]
            };
            for (opts_name, opts) in &options {
                let bound = if *opts_name == "photo" {
                    photo_bound
                } else {
                    camera_bound
                };
                // "fast only" is not a mode the decoder is used in: no bound.
                let bounded = *opts_name != "fast only";
                let mut times = Vec::new();
                let mut stats = None;
                let cpu0 = thread_cpu_ms();
                for _ in 0..runs {
                    let t = Instant::now();
                    let out = decode_frame_with_stats(&frame, opts).expect("a valid frame");
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                    stats = Some(out.stats);
                }
                let cpu = (thread_cpu_ms() - cpu0) / runs as f64;
                times.sort_by(f64::total_cmp);
                let s = stats.expect("at least one run");
                if bounded && cpu > bound {
                    over_cpu += 1;
                }
                if bounded && cpu / bound > worst_cpu.0 {
                    worst_cpu = (cpu / bound, format!("{name} {size} {opts_name}"));
                }
                let (median, worst) = (times[times.len() / 2], times[times.len() - 1]);
                if bounded && median > bound {
                    over += 1;
                }
                if bounded && median / bound > worst_ratio.0 {
                    worst_ratio = (median / bound, format!("{name} {size} {opts_name}"));
                }
                println!(
                    "| {name} | {size} | {opts_name} | {:.1} | {} | {} | {} | {} | {} | {median:.1} | {worst:.1} | {cpu:.0} | {bound:.0} | {zx_ms:.1} |",
                    s.work as f64 / 1e6,
                    s.stages_run,
                    s.finder_candidates,
                    s.triples_tried,
                    s.timing_triples,
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
    println!(
        "{over_cpu} CPU times over their bound; closest to it: {} at {:.0}% of the bound",
        worst_cpu.1,
        worst_cpu.0 * 100.0
    );
}

/// CPU time of the calling thread so far, in ms (utime + stime of
/// `/proc/thread-self/stat`, in 1/100 s; 0 where that file does not exist).
fn thread_cpu_ms() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // Fields after the command name in parentheses: state is the first, utime the 12th.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    f.iter().sum::<u64>() as f64 * 10.0
}

/// zxing-cpp alone (the crate the decoder uses, same options), one call, in ms.
fn zxing_alone_ms(w: usize, h: usize, data: &[u8]) -> f64 {
    use zxingcpp::{BarcodeFormat, ImageFormat, ImageView};
    let t = Instant::now();
    if let Ok(view) = ImageView::from_slice(data, w, h, ImageFormat::Lum) {
        let _ = zxingcpp::read()
            .formats(BarcodeFormat::QRCode)
            .try_harder(true)
            .try_rotate(true)
            .try_invert(true)
            .try_downscale(true)
            .from(&view);
    }
    t.elapsed().as_secs_f64() * 1000.0
}
