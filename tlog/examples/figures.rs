//! Figures for issue 25's closing note, measured on the log as files on disk: exporting a log
//! of 10,000 labels, adding 100 to it, proof sizes, the reader's check per record, and the
//! monitor over every entry. A measurement, not a test (nothing here asserts on time).
//!
//! `cargo run --release -p trustlabel-tlog --example figures -- [--labels N] [--runs R]`
//!
//! Each figure is measured `--runs` times (default 5), each time on a fresh directory in the
//! system's temporary folder, and printed as min / median / max.

use std::time::{Duration, Instant};

use base64::Engine;
use trustlabel_tlog::{
    monitor_records, ClientState, Error, Hash, KeyKind, LogPolicy, LogWriter, RecordEntry,
    SignerKey, Statements, TileDir,
};

const ORIGIN: &str = "registry.example/log";

/// A statement's JWS compact form about the size of the demo registry's (3,066 bytes).
fn compact(i: u64) -> Vec<u8> {
    let mut c = format!("eyJhbGciOiJFZERTQSIsImtpZCI6ImRlbW8ifQ.{i:08}.").into_bytes();
    c.resize(3000, b'x');
    c
}

fn record(i: u64) -> RecordEntry {
    let maker = ["acme", "globex", "initech", "umbrella"][(i % 4) as usize];
    RecordEntry::for_statement(
        "demo",
        &format!("https://registry.example/l/{maker}/{i:06}"),
        1_790_000_000 + i,
        1,
        &compact(i),
    )
    .unwrap_or_else(|e| panic!("entry {i}: {e}"))
}

struct Stats(Vec<Duration>);

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut v = self.0.clone();
        v.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "min {:.3} ms, median {:.3} ms, max {:.3} ms ({} runs)",
            ms(v[0]),
            ms(v[v.len() / 2]),
            ms(v[v.len() - 1]),
            v.len()
        )
    }
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn count_files(dir: &std::path::Path, under: &str) -> (usize, u64) {
    fn walk(p: &std::path::Path, acc: &mut (usize, u64)) {
        if let Ok(items) = std::fs::read_dir(p) {
            for item in items.flatten() {
                let path = item.path();
                if path.is_dir() {
                    walk(&path, acc);
                } else if let Ok(m) = path.metadata() {
                    acc.0 += 1;
                    acc.1 += m.len();
                }
            }
        }
    }
    let mut acc = (0, 0);
    walk(&dir.join(under), &mut acc);
    acc
}

fn main() -> Result<(), Error> {
    let n = arg("--labels", 10_000);
    let runs = arg("--runs", 5).max(1) as usize;
    let log_key = || SignerKey::from_seed(ORIGIN, KeyKind::Ed25519, [1; 32]);
    let witness = SignerKey::from_seed("witness.example/w1", KeyKind::CosignatureV1, [2; 32])?;
    let entries: Vec<Vec<u8>> = (0..n).map(|i| record(i).to_bytes()).collect();
    let more: Vec<Vec<u8>> = (n..n + 100).map(|i| record(i).to_bytes()).collect();
    let statements: Vec<Vec<u8>> = (0..n).map(compact).collect();
    println!(
        "entries: {n} labels, {} bytes each on average (trustlabel-record/v1)",
        entries.iter().map(Vec::len).sum::<usize>() / entries.len().max(1)
    );

    let (mut export, mut export_archive, mut add) = (Vec::new(), Vec::new(), Vec::new());
    let mut last_dir = None;
    let mut written_by_add = 0;
    for run in 0..runs {
        let tmp = std::env::temp_dir().join(format!("tlog-figures-{}-{run}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);

        // Export of the log alone: a new directory, every entry, tiles, the checkpoint.
        let t = Instant::now();
        let mut writer = LogWriter::create(tmp.join("log"), ORIGIN, log_key()?)?;
        writer.append(&entries)?;
        export.push(t.elapsed());
        drop(writer);
        if run == 0 {
            let (all, bytes) = count_files(&tmp.join("log"), "tile");
            let (bundles, bundle_bytes) = count_files(&tmp.join("log"), "tile/entries");
            println!(
                "exported log of {n}: {} hash tiles ({} bytes), {bundles} entry bundles ({bundle_bytes} bytes)",
                all - bundles,
                bytes - bundle_bytes
            );
        }

        // The same with every statement in the statement bundles, as the registry exports.
        let t = Instant::now();
        let mut writer = LogWriter::create(tmp.join("archived"), ORIGIN, log_key()?)?;
        writer.append_with_statements(&entries, &statements)?;
        export_archive.push(t.elapsed());
        drop(writer);

        // Adding 100 to the exported 10,000: open (checks), append, new checkpoint.
        let t = Instant::now();
        let mut writer = LogWriter::open(tmp.join("log"), ORIGIN, log_key()?)?;
        let report = writer.append(&more)?;
        add.push(t.elapsed());
        written_by_add = report.written.len();
        if let Some(old) = last_dir.replace(tmp) {
            let _ = std::fs::remove_dir_all(old);
        }
    }
    let Some(dir) = last_dir else {
        return Ok(());
    };
    let log_dir = dir.join("log");
    let (all, bytes) = count_files(&log_dir, "tile");
    let (bundles, bundle_bytes) = count_files(&log_dir, "tile/entries");
    println!(
        "log of {} after the last add: {} hash tiles ({} bytes), {bundles} entry bundles ({bundle_bytes} bytes)",
        n + 100,
        all - bundles,
        bytes - bundle_bytes
    );
    println!("export {n} (log only): {}", Stats(export));
    println!(
        "export {n} with their {n} statements in statement bundles ({} bytes each): {}",
        compact(0).len(),
        Stats(export_archive)
    );
    println!(
        "add 100 to the exported {n} (open + append + checkpoint): {} ; {written_by_add} files written",
        Stats(add)
    );

    // Proofs, as they travel with a record.
    let size = n + 100;
    let mut writer = LogWriter::open(&log_dir, ORIGIN, log_key()?)?;
    let mut logged = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let hashes = writer.logged_statements()?;
        logged.push(t.elapsed());
        assert_eq!(
            hashes.len() as u64,
            size,
            "every entry is a distinct statement"
        );
    }
    println!(
        "what is logged already, for an export to append only what is new (logged_statements, {size} entries): {}",
        Stats(logged)
    );
    let text = trustlabel_tlog::Note::parse(&writer.checkpoint())?
        .text()
        .to_owned();
    writer.add_cosignatures(witness.sign(&text, 1_790_000_000).to_line().as_bytes())?;
    let checkpoint = writer.checkpoint();
    let (mut min, mut max, mut total) = (usize::MAX, 0, 0);
    let samples = 1000u64.min(size);
    let t = Instant::now();
    for k in 0..samples {
        let proof = writer.proof(k * size / samples)?;
        min = min.min(proof.inclusion.len());
        max = max.max(proof.inclusion.len());
        total += proof.inclusion.len();
    }
    let per_proof = t.elapsed() / samples as u32;
    let t = Instant::now();
    let prover = writer.prover()?;
    let load = t.elapsed();
    let t = Instant::now();
    let mut inclusion_json = 0usize;
    for index in 0..size {
        let proof = prover.proof(index)?;
        // `"inclusion":[...]` and `"index":N` as JSON: what a proof per record adds.
        inclusion_json += proof.inclusion.len() * 47 + 15 + index.to_string().len() + 9;
    }
    let all_proofs = t.elapsed();
    // The hash tiles a tree of `size` needs (not older partial tiles the directory keeps).
    let (mut tile_files, mut tile_bytes, mut count) = (0u64, 0u64, size);
    while count > 0 {
        tile_files += count / 256 + u64::from(count % 256 != 0);
        tile_bytes += count * 32;
        count /= 256;
    }
    let sample = writer.proof(4321.min(size - 1))?;
    let json = format!(
        "{{\"v\":1,\"index\":{},\"inclusion\":[{}],\"checkpoint\":{:?}}}",
        sample.index,
        sample
            .inclusion
            .iter()
            .map(|h| format!(
                "\"{}\"",
                base64::engine::general_purpose::STANDARD.encode(h.0)
            ))
            .collect::<Vec<_>>()
            .join(","),
        String::from_utf8_lossy(&checkpoint)
    );
    println!(
        "inclusion proof in {size}: {min}..{max} hashes ({}..{} bytes), mean {:.1}; built from the directory's tiles in {per_proof:?} each",
        min * 32,
        max * 32,
        total as f64 / samples as f64
    );
    println!(
        "proofs for all {size} records from memory (LogWriter::prover): load {load:?}, then {all_proofs:?} for all"
    );
    println!(
        "a pack of {size}: a proof per record is {inclusion_json} bytes of JSON; the hash tiles instead are {tile_files} files, {tile_bytes} bytes ({} in base64)",
        tile_bytes.div_ceil(3) * 4
    );
    println!(
        "checkpoint with the log's signature and one cosignature: {} bytes; a whole log_proof member as JSON: {} bytes",
        checkpoint.len(),
        json.len()
    );
    println!(
        "consistency proof {n} -> {size}: {} hashes",
        writer.consistency(n)?.len()
    );

    // The reader's check per record: checkpoint (log signature + 1 cosignature), the kept
    // head, the inclusion proof.
    let policy = LogPolicy::new(
        ORIGIN,
        log_key()?.verifier().clone(),
        vec![witness.verifier().clone()],
        1,
    )?;
    let entry = record(sample.index).to_bytes();
    let rounds = 2000;
    let mut per_record = Vec::new();
    for _ in 0..runs {
        let mut client = ClientState::default();
        let t = Instant::now();
        for _ in 0..rounds {
            client.check_logged(&policy, &entry, &sample)?;
        }
        per_record.push(t.elapsed() / rounds);
    }
    println!(
        "reader's check per record (checkpoint signature + cosignature + kept head + inclusion): {}",
        Stats(per_record)
    );
    let mut inclusion_only = Vec::new();
    for _ in 0..runs {
        let cp = policy.verify_checkpoint(&checkpoint)?;
        let leaf = Hash::leaf(&entry);
        let t = Instant::now();
        for _ in 0..rounds {
            trustlabel_tlog::verify_inclusion(
                sample.index,
                size,
                &leaf,
                &sample.inclusion,
                &cp.checkpoint().root,
            )?;
        }
        inclusion_only.push(t.elapsed() / rounds);
    }
    println!(
        "inclusion proof alone (checkpoint already verified): {}",
        Stats(inclusion_only)
    );
    // A pack of every record: the checkpoint once, then each record's inclusion.
    let proofs: Vec<_> = (0..size)
        .map(|i| prover.proof(i).map(|p| p.inclusion))
        .collect::<Result<_, _>>()?;
    let all_entries: Vec<Vec<u8>> = entries.iter().chain(&more).cloned().collect();
    let mut pack = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let mut client = ClientState::default();
        let verified = client.accept_checkpoint(&policy, &checkpoint, &[])?;
        for (i, inclusion) in proofs.iter().enumerate() {
            client.check_included(&verified, &all_entries[i], i as u64, inclusion)?;
        }
        pack.push(t.elapsed());
    }
    println!(
        "a pack of {size} records: checkpoint once, then every record's inclusion (check_included): {}",
        Stats(pack)
    );
    // Today's cost for comparison: the one Ed25519 check a scan makes on the envelope.
    let envelope_key = SignerKey::from_seed("envelope", KeyKind::Ed25519, [3; 32])?;
    let message = String::from_utf8_lossy(&compact(1)).into_owned() + "\n";
    let mut note = trustlabel_tlog::Note::new(&message)?;
    note.add_signature(envelope_key.sign(&message, 0))?;
    let keys = [envelope_key.verifier().clone()];
    let mut today = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        for _ in 0..rounds {
            trustlabel_tlog::verify_note(&note, &keys)?;
        }
        today.push(t.elapsed() / rounds);
    }
    println!(
        "for comparison, one Ed25519 check over {} bytes (what a scan verifies today): {}",
        message.len(),
        Stats(today)
    );

    // The monitor over every entry, from the directory.
    let cp = policy.verify_checkpoint(&checkpoint)?;
    let store = TileDir::new(&log_dir);
    let mut plain = Vec::new();
    let mut labels = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let report = monitor_records(&store, &cp, None, None, |_, _| Ok(()))?;
        plain.push(t.elapsed());
        labels = report.labels.len();
    }
    println!(
        "monitor {size} entries from the directory (replay, root, every tile, {labels} labels listed): {}",
        Stats(plain)
    );
    let mut prefix = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let report = monitor_records(
            &store,
            &cp,
            None,
            Some("https://registry.example/l/acme"),
            |_, _| Ok(()),
        )?;
        prefix.push(t.elapsed());
        labels = report.labels.len();
    }
    println!(
        "monitor {size} entries, one maker's prefix ({labels} labels): {}",
        Stats(prefix)
    );
    let archived = dir.join("archived");
    let mut writer = LogWriter::open(&archived, ORIGIN, log_key()?)?;
    writer.add_cosignatures(
        witness
            .sign(
                trustlabel_tlog::Note::parse(&writer.checkpoint())?.text(),
                1,
            )
            .to_line()
            .as_bytes(),
    )?;
    let cp = policy.verify_checkpoint(&writer.checkpoint())?;
    let store = TileDir::new(&archived);
    let mut with_statements = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let mut read = Statements::new(&store, n);
        monitor_records(&store, &cp, None, None, |i, e| {
            let statement = read.get(i).map_err(|x| x.to_string())?;
            if e.logs_statement(statement) {
                Ok(())
            } else {
                Err("not this entry's statement".into())
            }
        })?;
        with_statements.push(t.elapsed());
    }
    println!(
        "monitor {n} entries, each statement read from its bundle and hashed (the signature check is the registry's, not timed): {}",
        Stats(with_statements)
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
