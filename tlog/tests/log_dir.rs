//! The log on disk: a directory that only grows (every published file hashed before and after
//! each append), survives an interrupted append, refuses a damaged or foreign log, and is
//! monitored from its files, per label and per maker's URL prefix.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use trustlabel_tlog::{
    append, consistency_proof, monitor, monitor_records, tree_hash, ClientState, Error, Hash,
    KeyKind, LogWriter, RecordEntry, Statements, TileDir, TileReader, TreeHead,
};

/// SHA-256 of every file under `dir`, by relative path.
fn hash_all(dir: &Path) -> BTreeMap<String, Hash> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Hash>) {
        for item in std::fs::read_dir(dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                // Hash::leaf is a SHA-256 over the bytes: as good a fingerprint as any.
                out.insert(rel, Hash::leaf(&std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn maker(i: u64) -> &'static str {
    if i.is_multiple_of(3) {
        "acme"
    } else {
        "globex"
    }
}

/// The statement (a JWS compact form, in short) of label `i` of `maker`.
fn compact(maker: &str, i: u64) -> String {
    format!("eyJhbGciOiJFZERTQSJ9.{maker}-{i}.c2ln")
}

/// A record entry for label `i` of `maker`.
fn record(maker: &str, i: u64) -> RecordEntry {
    let compact = compact(maker, i);
    RecordEntry::for_statement(
        "demo",
        &format!("https://registry.example/l/{maker}/{i}"),
        1_790_000_000 + i,
        1,
        compact.as_bytes(),
    )
    .unwrap()
}

fn records(from: u64, to: u64) -> Vec<Vec<u8>> {
    (from..to).map(|i| record(maker(i), i).to_bytes()).collect()
}

fn statements(from: u64, to: u64) -> Vec<Vec<u8>> {
    (from..to)
        .map(|i| compact(maker(i), i).into_bytes())
        .collect()
}

#[test]
fn appends_to_a_log_directory_never_change_a_published_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("log");
    let mut all = records(0, 1000);
    {
        let mut writer = LogWriter::create(&dir, ORIGIN, log_key()).unwrap();
        assert_eq!(writer.head().size, 0);
        let report = writer
            .append_with_statements(&all, &statements(0, 1000))
            .unwrap();
        assert_eq!(report.first_index, 0);
        assert_eq!(report.head.size, 1000);
    }
    let policy = policy(&[], 0);
    for batch in [1u64, 255, 256, 257, 100, 0, 3000] {
        let before = hash_all(&dir);
        // Reopened each time, as an export run would.
        let mut writer = LogWriter::open(&dir, ORIGIN, log_key()).unwrap();
        let start = writer.head().size;
        let new = records(start, start + batch);
        let report = writer
            .append_with_statements(&new, &statements(start, start + batch))
            .unwrap();
        all.extend(new);
        let after = hash_all(&dir);
        for (path, hash) in &before {
            if path == "checkpoint" || path == ".lock" {
                continue;
            }
            assert_eq!(after.get(path), Some(hash), "{path} changed after +{batch}");
        }
        for path in &report.written {
            assert!(!before.contains_key(path), "{path} written twice");
        }
        if batch == 0 {
            assert_eq!(before, after, "an empty append wrote something");
        }
        // The published checkpoint is signed, and its root is the entries' tree hash.
        let checkpoint = policy
            .verify_checkpoint(&TileDir::new(&dir).checkpoint().unwrap())
            .unwrap();
        let leaves: Vec<Hash> = all.iter().map(|e| Hash::leaf(e)).collect();
        assert_eq!(checkpoint.checkpoint().size, all.len() as u64);
        assert_eq!(checkpoint.checkpoint().root, tree_hash(&leaves));
        assert_eq!(report.first_index, start);
    }

    // The directory holds every file a log built at once would, byte for byte.
    let at_once = append(&BTreeMap::new(), 0, &all).unwrap();
    for (path, bytes) in &at_once.writes {
        assert_eq!(&std::fs::read(dir.join(path)).unwrap(), bytes, "{path}");
    }
    // Every entry's statement is where the monitor looks for it.
    let store = TileDir::new(&dir);
    let mut read = Statements::new(&store, all.len() as u64);
    for (i, entry) in all.iter().enumerate() {
        let entry = RecordEntry::parse(entry).unwrap();
        assert!(entry.logs_statement(read.get(i as u64).unwrap()), "{i}");
    }
    // Proofs built by the writer verify for a reader, and link to an older checkpoint.
    let writer = LogWriter::open(&dir, ORIGIN, log_key()).unwrap();
    let size = writer.head().size;
    let mut client = ClientState::default();
    let prover = writer.prover().unwrap();
    for index in [0, 255, 256, 1000, size - 1] {
        let proof = writer.proof(index).unwrap();
        assert_eq!(prover.proof(index).unwrap(), proof);
        client
            .check_logged(&policy, &all[index as usize], &proof)
            .unwrap();
    }
    let old = TreeHead {
        size: 1000,
        root: tree_hash(
            &all[..1000]
                .iter()
                .map(|e| Hash::leaf(e))
                .collect::<Vec<_>>(),
        ),
    };
    trustlabel_tlog::verify_consistency(
        old.size,
        size,
        &old.root,
        &writer.head().root,
        &writer.consistency(1000).unwrap(),
    )
    .unwrap();
}

#[test]
fn an_interrupted_append_leaves_the_old_checkpoint_and_the_next_append_replaces_its_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("log");
    let mut writer = LogWriter::create(&dir, ORIGIN, log_key()).unwrap();
    writer.append(&records(0, 300)).unwrap();
    let checkpoint = writer.checkpoint();
    drop(writer);

    // A crash after the tiles of +300 were renamed into place, before the checkpoint: the
    // files are there (a full tile 001 among them), the checkpoint is the old one, and a
    // temporary file was left behind.
    let lost = append(&TileDir::new(&dir), 300, &records(300, 600)).unwrap();
    assert!(lost.writes.contains_key("tile/0/001"));
    for (path, bytes) in &lost.writes {
        trustlabel_tlog::write_atomically(&dir.join(path), bytes).unwrap();
    }
    std::fs::write(dir.join("tile/0/.002.tmp.1"), b"half a tile").unwrap();

    // The log is still the 300 of the checkpoint; the next append (other entries this time)
    // replaces the files no checkpoint covered, and the result is a sound log.
    let mut writer = LogWriter::open(&dir, ORIGIN, log_key()).unwrap();
    assert_eq!(writer.head().size, 300);
    assert_eq!(writer.checkpoint(), checkpoint);
    let mut other: Vec<Vec<u8>> = records(1000, 1300);
    writer.append(&other).unwrap();
    let mut all = records(0, 300);
    all.append(&mut other);
    let leaves: Vec<Hash> = all.iter().map(|e| Hash::leaf(e)).collect();
    assert_eq!(writer.head().root, tree_hash(&leaves));
    let policy = policy(&[], 0);
    let cp = policy.verify_checkpoint(&writer.checkpoint()).unwrap();
    let report = monitor(&TileDir::new(&dir), &cp, None, |_, _| Ok(())).unwrap();
    assert_eq!(report.entries, 600);
}

#[test]
fn opening_refuses_a_foreign_or_damaged_log_and_a_second_writer() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("log");
    let mut writer = LogWriter::create(&dir, ORIGIN, log_key()).unwrap();
    writer.append(&records(0, 300)).unwrap();

    // One writer at a time; never a second log over the first.
    assert!(matches!(
        LogWriter::open(&dir, ORIGIN, log_key()),
        Err(Error::Locked { .. })
    ));
    drop(writer);
    assert!(matches!(
        LogWriter::create(&dir, ORIGIN, log_key()),
        Err(Error::LogExists { .. })
    ));

    // Another key, another origin, a witness key.
    assert_eq!(
        LogWriter::open(&dir, ORIGIN, key(ORIGIN, KeyKind::Ed25519, 9)).map(|w| w.head()),
        Err(Error::NoLogSignature)
    );
    assert!(matches!(
        LogWriter::open(&dir, "other.example/log", log_key()),
        Err(Error::WrongOrigin { .. })
    ));
    assert!(matches!(
        LogWriter::open(&dir, ORIGIN, witness(1)),
        Err(Error::MalformedKey { .. })
    ));

    // A partial tile the next append would build on, changed: the root no longer matches.
    let tile = dir.join("tile/0/001.p/44");
    let good = std::fs::read(&tile).unwrap();
    let mut bad = good.clone();
    bad[0] ^= 1;
    std::fs::write(&tile, &bad).unwrap();
    assert!(matches!(
        LogWriter::open(&dir, ORIGIN, log_key()),
        Err(Error::TreeHashMismatch { .. })
    ));
    std::fs::write(&tile, &good).unwrap();

    // The partial bundle changed: its entries no longer hash to the tile.
    let bundle = dir.join("tile/entries/001.p/44");
    let good = std::fs::read(&bundle).unwrap();
    let mut bad = good.clone();
    let last = bad.len() - 2;
    bad[last] ^= 1;
    std::fs::write(&bundle, &bad).unwrap();
    assert_eq!(
        LogWriter::open(&dir, ORIGIN, log_key()).map(|w| w.head()),
        Err(Error::TilesDisagree {
            path: "tile/entries/001.p/44".into()
        })
    );
    std::fs::write(&bundle, &good).unwrap();

    // A full level-0 tile changed: open reads the level-1 hash above it and does not see it;
    // the prover, which reads every leaf hash, does.
    let tile = dir.join("tile/0/000");
    let good = std::fs::read(&tile).unwrap();
    let mut bad = good.clone();
    bad[100] ^= 1;
    std::fs::write(&tile, &bad).unwrap();
    let writer = LogWriter::open(&dir, ORIGIN, log_key()).unwrap();
    assert!(matches!(
        writer.prover(),
        Err(Error::TreeHashMismatch { .. })
    ));
    drop(writer);
    std::fs::write(&tile, &good).unwrap();
    LogWriter::open(&dir, ORIGIN, log_key())
        .unwrap()
        .prover()
        .unwrap();

    // A missing checkpoint is an I/O error naming the file.
    std::fs::remove_file(dir.join("checkpoint")).unwrap();
    assert!(matches!(
        LogWriter::open(&dir, ORIGIN, log_key()),
        Err(Error::Io {
            kind: std::io::ErrorKind::NotFound,
            ..
        })
    ));
}

#[test]
fn an_export_appends_only_the_statements_not_logged_yet() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("log");
    // What an export does each run: read what is logged, append what is not.
    let export = |labels: std::ops::Range<u64>| {
        let mut writer = if dir.join("checkpoint").exists() {
            LogWriter::open(&dir, ORIGIN, log_key()).unwrap()
        } else {
            LogWriter::create(&dir, ORIGIN, log_key()).unwrap()
        };
        let logged = writer.logged_statements().unwrap();
        let new: Vec<u64> = labels
            .filter(|&i| !logged.contains(&record(maker(i), i).statement_hash))
            .collect();
        let entries: Vec<Vec<u8>> = new
            .iter()
            .map(|&i| record(maker(i), i).to_bytes())
            .collect();
        let statements: Vec<Vec<u8>> = new
            .iter()
            .map(|&i| compact(maker(i), i).into_bytes())
            .collect();
        writer
            .append_with_statements(&entries, &statements)
            .unwrap();
        (new.len(), writer.head().size)
    };
    assert_eq!(export(0..300), (300, 300));
    assert_eq!(
        export(0..300),
        (0, 300),
        "an unchanged registry appends nothing"
    );
    assert_eq!(
        export(0..350),
        (50, 350),
        "a changed one appends what is new"
    );
    assert_eq!(export(100..360), (10, 360));

    // A bundle changed under the checkpoint: the export refuses to build on it.
    let bundle = dir.join("tile/entries/000");
    let mut bytes = std::fs::read(&bundle).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 1;
    std::fs::write(&bundle, bytes).unwrap();
    let writer = LogWriter::open(&dir, ORIGIN, log_key()).unwrap();
    assert!(writer.logged_statements().is_err());
}

#[test]
fn cosignature_lines_are_added_to_the_published_checkpoint() {
    let tmp = tempfile::tempdir().unwrap();
    let mut writer = LogWriter::create(tmp.path(), ORIGIN, log_key()).unwrap();
    writer.append(&records(0, 10)).unwrap();
    let (w1, w2) = (witness(1), witness(2));
    let text = trustlabel_tlog::Note::parse(&writer.checkpoint())
        .unwrap()
        .text()
        .to_owned();
    let lines = format!(
        "{}{}",
        w1.sign(&text, 5).to_line(),
        w2.sign(&text, 6).to_line()
    );
    writer.add_cosignatures(lines.as_bytes()).unwrap();
    let on_disk = TileDir::new(tmp.path()).checkpoint().unwrap();
    assert_eq!(on_disk, writer.checkpoint());
    let cp = policy(&[&w1, &w2], 2).verify_checkpoint(&on_disk).unwrap();
    assert_eq!(cp.cosigners().len(), 2);
    // Not signature lines: refused, the checkpoint unchanged.
    assert!(writer.add_cosignatures(b"not a line\n").is_err());
    assert_eq!(TileDir::new(tmp.path()).checkpoint().unwrap(), on_disk);
}

/// The rotation `docs/transparency.md` describes, on the writer's side: a log signed by key A
/// is opened with A and B (its checkpoint gains B's signature at once, its cosignature kept),
/// appends signed by both, then opened with B alone; a key the log never signed with is
/// refused at every step.
#[test]
fn a_log_rotates_its_key_signing_with_old_and_new_then_new_alone() {
    let tmp = tempfile::tempdir().unwrap();
    // A signer key is not Clone (a secret): each use makes it again from its seed.
    let a = log_key;
    let b = || key(ORIGIN, KeyKind::Ed25519, 2);
    let stranger = key(ORIGIN, KeyKind::Ed25519, 9);
    let only = |k: &trustlabel_tlog::SignerKey, witnesses: &[&trustlabel_tlog::SignerKey]| {
        let w = witnesses.iter().map(|w| w.verifier().clone()).collect();
        trustlabel_tlog::LogPolicy::new(ORIGIN, k.verifier().clone(), w, witnesses.len()).unwrap()
    };
    let w1 = witness(1);
    let mut writer = LogWriter::create(tmp.path(), ORIGIN, a()).unwrap();
    writer.append(&records(0, 10)).unwrap();
    let text = trustlabel_tlog::Note::parse(&writer.checkpoint())
        .unwrap()
        .text()
        .to_owned();
    writer
        .add_cosignatures(w1.sign(&text, 5).to_line().as_bytes())
        .unwrap();
    let head = writer.head();
    drop(writer);
    let on_disk = || TileDir::new(tmp.path()).checkpoint().unwrap();
    assert_eq!(
        only(&b(), &[]).verify_checkpoint(&on_disk()),
        Err(Error::NoLogSignature)
    );
    // The new key alone cannot open a log it never signed.
    assert_eq!(
        LogWriter::open_with_keys(tmp.path(), ORIGIN, vec![b()]).map(|w| w.head()),
        Err(Error::NoLogSignature)
    );

    // Step 1: old and new. The published checkpoint is signed by both without an append,
    // and keeps the witness's cosignature (same text).
    let mut writer = LogWriter::open_with_keys(tmp.path(), ORIGIN, vec![a(), b()]).unwrap();
    assert_eq!(writer.head(), head);
    only(&a(), &[&w1]).verify_checkpoint(&on_disk()).unwrap();
    only(&b(), &[&w1]).verify_checkpoint(&on_disk()).unwrap();
    writer.append(&records(10, 300)).unwrap();
    for k in [a(), b()] {
        let cp = only(&k, &[]).verify_checkpoint(&on_disk()).unwrap();
        assert_eq!(cp.checkpoint().size, 300);
    }
    drop(writer);

    // Step 2: the new key alone opens the log (signed by both) and signs on alone.
    let mut writer = LogWriter::open_with_keys(tmp.path(), ORIGIN, vec![b()]).unwrap();
    writer.append(&records(300, 301)).unwrap();
    only(&b(), &[]).verify_checkpoint(&on_disk()).unwrap();
    assert_eq!(
        only(&a(), &[]).verify_checkpoint(&on_disk()),
        Err(Error::NoLogSignature)
    );
    drop(writer);
    for keys in [vec![a()], vec![stranger]] {
        assert_eq!(
            LogWriter::open_with_keys(tmp.path(), ORIGIN, keys).map(|w| w.head()),
            Err(Error::NoLogSignature)
        );
    }
    // No key, or one key twice: refused before anything is read.
    for keys in [vec![], vec![b(), b()]] {
        assert!(matches!(
            LogWriter::open_with_keys(tmp.path(), ORIGIN, keys),
            Err(Error::MalformedKey { .. })
        ));
    }
}

#[test]
fn the_monitor_reports_every_record_per_label_and_prefix_from_a_log_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("log");
    let mut writer = LogWriter::create(&dir, ORIGIN, log_key()).unwrap();
    let mut entries = Vec::new();
    let mut statements = Vec::new();
    for i in 0..600u64 {
        let maker = ["acme", "acme-evil", "globex"][(i % 3) as usize];
        // Label 7 of each maker is signed again (a new seq) every 100 entries.
        let label = if i % 100 < 3 { 7 } else { i };
        let compact = format!("header.{maker}-{i}.signature").into_bytes();
        let entry = RecordEntry::for_statement(
            "demo",
            &format!("https://registry.example/l/{maker}/{label}"),
            1_790_000_000 + i,
            i,
            &compact,
        )
        .unwrap();
        entries.push(entry.to_bytes());
        statements.push(compact);
    }
    writer
        .append_with_statements(&entries[..400], &statements[..400])
        .unwrap();
    let policy = policy(&[], 0);
    let store = TileDir::new(&dir);

    // The registry's check: the statement bundles hold each entry's statement.
    fn statement_matches(
        statements: &mut Statements<'_, TileDir>,
        index: u64,
        entry: &RecordEntry,
    ) -> Result<(), String> {
        let statement = statements.get(index).map_err(|e| e.to_string())?;
        if entry.logs_statement(statement) {
            Ok(())
        } else {
            Err("the statement bundle does not hold this entry's statement".into())
        }
    }

    // First run: every acme record, each checked against its statement.
    let cp = policy
        .verify_checkpoint(&store.checkpoint().unwrap())
        .unwrap();
    let mut checked = 0;
    let mut read = Statements::new(&store, 400);
    let report = monitor_records(
        &store,
        &cp,
        None,
        Some("https://registry.example/l/acme"),
        |i, e| {
            checked += 1;
            statement_matches(&mut read, i, e)
        },
    )
    .unwrap();
    assert_eq!(report.first_new, 0);
    assert_eq!(report.replay.entries, 400);
    let expected_acme = (0..400u64).filter(|i| i % 3 == 0).count();
    assert_eq!(checked, expected_acme);
    assert!(report
        .labels
        .keys()
        .all(|k| k.starts_with("https://registry.example/l/acme/")));
    let seven = &report.labels["https://registry.example/l/acme/7"];
    let indices: Vec<u64> = seven.iter().map(|(i, _)| *i).collect();
    assert_eq!(indices, vec![0, 102, 201, 300]);

    // Second run after the log grew: what changed is what is new; every statement checked.
    let previous = report.replay.head;
    writer
        .append_with_statements(&entries[400..], &statements[400..])
        .unwrap();
    let cp = policy
        .verify_checkpoint(&store.checkpoint().unwrap())
        .unwrap();
    let mut read = Statements::new(&store, 600);
    let report = monitor_records(&store, &cp, Some(previous), None, |i, e| {
        statement_matches(&mut read, i, e)
    })
    .unwrap();
    assert_eq!(report.first_new, 400);
    let new: usize = report
        .labels
        .values()
        .flatten()
        .filter(|(i, _)| *i >= report.first_new)
        .count();
    assert_eq!(new, 200);

    // An entry logged with another statement than the one it names: the check says so.
    let orphan =
        RecordEntry::for_statement("demo", "https://registry.example/l/acme/x", 1, 1, b"x")
            .unwrap();
    writer
        .append_with_statements(&[orphan.to_bytes()], &[b"y".to_vec()])
        .unwrap();
    let cp = policy
        .verify_checkpoint(&store.checkpoint().unwrap())
        .unwrap();
    let mut read = Statements::new(&store, 601);
    assert_eq!(
        monitor_records(&store, &cp, None, None, |i, e| statement_matches(
            &mut read, i, e
        ))
        .map(|r| r.replay.entries),
        Err(Error::EntryRejected {
            index: 600,
            reason: "the statement bundle does not hold this entry's statement".into()
        })
    );
    assert_eq!(
        writer
            .append_with_statements(&entries[..2], &statements[..1])
            .map(|r| r.first_index),
        Err(Error::StatementCountMismatch {
            entries: 2,
            statements: 1
        })
    );

    // Appended without its statement: the bundle for that size does not exist.
    let lost = RecordEntry::for_statement("demo", "https://registry.example/l/acme/y", 1, 1, b"z")
        .unwrap();
    writer.append(&[lost.to_bytes()]).unwrap();
    let cp = policy
        .verify_checkpoint(&store.checkpoint().unwrap())
        .unwrap();
    let mut read = Statements::new(&store, 602);
    assert_eq!(
        monitor_records(&store, &cp, None, None, |i, e| statement_matches(
            &mut read, i, e
        ))
        .map(|r| r.replay.entries),
        Err(Error::EntryRejected {
            index: 512,
            reason: "missing tile statements/002.p/90".into()
        })
    );

    // An entry that is not a record: refused whatever the prefix.
    writer.append(&[b"not a record".to_vec()]).unwrap();
    let cp = policy
        .verify_checkpoint(&store.checkpoint().unwrap())
        .unwrap();
    assert!(matches!(
        monitor_records(
            &store,
            &cp,
            None,
            Some("https://nobody.example/"),
            |_, _| Ok(())
        ),
        Err(Error::EntryRejected { index: 602, .. })
    ));
}

#[test]
fn a_truncated_or_rewritten_log_directory_is_caught_by_the_monitor_and_by_consistency_proofs() {
    let tmp = tempfile::tempdir().unwrap();
    let policy = policy(&[], 0);
    let honest_dir = tmp.path().join("honest");
    let mut honest = LogWriter::create(&honest_dir, ORIGIN, log_key()).unwrap();
    honest.append(&records(0, 700)).unwrap();
    let cp = policy.verify_checkpoint(&honest.checkpoint()).unwrap();
    let seen = monitor(&TileDir::new(&honest_dir), &cp, None, |_, _| Ok(()))
        .unwrap()
        .head;
    let mut client = ClientState::default();
    client
        .accept_checkpoint(&policy, &honest.checkpoint(), &[])
        .unwrap();

    // The same key publishes a log of 500 (truncated) and one whose entry 10 changed
    // (rewritten, then grown to 800), each a sound log on its own.
    let truncated_dir = tmp.path().join("truncated");
    let mut truncated = LogWriter::create(&truncated_dir, ORIGIN, log_key()).unwrap();
    truncated.append(&records(0, 500)).unwrap();
    let rewritten_dir = tmp.path().join("rewritten");
    let mut rewritten = LogWriter::create(&rewritten_dir, ORIGIN, log_key()).unwrap();
    let mut entries = records(0, 800);
    entries[10] = record("acme", 999_999).to_bytes();
    rewritten.append(&entries).unwrap();

    let cp = policy.verify_checkpoint(&truncated.checkpoint()).unwrap();
    assert_eq!(
        monitor(
            &TileDir::new(&truncated_dir),
            &cp,
            Some(seen),
            |_, _| Ok(())
        ),
        Err(Error::LogTruncated {
            seen: 700,
            offered: 500
        })
    );
    let cp = policy.verify_checkpoint(&rewritten.checkpoint()).unwrap();
    assert_eq!(
        monitor(
            &TileDir::new(&rewritten_dir),
            &cp,
            Some(seen),
            |_, _| Ok(())
        ),
        Err(Error::LogRewritten { size: 700 })
    );

    // A reader holding the honest 700: the truncated log's own proof (500 -> 700 does not
    // exist there; the best it can offer is from its tiles) and the rewritten log's proof
    // from 700 to 800 both fail.
    let store = TileDir::new(&rewritten_dir);
    let proof = consistency_proof(&TileReader::new(&store, 800), 700, 800).unwrap();
    assert_eq!(
        client
            .accept_checkpoint(&policy, &rewritten.checkpoint(), &proof)
            .map(|_| ()),
        Err(Error::LogInconsistent {
            known_size: 700,
            offered_size: 800
        })
    );
    let store = TileDir::new(&truncated_dir);
    let proof = consistency_proof(&TileReader::new(&store, 500), 250, 500).unwrap();
    assert_eq!(
        client
            .accept_checkpoint(&policy, &truncated.checkpoint(), &proof)
            .map(|_| ()),
        Err(Error::LogInconsistent {
            known_size: 700,
            offered_size: 500
        })
    );
    assert_eq!(client.newest(ORIGIN).unwrap(), seen);

    // A bundle of the honest directory edited in place (no new checkpoint): the monitor
    // finds the entries no longer give the signed root.
    let bundle = honest_dir.join("tile/entries/001");
    let mut bytes = std::fs::read(&bundle).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    std::fs::write(&bundle, bytes).unwrap();
    let cp = policy.verify_checkpoint(&honest.checkpoint()).unwrap();
    assert!(matches!(
        monitor(&TileDir::new(&honest_dir), &cp, None, |_, _| Ok(())),
        Err(Error::TreeHashMismatch { .. })
    ));
}

#[test]
fn record_entries_have_one_spelling_and_prefixes_end_at_url_boundaries() {
    let entry = record("acme", 5);
    let bytes = entry.to_bytes();
    assert_eq!(RecordEntry::parse(&bytes).unwrap(), entry);
    assert!(entry.logs_statement(b"eyJhbGciOiJFZERTQSJ9.acme-5.c2ln"));
    assert!(!entry.logs_statement(b"eyJhbGciOiJFZERTQSJ9.acme-6.c2ln"));

    let text = String::from_utf8(bytes).unwrap();
    let hash_line = text.lines().nth(4).unwrap().to_owned();
    for (bad, why) in [
        (
            text.replace("trustlabel-record/v1", "trustlabel-record/v2"),
            "first line",
        ),
        (text.trim_end().to_owned(), "newline"),
        (text.replace(" 1\n", " 01\n"), "seq"),
        (text.replace("1790000005 ", "+1790000005 "), "iat"),
        (text.replace("demo\n", "\n"), "empty"),
        (text.replace("demo\n", "de\u{7}mo\n"), "control"),
        (text.replace(&hash_line, "AAAA"), "32 bytes"),
        (format!("{text}extra\n"), "five lines"),
    ] {
        match RecordEntry::parse(bad.as_bytes()) {
            Err(Error::MalformedEntry { detail }) => {
                assert!(detail.contains(why), "{bad:?}: {detail}")
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    let at = |sub: &str| RecordEntry::for_statement("demo", sub, 1, 1, b"x").unwrap();
    let cam = at("https://maker.example/p/acme/cam-1");
    assert!(cam.is_under("https://maker.example/p/acme"));
    assert!(cam.is_under("https://maker.example/p/"));
    assert!(cam.is_under("https://maker.example/p/acme/cam-1"));
    assert!(!cam.is_under("https://maker.example/p/acme/cam"));
    assert!(!at("https://maker.example/p/acme-evil/x").is_under("https://maker.example/p/acme"));
    assert!(at("https://maker.example/p/acme?x=1").is_under("https://maker.example/p/acme"));
    assert!(RecordEntry::for_statement("demo", &"x".repeat(4097), 1, 1, b"x").is_err());
}
