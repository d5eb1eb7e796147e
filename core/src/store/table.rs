//! Typed tables for the features that keep data in the store (history, watchlist, audits).
//!
//! The store owns the bytes: the tree each table lives in, the key layout, and the encoding
//! (JSON, as every version so far has written it). The feature owns the value's shape (its
//! type parameter), so the store depends on no feature module. Values that cannot be read
//! (a damaged or edited file) are skipped, never an error: nothing here is shown as verified.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::counted::{CountedTree, Db};
use super::StoreError;

fn encode<V: Serialize>(value: &V) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|_| StoreError::Corrupt)
}

/// A table keyed by a label's link, one value of type `V` per key.
pub struct Table<'a, V> {
    tree: &'a CountedTree,
    _value: PhantomData<fn() -> V>,
}

impl<'a, V> Table<'a, V> {
    pub(super) fn new(tree: &'a CountedTree) -> Self {
        Table {
            tree,
            _value: PhantomData,
        }
    }

    /// How many entries it holds (counted once, then kept up to date).
    pub fn len(&self) -> usize {
        self.tree.len()
    }

    /// True when it holds no entries.
    pub fn is_empty(&self) -> bool {
        self.tree.is_empty()
    }

    /// Counts the entries again (a full walk): for tests of the kept count.
    pub fn recount(&self) -> usize {
        self.tree.recount()
    }

    /// Removes every entry. Not flushed.
    pub fn clear(&self) -> Result<(), StoreError> {
        self.tree.clear()
    }

    /// Removes `key`; true when it was there. Not flushed.
    pub fn remove(&self, key: &str) -> Result<bool, StoreError> {
        Ok(self.tree.remove(key)?.is_some())
    }
}

impl<V: Serialize + DeserializeOwned> Table<'_, V> {
    /// The value under `key`; `None` when absent or unreadable.
    pub fn get(&self, key: &str) -> Result<Option<V>, StoreError> {
        Ok(self
            .tree
            .get(key)?
            .and_then(|bytes| serde_json::from_slice(&bytes).ok()))
    }

    /// Sets `key` to `value`, replacing what was there. Not flushed.
    pub fn put(&self, key: &str, value: &V) -> Result<(), StoreError> {
        self.tree.insert(key, encode(value)?)?;
        Ok(())
    }

    /// Every readable value, in key order.
    pub fn values(&self) -> Result<Vec<V>, StoreError> {
        let mut values = Vec::new();
        for item in self.tree.iter() {
            let (_, bytes) = item.db()?;
            if let Ok(value) = serde_json::from_slice::<V>(&bytes) {
                values.push(value);
            }
        }
        Ok(values)
    }

    /// Trims the table to `keep` entries, removing those that sort first by
    /// `rank(key, part)`, where `part` is the value read as `P` (a few fields, so that a trim
    /// that reads every entry does not build each whole value), `None` when unreadable.
    /// Ties go by key. One walk, then an exact recount.
    pub fn trim_oldest<P: DeserializeOwned, R: Ord>(
        &self,
        keep: usize,
        rank: impl Fn(&str, Option<P>) -> R,
    ) -> Result<(), StoreError> {
        self.tree.trim_oldest(keep, |key, value| {
            let key: Cow<'_, str> = String::from_utf8_lossy(key);
            Some(rank(&key, serde_json::from_slice(value).ok()))
        })
    }
}

/// The audits table: for each audit, its meta (`M`) and one entry (`E`) per label.
///
/// Layout: `m:<name>` holds the meta, `e:<name>\n<label>` an entry. Audit names have no
/// control characters (the audit module refuses them), so the `\n` separates the two parts
/// unambiguously, and an audit's entries are one key range.
pub struct AuditTable<'a, M, E> {
    tree: &'a CountedTree,
    _values: PhantomData<fn() -> (M, E)>,
}

/// Every audit's meta key starts with this.
const META_PREFIX: &str = "m:";

fn meta_key(name: &str) -> Vec<u8> {
    format!("{META_PREFIX}{name}").into_bytes()
}

fn entries_prefix(name: &str) -> Vec<u8> {
    format!("e:{name}\n").into_bytes()
}

fn entry_key(name: &str, label: &str) -> Vec<u8> {
    let mut key = entries_prefix(name);
    key.extend_from_slice(label.as_bytes());
    key
}

impl<'a, M, E> AuditTable<'a, M, E> {
    pub(super) fn new(tree: &'a CountedTree) -> Self {
        AuditTable {
            tree,
            _values: PhantomData,
        }
    }

    /// True when no audit is stored.
    pub fn is_empty(&self) -> bool {
        self.tree.is_empty()
    }

    /// Deletes the audit `name` and its entries (the entries in one atomic batch); false when
    /// there is no such audit. Not flushed.
    pub fn remove(&self, name: &str) -> Result<bool, StoreError> {
        if self.tree.remove(meta_key(name))?.is_none() {
            return Ok(false);
        }
        let mut batch = sled::Batch::default();
        for item in self.tree.scan_prefix(entries_prefix(name)) {
            let (key, _) = item.db()?;
            batch.remove(key);
        }
        self.tree.apply_batch(batch)?;
        Ok(true)
    }
}

impl<M, E> AuditTable<'_, M, E>
where
    M: Serialize + DeserializeOwned,
    E: Serialize + DeserializeOwned,
{
    /// The meta of the audit `name`; `None` when absent or unreadable.
    pub fn meta(&self, name: &str) -> Result<Option<M>, StoreError> {
        Ok(self
            .tree
            .get(meta_key(name))?
            .and_then(|bytes| serde_json::from_slice(&bytes).ok()))
    }

    /// Writes the meta of the audit `name`. Not flushed.
    pub fn put_meta(&self, name: &str, meta: &M) -> Result<(), StoreError> {
        self.tree.insert(meta_key(name), encode(meta)?)?;
        Ok(())
    }

    /// Every readable audit meta, by name.
    pub fn metas(&self) -> Result<Vec<M>, StoreError> {
        self.read_all(META_PREFIX.as_bytes())
    }

    /// Every readable entry of the audit `name`, by label.
    pub fn entries(&self, name: &str) -> Result<Vec<E>, StoreError> {
        self.read_all(&entries_prefix(name))
    }

    /// Writes the entry for `label` in the audit `name`. Not flushed.
    pub fn put_entry(&self, name: &str, label: &str, entry: &E) -> Result<(), StoreError> {
        self.tree.insert(entry_key(name, label), encode(entry)?)?;
        Ok(())
    }

    fn read_all<T: DeserializeOwned>(&self, prefix: &[u8]) -> Result<Vec<T>, StoreError> {
        let mut values = Vec::new();
        for item in self.tree.scan_prefix(prefix) {
            let (_, bytes) = item.db()?;
            if let Ok(value) = serde_json::from_slice::<T>(&bytes) {
                values.push(value);
            }
        }
        Ok(values)
    }
}
