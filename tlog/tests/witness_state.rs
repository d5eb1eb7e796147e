//! The witness with its state on disk (C2SP tlog-witness `add-checkpoint`): it cosigns only a
//! consistent extension of what it last cosigned, remembers that across restarts, answers
//! each refusal with the spec's status, and two requests at once cannot both pass.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod common;

use common::*;
use trustlabel_tlog::{
    consistency_proof, status_code, AddCheckpoint, Error, KeyKind, Note, TileReader, TreeHeads,
    WitnessOnDisk,
};

fn log_of(n: u64) -> Log {
    Log::with((0..n).map(entry))
}

fn request(log: &Log, old: u64) -> Vec<u8> {
    let proof = if old == 0 {
        Vec::new()
    } else {
        consistency_proof(&TileReader::new(&log.tiles, log.size()), old, log.size()).unwrap()
    };
    AddCheckpoint {
        old_size: old,
        proof,
        checkpoint: log.checkpoint(&log_key(), &[]),
    }
    .to_bytes()
}

/// The checkpoint with the witness's answer appended, as a log would publish it.
fn cosigned(log: &Log, answer: &[u8]) -> Vec<u8> {
    let mut note = log.checkpoint(&log_key(), &[]);
    note.extend_from_slice(answer);
    note
}

#[test]
fn the_witness_cosigns_consistent_growth_and_remembers_it_across_restarts() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("witness/state");
    let w = witness(1);
    let open = || WitnessOnDisk::new(&w, vec![policy(&[], 0)], &state).unwrap();

    let mut log = log_of(50);
    let answer = open().add_checkpoint(&request(&log, 0), 1000).unwrap();
    let note = cosigned(&log, &answer);
    policy(&[&w], 1).verify_checkpoint(&note).unwrap();
    assert_eq!(open().last_cosigned(ORIGIN).unwrap().unwrap().size, 50);

    // Restarted (a new instance reads the file): old 0 again is a conflict naming 50.
    log.append((50..80).map(entry).collect());
    let refused = open().add_checkpoint(&request(&log, 0), 1001).unwrap_err();
    assert_eq!(
        refused,
        Error::OldSizeMismatch {
            cosigned: 50,
            claimed: 0
        }
    );
    assert_eq!(status_code(&refused), 409);
    open().add_checkpoint(&request(&log, 50), 1002).unwrap();
    let head = TreeHeads::load(&state).unwrap().get(ORIGIN).unwrap();
    assert_eq!((head.size, head.root), (80, log.root()));

    // The same checkpoint again (old = size = 80): a fresh cosignature.
    open().add_checkpoint(&request(&log, 80), 1003).unwrap();
}

#[test]
fn the_witness_refuses_older_inconsistent_forged_and_unknown_checkpoints() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state");
    let w = witness(1);
    let witness = WitnessOnDisk::new(&w, vec![policy(&[], 0)], &state).unwrap();
    let log = log_of(80);
    witness.add_checkpoint(&request(&log, 0), 1).unwrap();
    let before = std::fs::read(&state).unwrap();

    let refuse = |body: Vec<u8>| witness.add_checkpoint(&body, 2).unwrap_err();

    // Older: the honest log at 50, offered with the true old size.
    let older = log_of(50);
    let body = AddCheckpoint {
        old_size: 80,
        proof: vec![],
        checkpoint: older.checkpoint(&log_key(), &[]),
    }
    .to_bytes();
    let e = refuse(body);
    assert_eq!(
        e,
        Error::OlderThanCosigned {
            cosigned: 80,
            offered: 50
        }
    );
    assert_eq!(status_code(&e), 400);

    // A fork at the same size: another root (409).
    let mut fork = log_of(79);
    fork.append(vec![b"forged".to_vec()]);
    let body = AddCheckpoint {
        old_size: 80,
        proof: vec![],
        checkpoint: fork.checkpoint(&log_key(), &[]),
    }
    .to_bytes();
    let e = refuse(body);
    assert_eq!(
        e,
        Error::LogInconsistent {
            known_size: 80,
            offered_size: 80
        }
    );
    assert_eq!(status_code(&e), 409);

    // The fork grown to 90, with its own (valid for itself) proof from its 80: 422.
    fork.append((90..100).map(entry).collect());
    let e = refuse(request(&fork, 80));
    assert!(matches!(e, Error::LogInconsistent { known_size: 80, .. }));
    assert_eq!(status_code(&e), 422);

    // Growth with no proof, or the proof of another growth: 422.
    let mut grown = log.clone();
    grown.append((80..120).map(entry).collect());
    let mut body = AddCheckpoint::parse(&request(&grown, 80)).unwrap();
    body.proof.pop();
    assert_eq!(status_code(&refuse(body.to_bytes())), 422);

    // Not signed by the log's key (403), a forged log signature (403), an unknown log (404).
    let impostor = key(ORIGIN, KeyKind::Ed25519, 9);
    let body = AddCheckpoint {
        old_size: 80,
        proof: vec![],
        checkpoint: grown.checkpoint(&impostor, &[]),
    }
    .to_bytes();
    let e = refuse(body);
    assert_eq!(e, Error::NoLogSignature);
    assert_eq!(status_code(&e), 403);
    let honest = String::from_utf8(log.checkpoint(&log_key(), &[])).unwrap();
    let grown_root = {
        let text = String::from_utf8(grown.checkpoint(&log_key(), &[])).unwrap();
        text.lines().nth(2).unwrap().to_owned()
    };
    let old_root = honest.lines().nth(2).unwrap().to_owned();
    let forged = honest
        .replace("\n80\n", "\n120\n")
        .replace(&old_root, &grown_root);
    let body = AddCheckpoint {
        old_size: 80,
        proof: AddCheckpoint::parse(&request(&grown, 80)).unwrap().proof,
        checkpoint: forged.into_bytes(),
    }
    .to_bytes();
    let e = refuse(body);
    assert_eq!(e, Error::BadCheckpointSignature);
    assert_eq!(status_code(&e), 403);
    let stranger = WitnessOnDisk::new(&w, vec![], tmp.path().join("other")).unwrap();
    let e = stranger.add_checkpoint(&request(&log, 0), 3).unwrap_err();
    assert!(matches!(e, Error::UnknownLog { .. }));
    assert_eq!(status_code(&e), 404);

    // A proof on a first request (old 0) is refused: the spec says it must be empty.
    let fresh = WitnessOnDisk::new(&w, vec![policy(&[], 0)], tmp.path().join("fresh")).unwrap();
    let mut body = AddCheckpoint::parse(&request(&grown, 80)).unwrap();
    body.old_size = 0;
    assert_eq!(
        status_code(&fresh.add_checkpoint(&body.to_bytes(), 4).unwrap_err()),
        422
    );

    // No refusal touched the state.
    assert_eq!(std::fs::read(&state).unwrap(), before);
}

#[test]
fn a_forged_or_wrong_key_cosignature_does_not_count_toward_the_threshold() {
    let tmp = tempfile::tempdir().unwrap();
    let (w1, w2) = (witness(1), witness(2));
    let log = log_of(30);
    let mut lines = Vec::new();
    for w in [&w1, &w2] {
        let witness = WitnessOnDisk::new(
            w,
            vec![policy(&[], 0)],
            tmp.path().join(w.verifier().name()),
        )
        .unwrap();
        lines.push(witness.add_checkpoint(&request(&log, 0), 7).unwrap());
    }
    let both = cosigned(&log, &[lines[0].clone(), lines[1].clone()].concat());
    let cp = policy(&[&w1, &w2], 2).verify_checkpoint(&both).unwrap();
    assert_eq!(cp.cosigners().len(), 2);

    // w2's name with another key: the key id does not match, so it is not w2's and does
    // not count.
    let other_key = key(w2.verifier().name(), KeyKind::CosignatureV1, 77);
    let text = Note::parse(&log.checkpoint(&log_key(), &[]))
        .unwrap()
        .text()
        .to_owned();
    let wrong = cosigned(
        &log,
        &[
            lines[0].clone(),
            other_key.sign(&text, 7).to_line().into_bytes(),
        ]
        .concat(),
    );
    assert_eq!(
        policy(&[&w1, &w2], 2).verify_checkpoint(&wrong).map(|_| ()),
        Err(Error::TooFewCosignatures {
            valid: 1,
            needed: 2
        })
    );

    // w2's line with its signature altered: forged, named.
    let mut forged_line = String::from_utf8(lines[1].clone()).unwrap();
    let at = forged_line.len() - 10;
    let flipped = if &forged_line[at..at + 1] == "A" {
        "B"
    } else {
        "A"
    };
    forged_line.replace_range(at..at + 1, flipped);
    let forged = cosigned(&log, &[lines[0].clone(), forged_line.into_bytes()].concat());
    assert_eq!(
        policy(&[&w1, &w2], 2)
            .verify_checkpoint(&forged)
            .map(|_| ()),
        Err(Error::BadCosignature {
            witness: w2.verifier().name().to_owned()
        })
    );
    // A witness key cannot stand in for the log's key, nor the log's for a witness.
    assert!(WitnessOnDisk::new(&log_key(), vec![], tmp.path().join("x")).is_err());
}

#[test]
fn two_requests_at_once_cannot_both_be_cosigned_from_the_same_old_size() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state");
    let w = witness(1);
    let log = log_of(40);
    let mut a = log.clone();
    a.append((40..60).map(entry).collect());
    let mut b = log.clone();
    b.append((40..90).map(entry).collect());
    WitnessOnDisk::new(&w, vec![policy(&[], 0)], &state)
        .unwrap()
        .add_checkpoint(&request(&log, 0), 1)
        .unwrap();
    for _ in 0..20 {
        // Reset to 40, then race +20 and +50, both from old 40.
        let mut heads = TreeHeads::default();
        heads.set(
            ORIGIN,
            trustlabel_tlog::TreeHead {
                size: 40,
                root: log.root(),
            },
        );
        heads.save(&state).unwrap();
        let results: Vec<Result<Vec<u8>, Error>> = std::thread::scope(|s| {
            let handles: Vec<_> = [request(&a, 40), request(&b, 40)]
                .into_iter()
                .map(|body| {
                    let state = state.clone();
                    let w = &w;
                    s.spawn(move || {
                        WitnessOnDisk::new(w, vec![policy(&[], 0)], state)
                            .unwrap()
                            .add_checkpoint(&body, 2)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let passed = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(passed, 1, "{results:?}");
        let refused = results.iter().find_map(|r| r.clone().err()).unwrap();
        assert!(matches!(
            refused,
            Error::OldSizeMismatch { claimed: 40, .. }
        ));
        let kept = TreeHeads::load(&state).unwrap().get(ORIGIN).unwrap();
        assert!(kept.root == a.root() || kept.root == b.root());
    }
}

#[test]
fn add_checkpoint_bodies_parse_strictly() {
    let log = log_of(10);
    let good = request(&log, 0);
    assert_eq!(AddCheckpoint::parse(&good).unwrap().to_bytes(), good);
    let note = log.checkpoint(&log_key(), &[]);
    let hash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n";
    let with = |head: String| {
        let mut body = head.into_bytes();
        body.extend_from_slice(&note);
        body
    };
    for (body, why) in [
        (with("old 01\n\n".into()), "old <size>"),
        (with("old -1\n\n".into()), "old <size>"),
        (with("new 1\n\n".into()), "old <size>"),
        (with(format!("old 5\n{}\n", "AAAA\n")), "32 bytes"),
        (with(format!("old 5\n{}\n", hash.repeat(64))), "63"),
        (b"old 5".to_vec(), "newline"),
        (b"old 5\nAAAA".to_vec(), "newline"),
    ] {
        match AddCheckpoint::parse(&body) {
            Err(Error::MalformedWitnessRequest { detail }) => {
                assert!(detail.contains(why), "{detail}")
            }
            other => panic!("{why}: {other:?}"),
        }
    }
    assert_eq!(
        AddCheckpoint::parse(&with(format!("old 5\n{}\n", hash.repeat(63))))
            .unwrap()
            .proof
            .len(),
        63
    );
    assert_eq!(
        status_code(&Error::MalformedWitnessRequest { detail: "x" }),
        400
    );
    // A body with garbage where the checkpoint is: a typed refusal, not a panic.
    let tmp = tempfile::tempdir().unwrap();
    let w = witness(1);
    let witness = WitnessOnDisk::new(&w, vec![policy(&[], 0)], tmp.path().join("s")).unwrap();
    let e = witness
        .add_checkpoint(b"old 0\n\nnot a note", 1)
        .unwrap_err();
    assert_eq!(status_code(&e), 400);
}
