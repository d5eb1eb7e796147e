//! Properties of the proofs: every proof of every (index, size) and every (old, new) verifies,
//! tiles give the same proofs as leaves in memory, and any single bit flipped in a leaf, a
//! proof hash or a root makes the proof fail.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod common;

use proptest::prelude::*;
use trustlabel_tlog::{
    consistency_proof, inclusion_proof, tree_hash, verify_consistency, verify_inclusion, Hash,
    MerkleTree, TileReader,
};

fn leaves(n: u64, salt: u8) -> Vec<Hash> {
    (0..n)
        .map(|i| Hash::leaf(&[&i.to_be_bytes()[..], &[salt]].concat()))
        .collect()
}

fn flip(hash: &Hash, bit: usize) -> Hash {
    let mut bytes = hash.0;
    bytes[(bit / 8) % 32] ^= 1 << (bit % 8);
    Hash(bytes)
}

/// Exhaustively, for every tree up to 70 leaves: every inclusion and consistency proof.
#[test]
fn every_proof_of_every_small_tree_verifies() {
    let all = leaves(70, 0);
    let mut checked = 0u64;
    for size in 1..=70u64 {
        let leaves = &all[..size as usize];
        let root = tree_hash(leaves);
        for index in 0..size {
            let proof = inclusion_proof(leaves, index, size).unwrap();
            verify_inclusion(index, size, &leaves[index as usize], &proof, &root).unwrap();
            checked += 1;
        }
        for old in 0..=size {
            let proof = consistency_proof(leaves, old, size).unwrap();
            let old_root = tree_hash(&leaves[..old as usize]);
            verify_consistency(old, size, &old_root, &root, &proof).unwrap();
            checked += 1;
        }
    }
    assert_eq!(checked, 70 * 71 / 2 + (2..=71).sum::<u64>());
}

/// The whole tree in memory gives every proof the leaves give, for every tree up to 70 leaves
/// and around the powers of two and tile edges.
#[test]
fn the_tree_in_memory_gives_the_same_proofs_as_the_leaves() {
    let all = leaves(1030, 3);
    let sizes = (1..=70u64).chain([
        127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1030,
    ]);
    for size in sizes {
        let leaves = &all[..size as usize];
        let tree = MerkleTree::new(leaves.to_vec());
        assert_eq!(tree.size(), size);
        assert_eq!(tree.root(), tree_hash(leaves));
        for index in (0..size).step_by(1 + size as usize / 40) {
            assert_eq!(
                inclusion_proof(&tree, index, size).unwrap(),
                inclusion_proof(leaves, index, size).unwrap(),
                "{index} in {size}"
            );
        }
        for old in (0..=size).step_by(1 + size as usize / 40) {
            assert_eq!(
                consistency_proof(&tree, old, size).unwrap(),
                consistency_proof(leaves, old, size).unwrap(),
                "{old} -> {size}"
            );
        }
        assert!(inclusion_proof(&tree, size, size).is_err());
    }
    assert_eq!(MerkleTree::new(Vec::new()).root(), Hash::empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn inclusion_proofs_verify_and_any_bit_flip_fails(
        size in 1u64..2000,
        index_seed in any::<u64>(),
        bit in 0usize..256,
        which in any::<prop::sample::Index>(),
    ) {
        let leaves = leaves(size, 1);
        let index = index_seed % size;
        let root = tree_hash(&leaves);
        let proof = inclusion_proof(&leaves[..], index, size).unwrap();
        let leaf = leaves[index as usize];
        prop_assert!(verify_inclusion(index, size, &leaf, &proof, &root).is_ok());
        prop_assert!(verify_inclusion(index, size, &flip(&leaf, bit), &proof, &root).is_err());
        prop_assert!(verify_inclusion(index, size, &leaf, &proof, &flip(&root, bit)).is_err());
        if !proof.is_empty() {
            let mut bad = proof.clone();
            let i = which.index(bad.len());
            bad[i] = flip(&bad[i], bit);
            prop_assert!(verify_inclusion(index, size, &leaf, &bad, &root).is_err());
            // A proof one hash short or one hash long fails too.
            prop_assert!(verify_inclusion(index, size, &leaf, &proof[1..], &root).is_err());
        }
        let mut long = proof.clone();
        long.push(root);
        prop_assert!(verify_inclusion(index, size, &leaf, &long, &root).is_err());
        // The same proof does not prove another index or size.
        if size > 1 {
            let other = (index + 1) % size;
            prop_assert!(verify_inclusion(other, size, &leaf, &proof, &root).is_err()
                || leaves[other as usize] == leaf);
        }
    }

    #[test]
    fn consistency_proofs_verify_and_any_bit_flip_fails(
        new in 1u64..2000,
        old_seed in any::<u64>(),
        bit in 0usize..256,
        which in any::<prop::sample::Index>(),
    ) {
        let leaves = leaves(new, 2);
        let old = 1 + old_seed % new;
        let (old_root, new_root) = (tree_hash(&leaves[..old as usize]), tree_hash(&leaves));
        let proof = consistency_proof(&leaves[..], old, new).unwrap();
        prop_assert!(verify_consistency(old, new, &old_root, &new_root, &proof).is_ok());
        if old < new {
            prop_assert!(verify_consistency(old, new, &flip(&old_root, bit), &new_root, &proof).is_err());
            prop_assert!(verify_consistency(old, new, &old_root, &flip(&new_root, bit), &proof).is_err());
            let mut bad = proof.clone();
            let i = which.index(bad.len());
            bad[i] = flip(&bad[i], bit);
            prop_assert!(verify_consistency(old, new, &old_root, &new_root, &bad).is_err());
            prop_assert!(verify_consistency(old, new, &old_root, &new_root, &proof[1..]).is_err());
            // A log whose first `old` entries differ (one rewritten) is not consistent.
            let mut rewritten = leaves.clone();
            rewritten[which.index(old as usize)] = flip(&rewritten[which.index(old as usize)], bit);
            let rewritten_root = tree_hash(&rewritten);
            let rewritten_proof = consistency_proof(&rewritten[..], old, new).unwrap();
            prop_assert!(verify_consistency(old, new, &old_root, &rewritten_root, &rewritten_proof).is_err());
        } else {
            prop_assert!(verify_consistency(old, new, &old_root, &flip(&new_root, bit), &proof).is_err());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Tiles built by appends of any sizes give the same root and proofs as leaves in memory.
    #[test]
    fn tiles_give_the_same_roots_and_proofs_as_memory(
        batches in prop::collection::vec(1u64..400, 1..6),
        probe in any::<u64>(),
    ) {
        let mut log = common::Log::default();
        for batch in batches {
            let start = log.size();
            log.append((start..start + batch).map(common::entry).collect());
            let size = log.size();
            let leaves = log.leaves();
            let reader = TileReader::new(&log.tiles, size);
            prop_assert_eq!(reader.root().unwrap(), tree_hash(&leaves));
            let index = probe % size;
            prop_assert_eq!(
                inclusion_proof(&reader, index, size).unwrap(),
                inclusion_proof(&leaves[..], index, size).unwrap()
            );
            let old = 1 + probe % size;
            prop_assert_eq!(
                consistency_proof(&reader, old, size).unwrap(),
                consistency_proof(&leaves[..], old, size).unwrap()
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The tiles a caller is told to fetch are enough: a store holding only them gives the
    /// same proofs and root as the whole log.
    #[test]
    fn the_tiles_named_for_a_proof_are_enough_to_build_it(
        size in 1u64..3000,
        probe in any::<u64>(),
    ) {
        let log = common::Log::with((0..size).map(common::entry));
        let only = |paths: Vec<trustlabel_tlog::TilePath>| {
            paths
                .iter()
                .map(|p| (p.to_string(), log.tiles[&p.to_string()].clone()))
                .collect::<std::collections::BTreeMap<_, _>>()
        };
        let full = TileReader::new(&log.tiles, size);
        let index = probe % size;
        let store = only(trustlabel_tlog::tiles_for_inclusion(index, size).unwrap());
        prop_assert_eq!(
            inclusion_proof(&TileReader::new(&store, size), index, size).unwrap(),
            inclusion_proof(&full, index, size).unwrap()
        );
        let old = 1 + probe % size;
        let store = only(trustlabel_tlog::tiles_for_consistency(old, size).unwrap());
        prop_assert_eq!(
            consistency_proof(&TileReader::new(&store, size), old, size).unwrap(),
            consistency_proof(&full, old, size).unwrap()
        );
        let store = only(trustlabel_tlog::tiles_for_root(size).unwrap());
        prop_assert_eq!(TileReader::new(&store, size).root().unwrap(), full.root().unwrap());
    }
}
