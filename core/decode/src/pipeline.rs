//! The decode steps and their work accounting, shared by the one-shot calls
//! ([`run`]) and the [`crate::FrameScanner`] (which spreads the steps over
//! frames).
//!
//! Work is counted in pixel visits, estimated before a step runs from the
//! size of its image (and, for rqrr's search, the finder candidates in its
//! bitmap). A step whose estimate does not fit the remaining budget is not
//! started, so the same image always takes the same steps, however busy the
//! machine is.

use crate::engine::{self, Found};
use crate::imgproc::{self, Gray};
use crate::{fast, guard, pure, DecodeOptions, DecodeStats};

/// One detection pass.
#[derive(Clone, Copy, Debug)]
enum Binarize {
    /// rqrr's row running average.
    RowAverage,
    /// Local mean over a square window of `long side / 16`, 5% bias.
    LocalMean,
}

/// Resolution of a stage relative to the working image.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Res {
    /// Box-downscaled by 2: a fast look at large frames, noise averaged.
    Half,
    /// The working image.
    Base,
    /// Bilinear 2x: small codes, and large low-version codes rqrr misses.
    Double,
}

/// A retry step after the fast pass.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Step {
    Rqrr(&'static Stage),
    Rxing,
}

#[derive(Debug)]
pub(crate) struct Stage {
    name: &'static str,
    res: Res,
    invert: bool,
    /// Unsharp mask before binarizing (see [`sharpen`]).
    sharpen: bool,
    binarize: Binarize,
}

const fn stage(name: &'static str, res: Res, binarize: Binarize) -> Stage {
    Stage {
        name,
        res,
        invert: false,
        sharpen: false,
        binarize,
    }
}

static HALF: Stage = stage("half", Res::Half, Binarize::RowAverage);
static PLAIN: Stage = stage("plain", Res::Base, Binarize::RowAverage);
static HALF_ADAPTIVE: Stage = stage("half-adaptive", Res::Half, Binarize::LocalMean);
static HALF_SHARPEN: Stage = Stage {
    sharpen: true,
    ..stage("half-sharpen", Res::Half, Binarize::LocalMean)
};
static ADAPTIVE: Stage = stage("adaptive", Res::Base, Binarize::LocalMean);
static SHARPEN: Stage = Stage {
    sharpen: true,
    ..stage("sharpen", Res::Base, Binarize::LocalMean)
};
static UPSCALE: Stage = stage("upscale", Res::Double, Binarize::RowAverage);
static UPSCALE_ADAPTIVE: Stage = stage("upscale-adaptive", Res::Double, Binarize::LocalMean);
static INVERTED: Stage = Stage {
    invert: true,
    ..stage("inverted", Res::Base, Binarize::RowAverage)
};

/// Retry order. Without rxing the 2x upscale recovers most (qr-corpus);
/// with rxing (right after the first rqrr pass) the cheap half-size retries
/// come first and the 4x-pixel upscales last.
pub(crate) fn steps(opts: &DecodeOptions, base_long_side: usize) -> Vec<Step> {
    let rxing = cfg!(feature = "fallback-rxing") && opts.use_fallback;
    let order: &[&'static Stage] = if rxing {
        &[
            &HALF,
            &PLAIN,
            &HALF_ADAPTIVE,
            &HALF_SHARPEN,
            &ADAPTIVE,
            &SHARPEN,
            &UPSCALE,
            &UPSCALE_ADAPTIVE,
            &INVERTED,
        ]
    } else {
        &[
            &HALF,
            &PLAIN,
            &UPSCALE,
            &HALF_ADAPTIVE,
            &HALF_SHARPEN,
            &ADAPTIVE,
            &UPSCALE_ADAPTIVE,
            &SHARPEN,
            &INVERTED,
        ]
    };
    let mut out: Vec<Step> = order.iter().map(|s| Step::Rqrr(s)).collect();
    if rxing {
        // After the first rqrr pass: half on large frames, plain otherwise.
        let first = if base_long_side > opts.half_first_above as usize {
            1
        } else {
            2
        };
        let at = if opts.fallback_early {
            first
        } else {
            out.len()
        };
        out.insert(at, Step::Rxing);
    }
    out
}

/// Unsharp mask, radius ~ long side / 170 (about one module of a code filling
/// a third of the frame), amount 3. Restores what defocus blur washes out.
fn sharpen(img: &Gray) -> Gray {
    let r = (img.long_side() / 170).clamp(2, 8);
    img.sharpened(r, 3.0)
}

/// Estimated pixel visits of rqrr's search on a bitmap of `pixels` with
/// `cands` finder candidates: region flood fills, plus grouping that grows
/// with the square of the candidates.
fn rqrr_cost(pixels: u64, cands: usize) -> u64 {
    let c = cands as u64;
    pixels * 6 + RQRR_CALL + c * c * RQRR_PAIR
}

/// Work charged per rqrr search whatever the image size: its grid fits
/// (`jiggle_perspective`, per pair of capstones it finds, which our finder
/// count does not see) and the reads of each located grid cost as much as
/// the fast pass over several megapixels, even on a 240x240 image with a
/// large code (measured on qr-corpus: up to 40 ms for one such search).
const RQRR_CALL: u64 = 6_000_000;
/// Work charged per pair of our finder candidates.
const RQRR_PAIR: u64 = 200_000;

/// rxing's hybrid binarizer plus try-harder row scans (every row), twice
/// when nothing is found (inverted).
fn rxing_cost(pixels: u64) -> u64 {
    pixels * 12
}

/// Working images smaller than this skip the cheap look (a 640x400 frame).
const LOOK_MIN_PIXELS: usize = 256_000;

/// One image being decoded: the working image, its half-size copy and the
/// work account.
pub(crate) struct Job<'o> {
    pub opts: &'o DecodeOptions,
    pub base: Gray,
    /// Frame pixels per working-image pixel (per side).
    pub scale: f32,
    half: Option<Gray>,
    pub stats: DecodeStats,
    pub budget: u64,
    first_rqrr: bool,
}

impl<'o> Job<'o> {
    /// Box-downscale `src` so that its long side fits `max_detect_side`.
    pub fn new(src: Gray, opts: &'o DecodeOptions, budget: u64) -> Job<'o> {
        let max_side = opts.max_detect_side.max(64) as usize;
        let factor = src.long_side().div_ceil(max_side).max(1);
        let mut stats = DecodeStats::default();
        stats.work += src.data.len() as u64;
        let base = if factor > 1 {
            src.downscale(factor)
        } else {
            src
        };
        Job {
            opts,
            base,
            scale: factor as f32,
            half: None,
            stats,
            budget,
            first_rqrr: true,
        }
    }

    fn fits(&mut self, cost: u64) -> bool {
        if self.stats.work.saturating_add(cost) > self.budget {
            self.stats.budget_exhausted = true;
            false
        } else {
            true
        }
    }

    /// The fast pass (always runs: its work is linear in the pixels): on the
    /// working image, then on its half-size copy when that found nothing
    /// (averaging 2x2 removes the sensor noise of dark frames).
    pub fn fast(&mut self) -> Vec<Found> {
        let found = self.fast_on(false);
        if !found.is_empty() || self.base.long_side() < 480 {
            return found;
        }
        self.fast_on(true)
    }

    fn fast_on(&mut self, half: bool) -> Vec<Found> {
        self.stats.stages_run += 1;
        let (img, scale) = if half {
            if self.half.is_none() {
                self.stats.work += self.base.data.len() as u64;
                self.half = Some(self.base.downscale(2));
            }
            match &self.half {
                Some(h) => (h, self.scale * 2.0),
                None => return Vec::new(),
            }
        } else {
            (&self.base, self.scale)
        };
        let bm = fast::hybrid_binarize(img);
        let mut work = 2 * img.data.len() as u64;
        let opts = self.opts;
        let scan = guard::contain(opts.silence_contained_panics, || {
            fast::scan(img, &bm, scale, opts.max_codes)
        });
        let Some(scan) = scan else {
            self.stats.work += work;
            self.stats.panics_contained += 1;
            return Vec::new();
        };
        work += scan.work;
        self.stats.work += work;
        self.stats.finder_candidates = self.stats.finder_candidates.max(scan.finders as u32);
        self.stats.triples_tried += scan.triples;
        if !scan.found.is_empty() {
            self.stats.hit_stage = Some(if half { "fast-half" } else { "fast" });
        }
        scan.found
    }

    /// The cheap look before the fast pass ([`fast::finder_like`]): true
    /// when the working image has fewer than two finder-like points, so the
    /// fast pass (which would find fewer than two candidates) and the retry
    /// stages can be skipped. Images under [`LOOK_MIN_PIXELS`] are not
    /// looked at (false): their fast pass costs little more than the look.
    pub fn nothing_finder_like(&mut self) -> bool {
        if self.base.data.len() < LOOK_MIN_PIXELS {
            return false;
        }
        let mut work = 0;
        let n = fast::finder_like(&self.base, 2, &mut work);
        self.stats.work += work;
        n < 2
    }

    /// Whether `step` runs at all on this image (size rules, options).
    pub fn applies(&self, step: Step) -> bool {
        match step {
            Step::Rxing => true,
            Step::Rqrr(s) => {
                let long = self.base.long_side();
                match s.res {
                    Res::Half => {
                        long > self.opts.half_first_above as usize
                            || (!self.first_rqrr && long >= 480)
                    }
                    Res::Double => long <= self.opts.upscale_below as usize,
                    Res::Base => !s.invert || self.opts.try_inverted,
                }
            }
        }
    }

    /// Run one retry step if it fits the budget. None: not run (does not
    /// apply, or over budget); Some(found) otherwise.
    pub fn run(&mut self, step: Step) -> Option<Vec<Found>> {
        if !self.applies(step) {
            return None;
        }
        match step {
            Step::Rxing => self.rxing(),
            Step::Rqrr(s) => self.rqrr(s),
        }
    }

    fn rqrr(&mut self, stage: &'static Stage) -> Option<Vec<Found>> {
        let (img, scale) = match stage.res {
            Res::Half => {
                if self.half.is_none() {
                    self.stats.work += self.base.data.len() as u64;
                    self.half = Some(self.base.downscale(2));
                }
                (self.half.clone()?, self.scale * 2.0)
            }
            Res::Double => {
                if !self.fits(4 * self.base.data.len() as u64) {
                    return None;
                }
                (self.base.upscale2(), self.scale / 2.0)
            }
            Res::Base if stage.invert => (self.base.inverted(), self.scale),
            Res::Base => (self.base.clone(), self.scale),
        };
        let px = img.data.len() as u64;
        let prep = px
            * (1 + 3 * stage.sharpen as u64
                + 2 * matches!(stage.binarize, Binarize::LocalMean) as u64
                + 1);
        if !self.fits(prep) {
            return None;
        }
        self.stats.work += prep;
        self.first_rqrr = false;
        self.stats.stages_run += 1;
        let img = if stage.sharpen { sharpen(&img) } else { img };
        let bm = match stage.binarize {
            Binarize::RowAverage => imgproc::threshold_row_average(&img),
            Binarize::LocalMean => {
                imgproc::threshold_local_mean(&img, (img.long_side() / 16).max(3), 5)
            }
        };
        let silence = self.opts.silence_contained_panics;
        if stage.name == "plain" {
            // Screenshot-like images: read directly, before rqrr's search.
            self.stats.work += px;
            if let Some(Some((payload, b))) =
                guard::contain(silence, || pure::decode(&bm, img.w, img.h))
            {
                self.stats.hit_stage = Some("pure");
                return Some(vec![Found::from_payload(
                    payload,
                    b.map(|(x, y)| (x * scale, y * scale)),
                )]);
            }
        }
        let cands = imgproc::count_finder_candidates(&bm, img.w, img.h);
        self.stats.max_finder_candidates_seen =
            self.stats.max_finder_candidates_seen.max(cands as u32);
        if cands > self.opts.max_finder_candidates {
            self.stats.stages_skipped_noisy += 1;
            return Some(Vec::new());
        }
        let cost = rqrr_cost(px, cands);
        if !self.fits(cost) {
            return None;
        }
        self.stats.work += cost;
        let max_codes = self.opts.max_codes;
        let pass = guard::contain(silence, || {
            engine::rqrr_bitmap(&bm, img.w, img.h, scale, max_codes, Some(&img))
        });
        match pass {
            None => {
                self.stats.panics_contained += 1;
                Some(Vec::new())
            }
            Some(p) => {
                self.stats.undecoded_grids += p.undecoded as u32;
                if !p.found.is_empty() {
                    self.stats.hit_stage = Some(stage.name);
                }
                Some(p.found)
            }
        }
    }

    #[cfg(feature = "fallback-rxing")]
    fn rxing(&mut self) -> Option<Vec<Found>> {
        let cost = rxing_cost(self.base.data.len() as u64);
        if !self.fits(cost) {
            return None;
        }
        self.stats.work += cost;
        self.stats.stages_run += 1;
        let (base, scale) = (&self.base, self.scale);
        match guard::contain(self.opts.silence_contained_panics, || {
            engine::rxing_gray(base, scale)
        }) {
            None => {
                self.stats.panics_contained += 1;
                Some(Vec::new())
            }
            Some(f) => {
                if !f.is_empty() {
                    self.stats.hit_stage = Some("rxing");
                }
                Some(f)
            }
        }
    }

    #[cfg(not(feature = "fallback-rxing"))]
    fn rxing(&mut self) -> Option<Vec<Found>> {
        None
    }
}

/// The one-shot pipeline: the fast pass, then (unless the frame has nothing
/// finder-like and `early_exit` is set) the retry steps in order until one
/// finds a code or the budget is spent.
pub(crate) fn run(src: Gray, opts: &DecodeOptions) -> (Vec<Found>, DecodeStats) {
    let mut job = Job::new(src, opts, opts.work_budget);
    if opts.fast_pass && opts.early_exit && job.nothing_finder_like() {
        job.stats.early_exit = true;
        return (Vec::new(), job.stats);
    }
    let found = if opts.fast_pass {
        job.fast()
    } else {
        Vec::new()
    };
    if !found.is_empty() {
        return (found, job.stats);
    }
    if opts.fast_pass && opts.early_exit && job.stats.finder_candidates < 2 {
        job.stats.early_exit = true;
        return (Vec::new(), job.stats);
    }
    for step in steps(opts, job.base.long_side()) {
        if let Some(found) = job.run(step) {
            if !found.is_empty() {
                return (found, job.stats);
            }
        } else if job.stats.budget_exhausted {
            break;
        }
    }
    (Vec::new(), job.stats)
}
