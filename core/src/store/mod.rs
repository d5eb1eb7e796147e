//! The offline cache in sled (protocol section 5). No sled type leaves this folder
//! (ADR 0001): callers see the [`Store`], its typed tables and [`StoreError`].
//!
//! Invariant: the store never holds a decoded record to show. `records` keeps the raw
//! envelope bytes as received plus transport metadata; callers verify the envelope again on
//! every read, so editing the files on a rooted phone cannot turn into "verified". The
//! `history`, `watchlist` and `audits` tables keep a few fields copied from records (names,
//! the key id, a digest) to list and compare; nothing read from them is shown as verified.
//!
//! The trees, their keys and their values as stored (the on-disk format, [`FORMAT_VERSION`]):
//!
//! | tree | key | value |
//! |---|---|---|
//! | `records` | normalised label link | [`CachedEnvelope`] as JSON |
//! | `trust` | `trust_list` | the trust list's envelope, raw |
//! | `history` | label link (or the text scanned) | the history's entry as JSON |
//! | `watchlist` | normalised label link | the watchlist's item as JSON |
//! | `audits` | `m:<name>` / `e:<name>\n<label>` | an audit's meta / one label's entry, JSON |
//! | `meta` | `format_version` / `history_off` | `u32` big-endian / present when off |
//! | `log_heads` | `<log origin>\n<size, 20 digits>` | a kept tree head as JSON (origin, size, base64 root) |

#[cfg(test)]
mod compat;
mod counted;
mod floor;
mod heads;
mod table;

use std::fs::File;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fs2::FileExt;
use serde::{Deserialize, Serialize};

use counted::{CountedTree, Db};
use floor::FloorFile;
use heads::{HeadsFile, KeptHead};

pub use table::{AuditTable, Table};

/// Format version written to `meta`; bump when the layout changes.
pub const FORMAT_VERSION: u32 = 1;
/// How long opening waits for a lock held by another handle before using a temporary store.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(500);
/// Page cache for sled (its default is 1 GiB, far too much for a phone).
pub const CACHE_CAPACITY_BYTES: u64 = 4 * 1024 * 1024;

const TREE_RECORDS: &str = "records";
const TREE_TRUST: &str = "trust";
const TREE_HISTORY: &str = "history";
const TREE_WATCHLIST: &str = "watchlist";
const TREE_META: &str = "meta";
const TREE_AUDITS: &str = "audits";
const TREE_LOG_HEADS: &str = "log_heads";
const KEY_HISTORY_OFF: &[u8] = b"history_off";
const KEY_TRUST_LIST: &[u8] = b"trust_list";
const KEY_FORMAT: &[u8] = b"format_version";

/// Why the offline cache could not be opened, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database reported an error.
    #[error("the offline cache could not be read or written: {0}")]
    Database(DatabaseError),
    /// An entry is not in the format this version writes.
    #[error("the offline cache holds an entry it cannot read")]
    Corrupt,
    /// The damaged database could not be moved aside to start afresh.
    #[error("could not move the damaged offline cache aside: {0}")]
    Recovery(std::io::Error),
    /// Another process (or scanner) holds the database's lock.
    #[error("the offline cache is in use by another process (or another open scanner)")]
    InUse,
    /// The cache was written in a newer format, which this version must not overwrite.
    #[error("the offline cache was written by a newer version of this app (format {0})")]
    NewerFormat(u32),
    /// The trust-list floor (the lowest version still accepted, kept beside the cache) could not be written.
    #[error("could not write the trust list floor file {path}: {error}")]
    Floor {
        /// The floor file.
        path: PathBuf,
        /// What the file system said.
        error: std::io::Error,
    },
    /// The transparency logs' kept tree heads (kept beside the cache) could not be written.
    #[error("could not write the log heads file {path}: {error}")]
    LogHeads {
        /// The heads file.
        path: PathBuf,
        /// What the file system said.
        error: std::io::Error,
    },
    /// The folder holds other files, so it is not treated as a damaged cache.
    #[error("the folder {0} holds files that are not the offline cache; it is not moved aside")]
    NotOurFolder(PathBuf),
    /// The folder or its lock file could not be opened.
    #[error("the offline cache could not be opened: {0}")]
    Io(std::io::Error),
}

/// What the database (sled) reported, kept opaque: no caller sees sled's types.
#[derive(Debug)]
pub struct DatabaseError(sled::Error);

impl std::fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DatabaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// Why a database did not open: damaged files (move aside, recreate) or anything else
/// (leave the files alone). Decided on error kinds, never on message text, and anything
/// not known to be damage counts as transient: moving a healthy database aside would bring
/// back everything a later trust list revoked.
fn is_damage(error: &StoreError) -> bool {
    match error {
        StoreError::Corrupt => true,
        StoreError::Database(DatabaseError(e)) => match e {
            sled::Error::Corruption { .. }
            | sled::Error::Unsupported(_)
            | sled::Error::ReportableBug(_) => true,
            sled::Error::Io(io) => {
                matches!(io.kind(), ErrorKind::InvalidData | ErrorKind::UnexpectedEof)
            }
            _ => false,
        },
        _ => false,
    }
}

/// How the store was opened; the app is told when it had to recover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OpenState {
    /// Opened as it was.
    Opened,
    /// The database would not open; it was moved to `moved_to` and a new one created.
    Recreated {
        /// Where the damaged database now is.
        moved_to: PathBuf,
        /// Why it would not open.
        error: String,
    },
    /// Another process holds the database; this session uses a temporary store that is
    /// discarded on exit, so nothing the other process has is touched.
    Temporary {
        /// Why the database could not be taken.
        error: String,
    },
}

/// A full cache is trimmed to `max_records - max_records / EVICTION_SLACK_DIVISOR` entries.
const EVICTION_SLACK_DIVISOR: usize = 20;

/// One cached registry answer: the raw envelope and how it was obtained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedEnvelope {
    /// Exactly as received from the registry (or a pack).
    #[serde(with = "bytes_b64")]
    pub envelope: Vec<u8>,
    /// The registry that answered, by trust-list id.
    pub registry_id: String,
    /// Unix seconds when the envelope was fetched.
    pub fetched_at: i64,
    /// Unix seconds when the registry last confirmed it (200 or 304).
    pub checked_at: i64,
    /// The ETag the registry sent, to ask "has it changed?" next time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

/// The sled database. One per process; cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    records: CountedTree,
    trust: sled::Tree,
    history: CountedTree,
    watchlist: CountedTree,
    audits: CountedTree,
    meta: sled::Tree,
    log_heads: sled::Tree,
    max_records: usize,
    /// The trust-list floor beside the database, when the store has a folder.
    floor: Option<Arc<FloorFile>>,
    /// The logs' kept tree heads beside the database, when the store has a folder.
    heads_file: Option<Arc<HeadsFile>>,
    /// Held for the store's lifetime: one process, one store (see [`Store::open`]).
    _lock: Option<Arc<File>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("records", &self.records.len())
            .finish()
    }
}

impl Store {
    /// Opens (or creates) the store in `dir`, recovering when it will not open.
    ///
    /// - Another process (or another open store in this one) holds `dir`: detected with a
    ///   lock file beside it, on every platform (sled 0.34 locks nothing on Android or iOS),
    ///   and refused: this session gets a temporary store, the other one's files are not
    ///   touched ([`OpenState::Temporary`] says why).
    /// - Damaged files: moved aside to `<dir>.damaged-<time>` and recreated, but only when
    ///   the folder holds nothing but sled's files.
    /// - Written by a newer app (a downgrade), or any other error (permission, disk full,
    ///   too many open files, I/O): not damage; a temporary store, files left alone.
    ///
    /// The trust-list floor lives beside `dir` (`<dir>.trust-floor.json`), so none of this
    /// brings back a trust list older than one seen before.
    pub fn open(dir: &Path, max_records: usize) -> Result<(Self, OpenState), StoreError> {
        let floor = Arc::new(FloorFile::load(floor_path(dir)));
        let heads = Arc::new(HeadsFile::load(sibling(dir, "log-heads.json")));
        let lock = match acquire_lock(dir) {
            Ok(lock) => lock,
            Err(error) => return Self::temporary_instead(max_records, floor, heads, error),
        };
        match Self::open_retrying(dir, max_records) {
            Ok(store) => Ok((store.with_floor(floor, heads, lock), OpenState::Opened)),
            Err(error) if is_damage(&error) => {
                if !holds_only_sled_files(dir) {
                    let refused = StoreError::NotOurFolder(dir.to_path_buf());
                    return Self::temporary_instead(max_records, floor, heads, refused);
                }
                let moved_to = aside_path(dir);
                std::fs::rename(dir, &moved_to).map_err(StoreError::Recovery)?;
                let store = Self::open_at(dir, max_records)?;
                Ok((
                    store.with_floor(floor, heads, lock),
                    OpenState::Recreated {
                        moved_to,
                        error: error.to_string(),
                    },
                ))
            }
            Err(error) => Self::temporary_instead(max_records, floor, heads, error),
        }
    }

    /// A memory-only store for a session that may not use the folder. It still honours the
    /// floor (read-only: only the folder's owner writes it).
    fn temporary_instead(
        max_records: usize,
        floor: Arc<FloorFile>,
        heads: Arc<HeadsFile>,
        error: StoreError,
    ) -> Result<(Self, OpenState), StoreError> {
        floor.read_only();
        heads.read_only();
        let mut store = Self::from_config(sled::Config::new().temporary(true), max_records)?;
        store.floor = Some(floor);
        store.heads_file = Some(heads);
        Ok((
            store,
            OpenState::Temporary {
                error: error.to_string(),
            },
        ))
    }

    fn with_floor(mut self, floor: Arc<FloorFile>, heads: Arc<HeadsFile>, lock: File) -> Self {
        self.floor = Some(floor);
        self.heads_file = Some(heads);
        self._lock = Some(Arc::new(lock));
        self
    }

    /// Opens `dir`, retrying transient errors for up to [`LOCK_WAIT`]: sled can release its
    /// own file lock a moment after a store is dropped (seen under load in tests), so an app
    /// that closes and reopens its scanner would otherwise get a temporary store.
    fn open_retrying(dir: &Path, max_records: usize) -> Result<Self, StoreError> {
        let started = std::time::Instant::now();
        loop {
            match Self::open_at(dir, max_records) {
                Err(error)
                    if !is_damage(&error)
                        && !matches!(error, StoreError::NewerFormat(_))
                        && started.elapsed() < LOCK_WAIT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    /// A store that lives in memory only (tests, and apps that must not write).
    pub fn temporary(max_records: usize) -> Result<Self, StoreError> {
        Self::from_config(sled::Config::new().temporary(true), max_records)
    }

    fn open_at(dir: &Path, max_records: usize) -> Result<Self, StoreError> {
        let store = Self::from_config(sled::Config::new().path(dir), max_records)?;
        let meta = &store.meta;
        match meta.get(KEY_FORMAT).db()? {
            None => {
                meta.insert(KEY_FORMAT, &FORMAT_VERSION.to_be_bytes())
                    .db()?;
            }
            Some(v) => match <[u8; 4]>::try_from(v.as_ref()).map(u32::from_be_bytes) {
                Ok(FORMAT_VERSION) => {}
                // A newer app wrote it: this one cannot read it, and must not destroy it.
                Ok(newer) if newer > FORMAT_VERSION => return Err(StoreError::NewerFormat(newer)),
                // No older format exists: anything else is a damaged meta entry.
                _ => return Err(StoreError::Corrupt),
            },
        }
        Ok(store)
    }

    fn from_config(config: sled::Config, max_records: usize) -> Result<Self, StoreError> {
        let db = config.cache_capacity(CACHE_CAPACITY_BYTES).open().db()?;
        let tree = |name: &str| db.open_tree(name).db();
        Ok(Store {
            records: CountedTree::new(tree(TREE_RECORDS)?),
            trust: tree(TREE_TRUST)?,
            history: CountedTree::new(tree(TREE_HISTORY)?),
            watchlist: CountedTree::new(tree(TREE_WATCHLIST)?),
            audits: CountedTree::new(tree(TREE_AUDITS)?),
            meta: tree(TREE_META)?,
            log_heads: tree(TREE_LOG_HEADS)?,
            db,
            max_records: max_records.max(1),
            floor: None,
            heads_file: None,
            _lock: None,
        })
    }

    /// The cached envelope for a normalised label URL. An entry that cannot be decoded is
    /// removed and reported as absent: it could never verify.
    pub fn record(&self, url: &str) -> Result<Option<CachedEnvelope>, StoreError> {
        let Some(bytes) = self.records.get(url)? else {
            return Ok(None);
        };
        match serde_json::from_slice(&bytes) {
            Ok(entry) => Ok(Some(entry)),
            Err(_) => {
                self.records.remove(url)?;
                Ok(None)
            }
        }
    }

    /// Stores `entry` for `url`, evicting the least recently checked records beyond the
    /// bound, and flushes: the user expects a scanned label to be there offline.
    pub fn put_record(&self, url: &str, entry: &CachedEnvelope) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(entry).map_err(|_| StoreError::Corrupt)?;
        self.records.insert(url, bytes)?;
        self.evict_beyond_bound(url)?;
        self.db.flush().db()?;
        Ok(())
    }

    /// Marks the cached record as confirmed by the registry at `checked_at` (a 304).
    pub fn touch_record(&self, url: &str, checked_at: i64) -> Result<(), StoreError> {
        if let Some(mut entry) = self.record(url)? {
            entry.checked_at = checked_at;
            self.put_record(url, &entry)?;
        }
        Ok(())
    }

    /// Removes the record for `url` only if it is still exactly `expected`: a concurrent scan
    /// may have stored a good record since `expected` was read.
    pub fn remove_record_if(&self, url: &str, expected: &CachedEnvelope) -> Result<(), StoreError> {
        let Some(current) = self.records.get(url)? else {
            return Ok(());
        };
        if serde_json::from_slice::<CachedEnvelope>(&current)
            .ok()
            .as_ref()
            != Some(expected)
        {
            return Ok(());
        }
        // Atomic: removes nothing if the bytes changed after they were read just above.
        self.records.remove_if(url, current)?;
        self.db.flush().db()?;
        Ok(())
    }

    /// How many records the offline cache holds.
    pub fn record_count(&self) -> usize {
        self.records.len()
    }

    /// The most records the cache keeps; beyond it the least recently confirmed go.
    pub fn max_records(&self) -> usize {
        self.max_records
    }

    /// Every cached URL with its entry, in key order.
    pub fn records(&self) -> impl Iterator<Item = (String, CachedEnvelope)> + '_ {
        self.records.iter().filter_map(|item| {
            let (k, v) = item.ok()?;
            Some((
                String::from_utf8(k.to_vec()).ok()?,
                serde_json::from_slice(&v).ok()?,
            ))
        })
    }

    /// Removes the least recently confirmed records beyond the bound, never `just_written`.
    /// Entries whose time cannot be read go first: they are damaged and could never verify.
    /// Past the bound it trims to a twentieth below it, so the walk over every record that
    /// a trim needs happens once per that many new labels, not on every fetch of a full cache.
    fn evict_beyond_bound(&self, just_written: &str) -> Result<(), StoreError> {
        if self.records.len() <= self.max_records {
            return Ok(());
        }
        let keep = self.max_records - self.max_records / EVICTION_SLACK_DIVISOR;
        self.records.trim_oldest(keep, |key, value| {
            (key != just_written.as_bytes()).then(|| checked_at(value))
        })
    }

    /// The cached trust list envelope (verified again by the caller).
    pub fn trust_list(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.trust.get(KEY_TRUST_LIST).db()?.map(|v| v.to_vec()))
    }

    /// Every saved copy of the newest trust list, to be verified by the caller: the one in
    /// sled and the one in the floor file (which survives the database being recreated, and
    /// a byte edited in sled's copy).
    pub fn saved_trust_lists(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        let mut lists: Vec<Vec<u8>> = self.trust_list()?.into_iter().collect();
        if let Some(envelope) = self.floor.as_ref().and_then(|f| f.envelope()) {
            if !lists.contains(&envelope) {
                lists.push(envelope);
            }
        }
        Ok(lists)
    }

    /// The highest trust-list version this folder has ever accepted (0: none, or no
    /// folder). A list below it must never be used again.
    pub fn trust_floor(&self) -> u64 {
        self.floor.as_ref().map_or(0, |f| f.version())
    }

    /// Saves a verified trust list of `version`, in sled and, when it raises the floor, in
    /// the floor file (temp file, fsync, rename: the old floor or the new, never neither).
    pub fn put_trust_list(&self, envelope: &[u8], version: u64) -> Result<(), StoreError> {
        self.trust.insert(KEY_TRUST_LIST, envelope).db()?;
        self.db.flush().db()?;
        if let Some(floor) = &self.floor {
            floor.raise(version, envelope)?;
        }
        Ok(())
    }

    /// Every transparency-log tree head this device accepted (check L5), from the
    /// `log_heads` tree and the heads file beside the database (which survives the database
    /// being recreated). Entries that cannot be read are skipped.
    pub fn log_heads(&self) -> Result<Vec<(String, trustlabel_tlog::TreeHead)>, StoreError> {
        let mut kept: Vec<KeptHead> = Vec::new();
        for item in self.log_heads.iter() {
            let (_, value) = item.db()?;
            if let Ok(head) = serde_json::from_slice::<KeptHead>(&value) {
                kept.push(head);
            }
        }
        if let Some(file) = &self.heads_file {
            kept.extend(file.heads());
        }
        kept.sort_by(|a, b| (&a.origin, a.size, &a.root).cmp(&(&b.origin, b.size, &b.root)));
        kept.dedup();
        Ok(kept.iter().filter_map(KeptHead::head).collect())
    }

    /// Keeps a tree head of the log `origin` the caller accepted (after its signatures and
    /// its consistency with the newest kept head were checked): in sled, flushed, and in the
    /// heads file beside the database.
    pub fn keep_log_head(
        &self,
        origin: &str,
        head: trustlabel_tlog::TreeHead,
    ) -> Result<(), StoreError> {
        let kept = KeptHead::new(origin, head);
        let value = serde_json::to_vec(&kept).map_err(|_| StoreError::Corrupt)?;
        self.log_heads.insert(kept.key().as_bytes(), value).db()?;
        self.db.flush().db()?;
        if let Some(file) = &self.heads_file {
            file.add(kept)?;
        }
        Ok(())
    }

    /// The scan history, one `V` (the history module's entry) per label. Writes to it are
    /// not flushed.
    pub fn history<V>(&self) -> Table<'_, V> {
        Table::new(&self.history)
    }

    /// The watchlist, one `V` (the watchlist module's item) per normalised label link.
    /// Writes to it are not flushed.
    pub fn watchlist<V>(&self) -> Table<'_, V> {
        Table::new(&self.watchlist)
    }

    /// The shelf audits: metas `M` and entries `E` (the audit module's types). Writes to it
    /// are not flushed.
    pub fn audits<M, E>(&self) -> AuditTable<'_, M, E> {
        AuditTable::new(&self.audits)
    }

    /// Writes everything to disk before returning.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().db()?;
        Ok(())
    }

    /// Whether scans are written to the history (on unless switched off).
    pub fn history_enabled(&self) -> Result<bool, StoreError> {
        Ok(self.meta.get(KEY_HISTORY_OFF).db()?.is_none())
    }

    /// Switches the history on or off, flushed: the user's choice must survive a crash.
    pub fn set_history_enabled(&self, on: bool) -> Result<(), StoreError> {
        if on {
            self.meta.remove(KEY_HISTORY_OFF).db()?;
        } else {
            self.meta.insert(KEY_HISTORY_OFF, &[1u8]).db()?;
        }
        self.db.flush().db()?;
        Ok(())
    }

    /// Writes verified records from a pack in one atomic sled batch: either all of them are
    /// stored or none. Evicts beyond the bound afterwards, the records just imported last,
    /// and flushes.
    pub fn put_pack(&self, records: Vec<(String, CachedEnvelope)>) -> Result<(), StoreError> {
        // Each entry goes straight into the batch and is dropped as it is encoded: a 10,000
        // record pack would otherwise be held three times over (entries, their JSON, the
        // batch's copy of it) before sled takes its own.
        let mut batch = sled::Batch::default();
        let mut imported = std::collections::HashSet::with_capacity(records.len());
        for (url, entry) in records {
            let bytes = serde_json::to_vec(&entry).map_err(|_| StoreError::Corrupt)?;
            drop(entry);
            batch.insert(url.as_bytes(), bytes);
            imported.insert(url);
        }
        // A sled batch is applied atomically: a crash or an error leaves none of it.
        self.records.apply_batch(batch)?;
        self.records.recount();
        self.evict_keeping(&imported)?;
        self.db.flush().db()?;
        Ok(())
    }

    /// Like `evict_beyond_bound`, for many records written at once: the others go first,
    /// oldest confirmed first, then (if still beyond the bound) the oldest of `kept`.
    fn evict_keeping(&self, kept: &std::collections::HashSet<String>) -> Result<(), StoreError> {
        self.records.trim_oldest(self.max_records, |key, value| {
            let is_kept = std::str::from_utf8(key).is_ok_and(|k| kept.contains(k));
            Some((is_kept, checked_at(value)))
        })
    }
}

/// When a cached entry was last confirmed; an entry whose time cannot be read is the oldest.
fn checked_at(value: &[u8]) -> i64 {
    // Only the one field: an eviction reads every entry, and decoding each envelope's
    // base64 would cost more than the walk.
    #[derive(Deserialize)]
    struct CheckedAt {
        checked_at: i64,
    }
    serde_json::from_slice::<CheckedAt>(value).map_or(i64::MIN, |e| e.checked_at)
}

/// `<dir>.lock`, held exclusively while a store uses `dir`. Beside the folder, not in it,
/// so moving a damaged folder aside never moves the lock with it.
fn acquire_lock(dir: &Path) -> Result<File, StoreError> {
    let path = sibling(dir, "lock");
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(StoreError::Io)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(StoreError::Io)?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock_exclusive() {
            Ok(()) => return Ok(file),
            // A store of this process being dropped on another thread: give it a moment.
            Err(e) if is_contended(&e) => {
                if started.elapsed() >= LOCK_WAIT {
                    return Err(StoreError::InUse);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => return Err(StoreError::Io(e)),
        }
    }
}

/// Whether a failed `try_lock_exclusive` means another handle holds the lock: `WouldBlock`
/// where the OS reports it so (Unix), else fs2's own code for it (Windows reports
/// `ERROR_LOCK_VIOLATION`, which has no `ErrorKind` of its own).
fn is_contended(error: &std::io::Error) -> bool {
    error.kind() == ErrorKind::WouldBlock
        || (error.raw_os_error().is_some()
            && error.raw_os_error() == fs2::lock_contended_error().raw_os_error())
}

/// Whether `dir` holds only what sled writes (`conf`, `db`, `blobs/`, `snap.*`): the only
/// kind of folder recovery may move aside. An app that passed a folder holding its own
/// files keeps them where they are.
fn holds_only_sled_files(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.into_iter().all(|entry| {
        entry.is_ok_and(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            matches!(name.as_ref(), "conf" | "db" | "blobs") || name.starts_with("snap.")
        })
    })
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("store");
    dir.with_file_name(format!("{name}.{suffix}"))
}

fn floor_path(dir: &Path) -> PathBuf {
    sibling(dir, "trust-floor.json")
}

fn aside_path(dir: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f");
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("store");
    dir.with_file_name(format!("{name}.damaged-{stamp}"))
}

mod bytes_b64 {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(checked_at: i64) -> CachedEnvelope {
        CachedEnvelope {
            envelope: b"{\"raw\":true}".to_vec(),
            registry_id: "demo".into(),
            fetched_at: checked_at,
            checked_at,
            etag: Some("\"e\"".into()),
        }
    }

    #[test]
    fn round_trips_and_persists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        {
            let (store, state) = Store::open(&path, 100).unwrap();
            assert_eq!(state, OpenState::Opened);
            store.put_record("https://r/l/1", &entry(5)).unwrap();
            store.touch_record("https://r/l/1", 9).unwrap();
        }
        let (store, _) = Store::open(&path, 100).unwrap();
        let got = store.record("https://r/l/1").unwrap().unwrap();
        assert_eq!(got.envelope, entry(5).envelope);
        assert_eq!(got.checked_at, 9);
    }

    #[test]
    fn a_full_cache_is_trimmed_below_the_bound_so_not_every_write_walks_it() {
        let store = Store::temporary(40).unwrap();
        for i in 0..40 {
            store.put_record(&format!("r{i:02}"), &entry(i)).unwrap();
        }
        assert_eq!(store.record_count(), 40, "at the bound: nothing goes");
        store.put_record("new", &entry(-1)).unwrap();
        // 40 - 40/20 kept: the newly written one and the 37 most recently checked.
        assert_eq!(store.record_count(), 38);
        assert!(
            store.record("new").unwrap().is_some(),
            "never the one just written"
        );
        for i in 0..3 {
            assert!(
                store.record(&format!("r{i:02}")).unwrap().is_none(),
                "r{i:02}"
            );
        }
        assert!(store.record("r03").unwrap().is_some());
        store.put_record("newer", &entry(50)).unwrap();
        assert_eq!(store.record_count(), 39, "room again: no walk");
    }

    #[test]
    fn evicts_least_recently_checked_beyond_the_bound() {
        let store = Store::temporary(2).unwrap();
        store.put_record("a", &entry(3)).unwrap();
        store.put_record("b", &entry(1)).unwrap();
        store.put_record("c", &entry(2)).unwrap();
        assert_eq!(store.record_count(), 2);
        assert!(store.record("b").unwrap().is_none());
        assert!(store.record("a").unwrap().is_some());
    }

    #[test]
    fn the_record_just_written_is_never_the_one_evicted() {
        let store = Store::temporary(2).unwrap();
        store.put_record("a", &entry(5)).unwrap();
        store.put_record("b", &entry(6)).unwrap();
        // Written with a clock set back: the oldest checked_at, but just scanned.
        store.put_record("c", &entry(1)).unwrap();
        assert!(store.record("c").unwrap().is_some());
        assert!(store.record("a").unwrap().is_none());
    }

    #[test]
    fn undecodable_entries_are_evicted_first() {
        let store = Store::temporary(2).unwrap();
        store.records.insert("junk", b"garbage".to_vec()).unwrap();
        store.put_record("a", &entry(1)).unwrap();
        store.put_record("b", &entry(2)).unwrap();
        assert_eq!(store.record_count(), 2);
        assert!(store.record("a").unwrap().is_some());
    }

    #[test]
    fn conditional_removal_leaves_a_replaced_record() {
        let store = Store::temporary(10).unwrap();
        store.put_record("a", &entry(1)).unwrap();
        let read = store.record("a").unwrap().unwrap();
        store.put_record("a", &entry(2)).unwrap();
        store.remove_record_if("a", &read).unwrap();
        assert_eq!(store.record("a").unwrap().unwrap().checked_at, 2);
        store.remove_record_if("a", &entry(2)).unwrap();
        assert!(store.record("a").unwrap().is_none());
    }

    #[test]
    fn undecodable_entry_is_dropped_not_fatal() {
        let store = Store::temporary(10).unwrap();
        store.records.insert("x", b"garbage".to_vec()).unwrap();
        assert!(store.record("x").unwrap().is_none());
        assert_eq!(store.record_count(), 0);
    }

    #[test]
    fn a_corrupt_database_is_moved_aside_and_recreated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        std::fs::create_dir_all(&path).unwrap();
        // sled's config file holds garbage: the database will not open.
        std::fs::write(path.join("conf"), b"\xff\xfe not a sled config").unwrap();
        std::fs::write(path.join("db"), vec![0xA5u8; 4096]).unwrap();
        let (store, state) = Store::open(&path, 10).unwrap();
        let OpenState::Recreated { moved_to, .. } = state else {
            panic!("expected recovery, got {state:?}");
        };
        assert!(moved_to.exists(), "damaged files are kept for diagnosis");
        store.put_record("a", &entry(1)).unwrap();
        assert!(store.record("a").unwrap().is_some());
    }

    #[test]
    fn a_database_from_a_newer_app_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        {
            let (store, _) = Store::open(&path, 10).unwrap();
            store.put_record("kept", &entry(1)).unwrap();
            store
                .db
                .open_tree(TREE_META)
                .unwrap()
                .insert(KEY_FORMAT, &(FORMAT_VERSION + 1).to_be_bytes())
                .unwrap();
            store.flush().unwrap();
        }
        let (store, state) = Store::open(&path, 10).unwrap();
        assert!(matches!(state, OpenState::Temporary { .. }), "{state:?}");
        assert!(store.record("kept").unwrap().is_none(), "a temporary store");
        drop(store);
        let siblings = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(siblings, 2, "db and db.lock only: nothing moved aside");
    }

    #[test]
    fn the_floor_only_goes_up_and_is_written_beside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        {
            let (store, _) = Store::open(&path, 10).unwrap();
            store.put_trust_list(b"list five", 5).unwrap();
            store.put_trust_list(b"list three", 3).unwrap();
            assert_eq!(store.trust_floor(), 5);
        }
        std::fs::remove_dir_all(&path).unwrap();
        let (store, _) = Store::open(&path, 10).unwrap();
        assert_eq!(store.trust_floor(), 5);
        assert_eq!(
            store.saved_trust_lists().unwrap(),
            vec![b"list five".to_vec()]
        );
    }

    #[test]
    fn a_locked_database_falls_back_to_a_temporary_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let (holder, _) = Store::open(&path, 10).unwrap();
        holder.put_record("kept", &entry(1)).unwrap();
        let (second, state) = Store::open(&path, 10).unwrap();
        assert!(matches!(state, OpenState::Temporary { .. }), "{state:?}");
        second.put_record("other", &entry(1)).unwrap();
        // The holder's data is untouched.
        assert!(holder.record("kept").unwrap().is_some());
        assert!(holder.record("other").unwrap().is_none());
    }
}
