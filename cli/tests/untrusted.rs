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
    assert!(out.status.success(), "{}", text(&out.stderr));
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
