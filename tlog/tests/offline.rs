//! Offline answers are checked the same way: a cached copy's proof must name a checkpoint the
//! reader accepted before, and a pack that carries one checkpoint and the log's hash tiles
//! lets an importer rebuild every inclusion proof and the consistency proof from its own head
//! with no network (the format in docs/registry-protocol.md). A forked pack is refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod common;

use std::collections::BTreeMap;

use common::*;
use trustlabel_tlog::{
    consistency_proof, inclusion_proof, ClientState, Error, LogProof, TilePath, TileReader,
};

fn log_of(n: u64) -> Log {
    Log::with((0..n).map(entry))
}

/// The hash tiles a tree of `size` needs, as a pack carries them (no entry bundles, no older
/// partial tiles).
fn pack_tiles(log: &Log, size: u64) -> BTreeMap<String, Vec<u8>> {
    log.tiles
        .iter()
        .filter(|(path, _)| {
            let tile = TilePath::parse(path).unwrap();
            let Some(level) = tile.level else {
                return false;
            };
            let count = size >> (8 * u32::from(level));
            if tile.is_full() {
                (tile.index + 1) * 256 <= count
            } else {
                tile.index == count / 256 && u64::from(tile.width) == count % 256
            }
        })
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect()
}

/// What an importer does with a pack: accept its checkpoint with a consistency proof built
/// from the pack's tiles, then check each record with an inclusion proof built the same way.
fn import(
    client: &mut ClientState,
    checkpoint: &[u8],
    size: u64,
    tiles: &BTreeMap<String, Vec<u8>>,
    records: &[(u64, Vec<u8>)],
) -> Result<(), Error> {
    let (w1, w2) = (witness(1), witness(2));
    let policy = policy(&[&w1, &w2], 2);
    let reader = TileReader::new(tiles, size);
    let known = client.newest(ORIGIN).map_or(0, |h| h.size);
    let consistency = if known > 0 && known < size {
        consistency_proof(&reader, known, size)?
    } else {
        Vec::new()
    };
    let verified = client.accept_checkpoint(&policy, checkpoint, &consistency)?;
    for (index, record) in records {
        let inclusion = inclusion_proof(&reader, *index, size)?;
        // Once per pack the checkpoint; per record only the inclusion proof. The full check
        // says the same.
        let fast = client.check_included(&verified, record, *index, &inclusion);
        let proof = LogProof {
            checkpoint: checkpoint.to_vec(),
            index: *index,
            inclusion,
            consistency: Vec::new(),
        };
        let full = client.check_logged(&policy, record, &proof).map(|_| ());
        assert_eq!(fast, full);
        full?;
    }
    Ok(())
}

#[test]
fn a_pack_with_the_log_s_hash_tiles_is_checked_offline_and_a_forked_one_is_refused() {
    let (w1, w2) = (witness(1), witness(2));
    let policy = policy(&[&w1, &w2], 2);
    let mut log = log_of(300);
    // The importer was online once and accepted the log at 300.
    let mut client = ClientState::default();
    let at_300 = log.checkpoint(&log_key(), &[&w1, &w2]);
    client
        .check_logged(&policy, &entry(7), &log.proof(7, at_300.clone(), None))
        .unwrap();

    // The pack: the log at 500, its tiles, an index per record.
    log.append((300..500).map(entry).collect());
    let at_500 = log.checkpoint(&log_key(), &[&w1, &w2]);
    let tiles = pack_tiles(&log, 500);
    assert_eq!(
        tiles.keys().cloned().collect::<Vec<_>>(),
        vec!["tile/0/000", "tile/0/001.p/244", "tile/1/000.p/1"]
    );
    let records: Vec<(u64, Vec<u8>)> = [0u64, 255, 256, 299, 300, 499]
        .iter()
        .map(|&i| (i, entry(i)))
        .collect();
    let mut importer = client.clone();
    import(&mut importer, &at_500, 500, &tiles, &records).unwrap();
    assert_eq!(importer.newest(ORIGIN).unwrap().size, 500);

    // A record the pack claims but the log does not hold: not logged.
    assert_eq!(
        import(
            &mut importer.clone(),
            &at_500,
            500,
            &tiles,
            &[(12, b"a record never logged".to_vec())]
        ),
        Err(Error::NotLogged)
    );

    // A forked log (entry 100 replaced) signed by the log key and cosigned by both
    // witnesses (as if they were fooled or colluded): its own tiles give its own proofs,
    // but not from the importer's head at 300.
    let mut forked: Vec<Vec<u8>> = (0..500).map(entry).collect();
    forked[100] = b"a record for a product its maker never asked for".to_vec();
    let fork = Log::with(forked.clone());
    let fork_checkpoint = fork.checkpoint(&log_key(), &[&w1, &w2]);
    let mut victim = client.clone();
    assert_eq!(
        import(
            &mut victim,
            &fork_checkpoint,
            500,
            &pack_tiles(&fork, 500),
            &[(100, forked[100].clone())]
        ),
        Err(Error::LogInconsistent {
            known_size: 300,
            offered_size: 500
        })
    );
    assert_eq!(victim.newest(ORIGIN), client.newest(ORIGIN));

    // An importer that never saw the log takes the fork on its signatures alone (the residual
    // risk the witness threshold is for), and is then refused the real log.
    let mut fresh = ClientState::default();
    import(
        &mut fresh,
        &fork_checkpoint,
        500,
        &pack_tiles(&fork, 500),
        &[(100, forked[100].clone())],
    )
    .unwrap();
    assert!(matches!(
        import(&mut fresh, &at_500, 500, &tiles, &records),
        Err(Error::LogInconsistent { .. })
    ));

    // An importer already past the pack (it saw 600 online): the pack's tiles cannot give a
    // proof from 500 to 600, so the crate says so and the scanner's pending rule applies.
    let mut ahead = importer.clone();
    log.append((500..600).map(entry).collect());
    let at_600 = log.checkpoint(&log_key(), &[&w1, &w2]);
    let proof = log.proof(550, at_600, Some(500));
    ahead.check_logged(&policy, &entry(550), &proof).unwrap();
    assert!(consistency_proof(&TileReader::new(&tiles, 500), 500, 600).is_err());
}

#[test]
fn a_cached_copy_is_checked_against_a_head_the_reader_accepted() {
    let (w1, w2) = (witness(1), witness(2));
    let policy = policy(&[&w1, &w2], 2);
    let mut log = log_of(300);
    let mut client = ClientState::default();
    let at_300 = log.checkpoint(&log_key(), &[&w1, &w2]);
    let cached = log.proof(42, at_300.clone(), None);
    client.check_logged(&policy, &entry(42), &cached).unwrap();
    log.append((300..400).map(entry).collect());
    let at_400 = log.checkpoint(&log_key(), &[&w1, &w2]);
    client
        .check_logged(&policy, &entry(350), &log.proof(350, at_400, Some(300)))
        .unwrap();

    // A checkpoint verified by another reader (never accepted by this one) is no shortcut.
    let other = ClientState::default()
        .accept_checkpoint(
            &policy,
            &log_of(300).checkpoint(&log_key(), &[&w1, &w2]),
            &[],
        )
        .unwrap();
    let stranger = ClientState::default();
    assert!(matches!(
        stranger.check_included(&other, &entry(42), 42, &cached.inclusion),
        Err(Error::LogInconsistent { .. })
    ));
    client
        .check_included(&other, &entry(42), 42, &cached.inclusion)
        .unwrap();

    // The copy cached at 300 still checks, with no consistency proof and no network.
    let before = client.clone();
    client.check_cached(&policy, &entry(42), &cached).unwrap();
    assert_eq!(client, before);

    // The kept heads survive a store round trip.
    let stored: Vec<(String, trustlabel_tlog::TreeHead)> =
        client.heads().map(|(o, h)| (o.to_owned(), h)).collect();
    assert_eq!(stored.len(), 2);
    assert_eq!(ClientState::from_heads(stored), client);

    // A copy whose checkpoint this reader never accepted (a fork at 300, validly signed and
    // cosigned): log_inconsistent, even though its own proof holds.
    let mut forked: Vec<Vec<u8>> = (0..300).map(entry).collect();
    forked[42] = b"swapped".to_vec();
    let fork = Log::with(forked);
    let fork_proof = fork.proof(42, fork.checkpoint(&log_key(), &[&w1, &w2]), None);
    let refused = client
        .check_cached(&policy, b"swapped", &fork_proof)
        .unwrap_err();
    assert_eq!(
        refused,
        Error::LogInconsistent {
            known_size: 400,
            offered_size: 300
        }
    );
    assert_eq!(refused.scanner_code(), Some("log_inconsistent"));

    // The copy's record changed in the cache: not logged. Its witnesses' lines stripped:
    // too few witnesses.
    let changed = client
        .check_cached(&policy, &entry(43), &cached)
        .unwrap_err();
    assert_eq!(changed, Error::NotLogged);
    assert_eq!(changed.scanner_code(), Some("not_logged"));
    let mut stripped = cached.clone();
    stripped.checkpoint = log_of(300).checkpoint(&log_key(), &[&w1]);
    let few = client
        .check_cached(&policy, &entry(42), &stripped)
        .unwrap_err();
    assert_eq!(
        few,
        Error::TooFewCosignatures {
            valid: 1,
            needed: 2
        }
    );
    assert_eq!(few.scanner_code(), Some("too_few_witnesses"));
    assert_eq!(
        Error::Locked { path: "x".into() }.scanner_code(),
        None,
        "a file error is not a record's fault"
    );
}
