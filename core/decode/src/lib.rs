//! QR decoding for label photos and camera frames.
//!
//! **zxing-cpp reads first** (the field's best open-source reader, through
//! its maintainers' Rust wrapper, built from `third_party/zxing-cpp`), after
//! a cheap look that ends frames with nothing finder-like. Our own stages and
//! [`rqrr`] run only on what it did not read:
//!
//! * **never panics** on any input: rqrr panics are contained with
//!   `catch_unwind` (and counted in [`DecodeStats::panics_contained`]);
//!   the default panic message for a contained panic is silenced by a hook
//!   that forwards every other panic to the previous hook;
//! * **bounded work**: frames are downscaled before detection; an image
//!   crowded with finder look-alikes (a wall of nested squares) gets no
//!   whole-image search that combines them (zxing-cpp's finder sets, rqrr's
//!   grouping): zxing-cpp reads only around triples our fast pass confirmed
//!   with their timing patterns; rqrr stages with too many finder-pattern
//!   candidates are skipped, and a stage is not started when its estimated
//!   work (pixel visits) does not fit [`DecodeOptions::work_budget`]: the
//!   same image takes the same stages on an idle or a busy machine;
//! * **our fast pass**, in the way of ZXing's detector (block
//!   binarization, 1:1:3:1:1 finder scan, perspective sampling, our own
//!   grid reader); frames where it sees nothing finder-like end there
//!   ([`DecodeOptions::early_exit`]);
//! * **retry stages**, each run only when the previous ones found nothing:
//!   rqrr at half size on large frames, with its own threshold,
//!   with local-mean adaptive thresholds (half size, unsharp-masked, 2x
//!   upscaled) (see the crate README for the order and what each stage
//!   measurably adds);
//! * grids that rqrr locates but cannot read are re-sampled from the grey
//!   image with a threshold of their own;
//! * **charsets**: payload bytes are decoded as UTF-8, then Shift_JIS, then
//!   Latin-1 (see [`Charset`]).
//!
//! Grids that rqrr locates are read by this crate's own QR reader first
//! (format, unmasking, Reed-Solomon, all segment modes but Hanzi), then by
//! rqrr's: rqrr rejects FNC1 (GS1) and structured-append headers and drops
//! ECI designators. So GS1 codes decode ([`Decoded::fnc1`], GS separators as
//! 0x1D) and an ECI charset is honoured; without ECI the charset is guessed.
//!
//! ```no_run
//! use trustlabel_decode::{decode_frame, DecodeOptions, LumaFrame};
//! # let (w, h, y_plane) = (640u32, 480u32, vec![255u8; 640 * 480]);
//! let frame = LumaFrame { width: w, height: h, stride: w, data: &y_plane };
//! for code in decode_frame(&frame, &DecodeOptions::default())? {
//!     println!("{}", code.text);
//! }
//! # Ok::<(), trustlabel_decode::DecodeError>(())
//! ```

#![warn(missing_docs)]

use std::time::{Duration, Instant};

mod charset;
mod engine;
mod fast;
mod geometry;
mod guard;
mod imgproc;
mod pipeline;
mod qr;
mod resample;
mod scanner;
mod zxing;

pub use scanner::{FrameScan, FrameScanner};

use engine::Found;
use imgproc::Gray;

/// An 8-bit luma plane, e.g. the Y plane of a CameraX `ImageProxy` or the
/// luma plane of a bi-planar `CVPixelBuffer`.
#[derive(Clone, Copy, Debug)]
pub struct LumaFrame<'a> {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Bytes from the start of one row to the next; `stride >= width`.
    pub stride: u32,
    /// At least `stride * (height - 1) + width` bytes.
    pub data: &'a [u8],
}

/// Tuning and limits for one decode call.
#[derive(Clone, Debug)]
pub struct DecodeOptions {
    /// Work allowed per call, in pixel visits (estimated per stage from its
    /// image size and finder candidates before it starts). A stage that does
    /// not fit is not started, so the answer does not depend on machine load.
    /// The fast pass always runs. Default ([`DecodeOptions::camera`]):
    /// 48 M, which keeps a 1080p frame of anything under 100 ms here;
    /// [`DecodeOptions::photo`]: 80 M.
    pub work_budget: u64,
    /// End the call after the fast pass when it saw fewer than two finder
    /// patterns (nothing a code could be made of): frames without a code
    /// then cost a few milliseconds. Default: true; `photo()`: false.
    pub early_exit: bool,
    /// Run the fast pass (ZXing-style detector and our sampler) first.
    /// Default: true; off only to exercise the retry stages alone.
    pub fast_pass: bool,
    /// Frames (or decoded images) with more pixels are rejected with
    /// [`DecodeError::ImageTooLarge`]. Default: 50 megapixels.
    pub max_pixels: u64,
    /// Long side of the image handed to detection; larger frames are
    /// box-downscaled first. Default: 1600.
    pub max_detect_side: u32,
    /// Working images whose long side exceeds this are first tried at half
    /// resolution (fast, and averaging removes sensor noise). Default: 800.
    pub half_first_above: u32,
    /// Images whose long side is at most this are also tried at 2x
    /// (small codes, or large low-version codes rqrr misses). Default: 1000.
    pub upscale_below: u32,
    /// Try the inverted image (light modules on dark; zxing-cpp's own
    /// inverted pass). Default: true.
    pub try_inverted: bool,
    /// At most this many grids are decoded per stage. Default: 16.
    pub max_codes: usize,
    /// A stage whose bitmap has more finder-pattern candidates than this is
    /// skipped (bounds rqrr's grouping work, which grows with the square of
    /// the candidates and copies the image for each pair). Default: 60, i.e.
    /// about a dozen codes plus false candidates in text.
    pub max_finder_candidates: usize,
    /// Silence the panic message of contained decoder panics. Default: true.
    pub silence_contained_panics: bool,
    /// Read with zxing-cpp first (after the cheap early exit), and run our
    /// own stages only when it read nothing. Default: true; off only to
    /// measure our stages alone.
    pub zxing_first: bool,
}

/// Pixel visits per camera frame (see [`DecodeOptions::work_budget`]).
const CAMERA_WORK: u64 = 48_000_000;
/// Pixel visits per photo. Visits cost about 1 ns each here on the slowest inputs, and a
/// 1080p photo must stay under 100 ms whatever it holds (`hostile-bench`): 96 M put
/// checkerboards at 85-100 ms on this shared machine, 80 M read the same tuning photos.
const PHOTO_WORK: u64 = 80_000_000;

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            work_budget: CAMERA_WORK,
            early_exit: true,
            fast_pass: true,
            max_pixels: 50_000_000,
            max_detect_side: 1600,
            half_first_above: 800,
            upscale_below: 1000,
            try_inverted: true,
            max_codes: 16,
            max_finder_candidates: 60,
            silence_contained_panics: true,
            zxing_first: true,
        }
    }
}

impl DecodeOptions {
    /// For live camera frames: the default budget per frame, and the early
    /// exit for frames with nothing finder-like (the next frame gets another
    /// chance).
    pub fn camera() -> Self {
        Self::default()
    }

    /// For a single photo or file (CLI, share sheet): a larger budget
    /// (80 M) and no early exit, so more retry stages get to run.
    pub fn photo() -> Self {
        DecodeOptions {
            work_budget: PHOTO_WORK,
            early_exit: false,
            ..Self::default()
        }
    }
}

/// How the payload bytes were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Charset {
    /// UTF-8 (also used for pure ASCII payloads).
    Utf8,
    /// Shift_JIS (kanji mode, or byte mode with Japanese text).
    ShiftJis,
    /// ISO-8859-1.
    Latin1,
    /// zxing-cpp decoded the text itself (e.g. from an ECI designator other
    /// than the three above); `raw` holds the payload bytes.
    Other,
}

/// Which decoder produced a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// rqrr (with this crate's binarization and re-sampling).
    Rqrr,
    /// zxing-cpp (its own reader and detector), which reads first.
    ZxingCpp,
}

/// One QR code found in a frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The payload as text.
    pub text: String,
    /// The payload bytes as stored in the symbol (kanji mode as Shift_JIS).
    pub raw: Vec<u8>,
    /// How `raw` was decoded into `text`.
    pub charset: Charset,
    /// Corners in frame pixels: top-left, top-right, bottom-right,
    /// bottom-left (approximate; axis-aligned box for the fallback engine).
    pub bounds: [(f32, f32); 4],
    /// QR version (1..=40); 0 when the engine does not report it.
    pub version: u8,
    /// FNC1 mode: GS1 data (FNC1 in first position) or an AIM application
    /// (second position). `text` then holds the element strings with GS
    /// (0x1D) separators.
    pub fnc1: bool,
    /// Decoder that read it.
    pub engine: Engine,
}

/// What happened during one call, for diagnostics and benchmarks.
#[derive(Clone, Debug, Default)]
pub struct DecodeStats {
    /// Panics raised inside a decoder and contained.
    pub panics_contained: u32,
    /// Stages run (each stage is one binarization + detection pass).
    pub stages_run: u32,
    /// Name of the stage that found the codes, if any.
    pub hit_stage: Option<&'static str>,
    /// Stages skipped because the bitmap looked like noise.
    pub stages_skipped_noisy: u32,
    /// Largest count of finder-pattern candidates seen in a stage's bitmap
    /// (compare with [`DecodeOptions::max_finder_candidates`]).
    pub max_finder_candidates_seen: u32,
    /// Some stages were not run because they did not fit the work budget.
    pub budget_exhausted: bool,
    /// Work done, in pixel visits (see [`DecodeOptions::work_budget`]);
    /// deterministic for a given image and options. Includes `zxing_work`.
    pub work: u64,
    /// The part of `work` charged to zxing-cpp (a fixed charge per pixel of
    /// the image it read, on top of `work_budget`, which is for our own stages).
    pub zxing_work: u64,
    /// Finder-pattern candidates the fast pass confirmed (capped at 48).
    pub finder_candidates: u32,
    /// Width in frame pixels of the widest code two of those candidates could
    /// span; 0 with fewer than two (see the frame scanner's
    /// `largest_code_fraction`).
    pub candidate_code_width: f32,
    /// Finder triples the fast pass sampled and tried to read.
    pub triples_tried: u32,
    /// Of those, the triples that fit one code with its timing patterns
    /// between the finders: a code is really in view (read or not). A wall of
    /// finder look-alikes gives none, so guidance must rest on this, not on
    /// [`DecodeStats::finder_candidates`].
    pub timing_triples: u32,
    /// The call ended after the fast pass: nothing finder-like.
    pub early_exit: bool,
    /// The image counted as crowded with finder look-alikes (a wall of nested
    /// squares, tiles, fabric, a screen's moire): rqrr did not run and
    /// zxing-cpp's finder search was capped.
    pub crowded: bool,
    /// A panic in this crate's own code was contained (a bug; always
    /// false in a correct build, which the tests check).
    pub internal_panic: bool,
    /// Grids located but not decodable, over all stages.
    pub undecoded_grids: u32,
    /// Wall time of the call (for benchmarks; no decision depends on it).
    pub elapsed: Duration,
}

/// Codes plus statistics.
#[derive(Clone, Debug, Default)]
pub struct DecodeOutcome {
    /// Every QR code found, in reading order.
    pub codes: Vec<Decoded>,
    /// What the call did.
    pub stats: DecodeStats,
}

/// Errors of the decode calls. "No code found" is not an error (empty Vec).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The frame description does not match its buffer.
    #[error("invalid frame {width}x{height} stride {stride} ({len} bytes): {reason}")]
    InvalidFrame {
        /// `LumaFrame::width` as given.
        width: u32,
        /// `LumaFrame::height` as given.
        height: u32,
        /// `LumaFrame::stride` as given.
        stride: u32,
        /// Length of `LumaFrame::data`.
        len: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// The frame or image has more pixels than [`DecodeOptions::max_pixels`].
    #[error("image {width}x{height} is larger than the limit of {max_pixels} pixels")]
    ImageTooLarge {
        /// Width of the frame or image.
        width: u64,
        /// Height of the frame or image.
        height: u64,
        /// The limit in force ([`DecodeOptions::max_pixels`]).
        max_pixels: u64,
    },
    /// Not a PNG, JPEG or WebP image.
    #[error("unsupported image format: {0}")]
    UnsupportedImage(String),
    /// A PNG/JPEG/WebP that could not be decoded (truncated, corrupt).
    #[error("corrupt image: {0}")]
    CorruptImage(String),
}

pub(crate) fn validate(frame: &LumaFrame, opts: &DecodeOptions) -> Result<(), DecodeError> {
    let bad = |reason| DecodeError::InvalidFrame {
        width: frame.width,
        height: frame.height,
        stride: frame.stride,
        len: frame.data.len(),
        reason,
    };
    if frame.width == 0 || frame.height == 0 {
        return Err(bad("zero width or height"));
    }
    if frame.stride < frame.width {
        return Err(bad("stride is smaller than width"));
    }
    let pixels = frame.width as u64 * frame.height as u64;
    if pixels > opts.max_pixels {
        return Err(DecodeError::ImageTooLarge {
            width: frame.width as u64,
            height: frame.height as u64,
            max_pixels: opts.max_pixels,
        });
    }
    let need = frame.stride as u64 * (frame.height as u64 - 1) + frame.width as u64;
    if (frame.data.len() as u64) < need {
        return Err(bad("buffer shorter than stride * (height - 1) + width"));
    }
    Ok(())
}

/// Decode every QR code in a luma frame, in reading order (top to bottom,
/// left to right). An empty Vec means no code was found.
pub fn decode_frame(frame: &LumaFrame, opts: &DecodeOptions) -> Result<Vec<Decoded>, DecodeError> {
    decode_frame_with_stats(frame, opts).map(|o| o.codes)
}

/// [`decode_frame`], also returning what the call did.
pub fn decode_frame_with_stats(
    frame: &LumaFrame,
    opts: &DecodeOptions,
) -> Result<DecodeOutcome, DecodeError> {
    let start = Instant::now();
    validate(frame, opts)?;
    let gray = Gray::from_strided(
        frame.width as usize,
        frame.height as usize,
        frame.stride as usize,
        frame.data,
    );
    Ok(run_guarded(gray, opts, start))
}

/// Decode every QR code in a PNG, JPEG or WebP image, in reading order.
pub fn decode_image_bytes(bytes: &[u8], opts: &DecodeOptions) -> Result<Vec<Decoded>, DecodeError> {
    decode_image_bytes_with_stats(bytes, opts).map(|o| o.codes)
}

/// [`decode_image_bytes`], also returning what the call did. The work budget
/// covers detection only, not image decoding (which is included in
/// `stats.elapsed`).
pub fn decode_image_bytes_with_stats(
    bytes: &[u8],
    opts: &DecodeOptions,
) -> Result<DecodeOutcome, DecodeError> {
    let start = Instant::now();
    let gray = load_image(bytes, opts)?;
    let mut out = run_guarded(gray, opts, Instant::now());
    out.stats.elapsed = start.elapsed();
    Ok(out)
}

fn load_image(bytes: &[u8], opts: &DecodeOptions) -> Result<Gray, DecodeError> {
    use image::ImageFormat;
    let format = image::guess_format(bytes)
        .map_err(|_| DecodeError::UnsupportedImage("not a PNG, JPEG or WebP image".into()))?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(DecodeError::UnsupportedImage(format!(
            "{format:?} (only PNG, JPEG and WebP are supported)"
        )));
    }
    let reader = || {
        let mut r = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
        let mut limits = image::Limits::default();
        // Luma8 output plus decoder scratch (RGBA at worst).
        limits.max_alloc = Some(opts.max_pixels.saturating_mul(4).max(1 << 20));
        r.limits(limits);
        r
    };
    // Header first, so that a huge image is rejected before allocating.
    let (w, h) = guard::contain(opts.silence_contained_panics, || reader().into_dimensions())
        .ok_or_else(|| DecodeError::CorruptImage("image decoder panicked".into()))?
        .map_err(|e| DecodeError::CorruptImage(e.to_string()))?;
    if w as u64 * h as u64 > opts.max_pixels {
        return Err(DecodeError::ImageTooLarge {
            width: w as u64,
            height: h as u64,
            max_pixels: opts.max_pixels,
        });
    }
    if w == 0 || h == 0 {
        return Err(DecodeError::CorruptImage("zero-sized image".into()));
    }
    let img = guard::contain(opts.silence_contained_panics, || reader().decode())
        .ok_or_else(|| DecodeError::CorruptImage("image decoder panicked".into()))?
        .map_err(|e| match e {
            image::ImageError::Limits(_) => DecodeError::ImageTooLarge {
                width: w as u64,
                height: h as u64,
                max_pixels: opts.max_pixels,
            },
            image::ImageError::Unsupported(u) => DecodeError::UnsupportedImage(u.to_string()),
            other => DecodeError::CorruptImage(other.to_string()),
        })?;
    let luma = img.into_luma8();
    let (w, h) = (luma.width() as usize, luma.height() as usize);
    Ok(Gray {
        w,
        h,
        data: luma.into_raw(),
    })
}

/// Last line of defence: a panic in this crate's own code (a bug) must not
/// take the app down either. Not silenced, so such bugs stay visible.
fn run_guarded(gray: Gray, opts: &DecodeOptions, start: Instant) -> DecodeOutcome {
    let (codes, mut stats) = guard::contain(false, || {
        let (found, stats) = pipeline::run(gray, opts);
        (finish(found), stats)
    })
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
    stats.elapsed = start.elapsed();
    DecodeOutcome { codes, stats }
}

fn center(b: &[(f32, f32); 4]) -> (f32, f32) {
    let x = b.iter().map(|p| p.0).sum::<f32>() / 4.0;
    let y = b.iter().map(|p| p.1).sum::<f32>() / 4.0;
    (x, y)
}

fn extent(b: &[(f32, f32); 4]) -> f32 {
    let (minx, maxx) = b.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| {
        (lo.min(p.0), hi.max(p.0))
    });
    let (miny, maxy) = b.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| {
        (lo.min(p.1), hi.max(p.1))
    });
    (maxx - minx).max(maxy - miny).max(1.0)
}

/// Charset decoding, de-duplication and reading order.
pub(crate) fn finish(found: Vec<Found>) -> Vec<Decoded> {
    let mut codes: Vec<Decoded> = Vec::new();
    for f in found {
        let (text, charset) = match (f.text, f.charset) {
            // Charset fixed by an ECI designator.
            (Some(t), Some(c)) => (t, c),
            // Text decoded by zxing-cpp (its ECI or its own guess).
            (Some(t), None) => {
                let guess = charset::decode_text(&f.raw);
                if guess.0 == t {
                    (t, guess.1)
                } else {
                    let named = charset::naming(&f.raw, &t);
                    (t, named)
                }
            }
            (None, _) => charset::decode_text(&f.raw),
        };
        let c = center(&f.bounds);
        let dup = codes.iter().any(|d| {
            let dc = center(&d.bounds);
            d.raw == f.raw && (dc.0 - c.0).hypot(dc.1 - c.1) < extent(&d.bounds) / 2.0
        });
        if dup {
            continue;
        }
        codes.push(Decoded {
            text,
            raw: f.raw,
            charset,
            bounds: f.bounds,
            version: f.version,
            fnc1: f.fnc1,
            engine: f.engine,
        });
    }
    reading_order(&mut codes);
    codes
}

/// Top-to-bottom rows, left-to-right within a row. Two codes share a row when
/// their centres differ vertically by less than half the row's first code.
fn reading_order(codes: &mut [Decoded]) {
    codes.sort_by(|a, b| center(&a.bounds).1.total_cmp(&center(&b.bounds).1));
    let mut i = 0;
    while i < codes.len() {
        let y0 = center(&codes[i].bounds).1;
        let tol = extent(&codes[i].bounds) / 2.0;
        let mut j = i + 1;
        while j < codes.len() && center(&codes[j].bounds).1 - y0 < tol {
            j += 1;
        }
        codes[i..j].sort_by(|a, b| center(&a.bounds).0.total_cmp(&center(&b.bounds).0));
        i = j;
    }
}
