//! What the session needs from one camera frame, and the guidance it gives when a code is in
//! view but cannot be read yet.
//!
//! `FrameDecoder::scan` is the one place that calls the decoder (its `FrameScanner`, which
//! spreads retry stages over frames and looks first where a code was). The decoder cannot
//! tell how large an unread code is, so `largest_code_area` only covers codes that were
//! read, and `MoveCloser` is given only when that is known.
//!
//! [`SessionFrame`] is not the decoder's `FrameScan`: the decoder measures the widest code's
//! share of the frame's width, the session its share of the frame's area.

use trustlabel_decode::{
    self as decode, DecodeError, DecodeOptions, DecodeStats, Decoded, LumaFrame,
};

/// One frame's decode, as the session uses it.
#[derive(Debug, Clone, Default)]
pub struct SessionFrame {
    /// The codes read, in reading order.
    pub codes: Vec<Decoded>,
    /// Finder-pattern candidates (the three corner squares of a QR code) in the busiest stage.
    pub finder_candidates: usize,
    /// Average brightness, 0 (black) to 255.
    pub mean_luma: u8,
    /// Share of the frame's area covered by the largest code read, 0.0 to 1.0.
    pub largest_code_area: f32,
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
    pub(crate) fn scan(&mut self, frame: &LumaFrame<'_>) -> Result<SessionFrame, DecodeError> {
        let scan = self.scanner.scan(frame)?;
        // The decoder gives the widest code's share of the frame's width; the session's rule
        // is about area: a square code of that width over the frame's area.
        let aspect = frame.width as f32 / (frame.height.max(1) as f32);
        let area_share = scan.largest_code_fraction * scan.largest_code_fraction * aspect;
        Ok(SessionFrame {
            finder_candidates: scan.finder_candidates,
            mean_luma: scan.mean_luma,
            largest_code_area: area_share.clamp(0.0, 1.0),
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
/// the fixture label photos blurred by 3 to 10 pixels, and on plain frames). Finder
/// candidates alone are not a code: a wall of look-alikes has dozens. So guidance needs
/// three that fit one code with its timing patterns ([`DecodeStats::timing_triples`]).
pub const CODE_LIKE_FINDER_CANDIDATES: usize = 2;
/// A code covering less than this share of the frame is too small for a reliable read.
pub const SMALL_CODE_FRACTION: f32 = 0.01;

/// The guidance for a frame, or `None` when there is nothing to say: nothing in view, or
/// exactly one code read (it is checked instead).
pub fn guidance(scan: &SessionFrame) -> Option<Guidance> {
    let mut texts: Vec<&str> = scan.codes.iter().map(|c| c.text.as_str()).collect();
    texts.sort_unstable();
    texts.dedup();
    match texts.len() {
        0 => {}
        1 => return None,
        _ => return Some(Guidance::OnlyOneCode),
    }
    let code_like = scan.stats.undecoded_grids > 0
        || (scan.finder_candidates >= CODE_LIKE_FINDER_CANDIDATES && scan.stats.timing_triples > 0);
    if scan.mean_luma < DARK_MEAN_LUMA {
        Some(Guidance::MoreLight)
    } else if code_like
        && scan.largest_code_area > 0.0
        && scan.largest_code_area < SMALL_CODE_FRACTION
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
    use crate::session::testing::code;

    /// A frame with `candidates` finder candidates, of which one triple showed timing
    /// patterns when there were three or more.
    fn scan(codes: Vec<Decoded>, candidates: usize, luma: u8, fraction: f32) -> SessionFrame {
        SessionFrame {
            codes,
            finder_candidates: candidates,
            mean_luma: luma,
            largest_code_area: fraction,
            stats: DecodeStats {
                timing_triples: u32::from(candidates >= 2),
                ..DecodeStats::default()
            },
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
        let mut look_alikes = scan(vec![], 48, 120, 0.3);
        look_alikes.stats.timing_triples = 0;
        assert_eq!(
            guidance(&look_alikes),
            None,
            "finder look-alikes without a timing pattern between them are no code"
        );
    }

    /// A wall of finder-pattern look-alikes (small nested squares 40 px apart, as on some
    /// packaging, tiles and fabrics) holds no code: the frame decoder says so, every frame,
    /// and the session gets no guidance from it (no "code found, hold still").
    #[test]
    fn a_wall_of_finder_look_alikes_is_no_code() {
        let (w, h, module, pitch) = (1280usize, 720usize, 4usize, 40usize);
        let mut data = vec![235u8; w * h];
        let side = 7 * module;
        for y0 in (module..h - side).step_by(pitch) {
            for x0 in (module..w - side).step_by(pitch) {
                for dy in 0..side {
                    for dx in 0..side {
                        let (mx, my) = (dx / module, dy / module);
                        if mx.min(my).min(6 - mx).min(6 - my) != 1 {
                            data[(y0 + dy) * w + x0 + dx] = 20;
                        }
                    }
                }
            }
        }
        let frame = LumaFrame {
            width: w as u32,
            height: h as u32,
            stride: w as u32,
            data: &data,
        };
        let mut decoder = FrameDecoder::new(DecodeOptions::camera());
        for i in 0..12 {
            let scan = decoder.scan(&frame).expect("a valid frame");
            assert!(scan.codes.is_empty(), "frame {i}");
            assert!(
                scan.finder_candidates >= 3,
                "look-alikes are seen: {:?}",
                scan.stats
            );
            assert_eq!(scan.stats.timing_triples, 0, "frame {i}: {:?}", scan.stats);
            assert_eq!(guidance(&scan), None, "frame {i}: {:?}", scan.stats);
        }
    }
}
