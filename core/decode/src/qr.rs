//! Our own reader for a sampled QR module grid: format, unmasking, block
//! de-interleaving, Reed-Solomon correction and the data segments.
//!
//! rqrr locates grids well but its payload parser rejects FNC1 (GS1) and
//! structured-append headers (`UnknownDataType`) and drops ECI designators.
//! This reader handles all segment modes of ISO/IEC 18004 except Hanzi:
//! numeric, alphanumeric, byte, kanji, ECI (UTF-8, ISO-8859-1, Shift_JIS,
//! ASCII), FNC1 in first and second position, structured append.
//! It follows ZXing's `BitMatrixParser`, `DataBlock` and
//! `DecodedBitStreamParser`; the block tables are the standard ones (as in
//! Project Nayuki's QR generator), checked in tests against the `qrcode`
//! encoder for every version and level.

use crate::Charset;

/// What a grid decoded to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Payload {
    /// Payload bytes as stored (byte segments verbatim, kanji as Shift_JIS,
    /// numeric/alphanumeric as ASCII; FNC1 separators as 0x1D).
    pub raw: Vec<u8>,
    /// Text when an ECI designator fixed the charset, else None (guess).
    pub text: Option<(String, Charset)>,
    /// FNC1 (GS1 or AIM application) mode.
    pub fnc1: bool,
    pub version: u8,
}

/// Module accessor: `dark(row, col)`.
pub(crate) trait Modules {
    fn size(&self) -> usize;
    fn dark(&self, row: usize, col: usize) -> bool;
}

impl<G: rqrr::BitGrid> Modules for G {
    fn size(&self) -> usize {
        rqrr::BitGrid::size(self)
    }
    fn dark(&self, row: usize, col: usize) -> bool {
        self.bit(row, col)
    }
}

struct Transposed<'a, M: ?Sized>(&'a M);

impl<M: Modules + ?Sized> Modules for Transposed<'_, M> {
    fn size(&self) -> usize {
        self.0.size()
    }
    fn dark(&self, row: usize, col: usize) -> bool {
        self.0.dark(col, row)
    }
}

/// Decode a module grid (also tried mirrored).
pub(crate) fn decode<M: Modules + ?Sized>(m: &M) -> Option<Payload> {
    decode_once(m).or_else(|| decode_once(&Transposed(m)))
}

// ---------------------------------------------------------------- tables

/// Error-correction codewords per block, index [level][version] with level
/// order L, M, Q, H.
const ECC_PER_BLOCK: [[u8; 41]; 4] = [
    [
        0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28,
        30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ],
    [
        0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30,
        30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
];

/// Number of error-correction blocks, index [level][version].
const NUM_BLOCKS: [[u8; 41]; 4] = [
    [
        0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13,
        14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ],
    [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21,
        23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ],
    [
        0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29,
        34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ],
    [
        0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32,
        35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ],
];

/// Alignment pattern centre coordinates for `version`.
fn alignment_positions(version: usize) -> Vec<usize> {
    if version == 1 {
        return Vec::new();
    }
    let num = version / 7 + 2;
    let step = if version == 32 {
        26
    } else {
        (version * 4 + num * 2 + 1) / (num * 2 - 2) * 2
    };
    let size = version * 4 + 17;
    let mut out = vec![6];
    let mut pos = size - 7;
    let mut rest = Vec::new();
    while rest.len() + 1 < num {
        rest.push(pos);
        pos = pos.saturating_sub(step);
    }
    rest.reverse();
    out.extend(rest);
    out
}

fn raw_data_modules(version: usize) -> usize {
    let v = version;
    let mut r = (16 * v + 128) * v + 64;
    if v >= 2 {
        let n = v / 7 + 2;
        r -= (25 * n - 10) * n - 55;
        if v >= 7 {
            r -= 36;
        }
    }
    r
}

/// Cells used by function patterns (finders, separators, timing, alignment,
/// format and version information): `true` = not a data cell.
fn function_mask(version: usize) -> Vec<bool> {
    let n = version * 4 + 17;
    let mut f = vec![false; n * n];
    let mut region = |x0: usize, y0: usize, w: usize, h: usize| {
        for y in y0..y0 + h {
            for x in x0..x0 + w {
                f[y * n + x] = true;
            }
        }
    };
    region(0, 0, 9, 9);
    region(n - 8, 0, 8, 9);
    region(0, n - 8, 9, 8);
    let al = alignment_positions(version);
    let last = al.len().saturating_sub(1);
    for (i, &cy) in al.iter().enumerate() {
        for (j, &cx) in al.iter().enumerate() {
            // The three corners with finder patterns.
            let finder = (i == 0 && (j == 0 || j == last)) || (i == last && j == 0);
            if finder {
                continue;
            }
            region(cx - 2, cy - 2, 5, 5);
        }
    }
    region(6, 9, 1, n - 17);
    region(9, 6, n - 17, 1);
    if version > 6 {
        region(n - 11, 0, 3, 6);
        region(0, n - 11, 6, 3);
    }
    f
}

fn masked(mask: u8, row: usize, col: usize) -> bool {
    let (i, j) = (row, col);
    match mask {
        0 => (i + j) % 2 == 0,
        1 => i % 2 == 0,
        2 => j % 3 == 0,
        3 => (i + j) % 3 == 0,
        4 => (i / 2 + j / 3) % 2 == 0,
        5 => (i * j) % 2 + (i * j) % 3 == 0,
        6 => ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        _ => ((i + j) % 2 + (i * j) % 3) % 2 == 0,
    }
}

// ---------------------------------------------------------------- format

/// BCH(15,5) format word for 5 data bits, with the 0x5412 mask applied.
fn format_word(data: u16) -> u16 {
    let mut rem = data << 10;
    for i in (10..15).rev() {
        if rem & (1 << i) != 0 {
            rem ^= 0x537 << (i - 10);
        }
    }
    ((data << 10) | rem) ^ 0x5412
}

/// (ecc level index L=0 M=1 Q=2 H=3, mask)
fn read_format<M: Modules + ?Sized>(m: &M) -> Option<(usize, u8)> {
    let n = m.size();
    // ZXing's copyBit(i, j) reads column i, row j.
    let bit = |x: usize, y: usize| m.dark(y, x) as u16;
    let mut a = 0u16;
    for i in 0..6 {
        a = (a << 1) | bit(i, 8);
    }
    a = (a << 1) | bit(7, 8);
    a = (a << 1) | bit(8, 8);
    a = (a << 1) | bit(8, 7);
    for j in (0..6).rev() {
        a = (a << 1) | bit(8, j);
    }
    let mut b = 0u16;
    for j in (n - 7..n).rev() {
        b = (b << 1) | bit(8, j);
    }
    for i in n - 8..n {
        b = (b << 1) | bit(i, 8);
    }
    let mut best = (u32::MAX, 0u16);
    for data in 0..32u16 {
        let w = format_word(data);
        for got in [a, b] {
            let d = (w ^ got).count_ones();
            if d < best.0 {
                best = (d, data);
            }
        }
    }
    if best.0 > 3 {
        return None;
    }
    // Level bits: 01 = L, 00 = M, 11 = Q, 10 = H.
    let level = match best.1 >> 3 {
        1 => 0,
        0 => 1,
        3 => 2,
        _ => 3,
    };
    Some((level, (best.1 & 7) as u8))
}

// ---------------------------------------------------------------- GF(256)

struct Gf {
    exp: [u8; 512],
    log: [u8; 256],
}

impl Gf {
    fn new() -> Gf {
        let mut exp = [0u8; 512];
        let mut log = [0u8; 256];
        let mut x = 1u16;
        for (i, e) in exp.iter_mut().take(255).enumerate() {
            *e = x as u8;
            log[x as usize] = i as u8;
            x <<= 1;
            if x & 0x100 != 0 {
                x ^= 0x11d;
            }
        }
        for i in 255..512 {
            exp[i] = exp[i - 255];
        }
        Gf { exp, log }
    }
    fn mul(&self, a: u8, b: u8) -> u8 {
        if a == 0 || b == 0 {
            0
        } else {
            self.exp[self.log[a as usize] as usize + self.log[b as usize] as usize]
        }
    }
    fn inv(&self, a: u8) -> u8 {
        self.exp[255 - self.log[a as usize] as usize]
    }
    fn div(&self, a: u8, b: u8) -> u8 {
        self.mul(a, self.inv(b))
    }
    /// α^e for any integer e.
    fn pow_a(&self, e: i64) -> u8 {
        self.exp[e.rem_euclid(255) as usize]
    }
}

/// Evaluate a low-degree-first polynomial at x.
fn poly_eval(gf: &Gf, p: &[u8], x: u8) -> u8 {
    let mut acc = 0u8;
    for &c in p.iter().rev() {
        acc = gf.mul(acc, x) ^ c;
    }
    acc
}

/// Correct `block` (data then ecc, first byte = highest degree) in place.
/// Generator roots α^0 .. α^(ecc-1), as QR uses.
fn rs_correct(gf: &Gf, block: &mut [u8], ecc: usize) -> bool {
    let n = block.len();
    // r(x) with block[k] the coefficient of x^(n-1-k).
    let eval_r = |blk: &[u8], x: u8| {
        let mut acc = 0u8;
        for &c in blk {
            acc = gf.mul(acc, x) ^ c;
        }
        acc
    };
    let synd: Vec<u8> = (0..ecc)
        .map(|j| eval_r(block, gf.pow_a(j as i64)))
        .collect();
    if synd.iter().all(|&s| s == 0) {
        return true;
    }
    // Berlekamp-Massey: error locator sigma (low degree first).
    let mut c = vec![0u8; ecc + 1];
    let mut bpoly = vec![0u8; ecc + 1];
    c[0] = 1;
    bpoly[0] = 1;
    let (mut l, mut m, mut bb) = (0usize, 1usize, 1u8);
    for k in 0..ecc {
        let mut d = synd[k];
        for i in 1..=l {
            d ^= gf.mul(c[i], synd[k - i]);
        }
        if d == 0 {
            m += 1;
            continue;
        }
        let coef = gf.div(d, bb);
        let t = c.clone();
        for i in 0..=ecc {
            if i + m <= ecc {
                c[i + m] ^= gf.mul(coef, bpoly[i]);
            }
        }
        if 2 * l <= k {
            l = k + 1 - l;
            bpoly = t;
            bb = d;
            m = 1;
        } else {
            m += 1;
        }
    }
    if l == 0 || 2 * l > ecc {
        return false;
    }
    let sigma = &c[..=l];
    // Omega = S(x) * sigma(x) mod x^ecc.
    let mut omega = vec![0u8; ecc];
    for (i, &s) in synd.iter().enumerate() {
        for (j, &sg) in sigma.iter().enumerate() {
            if i + j < ecc {
                omega[i + j] ^= gf.mul(s, sg);
            }
        }
    }
    // sigma'(x): odd terms shifted down.
    let deriv: Vec<u8> = (1..sigma.len())
        .map(|i| if i % 2 == 1 { sigma[i] } else { 0 })
        .collect();
    let mut found = 0usize;
    for deg in 0..n {
        // X = α^deg; root test at X^-1.
        let xinv = gf.pow_a(-(deg as i64));
        if poly_eval(gf, sigma, xinv) != 0 {
            continue;
        }
        let den = poly_eval(gf, &deriv, xinv);
        if den == 0 {
            return false;
        }
        let x = gf.pow_a(deg as i64);
        let mag = gf.mul(x, gf.div(poly_eval(gf, &omega, xinv), den));
        block[n - 1 - deg] ^= mag;
        found += 1;
    }
    if found != l {
        return false;
    }
    (0..ecc).all(|j| eval_r(block, gf.pow_a(j as i64)) == 0)
}

// ---------------------------------------------------------------- reading

fn decode_once<M: Modules + ?Sized>(m: &M) -> Option<Payload> {
    let n = m.size();
    if !(21..=177).contains(&n) || !(n - 17).is_multiple_of(4) {
        return None;
    }
    let version = (n - 17) / 4;
    let (level, mask) = read_format(m)?;
    let func = function_mask(version);

    // Codewords in the zigzag order, unmasked.
    let total = raw_data_modules(version) / 8;
    let mut words = Vec::with_capacity(total);
    let (mut cur, mut nbits) = (0u8, 0);
    let mut up = true;
    let mut j = n - 1;
    while j > 0 {
        if j == 6 {
            j -= 1;
        }
        for count in 0..n {
            let i = if up { n - 1 - count } else { count };
            for col in 0..2 {
                let x = j - col;
                if func[i * n + x] {
                    continue;
                }
                let bit = m.dark(i, x) ^ masked(mask, i, x);
                cur = (cur << 1) | bit as u8;
                nbits += 1;
                if nbits == 8 {
                    words.push(cur);
                    cur = 0;
                    nbits = 0;
                }
            }
        }
        up = !up;
        if j < 2 {
            break;
        }
        j -= 2;
    }
    if words.len() < total {
        return None;
    }
    words.truncate(total);

    // De-interleave into blocks and correct.
    let nblocks = NUM_BLOCKS[level][version] as usize;
    let ecc = ECC_PER_BLOCK[level][version] as usize;
    let short_len = total / nblocks;
    let num_short = nblocks - total % nblocks;
    let short_data = short_len - ecc;
    let mut blocks: Vec<Vec<u8>> = (0..nblocks)
        .map(|b| Vec::with_capacity(short_len + (b >= num_short) as usize))
        .collect();
    let mut it = words.iter();
    for i in 0..=short_data {
        for (b, blk) in blocks.iter_mut().enumerate() {
            if i < short_data || b >= num_short {
                blk.push(*it.next()?);
            }
        }
    }
    for _ in 0..ecc {
        for blk in blocks.iter_mut() {
            blk.push(*it.next()?);
        }
    }
    let gf = Gf::new();
    let mut data = Vec::with_capacity(total);
    for blk in blocks.iter_mut() {
        if !rs_correct(&gf, blk, ecc) {
            return None;
        }
        data.extend_from_slice(&blk[..blk.len() - ecc]);
    }
    parse_segments(&data, version)
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    fn left(&self) -> usize {
        self.data.len() * 8 - self.pos
    }
    fn read(&mut self, n: usize) -> Option<u32> {
        if n > self.left() {
            return None;
        }
        let mut v = 0u32;
        for _ in 0..n {
            let b = (self.data[self.pos / 8] >> (7 - self.pos % 8)) & 1;
            v = (v << 1) | b as u32;
            self.pos += 1;
        }
        Some(v)
    }
}

const ALNUM: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

fn eci_charset(eci: u32) -> Option<Charset> {
    match eci {
        // 1 and 3: ISO-8859-1; 27 and 170: ASCII (a subset).
        1 | 3 | 27 | 170 => Some(Charset::Latin1),
        20 => Some(Charset::ShiftJis),
        26 => Some(Charset::Utf8),
        _ => None,
    }
}

fn decode_as(bytes: &[u8], cs: Charset) -> Option<String> {
    match cs {
        Charset::Utf8 => String::from_utf8(bytes.to_vec()).ok(),
        Charset::ShiftJis => encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|c| c.into_owned()),
        _ => Some(bytes.iter().map(|&b| b as char).collect()),
    }
}

/// The data segments of the corrected data codewords, mode after mode, in
/// the way of ZXing's DecodedBitStreamParser: one function per mode, the
/// ECI and FNC1 state kept here.
fn parse_segments(data: &[u8], version: usize) -> Option<Payload> {
    let mut bits = Bits { data, pos: 0 };
    let mut raw = Vec::new();
    // Text per ECI run, when an ECI designator is present.
    let mut eci: Option<Charset> = None;
    let mut saw_eci = false;
    let mut text = String::new();
    let mut fnc1 = false;
    // Character count bits per mode for versions 1-9, 10-26 and 27-40.
    let count_bits = |per_class: [usize; 3]| match version {
        1..=9 => per_class[0],
        10..=26 => per_class[1],
        _ => per_class[2],
    };
    loop {
        if bits.left() < 4 {
            break;
        }
        let mode = bits.read(4)?;
        let start = raw.len();
        match mode {
            0 => break,
            1 => decode_numeric_segment(&mut bits, count_bits([10, 12, 14]), &mut raw)?,
            2 => decode_alphanumeric_segment(&mut bits, count_bits([9, 11, 13]), fnc1, &mut raw)?,
            4 => decode_byte_segment(&mut bits, count_bits([8, 16, 16]), &mut raw)?,
            8 => {
                decode_kanji_segment(&mut bits, count_bits([8, 10, 12]), &mut raw)?;
                if saw_eci {
                    // Kanji is Shift_JIS whatever the ECI says.
                    text.push_str(&decode_as(&raw[start..], Charset::ShiftJis)?);
                    continue;
                }
            }
            7 => {
                let value = parse_eci_value(&mut bits)?;
                if !saw_eci && !raw.is_empty() {
                    // Segments before the first ECI: default charset.
                    text.push_str(&crate::charset::decode_text(&raw).0);
                }
                eci = Some(eci_charset(value)?);
                saw_eci = true;
                continue;
            }
            3 => {
                // Structured append: sequence and parity, then the data.
                bits.read(16)?;
                continue;
            }
            5 => {
                fnc1 = true;
                continue;
            }
            9 => {
                bits.read(8)?; // application indicator
                fnc1 = true;
                continue;
            }
            _ => return None, // Hanzi (13) and reserved modes
        }
        if saw_eci {
            text.push_str(&decode_as(&raw[start..], eci.unwrap_or(Charset::Latin1))?);
        }
    }
    let text = if saw_eci {
        let cs = eci.unwrap_or(Charset::Latin1);
        Some((text, cs))
    } else {
        None
    };
    Some(Payload {
        raw,
        text,
        fnc1,
        version: version as u8,
    })
}

/// Numeric mode: groups of three digits in 10 bits, a last group of two in
/// 7 bits or of one in 4 (ZXing's decodeNumericSegment). Digits as ASCII.
fn decode_numeric_segment(bits: &mut Bits, count_bits: usize, raw: &mut Vec<u8>) -> Option<()> {
    let count = bits.read(count_bits)? as usize;
    let mut left = count;
    while left >= 3 {
        let v = bits.read(10)?;
        if v >= 1000 {
            return None;
        }
        raw.extend(format!("{v:03}").bytes());
        left -= 3;
    }
    if left == 2 {
        let v = bits.read(7)?;
        if v >= 100 {
            return None;
        }
        raw.extend(format!("{v:02}").bytes());
    } else if left == 1 {
        let v = bits.read(4)?;
        if v >= 10 {
            return None;
        }
        raw.push(b'0' + v as u8);
    }
    Some(())
}

/// Alphanumeric mode: pairs of characters in 11 bits, a last one in 6
/// (ZXing's decodeAlphanumericSegment). In FNC1 mode "%" is the GS
/// separator (0x1D) and "%%" is "%".
fn decode_alphanumeric_segment(
    bits: &mut Bits,
    count_bits: usize,
    fnc1: bool,
    raw: &mut Vec<u8>,
) -> Option<()> {
    let count = bits.read(count_bits)? as usize;
    let mut seg = Vec::with_capacity(count);
    let mut left = count;
    while left >= 2 {
        let v = bits.read(11)? as usize;
        if v >= 45 * 45 {
            return None;
        }
        seg.push(ALNUM[v / 45]);
        seg.push(ALNUM[v % 45]);
        left -= 2;
    }
    if left == 1 {
        let v = bits.read(6)? as usize;
        seg.push(*ALNUM.get(v)?);
    }
    if fnc1 {
        let mut out = Vec::with_capacity(seg.len());
        let mut k = 0;
        while k < seg.len() {
            if seg[k] == b'%' {
                if seg.get(k + 1) == Some(&b'%') {
                    out.push(b'%');
                    k += 2;
                    continue;
                }
                out.push(0x1D);
            } else {
                out.push(seg[k]);
            }
            k += 1;
        }
        seg = out;
    }
    raw.extend(seg);
    Some(())
}

/// Byte mode: the bytes verbatim (ZXing's decodeByteSegment; the charset
/// is decided later, from an ECI or by guessing).
fn decode_byte_segment(bits: &mut Bits, count_bits: usize, raw: &mut Vec<u8>) -> Option<()> {
    let count = bits.read(count_bits)? as usize;
    if bits.left() < count * 8 {
        return None;
    }
    for _ in 0..count {
        raw.push(bits.read(8)? as u8);
    }
    Some(())
}

/// Kanji mode: 13 bits a character, expanded back to its Shift_JIS pair
/// (ZXing's decodeKanjiSegment).
fn decode_kanji_segment(bits: &mut Bits, count_bits: usize, raw: &mut Vec<u8>) -> Option<()> {
    let count = bits.read(count_bits)? as usize;
    for _ in 0..count {
        let d = bits.read(13)?;
        let assembled = ((d / 0xC0) << 8) | (d % 0xC0);
        let sj = if assembled < 0x1F00 {
            assembled + 0x8140
        } else {
            assembled + 0xC140
        };
        raw.push((sj >> 8) as u8);
        raw.push(sj as u8);
    }
    Some(())
}

/// The ECI designator's value: one, two or three bytes, told apart by the
/// leading bits of the first (ZXing's parseECIValue).
fn parse_eci_value(bits: &mut Bits) -> Option<u32> {
    let first = bits.read(8)?;
    if first & 0x80 == 0 {
        Some(first & 0x7F)
    } else if first & 0xC0 == 0x80 {
        Some(((first & 0x3F) << 8) | bits.read(8)?)
    } else if first & 0xE0 == 0xC0 {
        Some(((first & 0x1F) << 16) | bits.read(16)?)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid_of(code: &qrcode::QrCode) -> rqrr::SimpleGrid {
        let n = code.width();
        let colors = code.to_colors();
        rqrr::SimpleGrid::from_func(n, |x, y| colors[y * n + x] == qrcode::Color::Dark)
    }

    fn round_trip(v: i16, li: usize) {
        use qrcode::{EcLevel, QrCode, Version};
        let level = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H][li];
        // Up to ~200 bytes (the encoder pads every block anyway).
        let full = format!("https://demo.trustlabel.dev/l/v{v}-{li}/").repeat(6);
        let mut len = full.len();
        let (data, code) = loop {
            let d = &full[..len];
            match QrCode::with_version(d.as_bytes(), Version::Normal(v), level) {
                Ok(c) => break (d.to_string(), c),
                Err(_) if len > 4 => len = len * 9 / 10,
                Err(e) => panic!("v{v} {level:?}: {e:?}"),
            }
        };
        let p = decode(&grid_of(&code)).unwrap_or_else(|| panic!("v{v} {level:?}"));
        assert_eq!(p.raw, data.as_bytes(), "v{v} {level:?}");
        assert_eq!(p.version as i16, v);
        assert!(p.text.is_none() && !p.fnc1);
    }

    /// Every version once (level rotating), against the `qrcode` encoder:
    /// block tables, format reading, masks, segment parser.
    #[test]
    fn every_version_round_trips() {
        for v in 1..=40i16 {
            round_trip(v, v as usize % 4);
        }
    }

    /// All 160 version/level pairs. About 14 s in a debug build (the encoder's
    /// mask search), so it runs in `cargo test --release` only.
    #[test]
    #[cfg_attr(debug_assertions, ignore)]
    fn all_versions_and_levels_round_trip() {
        for v in 1..=40i16 {
            for li in 0..4 {
                round_trip(v, li);
            }
        }
    }

    #[test]
    fn corrects_damaged_grid() {
        use qrcode::{EcLevel, QrCode, Version};
        let data = b"https://demo.trustlabel.dev/l/ringwraith-2000";
        let code = QrCode::with_version(data, Version::Normal(5), EcLevel::M).unwrap();
        let n = code.width();
        let colors = code.to_colors();
        // Flip a few data modules in the lower right area.
        let g = rqrr::SimpleGrid::from_func(n, |x, y| {
            let dark = colors[y * n + x] == qrcode::Color::Dark;
            let flip = (x, y) == (n - 3, n - 4) || (x, y) == (n - 10, n - 2) || (x, y) == (20, 30);
            dark ^ flip
        });
        assert_eq!(decode(&g).unwrap().raw, data);
    }

    #[test]
    fn segments_numeric_alnum_kanji_eci_fnc1() {
        use qrcode::bits::Bits;
        use qrcode::{EcLevel, QrCode, Version};
        let build = |f: &dyn Fn(&mut Bits)| {
            let mut b = Bits::new(Version::Normal(5));
            f(&mut b);
            b.push_terminator(EcLevel::M).unwrap();
            grid_of(&QrCode::with_bits(b, EcLevel::M).unwrap())
        };
        // Numeric + alphanumeric + byte.
        let g = build(&|b| {
            b.push_numeric_data(b"0123456789").unwrap();
            b.push_alphanumeric_data(b"AB-CD:").unwrap();
            b.push_byte_data(b"xyz").unwrap();
        });
        assert_eq!(decode(&g).unwrap().raw, b"0123456789AB-CD:xyz");
        // Kanji.
        let (sj, _, _) = encoding_rs::SHIFT_JIS.encode("点茗");
        let g = build(&|b| b.push_kanji_data(&sj).unwrap());
        assert_eq!(decode(&g).unwrap().raw, sj.as_ref());
        // ECI 3 (ISO-8859-1) with bytes that are also valid UTF-8.
        let g = build(&|b| {
            b.push_eci_designator(3).unwrap();
            b.push_byte_data(&[0xC3, 0xA9]).unwrap();
        });
        let p = decode(&g).unwrap();
        assert_eq!(p.text, Some(("\u{c3}\u{a9}".to_string(), Charset::Latin1)));
        // ECI 26 (UTF-8).
        let g = build(&|b| {
            b.push_eci_designator(26).unwrap();
            b.push_byte_data("café".as_bytes()).unwrap();
        });
        assert_eq!(
            decode(&g).unwrap().text,
            Some(("café".to_string(), Charset::Utf8))
        );
        // FNC1 first position, GS1 element strings with "%" as separator.
        let g = build(&|b| {
            b.push_fnc1_first_position().unwrap();
            b.push_numeric_data(b"01095011015300031725010110").unwrap();
            b.push_alphanumeric_data(b"ABC%2110%%").unwrap();
        });
        let p = decode(&g).unwrap();
        assert!(p.fnc1);
        assert_eq!(p.raw, b"01095011015300031725010110ABC\x1d2110%");
    }

    /// One grid per mode and per character-count size class (versions
    /// 1-9, 10-26, 27-40), each read back exactly.
    #[test]
    fn segments_round_trip_per_mode() {
        use qrcode::bits::Bits;
        use qrcode::{EcLevel, QrCode, Version};
        let build = |v: i16, f: &dyn Fn(&mut Bits)| {
            let mut b = Bits::new(Version::Normal(v));
            f(&mut b);
            b.push_terminator(EcLevel::L).unwrap();
            grid_of(&QrCode::with_bits(b, EcLevel::L).unwrap())
        };
        let (kanji, _, _) = encoding_rs::SHIFT_JIS.encode("漢字テスト");
        for v in [3i16, 12, 28] {
            // Numeric: every remainder of a group of three.
            for digits in ["7", "42", "123", "9876", "31415"] {
                let g = build(v, &|b| b.push_numeric_data(digits.as_bytes()).unwrap());
                let p = decode(&g).unwrap();
                assert_eq!(p.raw, digits.as_bytes(), "v{v} numeric {digits}");
                assert_eq!(p.text, None);
                assert_eq!(p.version as i16, v);
            }
            // Alphanumeric: odd and even lengths, every special character.
            for t in ["A", "AB", "HELLO WORLD", "$%*+-./: 09"] {
                let g = build(v, &|b| b.push_alphanumeric_data(t.as_bytes()).unwrap());
                assert_eq!(decode(&g).unwrap().raw, t.as_bytes(), "v{v} alnum {t}");
            }
            // Byte: any byte value.
            let bytes: Vec<u8> = (0u8..=255).step_by(7).collect();
            let g = build(v, &|b| b.push_byte_data(&bytes).unwrap());
            assert_eq!(decode(&g).unwrap().raw, bytes, "v{v} byte");
            // Kanji: Shift_JIS pairs from both ranges (0x81xx and 0xE0xx+).
            let g = build(v, &|b| b.push_kanji_data(&kanji).unwrap());
            assert_eq!(decode(&g).unwrap().raw, kanji.as_ref(), "v{v} kanji");
            // ECI after a first segment: the text before it is decoded
            // with the default charset, the rest with the ECI's.
            let g = build(v, &|b| {
                b.push_byte_data(b"id=").unwrap();
                b.push_eci_designator(3).unwrap();
                b.push_byte_data(&[0xE9]).unwrap();
            });
            let p = decode(&g).unwrap();
            assert_eq!(p.raw, b"id=\xE9", "v{v} eci");
            assert_eq!(p.text, Some(("id=\u{e9}".to_string(), Charset::Latin1)));
            // A two-byte ECI value (ZXing's parseECIValue): 899 is not a
            // charset this reader knows, so the read is refused, not guessed.
            let g = build(v, &|b| {
                b.push_eci_designator(899).unwrap();
                b.push_byte_data(b"x").unwrap();
            });
            assert!(decode(&g).is_none(), "v{v} eci 899");
            // FNC1 in second position (application indicator), then "%"
            // as GS in alphanumeric mode.
            let g = build(v, &|b| {
                b.push_fnc1_second_position(37).unwrap();
                b.push_alphanumeric_data(b"AB%CD").unwrap();
            });
            let p = decode(&g).unwrap();
            assert!(p.fnc1, "v{v} fnc1");
            assert_eq!(p.raw, b"AB\x1dCD");
        }
    }

    #[test]
    fn alignment_table_spot_checks() {
        assert_eq!(alignment_positions(1), Vec::<usize>::new());
        assert_eq!(alignment_positions(2), vec![6, 18]);
        assert_eq!(alignment_positions(7), vec![6, 22, 38]);
        assert_eq!(alignment_positions(14), vec![6, 26, 46, 66]);
        assert_eq!(alignment_positions(32), vec![6, 34, 60, 86, 112, 138]);
        assert_eq!(alignment_positions(36), vec![6, 24, 50, 76, 102, 128, 154]);
        assert_eq!(alignment_positions(40), vec![6, 30, 58, 86, 114, 142, 170]);
    }

    #[test]
    fn raw_modules() {
        assert_eq!(raw_data_modules(1) / 8, 26);
        assert_eq!(raw_data_modules(7) / 8, 196);
        assert_eq!(raw_data_modules(40) / 8, 3706);
    }

    #[test]
    fn format_words() {
        // Known value: level M (00), mask 0 -> 0x5412.
        assert_eq!(format_word(0), 0x5412);
        // Level L (01), mask 0: 0x77C4.
        assert_eq!(format_word(0b01000), 0x77C4);
    }

    #[test]
    fn rs_corrects_errors() {
        let gf = Gf::new();
        // Systematic encode: data * x^ecc mod g(x), g = prod (x - a^i).
        let data: Vec<u8> = (0..20u8)
            .map(|i| i.wrapping_mul(37).wrapping_add(5))
            .collect();
        let ecc = 10;
        let mut g = vec![1u8];
        for i in 0..ecc {
            let root = gf.pow_a(i as i64);
            let mut ng = vec![0u8; g.len() + 1];
            for (k, &c) in g.iter().enumerate() {
                ng[k] ^= c; // c * x^(deg) shifted (high-first)
                ng[k + 1] ^= gf.mul(c, root);
            }
            g = ng;
        }
        let mut rem = data.clone();
        rem.extend(vec![0u8; ecc]);
        for k in 0..data.len() {
            let coef = rem[k];
            if coef != 0 {
                for (t, &gc) in g.iter().enumerate() {
                    rem[k + t] ^= gf.mul(gc, coef);
                }
            }
        }
        let mut block = data.clone();
        block.extend_from_slice(&rem[data.len()..]);
        let clean = block.clone();
        assert!(rs_correct(&gf, &mut block.clone(), ecc));
        for errs in 1..=5 {
            let mut b = clean.clone();
            for e in 0..errs {
                let len = b.len();
                b[(e * 7 + 3) % len] ^= 0x5A + e as u8;
            }
            assert!(rs_correct(&gf, &mut b, ecc), "{errs} errors");
            assert_eq!(b, clean, "{errs} errors");
        }
        let mut b = clean.clone();
        for e in 0..6 {
            b[e * 4] ^= 0xFF;
        }
        // Beyond capacity: must not "correct" into the original silently
        // claiming success with a wrong block.
        if rs_correct(&gf, &mut b, ecc) {
            assert_ne!(b, clean);
        }
    }
}
