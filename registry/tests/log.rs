//! The registry logs what it signs: `keygen --log`, `sign --log` and `export --log` run as the
//! binary, the export's `log/` checked as a scanner would (checkpoint signature, inclusion
//! proof of every served envelope), and the append-only rules of the published files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{registry, stderr};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use trustlabel_registry::manifest::Manifest;
use trustlabel_tlog::{
    verify_inclusion, Hash, LogPolicy, RecordEntry, VerifierKey, CHECKPOINT_FILE,
};

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn fixtures() -> PathBuf {
    trustlabel_registry::default_fixtures_dir()
}

/// `keygen --log`: the verifier key on stdout, the private key in a 0600 file.
fn log_key(dir: &Path, origin: &str) -> (PathBuf, VerifierKey) {
    let file = dir.join(format!("{}.key", origin.replace('/', "_")));
    let out = registry(&["keygen", "--log", "--origin", origin, "--out", path(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let verifier = VerifierKey::parse(String::from_utf8_lossy(&out.stdout).trim()).unwrap();
    assert_eq!(verifier.name(), origin);
    (file, verifier)
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    trustlabel_tlog::TileDir::new(dir)
        .published_files()
        .unwrap()
}

/// What a scanner checks of a served envelope's `log_proof` (L1, L2, L3 and L6 of the
/// protocol), or `None` when it has none. Returns the entry's index and the tree size.
fn check_proof(envelope: &[u8], policy: &LogPolicy) -> Option<(u64, u64)> {
    // Some bad fixtures are not JSON at all (malformed, too large): no proof either.
    let value: serde_json::Value = serde_json::from_slice(envelope).ok()?;
    let proof = value.get("log_proof")?;
    let members: Vec<&String> = proof.as_object().unwrap().keys().collect();
    assert_eq!(members, ["checkpoint", "inclusion", "index"]);
    let checkpoint = policy
        .verify_checkpoint(proof["checkpoint"].as_str().unwrap().as_bytes())
        .expect("the checkpoint is signed by the log key");
    let index = proof["index"].as_u64().unwrap();
    let inclusion: Vec<Hash> = proof["inclusion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| Hash::from_slice(&STANDARD.decode(h.as_str().unwrap()).unwrap()).unwrap())
        .collect();
    let three = trustlabel_registry::sign::Envelope::from_bytes(envelope).unwrap();
    let compact = format!("{}.{}.{}", three.protected, three.payload, three.signature);
    let statement: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&three.payload)
            .unwrap(),
    )
    .unwrap();
    let entry = RecordEntry::for_statement(
        statement["iss"].as_str().unwrap(),
        statement["sub"].as_str().unwrap(),
        statement["iat"].as_u64().unwrap(),
        statement["seq"].as_u64().unwrap(),
        compact.as_bytes(),
    )
    .unwrap();
    let size = checkpoint.checkpoint().size;
    verify_inclusion(
        index,
        size,
        &Hash::leaf(&entry.to_bytes()),
        &inclusion,
        &checkpoint.checkpoint().root,
    )
    .expect("the inclusion proof leads to the checkpoint's root");
    Some((index, size))
}

fn export(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["export", "--out", path(out)];
    args.extend_from_slice(extra);
    registry(&args)
}

#[test]
fn export_logs_every_statement_the_registry_signed_once_and_never_rewrites_a_tile() {
    let dir = tempfile::tempdir().unwrap();
    let origin = "registry.test/log";
    let (key, verifier) = log_key(dir.path(), origin);
    let policy = LogPolicy::new(origin, verifier.clone(), vec![], 0).unwrap();
    let log_dir = dir.path().join("log");
    let site = dir.path().join("site");
    let log_args = ["--log", path(&log_dir), "--log-key", path(&key)];

    let out = export(&site, &log_args);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = Manifest::load(&fixtures()).unwrap();
    // Every envelope a scanner verifies, and every one that fails only after the signature
    // (signed in the future), carries a proof; forgeries and other keys' statements do not.
    let mut logged = 0;
    for label in &manifest.labels {
        let Some(_) = &label.envelope else { continue };
        let url_path = url::Url::parse(&label.url).unwrap().path().to_owned();
        let served = std::fs::read(site.join(&url_path[1..]).join("record.jws")).unwrap();
        let proof = check_proof(&served, &policy);
        let reason = label.expect.reason.as_deref().unwrap_or("");
        match (label.expect.outcome.as_str(), reason) {
            ("verified", _) | (_, "issued_in_future") => {
                assert!(proof.is_some(), "{} ({reason}) has no log_proof", label.url)
            }
            (
                _,
                "bad_signature"
                | "unknown_key"
                | "unsupported_algorithm"
                | "wrong_issuer"
                | "wrong_type",
            ) => assert!(proof.is_none(), "{} ({reason}) was logged", label.url),
            _ => {}
        }
        logged += usize::from(proof.is_some());
    }
    assert!(logged >= 14, "{logged} envelopes with proofs");
    assert_eq!(
        files(&log_dir),
        files(&site.join("log")),
        "the export publishes the log"
    );
    let first = files(&log_dir);

    // Re-export of an unchanged registry: nothing appended, no log file written.
    let out = export(&site, &log_args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("appended 0 statements (0 new tiles and bundles)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files(&log_dir), first);
    assert_eq!(files(&site.join("log")), first);

    // A changed registry: one new statement, signed by `sign --log` into the same log.
    let envelopes = dir.path().join("envelopes");
    std::fs::create_dir_all(&envelopes).unwrap();
    for entry in std::fs::read_dir(fixtures().join("envelopes")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), envelopes.join(entry.file_name())).unwrap();
    }
    let mut record: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixtures().join("records/ringwraith-2000.json")).unwrap(),
    )
    .unwrap();
    record["QR_code_url"] = "https://demo.trustlabel.dev/l/new-doorbell".into();
    let input = dir.path().join("new.json");
    std::fs::write(
        &input,
        serde_json::json!({"record": record, "status": {"authorization": "active"}}).to_string(),
    )
    .unwrap();
    let demo_key = fixtures().join("keys/demo-ed-2026.json");
    let mut sign_args = vec![
        "sign",
        "--key",
        path(&demo_key),
        "--prefix",
        "https://demo.trustlabel.dev/l/",
        "--iat",
        "1793491200",
        "--out-dir",
        path(&envelopes),
    ];
    sign_args.extend_from_slice(&log_args);
    sign_args.push(path(&input));
    let out = registry(&sign_args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("appended 1 statements"),
        "{}",
        stderr(&out)
    );
    let trust_list = fixtures().join("trust/trust-list.jws.json");
    let anchor = fixtures().join("trust/root-anchor.json");
    let mut export_args = vec![
        "--envelopes",
        path(&envelopes),
        "--trust-list",
        path(&trust_list),
        "--anchor",
        path(&anchor),
    ];
    export_args.extend_from_slice(&log_args);
    let out = export(&site, &export_args);
    assert!(out.status.success(), "{}", stderr(&out));
    // Already logged by `sign`: the export appends nothing more.
    assert!(
        stderr(&out).contains("appended 0 statements"),
        "{}",
        stderr(&out)
    );
    let second = files(&site.join("log"));
    for (file, bytes) in &first {
        if file != CHECKPOINT_FILE {
            assert_eq!(second.get(file), Some(bytes), "{file} changed or went away");
        }
    }
    let new_files: Vec<&String> = second.keys().filter(|f| !first.contains_key(*f)).collect();
    assert!(
        !new_files.is_empty() && new_files.len() <= 3,
        "only the new partial tiles and bundles: {new_files:?}"
    );
    let served = std::fs::read(site.join("l/new-doorbell/record.jws")).unwrap();
    let (index, size) = check_proof(&served, &policy).expect("the new record has a proof");
    assert_eq!(index + 1, size, "the new statement is the log's last entry");
    let old = std::fs::read(site.join("l/ringwraith-2000/record.jws")).unwrap();
    assert_eq!(
        check_proof(&old, &policy).unwrap().1,
        size,
        "older records' proofs are against the new checkpoint"
    );

    // Another log (another key, another origin) into the same folder is refused before
    // anything is written.
    let (other_key, _) = log_key(dir.path(), "other.test/log");
    let other_dir = dir.path().join("other-log");
    let out = export(
        &site,
        &["--log", path(&other_dir), "--log-key", path(&other_key)],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("rewrite"), "{}", stderr(&out));
    assert_eq!(files(&site.join("log")), second);
}

/// The log key rotation of `docs/transparency.md` through the binary: `--log-key` repeated
/// signs the published checkpoint with the old and the new key (at once, with nothing new to
/// append), then the new key alone carries on; a key of the origin the log never signed with,
/// or keys of two origins, are refused.
#[test]
fn export_rotates_the_log_key_with_log_key_given_twice() {
    let dir = tempfile::tempdir().unwrap();
    let origin = "registry.test/log";
    let (old, old_verifier) = log_key(&dir.path().join("old"), origin);
    let (new, new_verifier) = log_key(&dir.path().join("new"), origin);
    let (stranger, _) = log_key(&dir.path().join("stranger"), origin);
    let (other_origin, _) = log_key(dir.path(), "other.test/log");
    let by_old = LogPolicy::new(origin, old_verifier, vec![], 0).unwrap();
    let by_new = LogPolicy::new(origin, new_verifier, vec![], 0).unwrap();
    let log_dir = dir.path().join("log");
    let site = dir.path().join("site");
    let checkpoint = || std::fs::read(site.join("log").join(CHECKPOINT_FILE)).unwrap();
    let served = || std::fs::read(site.join("l/ringwraith-2000/record.jws")).unwrap();
    let run = |keys: &[&Path]| {
        let mut args = vec!["--log", path(&log_dir)];
        for key in keys {
            args.extend(["--log-key", path(key)]);
        }
        export(&site, &args)
    };

    let out = run(&[&old]);
    assert!(out.status.success(), "{}", stderr(&out));
    by_old.verify_checkpoint(&checkpoint()).unwrap();
    // The new key alone cannot take over a log it never signed.
    let out = run(&[&new]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not signed by the log's key"),
        "{}",
        stderr(&out)
    );

    // Step 1: both keys. Nothing new to log, yet the checkpoint is signed by both.
    let out = run(&[&old, &new]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("appended 0"), "{}", stderr(&out));
    by_old.verify_checkpoint(&checkpoint()).unwrap();
    by_new.verify_checkpoint(&checkpoint()).unwrap();
    let size = check_proof(&served(), &by_new).unwrap().1;
    assert_eq!(check_proof(&served(), &by_old).unwrap().1, size);

    // Step 2: the new key alone opens the log and signs from now on.
    let out = run(&[&new]);
    assert!(out.status.success(), "{}", stderr(&out));
    by_new.verify_checkpoint(&checkpoint()).unwrap();

    // A key of the origin that never signed the log, and keys of two origins: refused.
    let out = run(&[&stranger]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not signed by the log's key"),
        "{}",
        stderr(&out)
    );
    let out = run(&[&new, &other_origin]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("different origins"),
        "{}",
        stderr(&out)
    );
    by_new.verify_checkpoint(&checkpoint()).unwrap();
}

#[test]
fn keygen_log_keeps_an_existing_key_and_never_prints_the_private_half() {
    let dir = tempfile::tempdir().unwrap();
    let (file, verifier) = log_key(dir.path(), "registry.test/log");
    let secret = std::fs::read_to_string(&file).unwrap();
    assert!(secret.starts_with("PRIVATE+KEY+registry.test/log+"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let again = registry(&[
        "keygen",
        "--log",
        "--origin",
        "registry.test/log",
        "--out",
        path(&file),
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        String::from_utf8_lossy(&again.stdout).trim(),
        verifier.to_text()
    );
    assert!(!String::from_utf8_lossy(&again.stdout).contains(secret.trim()));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), secret, "kept");
    let other = registry(&[
        "keygen",
        "--log",
        "--origin",
        "other.test/log",
        "--out",
        path(&file),
    ]);
    assert!(!other.status.success());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        secret,
        "never overwritten"
    );
}

#[test]
fn the_server_and_nginx_cache_the_checkpoint_never_and_tiles_forever() {
    let dir = tempfile::tempdir().unwrap();
    let (key, _) = log_key(dir.path(), "registry.test/log");
    let site_dir = dir.path().join("site");
    let out = export(
        &site_dir,
        &[
            "--log",
            path(&dir.path().join("log")),
            "--log-key",
            path(&key),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let site = trustlabel_registry::site::Site::load(&site_dir).unwrap();
    let served = trustlabel_registry::serve::Served::new(&site);
    let get = |p: &str| {
        trustlabel_registry::serve::answer(
            &served,
            &axum::http::Method::GET,
            p,
            &axum::http::HeaderMap::new(),
        )
        .response
    };
    let checkpoint = get("/log/checkpoint");
    assert_eq!(checkpoint.status(), 200);
    assert_eq!(checkpoint.headers()["cache-control"], "no-cache");
    assert!(checkpoint.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let tile = files(&site_dir.join("log"))
        .into_keys()
        .find(|f| f.starts_with("tile/0/"))
        .unwrap();
    let tile = get(&format!("/log/{tile}"));
    assert_eq!(tile.status(), 200);
    assert_eq!(
        tile.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let conf = std::fs::read_to_string(site_dir.join("nginx.conf")).unwrap();
    assert!(conf.contains("location = /log/checkpoint") && conf.contains("immutable"));
}
