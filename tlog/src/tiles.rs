//! C2SP tlog-tiles: the log as static files. Level-0 tiles hold leaf hashes, a level-`L`
//! tile holds the tree hashes of full tiles of level `L-1`; entry bundles hold the entries,
//! each behind a big-endian uint16 length. A full tile is 256 hashes; the rightmost tile of
//! a level may be partial (`.p/<W>`, 1 to 255 hashes).
//!
//! Sans-I/O: a [`TileStore`] is whatever the caller reads tiles from (files, an HTTP cache,
//! a map). [`append`] returns the files to write; it never changes a full tile already in
//! the store ([`Error::WouldRewriteTile`]).

use std::collections::BTreeMap;
use std::fmt;

use crate::error::Error;
use crate::hash::{Hash, HASH_LEN};
use crate::merkle::{split_point, tree_hash, Frontier, SubtreeSource};

/// Hashes in a full tile, and entries in a full bundle.
pub const TILE_WIDTH: u64 = 256;
const TILE_HEIGHT: u32 = 8;

/// Where a tile or entry bundle lives, relative to the log's URL prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TilePath {
    /// `Some(L)` for a hash tile of level `L`, `None` for an entry bundle.
    pub level: Option<u8>,
    /// The tile's index within its level.
    pub index: u64,
    /// How many hashes (or entries) it holds: 256 for a full tile.
    pub width: u16,
}

impl TilePath {
    /// Is this a full tile (256 wide)?
    pub fn is_full(&self) -> bool {
        u64::from(self.width) == TILE_WIDTH
    }

    /// Parses `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`.
    pub fn parse(path: &str) -> Result<Self, Error> {
        let bad = || Error::MalformedTilePath {
            path: path.to_owned(),
        };
        let rest = path.strip_prefix("tile/").ok_or_else(bad)?;
        let (level_text, rest) = rest.split_once('/').ok_or_else(bad)?;
        let level = if level_text == "entries" {
            None
        } else {
            let level: u8 = decimal(level_text).ok_or_else(bad)?;
            if level > 63 {
                return Err(bad());
            }
            Some(level)
        };
        let (index_text, width) = match rest.split_once(".p/") {
            Some((index, width)) => {
                let w: u16 = decimal(width).ok_or_else(bad)?;
                if w == 0 || u64::from(w) >= TILE_WIDTH {
                    return Err(bad());
                }
                (index, w)
            }
            None => (rest, TILE_WIDTH as u16),
        };
        let mut index: u64 = 0;
        let elements: Vec<&str> = index_text.split('/').collect();
        for (i, element) in elements.iter().enumerate() {
            let digits = if i + 1 < elements.len() {
                element.strip_prefix('x').ok_or_else(bad)?
            } else {
                element
            };
            if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let value: u64 = digits.parse().map_err(|_| bad())?;
            index = index
                .checked_mul(1000)
                .and_then(|v| v.checked_add(value))
                .ok_or_else(bad)?;
        }
        let path_again = TilePath {
            level,
            index,
            width,
        };
        // One spelling per tile: no extra leading `x000/` elements.
        if path_again.to_string() != path {
            return Err(bad());
        }
        Ok(path_again)
    }
}

fn decimal<T: std::str::FromStr>(text: &str) -> Option<T> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if canonical {
        text.parse().ok()
    } else {
        None
    }
}

impl fmt::Display for TilePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.level {
            Some(level) => write!(f, "tile/{level}/")?,
            None => write!(f, "tile/entries/")?,
        }
        // Zero-padded 3-digit elements, all but the last prefixed with `x`.
        let mut groups = vec![self.index % 1000];
        let mut rest = self.index / 1000;
        while rest > 0 {
            groups.push(rest % 1000);
            rest /= 1000;
        }
        let last = groups.len() - 1;
        for (i, group) in groups.iter().rev().enumerate() {
            if i < last {
                write!(f, "x{group:03}/")?;
            } else {
                write!(f, "{group:03}")?;
            }
        }
        if !self.is_full() {
            write!(f, ".p/{}", self.width)?;
        }
        Ok(())
    }
}

/// Where tiles are read from. The caller owns the I/O.
pub trait TileStore {
    /// The bytes of the tile at `path`, `None` if the store does not have it. A store that
    /// reads files or the network caps what it reads ([`Error::FileTooLarge`]): a tile is at
    /// most 8,192 bytes, a bundle [`crate::MAX_LOG_FILE_BYTES`].
    fn read(&self, path: &TilePath) -> Result<Option<Vec<u8>>, Error>;

    /// The bytes of another file of the log by its path (a statement bundle,
    /// `statements/<N>[.p/<W>]`), `None` if the store does not have it. Stores of tiles
    /// alone have none.
    fn read_file(&self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        let _ = path;
        Ok(None)
    }
}

impl TileStore for BTreeMap<String, Vec<u8>> {
    fn read(&self, path: &TilePath) -> Result<Option<Vec<u8>>, Error> {
        Ok(self.get(&path.to_string()).cloned())
    }

    fn read_file(&self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        Ok(self.get(path).cloned())
    }
}

/// The path of the tile (or bundle) at `level` that holds item `item` in a tree of `size`
/// leaves: the full tile if that tile is full at this size, else the partial one.
pub(crate) fn tile_for(level: Option<u8>, item: u64, size: u64) -> TilePath {
    let shift = u32::from(level.unwrap_or(0)) * TILE_HEIGHT;
    let count = size.checked_shr(shift).unwrap_or(0);
    let index = item / TILE_WIDTH;
    let width = if (index + 1) * TILE_WIDTH <= count {
        TILE_WIDTH
    } else {
        count % TILE_WIDTH
    };
    TilePath {
        level,
        index,
        width: width as u16,
    }
}

pub(crate) fn read_hashes<S: TileStore + ?Sized>(
    store: &S,
    path: &TilePath,
) -> Result<Vec<Hash>, Error> {
    let bytes = store.read(path)?.ok_or_else(|| Error::TileMissing {
        path: path.to_string(),
    })?;
    let expected = usize::from(path.width) * HASH_LEN;
    if bytes.len() != expected {
        return Err(Error::TileWrongSize {
            path: path.to_string(),
            expected,
            got: bytes.len(),
        });
    }
    Ok(bytes
        .chunks_exact(HASH_LEN)
        .filter_map(Hash::from_slice)
        .collect())
}

/// Reads a tile; a partial tile that is gone is read from the full tile that replaced it (the
/// spec lets a log delete a partial tile once the full one exists, and lets clients fall back):
/// its first hashes are the same ones.
fn read_hashes_or_full<S: TileStore + ?Sized>(
    store: &S,
    path: &TilePath,
) -> Result<Vec<Hash>, Error> {
    match read_hashes(store, path) {
        Err(Error::TileMissing { .. }) if !path.is_full() => {
            let full = TilePath {
                width: TILE_WIDTH as u16,
                ..*path
            };
            let mut hashes = read_hashes(store, &full).map_err(|e| match e {
                // A full tile too large to read is its own error, not a missing partial.
                Error::FileTooLarge { .. } => e,
                _ => Error::TileMissing {
                    path: path.to_string(),
                },
            })?;
            hashes.truncate(usize::from(path.width));
            Ok(hashes)
        }
        other => other,
    }
}

/// Reads the entries of an entry bundle, checking it holds exactly its width.
pub fn read_bundle<S: TileStore + ?Sized>(
    store: &S,
    path: &TilePath,
) -> Result<Vec<Vec<u8>>, Error> {
    let bytes = store.read(path)?.ok_or_else(|| Error::TileMissing {
        path: path.to_string(),
    })?;
    let bad = || Error::MalformedEntryBundle {
        path: path.to_string(),
    };
    let mut entries = Vec::with_capacity(usize::from(path.width));
    let mut rest = bytes.as_slice();
    while !rest.is_empty() {
        let (len, tail) = rest.split_at_checked(2).ok_or_else(bad)?;
        let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
        let (entry, tail) = tail.split_at_checked(len).ok_or_else(bad)?;
        entries.push(entry.to_vec());
        rest = tail;
    }
    if entries.len() != usize::from(path.width) {
        return Err(bad());
    }
    Ok(entries)
}

/// The hashes of a log of `size` entries, read from its tiles: a [`SubtreeSource`] for
/// proofs. Tile contents are not trusted: a proof built from a wrong tile fails to verify
/// against the signed checkpoint.
pub struct TileReader<'a, S: TileStore + ?Sized> {
    store: &'a S,
    size: u64,
}

impl<'a, S: TileStore + ?Sized> TileReader<'a, S> {
    /// A reader of the tree of the first `size` entries.
    pub fn new(store: &'a S, size: u64) -> Self {
        TileReader { store, size }
    }

    /// MTH of the whole tree, from its tiles.
    pub fn root(&self) -> Result<Hash, Error> {
        if self.size == 0 {
            return Ok(Hash::empty());
        }
        self.subtree(0, self.size)
    }
}

impl<S: TileStore + ?Sized> SubtreeSource for TileReader<'_, S> {
    fn subtree(&self, start: u64, end: u64) -> Result<Hash, Error> {
        if start >= end || end > self.size {
            return Err(Error::IndexOutOfRange);
        }
        let n = end - start;
        if !n.is_power_of_two() || !start.is_multiple_of(n) {
            // The RFC's recursion: split at the largest power of two below n.
            let k = split_point(n);
            return Ok(Hash::node(
                &self.subtree(start, start + k)?,
                &self.subtree(start + k, end)?,
            ));
        }
        let (path, first, count) = perfect_subtree_tile(start, n, self.size);
        let hashes = read_hashes_or_full(self.store, &path)?;
        let offset = usize::try_from(first % TILE_WIDTH).map_err(|_| Error::IndexOutOfRange)?;
        let span = usize::try_from(count).map_err(|_| Error::IndexOutOfRange)?;
        let slice = hashes
            .get(offset..offset + span)
            .ok_or(Error::IndexOutOfRange)?;
        Ok(tree_hash(slice))
    }
}

/// A perfect, aligned subtree of `n` = 2^k leaves from `start`: 2^(k mod 8) hashes of level
/// k / 8, all in one tile. Returns that tile, the first hash's index in its level and the count.
fn perfect_subtree_tile(start: u64, n: u64, size: u64) -> (TilePath, u64, u64) {
    let k = n.trailing_zeros();
    let level = k / TILE_HEIGHT;
    let first = start >> (level * TILE_HEIGHT);
    let count = 1u64 << (k % TILE_HEIGHT);
    (tile_for(Some(level as u8), first, size), first, count)
}

/// Records the tiles a proof would read, without reading any: the RFC's recursion asks for
/// the same subtrees whatever their hashes are.
struct TileRecorder {
    size: u64,
    paths: std::cell::RefCell<std::collections::BTreeSet<TilePath>>,
}

impl SubtreeSource for TileRecorder {
    fn subtree(&self, start: u64, end: u64) -> Result<Hash, Error> {
        if start >= end || end > self.size {
            return Err(Error::IndexOutOfRange);
        }
        let n = end - start;
        if !n.is_power_of_two() || !start.is_multiple_of(n) {
            let k = split_point(n);
            self.subtree(start, start + k)?;
            self.subtree(start + k, end)?;
        } else {
            self.paths
                .borrow_mut()
                .insert(perfect_subtree_tile(start, n, self.size).0);
        }
        Ok(Hash::empty())
    }
}

/// Which tiles to fetch before calling a function that reads a tree of `size` leaves from
/// tiles: the sans-I/O caller fetches these (in parallel), puts them in a [`TileStore`] and
/// then builds the proof. `what` is one of the proofs below.
fn tiles_needed(
    size: u64,
    what: impl FnOnce(&TileRecorder) -> Result<(), Error>,
) -> Result<Vec<TilePath>, Error> {
    let recorder = TileRecorder {
        size,
        paths: Default::default(),
    };
    what(&recorder)?;
    Ok(recorder.paths.into_inner().into_iter().collect())
}

/// The tiles [`crate::inclusion_proof`] of `index` in a tree of `size` reads.
pub fn tiles_for_inclusion(index: u64, size: u64) -> Result<Vec<TilePath>, Error> {
    tiles_needed(size, |r| {
        crate::merkle::inclusion_proof(r, index, size).map(drop)
    })
}

/// The tiles [`crate::consistency_proof`] from `old_size` to `new_size` reads.
pub fn tiles_for_consistency(old_size: u64, new_size: u64) -> Result<Vec<TilePath>, Error> {
    tiles_needed(new_size, |r| {
        crate::merkle::consistency_proof(r, old_size, new_size).map(drop)
    })
}

/// The tiles [`TileReader::root`] of a tree of `size` reads.
pub fn tiles_for_root(size: u64) -> Result<Vec<TilePath>, Error> {
    if size == 0 {
        return Ok(Vec::new());
    }
    tiles_needed(size, |r| r.subtree(0, size).map(drop))
}

/// What an append produced: the files to write and the new tree head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// The tree's size after the append.
    pub size: u64,
    /// Its root hash.
    pub root: Hash,
    /// Tiles and entry bundles to write, by path. Full tiles among them are new; partial
    /// ones replace nothing (each width is its own path).
    pub writes: BTreeMap<String, Vec<u8>>,
}

/// Appends `entries` to the log of `old_size` entries whose tiles are in `store`, returning
/// the new tiles and bundles and the new root. Reads only the rightmost partial tile of each
/// level; refuses to produce a full tile that the store already holds with other bytes.
pub fn append<S: TileStore + ?Sized, E: AsRef<[u8]>>(
    store: &S,
    old_size: u64,
    entries: &[E],
) -> Result<Appended, Error> {
    if let Some(e) = entries
        .iter()
        .find(|e| e.as_ref().len() > usize::from(u16::MAX))
    {
        return Err(Error::EntryTooLarge {
            len: e.as_ref().len(),
        });
    }
    let added = entries.len() as u64;
    let new_size = old_size.checked_add(added).ok_or(Error::IndexOutOfRange)?;
    let mut writes = BTreeMap::new();

    // Entry bundles: the old partial bundle's entries, then the new ones.
    let mut bundled: Vec<Vec<u8>> = Vec::new();
    let first_bundle = old_size / TILE_WIDTH;
    if !old_size.is_multiple_of(TILE_WIDTH) {
        bundled = read_bundle(store, &tile_for(None, old_size, old_size))?;
    }
    bundled.extend(entries.iter().map(|e| e.as_ref().to_vec()));
    for (i, chunk) in bundled.chunks(TILE_WIDTH as usize).enumerate() {
        let path = TilePath {
            level: None,
            index: first_bundle + i as u64,
            width: chunk.len() as u16,
        };
        let mut bytes = Vec::new();
        for entry in chunk {
            bytes.extend_from_slice(&(entry.len() as u16).to_be_bytes());
            bytes.extend_from_slice(entry);
        }
        put(store, &mut writes, path, bytes)?;
    }

    // Hash tiles, level by level, while the level gains hashes.
    let mut new_hashes: Vec<Hash> = entries.iter().map(|e| Hash::leaf(e.as_ref())).collect();
    let mut level: u8 = 0;
    loop {
        let shift = u32::from(level) * TILE_HEIGHT;
        let old_count = old_size.checked_shr(shift).unwrap_or(0);
        let new_count = new_size.checked_shr(shift).unwrap_or(0);
        if new_count == old_count {
            break;
        }
        let first_tile = old_count / TILE_WIDTH;
        let mut hashes = Vec::new();
        if !old_count.is_multiple_of(TILE_WIDTH) {
            hashes = read_hashes(store, &tile_for(Some(level), old_count, old_size))?;
        }
        hashes.extend_from_slice(&new_hashes);
        let mut next = Vec::new();
        for (i, chunk) in hashes.chunks(TILE_WIDTH as usize).enumerate() {
            let path = TilePath {
                level: Some(level),
                index: first_tile + i as u64,
                width: chunk.len() as u16,
            };
            if path.is_full() {
                next.push(tree_hash(chunk));
            }
            put(
                store,
                &mut writes,
                path,
                chunk.iter().flat_map(|h| h.0).collect(),
            )?;
        }
        new_hashes = next;
        level += 1;
        if level > 63 {
            break;
        }
    }

    let overlay = Overlay {
        base: store,
        top: &writes,
    };
    let root = TileReader::new(&overlay, new_size).root()?;
    Ok(Appended {
        size: new_size,
        root,
        writes,
    })
}

fn put<S: TileStore + ?Sized>(
    store: &S,
    writes: &mut BTreeMap<String, Vec<u8>>,
    path: TilePath,
    bytes: Vec<u8>,
) -> Result<(), Error> {
    match store.read(&path)? {
        // Already published with these bytes: nothing to write.
        Some(existing) if existing == bytes => Ok(()),
        Some(_) if path.is_full() => Err(Error::WouldRewriteTile {
            path: path.to_string(),
        }),
        _ => {
            writes.insert(path.to_string(), bytes);
            Ok(())
        }
    }
}

/// The store with the append's writes laid over it.
struct Overlay<'a, S: TileStore + ?Sized> {
    base: &'a S,
    top: &'a BTreeMap<String, Vec<u8>>,
}

impl<S: TileStore + ?Sized> TileStore for Overlay<'_, S> {
    fn read(&self, path: &TilePath) -> Result<Option<Vec<u8>>, Error> {
        match self.top.read(path)? {
            Some(bytes) => Ok(Some(bytes)),
            None => self.base.read(path),
        }
    }
}

/// Replays the entries `0..size` from the entry bundles, in order, with a [`Frontier`] of
/// their leaf hashes; `visit` sees each entry and the frontier after it.
pub(crate) fn replay<S: TileStore + ?Sized>(
    store: &S,
    size: u64,
    mut visit: impl FnMut(u64, &[u8], &Frontier) -> Result<(), Error>,
) -> Result<Frontier, Error> {
    let mut frontier = Frontier::default();
    let mut index = 0u64;
    while index < size {
        let path = tile_for(None, index, size);
        for entry in read_bundle(store, &path)? {
            frontier.push(Hash::leaf(&entry));
            visit(index, &entry, &frontier)?;
            index += 1;
        }
    }
    Ok(frontier)
}
