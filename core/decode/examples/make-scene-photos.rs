//! A second photo generator, with a scene model of its own (not `make-label-photos`'): held-out
//! sets for `decode-bench` that no stage of the decoder was tuned on.
//!
//! ```text
//! cargo run --release -p trustlabel-decode --example make-scene-photos -- N DIR [--seed S]
//! ```
//!
//! Each shot: a textured background (wood grain, woven fabric, a shelf edge, or printed
//! clutter); a label or a product box side with the QR code in one of several layouts (code
//! left, right or on top of text lines, or alone on a box panel with a border); print defects
//! (faded ink, ink spread, scratches across the code, a few missing modules); a full
//! perspective warp (any rotation, strong tilt); uneven light (gradient, vignette, a hard
//! shadow edge, or a specular band); directional motion blur or defocus; sensor noise; JPEG
//! at quality 35-90. Frames from 960x540 to 3000x4000 (portrait too). The code holds
//! `https://demo.trustlabel.dev/l/<product>-<n>` at error correction L, M or Q.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a dev tool run by hand: a panic names the problem well enough"
)]

use qrcode::{EcLevel, QrCode};
use std::path::PathBuf;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn f(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.f()
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[(self.next() % v.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "kettle",
    "doorbell",
    "thermostat",
    "speaker",
    "bulb",
    "camera",
    "lock",
    "plug",
    "router",
    "scale",
    "purifier",
    "blinds",
    "sensor",
    "hub",
    "monitor",
    "vacuum",
    "fridge",
    "oven",
];

/// The label (or box panel) as a grey image: paper value 235, ink `ink`.
fn label(rng: &mut Rng, code: &QrCode, ink: u8) -> (usize, usize, Vec<u8>) {
    let n = code.width();
    let m = rng.pick(&[6usize, 8, 10, 12]);
    let qr = (n + 8) * m;
    let layout = rng.next() % 4;
    let (w, h, qx, qy) = match layout {
        0 => (qr * 2 + m * 4, qr + m * 6, m * 2, m * 3), // code left, text right
        1 => (qr * 2 + m * 4, qr + m * 6, qr + m * 2, m * 3), // code right, text left
        2 => (qr + m * 8, qr * 3 / 2 + m * 8, m * 4, m * 4), // code on top of text
        _ => (qr + m * 6, qr + m * 6, m * 3, m * 3),     // alone, bordered box panel
    };
    let mut img = vec![235u8; w * h];
    let colors = code.to_colors();
    for my in 0..n {
        for mx in 0..n {
            if colors[my * n + mx] == qrcode::Color::Dark {
                let (x0, y0) = (qx + (mx + 4) * m, qy + (my + 4) * m);
                for y in y0..y0 + m {
                    img[y * w + x0..y * w + x0 + m].fill(ink);
                }
            }
        }
    }
    // Text lines where the code is not.
    let (tx0, tx1, ty0, ty1) = match layout {
        0 => (qr + m * 3, w - m * 2, m * 4, h - m * 4),
        1 => (m * 2, qr, m * 4, h - m * 4),
        2 => (m * 4, w - m * 4, qr + m * 6, h - m * 3),
        _ => (0, 0, 0, 0),
    };
    let mut y = ty0;
    while y + m * 2 < ty1 {
        let len = ((tx1 - tx0) as f32 * rng.range(0.4, 1.0)) as usize;
        let mut x = tx0;
        while x < tx0 + len {
            let word = m * (1 + (rng.next() % 4) as usize);
            for yy in y..y + m * 3 / 2 {
                for xx in x..(x + word).min(tx0 + len) {
                    img[yy * w + xx] = ink;
                }
            }
            x += word + m;
        }
        y += m * 3;
    }
    if layout == 3 {
        // A thick border around the panel.
        for y in 0..h {
            for x in 0..w {
                if x < m || y < m || x >= w - m || y >= h - m {
                    img[y * w + x] = ink;
                }
            }
        }
    }
    // Print defects: ink spread, scratches, missing modules.
    if rng.f() < 0.3 {
        let src = img.clone();
        for y in 1..h - 1 {
            for x in 1..w - 1 {
                if src[y * w + x - 1] == ink || src[(y - 1) * w + x] == ink {
                    img[y * w + x] = ink;
                }
            }
        }
    }
    for _ in 0..(rng.next() % 3) {
        let (x0, y0) = (rng.range(0.0, w as f32), rng.range(0.0, h as f32));
        let a = rng.range(0.0, std::f32::consts::PI);
        let thick = 1 + (rng.next() % 2) as usize;
        for t in 0..(w.max(h) * 2) {
            let t = t as f32 - w.max(h) as f32;
            let (x, y) = (x0 + t * a.cos(), y0 + t * a.sin());
            for d in 0..thick {
                let (xi, yi) = (x as isize + d as isize, y as isize);
                if xi >= 0 && yi >= 0 && (xi as usize) < w && (yi as usize) < h {
                    img[yi as usize * w + xi as usize] = 235;
                }
            }
        }
    }
    if rng.f() < 0.3 {
        for _ in 0..(n * n / 150) {
            let (mx, my) = ((rng.next() as usize) % n, (rng.next() as usize) % n);
            let (x0, y0) = (qx + (mx + 4) * m, qy + (my + 4) * m);
            for y in y0..y0 + m {
                img[y * w + x0..y * w + x0 + m].fill(235);
            }
        }
    }
    (w, h, img)
}

fn background(rng: &mut Rng, w: usize, h: usize) -> Vec<f32> {
    let kind = rng.next() % 4;
    let (a, b) = (rng.range(0.01, 0.08), rng.range(0.0, 6.0));
    let mut bg = vec![0f32; w * h];
    for y in 0..h {
        for x in 0..w {
            let (xf, yf) = (x as f32, y as f32);
            bg[y * w + x] = match kind {
                // Wood grain: wavy stripes.
                0 => 120.0 + 40.0 * ((yf * a + 3.0 * (xf * 0.01 + b).sin()).sin()),
                // Woven fabric: two crossing fine waves.
                1 => 140.0 + 30.0 * (xf * 0.9).sin() * (yf * 0.9).sin() + 20.0 * (xf * a).sin(),
                // A shelf edge: two flat areas and a dark band.
                2 => {
                    if (yf / h as f32) < 0.3 + 0.05 * b {
                        90.0
                    } else if (yf / h as f32) < 0.36 + 0.05 * b {
                        30.0
                    } else {
                        170.0
                    }
                }
                // Printed clutter: blocks.
                _ => {
                    if ((x / 37 + y / 23) * 7919 + (x / 11) * 31) % 5 == 0 {
                        40.0
                    } else {
                        200.0
                    }
                }
            };
        }
    }
    bg
}

/// The 3x3 homography mapping the unit square's corners to `dst` (TL, TR, BR, BL).
fn homography(dst: [(f32, f32); 4]) -> [f64; 9] {
    let src = [(0.0f64, 0.0f64), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
    let mut a = [[0f64; 9]; 8];
    for i in 0..4 {
        let (x, y) = src[i];
        let (u, v) = (dst[i].0 as f64, dst[i].1 as f64);
        a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    for c in 0..8 {
        let p = (c..8)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap();
        a.swap(c, p);
        for r in 0..8 {
            if r != c {
                let f = a[r][c] / a[c][c];
                let pivot = a[c];
                for (v, p) in a[r].iter_mut().zip(pivot).skip(c) {
                    *v -= f * p;
                }
            }
        }
    }
    let mut hm = [0f64; 9];
    for i in 0..8 {
        hm[i] = a[i][8] / a[i][i];
    }
    hm[8] = 1.0;
    hm
}

fn invert(m: &[f64; 9]) -> [f64; 9] {
    let det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
        + m[2] * (m[3] * m[7] - m[4] * m[6]);
    let d = 1.0 / det;
    [
        (m[4] * m[8] - m[5] * m[7]) * d,
        (m[2] * m[7] - m[1] * m[8]) * d,
        (m[1] * m[5] - m[2] * m[4]) * d,
        (m[5] * m[6] - m[3] * m[8]) * d,
        (m[0] * m[8] - m[2] * m[6]) * d,
        (m[2] * m[3] - m[0] * m[5]) * d,
        (m[3] * m[7] - m[4] * m[6]) * d,
        (m[1] * m[6] - m[0] * m[7]) * d,
        (m[0] * m[4] - m[1] * m[3]) * d,
    ]
}

fn shot(rng: &mut Rng, idx: usize, dir: &std::path::Path) {
    let (fw, fh) = rng.pick(&[
        (960usize, 540usize),
        (1280, 720),
        (1920, 1080),
        (1024, 768),
        (2560, 1440),
        (3000, 4000),
        (1080, 1920),
    ]);
    let text = format!(
        "https://demo.trustlabel.dev/l/{}-{}",
        rng.pick(WORDS),
        rng.next() % 100_000
    );
    let ec = rng.pick(&[EcLevel::L, EcLevel::M, EcLevel::Q]);
    let code = QrCode::with_error_correction_level(text.as_bytes(), ec).unwrap();
    let ink = rng.pick(&[20u8, 40, 70, 100]);
    let (lw, lh, lab) = label(rng, &code, ink);
    let mut bg = background(rng, fw, fh);
    // Where the label lands: 30-80% of the short side, any rotation, strong tilt.
    let short = fw.min(fh) as f32;
    let size = short * rng.range(0.3, 0.8);
    let aspect = lh as f32 / lw as f32;
    let (sw, sh) = (size, size * aspect);
    let (cx, cy) = (
        rng.range(sw * 0.4, fw as f32 - sw * 0.4),
        rng.range(sh * 0.4, fh as f32 - sh * 0.4),
    );
    let angle = if rng.f() < 0.6 {
        rng.range(-0.35, 0.35)
    } else {
        rng.range(0.0, std::f32::consts::TAU)
    };
    let tilt = rng.range(0.0, 0.22);
    let (ca, sa) = (angle.cos(), angle.sin());
    let mut corners = [(-0.5f32, -0.5f32), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)];
    for c in corners.iter_mut() {
        let (jx, jy) = (rng.range(-tilt, tilt), rng.range(-tilt, tilt));
        let (x, y) = ((c.0 + jx * 0.5) * sw, (c.1 + jy * 0.5) * sh);
        *c = (cx + x * ca - y * sa, cy + x * sa + y * ca);
    }
    let inv = invert(&homography(corners));
    for y in 0..fh {
        for x in 0..fw {
            let (xf, yf) = (x as f64 + 0.5, y as f64 + 0.5);
            let d = inv[6] * xf + inv[7] * yf + inv[8];
            let u = (inv[0] * xf + inv[1] * yf + inv[2]) / d;
            let v = (inv[3] * xf + inv[4] * yf + inv[5]) / d;
            if (0.0..1.0).contains(&u) && (0.0..1.0).contains(&v) {
                let (lx, ly) = (u * lw as f64 - 0.5, v * lh as f64 - 0.5);
                let (x0, y0) = (lx.floor().max(0.0) as usize, ly.floor().max(0.0) as usize);
                let (x1, y1) = ((x0 + 1).min(lw - 1), (y0 + 1).min(lh - 1));
                let (fx, fy) = (
                    (lx - x0 as f64).clamp(0.0, 1.0),
                    (ly - y0 as f64).clamp(0.0, 1.0),
                );
                let p = |xx: usize, yy: usize| lab[yy * lw + xx] as f64;
                let val = p(x0, y0) * (1.0 - fx) * (1.0 - fy)
                    + p(x1, y0) * fx * (1.0 - fy)
                    + p(x0, y1) * (1.0 - fx) * fy
                    + p(x1, y1) * fx * fy;
                bg[y * fw + x] = val as f32;
            }
        }
    }
    // Light: gradient + vignette, then a hard shadow or a specular band.
    let (gx, gy) = (rng.range(-0.5, 0.5), rng.range(-0.5, 0.5));
    let base = rng.range(0.45, 1.05);
    let light = rng.next() % 3;
    let (sx, sy, so) = (
        rng.range(-1.0, 1.0),
        rng.range(-1.0, 1.0),
        rng.range(-0.3, 0.3),
    );
    for y in 0..fh {
        for x in 0..fw {
            let (u, v) = (x as f32 / fw as f32 - 0.5, y as f32 / fh as f32 - 0.5);
            let mut l = base * (1.0 + gx * u + gy * v) * (1.0 - 0.6 * (u * u + v * v));
            let side = sx * u + sy * v - so;
            match light {
                0 if side > 0.0 => l *= 0.55,
                1 if side.abs() < 0.04 => l = l.max(1.0) * 1.5,
                _ => {}
            }
            bg[y * fw + x] *= l;
        }
    }
    // Motion blur along a direction, or defocus (box).
    let blur = rng.next() % 3;
    let len = (rng.range(0.0, 5.0) * (fw as f32 / 1280.0).max(1.0)) as isize;
    if blur != 2 && len > 0 {
        let (dx, dy) = if blur == 0 { (1isize, 0isize) } else { (1, 1) };
        let src = bg.clone();
        for y in 0..fh as isize {
            for x in 0..fw as isize {
                let (mut s, mut n) = (0f32, 0f32);
                for t in -len / 2..=len / 2 {
                    let (xx, yy) = (x + t * dx, y + t * dy);
                    if xx >= 0 && yy >= 0 && xx < fw as isize && yy < fh as isize {
                        s += src[yy as usize * fw + xx as usize];
                        n += 1.0;
                    }
                }
                bg[y as usize * fw + x as usize] = s / n;
            }
        }
    }
    let sigma = rng.range(1.0, 9.0);
    let out: Vec<u8> = bg
        .iter()
        .map(|&v| {
            let noise = (rng.f() + rng.f() + rng.f() - 1.5) * sigma * 2.0;
            (v + noise).clamp(0.0, 255.0) as u8
        })
        .collect();
    let quality = 35 + (rng.next() % 56) as u8;
    let name = format!("scene-{idx:03}");
    let img = image::GrayImage::from_raw(fw as u32, fh as u32, out).unwrap();
    let mut jpg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpg, quality)
        .encode_image(&img)
        .unwrap();
    std::fs::write(dir.join(format!("{name}.jpg")), jpg).unwrap();
    std::fs::write(dir.join(format!("{name}.txt")), &text).unwrap();
    println!("{name}.jpg ({fw}x{fh}, q{quality}): {text}");
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|v| v.parse().ok()).expect("N");
    let dir = PathBuf::from(args.next().expect("DIR"));
    let mut seed = 1u64;
    while let Some(a) = args.next() {
        if a == "--seed" {
            seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(1);
        }
    }
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(0x5EED_0000_0000_0001 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    for i in 0..n {
        shot(&mut rng, i, &dir);
    }
}
