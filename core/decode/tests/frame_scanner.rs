//! The frame scanner over sequences of frames, and frames with several codes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test and tool code: a failure should stop with its message"
)]

mod common;
use common::render;
use qrcode::QrCode;
use trustlabel_decode::{
    decode_frame_with_stats, DecodeOptions, FrameScan, FrameScanner, LumaFrame,
};

struct Frame {
    w: usize,
    h: usize,
    data: Vec<u8>,
}

impl Frame {
    fn grey(w: usize, h: usize) -> Frame {
        Frame {
            w,
            h,
            data: vec![170u8; w * h],
        }
    }

    fn paste(&mut self, tile: &(usize, Vec<u8>), x: usize, y: usize) {
        let side = tile.0;
        for r in 0..side {
            self.data[(y + r) * self.w + x..(y + r) * self.w + x + side]
                .copy_from_slice(&tile.1[r * side..(r + 1) * side]);
        }
    }

    fn scan(&self, s: &mut FrameScanner) -> FrameScan {
        s.scan(&LumaFrame {
            width: self.w as u32,
            height: self.h as u32,
            stride: self.w as u32,
            data: &self.data,
        })
        .expect("valid frame")
    }
}

fn texts(s: &FrameScan) -> Vec<&str> {
    s.codes.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn scanner_is_send() {
    fn send<T: Send>() {}
    send::<FrameScanner>();
}

/// A code coming into view, moving, leaving: read in every frame that shows
/// it, nothing (and little work) in the others.
#[test]
fn sequence_of_frames() {
    let url = "https://demo.trustlabel.dev/l/palantir-cam";
    let tile = render(&QrCode::new(url).unwrap(), 4);
    let mut scanner = FrameScanner::new(DecodeOptions::camera());
    let empty = Frame::grey(1280, 720);
    let first = empty.scan(&mut scanner);
    assert!(first.codes.is_empty());
    assert_eq!(first.mean_luma, 170);
    assert_eq!(first.largest_code_fraction, 0.0);
    assert!(first.stats.early_exit, "{:?}", first.stats);
    for i in 0..6 {
        let mut f = Frame::grey(1280, 720);
        f.paste(&tile, 300 + 17 * i, 200 + 5 * i);
        let s = f.scan(&mut scanner);
        assert_eq!(texts(&s), [url], "frame {i}: {:?}", s.stats);
        assert_eq!(s.stats.hit_stage, Some("zxing-cpp"), "{:?}", s.stats);
        let frac = s.largest_code_fraction;
        assert!(frac > 0.05 && frac < tile.0 as f32 / 1280.0, "{frac}");
    }
    let gone = empty.scan(&mut scanner);
    assert!(gone.codes.is_empty());
}

/// Where a code was seen, the next frame is read at full resolution: a code
/// too small for the downscaled whole-frame pass is still read there.
#[test]
fn looks_where_the_code_was() {
    let url = "https://demo.trustlabel.dev/l/mithril-plug";
    let code = QrCode::new(url).unwrap();
    let (w, h) = (3300usize, 2400usize);
    let near = render(&code, 8);
    let far = render(&code, 2);
    let centre = (1500usize, 1100usize);
    let mut f1 = Frame::grey(w, h);
    f1.paste(&near, centre.0 - near.0 / 2, centre.1 - near.0 / 2);
    let mut f2 = Frame::grey(w, h);
    f2.paste(&far, centre.0 - far.0 / 2, centre.1 - far.0 / 2);
    let f2_frame = LumaFrame {
        width: w as u32,
        height: h as u32,
        stride: w as u32,
        data: &f2.data,
    };
    // On its own, the small code is not read within the camera budget by the
    // fast pass (2 px modules become 0.67 px in the working image).
    let alone = decode_frame_with_stats(
        &f2_frame,
        &DecodeOptions {
            zxing_first: false,
            ..DecodeOptions::camera()
        },
    )
    .unwrap();
    assert_ne!(alone.stats.hit_stage, Some("fast"), "{:?}", alone.stats);

    // zxing-cpp reads the full-resolution frame first, and reads it.
    let mut scanner = FrameScanner::new(DecodeOptions::camera());
    assert_eq!(texts(&f2.scan(&mut scanner)), [url]);
    // Our own stages (what runs when zxing-cpp reads nothing): the region.
    let ours = DecodeOptions {
        zxing_first: false,
        ..DecodeOptions::camera()
    };
    let mut scanner = FrameScanner::new(ours.clone());
    let s1 = f1.scan(&mut scanner);
    assert_eq!(texts(&s1), [url]);
    let s2 = f2.scan(&mut scanner);
    assert_eq!(texts(&s2), [url], "{:?}", s2.stats);
    assert_eq!(s2.stats.hit_stage, Some("region"));
    // A fresh scanner does not know where to look.
    let mut fresh = FrameScanner::new(ours);
    let s = f2.scan(&mut fresh);
    assert_ne!(s.stats.hit_stage, Some("region"));
}

/// A frame with something code-like that the fast pass cannot read: each
/// frame runs one retry stage, the next in turn, so the frame cost stays a
/// fraction of a one-shot call.
#[test]
fn retry_stages_are_spread_over_frames() {
    let url = "https://demo.trustlabel.dev/l/gwaihir-vacuum";
    let code = QrCode::new(url).unwrap();
    let (side, mut tile) = render(&code, 4);
    // Wreck the data area (finders intact): no stage can read it.
    let n = code.width();
    for my in 9..n - 9 {
        for mx in 9..n - 9 {
            for y in 0..4 {
                for x in 0..4 {
                    let i = ((my + 4) * 4 + y) * side + (mx + 4) * 4 + x;
                    tile[i] = if (mx * 7 + my * 3) % 5 < 2 { 0 } else { 255 };
                }
            }
        }
    }
    let mut f = Frame::grey(1280, 720);
    f.paste(&(side, tile), 400, 150);
    let one_shot = decode_frame_with_stats(
        &LumaFrame {
            width: 1280,
            height: 720,
            stride: 1280,
            data: &f.data,
        },
        &DecodeOptions::camera(),
    )
    .unwrap();
    assert!(one_shot.codes.is_empty());
    let mut scanner = FrameScanner::new(DecodeOptions::camera());
    let mut total_work = 0u64;
    for i in 0..8 {
        let s = f.scan(&mut scanner);
        assert!(s.codes.is_empty());
        assert!(s.finder_candidates >= 3, "{:?}", s.stats);
        // zxing-cpp, the fast pass (whole frame, maybe its half) plus one retry.
        assert!(s.stats.stages_run <= 4, "frame {i}: {:?}", s.stats);
        // The finders and their timing patterns are intact: a code is there.
        assert!(s.stats.timing_triples >= 1, "frame {i}: {:?}", s.stats);
        assert!(
            s.stats.work < one_shot.stats.work,
            "frame {i}: {:?}",
            s.stats
        );
        total_work += s.stats.work;
    }
    // Over eight frames, every retry stage had its turn.
    assert!(total_work > one_shot.stats.work);
}

/// A shelf: several labels in one frame, all returned, in reading order.
#[test]
fn every_code_in_the_frame() {
    let urls = [
        "https://demo.trustlabel.dev/l/ringwraith-2000",
        "https://demo.trustlabel.dev/l/palantir-cam",
        "https://demo.trustlabel.dev/l/mithril-lock",
        "https://demo.trustlabel.dev/l/ent-thermostat",
        "https://demo.trustlabel.dev/l/beacon-smoke-alarm",
        "https://demo.trustlabel.dev/l/lorien-speaker",
    ];
    let tiles: Vec<_> = urls
        .iter()
        .map(|u| render(&QrCode::new(u).unwrap(), 3))
        .collect();
    let mut f = Frame::grey(1280, 720);
    for (i, t) in tiles.iter().enumerate() {
        let (col, row) = (i % 3, i / 3);
        f.paste(t, 40 + col * 420, 40 + row * 340);
    }
    let mut scanner = FrameScanner::new(DecodeOptions::camera());
    for _ in 0..3 {
        let s = f.scan(&mut scanner);
        assert_eq!(texts(&s), urls, "{:?}", s.stats);
        assert_eq!(s.stats.hit_stage, Some("zxing-cpp"), "{:?}", s.stats);
    }
    // Our own stages read all six too (what runs when zxing-cpp reads nothing).
    let mut scanner = FrameScanner::new(DecodeOptions {
        zxing_first: false,
        ..DecodeOptions::camera()
    });
    for _ in 0..3 {
        let s = f.scan(&mut scanner);
        assert_eq!(texts(&s), urls, "{:?}", s.stats);
        assert!(s.finder_candidates >= 18);
    }
}
