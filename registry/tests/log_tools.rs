//! `monitor` and `witness` run as the binary against logs `export --log` wrote, and against
//! logs made wrong on purpose: truncated, rewritten (a fork under the same key), holding a
//! statement the registry never signed, signed by another key.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{registry, stderr};

use trustlabel_registry::log::{entry_for, load_key, open_or_create, Logged};
use trustlabel_tlog::{LogPolicy, Note, VerifierKey};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn fixtures() -> PathBuf {
    trustlabel_registry::default_fixtures_dir()
}

const ORIGIN: &str = "registry.test/log";

/// A log key and a log holding the fixtures' statements (via `export --log`).
struct Setup {
    dir: tempfile::TempDir,
    key: PathBuf,
    verifier: String,
    log: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("log.key");
    let out = registry(&["keygen", "--log", "--origin", ORIGIN, "--out", path(&key)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let verifier = stdout(&out).trim().to_owned();
    let log = dir.path().join("log");
    let out = registry(&[
        "export",
        "--out",
        path(&dir.path().join("site")),
        "--log",
        path(&log),
        "--log-key",
        path(&key),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    Setup {
        dir,
        key,
        verifier,
        log,
    }
}

fn monitor(s: &Setup, log: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "monitor",
        "--log",
        path(log),
        "--log-public-key",
        &s.verifier,
        "--json",
    ];
    args.extend_from_slice(extra);
    registry(&args)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn finding_codes(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A new statement for `slug`, signed with the demo key by `sign --log` into `s.log`.
fn sign_new(s: &Setup, slug: &str) {
    let mut record: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixtures().join("records/ringwraith-2000.json")).unwrap(),
    )
    .unwrap();
    record["QR_code_url"] = format!("https://demo.trustlabel.dev/l/{slug}").into();
    let input = s.dir.path().join(format!("{slug}.json"));
    std::fs::write(
        &input,
        serde_json::json!({"record": record, "status": {"authorization": "active"}}).to_string(),
    )
    .unwrap();
    let out = registry(&[
        "sign",
        "--key",
        path(&fixtures().join("keys/demo-ed-2026.json")),
        "--prefix",
        "https://demo.trustlabel.dev/l/",
        "--iat",
        "1793491200",
        "--out-dir",
        path(&s.dir.path().join("signed")),
        "--log",
        path(&s.log),
        "--log-key",
        path(&s.key),
        path(&input),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_monitor_lists_every_record_and_marks_what_is_new_since_its_last_run() {
    let s = setup();
    let state = s.dir.path().join("monitor.state");
    let out = monitor(&s, &s.log, &["--state", path(&state)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["size"], 18);
    assert_eq!(report["checked"], 18);
    assert!(finding_codes(&report).is_empty());
    let labels = report["labels"].as_object().unwrap();
    // 16 labels that verify, the one signed in the future and the one the fixture log left
    // out (this export logs it): every record the registry signed, none of the forgeries.
    assert_eq!(labels.len(), 18, "{:?}", labels.keys().collect::<Vec<_>>());
    assert!(labels.contains_key("https://demo.trustlabel.dev/l/ringwraith-2000"));
    assert!(!labels.contains_key("https://demo.trustlabel.dev/l/bad-forged-signature"));

    // One label; a maker's prefix (which must end where a URL part ends).
    let one = json(&monitor(
        &s,
        &s.log,
        &["--label", "https://demo.trustlabel.dev/l/palantir-cam"],
    ));
    assert_eq!(one["labels"].as_object().unwrap().len(), 1);
    let part = json(&monitor(
        &s,
        &s.log,
        &["--prefix", "https://demo.trustlabel.dev/l/ring"],
    ));
    assert!(part["labels"].as_object().unwrap().is_empty());

    // A new record since: listed as new, and the state moves on.
    sign_new(&s, "new-doorbell");
    let out = monitor(&s, &s.log, &["--state", path(&state)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["previous_size"], 18);
    let new: Vec<&str> = report["labels"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, issued)| issued.as_array().unwrap().iter().any(|i| i["new"] == true))
        .map(|(label, _)| label.as_str())
        .collect();
    assert_eq!(new, ["https://demo.trustlabel.dev/l/new-doorbell"]);

    // The table, for people.
    let out = registry(&[
        "monitor",
        "--log",
        path(&s.log),
        "--log-public-key",
        &s.verifier,
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("19 labels, 19 records"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_monitor_catches_a_truncated_or_rewritten_log() {
    let s = setup();
    let before = s.dir.path().join("before");
    copy_tree(&s.log, &before);
    sign_new(&s, "new-doorbell");
    let state = s.dir.path().join("monitor.state");
    assert_eq!(
        monitor(&s, &s.log, &["--state", path(&state)])
            .status
            .code(),
        Some(0)
    );
    let saved = std::fs::read(&state).unwrap();

    // Truncated: the log served is the older, shorter one.
    let out = monitor(&s, &before, &["--state", path(&state)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(finding_codes(&json(&out)), ["log_truncated"]);
    assert_eq!(std::fs::read(&state).unwrap(), saved, "state kept");

    // Rewritten: the same key signs a fork holding other statements, of the same size and
    // larger.
    let fork = s.dir.path().join("fork");
    {
        let mut writer = open_or_create(&fork, load_key(&s.key).unwrap()).unwrap();
        let mut statements: Vec<Logged> = std::fs::read_dir(fixtures().join("envelopes"))
            .unwrap()
            .map(|e| entry_for(&std::fs::read(e.unwrap().path()).unwrap()).unwrap())
            .collect();
        statements.reverse();
        trustlabel_registry::log::append_new(&mut writer, &statements).unwrap();
    }
    let out = monitor(&s, &fork, &["--state", path(&state)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let codes = finding_codes(&json(&out));
    assert!(
        codes == ["log_truncated"] || codes == ["log_rewritten"],
        "{codes:?}"
    );
    assert_eq!(std::fs::read(&state).unwrap(), saved, "state kept");

    // A tile changed under the same checkpoint: the tiles no longer give the signed root.
    let tampered = s.dir.path().join("tampered");
    copy_tree(&s.log, &tampered);
    let bundle = std::fs::read_dir(tampered.join("tile/entries/000.p"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .max()
        .unwrap();
    let mut bytes = std::fs::read(&bundle).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 1;
    std::fs::write(&bundle, bytes).unwrap();
    let out = monitor(&s, &tampered, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!finding_codes(&json(&out)).is_empty());
}

#[test]
fn the_monitor_reports_an_entry_the_registry_never_signed_and_a_foreign_checkpoint() {
    let s = setup();
    // The log key holder appends a forgery: a statement the registry's keys did not sign.
    {
        let mut writer = open_or_create(&s.log, load_key(&s.key).unwrap()).unwrap();
        let forged = std::fs::read(fixtures().join("bad/forged-signature.jws.json")).unwrap();
        trustlabel_registry::log::append_new(&mut writer, &[entry_for(&forged).unwrap()]).unwrap();
    }
    let out = monitor(&s, &s.log, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json(&out);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["code"], "not_signed");
    assert_eq!(findings[0]["index"], 18);

    // A checkpoint by another key under the same name.
    let other = s.dir.path().join("other.key");
    let out = registry(&["keygen", "--log", "--origin", ORIGIN, "--out", path(&other)]);
    let other_verifier = stdout(&out).trim().to_owned();
    let out = registry(&[
        "monitor",
        "--log",
        path(&s.log),
        "--log-public-key",
        &other_verifier,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(finding_codes(&json(&out)), ["log_signature"]);

    // Nothing to read is an error, not a finding; a bad command line is usage.
    let out = monitor(&s, &s.dir.path().join("missing"), &[]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let out = registry(&[
        "monitor",
        "--log",
        path(&s.log),
        "--label",
        "a",
        "--prefix",
        "b",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

fn witness(s: &Setup, key: &Path, state: &Path, log: &Path) -> Output {
    registry(&[
        "witness",
        "--key",
        path(key),
        "--state",
        path(state),
        "--log-public-key",
        &s.verifier,
        "--log",
        path(log),
    ])
}

#[test]
fn the_witness_cosigns_only_checkpoints_consistent_with_the_last_it_cosigned() {
    let s = setup();
    let key = s.dir.path().join("witness.key");
    let out = registry(&[
        "keygen",
        "--witness",
        "--origin",
        "witness.test/w1",
        "--out",
        path(&key),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let witness_text = stdout(&out).trim().to_owned();
    let witness_key = VerifierKey::parse(&witness_text).unwrap();
    let state = s.dir.path().join("witness.state");
    let policy = LogPolicy::new(
        ORIGIN,
        VerifierKey::parse(&s.verifier).unwrap(),
        vec![witness_key],
        1,
    )
    .unwrap();
    let cosigned = |log: &Path, line: &str| {
        let mut note = std::fs::read(log.join("checkpoint")).unwrap();
        note.extend_from_slice(line.as_bytes());
        policy.verify_checkpoint(&note)
    };

    let before = s.dir.path().join("before");
    copy_tree(&s.log, &before);
    let out = witness(&s, &key, &state, &s.log);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("— witness.test/w1 "));
    let verified = cosigned(&s.log, &stdout(&out)).expect("the cosignature verifies");
    assert_eq!(verified.cosigners(), ["witness.test/w1"]);

    // The registry publishes the cosigned checkpoint; a line for another checkpoint is
    // refused (scanners would refuse a listed witness's line that does not verify).
    let line = s.dir.path().join("cosignature");
    std::fs::write(&line, stdout(&out)).unwrap();
    let cosign = |file: &Path| {
        registry(&[
            "cosign",
            "--log",
            path(&s.log),
            "--log-key",
            path(&s.key),
            "--witness-key",
            &witness_text,
            path(file),
        ])
    };
    let out = cosign(&line);
    assert!(out.status.success(), "{}", stderr(&out));
    let published = std::fs::read(s.log.join("checkpoint")).unwrap();
    assert_eq!(
        policy.verify_checkpoint(&published).unwrap().cosigners(),
        ["witness.test/w1"]
    );

    // The log grows: cosigned again, with the consistency proof built from its tiles.
    sign_new(&s, "new-doorbell");
    let out = cosign(&line);
    assert!(
        !out.status.success(),
        "a line for the older checkpoint is refused"
    );
    assert!(stderr(&out).contains("do not verify"), "{}", stderr(&out));
    let out = witness(&s, &key, &state, &s.log);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    cosigned(&s.log, &stdout(&out)).expect("the cosignature verifies");
    let state_bytes = std::fs::read(&state).unwrap();

    // Older than the last cosigned: refused.
    let out = witness(&s, &key, &state, &before);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    // A fork under the same key, larger than the last cosigned: refused (its tiles give no
    // consistency proof from the tree cosigned).
    let fork = s.dir.path().join("fork");
    {
        let mut writer = open_or_create(&fork, load_key(&s.key).unwrap()).unwrap();
        let mut statements: Vec<Logged> = std::fs::read_dir(fixtures().join("envelopes"))
            .unwrap()
            .chain(std::fs::read_dir(fixtures().join("bad")).unwrap())
            .filter_map(|e| entry_for(&std::fs::read(e.unwrap().path()).unwrap()))
            .collect();
        statements.reverse();
        trustlabel_registry::log::append_new(&mut writer, &statements).unwrap();
        assert!(writer.head().size > 19, "{}", writer.head().size);
    }
    let out = witness(&s, &key, &state, &fork);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("(422)") || stderr(&out).contains("(409)"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
    assert_eq!(
        std::fs::read(&state).unwrap(),
        state_bytes,
        "state unchanged"
    );

    // A log it does not follow.
    let (other_key, other_log) = (s.dir.path().join("o.key"), s.dir.path().join("o-log"));
    assert!(registry(&[
        "keygen",
        "--log",
        "--origin",
        "other.test/log",
        "--out",
        path(&other_key)
    ])
    .status
    .success());
    drop(open_or_create(&other_log, load_key(&other_key).unwrap()).unwrap());
    let out = witness(&s, &key, &state, &other_log);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("(404)"), "{}", stderr(&out));

    // The request form (C2SP tlog-witness add-checkpoint body), read from a file.
    let note = std::fs::read(s.log.join("checkpoint")).unwrap();
    let size = trustlabel_tlog::Checkpoint::parse(Note::parse(&note).unwrap().text())
        .unwrap()
        .size;
    let request = s.dir.path().join("request");
    let mut body = format!("old {size}\n\n").into_bytes();
    body.extend_from_slice(&note);
    std::fs::write(&request, body).unwrap();
    let out = registry(&[
        "witness",
        "--key",
        path(&key),
        "--state",
        path(&state),
        "--log-public-key",
        &s.verifier,
        "--request",
        path(&request),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    cosigned(&s.log, &stdout(&out)).expect("the same checkpoint again, cosigned");
}

/// `witness --request` and `cosign` read their input (a file, or standard input for `-`)
/// capped: past an add-checkpoint request's or a note's largest size they stop with an
/// error naming the cap, without reading the rest (the file here is a sparse terabyte).
#[test]
fn the_witness_request_and_cosign_lines_are_read_capped() {
    use std::io::Write;
    let s = setup();
    let key = s.dir.path().join("witness.key");
    let out = registry(&[
        "keygen",
        "--witness",
        "--origin",
        "witness.test/w1",
        "--out",
        path(&key),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let witness_text = stdout(&out).trim().to_owned();
    let state = s.dir.path().join("witness.state");
    let huge = s.dir.path().join("huge");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    let witness_args = |request: &Path| {
        vec![
            "witness".to_owned(),
            "--key".to_owned(),
            path(&key).to_owned(),
            "--state".to_owned(),
            path(&state).to_owned(),
            "--log-public-key".to_owned(),
            s.verifier.clone(),
            "--request".to_owned(),
            path(request).to_owned(),
        ]
    };
    let request_cap = format!(
        "larger than {} bytes",
        trustlabel_tlog::MAX_ADD_CHECKPOINT_BYTES
    );
    let args = witness_args(&huge);
    let out = registry(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains(&request_cap), "{}", stderr(&out));

    // From standard input: one byte over the cap is refused the same way.
    let args = witness_args(Path::new("-"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_trustlabel-registry"))
        .args(&args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let body = vec![b'x'; trustlabel_tlog::MAX_ADD_CHECKPOINT_BYTES + 1];
    let mut stdin = child.stdin.take().unwrap();
    // The tool may stop reading at the cap and exit: a broken pipe here is expected.
    let _ = stdin.write_all(&body);
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains(&request_cap), "{}", stderr(&out));

    let out = registry(&[
        "cosign",
        "--log",
        path(&s.log),
        "--log-key",
        path(&s.key),
        "--witness-key",
        &witness_text,
        path(&huge),
    ]);
    assert!(!out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "larger than {} bytes",
            trustlabel_tlog::MAX_NOTE_BYTES
        )),
        "{}",
        stderr(&out)
    );
}
