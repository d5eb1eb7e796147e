//! Small, allocation-bounded image helpers: copy, resize, binarize.
//!
//! Everything works on a tightly packed 8-bit luma plane ([`Gray`]) and
//! produces bitmaps as `Vec<u8>` with `1` = black (dark) and `0` = white.

/// A tightly packed 8-bit luma image (stride == width).
#[derive(Clone, Debug)]
pub(crate) struct Gray {
    pub w: usize,
    pub h: usize,
    pub data: Vec<u8>,
}

impl Gray {
    /// Copy a strided plane into a packed image. The caller validated sizes.
    pub fn from_strided(w: usize, h: usize, stride: usize, data: &[u8]) -> Gray {
        if stride == w {
            return Gray {
                w,
                h,
                data: data[..w * h].to_vec(),
            };
        }
        let mut out = Vec::with_capacity(w * h);
        for y in 0..h {
            out.extend_from_slice(&data[y * stride..y * stride + w]);
        }
        Gray { w, h, data: out }
    }

    /// The `w` x `h` window at `(x0, y0)`, clipped to the image.
    pub fn crop(&self, x0: usize, y0: usize, w: usize, h: usize) -> Gray {
        let x0 = x0.min(self.w);
        let y0 = y0.min(self.h);
        let w = w.min(self.w - x0);
        let h = h.min(self.h - y0);
        let mut data = Vec::with_capacity(w * h);
        for y in y0..y0 + h {
            data.extend_from_slice(&self.data[y * self.w + x0..y * self.w + x0 + w]);
        }
        Gray { w, h, data }
    }

    pub fn long_side(&self) -> usize {
        self.w.max(self.h)
    }

    /// Box-filter downscale by an integer factor (area average).
    pub fn downscale(&self, factor: usize) -> Gray {
        if factor <= 1 {
            return self.clone();
        }
        let nw = (self.w / factor).max(1);
        let nh = (self.h / factor).max(1);
        if factor == 2 && self.w >= 2 && self.h >= 2 {
            // Common case (half-size first pass), written out.
            let mut out = Vec::with_capacity(nw * nh);
            for ny in 0..nh {
                let r0 = &self.data[2 * ny * self.w..2 * ny * self.w + 2 * nw];
                let r1 = &self.data[(2 * ny + 1) * self.w..(2 * ny + 1) * self.w + 2 * nw];
                out.extend(r0.chunks_exact(2).zip(r1.chunks_exact(2)).map(|(a, b)| {
                    ((a[0] as u16 + a[1] as u16 + b[0] as u16 + b[1] as u16 + 2) >> 2) as u8
                }));
            }
            return Gray {
                w: nw,
                h: nh,
                data: out,
            };
        }
        // A side shorter than the factor (a 1 x 20000 strip) still gives one
        // output pixel: each output averages the source pixels it covers.
        // Rows are summed into column totals first (element-wise, so it
        // vectorizes), then groups of columns.
        let mut cols = vec![0u32; self.w];
        let mut out = Vec::with_capacity(nw * nh);
        let span = |n: usize, len: usize| (n * factor).min(len)..((n + 1) * factor).min(len);
        for ny in 0..nh {
            cols.iter_mut().for_each(|a| *a = 0);
            let rows = span(ny, self.h);
            let nrows = rows.len().max(1) as u32;
            for y in rows {
                let row = &self.data[y * self.w..(y + 1) * self.w];
                for (c, &v) in cols.iter_mut().zip(row) {
                    *c += v as u32;
                }
            }
            out.extend((0..nw).map(|nx| {
                let xs = span(nx, self.w);
                let n = xs.len().max(1) as u32;
                (cols[xs].iter().sum::<u32>() / (n * nrows)) as u8
            }));
        }
        Gray {
            w: nw,
            h: nh,
            data: out,
        }
    }

    /// Bilinear 2x upscale (pixel-centre aligned: weights 3/4 and 1/4).
    pub fn upscale2(&self) -> Gray {
        let (w, h) = (self.w, self.h);
        let nw = w * 2;
        let nh = h * 2;
        // Horizontal pass, values scaled by 4.
        let mut hz = vec![0u16; nw * h];
        for y in 0..h {
            let r = &self.data[y * w..y * w + w];
            let o = &mut hz[y * nw..y * nw + nw];
            for x in 0..w {
                let c = r[x] as u16 * 3;
                let l = r[x.saturating_sub(1)] as u16;
                let rr = r[(x + 1).min(w - 1)] as u16;
                o[2 * x] = c + l;
                o[2 * x + 1] = c + rr;
            }
        }
        // Vertical pass, total scale 16.
        let mut out = vec![0u8; nw * nh];
        for y in 0..h {
            let c = &hz[y * nw..y * nw + nw];
            let up = &hz[y.saturating_sub(1) * nw..y.saturating_sub(1) * nw + nw];
            let dn = &hz[(y + 1).min(h - 1) * nw..(y + 1).min(h - 1) * nw + nw];
            let (top, bot) = out[2 * y * nw..(2 * y + 2) * nw].split_at_mut(nw);
            for x in 0..nw {
                let c3 = c[x] * 3;
                top[x] = ((c3 + up[x] + 8) >> 4) as u8;
                bot[x] = ((c3 + dn[x] + 8) >> 4) as u8;
            }
        }
        Gray {
            w: nw,
            h: nh,
            data: out,
        }
    }

    /// Unsharp mask: `v + amount * (v - box_mean(v, radius))`, clamped.
    /// Restores the one-module features (timing patterns, finder rings) that
    /// defocus blur washes out.
    pub fn sharpened(&self, radius: usize, amount: f32) -> Gray {
        let (w, h) = (self.w, self.h);
        let sums = BoxSums::new(self);
        let mut out = vec![0u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let (sum, count) = sums.around(x, y, radius);
                let mean = sum as f32 / count as f32;
                let v = self.data[y * w + x] as f32;
                out[y * w + x] = (v + amount * (v - mean)).clamp(0.0, 255.0) as u8;
            }
        }
        Gray { w, h, data: out }
    }

    pub fn inverted(&self) -> Gray {
        Gray {
            w: self.w,
            h: self.h,
            data: self.data.iter().map(|&v| 255 - v).collect(),
        }
    }
}

/// rqrr's own binarization (`PreparedImage::prepare`), reproduced so that
/// the bitmap can be inspected before detection, and computed in floating
/// point (rqrr divides integers per pixel): exponential running averages
/// (window = width / 8) along each row in both directions, carried over from
/// row to row in a serpentine; a pixel is black when darker than 95% of the
/// mean of the two.
pub(crate) fn threshold_row_average(img: &Gray) -> Vec<u8> {
    let (w, h) = (img.w, img.h);
    let s = (w / 8).max(1) as f32;
    let k = (s - 1.0) / s;
    let scale = 0.95 / (2.0 * s);
    let mut out = vec![0u8; w * h];
    let mut ltr = vec![0f32; w];
    let mut rtl = vec![0f32; w];
    // Accumulators carried across rows, as in rqrr.
    let mut acc_a = 0f32;
    let mut acc_b = 0f32;
    for y in 0..h {
        let row = &img.data[y * w..y * w + w];
        // rqrr alternates which accumulator runs which way on each row.
        let (acc_l, acc_r) = if y % 2 == 0 {
            (&mut acc_b, &mut acc_a)
        } else {
            (&mut acc_a, &mut acc_b)
        };
        for (l, &p) in ltr.iter_mut().zip(row) {
            *acc_l = *acc_l * k + p as f32;
            *l = *acc_l;
        }
        for (r, &p) in rtl.iter_mut().zip(row).rev() {
            *acc_r = *acc_r * k + p as f32;
            *r = *acc_r;
        }
        let orow = &mut out[y * w..y * w + w];
        for x in 0..w {
            orow[x] = ((row[x] as f32) < (ltr[x] + rtl[x]) * scale) as u8;
        }
    }
    out
}

/// Local-mean adaptive threshold over a square window (integral image).
/// Sums of pixel values over any axis-aligned box in constant time (an integral image with
/// a zero row and column in front; u64, so no image size can overflow it).
struct BoxSums {
    w: usize,
    h: usize,
    table: Vec<u64>,
}

impl BoxSums {
    fn new(img: &Gray) -> Self {
        let (w, h) = (img.w, img.h);
        let iw = w + 1;
        let mut table = vec![0u64; iw * (h + 1)];
        for y in 0..h {
            let mut row_sum = 0u64;
            for x in 0..w {
                row_sum += img.data[y * w + x] as u64;
                table[(y + 1) * iw + x + 1] = table[y * iw + x + 1] + row_sum;
            }
        }
        BoxSums { w, h, table }
    }

    /// Sum and pixel count of the box of radius `r` around `(x, y)`, clipped to the image.
    fn around(&self, x: usize, y: usize, r: usize) -> (u64, u64) {
        let iw = self.w + 1;
        let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(self.w));
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(self.h));
        let t = &self.table;
        let sum = t[y1 * iw + x1] + t[y0 * iw + x0] - t[y0 * iw + x1] - t[y1 * iw + x0];
        (sum, ((y1 - y0) * (x1 - x0)) as u64)
    }
}

/// A pixel is black when it is darker than `(100 - bias_pct)%` of the mean of
/// its window.
pub(crate) fn threshold_local_mean(img: &Gray, window: usize, bias_pct: u32) -> Vec<u8> {
    let (w, h) = (img.w, img.h);
    let r = (window / 2).max(1);
    let sums = BoxSums::new(img);
    let mut out = vec![0u8; w * h];
    let keep = (100 - bias_pct.min(100)) as u64;
    for y in 0..h {
        for x in 0..w {
            let (sum, count) = sums.around(x, y, r);
            // v < mean * keep / 100  <=>  v * count * 100 < sum * keep
            let v = img.data[y * w + x] as u64;
            out[y * w + x] = (v * count * 100 < sum * keep) as u8;
        }
    }
    out
}

/// Count finder-pattern candidates: rows are scanned for the 1:1:3:1:1
/// dark/light run pattern; hits in consecutive rows with nearby centres form
/// a track, and a track counts once it is as tall as half the centre block
/// of a finder of its width (3/14 of the width, at least 2 rows). Random
/// noise makes many short tracks and few counted ones; a frame tiled with
/// finder-like patterns counts each. Used to bound rqrr's grid grouping,
/// which tries candidate pairs and clones the whole image for each pair (such
/// a frame kept it busy for seconds per stage).
pub(crate) fn count_finder_candidates(bm: &[u8], w: usize, h: usize) -> usize {
    #[derive(Clone, Copy)]
    struct Track {
        cx: usize,
        len: usize,
        counted: bool,
    }
    let mut candidates = 0usize;
    let mut prev: Vec<Track> = Vec::new();
    let mut cur: Vec<Track> = Vec::new();
    for y in 0..h {
        let row = &bm[y * w..y * w + w];
        let mut runs = [0usize; 5];
        let mut colour = row.first().copied().unwrap_or(0);
        let mut len = 0usize;
        let mut changes = 0usize;
        cur.clear();
        for (x, &p) in row.iter().chain(std::iter::once(&0u8)).enumerate() {
            if p == colour {
                len += 1;
                continue;
            }
            runs.rotate_left(1);
            runs[4] = len;
            changes += 1;
            // A run of dark just ended when colour == 1.
            if colour == 1 && changes >= 5 {
                let avg = (runs[0] + runs[1] + runs[3] + runs[4]) / 4;
                let err = avg * 3 / 4;
                let ok = avg > 0
                    && [1usize, 1, 3, 1, 1]
                        .iter()
                        .zip(runs.iter())
                        .all(|(&k, &r)| r + err >= k * avg && r <= k * avg + err);
                if ok {
                    let width: usize = runs.iter().sum();
                    let cx = x - width / 2;
                    let tol = (width / 6).max(2);
                    let mut t = prev
                        .iter()
                        .find(|t| t.cx.abs_diff(cx) <= tol)
                        .map(|t| Track {
                            cx,
                            len: t.len + 1,
                            counted: t.counted,
                        })
                        .unwrap_or(Track {
                            cx,
                            len: 1,
                            counted: false,
                        });
                    if !t.counted && t.len >= (width * 3 / 14).max(2) {
                        t.counted = true;
                        candidates += 1;
                    }
                    cur.push(t);
                }
            }
            colour = p;
            len = 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downscale_and_upscale_sizes() {
        let g = Gray {
            w: 10,
            h: 7,
            data: (0..70).map(|v| v as u8).collect(),
        };
        let d = g.downscale(3);
        assert_eq!((d.w, d.h), (3, 2));
        assert_eq!(d.data[0], ((1 + 2 + 10 + 11 + 12 + 20 + 21 + 22) / 9) as u8);
        let d2 = g.downscale(2);
        assert_eq!((d2.w, d2.h), (5, 3));
        assert_eq!(d2.data[0], ((1 + 10 + 11) + 2) / 4);
        assert_eq!(d2.data[6], ((22 + 23 + 32 + 33) + 2) / 4);
        let u = g.upscale2();
        assert_eq!((u.w, u.h), (20, 14));
        assert_eq!(u.data[0], 0);
    }

    #[test]
    fn finder_candidates() {
        // One finder pattern, 5 px per module, in a 60x60 white bitmap.
        let (w, m) = (60usize, 5usize);
        let mut bm = vec![0u8; w * w];
        for y in 0..7 * m {
            for x in 0..7 * m {
                let (mx, my) = (x / m, y / m);
                let ring = mx.min(my).min(6 - mx).min(6 - my);
                bm[(y + 10) * w + x + 10] = (ring != 1) as u8;
            }
        }
        assert_eq!(count_finder_candidates(&bm, w, w), 1);
        assert_eq!(count_finder_candidates(&vec![0u8; w * w], w, w), 0);
        assert_eq!(count_finder_candidates(&vec![1u8; w * w], w, w), 0);
    }

    #[test]
    fn strided_copy() {
        let data = [1u8, 2, 99, 3, 4, 99];
        let g = Gray::from_strided(2, 2, 3, &data);
        assert_eq!(g.data, vec![1, 2, 3, 4]);
    }
}
