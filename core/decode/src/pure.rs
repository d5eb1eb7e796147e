//! "Pure barcode" reading: the image holds nothing but one upright code
//! (screenshots, generated images, e-labels shown on a display).
//!
//! rqrr's finder-pattern search and grid fitting struggle with very dense
//! codes at one or two pixels per module (and take 100 ms on a version-40
//! grid). Like ZXing's `PURE_BARCODE` mode, this takes the bounding box of
//! the dark pixels, measures the module size along the top-left finder's
//! diagonal and samples the grid directly. Cheap (one pass over the bitmap)
//! and safe: the result still has to pass Reed-Solomon decoding.

/// The payload and the corners (bitmap coordinates).
pub(crate) type PureRead = (crate::qr::Payload, [(f32, f32); 4]);

/// Read a code that fills the bitmap (1 = dark), if there is one.
pub(crate) fn decode(bm: &[u8], w: usize, h: usize) -> Option<PureRead> {
    if w < 21 || h < 21 {
        return None;
    }
    // Bounding box of dark pixels.
    let rows_dark = |y: usize| bm[y * w..y * w + w].contains(&1);
    let top = (0..h).find(|&y| rows_dark(y))?;
    let bottom = (0..h).rev().find(|&y| rows_dark(y))?;
    let mut left = w;
    let mut right = 0;
    for y in top..=bottom {
        let row = &bm[y * w..y * w + w];
        if let Some(x) = row.iter().position(|&p| p == 1) {
            left = left.min(x);
        }
        if let Some(x) = row.iter().rposition(|&p| p == 1) {
            right = right.max(x);
        }
    }
    let (bw, bh) = (right + 1 - left, bottom + 1 - top);
    if bw < 21 || bh < 21 || bw.abs_diff(bh) > (bw / 25).max(2) {
        return None;
    }
    // The top-left corner must be dark (finder pattern), and the box must
    // fill most of the image (otherwise this is a photo, not a pure code).
    if bm[top * w + left] != 1 || bw * bh * 10 < w * h * 3 {
        return None;
    }
    // Module size: along the diagonal from the top-left corner, the finder
    // shows dark (1) light (1) dark (3) light (1) dark (1): 5 transitions
    // after 7 modules.
    let mut x = left;
    let mut y = top;
    let mut inside = true;
    let mut transitions = 0;
    while x <= right && y <= bottom {
        let dark = bm[y * w + x] == 1;
        if dark != inside {
            transitions += 1;
            if transitions == 5 {
                break;
            }
            inside = dark;
        }
        x += 1;
        y += 1;
    }
    if transitions != 5 {
        return None;
    }
    let module = (x - left) as f32 / 7.0;
    if module < 0.9 {
        return None;
    }
    let mut dim = ((bw as f32 + bh as f32) / 2.0 / module).round() as usize;
    match dim & 3 {
        0 => dim += 1,
        2 => dim -= 1,
        3 => return None,
        _ => {}
    }
    if !(21..=177).contains(&dim) {
        return None;
    }
    // Module pitch from the box, finer than the diagonal estimate.
    let pitch_x = bw as f32 / dim as f32;
    let pitch_y = bh as f32 / dim as f32;
    let sample = |mx: usize, my: usize| -> bool {
        let px = (left as f32 + (mx as f32 + 0.5) * pitch_x) as usize;
        let py = (top as f32 + (my as f32 + 0.5) * pitch_y) as usize;
        bm[py.min(h - 1) * w + px.min(w - 1)] == 1
    };
    let payload = crate::engine::read_grid(&rqrr::SimpleGrid::from_func(dim, sample))?;
    let (l, t, r, b) = (
        left as f32,
        top as f32,
        (right + 1) as f32,
        (bottom + 1) as f32,
    );
    Some((payload, [(l, t), (r, t), (r, b), (l, b)]))
}

#[cfg(test)]
mod tests {
    #[test]
    fn rejects_blank_and_tiny() {
        assert!(super::decode(&[0u8; 30 * 30], 30, 30).is_none());
        assert!(super::decode(&[1u8; 10 * 10], 10, 10).is_none());
        assert!(super::decode(&[1u8; 40 * 40], 40, 40).is_none());
    }
}
