//! Decode the QR codes in image files and print their text, one per line.
//! Also used to measure the binary size of the decoder (zxing-cpp included).
//!
//! ```text
//! cargo run --release -p trustlabel-decode --example scan-file -- IMAGE...
//! ```

use trustlabel_decode::{decode_image_bytes, DecodeOptions};

fn main() {
    let mut status = 0;
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                status = 1;
                continue;
            }
        };
        match decode_image_bytes(&bytes, &DecodeOptions::photo()) {
            Ok(codes) if codes.is_empty() => println!("{path}: no QR code found"),
            Ok(codes) => {
                for c in codes {
                    println!("{path}: {:?} ({:?}, {:?})", c.text, c.charset, c.engine);
                }
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                status = 1;
            }
        }
    }
    std::process::exit(status);
}
