//! `trustlabel replay` end to end: image files as camera frames, the fixture registry on
//! loopback, one JSON object per event.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::path::Path;
use std::process::Command;

use trustlabel_registry::default_fixtures_dir;
use trustlabel_testkit::LoopbackRegistry;

fn photo(name: &str) -> (image::GrayImage, String) {
    let dir = default_fixtures_dir().join("label-photos");
    let image = image::open(dir.join(format!("{name}.jpg")))
        .unwrap()
        .to_luma8();
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
    (image, text.trim().to_owned())
}

/// A grey frame with no code.
fn empty() -> image::GrayImage {
    image::GrayImage::from_fn(640, 360, |x, y| {
        image::Luma([(110 + x / 16 + y / 12) as u8])
    })
}

fn replay(
    frames: &Path,
    data: &Path,
    origin: &str,
    extra: &[&str],
) -> (bool, Vec<serde_json::Value>) {
    let fixtures = default_fixtures_dir();
    let output = Command::new(env!("CARGO_BIN_EXE_trustlabel"))
        .arg("replay")
        .arg(frames)
        .args(["--json", "--registry-origin", origin, "--data-dir"])
        .arg(data)
        .arg("--trust-list")
        .arg(fixtures.join("trust/trust-list.jws.json"))
        .arg("--trust-anchor")
        .arg(fixtures.join("trust/root-anchor.json"))
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let events = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (output.status.success(), events)
}

fn names(events: &[serde_json::Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            let name = e["event"].as_str().unwrap().to_owned();
            match name.as_str() {
                "checking" => format!("checking {}", e["qr_text"].as_str().unwrap()),
                "result" => format!(
                    "result {} {}",
                    e["url"].as_str().unwrap(),
                    e["outcome"].as_str().unwrap()
                ),
                "failed" => format!("failed {}", e["summary"]["outcome"].as_str().unwrap()),
                "code_seen" => format!("code_seen {}", e["guidance"].as_str().unwrap()),
                _ => name,
            }
        })
        .collect()
}

#[test]
fn replay_prints_each_event_and_looks_each_label_up_once() {
    let registry = LoopbackRegistry::from_fixtures(&default_fixtures_dir()).unwrap();
    let frames = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (a, a_text) = photo("frame-1280x720");
    let (b, b_text) = photo("straight-480x360");
    let dark = image::GrayImage::from_pixel(640, 360, image::Luma([10]));
    let nothing = empty();
    // Name order is frame order.
    let stream: Vec<(&str, &image::GrayImage)> = vec![
        ("00-empty", &nothing),
        ("01-dark", &dark),
        ("02-a", &a),
        ("03-a", &a),
        ("04-a", &a),
        ("05-empty", &nothing),
        ("06-b", &b),
        ("07-b", &b),
        ("08-a", &a),
    ];
    for (name, image) in &stream {
        image
            .save(frames.path().join(format!("{name}.png")))
            .unwrap();
    }

    let (ok, events) = replay(
        frames.path(),
        data.path(),
        registry.base_url(),
        &["--mode", "shelf"],
    );
    assert!(ok);
    assert_eq!(
        names(&events),
        vec![
            "searching".to_owned(),
            "code_seen more_light".into(),
            format!("checking {a_text}"),
            format!("result {a_text} verified"),
            format!("checking {b_text}"),
            format!("result {b_text} verified"),
        ]
    );
    let result = &events[3];
    assert_eq!(
        result["frame"].as_str().unwrap(),
        frames.path().join("02-a.png").display().to_string()
    );
    assert!(
        result["summary"]["verdict"]["text"].as_str().is_some(),
        "the scan --json keys and the summary"
    );
    assert!(result.get("reason").is_none() || result["reason"].is_null());
    assert_eq!(registry.total_hits(), 2);

    // Shopper mode stops at the first result; offline, a label not saved is a failure with
    // words, and the exit code says so.
    let empty_store = tempfile::tempdir().unwrap();
    let (ok, events) = replay(
        frames.path(),
        empty_store.path(),
        registry.base_url(),
        &["--offline"],
    );
    assert!(!ok);
    let names = names(&events);
    assert_eq!(
        names[2..],
        [format!("checking {a_text}"), "failed not_cached".into()]
    );
    assert!(!events[3]["text"].as_str().unwrap().is_empty());
    assert_eq!(registry.total_hits(), 2, "offline: no request");
}
