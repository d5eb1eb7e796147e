//! The exit codes scripts rely on (`trustlabel --help`, README): 0 verified, 1 not verified,
//! 2 usage, 3 error. The registry is the production `serve` over the fixtures' site.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::process::{Command, Output, Stdio};

use trustlabel_registry::manifest::Manifest;
use trustlabel_registry::serve::{Background, Limits};
use trustlabel_registry::site::Site;

struct Env {
    registry: Background,
    manifest: Manifest,
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let fixtures = trustlabel_registry::default_fixtures_dir();
        let site = Site::from_fixtures(&fixtures, chrono::Local::now().fixed_offset()).unwrap();
        Env {
            registry: Background::start(&site, "127.0.0.1:0", Limits::default()).unwrap(),
            manifest: Manifest::load(&fixtures).unwrap(),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn url(&self, slug: &str) -> String {
        self.manifest.label(slug).unwrap().url.clone()
    }

    /// `trustlabel ARGS` against the fixtures' registry and trust list.
    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let fixtures = trustlabel_registry::default_fixtures_dir();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_trustlabel"));
        cmd.args(args)
            .arg("--data-dir")
            .arg(self.dir.path().join("data"))
            .arg("--registry-origin")
            .arg(self.registry.base_url())
            .arg("--trust-list")
            .arg(fixtures.join(&self.manifest.trust.list))
            .arg("--trust-anchor")
            .arg(fixtures.join(&self.manifest.trust.anchor));
        run(cmd, stdin)
    }
}

fn run(mut cmd: Command, stdin: Option<&str>) -> Output {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn outcome(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .next()
        .unwrap_or_else(|| panic!("no output: {out:?}"));
    let value: serde_json::Value = serde_json::from_str(line).unwrap();
    value["outcome"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn a_verified_label_exits_0_and_a_forged_one_1() {
    let env = Env::new();
    let good = env.run(&["scan", &env.url("ringwraith-2000"), "--json"], None);
    assert_eq!(outcome(&good), "verified");
    assert_eq!(code(&good), 0, "{good:?}");

    for slug in ["bad-forged-signature", "bad-unknown-kid", "bad-alg-none"] {
        let forged = env.run(&["scan", &env.url(slug), "--json"], None);
        assert_eq!(outcome(&forged), "invalid", "{slug}");
        assert_eq!(code(&forged), 1, "{slug}: {forged:?}");
    }
    let unknown = env.run(&["scan", &env.url("no-such-product"), "--json"], None);
    assert_eq!(outcome(&unknown), "unknown_product");
    assert_eq!(code(&unknown), 1);
    let foreign = env.run(&["scan", "https://evil.example/l/x", "--json"], None);
    assert_eq!(outcome(&foreign), "not_official");
    assert_eq!(code(&foreign), 1);
    let text = env.run(&["scan", "hello", "--json"], None);
    assert_eq!(outcome(&text), "not_a_label");
    assert_eq!(code(&text), 1);

    // Verified from the cache offline is still verified; a stale statement too.
    let cached = env.run(
        &["scan", &env.url("ringwraith-2000"), "--offline", "--json"],
        None,
    );
    assert_eq!(outcome(&cached), "offline_cached");
    assert_eq!(code(&cached), 0, "{cached:?}");
    let stale = env.run(&["scan", &env.url("bad-expired"), "--json"], None);
    assert_eq!(outcome(&stale), "verified_stale");
    assert_eq!(code(&stale), 0);
}

#[test]
fn a_label_that_cannot_be_checked_exits_3() {
    let env = Env::new();
    // Offline, never saved: nothing was checked.
    let out = env.run(
        &["scan", &env.url("palantir-cam"), "--offline", "--json"],
        None,
    );
    assert_eq!(code(&out), 3, "{out:?}");
    // A photo that is not there.
    let out = env.run(&["scan", "no/such/photo.png"], None);
    assert_eq!(code(&out), 3, "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}

#[test]
fn a_batch_exits_with_its_worst_line() {
    let env = Env::new();
    let good = env.url("ringwraith-2000");
    let forged = env.url("bad-forged-signature");
    let all_good = env.run(&["scan", "-", "--json"], Some(&format!("{good}\n{good}\n")));
    assert_eq!(code(&all_good), 0, "{all_good:?}");
    let one_forged = env.run(
        &["scan", "-", "--json"],
        Some(&format!("{good}\n{forged}\n")),
    );
    assert_eq!(code(&one_forged), 1, "{one_forged:?}");
    // Every line still gets its answer.
    assert_eq!(
        String::from_utf8_lossy(&one_forged.stdout).lines().count(),
        2
    );
    let never_saved = env.url("palantir-cam");
    let with_error = env.run(
        &["scan", "-", "--json", "--offline"],
        Some(&format!("{good}\n{forged}\n{never_saved}\n")),
    );
    assert_eq!(code(&with_error), 3, "{with_error:?}");
}

#[test]
fn a_wrong_command_line_exits_2() {
    let trustlabel = || Command::new(env!("CARGO_BIN_EXE_trustlabel"));
    // clap's own: a missing argument, an unknown option.
    let mut cmd = trustlabel();
    cmd.arg("scan");
    assert_eq!(code(&run(cmd, None)), 2);
    let mut cmd = trustlabel();
    cmd.args(["scan", "--no-such-option", "x"]);
    assert_eq!(code(&run(cmd, None)), 2);
    // Ours: an address that is not one.
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = trustlabel();
    cmd.args([
        "scan",
        "hello",
        "--registry-origin",
        "not a url",
        "--data-dir",
    ])
    .arg(dir.path());
    let out = run(cmd, None);
    assert_eq!(code(&out), 2, "{out:?}");
    // `--help` documents the codes and exits 0.
    let mut cmd = trustlabel();
    cmd.args(["scan", "--help"]);
    let out = run(cmd, None);
    assert_eq!(code(&out), 0);
    let help = String::from_utf8_lossy(&out.stdout);
    for line in ["0  done", "1  a label was checked", "2  usage", "3  error"] {
        assert!(help.contains(line), "{help}");
    }
}

#[test]
fn an_audit_exits_with_its_worst_label() {
    let env = Env::new();
    let good = env.url("ringwraith-2000");
    let withdrawn = env.url("entwife-monitor");
    let forged = env.url("bad-forged-signature");
    // Verified labels, one of them withdrawn: the bucket is for people, the label verified.
    let all_good = env.run(
        &["audit", "-", "--name", "good"],
        Some(&format!("{good}\n{withdrawn}\n")),
    );
    assert_eq!(code(&all_good), 0, "{all_good:?}");
    let one_forged = env.run(
        &["audit", "-", "--name", "forged"],
        Some(&format!("{good}\n{forged}\n")),
    );
    assert_eq!(code(&one_forged), 1, "{one_forged:?}");
    // Showing a saved audit gives its code again; a label not checked outweighs a forged one.
    let shown = env.run(&["audit", "--resume", "forged"], None);
    assert_eq!(code(&shown), 1, "{shown:?}");
    let never_saved = env.url("palantir-cam");
    let not_checked = env.run(
        &["audit", "-", "--resume", "forged", "--offline"],
        Some(&format!("{never_saved}\n")),
    );
    assert_eq!(code(&not_checked), 3, "{not_checked:?}");
    // Deleting is done, whatever the audit held.
    assert_eq!(code(&env.run(&["audit", "--delete", "forged"], None)), 0);
}

#[test]
fn a_folder_audit_with_a_photo_without_a_code_exits_3() {
    let env = Env::new();
    let photos = env.dir.path().join("photos");
    std::fs::create_dir(&photos).unwrap();
    // A plain grey PNG: a photo, but no code in it.
    let grey = image_png(64, 64);
    std::fs::write(photos.join("blank.png"), grey).unwrap();
    let out = env.run(
        &["audit", photos.to_str().unwrap(), "--name", "blank"],
        None,
    );
    assert_eq!(code(&out), 3, "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no QR code found"));
}

#[test]
fn compare_exits_with_its_worst_product() {
    let env = Env::new();
    let good = env.url("ringwraith-2000");
    let other = env.url("mithril-plug");
    let forged = env.url("bad-forged-signature");
    let both_good = env.run(&["compare", &good, &other, "--json"], None);
    assert_eq!(code(&both_good), 0, "{both_good:?}");
    let with_forged = env.run(&["compare", &good, &forged, "--json"], None);
    assert_eq!(code(&with_forged), 1, "{with_forged:?}");
    // The table still shows both.
    let table: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&with_forged.stdout).trim()).unwrap();
    assert_eq!(table["products"][1]["outcome"], "invalid");
    let never_saved = env.url("palantir-cam");
    let offline = env.run(
        &["compare", &good, &never_saved, "--offline", "--json"],
        None,
    );
    assert_eq!(code(&offline), 3, "{offline:?}");
}

#[test]
fn watch_add_and_alerts_say_by_their_code() {
    let env = Env::new();
    // Supported until 2033, active: nothing to say.
    let calm = env.url("beacon-smoke-alarm");
    assert_eq!(code(&env.run(&["watch", "add", &calm], None)), 0);
    let alerts = env.run(&["watch", "alerts", "--days", "1"], None);
    assert_eq!(code(&alerts), 0, "{alerts:?}");
    // A forged label is checked, not saved: not verified, not an error.
    let forged = env.run(&["watch", "add", &env.url("bad-forged-signature")], None);
    assert_eq!(code(&forged), 1, "{forged:?}");
    let list = env.run(&["watch", "list", "--json"], None);
    assert_eq!(String::from_utf8_lossy(&list.stdout).lines().count(), 1);
    // Support ended in 2025: an alert, so 1.
    assert_eq!(
        code(&env.run(&["watch", "add", &env.url("hearth-thermostat")], None)),
        0
    );
    let alerts = env.run(&["watch", "alerts", "--json"], None);
    assert_eq!(code(&alerts), 1, "{alerts:?}");
    assert!(String::from_utf8_lossy(&alerts.stdout).contains("support_ended"));
}

/// A grey PNG of `width` x `height`: an image with no code in it.
fn image_png(width: u32, height: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(
            &vec![128u8; (width * height) as usize],
            width,
            height,
            image::ExtendedColorType::L8,
        )
        .unwrap();
    bytes
}
