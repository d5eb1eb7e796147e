//! Helpers shared by the decoder's integration tests.

pub mod hostile;

use qrcode::{Color, QrCode};

/// A QR code drawn as luma: `scale` pixels a module, a 4-module quiet zone; (side, pixels).
pub fn render(code: &QrCode, scale: usize) -> (usize, Vec<u8>) {
    let n = code.width();
    let colors = code.to_colors();
    let side = (n + 8) * scale;
    let mut img = vec![255u8; side * side];
    for my in 0..n {
        for mx in 0..n {
            if colors[my * n + mx] == Color::Dark {
                for y in 0..scale {
                    let row = ((my + 4) * scale + y) * side;
                    let x0 = row + (mx + 4) * scale;
                    img[x0..x0 + scale].fill(0);
                }
            }
        }
    }
    (side, img)
}
