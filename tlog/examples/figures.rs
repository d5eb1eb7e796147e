//! Figures for issue 25's closing note: proof sizes for a log of 10,000 entries, the time to
//! build its tiles, to append 100, to prove and verify, and to monitor it. A measurement,
//! not a test: `cargo run -p trustlabel-tlog --example figures` (say which build you ran).

use std::collections::BTreeMap;
use std::time::Instant;

use trustlabel_tlog::{
    append, consistency_proof, inclusion_proof, monitor, verify_inclusion, Checkpoint, Error, Hash,
    KeyKind, LogPolicy, Note, SignerKey, TileReader,
};

fn entry(i: u64) -> Vec<u8> {
    // About the size of the proposed entry: a label URL and an envelope hash.
    format!(
        "trustlabel-record/v1\nhttps://registry.example/l/{i:08}\n1767225600 1\n{}\n",
        "x".repeat(44)
    )
    .into_bytes()
}

fn main() -> Result<(), Error> {
    const N: u64 = 10_000;
    let entries: Vec<Vec<u8>> = (0..N).map(entry).collect();

    let t = Instant::now();
    let built = append(&BTreeMap::new(), 0, &entries)?;
    let build = t.elapsed();
    let mut tiles = built.writes;
    let tile_count = tiles
        .keys()
        .filter(|p| !p.starts_with("tile/entries/"))
        .count();
    let bundle_count = tiles.len() - tile_count;
    let bytes: usize = tiles.values().map(Vec::len).sum();
    println!(
        "build {N} entries: {build:?} ({tile_count} hash tiles, {bundle_count} entry bundles, {bytes} bytes)"
    );

    let more: Vec<Vec<u8>> = (N..N + 100).map(entry).collect();
    let t = Instant::now();
    let appended = append(&tiles, N, &more)?;
    let add = t.elapsed();
    println!(
        "append 100 to {N}: {add:?} ({} files written)",
        appended.writes.len()
    );
    tiles.extend(appended.writes);
    let size = N + 100;

    let reader = TileReader::new(&tiles, size);
    let (mut min, mut max, mut total) = (usize::MAX, 0usize, 0usize);
    let t = Instant::now();
    let samples = 1000u64;
    for k in 0..samples {
        let index = k * size / samples;
        let proof = inclusion_proof(&reader, index, size)?;
        min = min.min(proof.len());
        max = max.max(proof.len());
        total += proof.len();
    }
    let per_proof = t.elapsed() / samples as u32;
    println!(
        "inclusion proof in {size}: {min}..{max} hashes ({}..{} bytes), mean {:.1} hashes; built from tiles in {per_proof:?} each",
        min * 32,
        max * 32,
        total as f64 / samples as f64
    );
    let tiles_per_proof: Vec<usize> = (0..samples)
        .map(|k| trustlabel_tlog::tiles_for_inclusion(k * size / samples, size).map(|t| t.len()))
        .collect::<Result<_, _>>()?;
    println!(
        "tiles a reader fetches for one inclusion proof in {size}: {}..{}",
        tiles_per_proof.iter().min().unwrap_or(&0),
        tiles_per_proof.iter().max().unwrap_or(&0)
    );
    let c = consistency_proof(&reader, N, size)?;
    println!(
        "consistency proof {N} -> {size}: {} hashes ({} bytes)",
        c.len(),
        c.len() * 32
    );

    let log_key = SignerKey::from_seed("registry.example/log", KeyKind::Ed25519, [1; 32])?;
    let witness = SignerKey::from_seed("witness.example", KeyKind::CosignatureV1, [2; 32])?;
    let text = Checkpoint {
        origin: "registry.example/log".into(),
        size,
        root: reader.root()?,
        extensions: vec![],
    }
    .to_text();
    let mut note = Note::new(&text)?;
    note.add_signature(log_key.sign(&text, 0))?;
    note.add_signature(witness.sign(&text, 1_767_225_600))?;
    let note = note.to_bytes();
    println!("checkpoint with one cosignature: {} bytes", note.len());
    let policy = LogPolicy::new(
        "registry.example/log",
        log_key.verifier().clone(),
        vec![witness.verifier().clone()],
        1,
    )?;

    let proof = inclusion_proof(&reader, 4321, size)?;
    let leaf = Hash::leaf(&entry(4321));
    let rounds = 200u32;
    let t = Instant::now();
    for _ in 0..rounds {
        let cp = policy.verify_checkpoint(&note)?;
        verify_inclusion(4321, size, &leaf, &proof, &cp.checkpoint().root)?;
    }
    println!(
        "verify checkpoint (log signature + cosignature) and inclusion: {:?} each",
        t.elapsed() / rounds
    );

    let cp = policy.verify_checkpoint(&note)?;
    let t = Instant::now();
    let report = monitor(&tiles, &cp, None, |_, _| Ok(()))?;
    println!("monitor {} entries: {:?}", report.entries, t.elapsed());
    Ok(())
}
