//! What the session needs from one camera frame, and the guidance it gives when a code is in
//! view but cannot be read yet.
//!
//! `FrameDecoder::scan` is the one place that calls the decoder (its `FrameScanner`, which
//! spreads retry stages over frames and looks first where a code was). The decoder cannot
//! tell how large an unread code is, so `largest_code_fraction` only covers codes that were
//! read, and `MoveCloser` is given only when that is known.

use crate::decode::{self, DecodeError, DecodeOptions, DecodeStats, Decoded, LumaFrame};

/// One frame's decode, as the session uses it.
#[derive(Debug, Clone, Default)]
pub struct FrameScan {
    /// The codes read, in reading order.
    pub codes: Vec<Decoded>,
    /// Finder-pattern candidates (the three corner squares of a QR code) in the busiest stage.
    pub finder_candidates: usize,
    /// Average brightness, 0 (black) to 255.
    pub mean_luma: u8,
    /// Share of the frame's area covered by the largest code found, 0.0 to 1.0.
    pub largest_code_fraction: f32,
    /// What the decoder did on this frame (passes, timings), for the benchmarks.
    pub stats: DecodeStats,
}

/// The decoder's state between frames: where codes were seen lately (looked at first in the
/// next frame) and which retry stage runs next (one per frame, so no frame pays for all).
#[derive(Debug)]
pub(crate) struct FrameDecoder {
    scanner: decode::FrameScanner,
}

impl FrameDecoder {
    pub(crate) fn new(options: DecodeOptions) -> Self {
        FrameDecoder {
            scanner: decode::FrameScanner::new(options),
        }
    }

    /// The one place the session calls the decoder.
    pub(crate) fn scan(&mut self, frame: &LumaFrame<'_>) -> Result<FrameScan, DecodeError> {
        let scan = self.scanner.scan(frame)?;
        // The decoder gives the widest code's share of the frame's width; the session's rule
        // is about area: a square code of that width over the frame's area.
        let aspect = frame.width as f32 / (frame.height.max(1) as f32);
        let area_share = scan.largest_code_fraction * scan.largest_code_fraction * aspect;
        Ok(FrameScan {
            finder_candidates: scan.finder_candidates,
            mean_luma: scan.mean_luma,
            largest_code_fraction: area_share.clamp(0.0, 1.0),
            codes: scan.codes,
            stats: scan.stats,
        })
    }
}

/// What to tell the person holding the camera.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Guidance {
    /// Something like a code is in view but could not be read (blur, motion).
    HoldStill,
    /// A code is in view but too small to read.
    MoveCloser,
    /// The frame is too dark to read anything.
    MoreLight,
    /// Several codes are in view; the session will not guess which one is the label.
    OnlyOneCode,
}

impl Guidance {
    /// The snake_case name, as in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Guidance::HoldStill => "hold_still",
            Guidance::MoveCloser => "move_closer",
            Guidance::MoreLight => "more_light",
            Guidance::OnlyOneCode => "only_one_code",
        }
    }
}

/// Below this average brightness a frame is too dark to read a code (a code on paper in a
/// lit room averages well above 80).
pub const DARK_MEAN_LUMA: u8 = 45;
/// A QR code has three finder patterns (its corner squares). Slight blur or motion leaves
/// two or three found but the code unread; a frame without a code shows none (measured on
/// the fixture label photos blurred by 3 to 10 pixels, and on plain frames).
pub const CODE_LIKE_FINDER_CANDIDATES: usize = 2;
/// A code covering less than this share of the frame is too small for a reliable read.
pub const SMALL_CODE_FRACTION: f32 = 0.01;

/// The guidance for a frame, or `None` when there is nothing to say: nothing in view, or
/// exactly one code read (it is checked instead).
pub fn guidance(scan: &FrameScan) -> Option<Guidance> {
    let mut texts: Vec<&str> = scan.codes.iter().map(|c| c.text.as_str()).collect();
    texts.sort_unstable();
    texts.dedup();
    match texts.len() {
        0 => {}
        1 => return None,
        _ => return Some(Guidance::OnlyOneCode),
    }
    let code_like =
        scan.stats.undecoded_grids > 0 || scan.finder_candidates >= CODE_LIKE_FINDER_CANDIDATES;
    if scan.mean_luma < DARK_MEAN_LUMA {
        Some(Guidance::MoreLight)
    } else if code_like
        && scan.largest_code_fraction > 0.0
        && scan.largest_code_fraction < SMALL_CODE_FRACTION
    {
        Some(Guidance::MoveCloser)
    } else if code_like {
        Some(Guidance::HoldStill)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{Charset, Engine};

    fn code(text: &str) -> Decoded {
        Decoded {
            text: text.into(),
            raw: text.as_bytes().to_vec(),
            charset: Charset::Utf8,
            bounds: [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)],
            version: 2,
            fnc1: false,
            engine: Engine::Rqrr,
        }
    }

    fn scan(codes: Vec<Decoded>, candidates: usize, luma: u8, fraction: f32) -> FrameScan {
        FrameScan {
            codes,
            finder_candidates: candidates,
            mean_luma: luma,
            largest_code_fraction: fraction,
            stats: DecodeStats::default(),
        }
    }

    #[test]
    fn each_guidance_from_what_the_frame_shows() {
        assert_eq!(
            guidance(&scan(vec![], 0, 120, 0.0)),
            None,
            "nothing in view"
        );
        assert_eq!(guidance(&scan(vec![code("a")], 3, 120, 0.2)), None, "read");
        assert_eq!(
            guidance(&scan(vec![code("a"), code("a")], 6, 120, 0.2)),
            None,
            "the same code twice is one code"
        );
        assert_eq!(
            guidance(&scan(vec![code("a"), code("b")], 6, 120, 0.2)),
            Some(Guidance::OnlyOneCode)
        );
        assert_eq!(
            guidance(&scan(vec![], 0, 20, 0.0)),
            Some(Guidance::MoreLight)
        );
        assert_eq!(
            guidance(&scan(vec![], 2, 120, 0.0)),
            Some(Guidance::HoldStill)
        );
        assert_eq!(guidance(&scan(vec![], 1, 120, 0.0)), None, "one square");
        assert_eq!(
            guidance(&scan(vec![], 4, 120, 0.004)),
            Some(Guidance::MoveCloser)
        );
        let mut unread_grid = scan(vec![], 0, 120, 0.0);
        unread_grid.stats.undecoded_grids = 1;
        assert_eq!(guidance(&unread_grid), Some(Guidance::HoldStill));
    }
}
