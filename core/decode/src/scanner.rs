//! Decoding a stream of camera frames: one [`FrameScanner`] per session.
//!
//! A camera delivers about 30 frames a second and most show no code, or the
//! same code as the last frame. So each frame gets the fast pass (cheap, and
//! it reads every clean code in the frame), the places where codes were seen
//! in recent frames get a closer look at full resolution, and the expensive
//! retry stages run one per frame, taking turns, instead of all on one frame.

use crate::engine::Found;
use crate::imgproc::Gray;
use crate::pipeline::{self, Job, Step};
use crate::{finish, validate, DecodeError, DecodeOptions, DecodeStats, Decoded, LumaFrame};

/// Frames a seen code's region is remembered after its last sighting.
const REMEMBER_FRAMES: u64 = 30;
/// Regions looked at per frame.
const MAX_REGIONS: usize = 4;

/// What one frame showed.
#[derive(Clone, Debug, Default)]
pub struct FrameScan {
    /// Every code read in the frame, in reading order.
    pub codes: Vec<Decoded>,
    /// Finder-pattern candidates seen by the fast pass over the whole frame
    /// (0 or 1: nothing code-like; 3 or more with no code: a code that could
    /// not be read yet).
    pub finder_candidates: usize,
    /// Mean brightness of the frame (sampled).
    pub mean_luma: u8,
    /// Width of the widest code found divided by the frame width; with none
    /// read, of the widest code two finder candidates could span (a code in
    /// view but too small or too blurred to read); 0 if neither.
    pub largest_code_fraction: f32,
    /// Work, stages and the stage that read the codes.
    pub stats: DecodeStats,
}

#[derive(Clone, Copy, Debug)]
struct Seen {
    /// Axis-aligned box in frame pixels: x0, y0, x1, y1.
    bbox: [f32; 4],
    frame: u64,
}

/// Decodes successive frames of one camera session. `Send`, so it can move
/// to the camera's analysis thread; not shared between threads.
#[derive(Debug)]
pub struct FrameScanner {
    opts: DecodeOptions,
    seen: Vec<Seen>,
    /// Index into the retry steps of the next one to run.
    next_step: usize,
    frame: u64,
}

impl FrameScanner {
    /// A scanner with these options (`DecodeOptions::camera()` is meant for
    /// it; `work_budget` is then the budget per frame).
    pub fn new(opts: DecodeOptions) -> Self {
        FrameScanner {
            opts,
            seen: Vec::new(),
            next_step: 0,
            frame: 0,
        }
    }

    /// Decode one frame. Errors only for a frame whose description does not
    /// match its buffer, or one over `max_pixels`.
    pub fn scan(&mut self, frame: &LumaFrame) -> Result<FrameScan, DecodeError> {
        validate(frame, &self.opts)?;
        let start = std::time::Instant::now();
        let gray = Gray::from_strided(
            frame.width as usize,
            frame.height as usize,
            frame.stride as usize,
            frame.data,
        );
        let mean_luma = mean_luma(&gray);
        let width = gray.w as f32;
        // Our own code panicking is a bug, but must not end the session.
        let (found, mut stats) = crate::guard::contain(false, || self.scan_gray(gray))
            .unwrap_or_else(|| {
                (
                    Vec::new(),
                    DecodeStats {
                        panics_contained: 1,
                        internal_panic: true,
                        ..DecodeStats::default()
                    },
                )
            });
        self.frame += 1;
        let codes = finish(found);
        for c in &codes {
            let bbox = bbox(&c.bounds);
            self.seen.retain(|s| !overlaps(&s.bbox, &bbox));
            self.seen.push(Seen {
                bbox,
                frame: self.frame,
            });
        }
        let now = self.frame;
        self.seen.retain(|s| now - s.frame <= REMEMBER_FRAMES);
        // Most recent first.
        self.seen.sort_by_key(|s| std::cmp::Reverse(s.frame));
        self.seen.truncate(MAX_REGIONS * 2);
        let largest_code_fraction = codes
            .iter()
            .map(|c| {
                let b = bbox(&c.bounds);
                ((b[2] - b[0]) / width).clamp(0.0, 1.0)
            })
            .fold(0.0f32, f32::max);
        let largest_code_fraction = if codes.is_empty() {
            (stats.candidate_code_width / width).clamp(0.0, 1.0)
        } else {
            largest_code_fraction
        };
        stats.elapsed = start.elapsed();
        Ok(FrameScan {
            codes,
            finder_candidates: stats.finder_candidates as usize,
            mean_luma,
            largest_code_fraction,
            stats,
        })
    }

    fn scan_gray(&mut self, gray: Gray) -> (Vec<Found>, DecodeStats) {
        let opts = &self.opts;
        // 0) A cheap look: nothing finder-like in the whole frame, and no code
        //    seen here lately, ends the frame (no reader runs at all).
        let mut job = Job::deferred(gray, opts, opts.work_budget);
        let nothing_here = opts.early_exit && job.nothing_finder_like();
        if nothing_here && self.seen.is_empty() {
            job.stats.early_exit = true;
            return (Vec::new(), job.stats);
        }
        // 1) zxing-cpp on the whole frame: every code it reads (on a frame
        //    crowded with finder look-alikes, with its finder search capped).
        let crowded = job.crowded();
        if !nothing_here && opts.zxing_first {
            let found = job.zxing();
            if !found.is_empty() {
                return (found, job.stats);
            }
        }
        job.settle();
        let mut found: Vec<Found> = Vec::new();
        let mut region_stats = DecodeStats::default();
        // 2) Where codes were seen lately: the fast pass at full resolution
        //    on the region and its surroundings (the code may have moved).
        let mut regions_tried = 0u32;
        let mut region_hit = false;
        for s in self.seen.iter().take(MAX_REGIONS) {
            let [x0, y0, x1, y1] = s.bbox;
            let (bw, bh) = (x1 - x0, y1 - y0);
            let cx0 = (x0 - bw / 2.0).max(0.0) as usize;
            let cy0 = (y0 - bh / 2.0).max(0.0) as usize;
            let full = job.full_image();
            let cx1 = ((x1 + bw / 2.0).max(0.0) as usize).min(full.w);
            let cy1 = ((y1 + bh / 2.0).max(0.0) as usize).min(full.h);
            if cx1 <= cx0 + 21 || cy1 <= cy0 + 21 {
                continue;
            }
            let crop = full.crop(cx0, cy0, cx1 - cx0, cy1 - cy0);
            let mut rjob = Job::new(crop, opts, opts.work_budget / 8);
            let mut f = rjob.fast();
            if f.is_empty() {
                // One cheap retry on the small crop.
                f = rjob.run(pipeline_plain(opts)).unwrap_or_default();
            }
            regions_tried += 1;
            region_hit |= !f.is_empty();
            add_stats(&mut region_stats, &rjob.stats);
            for mut x in f {
                for p in x.bounds.iter_mut() {
                    p.0 += cx0 as f32;
                    p.1 += cy0 as f32;
                }
                found.push(x);
            }
        }
        // 3) The whole frame, our fast pass: every clean code in it; not even
        //    that when the cheap look saw nothing finder-like.
        let whole = if nothing_here { Vec::new() } else { job.fast() };
        let any_whole = !whole.is_empty();
        found.extend(whole);
        if found.is_empty() && crowded && opts.zxing_first {
            found.extend(job.zxing_on_triples());
        }
        // 4) Nothing read: one retry stage, the next in turn, when the
        //    frame shows something finder-like or a code was seen here lately.
        if found.is_empty()
            && (!opts.early_exit || job.stats.finder_candidates >= 2 || regions_tried > 0)
        {
            let steps = pipeline::steps(opts, job.base.long_side());
            for _ in 0..steps.len() {
                let step = steps[self.next_step % steps.len()];
                self.next_step = (self.next_step + 1) % steps.len();
                if !job.applies(step) {
                    continue;
                }
                if let Some(f) = job.run(step) {
                    found.extend(f);
                }
                break;
            }
        } else if found.is_empty() {
            job.stats.early_exit = true;
        }
        let mut stats = job.stats;
        if !any_whole && region_hit && stats.hit_stage.is_none() {
            stats.hit_stage = Some("region");
        }
        add_stats(&mut stats, &region_stats);
        (found, stats)
    }
}

/// The one cheap retry on a region's crop: rqrr with its own threshold.
fn pipeline_plain(_opts: &DecodeOptions) -> Step {
    pipeline::PLAIN_STEP
}

fn add_stats(total: &mut DecodeStats, part: &DecodeStats) {
    total.panics_contained += part.panics_contained;
    total.stages_run += part.stages_run;
    total.stages_skipped_noisy += part.stages_skipped_noisy;
    total.max_finder_candidates_seen = total
        .max_finder_candidates_seen
        .max(part.max_finder_candidates_seen);
    total.budget_exhausted |= part.budget_exhausted;
    total.undecoded_grids += part.undecoded_grids;
    total.work += part.work;
    total.zxing_work += part.zxing_work;
    total.triples_tried += part.triples_tried;
    total.timing_triples += part.timing_triples;
    total.candidate_code_width = total.candidate_code_width.max(part.candidate_code_width);
    total.internal_panic |= part.internal_panic;
}

fn mean_luma(g: &Gray) -> u8 {
    // Every 4th pixel of every 4th row: plenty for an exposure hint.
    let (mut sum, mut n) = (0u64, 0u64);
    for y in (0..g.h).step_by(4) {
        for &v in g.data[y * g.w..(y + 1) * g.w].iter().step_by(4) {
            sum += v as u64;
            n += 1;
        }
    }
    (sum / n.max(1)) as u8
}

fn bbox(b: &[(f32, f32); 4]) -> [f32; 4] {
    let mut r = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for p in b {
        r[0] = r[0].min(p.0);
        r[1] = r[1].min(p.1);
        r[2] = r[2].max(p.0);
        r[3] = r[3].max(p.1);
    }
    r
}

fn overlaps(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}
