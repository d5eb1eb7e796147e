//! The reader's, the witness's and the monitor's rules against honest, forged, forked,
//! truncated and rewritten logs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod common;

use common::*;
use trustlabel_tlog::{
    consistency_proof, may_cosign, monitor, ClientState, Error, Hash, KeyKind, LogPolicy, Note,
    TileReader, TreeHead, Witness,
};

fn log_of(n: u64) -> Log {
    Log::with((0..n).map(entry))
}

#[test]
fn a_logged_record_is_accepted_with_its_proof() {
    let log = log_of(300);
    let (w1, w2) = (witness(1), witness(2));
    let policy = policy(&[&w1, &w2], 2);
    let mut client = ClientState::default();
    let note = log.checkpoint(&log_key(), &[&w1, &w2]);
    let logged = client
        .check_logged(&policy, &entry(257), &log.proof(257, note, None))
        .unwrap();
    assert_eq!(logged.index, 257);
    assert_eq!(logged.checkpoint.cosigners().len(), 2);
    assert_eq!(client.newest(ORIGIN).unwrap().size, 300);
}

#[test]
fn a_record_signed_but_never_logged_is_not_logged() {
    let log = log_of(40);
    let policy = policy(&[], 0);
    let mut client = ClientState::default();
    let note = log.checkpoint(&log_key(), &[]);
    // The proof of entry 7, offered for a record that is not entry 7.
    let proof = log.proof(7, note.clone(), None);
    let never = b"trustlabel-record/v1\nhttps://registry.example/l/never\n";
    assert_eq!(
        client.check_logged(&policy, never, &proof),
        Err(Error::NotLogged)
    );
    // An index past the tree.
    let mut past = log.proof(7, note, None);
    past.index = 40;
    assert_eq!(
        client.check_logged(&policy, &entry(7), &past),
        Err(Error::NotLogged)
    );
}

#[test]
fn a_checkpoint_not_signed_by_the_log_key_is_refused() {
    let log = log_of(10);
    let policy = policy(&[], 0);
    let mut client = ClientState::default();
    // Signed by another key under the log's name: its key id does not match.
    let impostor = key(ORIGIN, KeyKind::Ed25519, 9);
    let note = log.checkpoint(&impostor, &[]);
    assert_eq!(
        client.check_logged(&policy, &entry(1), &log.proof(1, note, None)),
        Err(Error::NoLogSignature)
    );
    // The log's own signature line, with the root changed under it: forged.
    let note = String::from_utf8(log.checkpoint(&log_key(), &[])).unwrap();
    let other_root = {
        let mut other = log.clone();
        other.append(vec![b"x".to_vec()]);
        let text = other.checkpoint(&log_key(), &[]);
        String::from_utf8(text)
            .unwrap()
            .lines()
            .nth(2)
            .unwrap()
            .to_owned()
    };
    let root_line = note.lines().nth(2).unwrap().to_owned();
    let forged = note.replacen(&root_line, &other_root, 1);
    assert_eq!(
        client.check_logged(&policy, &entry(1), &log.proof(1, forged.into_bytes(), None)),
        Err(Error::BadCheckpointSignature)
    );
    assert_eq!(client.newest(ORIGIN), None, "nothing refused is kept");
}

#[test]
fn a_checkpoint_of_another_log_is_refused() {
    let log = log_of(10);
    let other =
        LogPolicy::new("other.example/log", log_key().verifier().clone(), vec![], 0).unwrap();
    let note = log.checkpoint(&log_key(), &[]);
    assert!(matches!(
        other.verify_checkpoint(&note),
        Err(Error::WrongOrigin { .. })
    ));
}

#[test]
fn the_witness_threshold_counts_only_valid_cosignatures_of_named_witnesses() {
    let log = log_of(20);
    let (w1, w2, w3) = (witness(1), witness(2), witness(3));
    let policy = policy(&[&w1, &w2, &w3], 2);

    // Too few: one of the named witnesses.
    let note = log.checkpoint(&log_key(), &[&w1]);
    assert_eq!(
        policy.verify_checkpoint(&note),
        Err(Error::TooFewCosignatures {
            valid: 1,
            needed: 2
        })
    );

    // Wrong key: a cosignature under witness 2's name by another key is ignored.
    let fake_w2 = key("witness2.example", KeyKind::CosignatureV1, 77);
    let note = log.checkpoint(&log_key(), &[&w1, &fake_w2]);
    assert_eq!(
        policy.verify_checkpoint(&note),
        Err(Error::TooFewCosignatures {
            valid: 1,
            needed: 2
        })
    );

    // The same witness twice counts once.
    let note = log.checkpoint(&log_key(), &[&w1, &w1]);
    assert!(matches!(
        policy.verify_checkpoint(&note),
        Err(Error::TooFewCosignatures { valid: 1, .. })
    ));

    // Forged: witness 2's line with a changed signature byte.
    let good = log.checkpoint(&log_key(), &[&w1, &w2]);
    policy.verify_checkpoint(&good).unwrap();
    let mut note = Note::parse(&good).unwrap();
    let text = note.text().to_owned();
    let mut forged = Note::new(&text).unwrap();
    for (i, sig) in note.signatures().iter().enumerate() {
        let line = if i == 2 {
            // Sign another text with witness 2's real key: a valid-looking line that does
            // not cover this checkpoint.
            w2.sign(
                "registry.example/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
                1000,
            )
        } else {
            sig.clone()
        };
        forged.add_signature(line).unwrap();
    }
    note = forged;
    assert_eq!(
        policy.verify_checkpoint(&note.to_bytes()),
        Err(Error::BadCosignature {
            witness: "witness2.example".into()
        })
    );

    // A cosignature made by a log-type key (0x01) of the same name does not count.
    let wrong_type = key("witness3.example", KeyKind::Ed25519, 103);
    let note = log.checkpoint(&log_key(), &[&w1, &wrong_type]);
    assert!(matches!(
        policy.verify_checkpoint(&note),
        Err(Error::TooFewCosignatures { valid: 1, .. })
    ));
}

#[test]
fn a_forked_log_is_refused_once_the_main_log_was_seen() {
    let main = log_of(100);
    let mut fork = log_of(90);
    fork.append(
        (0..10)
            .map(|i| format!("forged {i}").into_bytes())
            .collect(),
    );
    let policy = policy(&[], 0);
    let mut client = ClientState::default();

    let note = main.checkpoint(&log_key(), &[]);
    client
        .check_logged(&policy, &entry(3), &main.proof(3, note, None))
        .unwrap();

    // The fork at the same size: a different root.
    let note = fork.checkpoint(&log_key(), &[]);
    let proof = fork.proof(95, note, Some(100));
    assert_eq!(
        client.check_logged(&policy, b"forged 5", &proof),
        Err(Error::LogInconsistent {
            known_size: 100,
            offered_size: 100
        })
    );

    // The fork grown larger: its own consistency proof from its own 100 does not lead from
    // the main log's 100.
    fork.append(vec![b"more".to_vec()]);
    let note = fork.checkpoint(&log_key(), &[]);
    let proof = fork.proof(95, note, Some(100));
    assert_eq!(
        client.check_logged(&policy, b"forged 5", &proof),
        Err(Error::LogInconsistent {
            known_size: 100,
            offered_size: 101
        })
    );
    assert_eq!(client.newest(ORIGIN).unwrap().root, main.root());
}

#[test]
fn a_newer_checkpoint_is_kept_only_with_a_consistency_proof_and_older_ones_must_be_prefixes() {
    let mut log = log_of(300);
    let policy = policy(&[], 0);
    let mut client = ClientState::default();
    let old_note = log.checkpoint(&log_key(), &[]);
    client.accept_checkpoint(&policy, &old_note, &[]).unwrap();
    let old_reader_size = log.size();
    log.append((300..700).map(entry).collect());
    let new_note = log.checkpoint(&log_key(), &[]);

    // No proof: refused, the old head kept.
    assert!(matches!(
        client.accept_checkpoint(&policy, &new_note, &[]),
        Err(Error::LogInconsistent { .. })
    ));
    assert_eq!(client.newest(ORIGIN).unwrap().size, 300);

    let proof = consistency_proof(
        &TileReader::new(&log.tiles, log.size()),
        old_reader_size,
        log.size(),
    )
    .unwrap();
    client
        .accept_checkpoint(&policy, &new_note, &proof)
        .unwrap();
    assert_eq!(client.newest(ORIGIN).unwrap().size, 700);

    // The older checkpoint still checks, with the proof that it is a prefix, and does not
    // replace the newer one.
    client
        .accept_checkpoint(&policy, &old_note, &proof)
        .unwrap();
    assert_eq!(client.newest(ORIGIN).unwrap().size, 700);

    // A truncated and regrown log (the first 300 entries rewritten) cannot be a prefix.
    let mut rewritten = Log::with((0..299).map(entry));
    rewritten.append(vec![b"rewritten".to_vec()]);
    let note = rewritten.checkpoint(&log_key(), &[]);
    let proof = consistency_proof(&TileReader::new(&log.tiles, 700), 300, 700).unwrap();
    assert!(matches!(
        client.accept_checkpoint(&policy, &note, &proof),
        Err(Error::LogInconsistent { .. })
    ));
}

#[test]
fn the_witness_cosigns_only_consistent_growth() {
    let mut log = log_of(50);
    let w = witness(1);
    let mut witness = Witness::new(SignerKeyClone::of(&w)).unwrap();
    witness.follow(policy(&[], 0), None);

    let first = log.checkpoint(&log_key(), &[]);
    let sig = witness.cosign(&first, &[], 2000).unwrap();
    let mut note = Note::parse(&first).unwrap();
    note.add_signature(sig).unwrap();
    policy(&[&w], 1)
        .verify_checkpoint(&note.to_bytes())
        .unwrap();

    // Growth with a proof: cosigned; without: refused.
    let old_root = log.root();
    log.append((50..80).map(entry).collect());
    let second = log.checkpoint(&log_key(), &[]);
    assert!(matches!(
        witness.cosign(&second, &[], 2001),
        Err(Error::LogInconsistent { .. })
    ));
    let proof = consistency_proof(&TileReader::new(&log.tiles, 80), 50, 80).unwrap();
    witness.cosign(&second, &proof, 2002).unwrap();
    assert_eq!(witness.last_cosigned(ORIGIN).unwrap().size, 80);

    // Never a smaller tree (even the honest older one), never another root at one size.
    assert_eq!(
        witness.cosign(&first, &[], 2003),
        Err(Error::OlderThanCosigned {
            cosigned: 80,
            offered: 50
        })
    );
    let mut fork = log_of(79);
    fork.append(vec![b"fork".to_vec()]);
    assert!(matches!(
        witness.cosign(&fork.checkpoint(&log_key(), &[]), &[], 2004),
        Err(Error::LogInconsistent { .. })
    ));
    // The same checkpoint again is fine (a fresh timestamp).
    witness.cosign(&second, &[], 2005).unwrap();

    // Not the log's key, not a followed log.
    assert_eq!(
        witness.cosign(
            &log.checkpoint(&key(ORIGIN, KeyKind::Ed25519, 9), &[]),
            &proof,
            2006
        ),
        Err(Error::NoLogSignature)
    );
    let mut stranger = Witness::new(SignerKeyClone::of(&w)).unwrap();
    assert!(matches!(
        stranger.cosign(&second, &[], 1),
        Err(Error::UnknownLog { .. })
    ));

    // The pure rule alone.
    let head = |size, root| TreeHead { size, root };
    assert_eq!(may_cosign(None, head(5, Hash::empty()), &[]), Ok(()));
    assert!(may_cosign(Some(head(50, old_root)), head(50, log.root()), &[]).is_err());
}

#[test]
fn the_monitor_replays_the_log_and_catches_rewrites_truncation_and_bad_tiles() {
    let mut log = log_of(600);
    let policy = policy(&[], 0);
    let checkpoint = policy
        .verify_checkpoint(&log.checkpoint(&log_key(), &[]))
        .unwrap();
    let mut seen = Vec::new();
    let report = monitor(&log.tiles, &checkpoint, None, |i, e| {
        seen.push((i, e.to_vec()));
        Ok(())
    })
    .unwrap();
    assert_eq!(report.entries, 600);
    assert_eq!(seen.len(), 600);
    assert_eq!(seen[599], (599, entry(599)));
    let previous = report.head;

    // Grown honestly: fine from the previous head.
    log.append((600..650).map(entry).collect());
    let grown = policy
        .verify_checkpoint(&log.checkpoint(&log_key(), &[]))
        .unwrap();
    monitor(&log.tiles, &grown, Some(previous), |_, _| Ok(())).unwrap();

    // Rewritten: entry 10 changed, tiles rebuilt and re-signed.
    let mut entries: Vec<Vec<u8>> = (0..650).map(entry).collect();
    entries[10] = b"a record for a product its maker never asked for".to_vec();
    let rewritten = Log::with(entries);
    let cp = policy
        .verify_checkpoint(&rewritten.checkpoint(&log_key(), &[]))
        .unwrap();
    assert_eq!(
        monitor(&rewritten.tiles, &cp, Some(previous), |_, _| Ok(())),
        Err(Error::LogRewritten { size: 600 })
    );

    // Truncated.
    let truncated = log_of(500);
    let cp = policy
        .verify_checkpoint(&truncated.checkpoint(&log_key(), &[]))
        .unwrap();
    assert_eq!(
        monitor(&truncated.tiles, &cp, Some(previous), |_, _| Ok(())),
        Err(Error::LogTruncated {
            seen: 600,
            offered: 500
        })
    );

    // An entry bundle changed under a signed checkpoint.
    let mut tampered = log.clone();
    let bundle = tampered.tiles.get_mut("tile/entries/001").unwrap();
    let last = bundle.len() - 1;
    bundle[last] ^= 1;
    assert!(matches!(
        monitor(&tampered.tiles, &grown, None, |_, _| Ok(())),
        Err(Error::TreeHashMismatch { .. })
    ));

    // A hash tile changed: the entries agree with the checkpoint, the tiles do not.
    let mut tampered = log.clone();
    tampered.tiles.get_mut("tile/0/001").unwrap()[0] ^= 1;
    assert_eq!(
        monitor(&tampered.tiles, &grown, None, |_, _| Ok(())),
        Err(Error::TilesDisagree {
            path: "tile/0/001".into()
        })
    );
    let mut tampered = log.clone();
    tampered.tiles.get_mut("tile/1/000.p/2").unwrap()[0] ^= 1;
    assert_eq!(
        monitor(&tampered.tiles, &grown, None, |_, _| Ok(())),
        Err(Error::TilesDisagree {
            path: "tile/1/000.p/2".into()
        })
    );

    // A missing bundle, and the caller's refusal.
    let mut missing = log.clone();
    missing.tiles.remove("tile/entries/000");
    assert!(matches!(
        monitor(&missing.tiles, &grown, None, |_, _| Ok(())),
        Err(Error::TileMissing { .. })
    ));
    assert_eq!(
        monitor(&log.tiles, &grown, None, |i, _| if i == 3 {
            Err("not signed by the registry".into())
        } else {
            Ok(())
        }),
        Err(Error::EntryRejected {
            index: 3,
            reason: "not signed by the registry".into()
        })
    );
}

#[test]
fn tiles_for_70000_entries_are_the_spec_s_example() {
    let log = Log::with((0..70_000u64).map(|i| i.to_be_bytes().to_vec()));
    let level = |l: &str| {
        log.tiles
            .keys()
            .filter(|p| p.starts_with(&format!("tile/{l}/")))
            .cloned()
            .collect::<Vec<_>>()
    };
    let level0 = level("0");
    assert_eq!(level0.iter().filter(|p| !p.contains(".p/")).count(), 273);
    assert_eq!(
        level0
            .iter()
            .filter(|p| p.contains(".p/"))
            .collect::<Vec<_>>(),
        vec!["tile/0/273.p/112"]
    );
    assert_eq!(level("1"), vec!["tile/1/000", "tile/1/001.p/17"]);
    assert_eq!(level("2"), vec!["tile/2/000.p/1"]);
    assert_eq!(level("entries").len(), 274);
    assert_eq!(log.root(), trustlabel_tlog::tree_hash(&log.leaves()));
}

#[test]
fn appending_never_changes_a_published_tile_and_refuses_to_rewrite_one() {
    let mut log = log_of(1000);
    let before = log.tiles.clone();
    for batch in [1u64, 255, 256, 257, 100] {
        let start = log.size();
        log.append((start..start + batch).map(entry).collect());
        assert_eq!(log.root(), trustlabel_tlog::tree_hash(&log.leaves()));
    }
    for (path, bytes) in &before {
        assert_eq!(log.tiles.get(path), Some(bytes), "{path} changed");
    }

    // A store whose next full tile exists with other bytes: the append is refused whole.
    let mut conflicting = log_of(200);
    conflicting
        .tiles
        .insert("tile/0/000".into(), vec![7u8; 256 * 32]);
    let result = trustlabel_tlog::append(&conflicting.tiles, 200, &vec![entry(200); 56]);
    assert_eq!(
        result.map(|a| a.size),
        Err(Error::WouldRewriteTile {
            path: "tile/0/000".into()
        })
    );

    // An entry too long for a bundle's length prefix.
    assert_eq!(
        trustlabel_tlog::append(&log.tiles, log.size(), &[vec![0u8; 65_536]]).map(|a| a.size),
        Err(Error::EntryTooLarge { len: 65_536 })
    );
}

#[test]
fn a_log_key_rotates_through_a_policy_that_names_both_keys() {
    let log = log_of(20);
    let old = log_key();
    let new = key(ORIGIN, KeyKind::Ed25519, 42);
    let only_old = policy(&[], 0);
    let both = LogPolicy::with_log_keys(
        ORIGIN,
        vec![old.verifier().clone(), new.verifier().clone()],
        vec![],
        0,
    )
    .unwrap();
    let only_new = LogPolicy::new(ORIGIN, new.verifier().clone(), vec![], 0).unwrap();

    // During the rotation the log signs with both: every reader accepts.
    let mut twice = Note::parse(&log.checkpoint(&old, &[])).unwrap();
    twice.add_signature(new.sign(twice.text(), 0)).unwrap();
    let twice = twice.to_bytes();
    for p in [&only_old, &both, &only_new] {
        p.verify_checkpoint(&twice).unwrap();
    }
    // After it, only readers whose list names the new key.
    let new_only = log.checkpoint(&new, &[]);
    assert_eq!(
        only_old.verify_checkpoint(&new_only).map(|_| ()),
        Err(Error::NoLogSignature)
    );
    both.verify_checkpoint(&new_only).unwrap();
    // A policy with no log key, or a witness key as a log key, is refused.
    assert!(LogPolicy::with_log_keys(ORIGIN, vec![], vec![], 0).is_err());
    assert!(
        LogPolicy::with_log_keys(ORIGIN, vec![witness(1).verifier().clone()], vec![], 0).is_err()
    );
}

/// `SignerKey` holds a ring key pair and is not `Clone`; tests rebuild one from its text.
struct SignerKeyClone;
impl SignerKeyClone {
    fn of(key: &trustlabel_tlog::SignerKey) -> trustlabel_tlog::SignerKey {
        trustlabel_tlog::SignerKey::parse(&key.to_secret_text()).unwrap()
    }
}
