//! The silencing panic hook must not hide panics outside contained decoder
//! calls. Its own test binary: panic hooks are process-wide.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use trustlabel_decode::{decode_image_bytes_with_stats, DecodeOptions};

#[test]
fn contained_panics_are_silent_other_panics_still_reported() {
    let seen = Arc::new(AtomicUsize::new(0));
    let s = seen.clone();
    std::panic::set_hook(Box::new(move |_| {
        s.fetch_add(1, Ordering::SeqCst);
    }));

    let png = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/zxing-qrcode-6-7.png"
    ))
    .unwrap();
    let opts = DecodeOptions {
        zxing_first: false,
        // The fast pass reads this image; rqrr's panic needs rqrr to run.
        fast_pass: false,
        ..DecodeOptions::photo()
    };
    let out = decode_image_bytes_with_stats(&png, &opts).unwrap();
    assert!(out.stats.panics_contained >= 1);
    assert_eq!(
        seen.load(Ordering::SeqCst),
        0,
        "contained panic reached the hook"
    );

    // A panic of our own, after the decoder installed its hook: still
    // forwarded to the hook that was set before.
    let r = std::panic::catch_unwind(|| panic!("not a decoder panic"));
    assert!(r.is_err());
    assert_eq!(seen.load(Ordering::SeqCst), 1);

    // With silencing off, contained panics are reported too.
    let loud = DecodeOptions {
        silence_contained_panics: false,
        ..opts
    };
    let out = decode_image_bytes_with_stats(&png, &loud).unwrap();
    assert!(out.stats.panics_contained >= 1);
    assert!(seen.load(Ordering::SeqCst) >= 2);
    let _ = std::panic::take_hook();
}
