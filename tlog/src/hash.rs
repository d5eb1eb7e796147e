//! RFC 9162 section 2.1.1 hashing: SHA-256 with a one-byte domain prefix, 0x00 for a leaf
//! and 0x01 for an interior node, so a leaf can never be passed off as a node.

use ring::digest::{Context, SHA256};

/// Length of every hash in the log, in bytes.
pub const HASH_LEN: usize = 32;

/// A SHA-256 Merkle tree hash: of a leaf, a node, a subtree or a whole tree.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hash(pub [u8; HASH_LEN]);

impl Hash {
    /// The hash of the empty tree: SHA-256 of no bytes (RFC 9162, 2.1.1).
    pub fn empty() -> Hash {
        sha256(&[&[]])
    }

    /// The hash of a leaf holding `entry`: SHA-256(0x00 || entry).
    pub fn leaf(entry: &[u8]) -> Hash {
        sha256(&[&[0x00], entry])
    }

    /// The hash of an interior node: SHA-256(0x01 || left || right).
    pub fn node(left: &Hash, right: &Hash) -> Hash {
        sha256(&[&[0x01], &left.0, &right.0])
    }

    /// Reads a hash from exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<Hash> {
        <[u8; HASH_LEN]>::try_from(bytes).ok().map(Hash)
    }

    /// The hash as lowercase hex, for logs and reports.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl std::fmt::Debug for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

pub(crate) fn sha256(parts: &[&[u8]]) -> Hash {
    let mut ctx = Context::new(&SHA256);
    for part in parts {
        ctx.update(part);
    }
    let mut out = [0u8; HASH_LEN];
    out.copy_from_slice(ctx.finish().as_ref());
    Hash(out)
}
