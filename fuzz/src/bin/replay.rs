//! The fuzz targets on stable Rust, without libFuzzer: every file of each target's corpus,
//! then random mutations of them (bit flips, byte changes, inserts, deletes, splices) until
//! the time per target is used up. No coverage guidance, so it finds less than
//! `cargo fuzz run`; it is the CI smoke test, and it replays crash files.
//!
//! `fuzz-replay [--seconds S] [--corpus DIR] [TARGET...]` prints one line per target:
//! executions and crashes. A crashing input is saved under `artifacts/<target>/` and the
//! exit code is 1.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use trustlabel_fuzz::TARGETS;

/// xorshift64*: enough randomness for mutations, reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const INTERESTING: [&[u8]; 12] = [
    b"\"", b"{", b"}", b"[", b"]", b",", b":", b"\\u0000", b"null", b"-1", b"1e999", b"\xff",
];

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(out.len() + 1);
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(i..i, piece.iter().copied());
            }
            3 if !out.is_empty() => {
                let i = rng.below(out.len());
                let n = 1 + rng.below((out.len() - i).min(16));
                out.drain(i..i + n);
            }
            4 if !other.is_empty() => {
                let cut = rng.below(out.len() + 1);
                let from = rng.below(other.len());
                out.truncate(cut);
                out.extend_from_slice(&other[from..]);
            }
            _ if !out.is_empty() => {
                // Duplicate a slice: repeated members, nested brackets.
                let i = rng.below(out.len());
                let n = 1 + rng.below((out.len() - i).min(32));
                let piece: Vec<u8> = out[i..i + n].to_vec();
                out.splice(i..i, piece);
            }
            _ => out.push(rng.next() as u8),
        }
    }
    out.truncate(1 << 20);
    out
}

fn corpus(dir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.is_file())
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

fn main() {
    let mut seconds = 5.0_f64;
    let mut corpus_root = PathBuf::from("corpus");
    let mut chosen: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(seconds),
            "--corpus" => corpus_root = args.next().map(PathBuf::from).unwrap_or(corpus_root),
            name => chosen.push(name.to_owned()),
        }
    }
    // Contained panics (the decoder catches rqrr's) would print noise; uncaught ones are
    // still caught below and counted.
    std::panic::set_hook(Box::new(|_| {}));
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    println!("seed {seed}");
    let mut any_crash = false;
    for (name, target) in TARGETS {
        if !chosen.is_empty() && !chosen.iter().any(|c| c == name) {
            continue;
        }
        let mut rng = Rng(seed ^ name.len() as u64);
        let inputs = corpus(&corpus_root.join(name));
        let mut executions = 0u64;
        let mut crashes = 0u64;
        let mut run = |input: &[u8]| {
            executions += 1;
            if catch_unwind(AssertUnwindSafe(|| target(input))).is_err() {
                crashes += 1;
                let dir = Path::new("artifacts").join(name);
                let _ = std::fs::create_dir_all(&dir);
                let _ = std::fs::write(dir.join(format!("crash-{executions}")), input);
            }
        };
        run(b"");
        for input in &inputs {
            run(input);
        }
        let started = Instant::now();
        let budget = Duration::from_secs_f64(seconds);
        while started.elapsed() < budget {
            let base: &[u8] = if inputs.is_empty() {
                b""
            } else {
                &inputs[rng.below(inputs.len())]
            };
            let other: &[u8] = if inputs.is_empty() {
                b""
            } else {
                &inputs[rng.below(inputs.len())]
            };
            let input = mutate(&mut rng, base, other);
            run(&input);
        }
        println!(
            "{name}: {executions} executions, {crashes} crashes ({} corpus files)",
            inputs.len()
        );
        any_crash |= crashes > 0;
    }
    if any_crash {
        std::process::exit(1);
    }
}
