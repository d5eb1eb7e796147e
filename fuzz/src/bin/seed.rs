//! Seeds `corpus/<target>/` from the committed fixtures (`api-fixtures/`), so the corpus is
//! never committed twice: `fuzz-seed [FIXTURES_DIR] [CORPUS_DIR]`. Existing files are kept
//! (a corpus grown by long runs stays).

use std::path::{Path, PathBuf};

use qrcode::{Color, QrCode};

fn copy_all(from: &Path, to: &Path, ext: &str, max_len: u64) {
    let _ = std::fs::create_dir_all(to);
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let fits = entry.metadata().is_ok_and(|m| m.len() <= max_len);
        if fits && path.to_string_lossy().ends_with(ext) {
            if let Some(name) = path.file_name() {
                let _ = std::fs::copy(&path, to.join(name));
            }
        }
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(dir.join(name), bytes);
}

/// A QR code of `text` at `scale` pixels per module, as the `qr_luma` target reads it:
/// width, height, stride padding, flags, then the pixels.
fn luma_seed(text: &str, scale: usize) -> Option<Vec<u8>> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let n = code.width();
    let side = (n + 8) * scale;
    if side > 255 {
        return None;
    }
    let colors = code.to_colors();
    let mut out = vec![side as u8, side as u8, 0, 0];
    let mut pixels = vec![255u8; side * side];
    for my in 0..n {
        for mx in 0..n {
            if colors[my * n + mx] == Color::Dark {
                for y in 0..scale {
                    let row = ((my + 4) * scale + y) * side;
                    let x0 = row + (mx + 4) * scale;
                    pixels[x0..x0 + scale].fill(0);
                }
            }
        }
    }
    out.extend_from_slice(&pixels);
    Some(out)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let fixtures = args
        .next()
        .map_or_else(|| PathBuf::from("../api-fixtures"), PathBuf::from);
    let corpus = args
        .next()
        .map_or_else(|| PathBuf::from("corpus"), PathBuf::from);
    let small = 64 * 1024;
    for target in ["jws_envelope", "verify_record", "pack_import"] {
        copy_all(
            &fixtures.join("envelopes"),
            &corpus.join(target),
            ".json",
            small,
        );
        copy_all(&fixtures.join("bad"), &corpus.join(target), ".json", small);
    }
    copy_all(
        &fixtures.join("trust"),
        &corpus.join("jws_envelope"),
        ".jws.json",
        small,
    );
    copy_all(
        &fixtures.join("trust"),
        &corpus.join("trust_list"),
        ".json",
        small,
    );
    copy_all(
        &fixtures.join("records"),
        &corpus.join("statement_json"),
        ".json",
        small,
    );
    copy_all(
        &fixtures.join("records"),
        &corpus.join("verify_record"),
        ".json",
        small,
    );
    copy_all(
        &fixtures.join("label-photos"),
        &corpus.join("image_decode"),
        ".jpg",
        128 * 1024,
    );
    copy_all(
        &fixtures.join("label-photos"),
        &corpus.join("image_decode"),
        ".png",
        128 * 1024,
    );

    let manifest: serde_json::Value = std::fs::read(fixtures.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let labels = manifest["labels"].as_array().cloned().unwrap_or_default();
    let mut urls: Vec<String> = labels
        .iter()
        .filter_map(|l| l["url"].as_str().map(str::to_owned))
        .collect();
    urls.extend(
        [
            "https://d\u{0435}mo.trustlabel.dev/l/x",
            "https://registry.example@evil.example/l/x",
            "http://127.0.0.1:9000/l/x",
            "HTTPS://DEMO.TRUSTLABEL.DEV.:443/l/%2fx?q=%2f#frag",
            "https://xn--dmo-jdd.trustlabel.dev/l/x",
            "WIFI:S:home;T:WPA;P:secret;;",
        ]
        .map(str::to_owned),
    );
    for (i, url) in urls.iter().enumerate() {
        write(&corpus.join("link"), &format!("url-{i}"), url.as_bytes());
    }
    for (i, url) in urls.iter().take(6).enumerate() {
        for scale in [1, 2, 3] {
            if let Some(seed) = luma_seed(url, scale) {
                write(&corpus.join("qr_luma"), &format!("qr-{i}-x{scale}"), &seed);
            }
        }
    }
    // A pack as protocol section 6 describes it, from the fixture envelopes.
    let envelopes: Vec<serde_json::Value> = labels
        .iter()
        .take(4)
        .filter_map(|l| l["envelope"].as_str())
        .filter_map(|p| std::fs::read(fixtures.join(p)).ok())
        .filter_map(|b| serde_json::from_slice(&b).ok())
        .collect();
    let trust_list: Option<serde_json::Value> =
        std::fs::read(fixtures.join("trust/trust-list-v2.jws.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
    let pack = serde_json::json!({
        "pack_version": 1, "created": "2026-11-20T00:00:00Z",
        "trust_list": trust_list, "records": envelopes,
    });
    write(
        &corpus.join("pack_import"),
        "pack-1.json",
        pack.to_string().as_bytes(),
    );
    println!("corpus seeded in {}", corpus.display());
}
