//! The staff commands end to end, as scripts use them: names, flags and JSON fields are the
//! issue's contract. Only what does not depend on today's date is asserted (the CLI uses the
//! system clock; the fixtures' dates are fixed).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use trustlabel_registry::manifest::Manifest;
use trustlabel_testkit::LoopbackRegistry;

struct Env {
    registry: LoopbackRegistry,
    manifest: Manifest,
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let fixtures = trustlabel_registry::default_fixtures_dir();
        Env {
            registry: LoopbackRegistry::from_fixtures(&fixtures).unwrap(),
            manifest: Manifest::load(&fixtures).unwrap(),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// `trustlabel ARGS`, which must exit 0.
    fn run(&self, data: &str, args: &[&str], stdin: Option<&str>) -> Output {
        self.run_exits(data, args, stdin, 0)
    }

    /// `trustlabel ARGS`, which must exit with `code` (see `exit_codes.rs`).
    fn run_exits(&self, data: &str, args: &[&str], stdin: Option<&str>, code: i32) -> Output {
        let fixtures = trustlabel_registry::default_fixtures_dir();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustlabel"));
        cmd.args(args)
            .arg("--data-dir")
            .arg(self.dir.path().join(data))
            .arg("--registry-origin")
            .arg(self.registry.base_url())
            .arg("--trust-list")
            .arg(fixtures.join(&self.manifest.trust.list))
            .arg("--trust-anchor")
            .arg(fixtures.join(&self.manifest.trust.anchor))
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        if let Some(text) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "trustlabel {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn url(&self, slug: &str) -> String {
        self.manifest.label(slug).unwrap().url.clone()
    }
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

#[test]
fn audit_from_a_links_file_and_stdin_then_list_resume_and_delete() {
    let env = Env::new();
    let links = env.dir.path().join("links.txt");
    let ring = env.url("ringwraith-2000");
    let forged = env.url("bad-forged-signature");
    std::fs::write(&links, format!("{ring}\n\n{forged}\nhello\n{ring}\n")).unwrap();
    // 1: a label in the audit did not verify.
    let out = env.run_exits(
        "d",
        &[
            "audit",
            links.to_str().unwrap(),
            "--name",
            "shelf",
            "--csv",
            "-",
        ],
        None,
        1,
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows[0], "product,model,maker,url,bucket,outcome,reason,support_date,scan_count,first_scan_at,last_scan_at");
    assert_eq!(rows.len(), 4, "3 distinct labels: {rows:?}");
    let ring_row = rows.iter().find(|r| r.contains(&ring)).unwrap();
    assert!(
        ring_row.contains(",verified,,") && ring_row.contains(",2,"),
        "{ring_row}"
    );
    assert!(rows
        .iter()
        .any(|r| r.contains(",invalid,invalid,bad_signature,")));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Audit shelf: 3 labels"));

    // More from standard input, into the same audit.
    let out = env.run_exits(
        "d",
        &["audit", "-", "--resume", "shelf", "--json"],
        Some(&format!("{ring}\nWIFI:S:x;;\n")),
        1,
    );
    let json = lines(&out).remove(0);
    assert_eq!(json["name"], "shelf");
    assert_eq!(json["entries"].as_array().unwrap().len(), 4);
    assert_eq!(json["counts"]["not_a_label"], 2);
    assert_eq!(json["counts"]["invalid"], 1);

    let listed = lines(&env.run("d", &["audits", "--json"], None));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "shelf");
    assert_eq!(listed[0]["closed"], false);
    env.run("d", &["audit", "--delete", "shelf"], None);
    let out = env.run("d", &["audits"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("No audits saved"));
}

/// A shelf photo: the QR codes of `texts` side by side on white, 4 px a module.
fn shelf_png(texts: &[&str]) -> Vec<u8> {
    let codes: Vec<qrcode::QrCode> = texts
        .iter()
        .map(|t| qrcode::QrCode::new(t.as_bytes()).unwrap())
        .collect();
    let scale = 4;
    let side = codes.iter().map(|c| c.width() + 8).max().unwrap() * scale;
    let mut img =
        image::GrayImage::from_pixel((side * codes.len()) as u32, side as u32, image::Luma([255]));
    for (i, code) in codes.iter().enumerate() {
        let n = code.width();
        let colors = code.to_colors();
        for y in 0..n * scale {
            for x in 0..n * scale {
                if colors[(y / scale) * n + x / scale] == qrcode::Color::Dark {
                    let px = i * side + 4 * scale + x;
                    img.put_pixel(px as u32, (4 * scale + y) as u32, image::Luma([0]));
                }
            }
        }
    }
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

#[test]
fn audit_of_a_photos_folder_counts_every_code_on_a_shelf_photo() {
    let env = Env::new();
    let photos = env.dir.path().join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let (ring, plug) = (env.url("ringwraith-2000"), env.url("mithril-plug"));
    std::fs::write(
        photos.join("shelf.png"),
        shelf_png(&[&ring, "WIFI:S:shop;T:WPA;P:x;;", &plug]),
    )
    .unwrap();
    std::fs::write(photos.join("again.png"), shelf_png(&[&ring])).unwrap();
    let blank = image::GrayImage::from_pixel(200, 200, image::Luma([255]));
    blank.save(photos.join("blank.png")).unwrap();
    std::fs::write(photos.join("broken.jpg"), b"not a jpeg").unwrap();
    // 3: two photos had no code that could be read.
    let out = env.run_exits(
        "d",
        &[
            "audit",
            photos.to_str().unwrap(),
            "--name",
            "aisle",
            "--json",
        ],
        None,
        3,
    );
    let json = lines(&out).remove(0);
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "two labels and a Wi-Fi code: {json}");
    let ring_entry = entries.iter().find(|e| e["url"] == ring.as_str()).unwrap();
    assert_eq!(ring_entry["scan_count"], 2, "seen on two photos");
    assert!(entries.iter().any(|e| e["url"] == plug.as_str()));
    assert_eq!(json["counts"]["not_a_label"], 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("blank.png: no QR code found"), "{stderr}");
    assert!(stderr.contains("broken.jpg:"), "{stderr}");
}

#[test]
fn pack_export_then_import_elsewhere_with_reasons_for_the_skipped() {
    let env = Env::new();
    let ring = env.url("ringwraith-2000");
    let palantir = env.url("palantir-cam");
    env.run("a", &["scan", "-"], Some(&format!("{ring}\n{palantir}\n")));
    let file = env.dir.path().join("pack.json");
    env.run("a", &["pack", "export", file.to_str().unwrap()], None);
    // Add a forged envelope to the exported pack.
    let mut pack: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(pack["records"].as_array().unwrap().len(), 2);
    let forged: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            trustlabel_registry::default_fixtures_dir().join("bad/forged-signature.jws.json"),
        )
        .unwrap(),
    )
    .unwrap();
    pack["records"].as_array_mut().unwrap().push(forged);
    std::fs::write(&file, serde_json::to_vec(&pack).unwrap()).unwrap();

    let report = lines(&env.run(
        "b",
        &["pack", "import", file.to_str().unwrap(), "--json"],
        None,
    ));
    assert_eq!(report[0]["imported"], 2);
    assert_eq!(report[0]["skipped"][0]["index"], 2);
    assert_eq!(report[0]["skipped"][0]["reason"], "bad_signature");
    let out = env.run("b", &["scan", &ring, "--offline", "--json"], None);
    assert_eq!(lines(&out)[0]["outcome"], "offline_cached");

    // A truncated pack: an error, and nothing imported.
    let bytes = std::fs::read(&file).unwrap();
    let cut = env.dir.path().join("cut.json");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_trustlabel"))
        .args(["pack", "import", cut.to_str().unwrap(), "--data-dir"])
        .arg(env.dir.path().join("c"))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(!status.status.success());
    assert!(String::from_utf8_lossy(&status.stderr).contains("incomplete"));
}

#[test]
fn history_off_writes_nothing_and_search_finds_the_maker() {
    let env = Env::new();
    let ring = env.url("ringwraith-2000");
    env.run("h", &["history", "--off"], None);
    env.run("h", &["scan", &ring], None);
    assert!(lines(&env.run("h", &["history", "--json"], None)).is_empty());
    env.run("h", &["history", "--on"], None);
    env.run("h", &["scan", &ring], None);
    let found = lines(&env.run("h", &["history", "--search", "gamgee", "--json"], None));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["url"], ring.as_str());
    env.run("h", &["history", "--clear"], None);
    assert!(lines(&env.run("h", &["history", "--json"], None)).is_empty());
}

#[test]
fn watch_and_compare() {
    let env = Env::new();
    let ring = env.url("ringwraith-2000");
    let palantir = env.url("palantir-cam");
    env.run("w", &["watch", "add", &ring], None);
    let listed = lines(&env.run("w", &["watch", "list", "--json"], None));
    assert_eq!(listed[0]["url"], ring.as_str());
    assert_eq!(listed[0]["authorization"], "active");
    // Whatever today's date, support ends within 100 years: an alert, so 1, and every alert
    // line names a known kind.
    let alerts = env.run_exits(
        "w",
        &["watch", "alerts", "--days", "36500", "--json"],
        None,
        1,
    );
    for alert in lines(&alerts) {
        assert!(matches!(
            alert["kind"].as_str().unwrap(),
            "support_ends_soon" | "support_ended"
        ));
    }
    let table = lines(&env.run("w", &["compare", &ring, &palantir, "--json"], None));
    assert_eq!(table[0]["products"].as_array().unwrap().len(), 2);
    assert_eq!(table[0]["rows"].as_array().unwrap().len(), 7);
    let out = env.run("w", &["compare", &ring, &palantir], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Palantir Cam") && text.contains("How updates install"),
        "{text}"
    );
    assert!(Path::new(&env.dir.path().join("w")).exists());
}

#[test]
fn trust_list_refresh_takes_a_newer_list_then_finds_it_unchanged() {
    let env = Env::new();
    // The loopback registry serves every fixture list; this one is version 2.
    let published = "https://demo.trustlabel.dev/trust/trust-list-v2.jws.json";
    let refresh = |data: &str| {
        lines(&env.run(
            data,
            &[
                "trust-list",
                "refresh",
                "--json",
                "--trust-list-url",
                published,
            ],
            None,
        ))
    };
    let first = refresh("t");
    assert_eq!(first[0]["refresh"], "updated", "{first:?}");
    assert_eq!(first[0]["trust_list"]["version"], 2);
    let again = refresh("t");
    assert_eq!(
        again[0]["refresh"], "unchanged",
        "kept in the data dir: {again:?}"
    );
    // Without an address there is nothing to refresh from.
    let out = env.run("u", &["trust-list", "refresh"], None);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("No place to refresh"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
