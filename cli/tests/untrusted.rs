//! Everything from outside is untrusted (issue 21): arguments, files, registry and QR text.
//! Each test here failed before the change it covers.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn trustlabel(args: &[&str], data: &Path, stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustlabel"));
    cmd.args(args)
        .env("TRUSTLABEL_DATA_DIR", data)
        .env_remove("COLUMNS")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_link_with_user_info_is_judged_not_taken_for_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let link = "https://user@demo.trustlabel.dev/l/x";
    let out = trustlabel(&["scan", link, "--json", "--offline"], dir.path(), None);
    // Judged, and not verified: exit 1 (a file that is not there would be 3).
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["outcome"], "not_official", "{value}");
    // The same text from standard input gets the same answer.
    let piped = trustlabel(
        &["scan", "-", "--json", "--offline"],
        dir.path(),
        Some(format!("{link}\n").as_bytes()),
    );
    let value: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert_eq!(value["outcome"], "not_official", "{value}");
}

#[test]
fn error_messages_quote_what_the_user_typed_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let out = trustlabel(&["scan", "nosuch/dir/photo.png"], dir.path(), None);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("nosuch/dir/photo.png"), "{err}");
    assert!(!err.contains("Nosuch"), "{err}");
}

/// Runs `trustlabel` and kills it after a minute: a walk that never ends fails the test.
fn bounded(args: &[&str], data: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trustlabel"))
        .args(args)
        .env("TRUSTLABEL_DATA_DIR", data)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("trustlabel {args:?} did not end within a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn folders_with_link_loops_and_links_to_devices_end_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let shelf = dir.path().join("shelf");
    std::fs::create_dir(&shelf).unwrap();
    std::os::unix::fs::symlink(".", shelf.join("loop1")).unwrap();
    std::os::unix::fs::symlink(".", shelf.join("loop2")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", shelf.join("frame.png")).unwrap();
    let data = dir.path().join("data");
    let shelf_arg = shelf.to_str().unwrap();
    for args in [
        vec!["decode", shelf_arg],
        vec!["replay", shelf_arg, "--offline"],
        vec!["audit", shelf_arg, "--offline"],
    ] {
        let out = bounded(&args, &data);
        let err = text(&out.stderr);
        assert!(
            err.contains("frame.png is a link to /dev/zero") && err.contains("not a regular file"),
            "{args:?}: {err}"
        );
        if args[0] != "audit" {
            // The audit reads one folder, not its sub-folders: links to folders are moot.
            assert!(
                err.contains("loop1 is a link to a folder: not followed"),
                "{args:?}: {err}"
            );
        }
    }
    let frame = shelf.join("frame.png");
    let out = bounded(&["scan", frame.to_str().unwrap(), "--offline"], &data);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("is a link to /dev/zero"), "{err}");
}

/// A loopback registry that does not sign (it needs no key to send escape sequences), in a
/// trust list signed by the fixtures' test root, written to files for `--trust-list`.
struct Hostile {
    registry: trustlabel_testkit::LoopbackRegistry,
    dir: tempfile::TempDir,
}

const HOSTILE_NAME: &str =
    "Cam\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]8;;https://evil.example\u{7}link\u{202E}gpj.exe\u{9b}31m";

impl Hostile {
    fn new() -> Self {
        use trustlabel_protocol::{Integrity, RegistryEntry, TrustListStatement};
        let registry = trustlabel_testkit::LoopbackRegistry::start().unwrap();
        let fixtures = trustlabel_registry::default_fixtures_dir();
        let keys = trustlabel_testkit::fixtures::FixtureKeys::load(&fixtures.join("keys")).unwrap();
        let statement = TrustListStatement {
            iss: "root".into(),
            version: 7,
            iat: 1_793_491_200,
            exp: 2_109_110_400,
            registries: vec![RegistryEntry {
                id: "plain".into(),
                name: "A registry that does not sign".into(),
                url_prefixes: vec![format!("{}/p/", registry.base_url())],
                record_url_template: None,
                allow_http_loopback: true,
                integrity: Integrity::HttpsOnly,
                keys: vec![],
                log: None,
            }],
        };
        let list = keys.root.signing_key().sign_envelope(
            "trustlabel-root-1",
            trustlabel_protocol::TRUST_LIST_TYPE,
            &serde_json::to_vec(&statement).unwrap(),
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("list.jws.json"), list).unwrap();
        let manifest = trustlabel_registry::manifest::Manifest::load(&fixtures).unwrap();
        std::fs::copy(
            fixtures.join(&manifest.trust.anchor),
            dir.path().join("anchor.json"),
        )
        .unwrap();
        let hostile = Hostile { registry, dir };
        for slug in ["cam", "cam2"] {
            let record = serde_json::json!({
                "schema_version": "1.0.0",
                "QR_code_url": hostile.url(slug),
                "product_name": HOSTILE_NAME,
                "manufacturer_name": "Evil\u{1b}[32mVERIFIED\u{2066}",
                "support_date": "2029-06-30",
            });
            hostile
                .registry
                .set(&format!("/p/{slug}"), serde_json::to_vec(&record).unwrap());
        }
        hostile
    }

    fn url(&self, slug: &str) -> String {
        format!("{}/p/{slug}", self.registry.base_url())
    }

    fn run(&self, args: &[&str], stdin: Option<&[u8]>) -> Output {
        let list = self.dir.path().join("list.jws.json");
        let anchor = self.dir.path().join("anchor.json");
        let mut all: Vec<&str> = args.to_vec();
        all.extend([
            "--trust-list",
            list.to_str().unwrap(),
            "--trust-anchor",
            anchor.to_str().unwrap(),
        ]);
        trustlabel(&all, &self.dir.path().join("data"), stdin)
    }
}

/// Every character that could steer a terminal, other than a line end (a CSV's is CRLF).
fn steering(text: &str) -> Vec<char> {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| *c != '\n' && trustlabel_protocol::steers(*c))
        .collect()
}

#[test]
fn no_command_lets_registry_qr_or_pack_text_steer_the_terminal() {
    let h = Hostile::new();
    let cam = h.url("cam");
    let cam2 = h.url("cam2");
    // A pack whose only entry is unsigned junk: its `sub` is all that is shown.
    let b64 = |v: serde_json::Value| {
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            v.to_string(),
        )
    };
    let junk = serde_json::json!({
        "protected": b64(serde_json::json!({"alg": "ES256", "kid": "x", "typ": "trustlabel-record+jws"})),
        "payload": b64(serde_json::json!({"sub": "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202E}x"})),
        "signature": "AAAA",
    });
    let pack = h.dir.path().join("junk.pack");
    std::fs::write(
        &pack,
        serde_json::json!({"pack_version": 1, "records": [junk]}).to_string(),
    )
    .unwrap();
    let runs: Vec<(Vec<&str>, Option<Vec<u8>>)> = vec![
        (vec!["scan", &cam], None),
        (vec!["scan", &cam, "--json"], None),
        (
            vec!["scan", "-"],
            Some(format!("{cam}\n\u{1b}]0;qr\u{7}\u{202E}\n").into_bytes()),
        ),
        (vec!["watch", "add", &cam], None),
        (vec!["watch", "list"], None),
        (vec!["watch", "list", "--json"], None),
        (vec!["watch", "alerts", "--days", "100000"], None),
        (vec!["history"], None),
        (vec!["history", "--json"], None),
        (vec!["compare", &cam, &cam2], None),
        (
            vec!["audit", "-", "--name", "a", "--csv", "-"],
            Some(format!("{cam}\n").into_bytes()),
        ),
        (vec!["audit", "--resume", "a"], None),
        (vec!["pack", "import", pack.to_str().unwrap()], None),
        (
            vec!["pack", "import", pack.to_str().unwrap(), "--json"],
            None,
        ),
    ];
    let mut saw_name = 0;
    for (args, stdin) in &runs {
        let out = h.run(args, stdin.as_deref());
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert!(steering(&stdout).is_empty(), "{args:?} stdout: {stdout:?}");
        assert!(steering(&stderr).is_empty(), "{args:?} stderr: {stderr:?}");
        saw_name += usize::from(stdout.contains("Cam\u{FFFD}]0;pwned") || stdout.contains("pwned"));
        if args.contains(&"--json") {
            for line in stdout.lines() {
                serde_json::from_str::<serde_json::Value>(line)
                    .unwrap_or_else(|e| panic!("{args:?}: {line}: {e}"));
            }
        }
    }
    assert!(
        saw_name >= 8,
        "the hostile text was shown, made harmless: {saw_name}"
    );
    // JSON keeps the value exactly: only the bytes differ.
    let out = h.run(&["scan", &cam, "--json"], None);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let shown = value.to_string();
    assert!(shown.contains("\u{202E}gpj.exe"), "{shown}");
}

/// A photo of one QR code holding `text`, 4 px a module, on white.
fn qr_png(text: &str) -> Vec<u8> {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let (n, scale, quiet) = (code.width(), 4, 16);
    let side = (n * scale + 2 * quiet) as u32;
    let colors = code.to_colors();
    let image = image::GrayImage::from_fn(side, side, |x, y| {
        let (x, y) = (x as usize, y as usize);
        let inside =
            (quiet..quiet + n * scale).contains(&x) && (quiet..quiet + n * scale).contains(&y);
        let dark = inside
            && colors[((y - quiet) / scale) * n + (x - quiet) / scale] == qrcode::Color::Dark;
        image::Luma([if dark { 0 } else { 255 }])
    });
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

/// A sticker in front of the camera needs no key: its text reaches replay's `checking`
/// line, `decode` and `scan FILE`, and steers nothing there.
#[test]
fn a_qr_sticker_cannot_steer_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let frames = dir.path().join("frames");
    std::fs::create_dir(&frames).unwrap();
    let sticker = "https://x.example/\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202E}";
    let photo = frames.join("sticker.png");
    std::fs::write(&photo, qr_png(sticker)).unwrap();
    let data = dir.path().join("data");
    let photo_arg = photo.to_str().unwrap();
    let mut checked = false;
    for args in [
        vec!["replay", frames.to_str().unwrap(), "--offline"],
        vec!["decode", photo_arg],
        vec!["scan", photo_arg, "--offline"],
    ] {
        let out = bounded(&args, &data);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert!(steering(&stdout).is_empty(), "{args:?}: {stdout:?}");
        assert!(steering(&stderr).is_empty(), "{args:?}: {stderr:?}");
        checked |= stdout.contains("pwned");
    }
    assert!(checked, "the sticker was decoded and shown");
}
