//! Behaviour tests for trustlabel-decode. No timing assertions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test and tool code: a failure should stop with its message"
)]

mod common;
use common::render;
use std::path::{Path, PathBuf};

use qrcode::{bits::Bits, EcLevel, QrCode, Version};
use trustlabel_decode::{
    decode_frame, decode_image_bytes, decode_image_bytes_with_stats, Charset, DecodeError,
    DecodeOptions, LumaFrame,
};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Paste a square luma tile into a frame of width `fw`.
fn paste(frame: &mut [u8], fw: usize, tile: &[u8], side: usize, x: usize, y: usize) {
    for r in 0..side {
        frame[(y + r) * fw + x..(y + r) * fw + x + side]
            .copy_from_slice(&tile[r * side..r * side + side]);
    }
}

fn decode_luma(w: usize, h: usize, data: &[u8]) -> Vec<trustlabel_decode::Decoded> {
    let f = LumaFrame {
        width: w as u32,
        height: h as u32,
        stride: w as u32,
        data,
    };
    decode_frame(&f, &DecodeOptions::default()).expect("valid frame")
}

/// Our own stages alone (zxing-cpp not first): to test our readers.
fn decode_luma_ours(w: usize, h: usize, data: &[u8]) -> Vec<trustlabel_decode::Decoded> {
    let f = LumaFrame {
        width: w as u32,
        height: h as u32,
        stride: w as u32,
        data,
    };
    let opts = DecodeOptions {
        zxing_first: false,
        ..DecodeOptions::default()
    };
    decode_frame(&f, &opts).expect("valid frame")
}

fn label_photos(min_pixels: u64, max_pixels: u64) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = manifest().join("../../api-fixtures/label-photos");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).expect("api-fixtures/label-photos exists") {
        let p = e.unwrap().path();
        if p.extension().and_then(|e| e.to_str()) != Some("jpg") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let (w, h) = image::ImageReader::new(std::io::Cursor::new(&bytes))
            .with_guessed_format()
            .unwrap()
            .into_dimensions()
            .unwrap();
        let px = w as u64 * h as u64;
        if (min_pixels..=max_pixels).contains(&px) {
            out.push((p, bytes));
        }
    }
    out.sort();
    out
}

fn check_photos(photos: &[(PathBuf, Vec<u8>)]) {
    assert!(!photos.is_empty());
    let mut failed = Vec::new();
    for (p, bytes) in photos {
        let expected = std::fs::read(p.with_extension("txt")).unwrap();
        let codes = decode_image_bytes(bytes, &DecodeOptions::photo()).unwrap();
        if !codes
            .iter()
            .any(|c| c.text.as_bytes() == expected.as_slice())
        {
            failed.push(format!(
                "{}: got {:?}",
                p.display(),
                codes.iter().map(|c| &c.text).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failed.is_empty(), "label photos not decoded: {failed:#?}");
}

#[test]
fn label_photos_decode() {
    check_photos(&label_photos(0, 2_000_000));
}

// The 12-megapixel photo: about 5 s in a debug build, so it has its own test
// (runs in parallel with the others).
#[test]
fn label_photos_decode_large() {
    check_photos(&label_photos(2_000_001, u64::MAX));
}

#[test]
fn invalid_frames_are_typed_errors() {
    let opts = DecodeOptions::default();
    let buf = vec![0u8; 100];
    let cases = [
        (0, 10, 10, 100),  // zero width
        (10, 0, 10, 100),  // zero height
        (10, 10, 9, 100),  // stride < width
        (10, 11, 10, 100), // short buffer
        (10, 10, 12, 100), // short buffer with padding stride
    ];
    for (w, h, stride, len) in cases {
        let f = LumaFrame {
            width: w,
            height: h,
            stride,
            data: &buf[..len],
        };
        match decode_frame(&f, &opts) {
            Err(DecodeError::InvalidFrame { .. }) => {}
            other => panic!("{w}x{h} stride {stride}: expected InvalidFrame, got {other:?}"),
        }
    }
    // Huge dimensions: rejected before touching the (short) buffer.
    let f = LumaFrame {
        width: u32::MAX,
        height: u32::MAX,
        stride: u32::MAX,
        data: &buf,
    };
    assert!(matches!(
        decode_frame(&f, &opts),
        Err(DecodeError::ImageTooLarge { .. })
    ));
    // Exactly stride * (h - 1) + w bytes is enough.
    let f = LumaFrame {
        width: 10,
        height: 10,
        stride: 10,
        data: &buf,
    };
    assert_eq!(decode_frame(&f, &opts).unwrap(), vec![]);
}

#[test]
fn bad_image_bytes_are_typed_errors() {
    let opts = DecodeOptions::default();
    assert!(matches!(
        decode_image_bytes(b"", &opts),
        Err(DecodeError::UnsupportedImage(_))
    ));
    assert!(matches!(
        decode_image_bytes(b"this is not an image at all, just text", &opts),
        Err(DecodeError::UnsupportedImage(_))
    ));
    // GIF magic: a real format, but not one we accept.
    assert!(matches!(
        decode_image_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00", &opts),
        Err(DecodeError::UnsupportedImage(_))
    ));
    let png = std::fs::read(manifest().join("tests/data/zxing-qrcode-6-7.png")).unwrap();
    for cut in [8, 20, 33, 60, png.len() / 2, png.len() - 12] {
        match decode_image_bytes(&png[..cut], &opts) {
            Err(DecodeError::CorruptImage(_)) | Err(DecodeError::UnsupportedImage(_)) => {}
            other => panic!("PNG truncated to {cut}: expected typed error, got {other:?}"),
        }
    }
    // Garbage after a valid PNG signature.
    let mut junk = b"\x89PNG\r\n\x1a\n".to_vec();
    junk.extend((0..500u32).map(|i| (i.wrapping_mul(2654435761) >> 7) as u8));
    assert!(decode_image_bytes(&junk, &opts).is_err());
    // Garbage after a JPEG SOI marker.
    let mut junk = vec![0xFF, 0xD8, 0xFF, 0xE0];
    junk.extend((0..500u32).map(|i| (i.wrapping_mul(40503) >> 3) as u8));
    assert!(decode_image_bytes(&junk, &opts).is_err());
}

#[test]
fn image_too_large_from_header() {
    // A 1x1 PNG is fine; with max_pixels = 0 it is rejected from its header.
    let mut png = Vec::new();
    image::GrayImage::from_pixel(1, 1, image::Luma([255]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let opts = DecodeOptions {
        max_pixels: 0,
        ..DecodeOptions::default()
    };
    assert!(matches!(
        decode_image_bytes(&png, &opts),
        Err(DecodeError::ImageTooLarge { .. })
    ));
    assert_eq!(
        decode_image_bytes(&png, &DecodeOptions::default()).unwrap(),
        vec![]
    );
}

#[test]
fn strided_frame_decodes() {
    let url = "https://demo.trustlabel.dev/l/palantir-cam";
    let (side, tile) = render(&QrCode::new(url).unwrap(), 4);
    let (w, h, stride) = (side + 40, side + 30, side + 40 + 24);
    // Padding bytes are dark garbage that must be ignored.
    let mut data = vec![7u8; stride * h];
    for y in 0..h {
        data[y * stride..y * stride + w].fill(255);
    }
    for r in 0..side {
        let o = (r + 15) * stride + 20;
        data[o..o + side].copy_from_slice(&tile[r * side..r * side + side]);
    }
    let f = LumaFrame {
        width: w as u32,
        height: h as u32,
        stride: stride as u32,
        data: &data[..stride * (h - 1) + w],
    };
    let codes = decode_frame(&f, &DecodeOptions::default()).unwrap();
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(codes[0].text, url);
    assert_eq!(codes[0].charset, Charset::Utf8);
}

#[test]
fn shift_jis_kanji_mode() {
    let text = "日本語のラベル";
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!bad);
    let mut bits = Bits::new(Version::Normal(3));
    bits.push_kanji_data(&sjis).unwrap();
    bits.push_terminator(EcLevel::M).unwrap();
    let code = QrCode::with_bits(bits, EcLevel::M).unwrap();
    let (side, img) = render(&code, 5);
    let codes = decode_luma(side, side, &img);
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].text, text);
    assert_eq!(codes[0].charset, Charset::ShiftJis);
    assert_eq!(codes[0].raw, sjis.as_ref());
}

#[test]
fn shift_jis_byte_mode() {
    let text = "東京タワーのカメラ";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let mut bits = Bits::new(Version::Normal(4));
    bits.push_byte_data(&sjis).unwrap();
    bits.push_terminator(EcLevel::M).unwrap();
    let code = QrCode::with_bits(bits, EcLevel::M).unwrap();
    let (side, img) = render(&code, 5);
    let codes = decode_luma(side, side, &img);
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].text, text);
    assert_eq!(codes[0].charset, Charset::ShiftJis);
}

#[test]
fn latin1_byte_mode() {
    let text = "Grüße aus Köln, café crème";
    let latin1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    let mut bits = Bits::new(Version::Normal(3));
    bits.push_byte_data(&latin1).unwrap();
    bits.push_terminator(EcLevel::M).unwrap();
    let code = QrCode::with_bits(bits, EcLevel::M).unwrap();
    let (side, img) = render(&code, 5);
    let codes = decode_luma(side, side, &img);
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].text, text);
    assert_eq!(codes[0].charset, Charset::Latin1);
    assert_eq!(codes[0].raw, latin1);
}

#[test]
fn utf8_byte_mode() {
    let text = "https://demo.trustlabel.dev/l/ünïcode-Ω";
    let (side, img) = render(&QrCode::new(text.as_bytes()).unwrap(), 4);
    let codes = decode_luma(side, side, &img);
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].text, text);
    assert_eq!(codes[0].charset, Charset::Utf8);
}

#[test]
fn known_panicking_image_is_contained() {
    let png = std::fs::read(manifest().join("tests/data/zxing-qrcode-6-7.png")).unwrap();
    let expected =
        std::fs::read_to_string(manifest().join("tests/data/zxing-qrcode-6-7.txt")).unwrap();
    let opts = DecodeOptions {
        zxing_first: false,
        // The fast pass reads this image; rqrr's panic needs rqrr to run.
        fast_pass: false,
        ..DecodeOptions::photo()
    };
    let out = decode_image_bytes_with_stats(&png, &opts).expect("no error, no panic");
    // rqrr 0.11 panics in geometry.rs on this image; the panic is contained.
    assert!(
        out.stats.panics_contained >= 1,
        "expected a contained rqrr panic, stats {:?}",
        out.stats
    );
    // Whatever is returned must be right (never wrong text).
    for c in &out.codes {
        assert_eq!(c.text, expected);
    }
    // With default options (fallback included when compiled in): no panic escapes.
    let codes = decode_image_bytes(&png, &DecodeOptions::default()).unwrap();
    for c in &codes {
        assert_eq!(c.text, expected);
    }
}

#[test]
fn no_code_gives_empty_vec() {
    let (w, h) = (320, 240);
    let mut img = vec![0u8; w * h];
    let mut s = 0x1234_5678u32;
    for (i, p) in img.iter_mut().enumerate() {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        // A gradient with mild noise and some block shapes.
        let (x, y) = (i % w, i / w);
        let block = if (x / 40 + y / 30) % 3 == 0 { 60 } else { 0 };
        *p = ((x * 200 / w) as u32 + (s & 15) + block).min(255) as u8;
    }
    assert_eq!(decode_luma(w, h, &img), vec![]);
    assert_eq!(decode_luma(w, h, &vec![255u8; w * h]), vec![]);
    assert_eq!(decode_luma(1, 1, &[0u8]), vec![]);
}

#[test]
fn multiple_codes_in_reading_order() {
    let urls = [
        "https://demo.trustlabel.dev/l/ringwraith-2000",
        "https://demo.trustlabel.dev/l/palantir-cam",
        "https://demo.trustlabel.dev/l/mithril-lock",
        "https://demo.trustlabel.dev/l/ent-thermostat",
    ];
    let tiles: Vec<(usize, Vec<u8>)> = urls
        .iter()
        .map(|u| render(&QrCode::new(u).unwrap(), 3))
        .collect();
    let side = tiles.iter().map(|t| t.0).max().unwrap();
    let (w, h) = (side * 2 + 60, side * 2 + 60);
    let mut frame = vec![255u8; w * h];
    // Row 1 (top): the right code sits a little higher than the left one,
    // so plain y-order would put it first.
    paste(&mut frame, w, &tiles[0].1, tiles[0].0, 10, 18);
    paste(&mut frame, w, &tiles[1].1, tiles[1].0, side + 40, 8);
    paste(&mut frame, w, &tiles[2].1, tiles[2].0, 14, side + 40);
    paste(&mut frame, w, &tiles[3].1, tiles[3].0, side + 44, side + 45);
    let codes = decode_luma(w, h, &frame);
    let texts: Vec<&str> = codes.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, urls);
}

#[test]
fn path_helper_sanity() {
    assert!(Path::new(&manifest()).join("tests/data/README.md").exists());
}

/// GS1 (FNC1 in first position): rqrr's own parser rejects the mode
/// (`UnknownDataType`); our reader returns the element strings with GS
/// (0x1D) separators and flags `fnc1`.
#[test]
fn gs1_fnc1() {
    let data = b"0109501101530003172501011\x1d0ABC123";
    let mut bits = Bits::new(Version::Normal(4));
    bits.push_fnc1_first_position().unwrap();
    bits.push_byte_data(data).unwrap();
    bits.push_terminator(EcLevel::M).unwrap();
    let code = QrCode::with_bits(bits, EcLevel::M).unwrap();
    let (side, img) = render(&code, 4);
    let codes = decode_luma_ours(side, side, &img);
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(codes[0].text.as_bytes(), data);
    assert!(codes[0].fnc1);
    assert_eq!(codes[0].engine, trustlabel_decode::Engine::Rqrr);
    // zxing-cpp, which reads first, gives the same.
    let codes = decode_luma(side, side, &img);
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(codes[0].engine, trustlabel_decode::Engine::ZxingCpp);
    assert_eq!(codes[0].text.as_bytes(), data);
    assert!(codes[0].fnc1);
}

/// An ECI designator fixes the charset: ISO-8859-1 bytes that happen to be
/// valid UTF-8 must not be read as UTF-8.
#[test]
fn eci_latin1_not_guessed_as_utf8() {
    let mut bits = Bits::new(Version::Normal(3));
    bits.push_eci_designator(3).unwrap();
    bits.push_byte_data(
        "Ã©tÃ©"
            .chars()
            .map(|c| c as u8)
            .collect::<Vec<_>>()
            .as_slice(),
    )
    .unwrap();
    bits.push_terminator(EcLevel::M).unwrap();
    let code = QrCode::with_bits(bits, EcLevel::M).unwrap();
    let (side, img) = render(&code, 4);
    for codes in [
        decode_luma(side, side, &img),
        decode_luma_ours(side, side, &img),
    ] {
        assert_eq!(codes.len(), 1, "{codes:?}");
        assert_eq!(codes[0].text, "Ã©tÃ©");
        assert_eq!(codes[0].charset, Charset::Latin1);
    }
}

#[test]
fn dense_screenshot_code() {
    let text: String = (0..600)
        .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
        .collect();
    let code = QrCode::with_version(text.as_bytes(), Version::Normal(25), EcLevel::L).unwrap();
    let (side, img) = render(&code, 2);
    let codes = decode_luma(side, side, &img);
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert_eq!(codes[0].text, text);
    assert_eq!(codes[0].version, 25);
    let f = LumaFrame {
        width: side as u32,
        height: side as u32,
        stride: side as u32,
        data: &img,
    };
    // zxing-cpp reads it first; our fast pass reads it.
    let out = trustlabel_decode::decode_frame_with_stats(&f, &DecodeOptions::default()).unwrap();
    assert_eq!(out.stats.hit_stage, Some("zxing-cpp"));
    let ours = DecodeOptions {
        zxing_first: false,
        ..DecodeOptions::default()
    };
    let out = trustlabel_decode::decode_frame_with_stats(&f, &ours).unwrap();
    assert_eq!(out.stats.hit_stage, Some("fast"));
}

/// Deterministic junk of many shapes: never a panic, never an Err for a
/// well-formed frame, only typed errors for images.
#[test]
fn junk_never_panics() {
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let opts = DecodeOptions {
        work_budget: 8_000_000,
        ..DecodeOptions::default()
    };
    for i in 0..60 {
        let w = 1 + (next() % 300) as usize;
        let h = 1 + (next() % 300) as usize;
        let style = i % 4;
        let data: Vec<u8> = (0..w * h)
            .map(|k| match style {
                0 => next() as u8,
                1 => {
                    if next() % 2 == 0 {
                        0
                    } else {
                        255
                    }
                }
                // Blocky binary noise: finder-like runs everywhere.
                2 => {
                    if ((k % w) / 3 + (k / w) / 3 * 7 + (i as usize)).is_multiple_of(3) {
                        0
                    } else {
                        255
                    }
                }
                _ => ((k % w) * 255 / w) as u8,
            })
            .collect();
        let f = LumaFrame {
            width: w as u32,
            height: h as u32,
            stride: w as u32,
            data: &data,
        };
        let out = decode_frame(&f, &opts);
        assert!(out.is_ok(), "{w}x{h}: {out:?}");
    }
    let png = std::fs::read(manifest().join("tests/data/zxing-qrcode-6-7.png")).unwrap();
    for _ in 0..200 {
        let mut b = png.clone();
        // Flip a few bytes after the signature.
        for _ in 0..1 + next() % 4 {
            let at = 8 + (next() as usize % (b.len() - 8));
            b[at] = next() as u8;
        }
        let _ = decode_image_bytes(&b, &opts);
    }
    for n in [0usize, 1, 2, 3, 7, 8, 16, 100] {
        let junk: Vec<u8> = (0..n).map(|_| next() as u8).collect();
        assert!(decode_image_bytes(&junk, &opts).is_err());
    }
}

/// A frame tiled with finder-like patterns (a sheet of stickers, a patterned
/// surface) made rqrr's grouping try every pair of them: about 15 s over all
/// stages for this 1600x1200 frame in a release build. Such bitmaps are
/// skipped before rqrr's search.
#[test]
fn finder_tiled_frame_is_bounded() {
    let (w, h, m) = (1600usize, 1200usize, 6usize);
    let finder = |x: usize, y: usize| {
        let d = x.min(y).min(6 - x).min(6 - y);
        // Ring 0 dark, ring 1 light, 3x3 centre dark.
        d != 1
    };
    let mut data = vec![255u8; w * h];
    for gy in (0..h - 8 * m).step_by(8 * m) {
        for gx in (0..w - 8 * m).step_by(8 * m) {
            for y in 0..7 * m {
                for x in 0..7 * m {
                    if finder(x / m, y / m) {
                        data[(gy + m + y) * w + gx + m + x] = 0;
                    }
                }
            }
        }
    }
    let f = LumaFrame {
        width: w as u32,
        height: h as u32,
        stride: w as u32,
        data: &data,
    };
    let opts = DecodeOptions {
        zxing_first: false,
        ..DecodeOptions::default()
    };
    let out = trustlabel_decode::decode_frame_with_stats(&f, &opts).unwrap();
    assert!(out.codes.is_empty());
    // Crowded with finder look-alikes: rqrr's stages are skipped (before their
    // bitmap is even counted).
    assert!(
        out.stats.stages_skipped_noisy >= 1 && out.stats.finder_candidates >= 48,
        "tiled finders not recognised: {:?}",
        out.stats
    );
    let out = trustlabel_decode::decode_frame_with_stats(&f, &DecodeOptions::default()).unwrap();
    assert!(out.codes.is_empty());
    // zxing-cpp reads the crowded frame at half size (camera options), its finder
    // search capped: charged for a quarter of the pixels, not the whole frame.
    assert!(out.stats.crowded, "{:?}", out.stats);
    assert_eq!(
        out.stats.zxing_work,
        (w * h / 4) as u64 * 12,
        "{:?}",
        out.stats
    );
    assert_eq!(out.stats.timing_triples, 0, "{:?}", out.stats);
}

/// A code on a background crowded with finder look-alikes (here uniform noise,
/// which fills the crowding count as a screen's moire or a grainy surface
/// does) is read by zxing-cpp on the whole image, with its finder
/// search capped, in camera (half size) and photo options (full size).
/// Before, a crowded image got no whole-image zxing-cpp read at all, and a
/// code our fast pass could not confirm was lost (photos of a web shop's page
/// on a monitor, `scripts/heldout/make-shelf-photos.py`).
#[test]
fn code_on_a_crowded_background_is_read_by_zxing() {
    let (w, h) = (1280usize, 720usize);
    let text = "https://demo.trustlabel.dev/l/crowded-background";
    let code = QrCode::with_error_correction_level(text, EcLevel::M).unwrap();
    let (side, tile) = common::render(&code, 6);
    // Our crowding count sees finder-like points all over uniform noise; zxing-cpp's
    // concentric-pattern check finds few there. (A code on a wall of real finder
    // look-alikes stays unread: the wall fills the capped search first.)
    for (name, background) in [("noise", common::hostile::noise(w, h, 7))] {
        let mut data = background;
        paste(&mut data, w, &tile, side, (w - side) / 2, (h - side) / 2);
        let f = LumaFrame {
            width: w as u32,
            height: h as u32,
            stride: w as u32,
            data: &data,
        };
        for (mode, opts) in [
            ("camera", DecodeOptions::camera()),
            ("photo", DecodeOptions::photo()),
        ] {
            let out = trustlabel_decode::decode_frame_with_stats(&f, &opts).unwrap();
            assert!(
                out.stats.crowded,
                "{name}, {mode}: not crowded: {:?}",
                out.stats
            );
            let texts: Vec<&str> = out.codes.iter().map(|c| c.text.as_str()).collect();
            assert_eq!(texts, [text], "{name}, {mode}: {:?}", out.stats);
            assert_eq!(
                out.stats.hit_stage,
                Some("zxing-cpp"),
                "{name}, {mode}: {:?}",
                out.stats
            );
        }
    }
}

/// PNG, JPEG and WebP all go through `decode_image_bytes`.
#[test]
fn png_jpeg_webp_inputs() {
    let url = "https://demo.trustlabel.dev/l/mithril-lock";
    let (side, img) = render(&QrCode::new(url).unwrap(), 4);
    let gray = image::GrayImage::from_raw(side as u32, side as u32, img).unwrap();
    for format in [
        image::ImageFormat::Png,
        image::ImageFormat::Jpeg,
        image::ImageFormat::WebP,
    ] {
        let mut bytes = Vec::new();
        let dynimg = image::DynamicImage::ImageLuma8(gray.clone());
        // The WebP encoder takes RGB(A) only.
        let dynimg = if format == image::ImageFormat::WebP {
            image::DynamicImage::ImageRgb8(dynimg.into_rgb8())
        } else {
            dynimg
        };
        dynimg
            .write_to(&mut std::io::Cursor::new(&mut bytes), format)
            .unwrap();
        let codes = decode_image_bytes(&bytes, &DecodeOptions::default()).unwrap();
        assert_eq!(codes.len(), 1, "{format:?}: {codes:?}");
        assert_eq!(codes[0].text, url, "{format:?}");
    }
}

/// Calls from several threads at once (the FFI may do that): contained panics
/// on one thread do not disturb the others.
#[test]
fn concurrent_calls() {
    let png = std::fs::read(manifest().join("tests/data/zxing-qrcode-6-7.png")).unwrap();
    let url = "https://demo.trustlabel.dev/l/palantir-cam";
    let (side, img) = render(&QrCode::new(url).unwrap(), 3);
    std::thread::scope(|s| {
        let mut handles = Vec::new();
        for i in 0..4 {
            let (png, img) = (&png, &img);
            handles.push(s.spawn(move || {
                for _ in 0..3 {
                    if i % 2 == 0 {
                        let opts = DecodeOptions {
                            zxing_first: false,
                            ..DecodeOptions::default()
                        };
                        assert!(decode_image_bytes(png, &opts).is_ok());
                    } else {
                        let codes = decode_luma(side, side, img);
                        assert_eq!(codes.len(), 1);
                        assert_eq!(codes[0].text, url);
                    }
                }
            }));
        }
        for h in handles {
            h.join().expect("no panic escapes a decode call");
        }
    });
}

/// zxing-cpp alone (all passes) or with `stop_on_first_hit` (our patch in
/// third_party/zxing-cpp, which the decoder uses): the texts read, sorted.
fn zxing_texts(w: usize, h: usize, data: &[u8], stop_on_first_hit: bool) -> Vec<String> {
    use zxingcpp::{BarcodeFormat, ImageFormat, ImageView, TextMode};
    let view = ImageView::from_slice(data, w as u32, h as u32, ImageFormat::Lum).unwrap();
    let mut texts: Vec<String> = zxingcpp::read()
        .formats(BarcodeFormat::QRCode)
        .try_harder(true)
        .try_rotate(true)
        .try_invert(true)
        .try_downscale(true)
        .stop_on_first_hit(stop_on_first_hit)
        .text_mode(TextMode::Plain)
        .from(&view)
        .unwrap()
        .iter()
        .map(|b| b.text())
        .collect();
    texts.sort();
    texts
}

/// Stopping zxing-cpp after its first pass that read a code loses nothing it reads alone:
/// every label photo, a four-code frame (all four in the first pass), a light-on-dark code
/// (read in the inverted pass, which still runs when the first found nothing) and a frame
/// with no code give the same texts either way.
#[test]
fn zxing_first_hit_reads_what_zxing_alone_reads() {
    let mut frames: Vec<(String, usize, usize, Vec<u8>)> = Vec::new();
    for (p, bytes) in label_photos(0, u64::MAX) {
        let img = image::load_from_memory(&bytes).unwrap().into_luma8();
        let (w, h) = (img.width() as usize, img.height() as usize);
        frames.push((p.display().to_string(), w, h, img.into_raw()));
    }
    let urls = [
        "https://demo.trustlabel.dev/l/ringwraith-2000",
        "https://demo.trustlabel.dev/l/palantir-cam",
        "https://demo.trustlabel.dev/l/mithril-lock",
        "https://demo.trustlabel.dev/l/ent-thermostat",
    ];
    let tiles: Vec<(usize, Vec<u8>)> = urls
        .iter()
        .map(|u| render(&QrCode::new(u).unwrap(), 3))
        .collect();
    let side = tiles.iter().map(|t| t.0).max().unwrap();
    let (w, h) = (side * 2 + 60, side * 2 + 60);
    let mut four = vec![255u8; w * h];
    paste(&mut four, w, &tiles[0].1, tiles[0].0, 10, 18);
    paste(&mut four, w, &tiles[1].1, tiles[1].0, side + 40, 8);
    paste(&mut four, w, &tiles[2].1, tiles[2].0, 14, side + 40);
    paste(&mut four, w, &tiles[3].1, tiles[3].0, side + 44, side + 45);
    let inverted: Vec<u8> = four.iter().map(|&v| 255 - v).collect();
    frames.push(("four codes".into(), w, h, four));
    frames.push(("four codes, light on dark".into(), w, h, inverted));
    frames.push(("no code".into(), w, h, vec![128u8; w * h]));
    for (name, w, h, data) in &frames {
        let alone = zxing_texts(*w, *h, data, false);
        let first_hit = zxing_texts(*w, *h, data, true);
        assert_eq!(first_hit, alone, "{name}");
        if name.starts_with("four codes") {
            assert_eq!(alone.len(), 4, "{name}: {alone:?}");
        }
    }
}
