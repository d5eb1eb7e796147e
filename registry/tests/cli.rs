//! The operator's commands, run as the binary: keygen, sign, trust-list sign, export.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::path::Path;

mod common;
use common::{registry, stderr};

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn keygen_writes_a_private_file_and_prints_only_the_public_entry() {
    let dir = tempfile::tempdir().unwrap();
    for (alg, name) in [("es256", "ES256"), ("ed25519", "EdDSA")] {
        let file = dir.path().join(format!("{alg}.json"));
        let out = registry(&["keygen", "--alg", alg, "--out", path(&file), "--kid", "k1"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let entry: serde_json::Value = serde_json::from_str(&stdout).expect("a key entry");
        assert_eq!(entry["kid"], "k1");
        assert_eq!(entry["alg"], name);
        assert_eq!(entry["status"], "active");
        let key: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        assert_eq!(entry["public_key"], key["public_key"]);
        let private = key["pkcs8"].as_str().unwrap();
        assert!(!stdout.contains(private) && !stderr(&out).contains(private));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
}

fn input_with(dir: &Path, name: &str, change: impl FnOnce(&mut serde_json::Value)) -> String {
    let fixtures = trustlabel_registry::default_fixtures_dir();
    let mut record: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixtures.join("records/ringwraith-2000.json")).unwrap(),
    )
    .unwrap();
    change(&mut record);
    let input = serde_json::json!({"record": record, "status": {"authorization": "active"}});
    let file = dir.join(name);
    std::fs::write(&file, serde_json::to_vec(&input).unwrap()).unwrap();
    file.to_str().unwrap().to_owned()
}

#[test]
fn sign_makes_an_envelope_and_refuses_misleading_records() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.json");
    assert!(registry(&["keygen", "--alg", "es256", "--out", path(&key)])
        .status
        .success());
    let prefix = "https://demo.trustlabel.dev/l/";
    let good = input_with(dir.path(), "good.json", |_| {});
    let out = registry(&["sign", "--key", path(&key), "--prefix", prefix, &good]);
    assert!(out.status.success(), "{}", stderr(&out));
    let envelope: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(envelope["protected"].is_string() && envelope["signature"].is_string());

    let early = input_with(dir.path(), "early.json", |r| {
        r["support_date"] = "2024-01-01".into()
    });
    let elsewhere = input_with(dir.path(), "elsewhere.json", |r| {
        r["QR_code_url"] = "https://evil.example/l/ringwraith-2000".into()
    });
    for (input, reason) in [
        (early, "is before authorization_date"),
        (elsewhere, "is not under the registry's prefix"),
    ] {
        let out = registry(&["sign", "--key", path(&key), "--prefix", prefix, &input]);
        assert!(!out.status.success());
        assert!(out.stdout.is_empty(), "nothing signed");
        assert!(stderr(&out).contains(reason), "{}", stderr(&out));
    }
}

#[test]
fn a_trust_list_version_only_goes_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root.json");
    assert!(
        registry(&["keygen", "--alg", "ed25519", "--out", path(&root)])
            .status
            .success()
    );
    let out_file = dir.path().join("list.jws.json");
    let statement = |version: u64| {
        let file = dir.path().join(format!("v{version}.json"));
        let body = serde_json::json!({"iss": "root", "version": version, "iat": 1793491200,
            "exp": 2109110400, "registries": []});
        std::fs::write(&file, body.to_string()).unwrap();
        file
    };
    let sign = |version: u64| {
        registry(&[
            "trust-list",
            "sign",
            "--root",
            path(&root),
            "--statement",
            path(&statement(version)),
            "--out",
            path(&out_file),
        ])
    };
    assert!(sign(2).status.success());
    for version in [2, 1] {
        let out = sign(version);
        assert!(!out.status.success(), "version {version} after 2");
        assert!(
            stderr(&out).contains("is not higher than version 2"),
            "{}",
            stderr(&out)
        );
    }
    assert!(sign(3).status.success());
}

#[test]
fn export_writes_a_site_with_an_nginx_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let out = registry(&[
        "export",
        "--out",
        path(dir.path()),
        "--nginx-listen",
        "127.0.0.1:9999",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in [
        "nginx.conf",
        "pack.json",
        "site.json",
        "index.html",
        "l/ringwraith-2000/record.jws",
        "l/ringwraith-2000/links.linkset",
        "l/ringwraith-2000/en-US.html",
        "l/ringwraith-2000/es-US.html",
    ] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
}

fn keygen(dir: &Path) -> std::path::PathBuf {
    let key = dir.join("key.json");
    assert!(registry(&["keygen", "--alg", "es256", "--out", path(&key)])
        .status
        .success());
    key
}

#[test]
fn sign_out_dir_keeps_every_label_and_refuses_two_records_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path());
    let prefix = "https://demo.trustlabel.dev/l/";
    // Two labels whose last path segment is the same.
    let a = input_with(dir.path(), "a.json", |r| {
        r["QR_code_url"] = "https://demo.trustlabel.dev/l/shelf-a/cam".into()
    });
    let b = input_with(dir.path(), "b.json", |r| {
        r["QR_code_url"] = "https://demo.trustlabel.dev/l/shelf-b/cam".into()
    });
    let out_dir = dir.path().join("signed");
    let out = registry(&[
        "sign",
        "--key",
        path(&key),
        "--prefix",
        prefix,
        "--out-dir",
        path(&out_dir),
        &a,
        &b,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let found = trustlabel_registry::site::SiteSource::envelopes_in(&out_dir).unwrap();
    let subs: Vec<&str> = found.iter().map(|(sub, _)| sub.as_str()).collect();
    assert_eq!(
        subs,
        [
            "https://demo.trustlabel.dev/l/shelf-a/cam",
            "https://demo.trustlabel.dev/l/shelf-b/cam"
        ],
        "export and serve find both labels"
    );

    // Two inputs for one label in one run: refused, naming both.
    let again = input_with(dir.path(), "again.json", |r| {
        r["QR_code_url"] = "https://demo.trustlabel.dev/l/shelf-a/cam".into()
    });
    let out = registry(&[
        "sign",
        "--key",
        path(&key),
        "--prefix",
        prefix,
        "--out-dir",
        path(&dir.path().join("twice")),
        &a,
        &again,
    ]);
    assert!(!out.status.success());
    let text = stderr(&out);
    assert!(
        text.contains("a.json") && text.contains("again.json"),
        "{text}"
    );
}
