//! Synthetic camera streams for the session tests and benchmark: luma planes built from the
//! fixture label photos (`api-fixtures/label-photos`), with frames that show no code, blurred
//! or dark frames, and two labels side by side.

use std::path::PathBuf;

/// One camera frame's luma plane, as a phone hands it over (rows may be padded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub stride: u32,
    pub luma: Vec<u8>,
}

impl Frame {
    pub fn as_luma(&self) -> trustlabel_decode::LumaFrame<'_> {
        trustlabel_decode::LumaFrame {
            width: self.width,
            height: self.height,
            stride: self.stride,
            data: &self.luma,
        }
    }

    fn pixel(&self, x: u32, y: u32) -> u8 {
        self.luma[(y * self.stride + x) as usize]
    }

    fn from_fn(width: u32, height: u32, stride: u32, f: impl Fn(u32, u32) -> u8) -> Frame {
        let mut luma = vec![0u8; (stride * height) as usize];
        for y in 0..height {
            for x in 0..width {
                luma[(y * stride + x) as usize] = f(x, y);
            }
        }
        Frame {
            width,
            height,
            stride,
            luma,
        }
    }

    /// The same picture with each row padded to `stride` bytes (as CameraX does).
    pub fn with_stride(&self, stride: u32) -> Frame {
        assert!(stride >= self.width);
        Frame::from_fn(self.width, self.height, stride, |x, y| self.pixel(x, y))
    }

    /// Scaled (nearest neighbour) to exactly `width` x `height`, e.g. 1280x720.
    pub fn resized(&self, width: u32, height: u32) -> Frame {
        Frame::from_fn(width, height, width, |x, y| {
            self.pixel(x * self.width / width, y * self.height / height)
        })
    }

    /// The code inside `bounds` (its corners, as the decoder gives them) with everything but
    /// its three finder squares replaced by noise: a code-like pattern no decoder can read,
    /// like a label half in glare or smudged.
    pub fn with_code_damaged(&self, bounds: &[(f32, f32); 4]) -> Frame {
        let xs = bounds.iter().map(|p| p.0);
        let ys = bounds.iter().map(|p| p.1);
        let (x0, x1) = (xs.clone().fold(f32::MAX, f32::min), xs.fold(0.0, f32::max));
        let (y0, y1) = (ys.clone().fold(f32::MAX, f32::min), ys.fold(0.0, f32::max));
        let corner = 0.3;
        Frame::from_fn(self.width, self.height, self.stride, |x, y| {
            let (fx, fy) = (x as f32, y as f32);
            if fx < x0 || fx > x1 || fy < y0 || fy > y1 {
                return self.pixel(x, y);
            }
            let (u, v) = ((fx - x0) / (x1 - x0), (fy - y0) / (y1 - y0));
            let in_finder =
                (u < corner || u > 1.0 - corner) && v < corner || u < corner && v > 1.0 - corner;
            if in_finder {
                self.pixel(x, y)
            } else {
                // A fixed hash of the position: the same noise every run.
                let h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
                if (h >> 13) & 1 == 0 {
                    20
                } else {
                    235
                }
            }
        })
    }

    /// A box blur of the given radius, like a camera still focusing or moving.
    pub fn blurred(&self, radius: u32) -> Frame {
        let r = radius as i64;
        let (w, h) = (self.width as i64, self.height as i64);
        // Separable: rows, then columns.
        let mut rows = vec![0u8; (w * h) as usize];
        for y in 0..h {
            for x in 0..w {
                let (lo, hi) = ((x - r).max(0), (x + r).min(w - 1));
                let sum: u64 = (lo..=hi)
                    .map(|xx| self.pixel(xx as u32, y as u32) as u64)
                    .sum();
                rows[(y * w + x) as usize] = (sum / (hi - lo + 1) as u64) as u8;
            }
        }
        Frame::from_fn(self.width, self.height, self.width, |x, y| {
            let (x, y) = (x as i64, y as i64);
            let (lo, hi) = ((y - r).max(0), (y + r).min(h - 1));
            let sum: u64 = (lo..=hi).map(|yy| rows[(yy * w + x) as usize] as u64).sum();
            (sum / (hi - lo + 1) as u64) as u8
        })
    }

    /// Every pixel times `factor` (0.1: a dark room).
    pub fn darkened(&self, factor: f32) -> Frame {
        Frame::from_fn(self.width, self.height, self.stride, |x, y| {
            (self.pixel(x, y) as f32 * factor) as u8
        })
    }

    /// Two pictures side by side, on a white ground as tall as the taller one.
    pub fn beside(&self, other: &Frame) -> Frame {
        let width = self.width + other.width;
        let height = self.height.max(other.height);
        Frame::from_fn(width, height, width, |x, y| {
            if x < self.width {
                if y < self.height {
                    self.pixel(x, y)
                } else {
                    255
                }
            } else if y < other.height {
                other.pixel(x - self.width, y)
            } else {
                255
            }
        })
    }
}

/// A frame with no code: a soft grey gradient with a little noise, like a wall or a shelf.
pub fn empty_frame(width: u32, height: u32) -> Frame {
    let mut seed = 0x2545_f491_u32;
    let mut luma = Vec::with_capacity((width * height) as usize);
    for y in 0..height {
        for x in 0..width {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let base = 110 + (x * 40 / width) + (y * 30 / height);
            luma.push((base + (seed % 9)) as u8);
        }
    }
    Frame {
        width,
        height,
        stride: width,
        luma,
    }
}

pub fn label_photos_dir() -> PathBuf {
    crate::fixtures_dir().join("label-photos")
}

/// A fixture label photo (e.g. `frame-1280x720`) as a luma frame, and the QR text it holds.
pub fn label_photo(name: &str) -> (Frame, String) {
    let dir = label_photos_dir();
    let bytes = std::fs::read(dir.join(format!("{name}.jpg"))).expect("label photo");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("photo text");
    let image = image::load_from_memory(&bytes).expect("JPEG").to_luma8();
    let (width, height) = image.dimensions();
    let frame = Frame {
        width,
        height,
        stride: width,
        luma: image.into_raw(),
    };
    (frame, text.trim().to_owned())
}
