//! A small log for the tests: entries, tiles in a map, a log key and witnesses.

#![allow(dead_code, reason = "each test file uses part of the kit")]

use std::collections::BTreeMap;

use trustlabel_tlog::{
    append, consistency_proof, inclusion_proof, Checkpoint, Hash, KeyKind, LogPolicy, LogProof,
    Note, SignerKey, TileReader, VerifierKey,
};

pub const ORIGIN: &str = "registry.example/log";

pub fn key(name: &str, kind: KeyKind, seed: u8) -> SignerKey {
    SignerKey::from_seed(name, kind, [seed; 32]).unwrap()
}

pub fn log_key() -> SignerKey {
    key(ORIGIN, KeyKind::Ed25519, 1)
}

pub fn witness(n: u8) -> SignerKey {
    key(
        &format!("witness{n}.example"),
        KeyKind::CosignatureV1,
        100 + n,
    )
}

pub fn entry(i: u64) -> Vec<u8> {
    format!("trustlabel-record/v1\nhttps://registry.example/l/{i}\n").into_bytes()
}

/// A log: its entries and its published tiles.
#[derive(Clone, Default)]
pub struct Log {
    pub entries: Vec<Vec<u8>>,
    pub tiles: BTreeMap<String, Vec<u8>>,
}

impl Log {
    pub fn with(entries: impl IntoIterator<Item = Vec<u8>>) -> Log {
        let mut log = Log::default();
        log.append(entries.into_iter().collect());
        log
    }

    pub fn append(&mut self, entries: Vec<Vec<u8>>) -> Hash {
        let appended = append(&self.tiles, self.size(), &entries).unwrap();
        self.tiles.extend(appended.writes);
        self.entries.extend(entries);
        appended.root
    }

    pub fn size(&self) -> u64 {
        self.entries.len() as u64
    }

    pub fn root(&self) -> Hash {
        TileReader::new(&self.tiles, self.size()).root().unwrap()
    }

    pub fn leaves(&self) -> Vec<Hash> {
        self.entries.iter().map(|e| Hash::leaf(e)).collect()
    }

    /// The checkpoint note signed by `signer` and cosigned by `witnesses` at time 1000.
    pub fn checkpoint(&self, signer: &SignerKey, witnesses: &[&SignerKey]) -> Vec<u8> {
        let text = Checkpoint {
            origin: ORIGIN.into(),
            size: self.size(),
            root: self.root(),
            extensions: vec![],
        }
        .to_text();
        let mut note = Note::new(&text).unwrap();
        note.add_signature(signer.sign(&text, 0)).unwrap();
        for w in witnesses {
            note.add_signature(w.sign(&text, 1000)).unwrap();
        }
        note.to_bytes()
    }

    pub fn proof(&self, index: u64, note: Vec<u8>, known_size: Option<u64>) -> LogProof {
        let size = self.size();
        let reader = TileReader::new(&self.tiles, size);
        let consistency = match known_size {
            Some(k) if k < size => consistency_proof(&reader, k, size).unwrap(),
            _ => vec![],
        };
        LogProof {
            checkpoint: note,
            index,
            inclusion: inclusion_proof(&reader, index, size).unwrap(),
            consistency,
        }
    }
}

pub fn policy(witnesses: &[&SignerKey], threshold: usize) -> LogPolicy {
    let keys: Vec<VerifierKey> = witnesses.iter().map(|w| w.verifier().clone()).collect();
    LogPolicy::new(ORIGIN, log_key().verifier().clone(), keys, threshold).unwrap()
}
