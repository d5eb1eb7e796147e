//! Second chance for grids that rqrr located but could not decode.
//!
//! rqrr samples each module from its own binarized image, one pixel per
//! module. When that read fails (blur, glare, uneven light), we rebuild the
//! perspective from the grid's corners, sample every module centre from the
//! grey image (3x3 mean, bilinear), and threshold the samples ourselves —
//! globally (Otsu over the module samples) and locally (mean of the
//! surrounding modules) — then hand the bit grid to rqrr's decoder again.

use crate::geometry::Homography;
use crate::imgproc::Gray;
use crate::qr::Payload;

fn bilinear(img: &Gray, x: f64, y: f64) -> f32 {
    let x = x.clamp(0.0, (img.w - 1) as f64);
    let y = y.clamp(0.0, (img.h - 1) as f64);
    let x0 = x.floor() as usize;
    let y0 = y.floor() as usize;
    let x1 = (x0 + 1).min(img.w - 1);
    let y1 = (y0 + 1).min(img.h - 1);
    let fx = (x - x0 as f64) as f32;
    let fy = (y - y0 as f64) as f32;
    let p = |xx: usize, yy: usize| img.data[yy * img.w + xx] as f32;
    let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
    let bot = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
    top * (1.0 - fy) + bot * fy
}

fn otsu(samples: &[f32]) -> f32 {
    let mut hist = [0u32; 256];
    for &s in samples {
        hist[s.clamp(0.0, 255.0) as usize] += 1;
    }
    let total = samples.len() as f64;
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| i as f64 * c as f64)
        .sum();
    let (mut w_b, mut sum_b, mut best, mut best_t) = (0.0f64, 0.0f64, -1.0f64, 128usize);
    for (t, &c) in hist.iter().enumerate() {
        w_b += c as f64;
        if w_b == 0.0 {
            continue;
        }
        let w_f = total - w_b;
        if w_f == 0.0 {
            break;
        }
        sum_b += t as f64 * c as f64;
        let m_b = sum_b / w_b;
        let m_f = (sum_all - sum_b) / w_f;
        let between = w_b * w_f * (m_b - m_f) * (m_b - m_f);
        if between > best {
            best = between;
            best_t = t;
        }
    }
    best_t as f32 + 0.5
}

/// `pick` (min or max) of `v` (size x size) over the square window of
/// `radius` around each cell, clipped to the grid: rows, then columns.
fn window_extreme(
    v: &[f32],
    size: usize,
    radius: usize,
    pick: fn(f32, f32) -> f32,
    init: f32,
) -> Vec<f32> {
    let span = |i: usize| i.saturating_sub(radius)..(i + radius + 1).min(size);
    let mut rows = vec![init; size * size];
    for y in 0..size {
        let r = &v[y * size..(y + 1) * size];
        for x in 0..size {
            rows[y * size + x] = r[span(x)].iter().fold(init, |a, &b| pick(a, b));
        }
    }
    let mut out = vec![init; size * size];
    for y in 0..size {
        for x in 0..size {
            out[y * size + x] = span(y).fold(init, |a, yy| pick(a, rows[yy * size + x]));
        }
    }
    out
}

/// Our reader only: rqrr's decoder reads nothing ours does not (but Hanzi), and on large
/// grids it costs more than the sampling (block syndromes of every candidate).
fn try_decode(size: usize, bits: &[bool]) -> Option<Payload> {
    crate::qr::decode(&rqrr::SimpleGrid::from_func(size, |x, y| {
        bits[y * size + x]
    }))
}

/// Decode a grid of `size` modules whose corners rqrr reported as `bounds`
/// (corner points of module coordinates (0,0), (size+1,0), (size+1,size+1),
/// (0,size+1), in `img` pixels).
pub(crate) fn decode(img: &Gray, bounds: &[rqrr::Point; 4], size: usize) -> Option<Payload> {
    if !(21..=177).contains(&size) || img.w < 2 || img.h < 2 {
        return None;
    }
    let q = [
        (bounds[0].x as f64, bounds[0].y as f64),
        (bounds[1].x as f64, bounds[1].y as f64),
        (bounds[2].x as f64, bounds[2].y as f64),
        (bounds[3].x as f64, bounds[3].y as f64),
    ];
    let hm = Homography::square_to_quad(q)?;
    let span = (size + 1) as f64;
    // Module pitch in pixels, for the size of the sampling footprint.
    let pitch = ((q[1].0 - q[0].0).hypot(q[1].1 - q[0].1) / span).max(0.5);
    decode_mapped(img, size, pitch, |u, v| hm.map(u / span, v / span))
}

/// Decode a grid of `size` modules; `map` takes module coordinates (the
/// centre of module (x, y) is (x + 0.5, y + 0.5)) to `img` pixels, `pitch`
/// is the module size in pixels.
pub(crate) fn decode_mapped(
    img: &Gray,
    size: usize,
    pitch: f64,
    map: impl Fn(f64, f64) -> (f64, f64),
) -> Option<Payload> {
    if !(21..=177).contains(&size) || img.w < 2 || img.h < 2 {
        return None;
    }
    let d = (pitch.max(0.5) / 4.0).min(3.0);
    let mut samples = vec![0f32; size * size];
    for y in 0..size {
        for x in 0..size {
            let (px, py) = map(x as f64 + 0.5, y as f64 + 0.5);
            if !px.is_finite() || !py.is_finite() {
                return None;
            }
            let mut acc = 0.0;
            for (ox, oy) in [(0.0, 0.0), (-d, 0.0), (d, 0.0), (0.0, -d), (0.0, d)] {
                acc += bilinear(img, px + ox, py + oy);
            }
            samples[y * size + x] = acc / 5.0;
        }
    }

    // 1) Global Otsu threshold over module samples.
    let t = otsu(&samples);
    let bits: Vec<bool> = samples.iter().map(|&s| s < t).collect();
    if let Some(r) = try_decode(size, &bits) {
        return Some(r);
    }

    // 2) Local threshold: mean of a window of modules around each module.
    //    Window sums from a summed-area table, minima and maxima in two
    //    one-dimensional passes (rows, then columns): a few operations per
    //    module instead of a (2r+1)^2 loop, which made a failing read of a
    //    large grid cost as much as the fast pass over a megapixel.
    let mut sat = vec![0f64; (size + 1) * (size + 1)];
    for y in 0..size {
        let mut row = 0f64;
        for x in 0..size {
            row += samples[y * size + x] as f64;
            sat[(y + 1) * (size + 1) + x + 1] = sat[y * (size + 1) + x + 1] + row;
        }
    }
    for radius in [3usize, 6] {
        let lo = window_extreme(&samples, size, radius, f32::min, f32::MAX);
        let hi = window_extreme(&samples, size, radius, f32::max, f32::MIN);
        let mut bits = vec![false; size * size];
        for y in 0..size {
            for x in 0..size {
                let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(size));
                let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(size));
                let at = |yy: usize, xx: usize| sat[yy * (size + 1) + xx];
                let sum = (at(y1, x1) - at(y0, x1) - at(y1, x0) + at(y0, x0)) as f32;
                let n = ((y1 - y0) * (x1 - x0)) as f32;
                let i = y * size + x;
                // Mid-range is robust when a window is mostly one colour.
                let thr = 0.5 * (sum / n) + 0.25 * (lo[i] + hi[i]);
                bits[i] = samples[i] < thr;
            }
        }
        if let Some(r) = try_decode(size, &bits) {
            return Some(r);
        }
    }
    None
}
