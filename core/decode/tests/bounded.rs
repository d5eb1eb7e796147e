//! Bounded, deterministic work: every former panic and stall class, built
//! here, checked on the work counters (never on timings).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test and tool code: a failure should stop with its message"
)]

mod common;
use common::hostile::{checkerboard, finder_clutter, noise, Rng};
use common::render;
use qrcode::QrCode;
use trustlabel_decode::{
    decode_frame_with_stats, decode_image_bytes_with_stats, DecodeError, DecodeOptions,
    DecodeOutcome, LumaFrame,
};

fn run(w: usize, h: usize, data: &[u8], opts: &DecodeOptions) -> DecodeOutcome {
    let f = LumaFrame {
        width: w as u32,
        height: h as u32,
        stride: w as u32,
        data,
    };
    decode_frame_with_stats(&f, opts).expect("valid frame")
}

/// zxing-cpp's charge per pixel of the image it reads (`zxing::ZXING_WORK_PER_PIXEL`).
const ZXING_PER_PIXEL: u64 = 12;

/// What every call must satisfy: no panic in our own code, and the work
/// within the budget (the fast pass always runs, and is linear in the
/// pixels: at most 16 visits per pixel here; zxing-cpp, which reads first,
/// is charged on top of the budget, a fixed amount per pixel).
fn assert_bounded(what: &str, out: &DecodeOutcome, opts: &DecodeOptions, pixels: u64) {
    let s = &out.stats;
    assert!(!s.internal_panic, "{what}: panic in our own code: {s:?}");
    assert!(
        s.zxing_work <= ZXING_PER_PIXEL * pixels,
        "{what}: zxing-cpp charged {} for {pixels} pixels: {s:?}",
        s.zxing_work
    );
    assert!(
        s.work - s.zxing_work <= opts.work_budget.max(16 * pixels),
        "{what}: work {} over budget {}: {s:?}",
        s.work,
        opts.work_budget
    );
    assert!(s.triples_tried <= 80, "{what}: {s:?}");
}

/// A valid 1x20000 PNG panicked in the box downscale (a side shorter than
/// the factor).
#[test]
fn strip_images_of_any_shape() {
    let opts = DecodeOptions::default();
    let mut rng = Rng(7);
    for (w, h) in [
        (1u32, 20000u32),
        (20000, 1),
        (2, 20000),
        (20000, 3),
        (1, 1),
        (1, 2),
        (2, 1),
        (21, 1),
        (1, 1601),
        (1601, 1),
        (3199, 2),
        (7, 4801),
    ] {
        let data: Vec<u8> = (0..w * h).map(|_| rng.next() as u8).collect();
        let mut png = Vec::new();
        image::GrayImage::from_raw(w, h, data.clone())
            .unwrap()
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let out = decode_image_bytes_with_stats(&png, &opts).expect("a valid PNG");
        assert!(out.codes.is_empty());
        assert_bounded(&format!("{w}x{h} PNG"), &out, &opts, (w * h) as u64);
        let out = run(w as usize, h as usize, &data, &opts);
        assert_bounded(&format!("{w}x{h} frame"), &out, &opts, (w * h) as u64);
        let out = run(w as usize, h as usize, &data, &DecodeOptions::photo());
        assert_bounded(
            &format!("{w}x{h} frame, photo"),
            &out,
            &DecodeOptions::photo(),
            (w * h) as u64,
        );
    }
}

/// The 50 MP limit: at it, a frame is decoded (with the work bounded), one
/// pixel over, it is a typed error.
#[test]
fn fifty_megapixels() {
    let opts = DecodeOptions::default();
    let (w, h) = (10_000usize, 5_000usize);
    let data = vec![200u8; w * h];
    let out = run(w, h, &data, &opts);
    assert!(out.codes.is_empty());
    assert_bounded("50 MP", &out, &opts, (w * h) as u64);
    // Nothing but the fast pass fits: its copy alone is the budget.
    assert!(out.stats.stages_run <= 2, "{:?}", out.stats);
    let f = LumaFrame {
        width: 10_001,
        height: 5_000,
        stride: 10_001,
        data: &data,
    };
    assert!(matches!(
        decode_frame_with_stats(&f, &opts),
        Err(DecodeError::InvalidFrame { .. }) | Err(DecodeError::ImageTooLarge { .. })
    ));
    let big = LumaFrame {
        width: 10_000,
        height: 5_001,
        stride: 10_000,
        data: &data,
    };
    assert!(matches!(
        decode_frame_with_stats(&big, &opts),
        Err(DecodeError::ImageTooLarge { .. })
    ));
}

#[test]
fn hostile_frames_are_bounded() {
    let cases: Vec<(&str, usize, usize, Vec<u8>)> = vec![
        ("noise 1080p", 1920, 1080, noise(1920, 1080, 1)),
        ("noise 720p", 1280, 720, noise(1280, 720, 1)),
        (
            "stripes 6 px 1080p",
            1920,
            1080,
            common::hostile::stripes(1920, 1080, 6),
        ),
        (
            "finder clutter 1080p",
            1920,
            1080,
            finder_clutter(1920, 1080, 2),
        ),
        ("checkerboard 1 px", 1280, 720, checkerboard(1280, 720, 1)),
        ("checkerboard 3 px", 1920, 1080, checkerboard(1920, 1080, 3)),
        ("checkerboard 8 px", 1920, 1080, checkerboard(1920, 1080, 8)),
        ("black 2000x2000", 2000, 2000, vec![0u8; 2000 * 2000]),
        ("white 1080p", 1920, 1080, vec![255u8; 1920 * 1080]),
    ];
    // Debug builds are about 20x slower: the photo budget only in release.
    let all_opts = if cfg!(debug_assertions) {
        vec![DecodeOptions::camera()]
    } else {
        vec![DecodeOptions::camera(), DecodeOptions::photo()]
    };
    for (what, w, h, data) in &cases {
        for opts in &all_opts {
            let out = run(*w, *h, data, opts);
            assert!(out.codes.is_empty(), "{what}: {:?}", out.codes);
            assert_bounded(what, &out, opts, (w * h) as u64);
        }
    }
    // Clutter fills the fast pass's candidate list (capped) without a read.
    let (_, w, h, data) = &cases[3];
    let out = run(*w, *h, data, &DecodeOptions::camera());
    assert!(out.stats.finder_candidates >= 40, "{:?}", out.stats);
    // Flat and noise frames end after the fast pass.
    let (_, w, h, data) = &cases[7];
    let out = run(*w, *h, data, &DecodeOptions::camera());
    assert!(out.stats.early_exit, "{:?}", out.stats);
}

/// A 12 MP photo of noise or clutter: the photo budget bounds it too.
#[test]
fn twelve_megapixel_hostile_photo() {
    let (w, h) = (4032usize, 3024usize);
    let mut cases = vec![("noise 12 MP", noise(w, h, 3))];
    if !cfg!(debug_assertions) {
        cases.push(("clutter 12 MP", finder_clutter(w, h, 4)));
    }
    for (what, data) in cases {
        let opts = DecodeOptions::photo();
        let out = run(w, h, &data, &opts);
        assert!(out.codes.is_empty());
        assert_bounded(what, &out, &opts, (w * h) as u64);
    }
}

/// Work is counted, not timed: the same frame gives the same answer, the same stages and
/// the same work while other threads keep the CPU busy, spinning or decoding (zxing-cpp
/// included: it reads first on every frame here). Three frames: one code zxing-cpp reads,
/// four codes in one frame (zxing-cpp reads them all, in reading order), and finder clutter
/// that only our own stages get far with.
#[test]
fn same_answer_under_cpu_load() {
    use trustlabel_decode::Engine;
    let url = "https://demo.trustlabel.dev/l/ringwraith-2000";
    let (w, h) = (800usize, 600usize);
    let background = || {
        noise(w, h, 9)
            .into_iter()
            .map(|v| 120 + v / 8)
            .collect::<Vec<u8>>()
    };
    let paste = |frame: &mut Vec<u8>, tile: &[u8], side: usize, x: usize, y: usize| {
        for r in 0..side {
            frame[(y + r) * w + x..(y + r) * w + x + side]
                .copy_from_slice(&tile[r * side..(r + 1) * side]);
        }
    };
    let mut single = background();
    let (side, tile) = render(&QrCode::new(url).unwrap(), 3);
    paste(&mut single, &tile, side, 200, 100);
    let urls = [
        "https://demo.trustlabel.dev/l/ringwraith-2000",
        "https://demo.trustlabel.dev/l/palantir-cam",
        "https://demo.trustlabel.dev/l/mithril-lock",
        "https://demo.trustlabel.dev/l/ent-thermostat",
    ];
    let mut multi = background();
    for (i, u) in urls.iter().enumerate() {
        let (side, tile) = render(&QrCode::new(u).unwrap(), 3);
        paste(
            &mut multi,
            &tile,
            side,
            40 + (i % 2) * 380,
            20 + (i / 2) * 290,
        );
    }
    let clutter = finder_clutter(w, h, 5);
    let frames = [&single, &multi, &clutter];
    let opts = DecodeOptions::default();
    let texts =
        |o: &DecodeOutcome| -> Vec<String> { o.codes.iter().map(|c| c.text.clone()).collect() };
    let idle: Vec<_> = frames.iter().map(|d| run(w, h, d, &opts)).collect();
    assert_eq!(texts(&idle[0]), [url]);
    assert_eq!(texts(&idle[1]), urls);
    for o in &idle[..2] {
        assert_eq!(o.stats.hit_stage, Some("zxing-cpp"), "{:?}", o.stats);
        assert!(o.codes.iter().all(|c| c.engine == Engine::ZxingCpp));
    }
    let same = |busy: &DecodeOutcome, before: &DecodeOutcome| {
        assert_eq!(texts(busy), texts(before));
        let engines = |o: &DecodeOutcome| o.codes.iter().map(|c| c.engine).collect::<Vec<_>>();
        assert_eq!(engines(busy), engines(before));
        assert_eq!(busy.stats.work, before.stats.work);
        assert_eq!(busy.stats.zxing_work, before.stats.zxing_work);
        assert_eq!(busy.stats.stages_run, before.stats.stages_run);
        assert_eq!(busy.stats.hit_stage, before.stats.hit_stage);
        assert_eq!(busy.stats.budget_exhausted, before.stats.budget_exhausted);
    };
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        // Two threads spin, two decode the same frames over and over (zxing-cpp and our
        // stages running on several threads at once).
        for _ in 0..2 {
            s.spawn(|| {
                let mut x = 1u64;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    std::hint::black_box(x);
                }
            });
        }
        for k in 0..2 {
            let (frames, idle, opts, stop, same) = (&frames, &idle, &opts, &stop, &same);
            s.spawn(move || {
                let mut i = k;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let f = i % frames.len();
                    same(&run(w, h, frames[f], opts), &idle[f]);
                    i += 1;
                }
            });
        }
        // The other threads stop however this one ends (a failed assert included).
        struct StopOnDrop<'a>(&'a std::sync::atomic::AtomicBool);
        impl Drop for StopOnDrop<'_> {
            fn drop(&mut self) {
                self.0.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        let _stop = StopOnDrop(&stop);
        let rounds = if cfg!(debug_assertions) { 1 } else { 3 };
        for _ in 0..rounds {
            for (d, before) in frames.iter().zip(&idle) {
                same(&run(w, h, d, &opts), before);
            }
        }
    });
}

/// A label card without its code (border, shield, text bars) on a noisy
/// grey background: what most camera frames show.
fn card_without_code(w: usize, h: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed);
    let mut data: Vec<u8> = (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            (100 + (x + y) / 40) as u8 + (rng.next() % 9) as u8
        })
        .collect();
    let mut fill = |x0: usize, y0: usize, x1: usize, y1: usize, v: u8| {
        for y in y0..y1 {
            data[y * w + x0..y * w + x1].fill(v);
        }
    };
    let (cx, cy, cw, ch) = (w * 3 / 10, h / 5, w * 2 / 5, h * 3 / 5);
    fill(cx, cy, cx + cw, cy + ch, 20);
    fill(cx + 8, cy + 8, cx + cw - 8, cy + ch - 8, 235);
    // Shield, then four text bars of different lengths.
    fill(cx + 40, cy + 60, cx + 150, cy + 190, 35);
    for (i, len) in [180usize, 135, 150, 110].iter().enumerate() {
        let y = cy + 240 + i * 28;
        fill(cx + 40, y, cx + 40 + len, y + 12, 45);
    }
    data
}

/// The cheap look ends a frame with nothing finder-like before the fast
/// pass: no binarization, no stage, a fraction of the pixels read (the
/// copy of the frame plus a third of its rows, against at least four
/// visits per pixel for the fast pass).
#[test]
fn no_code_frame_ends_after_the_look() {
    let (w, h) = (1280usize, 720usize);
    let data = card_without_code(w, h, 11);
    let px = (w * h) as u64;
    let opts = DecodeOptions::camera();
    let out = run(w, h, &data, &opts);
    assert!(out.codes.is_empty());
    assert!(out.stats.early_exit, "{:?}", out.stats);
    assert_eq!(out.stats.stages_run, 0, "{:?}", out.stats);
    assert!(out.stats.work < px + px / 2, "{:?}", out.stats);
    // The frame scanner takes the same exit.
    let mut scanner = trustlabel_decode::FrameScanner::new(opts);
    let f = LumaFrame {
        width: w as u32,
        height: h as u32,
        stride: w as u32,
        data: &data,
    };
    let s = scanner.scan(&f).expect("valid frame");
    assert!(s.codes.is_empty() && s.stats.early_exit, "{:?}", s.stats);
    assert!(s.stats.work < px + px / 2, "{:?}", s.stats);
    // Without the early exit (photo options) the fast pass runs.
    let out = run(w, h, &data, &DecodeOptions::photo());
    assert!(out.stats.stages_run >= 1, "{:?}", out.stats);
}

/// What the look must not turn away: a code with large modules in a dark,
/// noisy frame lit from the top (the finder's upper ring is lighter than
/// its light ring below), and a small code of 2 px modules.
#[test]
fn the_look_keeps_hard_codes() {
    let (w, h) = (1280usize, 720usize);
    let url = "https://demo.trustlabel.dev/l/look-test";
    for (scale, x0, y0) in [(14usize, 300usize, 20usize), (2, 600, 300)] {
        let (side, tile) = render(&QrCode::new(url).unwrap(), scale);
        let mut rng = Rng(5 + scale as u64);
        let mut frame = vec![30u8; w * h];
        for r in 0..side.min(h - y0) {
            for c in 0..side {
                let v = tile[r * side + c] as f32;
                let light = 1.0 - 0.6 * (y0 + r) as f32 / h as f32;
                frame[(y0 + r) * w + x0 + c] = (20.0 + v * 0.45 * light) as u8;
            }
        }
        for p in frame.iter_mut() {
            *p = p.saturating_add((rng.next() % 12) as u8);
        }
        let out = run(w, h, &frame, &DecodeOptions::camera());
        assert!(!out.stats.early_exit, "scale {scale}: {:?}", out.stats);
        let texts: Vec<&str> = out.codes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, [url], "scale {scale}: {:?}", out.stats);
    }
}

/// Three finder patterns in the corners of a large square of random
/// modules: a triple with perfect geometry and nothing readable. Each
/// version guess and fourth point was re-read from the grey image at about
/// a hundred operations per module (0.3 s on a 640x480 photo with a few
/// such candidates, uncounted); the re-reads are now charged what they
/// cost and the triple reads stop at a work limit, so the fast pass alone
/// (no budget left for retry stages) stays within 20 visits per pixel.
#[test]
fn unreadable_finder_triple_is_bounded() {
    let (w, h) = (800usize, 600usize);
    let m = 4usize;
    let n = 121usize; // modules on a side
    let mut rng = Rng(21);
    let mut data = vec![230u8; w * h];
    let (x0, y0) = (120usize, 40usize);
    let mut module = |mx: usize, my: usize, dark: bool| {
        for dy in 0..m {
            let row = (y0 + my * m + dy) * w + x0 + mx * m;
            data[row..row + m].fill(if dark { 25 } else { 230 });
        }
    };
    for my in 0..n {
        for mx in 0..n {
            // Finder patterns in three corners, noise elsewhere.
            let corner = [(0, 0), (n - 7, 0), (0, n - 7)]
                .iter()
                .find(|&&(cx, cy)| mx >= cx && mx < cx + 7 && my >= cy && my < cy + 7)
                .copied();
            let dark = match corner {
                Some((cx, cy)) => {
                    let (a, b) = (mx - cx, my - cy);
                    a.min(b).min(6 - a).min(6 - b) != 1
                }
                None => {
                    let near = |c: usize| c < 8 || c >= n - 8;
                    if near(mx) && near(my) {
                        false
                    } else {
                        rng.next().is_multiple_of(2)
                    }
                }
            };
            module(mx, my, dark);
        }
    }
    let opts = DecodeOptions {
        work_budget: 0,
        ..DecodeOptions::camera()
    };
    let out = run(w, h, &data, &opts);
    assert!(out.codes.is_empty());
    assert!(out.stats.triples_tried >= 1, "{:?}", out.stats);
    let px = (w * h) as u64;
    assert!(
        out.stats.work - out.stats.zxing_work <= 20 * px,
        "{:?}",
        out.stats
    );
}

/// Uniform noise at 1080p: every triple of finder candidates is false, and each failed read
/// of a large grid costs real time. The reads are charged for it (`READ_BITS_WORK`), so the
/// fast pass stops after a few triples instead of eleven (noise took 87 ms, now 54 ms).
#[test]
fn false_triples_on_noise_are_charged_for_their_reads() {
    let (w, h) = (1920, 1080);
    let data = noise(w, h, 1);
    let out = run(w, h, &data, &DecodeOptions::camera());
    assert!(out.codes.is_empty());
    assert!(out.stats.finder_candidates >= 10, "{:?}", out.stats);
    assert!(out.stats.triples_tried <= 6, "{:?}", out.stats);
}

/// A wall of finder-pattern look-alikes (nested squares on a grid, as on packaging, tiles and
/// fabrics) and checkerboards of many cell sizes, at 720p, 1080p and 12 MP, in camera and
/// photo modes. The wall is crowded: rqrr's grouping does not run, and zxing-cpp reads it once
/// with its finder search capped (uncapped, its finder sets and rqrr's grouping took seconds to
/// minutes there); no triple of its look-alikes passes for a code. Work counters only, never
/// time.
#[test]
fn finder_walls_and_checkerboards_at_every_size() {
    use common::hostile::finder_wall;
    for (w, h) in [(1280usize, 720usize), (1920, 1080), (4032, 3024)] {
        let large = w * h > 4_000_000;
        let mut inputs: Vec<(String, Vec<u8>)> = vec![
            ("wall 4 px / 40 px".into(), finder_wall(w, h, 4, 40)),
            ("wall 2 px / 20 px".into(), finder_wall(w, h, 2, 20)),
        ];
        let cells: &[usize] = if large {
            &[1, 8]
        } else {
            &[1, 2, 3, 5, 8, 13, 24, 40]
        };
        for &c in cells {
            inputs.push((format!("checkerboard {c} px"), checkerboard(w, h, c)));
        }
        for (name, data) in &inputs {
            for (mode, opts) in [
                ("camera", DecodeOptions::camera()),
                ("photo", DecodeOptions::photo()),
            ] {
                let what = format!("{name} {w}x{h} {mode}");
                let out = run(w, h, data, &opts);
                assert!(out.codes.is_empty(), "{what}");
                assert_bounded(&what, &out, &opts, (w * h) as u64);
                assert_eq!(out.stats.timing_triples, 0, "{what}: {:?}", out.stats);
                if name.starts_with("wall") {
                    assert!(out.stats.crowded, "{what}: {:?}", out.stats);
                    // zxing-cpp's one whole-image read, its finder search capped: at half
                    // size with the camera options, full size for a photo.
                    let read = if opts.early_exit {
                        (w / 2) * (h / 2)
                    } else {
                        w * h
                    };
                    assert_eq!(
                        out.stats.zxing_work,
                        read as u64 * 12,
                        "{what}: {:?}",
                        out.stats
                    );
                    // zxing-cpp, the fast pass and its half-size look; no rqrr stage.
                    assert!(out.stats.stages_run <= 3, "{what}: {:?}", out.stats);
                }
            }
        }
    }
}

/// Checkerboards and stripes have rows of equal runs, which the cheap look's loose ratio
/// once took for finder patterns: each row hit was confirmed on its column, row and
/// diagonal, about ten times the pixels the look reads (30-40 ms at 720p in camera mode,
/// over the 30 ms bound, with little of it counted). Now they end at the look: nothing
/// finder-like, no stage, and the work of a copy of the frame plus a look.
#[test]
fn checkerboards_and_stripes_end_at_the_look() {
    use common::hostile::stripes;
    for (w, h) in [(1280usize, 720usize), (1920, 1080)] {
        let px = (w * h) as u64;
        let mut inputs: Vec<(String, Vec<u8>)> = [1usize, 2, 3, 5, 8, 13, 24, 40]
            .iter()
            .map(|&c| (format!("checkerboard {c} px"), checkerboard(w, h, c)))
            .collect();
        inputs.push(("stripes 6 px".into(), stripes(w, h, 6)));
        for (name, data) in &inputs {
            let out = run(w, h, data, &DecodeOptions::camera());
            let what = format!("{name} {w}x{h}");
            assert!(out.codes.is_empty(), "{what}");
            assert!(out.stats.early_exit, "{what}: {:?}", out.stats);
            assert_eq!(out.stats.stages_run, 0, "{what}: {:?}", out.stats);
            assert!(out.stats.work <= 2 * px, "{what}: {:?}", out.stats);
        }
    }
}

/// Sensor noise holds no code: no triple with timing patterns, and no pair of small finders
/// taken for a code too small to check (the session's `code_seen` rests on this count). At
/// half size, noise made pairs of look-alikes confirmed on a single row each, so a frame of
/// noise counted as a code in view at 720p, 1080p and 12 MP.
#[test]
fn noise_is_no_code_in_view() {
    let mut sizes = vec![(1280usize, 720usize), (1920, 1080)];
    if !cfg!(debug_assertions) {
        sizes.push((4032, 3024));
    }
    for (w, h) in sizes {
        for seed in [1u64, 2, 3] {
            let data = noise(w, h, seed);
            let out = run(w, h, &data, &DecodeOptions::camera());
            assert!(out.codes.is_empty());
            assert_eq!(
                out.stats.timing_triples, 0,
                "noise {w}x{h} seed {seed}: {:?}",
                out.stats
            );
        }
    }
}
