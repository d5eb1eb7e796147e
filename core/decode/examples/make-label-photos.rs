//! Generate synthetic "photos" of Cyber Trust Mark labels with known QR text.
//!
//! ```text
//! cargo run --release -p trustlabel-decode --example make-label-photos [-- OUT_DIR]
//! ```
//!
//! OUT_DIR defaults to `api-fixtures/label-photos` at the repository root.
//! Writes `<name>.jpg` + `<name>.txt` (exact expected text, no newline).
//! Fully deterministic: fixed seeds, no system randomness, no fonts.
//! The label is drawn as a white card with a border, a shield mark, bars
//! standing in for text, and the QR code (ECC level M) on the right; it is
//! then placed in a scene with a perspective warp and degraded (blur, glare,
//! low light, sensor noise, JPEG compression).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test and tool code: a failure should stop with its message"
)]

use std::path::PathBuf;

use image::{codecs::jpeg::JpegEncoder, ExtendedColorType};
use qrcode::{Color, EcLevel, QrCode};

/// xorshift64*: small, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    /// Approximately normal (Irwin–Hall, 4 terms), mean 0, sd 1.
    fn normal(&mut self) -> f32 {
        let s: f32 = (0..4).map(|_| self.unit()).sum();
        (s - 2.0) * (3.0f32).sqrt()
    }
}

/// Grey image with float pixels in 0..=255.
#[derive(Clone)]
struct Img {
    w: usize,
    h: usize,
    p: Vec<f32>,
}

impl Img {
    fn new(w: usize, h: usize, v: f32) -> Img {
        Img {
            w,
            h,
            p: vec![v; w * h],
        }
    }
    fn fill_rect(&mut self, x0: usize, y0: usize, x1: usize, y1: usize, v: f32) {
        for y in y0..y1.min(self.h) {
            for x in x0..x1.min(self.w) {
                self.p[y * self.w + x] = v;
            }
        }
    }
    fn sample(&self, x: f32, y: f32) -> Option<f32> {
        if x < 0.0 || y < 0.0 || x > (self.w - 1) as f32 || y > (self.h - 1) as f32 {
            return None;
        }
        let x0 = x.floor() as usize;
        let y0 = y.floor() as usize;
        let x1 = (x0 + 1).min(self.w - 1);
        let y1 = (y0 + 1).min(self.h - 1);
        let fx = x - x0 as f32;
        let fy = y - y0 as f32;
        let g = |xx: usize, yy: usize| self.p[yy * self.w + xx];
        Some(
            (g(x0, y0) * (1.0 - fx) + g(x1, y0) * fx) * (1.0 - fy)
                + (g(x0, y1) * (1.0 - fx) + g(x1, y1) * fx) * fy,
        )
    }
    /// Three box blurs of radius r ~ a Gaussian.
    fn blur(&mut self, r: usize) {
        if r == 0 {
            return;
        }
        for _ in 0..3 {
            self.box_h(r);
            self.transpose();
            self.box_h(r);
            self.transpose();
        }
    }
    fn box_h(&mut self, r: usize) {
        let w = self.w;
        let mut row = vec![0f32; w];
        for y in 0..self.h {
            let src = &self.p[y * w..y * w + w];
            let mut acc = 0f32;
            let n = (2 * r + 1) as f32;
            for i in 0..=2 * r {
                acc += src[i.saturating_sub(r).min(w - 1)];
            }
            for (x, out) in row.iter_mut().enumerate() {
                *out = acc / n;
                let add = (x + r + 1).min(w - 1);
                let sub = x.saturating_sub(r);
                acc += src[add] - src[sub];
            }
            self.p[y * w..y * w + w].copy_from_slice(&row);
        }
    }
    fn transpose(&mut self) {
        let mut t = vec![0f32; self.w * self.h];
        for y in 0..self.h {
            for x in 0..self.w {
                t[x * self.h + y] = self.p[y * self.w + x];
            }
        }
        std::mem::swap(&mut self.w, &mut self.h);
        self.p = t;
    }
}

/// The label artwork, `scale` pixels per QR module.
fn render_label(url: &str, scale: usize) -> Img {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).expect("url fits");
    let n = code.width();
    let colors = code.to_colors();
    let qr_px = (n + 8) * scale; // 4-module quiet zone each side
    let h = qr_px + 4 * scale;
    let w = h * 8 / 5;
    let mut img = Img::new(w, h, 245.0);
    // Border.
    let b = scale.max(3);
    img.fill_rect(0, 0, w, b, 30.0);
    img.fill_rect(0, h - b, w, h, 30.0);
    img.fill_rect(0, 0, b, h, 30.0);
    img.fill_rect(w - b, 0, w, h, 30.0);
    // Shield mark: a filled pentagon-ish shape with a light check.
    let sx = w / 14;
    let sy = h / 6;
    let sw = w / 5;
    let sh = h / 3;
    for y in sy..sy + sh {
        let t = (y - sy) as f32 / sh as f32;
        let half = if t < 0.6 {
            sw as f32 / 2.0
        } else {
            sw as f32 / 2.0 * (1.0 - (t - 0.6) / 0.4)
        };
        let cx = (sx + sw / 2) as f32;
        for x in (cx - half) as usize..(cx + half) as usize {
            img.p[y * w + x] = 40.0;
        }
    }
    // Bars standing in for the "U.S. Cyber Trust Mark" text.
    for i in 0..4 {
        let y = sy + sh + h / 12 + i * h / 14;
        let len = [w / 3, w / 4, w * 2 / 7, w / 5][i];
        img.fill_rect(sx, y, sx + len, y + h / 40 + 2, 60.0);
    }
    // QR on the right.
    let qx = w - qr_px - 2 * scale;
    let qy = 2 * scale;
    img.fill_rect(qx, qy, qx + qr_px, qy + qr_px, 255.0);
    for my in 0..n {
        for mx in 0..n {
            if colors[my * n + mx] == Color::Dark {
                let x0 = qx + (mx + 4) * scale;
                let y0 = qy + (my + 4) * scale;
                img.fill_rect(x0, y0, x0 + scale, y0 + scale, 20.0);
            }
        }
    }
    img
}

/// 3x3 homography mapping the unit square corners (0,0),(1,0),(1,1),(0,1)
/// to `q`.
fn square_to_quad(q: [(f32, f32); 4]) -> [f32; 9] {
    let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = q.map(|(a, b)| (a as f64, b as f64));
    let dx1 = x1 - x2;
    let dx2 = x3 - x2;
    let dx3 = x0 - x1 + x2 - x3;
    let dy1 = y1 - y2;
    let dy2 = y3 - y2;
    let dy3 = y0 - y1 + y2 - y3;
    let den = dx1 * dy2 - dx2 * dy1;
    let g = (dx3 * dy2 - dx2 * dy3) / den;
    let h = (dx1 * dy3 - dx3 * dy1) / den;
    [
        x1 - x0 + g * x1,
        x3 - x0 + h * x3,
        x0,
        y1 - y0 + g * y1,
        y3 - y0 + h * y3,
        y0,
        g,
        h,
        1.0,
    ]
    .map(|v| v as f32)
}

fn invert3(m: [f32; 9]) -> [f32; 9] {
    let m = m.map(|v| v as f64);
    let det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
        + m[2] * (m[3] * m[7] - m[4] * m[6]);
    let inv = [
        (m[4] * m[8] - m[5] * m[7]) / det,
        (m[2] * m[7] - m[1] * m[8]) / det,
        (m[1] * m[5] - m[2] * m[4]) / det,
        (m[5] * m[6] - m[3] * m[8]) / det,
        (m[0] * m[8] - m[2] * m[6]) / det,
        (m[2] * m[3] - m[0] * m[5]) / det,
        (m[3] * m[7] - m[4] * m[6]) / det,
        (m[1] * m[6] - m[0] * m[7]) / det,
        (m[0] * m[4] - m[1] * m[3]) / det,
    ];
    inv.map(|v| v as f32)
}

struct Shot {
    name: &'static str,
    slug: &'static str,
    size: (usize, usize),
    /// Label corners in the scene, as fractions of the scene size.
    quad: [(f32, f32); 4],
    /// Cylinder bend: horizontal sag of the middle, in fractions of height.
    curve: f32,
    blur: usize,
    glare: f32,
    light: f32,
    noise: f32,
    quality: u8,
    seed: u64,
}

fn photograph(label: &Img, s: &Shot) -> Img {
    let (w, h) = s.size;
    let mut rng = Rng(s.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    // Scene: a desk-like gradient with faint texture.
    let mut scene = Img::new(w, h, 0.0);
    let (gx, gy) = (rng.unit() - 0.5, rng.unit() - 0.5);
    for y in 0..h {
        for x in 0..w {
            let u = x as f32 / w as f32 - 0.5;
            let v = y as f32 / h as f32 - 0.5;
            let stripe = ((x as f32 * 0.013 + y as f32 * 0.002).sin() * 6.0).round();
            scene.p[y * w + x] = 120.0 + 60.0 * (gx * u + gy * v) + stripe;
        }
    }
    let quad = s.quad.map(|(a, b)| (a * w as f32, b * h as f32));
    let hm = invert3(square_to_quad(quad));
    let (minx, maxx) = quad
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (miny, maxy) = quad
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let qh = maxy - miny;
    let ss = 3; // supersampling per axis
    for y in (miny.max(0.0) as usize)..(maxy.ceil() as usize).min(h) {
        for x in (minx.max(0.0) as usize)..(maxx.ceil() as usize).min(w) {
            let mut acc = 0.0;
            let mut hits = 0;
            for sy in 0..ss {
                for sx in 0..ss {
                    let px = x as f32 + (sx as f32 + 0.5) / ss as f32;
                    let mut py = y as f32 + (sy as f32 + 0.5) / ss as f32;
                    if s.curve != 0.0 {
                        // Bend: rows sag towards the middle of the label.
                        let t = ((px - minx) / (maxx - minx)).clamp(0.0, 1.0);
                        py -= s.curve * qh * (1.0 - (2.0 * t - 1.0).powi(2));
                    }
                    let den = hm[6] * px + hm[7] * py + hm[8];
                    let u = (hm[0] * px + hm[1] * py + hm[2]) / den;
                    let v = (hm[3] * px + hm[4] * py + hm[5]) / den;
                    if (0.0..1.0).contains(&u) && (0.0..1.0).contains(&v) {
                        if let Some(l) =
                            label.sample(u * (label.w - 1) as f32, v * (label.h - 1) as f32)
                        {
                            acc += l;
                            hits += 1;
                        }
                    }
                }
            }
            if hits > 0 {
                let n = (ss * ss) as f32;
                let bg = scene.p[y * w + x];
                scene.p[y * w + x] = (acc + bg * (n - hits as f32)) / n;
            }
        }
    }
    scene.blur(s.blur);
    // Lighting: vignette + overall level.
    for y in 0..h {
        for x in 0..w {
            let u = x as f32 / w as f32 - 0.5;
            let v = y as f32 / h as f32 - 0.5;
            let vig = 1.0 - 0.35 * (u * u + v * v);
            scene.p[y * w + x] *= vig * s.light;
        }
    }
    if s.glare > 0.0 {
        // A specular blob over part of the label.
        let cx = (quad[0].0 + quad[2].0) / 2.0 + (rng.unit() - 0.3) * (maxx - minx) * 0.3;
        let cy = (quad[0].1 + quad[2].1) / 2.0 + (rng.unit() - 0.5) * qh * 0.3;
        let sig = (maxx - minx) * 0.12;
        for y in 0..h {
            for x in 0..w {
                let d2 = (x as f32 - cx).powi(2) + (y as f32 - cy).powi(2);
                let g = s.glare * (-d2 / (2.0 * sig * sig)).exp();
                let p = &mut scene.p[y * w + x];
                *p += g * (255.0 - *p);
            }
        }
    }
    if s.noise > 0.0 {
        for p in scene.p.iter_mut() {
            *p += rng.normal() * s.noise;
        }
    }
    scene
}

fn shots() -> Vec<Shot> {
    let rect = |x0: f32, y0: f32, x1: f32, y1: f32| [(x0, y0), (x1, y0), (x1, y1), (x0, y1)];
    let base = Shot {
        name: "",
        slug: "",
        size: (640, 480),
        quad: rect(0.15, 0.2, 0.85, 0.8),
        curve: 0.0,
        blur: 0,
        glare: 0.0,
        light: 1.0,
        noise: 2.0,
        quality: 85,
        seed: 1,
    };
    vec![
        Shot {
            name: "straight-480x360",
            slug: "ringwraith-2000",
            size: (480, 360),
            quad: rect(0.08, 0.15, 0.92, 0.85),
            seed: 1,
            ..base
        },
        Shot {
            name: "tilt-640x480",
            slug: "palantir-cam",
            quad: [(0.12, 0.22), (0.86, 0.12), (0.92, 0.90), (0.08, 0.78)],
            seed: 2,
            ..base
        },
        Shot {
            name: "rotated-800x600",
            slug: "mithril-plug",
            size: (800, 600),
            quad: [(0.35, 0.08), (0.88, 0.42), (0.62, 0.94), (0.10, 0.58)],
            seed: 3,
            ..base
        },
        Shot {
            name: "blur-800x600",
            slug: "hearth-thermostat",
            size: (800, 600),
            quad: rect(0.1, 0.15, 0.9, 0.85),
            blur: 2,
            seed: 4,
            ..base
        },
        Shot {
            name: "glare-1024x768",
            slug: "entwife-monitor",
            size: (1024, 768),
            quad: [(0.14, 0.18), (0.88, 0.2), (0.86, 0.82), (0.12, 0.80)],
            glare: 0.75,
            seed: 5,
            ..base
        },
        Shot {
            name: "lowlight-1280x960",
            slug: "beacon-smoke-alarm",
            size: (1280, 960),
            quad: [(0.2, 0.25), (0.8, 0.22), (0.82, 0.78), (0.18, 0.76)],
            light: 0.22,
            noise: 5.0,
            quality: 80,
            seed: 6,
            ..base
        },
        Shot {
            name: "jpeg-q20-1600x1200",
            slug: "gwaihir-vacuum",
            size: (1600, 1200),
            quad: rect(0.25, 0.3, 0.75, 0.7),
            quality: 20,
            blur: 1,
            seed: 7,
            ..base
        },
        Shot {
            name: "curved-1024x768",
            slug: "lorien-speaker",
            size: (1024, 768),
            quad: rect(0.12, 0.2, 0.88, 0.8),
            curve: 0.04,
            seed: 8,
            ..base
        },
        Shot {
            name: "far-4032x3024",
            slug: "isengard-floodlight",
            size: (4032, 3024),
            quad: [(0.40, 0.42), (0.62, 0.41), (0.63, 0.60), (0.40, 0.61)],
            blur: 2,
            noise: 1.5,
            quality: 70,
            seed: 9,
            ..base
        },
        Shot {
            name: "heavy-blur-1024x768",
            slug: "phial-bulb",
            size: (1024, 768),
            quad: rect(0.2, 0.25, 0.8, 0.75),
            blur: 4,
            seed: 11,
            ..base
        },
        Shot {
            name: "steep-tilt-1280x960",
            slug: "black-gate-garage",
            size: (1280, 960),
            quad: [(0.18, 0.30), (0.92, 0.08), (0.90, 0.95), (0.20, 0.68)],
            seed: 12,
            ..base
        },
        Shot {
            name: "strong-glare-800x600",
            slug: "no-such-product",
            size: (800, 600),
            quad: rect(0.1, 0.15, 0.9, 0.85),
            glare: 0.95,
            seed: 13,
            ..base
        },
        Shot {
            name: "tiny-1920x1080",
            slug: "bree-contact-sensor",
            size: (1920, 1080),
            quad: [(0.55, 0.62), (0.68, 0.61), (0.685, 0.75), (0.552, 0.76)],
            noise: 2.5,
            quality: 80,
            seed: 14,
            ..base
        },
        Shot {
            name: "strong-curve-1024x768",
            slug: "durin-lock",
            size: (1024, 768),
            quad: rect(0.1, 0.2, 0.9, 0.8),
            curve: 0.09,
            blur: 1,
            seed: 15,
            ..base
        },
        Shot {
            name: "dark-noisy-640x480",
            slug: "bad-forged-signature",
            quad: [(0.1, 0.12), (0.9, 0.16), (0.88, 0.86), (0.12, 0.9)],
            light: 0.12,
            noise: 7.0,
            quality: 75,
            seed: 16,
            ..base
        },
        Shot {
            name: "frame-1280x720",
            slug: "morgul-camera",
            size: (1280, 720),
            quad: [(0.30, 0.22), (0.72, 0.24), (0.71, 0.80), (0.29, 0.78)],
            blur: 1,
            noise: 3.0,
            quality: 80,
            seed: 10,
            ..base
        },
    ]
}

/// `--stress N [DIR] [--seed S]`: N random shots, harder on average, for
/// measuring rather than committing. Severity, layout (size, position,
/// scale, tilt, rotation) and the URL all come from seed `S` (default 0, the
/// shots of earlier sessions), so that disjoint seed ranges give disjoint
/// sets: tune on one, report on another.
fn stress_shots(n: usize, seed: u64) -> Vec<Shot> {
    let slugs: &[&'static str] = &[
        "ringwraith-2000",
        "palantir-cam",
        "mithril-plug",
        "hearth-thermostat",
        "entwife-monitor",
        "beacon-smoke-alarm",
        "gwaihir-vacuum",
        "lorien-speaker",
    ];
    let sizes = [(640, 480), (1280, 720), (1280, 960), (1920, 1080)];
    let more_sizes = [(480, 360), (800, 600), (1600, 1200), (4032, 3024)];
    let mut rng = Rng(0xC0FF_EE00_D00D_F00D ^ seed.wrapping_mul(0x2545_F491_4F6C_DD1D));
    (0..n)
        .map(|i| {
            let size = if seed != 0 && rng.unit() < 0.3 {
                more_sizes[(rng.next() % more_sizes.len() as u64) as usize]
            } else {
                sizes[(rng.next() % sizes.len() as u64) as usize]
            };
            let scale = 0.25 + rng.unit() * 0.5; // label width / frame width
            let cx = 0.3 + rng.unit() * 0.4;
            let cy = 0.3 + rng.unit() * 0.4;
            let aspect = size.0 as f32 / size.1 as f32;
            let hw = scale / 2.0;
            let hh = hw * aspect * 5.0 / 8.0;
            // Rotation (seeded sets only): mostly small, sometimes any angle.
            let angle = if seed == 0 {
                0.0
            } else if rng.unit() < 0.25 {
                (rng.unit() - 0.5) * std::f32::consts::TAU
            } else {
                (rng.unit() - 0.5) * 0.5
            };
            let mut j = || (rng.unit() - 0.5) * 0.35 * hw;
            let (sn, cs) = angle.sin_cos();
            // Rotate in pixel space (the frame is not square).
            let rot = |dx: f32, dy: f32| {
                let (px, py) = (dx * aspect, dy);
                (cx + (px * cs - py * sn) / aspect, cy + (px * sn + py * cs))
            };
            let corners = [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)];
            let quad = corners.map(|(dx, dy)| {
                let (x, y) = rot(dx, dy);
                (x + j(), y + j())
            });
            Shot {
                name: Box::leak(
                    if seed == 0 {
                        format!("stress-{i:03}")
                    } else {
                        format!("s{seed}-{i:03}")
                    }
                    .into_boxed_str(),
                ),
                slug: slugs[i % slugs.len()],
                size,
                quad,
                curve: if rng.unit() < 0.4 {
                    rng.unit() * 0.1
                } else {
                    0.0
                },
                blur: (rng.next() % 4) as usize,
                glare: if rng.unit() < 0.3 {
                    0.5 + rng.unit() * 0.45
                } else {
                    0.0
                },
                light: if rng.unit() < 0.3 {
                    0.15 + rng.unit() * 0.4
                } else {
                    1.0
                },
                noise: 1.0 + rng.unit() * 6.0,
                quality: 30 + (rng.next() % 60) as u8,
                seed: if seed == 0 {
                    1000 + i as u64
                } else {
                    seed * 100_000 + i as u64
                },
            }
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (shots, out) = if args.first().map(String::as_str) == Some("--stress") {
        let n = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(40);
        let out = args
            .get(2)
            .filter(|a| !a.starts_with("--"))
            .map(PathBuf::from);
        let seed = args
            .iter()
            .position(|a| a == "--seed")
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        (
            stress_shots(n, seed),
            out.unwrap_or_else(|| PathBuf::from("/tmp/label-stress")),
        )
    } else {
        let out = args.first().map(PathBuf::from).unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../api-fixtures/label-photos")
        });
        (shots(), out)
    };
    std::fs::create_dir_all(&out)?;
    for s in shots {
        let url = format!("https://demo.trustlabel.dev/l/{}", s.slug);
        let label = render_label(&url, 8);
        let scene = photograph(&label, &s);
        // Warm light: tint the grey scene into RGB.
        let mut rgb = Vec::with_capacity(scene.w * scene.h * 3);
        for &p in &scene.p {
            let v = p.clamp(0.0, 255.0);
            rgb.push((v * 1.0).min(255.0) as u8);
            rgb.push((v * 0.96).min(255.0) as u8);
            rgb.push((v * 0.88).min(255.0) as u8);
        }
        let path = out.join(format!("{}.jpg", s.name));
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        JpegEncoder::new_with_quality(&mut f, s.quality).encode(
            &rgb,
            scene.w as u32,
            scene.h as u32,
            ExtendedColorType::Rgb8,
        )?;
        std::fs::write(out.join(format!("{}.txt", s.name)), &url)?;
        println!("{} ({}x{}): {url}", path.display(), scene.w, scene.h);
    }
    Ok(())
}
