//! zxing-cpp's QR reader: the first reader on every path (one-shot calls and the
//! frame scanner), through the zxing-cpp maintainers' own safe Rust wrapper
//! (`zxing-cpp`, built from `third_party/zxing-cpp` with the reader sources only).
//!
//! Its work is bounded by the C++ itself (detection is linear in the pixels, with
//! caps on finder-pattern sets); it is charged [`ZXING_WORK_PER_PIXEL`] visits a pixel
//! so the stages after it see what is left of the budget.

use crate::engine::Found;
use crate::imgproc::Gray;
use crate::Engine;
use zxingcpp::{BarcodeFormat, ImageFormat, ImageView, TextMode};

/// Work charged per pixel of the image zxing-cpp reads: its try-harder pass
/// binarizes, scans every row and tries the inverted image, rotations and a
/// downscaled copy when nothing is found (about 4 ns a pixel on this machine
/// for a frame with nothing in it, 4x the cost of our fast pass per pixel).
pub(crate) const ZXING_WORK_PER_PIXEL: u64 = 12;

/// What zxing-cpp read in `img`. `scale` maps image to frame pixels.
/// `Err` when the C++ reported an error (not "no code": that is an empty Vec).
pub(crate) fn read(
    img: &Gray,
    scale: f32,
    max_codes: usize,
    try_invert: bool,
    max_finder_patterns: u16,
) -> Result<Vec<Found>, String> {
    let view = ImageView::from_slice(&img.data, img.w, img.h, ImageFormat::Lum)
        .map_err(|e| e.to_string())?;
    let reader = zxingcpp::read()
        .formats(BarcodeFormat::QRCode)
        .try_harder(true)
        .try_rotate(true)
        .try_invert(try_invert)
        .try_downscale(true)
        // Every pass zxing-cpp alone would run, in its order, but none after the first that
        // read a code (third_party/zxing-cpp/PATCHES.md): a frame it reads in its first pass no
        // longer pays for the inverted search and the downscaled layers.
        .stop_on_first_hit(true)
        .text_mode(TextMode::Plain)
        .max_number_of_symbols(max_codes.clamp(1, 255) as i32)
        // 0: no limit. On a crowded image the finder search stops at the limit, which bounds
        // what follows it (finder sets, sampling, the Micro QR tries per pattern).
        .max_finder_patterns(i32::from(max_finder_patterns));
    let codes = reader.from(&view).map_err(|e| e.to_string())?;
    Ok(codes
        .into_iter()
        .filter(|b| b.is_valid())
        .map(|b| found(&b, scale))
        .collect())
}

fn found(b: &zxingcpp::Barcode, scale: f32) -> Found {
    let text = b.text();
    let raw = b.bytes();
    let p = b.position();
    let pt = |q: zxingcpp::PointI| (q.x as f32 * scale, q.y as f32 * scale);
    let fnc1 = matches!(
        b.symbology_identifier().as_str(),
        "]Q3" | "]Q4" | "]Q5" | "]Q6"
    );
    let version = b
        .extra_with_key("Version")
        .trim_matches('"')
        .parse::<u8>()
        .unwrap_or(0);
    Found {
        raw,
        // zxing-cpp decodes the text itself (ECI, or its own charset guess);
        // `finish` keeps it and names our guess when it agrees.
        text: Some(text),
        charset: None,
        fnc1,
        bounds: [
            pt(p.top_left),
            pt(p.top_right),
            pt(p.bottom_right),
            pt(p.bottom_left),
        ],
        version,
        engine: Engine::ZxingCpp,
    }
}
