//! The fast path, in the way of ZXing's QR detector: block (hybrid)
//! binarization, a 1:1:3:1:1 run-length scan for finder patterns with a cap
//! on candidates, triples of finders ordered into a code's corners, an
//! alignment-pattern search, a perspective transform from module to image
//! coordinates, and a read of the sampled grid by [`crate::qr`].
//!
//! Every loop here is bounded by the image size or by the candidate cap,
//! and the work done is counted ([`Scan::work`]) so that callers can budget
//! it in pixel visits rather than in time.

use crate::engine::Found;
use crate::geometry::Homography;
use crate::imgproc::Gray;

/// A confirmed finder-pattern centre (rows and columns cross-checked).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Finder {
    pub x: f32,
    pub y: f32,
    /// Module size in pixels.
    pub ms: f32,
    /// Rows that confirmed it.
    pub count: u32,
}

/// Result of one fast pass.
#[derive(Default)]
pub(crate) struct Scan {
    pub found: Vec<Found>,
    /// Confirmed finder candidates (after merging), capped.
    pub finders: usize,
    /// Pixel visits (binarization, row scans, cross-checks, sampling).
    pub work: u64,
    /// Candidate triples tried.
    pub triples: u32,
    /// Width in frame pixels of the widest code two confirmed finders could
    /// span (similar module sizes, a plausible distance apart); 0 with fewer
    /// than two. Lets a camera session tell "too small to read" from "blurred"
    /// for a code it could not read.
    pub candidate_width: f32,
    /// Triples tried whose timing patterns (the alternating modules between
    /// the finders, on row and column 6) are there: a code is really in view,
    /// readable or not. A wall of finder look-alikes has none. A pair of
    /// finders too small for a timing check counts among few candidates only.
    pub timing_triples: u32,
    /// Frame-pixel boxes (x0, y0, x1, y1) of those triples that were not
    /// read: where another reader should look.
    pub unread: Vec<[f32; 4]>,
}

/// Finder centres of one code are 14 (version 1) to 170 (version 40)
/// modules apart; a pair outside that, with its own module size, is not one
/// code's corners.
const PAIR_MODULES: (f32, f32) = (10.0, 170.0);

/// See [`Scan::candidate_width`].
fn candidate_width(finders: &[Finder], scale: f32) -> f32 {
    let mut widest = 0.0f32;
    let pool = &finders[..finders.len().min(TRIPLE_POOL)];
    for (i, a) in pool.iter().enumerate() {
        for b in &pool[i + 1..] {
            let (small, large) = (a.ms.min(b.ms), a.ms.max(b.ms));
            if small <= 0.0 || large > 1.5 * small {
                continue;
            }
            let ms = (a.ms + b.ms) / 2.0;
            let distance = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
            let modules = distance / ms;
            if (PAIR_MODULES.0..=PAIR_MODULES.1).contains(&modules) {
                // Centre to centre, plus half a finder (3.5 modules) each side.
                widest = widest.max((distance + 7.0 * ms) * scale);
            }
        }
    }
    widest
}

/// Finder candidates kept per pass: a frame of finder-like clutter fills the
/// list and stops the row scan instead of growing it.
pub(crate) const MAX_FINDERS: usize = 48;
/// Candidates combined into triples (the best by confirmation count): six
/// codes and a dozen false candidates; at most 4060 cheap geometry checks.
const TRIPLE_POOL: usize = 30;
/// Triples sampled and read per pass.
const MAX_TRIPLES: u32 = 40;
/// Work of one grey-level re-read ([`crate::resample::decode_mapped`]) per
/// module: 5 bilinear samples (20 pixels), window extremes and sums for two
/// radii, and up to three reads of the grid. Measured: a failing re-read
/// of a large grid costs about as much per module as this many pixel
/// visits of the binarization.
const RESAMPLE_WORK: u64 = 120;
/// Work of one read of a sampled grid ([`read_bits`]: format, unmasking, error correction)
/// per module, in pixel visits. Measured on noise, where every triple is false and each
/// read fails late: the reads cost as much per module as this many visits.
const READ_BITS_WORK: u64 = 30;
/// Work the triple reads of one pass may take, per pixel of its image (at
/// least [`MIN_READ_WORK`]): the reads stop there. Without it a photo with
/// a few finder-like candidates and no readable code kept the fast pass
/// busy for 40 triples x 3 versions x 3 fourth points, each re-read from
/// the grey image (0.3 s for a 640x480 photo). 5, not 8: at 8 a 1280x720
/// frame of noise took 32-41 ms of CPU in camera mode (zxing-cpp alone about
/// 20 of them), over the 30 ms bound; at 5, 28 ms, and the held-out set
/// `make-label-photos` seed 9 reads the same 169 with the same stages.
const READ_WORK_PER_PIXEL: u64 = 5;
/// See [`READ_WORK_PER_PIXEL`].
const MIN_READ_WORK: u64 = 2_000_000;

/// ZXing's HybridBinarizer: 8x8 blocks, each thresholded at the mean of the
/// 5x5 blocks around it; flat blocks take their neighbours' level so that
/// a white page stays white. Returns 1 = dark. Images under 40 px on a side
/// use their global mean.
pub(crate) fn hybrid_binarize(img: &Gray) -> Vec<u8> {
    let (w, h) = (img.w, img.h);
    let mut out = vec![0u8; w * h];
    if w < 40 || h < 40 {
        let mean = img.data.iter().map(|&v| v as u64).sum::<u64>() / (w * h).max(1) as u64;
        for (o, &v) in out.iter_mut().zip(&img.data) {
            *o = ((v as u64) < mean) as u8;
        }
        return out;
    }
    const B: usize = 8;
    let bw = w.div_ceil(B);
    let bh = h.div_ceil(B);
    let full = w / B;
    // Written row by row over fixed-size chunks so that it vectorizes; the
    // last block of a row or column overlaps its neighbour when the side is
    // not a multiple of 8 (as in ZXing).
    let mut avg = vec![0u32; bw * bh];
    let mut sum = vec![0u32; bw];
    let mut lo = vec![255u8; bw];
    let mut hi = vec![0u8; bw];
    // Per-column sums, minima and maxima over the band's 8 rows: element-wise
    // over whole rows, so it vectorizes.
    let mut csum = vec![0u16; w];
    let mut cmin = vec![255u8; w];
    let mut cmax = vec![0u8; w];
    for by in 0..bh {
        let y0 = (by * B).min(h - B);
        csum.iter_mut().for_each(|v| *v = 0);
        cmin.iter_mut().for_each(|v| *v = 255);
        cmax.iter_mut().for_each(|v| *v = 0);
        for y in y0..y0 + B {
            let row = &img.data[y * w..(y + 1) * w];
            for (((s, l), u), &v) in csum.iter_mut().zip(&mut cmin).zip(&mut cmax).zip(row) {
                *s += v as u16;
                *l = (*l).min(v);
                *u = (*u).max(v);
            }
        }
        for bx in 0..bw {
            let x0 = (bx * B).min(w - B);
            sum[bx] = csum[x0..x0 + B].iter().map(|&v| v as u32).sum();
            lo[bx] = cmin[x0..x0 + B].iter().fold(255, |a, &v| a.min(v));
            hi[bx] = cmax[x0..x0 + B].iter().fold(0, |a, &v| a.max(v));
        }
        for bx in 0..bw {
            let mut a = sum[bx] / (B * B) as u32;
            if hi[bx] - lo[bx] <= 24 {
                a = lo[bx] as u32 / 2;
                if by > 0 && bx > 0 {
                    let n = (avg[(by - 1) * bw + bx]
                        + 2 * avg[by * bw + bx - 1]
                        + avg[(by - 1) * bw + bx - 1])
                        / 4;
                    if (lo[bx] as u32) < n {
                        a = n;
                    }
                }
            }
            avg[by * bw + bx] = a;
        }
    }
    // Mean of the 5x5 blocks around each block (the window clamped inside
    // the grid), as two 5-tap passes.
    let mut hsum = vec![0u32; bw * bh];
    for by in 0..bh {
        let r = &avg[by * bw..(by + 1) * bw];
        for bx in 0..bw {
            let cx = bx.clamp(2, bw - 3);
            hsum[by * bw + bx] = r[cx - 2..cx + 3].iter().sum();
        }
    }
    let mut thr = vec![0u8; bw * bh];
    for by in 0..bh {
        let cy = by.clamp(2, bh - 3);
        for bx in 0..bw {
            let s: u32 = (cy - 2..cy + 3).map(|yy| hsum[yy * bw + bx]).sum();
            thr[by * bw + bx] = (s / 25) as u8;
        }
    }
    for y in 0..h {
        let by = if y >= h - B { bh - 1 } else { y / B };
        let t = &thr[by * bw..(by + 1) * bw];
        let row = &img.data[y * w..(y + 1) * w];
        let o = &mut out[y * w..(y + 1) * w];
        for ((o, c), &t) in o.chunks_exact_mut(B).zip(row.chunks_exact(B)).zip(t) {
            let c: &[u8; B] = c.try_into().unwrap_or(&[0; B]);
            let o: &mut [u8; B] = match o.try_into() {
                Ok(o) => o,
                Err(_) => continue,
            };
            for k in 0..B {
                o[k] = (c[k] <= t) as u8;
            }
        }
        if bw > full {
            let t = t[bw - 1];
            for (o, &v) in o[w - B..].iter_mut().zip(&row[w - B..]) {
                *o = (v <= t) as u8;
            }
        }
    }
    out
}

struct Bits<'a> {
    bm: &'a [u8],
    w: usize,
    h: usize,
    work: u64,
    /// Work after which the triple reads stop (see [`READ_WORK_PER_PIXEL`]).
    limit: u64,
}

impl Bits<'_> {
    fn dark(&self, x: usize, y: usize) -> bool {
        self.bm[y * self.w + x] != 0
    }
}

/// 1:1:3:1:1 within half a module per module (ZXing's tolerance).
fn finder_ratio(s: &[usize; 5]) -> bool {
    let total: usize = s.iter().sum();
    if total < 7 || s.contains(&0) {
        return false;
    }
    let m = total as f32 / 7.0;
    let v = m / 2.0;
    (m - s[0] as f32).abs() < v
        && (m - s[1] as f32).abs() < v
        && (3.0 * m - s[2] as f32).abs() < 3.0 * v
        && (m - s[3] as f32).abs() < v
        && (m - s[4] as f32).abs() < v
}

/// Runs through (cx, cy) along a direction: centre dark run, then light and
/// dark on both sides. Returns the centre offset along the line and the
/// total, when the five runs have finder proportions and `max` bounds each
/// outer run.
fn cross_check(
    b: &mut Bits,
    cx: usize,
    cy: usize,
    dx: isize,
    dy: isize,
    max: usize,
) -> Option<(f32, usize)> {
    let at = |b: &Bits, k: isize| -> Option<bool> {
        let x = cx as isize + k * dx;
        let y = cy as isize + k * dy;
        if x < 0 || y < 0 || x >= b.w as isize || y >= b.h as isize {
            None
        } else {
            Some(b.dark(x as usize, y as usize))
        }
    };
    if at(b, 0) != Some(true) {
        return None;
    }
    let mut s = [0usize; 5];
    // Backwards.
    let mut k = 0isize;
    while at(b, k) == Some(true) {
        s[2] += 1;
        k -= 1;
    }
    while at(b, k) == Some(false) && s[1] <= max {
        s[1] += 1;
        k -= 1;
    }
    if at(b, k).is_none() || s[1] > max {
        return None;
    }
    while at(b, k) == Some(true) && s[0] <= max {
        s[0] += 1;
        k -= 1;
    }
    if s[0] > max {
        return None;
    }
    let back = (-k) as usize;
    // Forwards.
    let mut k = 1isize;
    while at(b, k) == Some(true) {
        s[2] += 1;
        k += 1;
    }
    while at(b, k) == Some(false) && s[3] <= max {
        s[3] += 1;
        k += 1;
    }
    if at(b, k).is_none() || s[3] > max {
        return None;
    }
    while at(b, k) == Some(true) && s[4] <= max {
        s[4] += 1;
        k += 1;
    }
    b.work += back as u64 + k as u64;
    if s[4] > max || !finder_ratio(&s) {
        return None;
    }
    // Centre of the middle run, relative to (cx, cy).
    let end = k as f32 - s[4] as f32 - s[3] as f32;
    Some((end - s[2] as f32 / 2.0, s.iter().sum()))
}

fn handle_center(b: &mut Bits, s: &[usize; 5], y: usize, end_x: usize, out: &mut Vec<Finder>) {
    let total: usize = s.iter().sum();
    let cx = end_x as f32 - s[4] as f32 - s[3] as f32 - s[2] as f32 / 2.0;
    let cxi = cx as usize;
    let max = s[2].max(2);
    let Some((dy, vt)) = cross_check(b, cxi, y, 0, 1, max) else {
        return;
    };
    if 5 * vt.abs_diff(total) >= 2 * total {
        return;
    }
    let cy = y as f32 + dy;
    let Some((dx, ht)) = cross_check(b, cxi, cy as usize, 1, 0, max) else {
        return;
    };
    if 5 * ht.abs_diff(total) >= 2 * total {
        return;
    }
    let cx = cxi as f32 + dx;
    // The diagonal rejects the many text glyphs and stripes that pass on
    // rows and columns alone.
    if cross_check(b, cx as usize, cy as usize, 1, 1, max * 2).is_none() {
        return;
    }
    let ms = (total + vt + ht) as f32 / 21.0;
    for f in out.iter_mut() {
        if (f.x - cx).abs() <= ms
            && (f.y - cy).abs() <= ms
            && ((f.ms - ms).abs() <= 1.0 || (f.ms - ms).abs() <= f.ms)
        {
            let n = f.count as f32;
            f.x = (f.x * n + cx) / (n + 1.0);
            f.y = (f.y * n + cy) / (n + 1.0);
            f.ms = (f.ms * n + ms) / (n + 1.0);
            f.count += 1;
            return;
        }
    }
    if out.len() < MAX_FINDERS {
        out.push(Finder {
            x: cx,
            y: cy,
            ms,
            count: 1,
        });
    }
}

/// Row scan for finder patterns, every `skip` rows. Stops once the candidate
/// list is full.
pub(crate) fn find_finders(
    bm: &[u8],
    w: usize,
    h: usize,
    skip: usize,
    work: &mut u64,
) -> Vec<Finder> {
    let mut b = Bits {
        bm,
        w,
        h,
        work: 0,
        limit: u64::MAX,
    };
    let mut out: Vec<Finder> = Vec::new();
    let skip = skip.max(1);
    let mut y = skip / 2;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    while y < h && out.len() < MAX_FINDERS {
        let row = &bm[y * w..y * w + w];
        b.work += w as u64;
        row_runs(row, &mut runs);
        // runs[i] = (end, len); colours alternate, the first run's colour is row[0].
        let first_dark = (row[0] != 0) as usize;
        let mut i = if first_dark == 1 { 0 } else { 1 };
        while i + 4 < runs.len() {
            let s = [
                runs[i].1,
                runs[i + 1].1,
                runs[i + 2].1,
                runs[i + 3].1,
                runs[i + 4].1,
            ];
            if finder_ratio(&s) {
                handle_center(&mut b, &s, y, runs[i + 4].0, &mut out);
                i += 6;
            } else {
                i += 2;
            }
        }
        y += skip;
    }
    *work += b.work;
    out
}

/// Run lengths of a 0/1 row as (end, length), colours alternating. Runs of
/// eight equal bytes are skipped a word at a time (rows are mostly long
/// runs).
fn row_runs(row: &[u8], runs: &mut Vec<(usize, usize)>) {
    runs.clear();
    let n = row.len();
    if n == 0 {
        return;
    }
    let mut cur = row[0];
    let mut start = 0usize;
    let mut x = 1usize;
    while x < n {
        if x + 8 <= n && row[x..x + 8].iter().all(|&p| p == cur) {
            x += 8;
            continue;
        }
        if row[x] != cur {
            runs.push((x, x - start));
            start = x;
            cur = row[x];
        }
        x += 1;
    }
    runs.push((n, n - start));
}

fn dist(a: &Finder, b: &Finder) -> f32 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// Order three finders as (top-left, top-right, bottom-left): the widest
/// pair are TR and BL; the turn from BL over TL to TR decides which is which.
fn order(a: Finder, b: Finder, c: Finder) -> (Finder, Finder, Finder) {
    let (ab, bc, ac) = (dist(&a, &b), dist(&b, &c), dist(&a, &c));
    let (tl, mut p, mut q) = if bc >= ab && bc >= ac {
        (a, b, c)
    } else if ac >= ab && ac >= bc {
        (b, a, c)
    } else {
        (c, a, b)
    };
    // With y pointing down, TL->TR x TL->BL is positive.
    let cross = (p.x - tl.x) * (q.y - tl.y) - (p.y - tl.y) * (q.x - tl.x);
    if cross < 0.0 {
        std::mem::swap(&mut p, &mut q);
    }
    (tl, p, q)
}

/// Plausible code geometry: similar module sizes, sides within 2:1, a
/// roughly right angle at the top-left finder, and at most 177 modules.
fn triple_ok(tl: &Finder, tr: &Finder, bl: &Finder) -> Option<f32> {
    let lo = tl.ms.min(tr.ms).min(bl.ms);
    let hi = tl.ms.max(tr.ms).max(bl.ms);
    if hi > lo * 1.6 {
        return None;
    }
    let (d1, d2) = (dist(tl, tr), dist(tl, bl));
    if d1 < 7.0 * lo || d2 < 7.0 * lo || d1.max(d2) > 2.0 * d1.min(d2) {
        return None;
    }
    let dot = (tr.x - tl.x) * (bl.x - tl.x) + (tr.y - tl.y) * (bl.y - tl.y);
    let cos = dot / (d1 * d2);
    if cos.abs() > 0.5 {
        return None;
    }
    let ms = (tl.ms + tr.ms + bl.ms) / 3.0;
    if (d1 + d2) / 2.0 / ms > 180.0 {
        return None;
    }
    // Lower is better: module-size spread and deviation from square.
    Some((hi - lo) / ms + cos.abs() + (d1 - d2).abs() / d1.max(d2))
}

/// Candidate module counts from the finder spacing (ZXing's computeDimension;
/// a count halfway between two valid sizes tries both).
fn dimensions(tl: &Finder, tr: &Finder, bl: &Finder) -> Vec<usize> {
    let ms = (tl.ms + tr.ms + bl.ms) / 3.0;
    let est = ((dist(tl, tr) / ms + dist(tl, bl) / ms) / 2.0).round() as i64 + 7;
    let mut v: Vec<i64> = match est & 3 {
        0 => vec![est + 1],
        1 => vec![est],
        2 => vec![est - 1],
        _ => vec![est - 2, est + 2],
    };
    // Blur and tilt bias the module size: the neighbouring versions next.
    let first = v.clone();
    for d in first {
        for n in [d - 4, d + 4] {
            if !v.contains(&n) {
                v.push(n);
            }
        }
    }
    v.into_iter()
        .filter(|d| (21..=177).contains(d))
        .map(|d| d as usize)
        .collect()
}

/// ZXing's alignment-pattern search: a dark module with a light ring,
/// 1:1:1 on a row and confirmed on its column, nearest to `(ex, ey)`
/// within `allow` pixels.
fn find_alignment(b: &mut Bits, ex: f32, ey: f32, ms: f32, allow: f32) -> Option<(f32, f32)> {
    let x0 = (ex - allow).max(0.0) as usize;
    let x1 = ((ex + allow) as usize).min(b.w - 1);
    let y0 = (ey - allow).max(0.0) as usize;
    let y1 = ((ey + allow) as usize).min(b.h - 1);
    if x1 <= x0 + 3 || y1 <= y0 + 3 {
        return None;
    }
    let ok = |s: &[usize; 3]| {
        let v = ms / 2.0;
        s.iter().all(|&c| (ms - c as f32).abs() < v)
    };
    let mut best: Option<(f32, f32, f32)> = None;
    let mid = (y0 + y1) / 2;
    for i in 0..=(y1 - y0) {
        // From the middle outwards.
        let y = if i % 2 == 0 {
            mid + i / 2
        } else {
            mid.wrapping_sub(i / 2 + 1)
        };
        if y < y0 || y > y1 {
            continue;
        }
        b.work += (x1 - x0) as u64;
        let mut x = x0;
        // Skip to the first light pixel so the pattern starts light.
        while x <= x1 && b.dark(x, y) {
            x += 1;
        }
        let mut s = [0usize; 3];
        let mut cs = 0usize;
        while x <= x1 {
            let d = b.dark(x, y);
            let want_dark = cs == 1;
            if d == want_dark {
                s[cs] += 1;
            } else if cs < 2 {
                cs += 1;
                s[cs] += 1;
            } else {
                // Light-dark-light complete.
                if ok(&s) {
                    let cx = x as f32 - s[2] as f32 - s[1] as f32 / 2.0;
                    if let Some(cy) = align_vertical(b, cx as usize, y, ms) {
                        let d = (cx - ex).hypot(cy - ey);
                        if best.is_none_or(|b| d < b.2) {
                            best = Some((cx, cy, d));
                        }
                    }
                }
                s = [s[2], 1, 0];
                cs = 1;
            }
            x += 1;
        }
        if best.is_some() && i > 2 * ms as usize {
            break;
        }
    }
    best.map(|(x, y, _)| (x, y))
}

fn align_vertical(b: &mut Bits, x: usize, y: usize, ms: f32) -> Option<f32> {
    let max = (ms * 2.0) as usize + 1;
    if !b.dark(x, y) {
        return None;
    }
    let (mut up, mut dn) = (0usize, 0usize);
    while y > up && b.dark(x, y - up - 1) && up < max {
        up += 1;
    }
    while y + dn + 1 < b.h && b.dark(x, y + dn + 1) && dn < max {
        dn += 1;
    }
    let c = up + dn + 1;
    let (mut lu, mut ld) = (0usize, 0usize);
    while y > up + lu && !b.dark(x, y - up - lu - 1) && lu < max {
        lu += 1;
    }
    while y + dn + ld + 1 < b.h && !b.dark(x, y + dn + ld + 1) && ld < max {
        ld += 1;
    }
    b.work += (c + lu + ld) as u64;
    let v = ms / 2.0;
    if (ms - c as f32).abs() < v && lu as f32 > ms - v && ld as f32 > ms - v {
        Some(y as f32 - up as f32 + c as f32 / 2.0 - 0.5)
    } else {
        None
    }
}

/// Sample `dim` x `dim` modules through `hm` from the bitmap; None when the
/// grid leaves the image.
fn sample_bits(b: &mut Bits, hm: &Homography, dim: usize) -> Option<Vec<bool>> {
    let mut bits = vec![false; dim * dim];
    let (w, h) = (b.w as f64, b.h as f64);
    for my in 0..dim {
        for mx in 0..dim {
            let (x, y) = hm.map(mx as f64 + 0.5, my as f64 + 0.5);
            if !(x > -1.5 && y > -1.5 && x < w + 1.5 && y < h + 1.5) {
                return None;
            }
            let xi = (x.max(0.0) as usize).min(b.w - 1);
            let yi = (y.max(0.0) as usize).min(b.h - 1);
            bits[my * dim + mx] = b.dark(xi, yi);
        }
    }
    b.work += (dim * dim) as u64;
    Some(bits)
}

fn read_bits(dim: usize, bits: &[bool]) -> Option<crate::qr::Payload> {
    crate::qr::decode(&rqrr::SimpleGrid::from_func(dim, |x, y| bits[y * dim + x]))
}

/// One fast pass over `img` (binarized as `bm`). Bounds are scaled by
/// `scale` into frame coordinates.
pub(crate) fn scan(img: &Gray, bm: &[u8], scale: f32, max_codes: usize) -> Scan {
    let (w, h) = (img.w, img.h);
    let mut out = Scan::default();
    if w < 21 || h < 21 {
        return out;
    }
    // Every other row up to 800 rows: a finder of 2 px modules still gets
    // two or three rows through its centre.
    let skip = (h / 400).clamp(1, 3);
    let mut work = 0u64;
    let mut finders = find_finders(bm, w, h, skip, &mut work);
    out.finders = finders.len();
    finders.sort_by_key(|f| std::cmp::Reverse(f.count));
    out.candidate_width = candidate_width(&finders, scale);
    out.work = work;
    // A code too small for its timing pattern to be checked (and maybe for a
    // third finder to be confirmed): two finders of such modules, a code's
    // width apart, among few candidates, are taken as a code in view, so a
    // camera user hears "move closer". A wall of look-alikes is never few.
    if finders.len() <= FEW_FINDERS && small_pair(&finders, skip) {
        out.timing_triples += 1;
    }
    if finders.len() < 3 {
        return out;
    }
    finders.truncate(TRIPLE_POOL);
    let n = finders.len();
    let mut triples: Vec<(f32, usize, usize, usize)> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            for k in j + 1..n {
                let (tl, tr, bl) = order(finders[i], finders[j], finders[k]);
                if let Some(s) = triple_ok(&tl, &tr, &bl) {
                    triples.push((s, i, j, k));
                }
            }
        }
    }
    out.work += (n * n * n) as u64;
    triples.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut used = vec![false; n];
    let mut b = Bits {
        bm,
        w,
        h,
        work: 0,
        limit: (READ_WORK_PER_PIXEL * (w * h) as u64).max(MIN_READ_WORK),
    };
    for &(_, i, j, k) in &triples {
        if out.triples >= MAX_TRIPLES || out.found.len() >= max_codes || b.work > b.limit {
            break;
        }
        if used[i] || used[j] || used[k] {
            continue;
        }
        out.triples += 1;
        let (tl, tr, bl) = order(finders[i], finders[j], finders[k]);
        let dims = dimensions(&tl, &tr, &bl);
        b.work += dims.iter().map(|&d| 4 * d as u64).sum::<u64>();
        // Under UNRESOLVED_MS a module, the timing pattern cannot be seen (it
        // blurs into grey): such a triple counts as a code only among few
        // finder candidates, never in a crowd of look-alikes.
        let ms = (tl.ms + tr.ms + bl.ms) / 3.0;
        let timing = ms >= UNRESOLVED_MS && dims.iter().any(|&d| timing_ok(img, &tl, &tr, &bl, d));
        if timing {
            out.timing_triples += 1;
        }
        let read = read_triple(&mut b, img, &tl, &tr, &bl, scale);
        if read.is_none() && timing {
            out.unread.push(triple_box(&tl, &tr, &bl, scale));
        }
        if let Some(f) = read {
            used[i] = true;
            used[j] = true;
            used[k] = true;
            out.found.push(f);
        }
    }
    out.work += b.work;
    out
}

/// Two finders with modules under [`UNRESOLVED_MS`], similar in size and a
/// code's width apart (as in [`candidate_width`]), each confirmed on at least
/// two rows when every row was scanned (`skip` 1): a real centre is three
/// modules, at least three pixels, tall. Sensor noise at half size gave pairs
/// of single-row look-alikes (1.0 to 1.7 px modules) on 1280x720, 1920x1080
/// and 12 MP frames, and the live session said a code was in view.
fn small_pair(finders: &[Finder], skip: usize) -> bool {
    let pool = &finders[..finders.len().min(TRIPLE_POOL)];
    let confirmed = |f: &Finder| f.count as usize * skip >= 2;
    pool.iter().enumerate().any(|(i, a)| {
        pool[i + 1..].iter().any(|b| {
            if !confirmed(a) || !confirmed(b) {
                return false;
            }
            let (small, large) = (a.ms.min(b.ms), a.ms.max(b.ms));
            let ms = (a.ms + b.ms) / 2.0;
            if small <= 0.0 || large > 1.5 * small || ms >= UNRESOLVED_MS {
                return false;
            }
            let modules = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt() / ms;
            (PAIR_MODULES.0..=PAIR_MODULES.1).contains(&modules)
        })
    })
}

/// Module size (pixels) under which a timing pattern cannot be checked.
const UNRESOLVED_MS: f32 = 2.5;
/// Finder candidates of a frame with a code or two in view, and not a wall.
const FEW_FINDERS: usize = 12;

/// The box (frame pixels) of the code these finders are the corners of, with
/// room for the finders' outer halves, tilt and the quiet zone.
fn triple_box(tl: &Finder, tr: &Finder, bl: &Finder, scale: f32) -> [f32; 4] {
    let br = (tr.x - tl.x + bl.x, tr.y - tl.y + bl.y);
    let xs = [tl.x, tr.x, bl.x, br.0];
    let ys = [tl.y, tr.y, bl.y, br.1];
    let ms = (tl.ms + tr.ms + bl.ms) / 3.0;
    let side = dist(tl, tr).max(dist(tl, bl));
    let pad = 8.0 * ms + side / 8.0;
    let lo = |v: &[f32; 4]| v.iter().copied().fold(f32::MAX, f32::min);
    let hi = |v: &[f32; 4]| v.iter().copied().fold(f32::MIN, f32::max);
    [
        (lo(&xs) - pad) * scale,
        (lo(&ys) - pad) * scale,
        (hi(&xs) + pad) * scale,
        (hi(&ys) + pad) * scale,
    ]
}

/// Whether a code of `dim` modules with these finder centres shows its two
/// timing patterns: sampled on the grey image along row 6 (from the top-left
/// to the top-right finder) and column 6 (top-left to bottom-left), module by
/// module, the steps between neighbours must go the way the alternation says
/// (dark at even modules) for at least 3 in 4 of them, with some contrast.
/// Blur shrinks the alternation but keeps its direction; a flat or random
/// background between finder look-alikes does not have it.
fn timing_ok(img: &Gray, tl: &Finder, tr: &Finder, bl: &Finder, dim: usize) -> bool {
    if dim < 21 {
        return false;
    }
    let n = dim as f32 - 7.0;
    let (ux, uy) = ((tr.x - tl.x) / n, (tr.y - tl.y) / n);
    let (vx, vy) = ((bl.x - tl.x) / n, (bl.y - tl.y) / n);
    let at = |mx: f32, my: f32| -> f32 {
        // Module coordinates (centre of module c is c + 0.5) to pixels.
        let (a, b) = (mx - 3.5, my - 3.5);
        let x = tl.x + a * ux + b * vx;
        let y = tl.y + a * uy + b * vy;
        let xi = (x.max(0.0) as usize).min(img.w - 1);
        let yi = (y.max(0.0) as usize).min(img.h - 1);
        img.data[yi * img.w + xi] as f32
    };
    let line = |row: bool| -> bool {
        let samples: Vec<f32> = (8..dim - 8)
            .map(|c| {
                let c = c as f32 + 0.5;
                if row {
                    at(c, 6.5)
                } else {
                    at(6.5, c)
                }
            })
            .collect();
        let (mut right, mut contrast) = (0usize, 0.0f32);
        for (i, pair) in samples.windows(2).enumerate() {
            // Module 8 + i is dark when even: the step to the next one rises.
            let step = pair[1] - pair[0];
            let rising = (8 + i) % 2 == 0;
            if (step > 0.0) == rising && step != 0.0 {
                right += 1;
            }
            contrast += step.abs();
        }
        let steps = samples.len().saturating_sub(1).max(1);
        right * 4 >= steps * 3 && contrast / steps as f32 >= 8.0
    };
    line(true) && line(false)
}

fn read_triple(
    b: &mut Bits,
    img: &Gray,
    tl: &Finder,
    tr: &Finder,
    bl: &Finder,
    scale: f32,
) -> Option<Found> {
    let ms = (tl.ms + tr.ms + bl.ms) / 3.0;
    let br_est = (tr.x - tl.x + bl.x, tr.y - tl.y + bl.y);
    for dim in dimensions(tl, tr, bl) {
        let d = dim as f64;
        // The fourth point: the alignment pattern when one is found, and
        // (also when that read fails: blur makes look-alikes) the
        // parallelogram's corner.
        let mut fourths = Vec::with_capacity(2);
        if dim > 21 {
            let k = 1.0 - 3.0 / (dim as f32 - 7.0);
            let ex = tl.x + k * (br_est.0 - tl.x);
            let ey = tl.y + k * (br_est.1 - tl.y);
            for f in [4.0, 8.0, 16.0] {
                if let Some(a) = find_alignment(b, ex, ey, ms, f * ms) {
                    fourths.push((a, (d - 6.5, d - 6.5)));
                    break;
                }
            }
        }
        if dim > 21 {
            if let Some(a) = find_alignment_grey(img, tl, tr, bl, dim) {
                b.work += 33 * 33 * 17;
                fourths.push((a, (d - 6.5, d - 6.5)));
            }
        }
        fourths.push(((br_est.0, br_est.1), (d - 3.5, d - 3.5)));
        for fourth in fourths {
            if b.work > b.limit {
                return None;
            }
            if let Some(f) = read_mapped(b, img, tl, tr, bl, fourth, dim, ms, scale) {
                return Some(f);
            }
        }
    }
    None
}

/// The alignment pattern located on the grey image, for blur that erases
/// its one-module centre from the bitmap: the point near the estimate that
/// best matches a dark centre, a light ring one module out and a dark ring
/// two modules out, measured along the code's own axes.
fn find_alignment_grey(
    img: &Gray,
    tl: &Finder,
    tr: &Finder,
    bl: &Finder,
    dim: usize,
) -> Option<(f32, f32)> {
    let n = dim as f32 - 7.0;
    let (ux, uy) = ((tr.x - tl.x) / n, (tr.y - tl.y) / n);
    let (vx, vy) = ((bl.x - tl.x) / n, (bl.y - tl.y) / n);
    // Estimate: 3 modules in from the bottom-right finder-centre corner.
    let k = n - 3.0;
    let (ex, ey) = (tl.x + k * (ux + vx), tl.y + k * (uy + vy));
    let at = |x: f32, y: f32| -> f32 {
        let xi = (x.max(0.0) as usize).min(img.w - 1);
        let yi = (y.max(0.0) as usize).min(img.h - 1);
        img.data[yi * img.w + xi] as f32
    };
    let ring = |x: f32, y: f32, r: f32| -> f32 {
        let mut s = 0.0;
        for (a, b) in [
            (1.0, 0.0),
            (-1.0, 0.0),
            (0.0, 1.0),
            (0.0, -1.0),
            (1.0, 1.0),
            (1.0, -1.0),
            (-1.0, 1.0),
            (-1.0, -1.0),
        ] {
            s += at(x + r * (a * ux + b * vx), y + r * (a * uy + b * vy));
        }
        s / 8.0
    };
    let mut best: Option<(f32, f32, f32)> = None;
    // Four modules each way, in quarter modules.
    for i in -16..=16 {
        for j in -16..=16 {
            let (a, b) = (i as f32 / 4.0, j as f32 / 4.0);
            let x = ex + a * ux + b * vx;
            let y = ey + a * uy + b * vy;
            let light = ring(x, y, 1.0);
            let score = 2.0 * light - at(x, y) - ring(x, y, 2.0);
            if best.is_none_or(|b| score > b.2) {
                best = Some((x, y, score));
            }
        }
    }
    // At least some contrast: a flat or noisy patch is no alignment pattern.
    best.filter(|b| b.2 > 30.0).map(|(x, y, _)| (x, y))
}

/// Sample and read the grid through the map from module to image
/// coordinates fixed by the three finder centres and `fourth`.
#[allow(clippy::too_many_arguments)]
fn read_mapped(
    b: &mut Bits,
    img: &Gray,
    tl: &Finder,
    tr: &Finder,
    bl: &Finder,
    fourth: ((f32, f32), (f64, f64)),
    dim: usize,
    ms: f32,
    scale: f32,
) -> Option<Found> {
    let d = dim as f64;
    let src = [(3.5, 3.5), (d - 3.5, 3.5), (3.5, d - 3.5), fourth.1];
    let dst = [
        (tl.x as f64, tl.y as f64),
        (tr.x as f64, tr.y as f64),
        (bl.x as f64, bl.y as f64),
        (fourth.0 .0 as f64, fourth.0 .1 as f64),
    ];
    let hm = Homography::from_points(src, dst)?;
    let p = sample_bits(b, &hm, dim)
        .and_then(|bits| {
            b.work += (dim * dim) as u64 * READ_BITS_WORK;
            read_bits(dim, &bits)
        })
        .or_else(|| {
            // Only when the whole re-read fits what is left of the limit.
            let cost = (dim * dim) as u64 * RESAMPLE_WORK;
            if b.work + cost > b.limit {
                return None;
            }
            b.work += cost;
            crate::resample::decode_mapped(img, dim, ms as f64, |u, v| hm.map(u, v))
        })?;
    let corner = |u: f64, v: f64| {
        let (x, y) = hm.map(u, v);
        (x as f32 * scale, y as f32 * scale)
    };
    let bounds = [
        corner(0.0, 0.0),
        corner(d, 0.0),
        corner(d, d),
        corner(0.0, d),
    ];
    Some(Found::from_payload(p, bounds))
}

/// Run-length tolerance of the cheap look ([`finder_like`]), in modules:
/// wider than the finder scan's half module for the four outer runs,
/// because its one-dimensional thresholds differ from the block threshold
/// and must not miss what the full pass would find (blur thins a weak
/// outer ring); a little wider for the centre, whose three modules are
/// what sets a finder apart from stripes and text bars.
const LOOK_TOL: f32 = 0.8;
/// Tolerance of the centre run, per module.
const LOOK_TOL_CENTRE: f32 = 0.6;

/// 1:1:3:1:1 within [`LOOK_TOL`] modules per module (the centre within
/// [`LOOK_TOL_CENTRE`]), and a centre longer than both light rings.
///
/// The tolerances alone let five equal runs through (each 1.4 modules of
/// seven): every row of a checkerboard or of stripes, whose confirmations
/// then cost the look ten times the pixels it read (40 ms on a 1280x720
/// checkerboard). A real finder's centre is three modules against one for
/// each light ring; moving the threshold grows or shrinks all dark runs by
/// the same amount and the light runs by the opposite one, so the centre
/// stays the longer as long as the outer dark rings exist at all. The fast
/// pass's own ratio ([`finder_ratio`]) implies it too (centre over 1.5
/// modules, rings under), so the look still keeps what the fast pass finds.
fn finder_ratio_loose(s: &[usize; 5]) -> bool {
    let total: usize = s.iter().sum();
    if total < 7 || s.contains(&0) || s[2] <= s[1] || s[2] <= s[3] {
        return false;
    }
    let m = total as f32 / 7.0;
    let v = m * LOOK_TOL;
    (m - s[0] as f32).abs() < v
        && (m - s[1] as f32).abs() < v
        && (3.0 * m - s[2] as f32).abs() < 3.0 * m * LOOK_TOL_CENTRE
        && (m - s[3] as f32).abs() < v
        && (m - s[4] as f32).abs() < v
}

/// Grey levels between the finder centre and its light ring that the cheap
/// look asks for: noise thresholded at its own level forms runs in finder
/// proportions too, but with no contrast between them.
const LOOK_CONTRAST: u32 = 16;

/// Five runs (lengths `s`, grey-level sums `sums`) with a centre darker
/// than the light rings by [`LOOK_CONTRAST`] and outer rings darker than
/// the light rings.
fn contrasted(s: &[usize; 5], sums: &[u32; 5]) -> bool {
    let mean = |i: usize| sums[i] / s[i].max(1) as u32;
    let light = (sums[1] + sums[3]) / (s[1] + s[3]).max(1) as u32;
    mean(2) + LOOK_CONTRAST <= light && mean(0) < light && mean(4) < light
}

/// Pixels per chunk of the cheap look's row threshold.
const LOOK_CHUNK: usize = 16;
/// Chunks on each side of the threshold window (5 chunks, 80 px: the
/// centre of a finder of up to ~25 px modules still has an edge in it).
const LOOK_REACH: usize = 2;
/// A window whose grey levels span no more than this is flat: it keeps the
/// threshold of the window before it (as the block binarizer does).
const LOOK_FLAT: u8 = 24;

/// The cheap look before the fast pass. Every `k`-th row (3, or 4 from
/// 1200 rows: a finder centre of 1.4 px modules still gets a row),
/// thresholded on its own at the mid-range of an 80 px window, is scanned
/// for 1:1:3:1:1 with a loose tolerance, and each hit is confirmed on its
/// column, its row and its diagonal ([`look_confirm`]). Returns the
/// distinct finder-like points found, counting up to `want`. It reads a third or a quarter of the
/// pixels once and mostly in 16-pixel steps, against the fast pass's full
/// binarization and row scans at two resolutions. Checked on the tuning
/// photos (seeds 1 and 3), qr-corpus and the label photos: wherever the
/// fast pass saw two or more candidates, this saw two or more, so a frame
/// where it finds fewer has nothing the fast pass could read or the retry
/// stages could start from.
pub(crate) fn finder_like(img: &Gray, want: usize, sparse: usize, work: &mut u64) -> usize {
    let (w, h) = (img.w, img.h);
    if w < 21 || h < 21 {
        return 0;
    }
    // `sparse` reads only every sparse-th of those rows (the crowding count), a subset of
    // the rows the full look reads: what the sparse look finds, the full one finds too.
    let step = if h >= 1200 { 4 } else { 3 };
    let k = step * sparse.max(1);
    let nc = w.div_ceil(LOOK_CHUNK);
    let (mut lo, mut hi) = (vec![0u8; nc], vec![0u8; nc]);
    let (mut lo4, mut hi4) = (vec![0u8; nc], vec![0u8; nc]);
    let mut thr = vec![0u8; nc];
    let (mut sa, mut sb) = (vec![0u8; w], vec![0u8; w]);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut points: Vec<(f32, f32, usize)> = Vec::new();
    let mut line = LookLine::default();
    let mut y = step / 2 + step * (sparse.max(1) / 2);
    while y < h {
        let row = &img.data[y * w..(y + 1) * w];
        *work += w as u64;
        chunk_extremes(row, &mut lo, &mut sa, &mut sb, u8::min);
        chunk_extremes(row, &mut hi, &mut sa, &mut sb, u8::max);
        // Extremes over 4 chunks (c..c+3), then the window c-2..c+2 as
        // c-2..c+1 and c+2 (one chunk more at the left edge).
        for c in 0..nc {
            let (c1, c2, c3) = (
                (c + 1).min(nc - 1),
                (c + 2).min(nc - 1),
                (c + 3).min(nc - 1),
            );
            lo4[c] = lo[c].min(lo[c1]).min(lo[c2]).min(lo[c3]);
            hi4[c] = hi[c].max(hi[c1]).max(hi[c2]).max(hi[c3]);
        }
        let mut prev: Option<u8> = None;
        for (c, out) in thr.iter_mut().enumerate() {
            let (a, b) = (c.saturating_sub(LOOK_REACH), (c + LOOK_REACH).min(nc - 1));
            let wl = lo4[a].min(lo[b]);
            let wh = hi4[a].max(hi[b]);
            let t = if wh - wl > LOOK_FLAT {
                ((wl as u16 + wh as u16) / 2) as u8
            } else {
                prev.unwrap_or(wl / 2)
            };
            prev = Some(t);
            *out = t;
        }
        // Runs, a chunk at a time where the chunk lies on one side of its
        // threshold (most of a row).
        runs.clear();
        let first_dark = row[0] <= thr[0];
        let mut cur = first_dark;
        let mut start = 0usize;
        for c in 0..nc {
            let t = thr[c];
            let x0 = c * LOOK_CHUNK;
            if hi[c] <= t || lo[c] > t {
                let d = hi[c] <= t;
                if d != cur {
                    runs.push((x0, x0 - start));
                    start = x0;
                    cur = d;
                }
                continue;
            }
            let x1 = (x0 + LOOK_CHUNK).min(w);
            for (x, &v) in (x0..x1).zip(&row[x0..x1]) {
                let d = v <= t;
                if d != cur {
                    runs.push((x, x - start));
                    start = x;
                    cur = d;
                }
            }
        }
        runs.push((w, w - start));
        let mut i = if first_dark { 0 } else { 1 };
        while i + 4 < runs.len() {
            let s = [
                runs[i].1,
                runs[i + 1].1,
                runs[i + 2].1,
                runs[i + 3].1,
                runs[i + 4].1,
            ];
            let row_sums = || {
                let mut sums = [0u32; 5];
                for (j, sum) in sums.iter_mut().enumerate() {
                    let (end, len) = runs[i + j];
                    *sum = row[end - len..end].iter().map(|&v| v as u32).sum();
                }
                sums
            };
            if !finder_ratio_loose(&s) || !contrasted(&s, &row_sums()) {
                i += 2;
                continue;
            }
            let total: usize = s.iter().sum();
            let cx = runs[i + 4].0 - s[4] - s[3] - s[2] / 2;
            if let Some((cx, cy)) =
                look_confirm(img, (cx, y), thr[cx / LOOK_CHUNK], total, &mut line, work)
            {
                let half = total as f32 / 2.0;
                let near = points
                    .iter()
                    .any(|p| (p.0 - cx).abs() <= half && (p.1 - cy).abs() <= half);
                if !near {
                    points.push((cx, cy, total));
                    if points.len() >= want {
                        return points.len();
                    }
                }
            }
            i += 6;
        }
        y += k;
    }
    points.len()
}

/// `pick` (min or max) over each [`LOOK_CHUNK`] of `row` into `out`, by
/// doubling: the row combined element-wise with itself shifted by 1, 2, 4
/// and 8 (which vectorizes), read at every chunk start. `a` and `b` are
/// scratch rows of the row's length.
fn chunk_extremes<F: Fn(u8, u8) -> u8 + Copy>(
    row: &[u8],
    out: &mut [u8],
    a: &mut [u8],
    b: &mut [u8],
    pick: F,
) {
    shift_pick(row, b, 1, pick);
    shift_pick(b, a, 2, pick);
    shift_pick(a, b, 4, pick);
    shift_pick(b, a, 8, pick);
    for (o, &v) in out.iter_mut().zip(a.iter().step_by(LOOK_CHUNK)) {
        *o = v;
    }
}

/// `dst[x] = pick(src[x], src[x + shift])`; the last `shift` pixels, which
/// have no partner, keep their value.
#[inline(always)]
fn shift_pick<F: Fn(u8, u8) -> u8>(src: &[u8], dst: &mut [u8], shift: usize, pick: F) {
    let n = src.len().min(dst.len());
    let keep = n.saturating_sub(shift);
    for ((d, &x), &y) in dst[..keep].iter_mut().zip(src).zip(&src[shift.min(n)..n]) {
        *d = pick(x, y);
    }
    dst[keep..n].copy_from_slice(&src[keep..n]);
}

/// The line through `(x, y)` along `(dx, dy)`: a dark centre run with
/// light and dark runs on both sides in loose finder proportions, spanning
/// half to twice `total` (the row hit's length). The line is thresholded
/// three ways, and any one that shows the pattern will do (the look must
/// not miss what the block binarizer sees): at `t`, the row hit's own
/// threshold, and below the mean of a window centred on each pixel, of
/// `total` and of twice `total` pixels. A centred window cancels a linear
/// illumination gradient (a finder's ring above the centre can be lighter
/// than the light ring below it); the wider one keeps the weak rings of a
/// blurred small finder dark, which the dark centre pulls the narrow mean
/// below. Returns the centre's offset from `(x, y)` along the line.
#[allow(clippy::too_many_arguments)]
fn look_line(
    img: &Gray,
    x: usize,
    y: usize,
    (dx, dy): (isize, isize),
    t: u8,
    total: usize,
    line: &mut LookLine,
    work: &mut u64,
) -> Option<f32> {
    let reach = 3 * total as isize;
    let inside = |k: isize| {
        let xx = x as isize + k * dx;
        let yy = y as isize + k * dy;
        xx >= 0 && yy >= 0 && xx < img.w as isize && yy < img.h as isize
    };
    let mut k0 = 0isize;
    while k0 > -reach && inside(k0 - 1) {
        k0 -= 1;
    }
    let mut k1 = 0isize;
    while k1 < reach && inside(k1 + 1) {
        k1 += 1;
    }
    // Pixels from k0 to k1 and their prefix sums.
    line.vals.clear();
    line.vals.extend((k0..=k1).map(|k| {
        let xx = (x as isize + k * dx) as usize;
        let yy = (y as isize + k * dy) as usize;
        img.data[yy * img.w + xx]
    }));
    // The pixels read, their prefix sums and up to three run reads over them.
    *work += LOOK_LINE_WORK * line.vals.len() as u64;
    line.pre.clear();
    line.pre.push(0u32);
    let mut acc = 0u32;
    for &v in &line.vals {
        acc += v as u32;
        line.pre.push(acc);
    }
    let (vals, pre) = (&line.vals, &line.pre);
    let n = vals.len() as isize;
    for half in [0, total.div_ceil(2), total] {
        let half = half as isize;
        let dark = |k: isize| -> Option<bool> {
            let j = k - k0;
            if j < 0 || j >= n {
                return None;
            }
            let v = vals[j as usize] as u32;
            if half == 0 {
                return Some(v <= t as u32);
            }
            let (a, b) = ((j - half).max(0), (j + half + 1).min(n));
            Some(v * ((b - a) as u32) < pre[b as usize] - pre[a as usize])
        };
        let val = |k: isize| vals[(k - k0) as usize];
        if let Some(off) = line_runs(dark, val, total) {
            return Some(off);
        }
    }
    None
}

/// Work charged per pixel of a line [`look_line`] reads: the read, the prefix
/// sum and up to three run reads (one per threshold), each a few operations.
const LOOK_LINE_WORK: u64 = 4;

/// Scratch for [`look_line`].
#[derive(Default)]
struct LookLine {
    vals: Vec<u8>,
    pre: Vec<u32>,
}

/// Five runs around `k = 0` as `dark` tells them (None: off the image), in
/// loose finder proportions and spanning half to twice `total`: the
/// centre's offset.
fn line_runs(
    dark: impl Fn(isize) -> Option<bool>,
    val: impl Fn(isize) -> u8,
    total: usize,
) -> Option<f32> {
    if dark(0) != Some(true) {
        return None;
    }
    let max = 2 * total;
    let mut s = [0usize; 5];
    let mut sums = [0u32; 5];
    // Backwards: centre, light, dark.
    let mut k = 0isize;
    for (run, want) in [(2usize, true), (1, false), (0, true)] {
        while dark(k) == Some(want) && s[run] <= max {
            s[run] += 1;
            sums[run] += val(k) as u32;
            k -= 1;
        }
    }
    // Forwards: the rest of the centre, light, dark.
    let mut k = 1isize;
    for (run, want) in [(2usize, true), (3, false), (4, true)] {
        while dark(k) == Some(want) && s[run] <= max {
            s[run] += 1;
            sums[run] += val(k) as u32;
            k += 1;
        }
    }
    let span: usize = s.iter().sum();
    if !finder_ratio_loose(&s) || 2 * span < total || span > 2 * total || !contrasted(&s, &sums) {
        return None;
    }
    let centre_end = k as f32 - s[4] as f32 - s[3] as f32;
    Some(centre_end - s[2] as f32 / 2.0)
}

/// A row hit at `(x, y)` (threshold `t`) confirmed the way the finder
/// scan confirms one ([`handle_center`]), loosely and on the grey image:
/// its column, the row through the column's centre, and the diagonal.
/// Returns the centre.
fn look_confirm(
    img: &Gray,
    (x, y): (usize, usize),
    t: u8,
    total: usize,
    line: &mut LookLine,
    work: &mut u64,
) -> Option<(f32, f32)> {
    let dy = look_line(img, x, y, (0, 1), t, total, line, work)?;
    let cy = (y as f32 + dy).max(0.0);
    let dx = look_line(img, x, cy as usize, (1, 0), t, total, line, work)?;
    let cx = (x as f32 + dx).max(0.0);
    look_line(img, cx as usize, cy as usize, (1, 1), t, total, line, work)?;
    Some((cx, cy))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(x: f32, y: f32, ms: f32) -> Finder {
        Finder { x, y, ms, count: 3 }
    }

    #[test]
    fn two_finders_of_one_small_code_give_its_width() {
        // Version 1 at 2 px a module: centres 14 modules (28 px) apart, 21 modules wide.
        let pair = [finder(100.0, 100.0, 2.0), finder(128.0, 100.0, 2.0)];
        assert_eq!(candidate_width(&pair, 1.0), 42.0);
        assert_eq!(candidate_width(&pair, 2.0), 84.0, "in frame pixels");
        // Different module sizes, too close, too far apart, or alone: no code.
        assert_eq!(
            candidate_width(&[finder(0.0, 0.0, 2.0), finder(28.0, 0.0, 4.0)], 1.0),
            0.0
        );
        assert_eq!(
            candidate_width(&[finder(0.0, 0.0, 2.0), finder(10.0, 0.0, 2.0)], 1.0),
            0.0
        );
        assert_eq!(
            candidate_width(&[finder(0.0, 0.0, 2.0), finder(900.0, 0.0, 2.0)], 1.0),
            0.0
        );
        assert_eq!(candidate_width(&pair[..1], 1.0), 0.0);
    }

    #[test]
    fn finder_ratio_checks() {
        assert!(finder_ratio(&[2, 2, 6, 2, 2]));
        assert!(finder_ratio(&[3, 2, 7, 2, 2]));
        assert!(!finder_ratio(&[2, 2, 2, 2, 2]));
        assert!(!finder_ratio(&[0, 2, 6, 2, 2]));
    }

    /// The cheap look's ratio: looser than the fast pass's, but never equal runs (rows of
    /// checkerboards and stripes), and everything the fast pass's ratio accepts.
    #[test]
    fn loose_ratio_rejects_equal_runs_and_keeps_finders() {
        assert!(finder_ratio_loose(&[2, 2, 6, 2, 2]));
        assert!(
            finder_ratio_loose(&[1, 2, 3, 2, 1]),
            "a small blurred finder"
        );
        for c in 1..40 {
            assert!(!finder_ratio_loose(&[c; 5]), "{c} px cells");
        }
        assert!(!finder_ratio_loose(&[2, 3, 3, 2, 2]));
        // Every 5-run window the fast pass accepts, up to 12 px a run.
        let mut kept = 0;
        for code in 0..12usize.pow(5) {
            let mut s = [0usize; 5];
            let mut c = code;
            for r in s.iter_mut() {
                *r = 1 + c % 12;
                c /= 12;
            }
            if finder_ratio(&s) {
                assert!(finder_ratio_loose(&s), "{s:?}");
                kept += 1;
            }
        }
        assert!(kept > 100, "{kept}");
    }

    #[test]
    fn tiny_and_flat_images() {
        for (w, h) in [(1, 1), (1, 500), (500, 1), (39, 39), (40, 40), (41, 97)] {
            let g = Gray {
                w,
                h,
                data: vec![128; w * h],
            };
            let bm = hybrid_binarize(&g);
            assert_eq!(bm.len(), w * h);
            let s = scan(&g, &bm, 1.0, 4);
            assert!(s.found.is_empty());
        }
    }
}
