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
    pub fn as_luma(&self) -> trustlabel_core::decode::LumaFrame<'_> {
        trustlabel_core::decode::LumaFrame {
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
