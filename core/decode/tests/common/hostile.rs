//! Images built to be hard on a decoder (no code in them): the bounded-work tests check the
//! work counters on them, and `examples/hostile-bench.rs` times them.

#![allow(dead_code, reason = "each user takes the generators it needs")]

/// xorshift64: reproducible pseudo-random bytes without a dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Uniform noise, every pixel independent.
pub fn noise(w: usize, h: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed);
    (0..w * h).map(|_| rng.next() as u8).collect()
}

/// Square cells of `cell` pixels, dark and light.
pub fn checkerboard(w: usize, h: usize, cell: usize) -> Vec<u8> {
    (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            if (x / cell + y / cell).is_multiple_of(2) {
                20
            } else {
                235
            }
        })
        .collect()
}

/// Nested squares of many sizes, as on some packaging and posters: every
/// one is finder-like on rows, columns and diagonals. Kept
/// `trustlabel decode` busy for over 5 minutes.
pub fn finder_clutter(w: usize, h: usize, seed: u64) -> Vec<u8> {
    let mut data = vec![255u8; w * h];
    let mut rng = Rng(seed);
    let mut y = 2;
    while y < h {
        let mut x = 2;
        let m = 1 + (rng.next() % 6) as usize;
        while x + 7 * m < w && y + 7 * m < h {
            for dy in 0..7 * m {
                for dx in 0..7 * m {
                    let (mx, my) = (dx / m, dy / m);
                    let ring = mx.min(my).min(6 - mx).min(6 - my);
                    if ring != 1 {
                        data[(y + dy) * w + x + dx] = 0;
                    }
                }
            }
            x += 7 * m + m + (rng.next() % 3) as usize;
        }
        y += 7 * 6 + 6;
    }
    data
}

/// Diagonal stripes `period` pixels apart: every row and column is a run-length pattern.
pub fn stripes(w: usize, h: usize, period: usize) -> Vec<u8> {
    (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            if ((x + y) / period.max(1)).is_multiple_of(2) {
                10
            } else {
                245
            }
        })
        .collect()
}

/// Dark and light rectangles of random sizes, like dense print or a crowded shelf.
pub fn blocks(w: usize, h: usize, seed: u64) -> Vec<u8> {
    let mut data = vec![200u8; w * h];
    let mut rng = Rng(seed);
    for _ in 0..(w * h / 400) {
        let (bw, bh) = (
            1 + (rng.next() % 24) as usize,
            1 + (rng.next() % 24) as usize,
        );
        let (x0, y0) = ((rng.next() as usize) % w, (rng.next() as usize) % h);
        let v = if rng.next().is_multiple_of(2) {
            15
        } else {
            240
        };
        for y in y0..(y0 + bh).min(h) {
            data[y * w + x0..y * w + (x0 + bw).min(w)].fill(v);
        }
    }
    data
}

/// A wall of finder-pattern look-alikes: nested squares (dark 7x7 ring, light ring, dark
/// 3x3 centre) of `module` px modules, one every `pitch` px on a grid, as on some packaging,
/// tiles and fabrics. Any three of them at a right angle look like a code's corners, but no
/// timing pattern runs between them. Cost rqrr's grouping over a second per 720p frame.
pub fn finder_wall(w: usize, h: usize, module: usize, pitch: usize) -> Vec<u8> {
    let mut data = vec![235u8; w * h];
    let side = 7 * module;
    let mut y = module;
    while y + side < h {
        let mut x = module;
        while x + side < w {
            for dy in 0..side {
                for dx in 0..side {
                    let (mx, my) = (dx / module, dy / module);
                    let ring = mx.min(my).min(6 - mx).min(6 - my);
                    if ring != 1 {
                        data[(y + dy) * w + x + dx] = 20;
                    }
                }
            }
            x += pitch;
        }
        y += pitch;
    }
    data
}
