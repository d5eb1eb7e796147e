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
use crate::{fast, guard, zxing, DecodeOptions, DecodeStats};

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
/// rqrr with its own threshold on the working image (the frame scanner's
/// retry on a region where a code was seen).
pub(crate) const PLAIN_STEP: Step = Step::Rqrr(&PLAIN);
static HALF_ADAPTIVE: Stage = stage("half-adaptive", Res::Half, Binarize::LocalMean);
static HALF_SHARPEN: Stage = Stage {
    sharpen: true,
    ..stage("half-sharpen", Res::Half, Binarize::LocalMean)
};
static UPSCALE_ADAPTIVE: Stage = stage("upscale-adaptive", Res::Double, Binarize::LocalMean);

/// Retry order. Each stage here read a code zxing-cpp and our fast pass did
/// not, on a held-out set (camera or photo options) or on qr-corpus
/// (`upscale-adaptive`); `adaptive`, `sharpen`, `upscale` and `inverted`
/// read none on either held-out set and were removed (zxing-cpp tries the
/// inverted image itself).
pub(crate) fn steps(_opts: &DecodeOptions, _base_long_side: usize) -> Vec<Step> {
    [
        &HALF,
        &PLAIN,
        &HALF_ADAPTIVE,
        &HALF_SHARPEN,
        &UPSCALE_ADAPTIVE,
    ]
    .into_iter()
    .map(Step::Rqrr)
    .collect()
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

/// Working images smaller than this skip the cheap look (a 640x400 frame).
const LOOK_MIN_PIXELS: usize = 256_000;
/// Finder-like points, on every [`CROWD_SPARSE`]-th row the cheap look reads,
/// from which an image counts as crowded ([`Job::crowded`]). Label photos
/// show a few (3 to 6 finders, plus look-alikes in text and textured
/// backgrounds); the walls of nested squares of the hostile set, hundreds.
const CROWDED: usize = 16;
/// The crowding count reads a quarter of the cheap look's rows: walls are
/// uniform, and a frame with a code must not pay a full look on top of
/// zxing-cpp.
const CROWD_SPARSE: usize = 4;
/// On a crowded image zxing-cpp's finder search stops after this many finder
/// patterns (our patch, `max_finder_patterns`): what follows the search (finder
/// sets, grid sampling, Micro QR tries per pattern) grows with their number, and
/// uncapped it took 40-240 ms on a 1280x720 or 1920x1080 wall and 0.7-3.8 s at
/// 12 MP. Capped at 32 the wall costs 3-8 ms at 720p and 45-85 ms at 12 MP
/// (`hostile-bench`, loaded machine), and zxing-cpp still reads a code among
/// look-alikes that are not finders to it: a screen's moire or a noisy background
/// fill our crowding count, not zxing-cpp's concentric-pattern check (photos of a
/// web shop's page on a monitor, `scripts/heldout/make-shelf-photos.py`).
const CROWDED_MAX_FINDER_PATTERNS: u16 = 32;
/// Crops around unread code-like triples handed to zxing-cpp on a crowded image.
const MAX_TRIPLE_CROPS: usize = 8;

/// One image being decoded: the working image, its half-size copy and the
/// work account.
pub(crate) struct Job<'o> {
    pub opts: &'o DecodeOptions,
    /// The image as given, when `base` is a downscaled copy (zxing-cpp reads
    /// the full resolution, as it would alone).
    full: Option<Gray>,
    pub base: Gray,
    /// Downscale factor not applied yet ([`Job::deferred`]).
    pending: usize,
    /// Frame pixels per working-image pixel (per side).
    pub scale: f32,
    half: Option<Gray>,
    pub stats: DecodeStats,
    pub budget: u64,
    first_rqrr: bool,
    /// The cheap look's answers, once asked: fewer than two finder-like
    /// points; the crowding count (None inside: an image the look skips).
    few: Option<bool>,
    crowd: Option<Option<usize>>,
    /// Frame-pixel boxes of code-like triples (timing patterns present) the
    /// fast pass could not read.
    unread: Vec<[f32; 4]>,
}

impl<'o> Job<'o> {
    /// Box-downscale `src` so that its long side fits `max_detect_side`.
    pub fn new(src: Gray, opts: &'o DecodeOptions, budget: u64) -> Job<'o> {
        let mut job = Job::deferred(src, opts, budget);
        job.settle();
        job
    }

    /// Like [`Job::new`], but the downscale waits for [`Job::settle`]: the
    /// cheap look and zxing-cpp read the image as given, and a photo that
    /// zxing-cpp reads never pays for a working copy.
    pub fn deferred(src: Gray, opts: &'o DecodeOptions, budget: u64) -> Job<'o> {
        let max_side = opts.max_detect_side.max(64) as usize;
        let factor = src.long_side().div_ceil(max_side).max(1);
        let mut stats = DecodeStats::default();
        stats.work += src.data.len() as u64;
        Job {
            opts,
            full: None,
            base: src,
            scale: 1.0,
            pending: factor,
            half: None,
            stats,
            budget,
            first_rqrr: true,
            few: None,
            crowd: None,
            unread: Vec::new(),
        }
    }

    /// Box-downscale the image so that its long side fits `max_detect_side`
    /// (once; before our own stages).
    pub fn settle(&mut self) {
        if self.pending > 1 {
            let base = self.base.downscale(self.pending);
            self.full = Some(std::mem::replace(&mut self.base, base));
            self.scale = self.pending as f32;
        }
        self.pending = 1;
    }

    /// The image as given (the working image when no downscale was needed).
    pub fn full_image(&self) -> &Gray {
        self.full.as_ref().unwrap_or(&self.base)
    }

    /// zxing-cpp on the image as given (always runs, like the fast pass). Its
    /// work is charged ([`zxing::ZXING_WORK_PER_PIXEL`]) on top of the budget:
    /// `work_budget` is what our own stages may spend after it, so a frame
    /// zxing-cpp cannot read takes the same stages of ours as before.
    pub fn zxing(&mut self) -> Vec<Found> {
        let crowded = self.crowded();
        // On a crowded image the finder search is capped (CROWDED_MAX_FINDER_PATTERNS).
        let cap = if crowded {
            CROWDED_MAX_FINDER_PATTERNS
        } else {
            0
        };
        let (img, scale) = match &self.full {
            Some(f) => (f, 1.0),
            None => (&self.base, self.scale),
        };
        // With the camera options (early exit: another frame comes) a crowded image is
        // read at half size: a quarter of the pixels, and the box filter averages out
        // much of a screen's moire; a photo is read at full size.
        let halved;
        let (img, scale) = if crowded && self.opts.early_exit {
            halved = img.downscale(2);
            self.stats.work += img.data.len() as u64;
            (&halved, scale * 2.0)
        } else {
            (img, scale)
        };
        let cost = img.data.len() as u64 * zxing::ZXING_WORK_PER_PIXEL;
        self.stats.work += cost;
        self.stats.zxing_work += cost;
        self.budget = self.budget.saturating_add(cost);
        self.stats.stages_run += 1;
        let (max_codes, invert) = (self.opts.max_codes, self.opts.try_inverted);
        match guard::contain(self.opts.silence_contained_panics, || {
            zxing::read(img, scale, max_codes, invert, cap)
        }) {
            None => {
                self.stats.panics_contained += 1;
                Vec::new()
            }
            Some(Err(_)) => Vec::new(),
            Some(Ok(found)) => {
                if !found.is_empty() {
                    self.stats.hit_stage = Some("zxing-cpp");
                }
                found
            }
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
        self.stats.candidate_code_width = self.stats.candidate_code_width.max(scan.candidate_width);
        self.stats.triples_tried += scan.triples;
        self.stats.timing_triples += scan.timing_triples;
        self.unread.extend(scan.unread);
        if !scan.found.is_empty() {
            self.stats.hit_stage = Some(if half { "fast-half" } else { "fast" });
        }
        scan.found
    }

    /// The cheap look ([`fast::finder_like`]) on the image as given: the
    /// distinct finder-like points it sees, counting up to `want`, on every
    /// `sparse`-th of its rows. None for images under [`LOOK_MIN_PIXELS`]
    /// (working image): their readers cost little more than the look.
    fn look(&mut self, want: usize, sparse: usize) -> Option<usize> {
        if self.base.data.len() < LOOK_MIN_PIXELS {
            return None;
        }
        let mut work = 0;
        let img = self.full.as_ref().unwrap_or(&self.base);
        let n = fast::finder_like(img, want, sparse, &mut work);
        self.stats.work += work;
        Some(n)
    }

    /// True when the image has fewer than two finder-like points, so no
    /// reader would find a code: the call can end here (camera frames).
    /// The crowding count ([`Job::crowded`], needed anyway before zxing-cpp)
    /// reads every fourth of the full look's rows: two points there settle
    /// it, so a frame with a code pays a quarter of a look. Otherwise the
    /// full look runs, and stops at its second point.
    pub fn nothing_finder_like(&mut self) -> bool {
        if self.few.is_none() {
            let few = match self.crowd_count() {
                None => false,
                Some(n) if n >= 2 => false,
                Some(_) => self.look(2, 1).is_some_and(|n| n < 2),
            };
            self.few = Some(few);
        }
        self.few == Some(true)
    }

    /// Finder-like points on the crowding count's rows (up to [`CROWDED`]);
    /// None for images the look skips.
    fn crowd_count(&mut self) -> Option<usize> {
        if self.crowd.is_none() {
            self.crowd = Some(self.look(CROWDED, CROWD_SPARSE));
        }
        self.crowd.flatten()
    }

    /// True when the image is crowded with finder-like points (a wall of
    /// look-alikes, fabric, tiles, a screen's moire): whole-image searches that
    /// combine them grow with their number, so rqrr does not run, zxing-cpp's
    /// whole-image read has its finder search capped
    /// ([`CROWDED_MAX_FINDER_PATTERNS`]), and zxing-cpp also reads around the
    /// triples our fast pass confirmed with their timing patterns
    /// ([`Job::zxing_on_triples`]).
    pub fn crowded(&mut self) -> bool {
        let crowded = self.crowd_count().is_some_and(|n| n >= CROWDED);
        self.stats.crowded |= crowded;
        crowded
    }

    /// zxing-cpp on crops around the code-like triples the fast pass could
    /// not read (at most [`MAX_TRIPLE_CROPS`]), charged per crop pixel.
    pub fn zxing_on_triples(&mut self) -> Vec<Found> {
        let boxes: Vec<[f32; 4]> = self.unread.iter().take(MAX_TRIPLE_CROPS).copied().collect();
        let mut found = Vec::new();
        for [x0, y0, x1, y1] in boxes {
            let full = self.full.as_ref().unwrap_or(&self.base);
            let fs = if self.full.is_some() { 1.0 } else { self.scale };
            // Frame to image pixels.
            let (cx0, cy0) = ((x0 / fs).max(0.0) as usize, (y0 / fs).max(0.0) as usize);
            let cx1 = ((x1 / fs).max(0.0) as usize).min(full.w);
            let cy1 = ((y1 / fs).max(0.0) as usize).min(full.h);
            if cx1 <= cx0 + 21 || cy1 <= cy0 + 21 {
                continue;
            }
            let crop = full.crop(cx0, cy0, cx1 - cx0, cy1 - cy0);
            let cost = crop.data.len() as u64 * zxing::ZXING_WORK_PER_PIXEL;
            self.stats.work += cost;
            self.stats.zxing_work += cost;
            self.budget = self.budget.saturating_add(cost);
            self.stats.stages_run += 1;
            let (max_codes, invert) = (self.opts.max_codes, self.opts.try_inverted);
            if let Some(Ok(f)) = guard::contain(self.opts.silence_contained_panics, || {
                zxing::read(&crop, fs, max_codes, invert, 0)
            }) {
                for mut x in f {
                    for p in x.bounds.iter_mut() {
                        p.0 += cx0 as f32 * fs;
                        p.1 += cy0 as f32 * fs;
                    }
                    self.stats.hit_stage = Some("zxing-cpp-triple");
                    found.push(x);
                }
            }
        }
        found
    }

    /// Whether `step` runs at all on this image (size rules, options).
    pub fn applies(&self, step: Step) -> bool {
        match step {
            Step::Rqrr(s) => {
                let long = self.base.long_side();
                match s.res {
                    Res::Half => {
                        long > self.opts.half_first_above as usize
                            || (!self.first_rqrr && long >= 480)
                    }
                    Res::Double => long <= self.opts.upscale_below as usize,
                    Res::Base => true,
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
            Step::Rqrr(s) => self.rqrr(s),
        }
    }

    fn rqrr(&mut self, stage: &'static Stage) -> Option<Vec<Found>> {
        // rqrr groups every pair of the capstones it finds and copies the
        // image for each: on a crowded image that is seconds of work the
        // budget cannot see. It runs only where finder-like points are few.
        if self.crowded() {
            self.stats.stages_skipped_noisy += 1;
            return Some(Vec::new());
        }
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
}

/// The one-shot pipeline: unless the frame has nothing finder-like and
/// `early_exit` is set, zxing-cpp first, then our fast pass, then the retry
/// steps in order until one finds a code or the budget is spent.
pub(crate) fn run(src: Gray, opts: &DecodeOptions) -> (Vec<Found>, DecodeStats) {
    let mut job = Job::deferred(src, opts, opts.work_budget);
    if opts.fast_pass && opts.early_exit && job.nothing_finder_like() {
        job.stats.early_exit = true;
        return (Vec::new(), job.stats);
    }
    let crowded = job.crowded();
    if opts.zxing_first {
        let found = job.zxing();
        if !found.is_empty() {
            return (found, job.stats);
        }
    }
    job.settle();
    let found = if opts.fast_pass {
        job.fast()
    } else {
        Vec::new()
    };
    if !found.is_empty() {
        return (found, job.stats);
    }
    if opts.zxing_first && crowded {
        let found = job.zxing_on_triples();
        if !found.is_empty() {
            return (found, job.stats);
        }
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
