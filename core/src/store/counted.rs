//! One sled tree with its entry count kept in memory. Private to the store: every sled type
//! stays in `store/`.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use super::{DatabaseError, StoreError};

/// Turns sled's errors into the store's, without a public `From<sled::Error>` that would let
/// callers outside the store handle sled's results themselves.
pub(super) trait Db<T> {
    fn db(self) -> Result<T, StoreError>;
}

impl<T> Db<T> for sled::Result<T> {
    fn db(self) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::Database(DatabaseError(e)))
    }
}

/// A sled tree with an entry count kept in memory: sled's `Tree::len` walks the whole tree,
/// too slow to call on every write. The count is computed on first use and kept by this
/// process's inserts and removes; one `Store` per process holds the database's lock, so no
/// other process changes the tree meanwhile.
#[derive(Clone)]
pub(super) struct CountedTree {
    tree: sled::Tree,
    /// `-1` until counted.
    count: Arc<AtomicI64>,
}

impl CountedTree {
    pub(super) fn new(tree: sled::Tree) -> Self {
        CountedTree {
            tree,
            count: Arc::new(AtomicI64::new(-1)),
        }
    }

    /// The number of entries (counted once, then kept up to date).
    pub(super) fn len(&self) -> usize {
        let known = self.count.load(Ordering::Acquire);
        if known >= 0 {
            return known as usize;
        }
        self.recount()
    }

    /// True when the tree holds no entries; no walk when the count is not known yet.
    pub(super) fn is_empty(&self) -> bool {
        match self.count.load(Ordering::Acquire) {
            known if known >= 0 => known == 0,
            _ => self.tree.is_empty(),
        }
    }

    /// Counts the entries again (a full walk) and keeps the result.
    pub(super) fn recount(&self) -> usize {
        let n = self.tree.len();
        self.count.store(n as i64, Ordering::Release);
        n
    }

    /// Forgets the count after a change it did not follow (a batch): counted again on use.
    pub(super) fn forget_count(&self) {
        self.count.store(-1, Ordering::Release);
    }

    fn adjust(&self, delta: i64) {
        // Only once counted; an uncounted tree is counted exactly on first use.
        let _ = self
            .count
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |c| {
                (c >= 0).then_some((c + delta).max(0))
            });
    }

    /// The value under `key`.
    pub(super) fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<sled::IVec>, StoreError> {
        self.tree.get(key).db()
    }

    /// Sets `key` to `value` and returns the previous value.
    pub(super) fn insert(
        &self,
        key: impl AsRef<[u8]>,
        value: impl Into<sled::IVec>,
    ) -> Result<Option<sled::IVec>, StoreError> {
        let previous = self.tree.insert(key, value).db()?;
        if previous.is_none() {
            self.adjust(1);
        }
        Ok(previous)
    }

    /// Removes `key` and returns the value it held.
    pub(super) fn remove(&self, key: impl AsRef<[u8]>) -> Result<Option<sled::IVec>, StoreError> {
        let previous = self.tree.remove(key).db()?;
        if previous.is_some() {
            self.adjust(-1);
        }
        Ok(previous)
    }

    /// Removes `key` only if it still holds `expected`; true when it did.
    pub(super) fn remove_if(
        &self,
        key: impl AsRef<[u8]>,
        expected: sled::IVec,
    ) -> Result<bool, StoreError> {
        let removed = self
            .tree
            .compare_and_swap(key, Some(expected), None::<&[u8]>)
            .db()?
            .is_ok();
        if removed {
            self.adjust(-1);
        }
        Ok(removed)
    }

    /// All entries, in key order.
    pub(super) fn iter(&self) -> sled::Iter {
        self.tree.iter()
    }

    /// The entries whose key starts with `prefix`, in key order.
    pub(super) fn scan_prefix(&self, prefix: impl AsRef<[u8]>) -> sled::Iter {
        self.tree.scan_prefix(prefix)
    }

    /// Applies `batch` atomically (all of it or none).
    pub(super) fn apply_batch(&self, batch: sled::Batch) -> Result<(), StoreError> {
        self.tree.apply_batch(batch).db()?;
        self.forget_count();
        Ok(())
    }

    /// Removes every entry.
    pub(super) fn clear(&self) -> Result<(), StoreError> {
        self.tree.clear().db()?;
        self.count.store(0, Ordering::Release);
        Ok(())
    }

    /// Trims the tree to `keep` entries: the ones removed are those that sort first by
    /// `rank(key, value)` (the oldest, for the callers), ties by key; an entry ranked `None`
    /// is never removed. One walk, then a recount: the walk saw every entry, so any drift in
    /// the kept count is corrected. The cache's eviction and the history's bound both use it.
    pub(super) fn trim_oldest<R: Ord>(
        &self,
        keep: usize,
        rank: impl Fn(&[u8], &[u8]) -> Option<R>,
    ) -> Result<(), StoreError> {
        if self.len() <= keep {
            return Ok(());
        }
        let mut total = 0usize;
        let mut ranked: Vec<(R, sled::IVec)> = Vec::new();
        for item in self.tree.iter() {
            let (key, value) = item.db()?;
            total += 1;
            if let Some(r) = rank(&key, &value) {
                ranked.push((r, key));
            }
        }
        ranked.sort();
        for (_, key) in ranked.into_iter().take(total.saturating_sub(keep)) {
            self.remove(key)?;
        }
        self.recount();
        Ok(())
    }
}
