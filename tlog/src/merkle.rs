//! RFC 9162 section 2.1: the Merkle tree hash of `n` leaves, inclusion proofs (2.1.3) and
//! consistency proofs (2.1.4), generated and verified with the RFC's own algorithms.
//!
//! Generation reads subtree hashes from a [`SubtreeSource`]: a slice of leaf hashes in
//! memory, or the log's tiles ([`crate::TileReader`]). Every subtree the RFC's recursion
//! asks for starts at a multiple of its largest power-of-two part, which is what lets tiles
//! answer it from stored hashes.

use crate::error::Error;
use crate::hash::Hash;

/// Anything that can give the Merkle tree hash of the leaves `start..end`.
pub trait SubtreeSource {
    /// `MTH(D[start:end])`, for `start < end`.
    fn subtree(&self, start: u64, end: u64) -> Result<Hash, Error>;
}

/// Leaf hashes held in memory.
impl SubtreeSource for [Hash] {
    fn subtree(&self, start: u64, end: u64) -> Result<Hash, Error> {
        let s = usize::try_from(start).map_err(|_| Error::IndexOutOfRange)?;
        let e = usize::try_from(end).map_err(|_| Error::IndexOutOfRange)?;
        let leaves = self.get(s..e).ok_or(Error::IndexOutOfRange)?;
        Ok(tree_hash(leaves))
    }
}

/// The largest power of two smaller than `n` (RFC 9162's `k`), for `n > 1`.
pub(crate) fn split_point(n: u64) -> u64 {
    debug_assert!(n > 1);
    1u64 << (63 - (n - 1).leading_zeros())
}

/// `MTH(D[n])` of leaf hashes in memory (the empty tree's hash for none).
pub fn tree_hash(leaves: &[Hash]) -> Hash {
    let mut frontier = Frontier::default();
    for leaf in leaves {
        frontier.push(*leaf);
    }
    frontier.root()
}

/// The tree hash of a growing log with O(log n) memory: the perfect subtrees along its right
/// edge (a "compact range"). Used to replay a log of any length and to append.
#[derive(Debug, Clone, Default)]
pub struct Frontier {
    /// Perfect subtrees, left to right, each with its height; heights strictly decrease.
    stack: Vec<(Hash, u32)>,
    size: u64,
}

impl Frontier {
    /// Adds the next leaf's hash.
    pub fn push(&mut self, leaf: Hash) {
        let mut node = (leaf, 0u32);
        while let Some(&(left, height)) = self.stack.last() {
            if height != node.1 {
                break;
            }
            self.stack.pop();
            node = (Hash::node(&left, &node.0), height + 1);
        }
        self.stack.push(node);
        self.size += 1;
    }

    /// How many leaves were pushed.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// MTH of every leaf pushed so far.
    pub fn root(&self) -> Hash {
        let mut nodes = self.stack.iter().rev();
        let Some(&(mut root, _)) = nodes.next() else {
            return Hash::empty();
        };
        for (left, _) in nodes {
            root = Hash::node(left, &root);
        }
        root
    }
}

/// The inclusion proof of leaf `index` in the tree of the first `size` leaves
/// (RFC 9162 2.1.3.1, PATH), from the leaf up.
pub fn inclusion_proof<S: SubtreeSource + ?Sized>(
    source: &S,
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, Error> {
    if index >= size {
        return Err(Error::IndexOutOfRange);
    }
    let mut proof = Vec::new();
    path(source, index, 0, size, &mut proof)?;
    Ok(proof)
}

fn path<S: SubtreeSource + ?Sized>(
    source: &S,
    m: u64,
    start: u64,
    end: u64,
    out: &mut Vec<Hash>,
) -> Result<(), Error> {
    let n = end - start;
    if n <= 1 {
        return Ok(());
    }
    let k = split_point(n);
    if m < k {
        path(source, m, start, start + k, out)?;
        out.push(source.subtree(start + k, end)?);
    } else {
        path(source, m - k, start + k, end, out)?;
        out.push(source.subtree(start, start + k)?);
    }
    Ok(())
}

/// The consistency proof between the trees of the first `old_size` and `new_size` leaves
/// (RFC 9162 2.1.4.1, PROOF). Empty when the sizes are equal or the old tree is empty.
pub fn consistency_proof<S: SubtreeSource + ?Sized>(
    source: &S,
    old_size: u64,
    new_size: u64,
) -> Result<Vec<Hash>, Error> {
    if old_size > new_size {
        return Err(Error::IndexOutOfRange);
    }
    let mut proof = Vec::new();
    if old_size > 0 && old_size < new_size {
        subproof(source, old_size, 0, new_size, true, &mut proof)?;
    }
    Ok(proof)
}

fn subproof<S: SubtreeSource + ?Sized>(
    source: &S,
    m: u64,
    start: u64,
    end: u64,
    whole: bool,
    out: &mut Vec<Hash>,
) -> Result<(), Error> {
    let n = end - start;
    if m == n {
        if !whole {
            out.push(source.subtree(start, end)?);
        }
        return Ok(());
    }
    let k = split_point(n);
    if m <= k {
        subproof(source, m, start, start + k, whole, out)?;
        out.push(source.subtree(start + k, end)?);
    } else {
        subproof(source, m - k, start + k, end, false, out)?;
        out.push(source.subtree(start, start + k)?);
    }
    Ok(())
}

/// Checks that `leaf` is leaf `index` of the tree of `size` leaves whose hash is `root`
/// (RFC 9162 2.1.3.2). Any failure is [`Error::InclusionProofInvalid`].
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), Error> {
    if index >= size {
        return Err(Error::InclusionProofInvalid);
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return Err(Error::InclusionProofInvalid);
        }
        if f & 1 == 1 || f == s {
            r = Hash::node(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = Hash::node(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    if s == 0 && r == *root {
        Ok(())
    } else {
        Err(Error::InclusionProofInvalid)
    }
}

/// Checks that the tree of `old_size` leaves with hash `old_root` is a prefix of the tree of
/// `new_size` leaves with hash `new_root` (RFC 9162 2.1.4.2). Any failure is
/// [`Error::ConsistencyProofInvalid`].
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> Result<(), Error> {
    if old_size > new_size {
        return Err(Error::ConsistencyProofInvalid);
    }
    if old_size == new_size {
        return if proof.is_empty() && old_root == new_root {
            Ok(())
        } else {
            Err(Error::ConsistencyProofInvalid)
        };
    }
    if old_size == 0 {
        // Every tree extends the empty one; a proof here would be padding.
        return if proof.is_empty() && *old_root == Hash::empty() {
            Ok(())
        } else {
            Err(Error::ConsistencyProofInvalid)
        };
    }
    if proof.is_empty() {
        return Err(Error::ConsistencyProofInvalid);
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let (mut f, mut s) = (old_size - 1, new_size - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if s == 0 {
            return Err(Error::ConsistencyProofInvalid);
        }
        if f & 1 == 1 || f == s {
            fr = Hash::node(c, &fr);
            sr = Hash::node(c, &sr);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            sr = Hash::node(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if s == 0 && fr == *old_root && sr == *new_root {
        Ok(())
    } else {
        Err(Error::ConsistencyProofInvalid)
    }
}

/// A whole tree in memory: every perfect, aligned subtree's hash, level by level (about two
/// hashes a leaf, 64 bytes). What a registry holds while it attaches a proof to each of many
/// records: each proof is then O(log n) look-ups instead of hashing inside tiles.
#[derive(Debug, Clone)]
pub struct MerkleTree {
    /// `levels[k][i]` is MTH of the leaves `i * 2^k .. (i + 1) * 2^k`.
    levels: Vec<Vec<Hash>>,
}

impl MerkleTree {
    /// The tree over `leaves` (leaf hashes, in order).
    pub fn new(leaves: Vec<Hash>) -> MerkleTree {
        let mut levels = vec![leaves];
        while let Some(below) = levels.last() {
            if below.len() < 2 {
                break;
            }
            let next: Vec<Hash> = below
                .chunks_exact(2)
                .map(|pair| Hash::node(&pair[0], &pair[1]))
                .collect();
            levels.push(next);
        }
        MerkleTree { levels }
    }

    /// How many leaves.
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    /// MTH of all the leaves.
    pub fn root(&self) -> Hash {
        let size = self.size();
        if size == 0 {
            return Hash::empty();
        }
        self.subtree(0, size).unwrap_or_else(|_| Hash::empty())
    }
}

impl SubtreeSource for MerkleTree {
    fn subtree(&self, start: u64, end: u64) -> Result<Hash, Error> {
        if start >= end || end > self.size() {
            return Err(Error::IndexOutOfRange);
        }
        let n = end - start;
        if n.is_power_of_two() && start.is_multiple_of(n) {
            let k = n.trailing_zeros() as usize;
            let i = usize::try_from(start >> k).map_err(|_| Error::IndexOutOfRange)?;
            return self
                .levels
                .get(k)
                .and_then(|level| level.get(i))
                .copied()
                .ok_or(Error::IndexOutOfRange);
        }
        let k = split_point(n);
        Ok(Hash::node(
            &self.subtree(start, start + k)?,
            &self.subtree(start + k, end)?,
        ))
    }
}
