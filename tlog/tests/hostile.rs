//! Bytes from a log, a CDN or a witness are untrusted: malformed notes, checkpoints, keys,
//! tile paths, tiles and bundles get a typed error, never a panic.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod common;

use common::*;
use proptest::prelude::*;
use trustlabel_tlog::{
    read_bundle, Checkpoint, Error, Note, TilePath, TileReader, VerifierKey, MAX_NOTE_BYTES,
};

#[test]
fn malformed_notes_are_refused_with_what_is_wrong() {
    let sig = "\u{2014} k AAAAAAAAAAAA\n";
    let cases: Vec<(String, &str)> = vec![
        ("text\n".into(), "no blank line"),
        (format!("text\n\n{}", sig.trim_end()), "newline"),
        ("text\n\n- k AAAAAAAAAAAA\n".to_string(), "em dash"),
        ("text\n\n\u{2014} kAAAAAAAAAAAA\n".to_string(), "space"),
        ("text\n\n\u{2014} k+x AAAAAAAAAAAA\n".to_string(), "'+'"),
        ("text\n\n\u{2014} k !!!!\n".to_string(), "base64"),
        ("text\n\n\u{2014} k AAAA\n".to_string(), "shorter"),
        (format!("te\u{1b}[2Jxt\n\n{sig}"), "control"),
        (format!("text\r\n\n{sig}"), "control"),
        ("text\n\n".to_string(), "no signature"),
        (format!("text\n\n{}", sig.repeat(101)), "100"),
    ];
    for (note, why) in cases {
        match Note::parse(note.as_bytes()) {
            Err(Error::MalformedNote { detail }) => {
                assert!(detail.contains(why), "{note:?}: {detail}")
            }
            other => panic!("{note:?}: {other:?}"),
        }
    }
    assert!(matches!(
        Note::parse(&[0xff, b'\n', b'\n']),
        Err(Error::MalformedNote { .. })
    ));
    assert_eq!(
        Note::parse(&vec![b'a'; MAX_NOTE_BYTES + 1]),
        Err(Error::NoteTooLarge {
            limit: MAX_NOTE_BYTES
        })
    );
    assert!(Note::parse(format!("text\n\n{}", sig.repeat(100)).as_bytes()).is_ok());
}

#[test]
fn malformed_checkpoints_are_refused() {
    let root = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    for bad in [
        format!("\n5\n{root}\n"),
        format!("o\n05\n{root}\n"),
        format!("o\n-5\n{root}\n"),
        format!("o\n18446744073709551616\n{root}\n"),
        format!("o\n5\n{root}"),
        "o\n5\n".to_string(),
        "o\n5\nAAAA\n".to_string(),
        format!("o\n5\n{root}\n\next\n"),
        format!("o\n 5\n{root}\n"),
    ] {
        assert!(
            matches!(
                Checkpoint::parse(&bad),
                Err(Error::MalformedCheckpoint { .. })
            ),
            "{bad:?}"
        );
    }
    let good = Checkpoint::parse(&format!("o\n0\n{root}\next one\n")).unwrap();
    assert_eq!(good.size, 0);
    assert_eq!(good.extensions, vec!["ext one".to_string()]);
    assert_eq!(good.to_text(), format!("o\n0\n{root}\next one\n"));
}

#[test]
fn a_proof_for_an_old_checkpoint_reads_the_full_tile_when_the_partial_one_was_deleted() {
    let mut log = Log::with((0..100).map(entry));
    let old_root = log.root();
    log.append((100..600).map(entry).collect());
    let leaves = log.leaves();
    assert!(log.tiles.remove("tile/0/000.p/100").is_some());
    let reader = TileReader::new(&log.tiles, 100);
    assert_eq!(reader.root().unwrap(), old_root);
    assert_eq!(
        trustlabel_tlog::inclusion_proof(&reader, 42, 100).unwrap(),
        trustlabel_tlog::inclusion_proof(&leaves[..100], 42, 100).unwrap()
    );
}

#[test]
fn short_or_missing_tiles_and_bad_bundles_are_typed_errors() {
    let mut log = Log::with((0..300).map(entry));
    let reader_root = TileReader::new(&log.tiles, 300).root().unwrap();
    assert_eq!(reader_root, log.root());
    // The root of 300 reads level 1 for the first 256 leaves and the partial level-0 tile.
    log.tiles.insert("tile/0/001.p/44".into(), vec![0; 100]);
    assert_eq!(
        TileReader::new(&log.tiles, 300).root(),
        Err(Error::TileWrongSize {
            path: "tile/0/001.p/44".into(),
            expected: 44 * 32,
            got: 100
        })
    );
    assert!(matches!(
        TileReader::new(&log.tiles, 301).root(),
        Err(Error::TileMissing { .. })
    ));
    let path = TilePath::parse("tile/entries/001.p/44").unwrap();
    for bad in [vec![0u8], vec![0, 5, 1, 2], vec![0, 0]] {
        log.tiles.insert(path.to_string(), bad);
        assert!(matches!(
            read_bundle(&log.tiles, &path),
            Err(Error::MalformedEntryBundle { .. })
        ));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics_a_parser(bytes in prop::collection::vec(any::<u8>(), 0..400), text in ".{0,200}") {
        let _ = Note::parse(&bytes);
        let _ = Checkpoint::parse(&text);
        let _ = VerifierKey::parse(&text);
        let _ = trustlabel_tlog::SignerKey::parse(&text);
        let _ = TilePath::parse(&text);
        let signed = format!("{text}\n\n\u{2014} k {}\n", base64_of(&bytes));
        let _ = Note::parse(signed.as_bytes());
        let policy = policy(&[], 0);
        let _ = policy.verify_checkpoint(&bytes);
        let _ = policy.verify_checkpoint(signed.as_bytes());
        let _ = trustlabel_tlog::RecordEntry::parse(&bytes);
        let _ = trustlabel_tlog::RecordEntry::parse(format!("trustlabel-record/v1\n{text}\n").as_bytes());
        let _ = trustlabel_tlog::AddCheckpoint::parse(&bytes);
        let _ = trustlabel_tlog::AddCheckpoint::parse(format!("old {text}\n\n").as_bytes());
        let _ = trustlabel_tlog::read_statement_bundle(&bytes, "statements/000", 3);
        let _ = trustlabel_tlog::read_statement_bundle(&bytes, "statements/000", 0);
    }

    #[test]
    fn no_state_file_panics_its_reader(bytes in prop::collection::vec(any::<u8>(), 0..300), text in ".{0,200}") {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state");
        std::fs::write(&path, &bytes).unwrap();
        let _ = trustlabel_tlog::TreeHeads::load(&path);
        std::fs::write(&path, format!("trustlabel-tree-heads/v1\n{text}\n")).unwrap();
        let _ = trustlabel_tlog::TreeHeads::load(&path);
    }

    #[test]
    fn no_statement_bundle_panics_the_monitor_s_reader(bundle in prop::collection::vec(any::<u8>(), 0..600), size in 1u64..600, index in 0u64..700) {
        let mut store = std::collections::BTreeMap::new();
        for n in 0..3u64 {
            for w in [256u16, (size % 256) as u16] {
                let path = trustlabel_tlog::TilePath { level: None, index: n, width: w.max(1) };
                store.insert(trustlabel_tlog::statement_bundle_path(&path), bundle.clone());
            }
        }
        let mut read = trustlabel_tlog::Statements::new(&store, size);
        let _ = read.get(index);
    }

    #[test]
    fn no_tile_content_panics_a_reader(tile in prop::collection::vec(any::<u8>(), 0..600), size in 1u64..600) {
        let mut log = Log::with((0..size).map(entry));
        for path in log.tiles.keys().cloned().collect::<Vec<_>>() {
            log.tiles.insert(path, tile.clone());
        }
        let _ = TileReader::new(&log.tiles, size).root();
        let _ = trustlabel_tlog::append(&log.tiles, size, &[entry(size)]);
    }
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn state_files_round_trip_and_refuse_what_they_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("heads");
    assert_eq!(
        trustlabel_tlog::TreeHeads::load(&path).unwrap(),
        Default::default()
    );
    let mut heads = trustlabel_tlog::TreeHeads::default();
    let head = trustlabel_tlog::TreeHead {
        size: 70_000,
        root: trustlabel_tlog::Hash::leaf(b"x"),
    };
    heads.set("log one/with spaces", head);
    heads.set(ORIGIN, head);
    heads.save(&path).unwrap();
    let again = trustlabel_tlog::TreeHeads::load(&path).unwrap();
    assert_eq!(again, heads);
    assert_eq!(again.get("log one/with spaces"), Some(head));
    let text = std::fs::read_to_string(&path).unwrap();
    for (bad, why) in [
        (text.replace("trustlabel-tree-heads/v1", "v0"), "not a"),
        (text.replace(" 70000 ", " 7e4 "), "size"),
        (
            format!("{text}{}", text.lines().nth(1).unwrap()) + "\n",
            "twice",
        ),
        (text.trim_end().to_owned(), "not a"),
    ] {
        std::fs::write(&path, &bad).unwrap();
        match trustlabel_tlog::TreeHeads::load(&path) {
            Err(Error::MalformedState { detail, .. }) => assert!(detail.contains(why), "{detail}"),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
}
