//! Decode-rate and timing benchmark: trustlabel-decode vs zxing-cpp.
//!
//! ```text
//! cargo run --release -p trustlabel-decode --example decode-bench -- \
//!     [--no-zxing] [--verbose] [--runs N] [--repeat N] [--frame FILE] [DIR...]
//! ```
//!
//! DIRs default to `/work/shared/qr-corpus` and `api-fixtures/label-photos`
//! (relative to the repository root). Each DIR is searched recursively for
//! `NAME.png|jpg|jpeg|webp` with a `NAME.txt` holding the exact expected text.
//! An image counts as correct when any returned text equals the expected
//! bytes, and as wrong when texts were returned but none matched.
//! Timing is the decode call only (image file decoding is excluded for both
//! decoders). zxing-cpp alone runs through the `zxing-cpp` crate in this
//! process (the C++ build the decoder itself uses), on the same luma pixels.
//! `--ours-only` adds rows for our own stages alone (zxing-cpp not first).

use std::path::{Path, PathBuf};
use std::time::Instant;

use trustlabel_decode::{decode_frame_with_stats, DecodeOptions, LumaFrame};

/// The slowest image of a set.
#[derive(Default)]
struct Worst {
    ms: f64,
    name: String,
}

impl From<(f64, String)> for Worst {
    fn from((ms, name): (f64, String)) -> Self {
        Worst { ms, name }
    }
}

struct Case {
    image: PathBuf,
    expected: Vec<u8>,
}

#[derive(Default)]
struct Tally {
    correct: usize,
    wrong: usize,
    none: usize,
    panics: u64,
    times_ms: Vec<f64>,
    failures: Vec<String>,
}

fn collect(dir: &Path, out: &mut Vec<Case>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
            continue;
        }
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        if !matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg" | "webp")) {
            continue;
        }
        let txt = p.with_extension("txt");
        if let Ok(expected) = std::fs::read(&txt) {
            out.push(Case { image: p, expected });
        }
    }
}

fn load_luma(path: &Path) -> Option<(u32, u32, Vec<u8>)> {
    let img = image::open(path).ok()?.into_luma8();
    Some((img.width(), img.height(), img.into_raw()))
}

fn percentile(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let idx = ((s.len() - 1) as f64 * p).round() as usize;
    s[idx]
}

/// zxing-cpp alone, through the same crate (and the same C++ build) the decoder uses,
/// in this process: QR only, try-harder, rotations, inverted and downscaled
/// copies, plain text (its defaults). Returns the texts and the time of the call.
fn zxing_alone(w: u32, h: u32, data: &[u8]) -> (Vec<Vec<u8>>, f64) {
    use zxingcpp::{BarcodeFormat, ImageFormat, ImageView, TextMode};
    let t0 = Instant::now();
    let texts = ImageView::from_slice(data, w, h, ImageFormat::Lum)
        .and_then(|view| {
            zxingcpp::read()
                .formats(BarcodeFormat::QRCode)
                .try_harder(true)
                .try_rotate(true)
                .try_invert(true)
                .try_downscale(true)
                .text_mode(TextMode::Plain)
                .from(&view)
        })
        .map(|codes| codes.iter().map(|b| b.text().into_bytes()).collect())
        .unwrap_or_default();
    (texts, t0.elapsed().as_secs_f64() * 1000.0)
}

/// zxing-cpp alone over a frame `runs` times: median ms and codes read.
fn zxing_alone_median(w: u32, h: u32, data: &[u8], runs: usize) -> (f64, usize) {
    let _ = zxing_alone(w, h, data); // warm-up
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..runs.max(1) {
        let (texts, ms) = zxing_alone(w, h, data);
        times.push(ms);
        n = texts.len();
    }
    (percentile(&times, 0.5), n)
}

fn score(t: &mut Tally, name: &str, expected: &[u8], texts: &[Vec<u8>], ms: f64) {
    t.times_ms.push(ms);
    if texts.iter().any(|x| x.as_slice() == expected) {
        t.correct += 1;
    } else if texts.is_empty() {
        t.none += 1;
        t.failures.push(format!("{name}: nothing"));
    } else {
        t.wrong += 1;
        let got: Vec<String> = texts
            .iter()
            .map(|x| format!("{:?}", String::from_utf8_lossy(x)))
            .collect();
        t.failures.push(format!(
            "{name}: WRONG {} expected {:?}",
            got.join(" | "),
            String::from_utf8_lossy(expected)
        ));
    }
}

fn row(set: &str, n: usize, engine: &str, t: &Tally) {
    println!(
        "| {set:<13} | {n:>6} | {engine:<17} | {:>7} | {:>5} | {:>6} | {:>9.2} | {:>7.2} |",
        t.correct,
        t.wrong,
        t.panics,
        percentile(&t.times_ms, 0.5),
        percentile(&t.times_ms, 0.9)
    );
}

fn main() {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut use_zxing = true;
    let mut verbose = false;
    let mut runs = 30usize;
    let mut repeat = 1usize;
    let mut frame: Option<PathBuf> = None;
    let mut opts = DecodeOptions::default();
    let mut per_image = false;
    let mut ours_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--no-zxing" => use_zxing = false,
            "--verbose" | "-v" => verbose = true,
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(30),
            "--repeat" => {
                repeat = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1usize)
                    .max(1)
            }
            "--frame" => frame = args.next().map(PathBuf::from),
            "--work" => {
                let m: u64 = args.next().and_then(|v| v.parse().ok()).unwrap_or(40);
                opts.work_budget = m * 1_000_000;
            }
            "--no-early-exit" => opts.early_exit = false,
            "--per-image" => per_image = true,
            "--ours-only" => ours_only = true,
            "--max-finder-candidates" => {
                opts.max_finder_candidates = args.next().and_then(|v| v.parse().ok()).unwrap_or(60)
            }
            "--photo" => opts = DecodeOptions::photo(),
            "-h" | "--help" => {
                println!("usage: decode-bench [--no-zxing] [--verbose] [--runs N] [--repeat N] [--frame FILE] [--work MILLION_PIXEL_VISITS] [--no-early-exit] [--per-image] [--photo] [--max-finder-candidates N] [--ours-only] [DIR...]");
                return;
            }
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if dirs.is_empty() {
        dirs.push(PathBuf::from("/work/shared/qr-corpus"));
        dirs.push(root.join("api-fixtures/label-photos"));
    }
    let frame = frame.unwrap_or_else(|| root.join("api-fixtures/label-photos/frame-1280x720.jpg"));
    println!(
        "trustlabel-decode {} (zxing-cpp first: {}), work budget {} M pixel visits, early exit {}",
        env!("CARGO_PKG_VERSION"),
        opts.zxing_first,
        opts.work_budget / 1_000_000,
        opts.early_exit
    );
    println!();
    println!("| set           | images | decoder           | correct | wrong | panics | median ms |  p90 ms |");
    println!("|---------------|--------|-------------------|---------|-------|--------|-----------|---------|");
    let mut notes = Vec::new();
    for dir in &dirs {
        let mut cases = Vec::new();
        collect(dir, &mut cases);
        let set = dir
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_owned();
        if cases.is_empty() {
            notes.push(format!("{}: no images found, skipped", dir.display()));
            continue;
        }
        let mut ours = Tally::default();
        let mut zx_t = Tally::default();
        let mut own_t = Tally::default();
        let mut either = 0usize;
        let mut zx_worst = Worst::default();
        let mut cases_done = 0usize;
        let own_opts = DecodeOptions {
            zxing_first: false,
            ..opts.clone()
        };
        let mut per_image_lines: Vec<String> = Vec::new();
        let mut worst: Worst = Worst::default();
        let mut max_cands: Vec<(u32, String)> = Vec::new();
        let mut stage_hits: std::collections::BTreeMap<&'static str, usize> = Default::default();
        for c in &cases {
            let name = relative_name(&c.image, dir);
            let Some((w, h, data)) = load_luma(&c.image) else {
                ours.failures.push(format!("{name}: unreadable"));
                ours.none += 1;
                continue;
            };
            let f = LumaFrame {
                width: w,
                height: h,
                stride: w,
                data: &data,
            };
            // Who runs first on an image alternates: the second call finds the pixels
            // (and its code) in the caches, which favours it on small images.
            let zx_first = use_zxing && cases_done % 2 == 1;
            cases_done += 1;
            // `--repeat N`: N calls of each in turn, the median time of each (the same
            // image gives the same answer every time; one call's wall time on a loaded
            // machine is noise).
            let mut zx_ms = Vec::new();
            let mut our_ms = Vec::new();
            let mut early_zx = None;
            let mut out = None;
            for _ in 0..repeat {
                if zx_first {
                    let (t, ms) = zxing_alone(w, h, &data);
                    zx_ms.push(ms);
                    early_zx = Some(t);
                }
                let t0 = Instant::now();
                out = Some(decode_frame_with_stats(&f, &opts));
                our_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
                if use_zxing && !zx_first {
                    let (t, ms) = zxing_alone(w, h, &data);
                    zx_ms.push(ms);
                    early_zx = Some(t);
                }
            }
            let ms = percentile(&our_ms, 0.5);
            let early_zx = early_zx.map(|t| (t, percentile(&zx_ms, 0.5)));
            let Some(out) = out else { continue };
            let (texts, stats) = match out {
                Ok(o) => (
                    o.codes
                        .iter()
                        .map(|d| d.text.clone().into_bytes())
                        .collect(),
                    Some(o.stats),
                ),
                Err(e) => {
                    ours.failures.push(format!("{name}: error {e}"));
                    (Vec::new(), None)
                }
            };
            if let Some(s) = &stats {
                max_cands.push((s.max_finder_candidates_seen, name.clone()));
                let ok = texts
                    .iter()
                    .any(|x: &Vec<u8>| x.as_slice() == c.expected.as_slice());
                if verbose && (!ok || s.stages_skipped_noisy > 0) {
                    eprintln!("{name}: {s:?}");
                }
                ours.panics += s.panics_contained as u64;
                *stage_hits.entry(s.hit_stage.unwrap_or("-")).or_default() += 1;
                let read = if ok { s.hit_stage.unwrap_or("-") } else { "-" };
                per_image_lines.push(format!(
                    "  {set}/{name}: {read} ({ms:.2} ms, work {:.1} M, {} finders, {} timing triples)",
                    s.work as f64 / 1e6,
                    s.finder_candidates,
                    s.timing_triples
                ));
                if ms > worst.ms {
                    worst = (ms, name.clone()).into();
                }
            }
            score(&mut ours, &name, &c.expected, &texts, ms);
            let ours_ok = texts.iter().any(|x| x.as_slice() == c.expected.as_slice());
            let mut zx_ok = false;
            let mut zx_ms = f64::NAN;
            if use_zxing {
                let (zt, zms) = early_zx.unwrap_or_else(|| zxing_alone(w, h, &data));
                zx_ms = zms;
                zx_ok = zt.iter().any(|x| x.as_slice() == c.expected.as_slice());
                if zms > zx_worst.ms {
                    zx_worst = (zms, name.clone()).into();
                }
                score(&mut zx_t, &name, &c.expected, &zt, zms);
            }
            if let Some(line) = per_image_lines.last_mut() {
                line.push_str(&format!(
                    ", zxing-cpp alone: {} ({zx_ms:.2} ms)",
                    if zx_ok { "read" } else { "-" }
                ));
            }
            if ours_ok || zx_ok {
                either += 1;
            }
            if ours_only {
                let t0 = Instant::now();
                let texts: Vec<Vec<u8>> = decode_frame_with_stats(&f, &own_opts)
                    .map(|o| o.codes.into_iter().map(|d| d.text.into_bytes()).collect())
                    .unwrap_or_default();
                let ms = t0.elapsed().as_secs_f64() * 1000.0;
                score(&mut own_t, &name, &c.expected, &texts, ms);
            }
        }
        row(&set, cases.len(), "trustlabel-decode", &ours);
        let mut zx = None;
        if use_zxing {
            row(&set, cases.len(), "zxing-cpp", &zx_t);
            zx = Some(zx_t);
        }
        if ours_only {
            row(&set, cases.len(), "our stages alone", &own_t);
        }
        notes.push(format!("{set}: stage that decoded (ours): {stage_hits:?}"));
        notes.push(format!(
            "{set}: worst case (ours) {:.2} ms ({})",
            worst.ms, worst.name
        ));
        if zx.is_some() {
            notes.push(format!(
                "{set}: worst case (zxing-cpp) {:.2} ms ({})",
                zx_worst.ms, zx_worst.name
            ));
            notes.push(format!(
                "{set}: read by either decoder {either} of {}",
                cases.len()
            ));
        }
        if per_image {
            notes.extend(per_image_lines);
        }
        max_cands.sort();
        if let Some((c, n)) = max_cands.last() {
            notes.push(format!(
                "{set}: finder candidates per stage, max {c} ({n}), median {}",
                max_cands[max_cands.len() / 2].0
            ));
        }
        if let Some(z) = &zx {
            notes.push(format!(
                "{set}: correct ratio ours/zxing-cpp = {}/{} = {:.3}",
                ours.correct,
                z.correct,
                ours.correct as f64 / z.correct.max(1) as f64
            ));
        }
        if verbose {
            for f in &ours.failures {
                notes.push(format!("  ours      {set}/{f}"));
            }
            if let Some(z) = &zx {
                for f in &z.failures {
                    notes.push(format!("  zxing-cpp {set}/{f}"));
                }
            }
        }
    }
    println!();
    for n in notes {
        println!("{n}");
    }

    // One camera frame, repeated.
    println!();
    match load_luma(&frame) {
        None => println!("frame {}: not found, skipped", frame.display()),
        Some((w, h, data)) => {
            let f = LumaFrame {
                width: w,
                height: h,
                stride: w,
                data: &data,
            };
            let mut times = Vec::new();
            let mut zx_times = Vec::new();
            let (mut cpu, mut zx_cpu) = (0.0, 0.0);
            let (mut found, mut zx_found) = (0, 0);
            let mut hit = None;
            // A warm-up call; then ours and zxing-cpp alone in turn, so that both see the same
            // load. CPU time: see `thread_cpu_ms`.
            let _ = decode_frame_with_stats(&f, &opts);
            for _ in 0..runs {
                let c0 = thread_cpu_ms();
                let t0 = Instant::now();
                let r = decode_frame_with_stats(&f, &opts);
                times.push(t0.elapsed().as_secs_f64() * 1000.0);
                cpu += thread_cpu_ms() - c0;
                if let Ok(o) = r {
                    found = o.codes.len();
                    hit = o.stats.hit_stage;
                }
                if use_zxing {
                    let c0 = thread_cpu_ms();
                    let (texts, ms) = zxing_alone(w, h, &data);
                    zx_cpu += thread_cpu_ms() - c0;
                    zx_times.push(ms);
                    zx_found = texts.len();
                }
            }
            let name = frame.file_name().and_then(|s| s.to_str()).unwrap_or("?");
            no_code_frame(&f, &opts, runs, use_zxing);
            println!(
                "frame {name} ({w}x{h}): trustlabel-decode median {:.2} ms over {runs} runs (p90 {:.2} ms, CPU {:.2} ms a call), {found} code(s), stage {}",
                percentile(&times, 0.5),
                percentile(&times, 0.9),
                cpu / runs as f64,
                hit.unwrap_or("-")
            );
            if use_zxing {
                println!(
                    "frame {name} ({w}x{h}): zxing-cpp         median {:.2} ms over {runs} runs (CPU {:.2} ms a call), {zx_found} code(s)",
                    percentile(&zx_times, 0.5),
                    zx_cpu / runs as f64
                );
            }
        }
    }
}

/// The same frame with its code painted over (the label card, text and
/// background stay): what most camera frames look like.
fn no_code_frame(f: &LumaFrame, opts: &DecodeOptions, runs: usize, use_zxing: bool) {
    let Ok(o) = decode_frame_with_stats(f, &DecodeOptions::photo()) else {
        return;
    };
    let mut data = f.data.to_vec();
    let w = f.width as usize;
    let h = f.height as usize;
    for c in &o.codes {
        let xs = c.bounds.iter().map(|p| p.0);
        let ys = c.bounds.iter().map(|p| p.1);
        let x0 = xs.clone().fold(f32::MAX, f32::min).max(0.0) as usize;
        let x1 = (xs.fold(f32::MIN, f32::max).max(0.0) as usize + 1).min(w);
        let y0 = ys.clone().fold(f32::MAX, f32::min).max(0.0) as usize;
        let y1 = (ys.fold(f32::MIN, f32::max).max(0.0) as usize + 1).min(h);
        // Pad by 10% so that no finder edge survives.
        let (px, py) = ((x1 - x0) / 10, (y1 - y0) / 10);
        let (x0, x1, y0, y1) = (
            x0.saturating_sub(px),
            (x1 + px).min(w),
            y0.saturating_sub(py),
            (y1 + py).min(h),
        );
        for y in y0..y1 {
            let edge = data[y * w + x0.saturating_sub(1)];
            for x in x0..x1 {
                data[y * w + x] = edge;
            }
        }
    }
    let nf = LumaFrame {
        width: f.width,
        height: f.height,
        stride: f.width,
        data: &data,
    };
    let mut times = Vec::new();
    let mut codes = 0;
    let mut exit = false;
    let cpu0 = thread_cpu_ms();
    for _ in 0..runs {
        let t0 = Instant::now();
        let r = decode_frame_with_stats(&nf, opts);
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        if let Ok(o) = r {
            codes = o.codes.len();
            exit = o.stats.early_exit;
        }
    }
    let cpu = (thread_cpu_ms() - cpu0) / runs as f64;
    println!(
        "no-code frame ({}x{}, code painted over): trustlabel-decode median {:.2} ms over {runs} runs (p90 {:.2} ms, CPU {cpu:.2} ms a call), {codes} code(s), early exit {exit}",
        f.width,
        f.height,
        percentile(&times, 0.5),
        percentile(&times, 0.9)
    );
    if use_zxing {
        let (ms, n) = zxing_alone_median(f.width, f.height, &data, runs);
        println!(
            "no-code frame ({}x{}, code painted over): zxing-cpp         median {ms:.2} ms over {runs} runs, {n} code(s)",
            f.width, f.height
        );
    }
}

/// CPU time of the calling thread so far, in ms: the first field of
/// `/proc/thread-self/schedstat` (nanoseconds on CPU), else utime + stime of
/// `/proc/thread-self/stat` (1/100 s ticks); 0 where neither exists. On a shared machine the
/// others' load grows wall time, much less CPU time.
fn thread_cpu_ms() -> f64 {
    if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<u64>().ok())
        {
            return ns as f64 / 1e6;
        }
    }
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

/// `image` relative to the set's folder, for tables.
fn relative_name(image: &std::path::Path, dir: &std::path::Path) -> String {
    image
        .strip_prefix(dir)
        .unwrap_or(image)
        .display()
        .to_string()
}
