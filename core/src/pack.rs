//! Offline packs (protocol section 6): many signed envelopes in one file, loaded before a day
//! without signal.
//!
//! ```text
//! {"pack_version": 1, "created": "2026-11-23T08:00:00Z",
//!  "trust_list": <trust list envelope>?, "records": [<record envelope>, ...]}
//! ```
//!
//! A pack has no signature of its own: every envelope is verified exactly as if it had been
//! fetched for the label its signed `sub` names (the registry is the one whose prefix that
//! label matches; rollback against the saved copy applies). A bad entry is skipped and
//! reported by its reason; the good ones are written in one sled transaction, so a pack is
//! either imported or not, never half. An envelope may be given as the JSON object itself or
//! as a JSON string holding it.
//!
//! The trust list inside, if any, is checked like any other (signature against the pinned
//! anchors, never older than the one in use) and installed first, because the records may be
//! signed with a key only the newer list has.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use trustlabel_protocol::{
    verify_cached_record, verify_cached_record_with, verify_record_with, CheckFailure,
    CheckpointCache, Integrity, LabelLink, ParsedEnvelope, RollbackVersions, TrustList,
    TrustListFault, RECORD_TYPE,
};
use trustlabel_words::{Arg, Catalogue, Words};

use crate::parallel;
use crate::scanner::{ScanError, Scanner};
use crate::store::{CachedEnvelope, StoreError};

/// The pack format this version reads and writes.
pub const PACK_VERSION: u32 = 1;
/// Largest pack file accepted: some 15,000 records of typical size, well above the cache's
/// bound, while a phone can still hold the file in memory.
pub const MAX_PACK_BYTES: usize = 64 * 1024 * 1024;

/// Why a pack file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// The file is larger than [`MAX_PACK_BYTES`].
    #[error("the pack is {size} bytes, more than the {limit} bytes allowed")]
    TooLarge {
        /// The file's size in bytes.
        size: usize,
        /// The most bytes accepted.
        limit: usize,
    },
    /// The file ends mid-JSON: it was cut off.
    #[error("the pack file ends too early: it was cut off, nothing was imported")]
    Truncated,
    /// The file is not a pack (the JSON reader's message).
    #[error("this is not a pack file: {0}")]
    Malformed(String),
    /// The pack's `pack_version` is not one this version reads.
    #[error("pack version {0} is not supported (this app reads version 1)")]
    UnsupportedVersion(u32),
    /// The offline cache could not be written.
    #[error(transparent)]
    Storage(#[from] StoreError),
}

impl PackError {
    /// The snake_case name, as in JSON and across the FFI.
    pub fn code(&self) -> &'static str {
        match self {
            PackError::TooLarge { .. } => "pack_too_large",
            PackError::Truncated => "pack_truncated",
            PackError::Malformed(_) => "pack_malformed",
            PackError::UnsupportedVersion(_) => "pack_unsupported_version",
            PackError::Storage(_) => "storage",
        }
    }
}

/// Why one envelope of a pack was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// One of the protocol's checks failed (a rollback included).
    Check(CheckFailure),
    /// Its `sub` is not a label of an official registry.
    NotOfficial,
    /// Its registry does not sign (protocol 4b): such a record is only believed when read
    /// from the registry's own site, never from a file.
    NotSigned,
}

impl SkipReason {
    /// The snake_case name, as in JSON and across the FFI.
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::Check(failure) => failure.code(),
            SkipReason::NotOfficial => "not_official",
            SkipReason::NotSigned => "not_signed",
        }
    }
}

/// One envelope of the pack that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedEntry {
    /// Position in the pack's `records`, from 0.
    pub index: usize,
    /// The label the entry claims to be for, when it could be read.
    pub url: Option<String>,
    /// Why it was skipped; serialised as its code.
    #[serde(serialize_with = "reason_code")]
    pub reason: SkipReason,
}

fn reason_code<S: serde::Serializer>(r: &SkipReason, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(r.code())
}

/// What happened to the pack's trust list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TrustListImport {
    /// The pack has none.
    Absent,
    /// The same list is already in use.
    AlreadyInUse {
        /// The version of the list in use.
        version: u64,
    },
    /// It was newer and verified: it is now the list in use.
    Installed {
        /// The version now in use.
        version: u64,
    },
    /// It failed a check (`rollback`: older than the one in use); the records were checked
    /// against the list in use.
    Refused {
        /// The check that failed.
        reason: CheckFailure,
    },
    /// It is signed but cannot be used as written (`fault` says what is wrong, and where);
    /// the records were checked against the list in use.
    Faulty {
        /// What is wrong with the list.
        fault: TrustListFault,
    },
}

/// What an import did: how many records came in, which did not, and the trust list's fate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackReport {
    /// How many verified records were imported.
    pub imported: usize,
    /// Of the imported, how many the offline cache could not keep: the pack holds more
    /// verified records than the cache's bound (the oldest-signed of them went).
    pub not_kept: usize,
    /// The offline cache's bound, in records.
    pub kept_limit: usize,
    /// The entries that were not imported, each with its reason: the first
    /// [`MAX_LISTED_SKIPS`] of them.
    pub skipped: Vec<SkippedEntry>,
    /// How many entries were not imported in all (`skipped` lists the first ones).
    pub skipped_count: usize,
    /// What happened to the pack's trust list.
    pub trust_list: TrustListImport,
}

/// The envelope bytes of a pack item: the object as written, or the text of a string.
fn envelope_bytes(raw: &RawValue) -> Result<Cow<'_, [u8]>, CheckFailure> {
    let text = raw.get();
    if text.starts_with('"') {
        serde_json::from_str::<String>(text)
            .map(|s| Cow::Owned(s.into_bytes()))
            .map_err(|_| CheckFailure::MalformedJson)
    } else {
        Ok(Cow::Borrowed(text.as_bytes()))
    }
}

/// Skipped entries listed one by one in a report; beyond, they are only counted
/// ([`PackReport::skipped_count`]): a pack of a million junk entries must not make a
/// million-line report (nor hold one in memory).
pub const MAX_LISTED_SKIPS: usize = 1_000;

/// Imports a pack held in memory (the FFI's byte array), as [`import_from`] does: parsed
/// entry by entry, nothing written before the whole pack was read.
pub fn import(
    scanner: &Scanner,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<PackReport, PackError> {
    if bytes.len() > MAX_PACK_BYTES {
        return Err(PackError::TooLarge {
            size: bytes.len(),
            limit: MAX_PACK_BYTES,
        });
    }
    // A slice is parsed in place (no copy through a reader), entry by entry all the same.
    let mut importer = Importer::new(scanner, now);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed =
        serde::de::DeserializeSeed::deserialize(&mut importer, &mut de).and_then(|()| de.end());
    conclude(importer, parsed, bytes.len() as u64)
}

/// Imports a pack read from `reader` (a file, a pipe, bytes) into `scanner`'s cache. `now`
/// is the time the checks use.
///
/// The pack is parsed entry by entry as it is read: what is held is one window of entries
/// being checked, the accepted envelopes (bounded by the pack's own size), and at most
/// [`MAX_LISTED_SKIPS`] skipped ones; never every entry. Bytes are counted as they are read,
/// so more than [`MAX_PACK_BYTES`] from a pipe stops the import with `TooLarge`. Nothing is
/// written before the whole pack has been read: a pack that turns out cut off, too large or
/// malformed imports nothing, its trust list included; the good records then go in one sled
/// batch. If `records` comes before `pack_version` or `trust_list` in the file (or the pack
/// has no `trust_list`: that is known only at its end), the records are kept as one piece of
/// text, at most the pack's 64 MiB, and checked entry by entry once the rest has been read:
/// memory is then bounded by the pack's size limit rather than by one window. Packs this
/// code and the registry write put the trust list first, so they stream.
///
/// Blocking, and CPU-bound: the signature checks run on up to 8 threads of their own (a
/// pack of 10,000 is 10,000 checks), with the answers those checks would give one by one.
pub fn import_from(
    scanner: &Scanner,
    reader: impl std::io::Read,
    now: DateTime<Utc>,
) -> Result<PackReport, PackError> {
    let read = std::rc::Rc::new(std::cell::Cell::new(0u64));
    let counted = Counted {
        inner: reader,
        read: read.clone(),
    };
    let mut importer = Importer::new(scanner, now);
    let parsed = {
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(counted));
        serde::de::DeserializeSeed::deserialize(&mut importer, &mut de).and_then(|()| de.end())
    };
    conclude(importer, parsed, read.get())
}

/// The import's answer once the reader stopped: the limit, an error of ours, the reader's,
/// or the records written.
fn conclude(
    mut importer: Importer<'_>,
    parsed: Result<(), serde_json::Error>,
    read: u64,
) -> Result<PackReport, PackError> {
    if read > MAX_PACK_BYTES as u64 {
        return Err(PackError::TooLarge {
            size: usize::try_from(read).unwrap_or(usize::MAX),
            limit: MAX_PACK_BYTES,
        });
    }
    if let Some(error) = importer.failed.take() {
        return Err(error);
    }
    parsed.map_err(|e| {
        if e.is_eof() {
            PackError::Truncated
        } else {
            PackError::Malformed(e.to_string())
        }
    })?;
    importer.finish()
}

/// A reader that counts what it hands out and ends with an error once more than
/// [`MAX_PACK_BYTES`] were read.
struct Counted<R> {
    inner: R,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let limit = MAX_PACK_BYTES as u64 + 1;
        let left = limit.saturating_sub(self.read.get());
        if left == 0 {
            return Err(std::io::Error::other("the pack is larger than allowed"));
        }
        let len = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..len])?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// The state of one import, fed entry by entry by the JSON reader.
struct Importer<'s> {
    scanner: &'s Scanner,
    now: DateTime<Utc>,
    /// The error that stopped the reader, when it is not the reader's own.
    failed: Option<PackError>,
    version_seen: bool,
    trust_seen: bool,
    records_seen: bool,
    /// `records` met before `pack_version` or `trust_list`: read after them.
    deferred: Option<Box<RawValue>>,
    trust_list: TrustListImport,
    /// A newer trust list from the pack: records are checked against it, and it is installed
    /// with them at the end.
    newer_list: Option<Arc<TrustList>>,
    next_index: usize,
    skipped: Vec<SkippedEntry>,
    skipped_count: usize,
    // URL -> (position in `accepted`, freshness): a later entry for the same label in the
    // same pack is checked against the earlier one, as a second fetch would be.
    pending: HashMap<String, (usize, (i64, u64))>,
    accepted: Vec<(String, CachedEnvelope)>,
    /// The log checkpoints verified so far: a pack's records carry the same few, and each
    /// is verified once (each record's inclusion proof is still checked).
    checkpoints: CheckpointCache,
}

impl<'s> Importer<'s> {
    fn new(scanner: &'s Scanner, now: DateTime<Utc>) -> Self {
        Importer {
            scanner,
            now,
            failed: None,
            version_seen: false,
            trust_seen: false,
            records_seen: false,
            deferred: None,
            trust_list: TrustListImport::Absent,
            newer_list: None,
            next_index: 0,
            skipped: Vec::new(),
            skipped_count: 0,
            pending: HashMap::new(),
            accepted: Vec::new(),
            checkpoints: CheckpointCache::new(),
        }
    }

    fn fail<E: serde::de::Error>(&mut self, error: PackError) -> E {
        let message = error.to_string();
        self.failed = Some(error);
        E::custom(message)
    }

    fn trust(&self) -> Arc<TrustList> {
        self.newer_list
            .clone()
            .unwrap_or_else(|| self.scanner.trust_list())
    }

    fn skip(&mut self, entry: SkippedEntry) {
        self.skipped_count += 1;
        if self.skipped.len() < MAX_LISTED_SKIPS {
            self.skipped.push(entry);
        }
    }

    /// Checks one window of entries (on several threads) and keeps the answers in order.
    fn check(&mut self, window: &[Box<RawValue>]) {
        let trust = self.trust();
        let threads = parallel::threads();
        let checked = check_window(
            self.scanner,
            &trust,
            window,
            self.now,
            &self.pending,
            threads,
            &self.checkpoints,
        );
        // Labels accepted earlier in this window: their entries were not yet a floor when
        // the window was checked, so a later entry for one of them is checked again here,
        // in order. Every other answer is the one checking in order would have given: the
        // store is not written before the end, and `pending` changes only by acceptances.
        let mut accepted_here: HashSet<String> = HashSet::new();
        for (raw, (mut answer, mut url)) in window.iter().zip(checked) {
            let index = self.next_index;
            self.next_index += 1;
            if url.as_ref().is_some_and(|u| accepted_here.contains(u)) {
                url = None;
                answer = check_entry(
                    self.scanner,
                    &trust,
                    raw,
                    self.now,
                    &self.pending,
                    &mut url,
                    &self.checkpoints,
                );
            }
            let answer = answer.and_then(|(key, entry, freshness)| {
                Ok((key, stored_entry(raw, entry)?, freshness))
            });
            match answer {
                Ok((key, entry, freshness)) => {
                    accepted_here.insert(key.clone());
                    match self.pending.get(&key) {
                        Some((at, _)) => {
                            let at = *at;
                            self.accepted[at] = (key.clone(), entry);
                            self.pending.insert(key, (at, freshness));
                        }
                        None => {
                            self.pending
                                .insert(key.clone(), (self.accepted.len(), freshness));
                            self.accepted.push((key, entry));
                        }
                    }
                }
                Err(reason) => self.skip(SkippedEntry { index, url, reason }),
            }
        }
    }

    /// After the whole pack was read: the trust list, then the records in one batch.
    fn finish(mut self) -> Result<PackReport, PackError> {
        if !self.version_seen {
            return Err(PackError::Malformed("missing field `pack_version`".into()));
        }
        if !self.records_seen {
            return Err(PackError::Malformed("missing field `records`".into()));
        }
        if let Some(list) = self.newer_list.take() {
            self.trust_list = match self.scanner.install_trust_list(list.envelope()) {
                Ok(status) => TrustListImport::Installed {
                    version: status.version,
                },
                Err(ScanError::TrustList(reason)) => TrustListImport::Refused { reason },
                Err(ScanError::TrustListFault(fault)) => TrustListImport::Faulty { fault },
                Err(ScanError::Storage(e)) => return Err(PackError::Storage(e)),
                Err(other) => return Err(PackError::Malformed(other.to_string())),
            };
        }
        drop(self.pending);
        let store = self.scanner.store();
        let imported = self.accepted.len();
        store.put_pack(self.accepted)?;
        Ok(PackReport {
            imported,
            not_kept: imported.saturating_sub(store.max_records()),
            kept_limit: store.max_records(),
            skipped: self.skipped,
            skipped_count: self.skipped_count,
            trust_list: self.trust_list,
        })
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for &mut Importer<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut Importer<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a pack: {\"pack_version\", \"trust_list\", \"records\"}")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        use serde::de::Error;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let twice = |seen: bool| {
                if seen {
                    Err(A::Error::custom(format!("duplicate field `{key}`")))
                } else {
                    Ok(())
                }
            };
            match key.as_ref() {
                "pack_version" => {
                    twice(self.version_seen)?;
                    self.version_seen = true;
                    let version: u32 = map.next_value()?;
                    if version != PACK_VERSION {
                        return Err(self.fail(PackError::UnsupportedVersion(version)));
                    }
                }
                "trust_list" => {
                    twice(self.trust_seen)?;
                    self.trust_seen = true;
                    let raw: Option<Box<RawValue>> = map.next_value()?;
                    if let Some(raw) = raw {
                        match judge_trust_list(self.scanner, &raw) {
                            Ok((import, newer)) => {
                                self.trust_list = import;
                                self.newer_list = newer;
                            }
                            Err(error) => return Err(self.fail(error)),
                        }
                    }
                }
                "records" => {
                    twice(self.records_seen || self.deferred.is_some())?;
                    if self.version_seen && self.trust_seen {
                        map.next_value_seed(Records(&mut *self))?;
                        self.records_seen = true;
                    } else {
                        self.deferred = Some(map.next_value()?);
                    }
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        if let Some(raw) = self.deferred.take() {
            if !self.version_seen {
                return Err(A::Error::missing_field("pack_version"));
            }
            let mut de = serde_json::Deserializer::from_str(raw.get());
            serde::de::DeserializeSeed::deserialize(Records(&mut *self), &mut de)
                .map_err(|e| A::Error::custom(e.to_string()))?;
            self.records_seen = true;
        }
        Ok(())
    }
}

/// The `records` array, read one entry at a time and checked a window at a time.
struct Records<'i, 's>(&'i mut Importer<'s>);

impl<'de> serde::de::DeserializeSeed<'de> for Records<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Records<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of envelopes")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let window_len = parallel::threads() * CHECKS_PER_THREAD;
        let mut window: Vec<Box<RawValue>> = Vec::with_capacity(window_len);
        while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
            window.push(raw);
            if window.len() == window_len {
                self.0.check(&window);
                window.clear();
            }
        }
        self.0.check(&window);
        Ok(())
    }
}

/// What the pack's trust list means for this import, and the list to check its records
/// against when it is newer (installed at the end, with the records). Nothing is installed
/// here.
fn judge_trust_list(
    scanner: &Scanner,
    raw: &RawValue,
) -> Result<(TrustListImport, Option<Arc<TrustList>>), PackError> {
    let bytes = match envelope_bytes(raw) {
        Ok(b) => b,
        Err(reason) => return Ok((TrustListImport::Refused { reason }, None)),
    };
    let current = scanner.trust_list();
    if current.envelope() == &*bytes {
        return Ok((
            TrustListImport::AlreadyInUse {
                version: current.version(),
            },
            None,
        ));
    }
    match scanner.verify_trust_list(&bytes) {
        // The same list, written differently (a pack tool may re-indent the JSON).
        Ok(list) if list.same_content(&current) => Ok((
            TrustListImport::AlreadyInUse {
                version: current.version(),
            },
            None,
        )),
        Ok(list) if list.replaces(&current) => Ok((
            TrustListImport::Installed {
                version: list.version(),
            },
            Some(Arc::new(list)),
        )),
        Ok(list) => Ok((
            TrustListImport::Refused {
                reason: CheckFailure::Rollback(RollbackVersions::TrustList {
                    offered: list.version(),
                    held: current.version(),
                }),
            },
            None,
        )),
        Err(ScanError::TrustList(reason)) => Ok((TrustListImport::Refused { reason }, None)),
        Err(ScanError::TrustListFault(fault)) => Ok((TrustListImport::Faulty { fault }, None)),
        Err(ScanError::Storage(e)) => Err(PackError::Storage(e)),
        Err(other) => Err(PackError::Malformed(other.to_string())),
    }
}

type Accepted = (String, NewEntry, (i64, u64));

/// What an accepted entry will be stored as.
enum NewEntry {
    /// The statement saved already, with its fetch metadata.
    Saved(CachedEnvelope),
    /// The pack's envelope, to be copied out of the pack (see [`stored_entry`]).
    FromPack { registry_id: String, signed_at: i64 },
}

/// One entry's answer, and the label it named when that could be read.
type Checked = (Result<Accepted, SkipReason>, Option<String>);

/// Entries each thread checks per window: the window's envelopes are what is held beyond the
/// accepted ones.
const CHECKS_PER_THREAD: usize = 64;

/// Checks every entry of `window` against `pending` as it was when the window began, on up
/// to `threads` threads. Answers come back in the window's order.
fn check_window(
    scanner: &Scanner,
    trust: &TrustList,
    window: &[Box<RawValue>],
    now: DateTime<Utc>,
    pending: &HashMap<String, (usize, (i64, u64))>,
    threads: usize,
    checkpoints: &CheckpointCache,
) -> Vec<Checked> {
    parallel::map_in_order(window, threads, |raw| {
        let mut url = None;
        let answer = check_entry(scanner, trust, raw, now, pending, &mut url, checkpoints);
        (answer, url)
    })
}

/// The checks of one envelope: the label it is for (from its signed `sub`), that label's
/// registry, then `verify_record` against the newest copy saved or already accepted.
fn check_entry(
    scanner: &Scanner,
    trust: &TrustList,
    raw: &RawValue,
    now: DateTime<Utc>,
    pending: &HashMap<String, (usize, (i64, u64))>,
    url: &mut Option<String>,
    checkpoints: &CheckpointCache,
) -> Result<Accepted, SkipReason> {
    let bytes = envelope_bytes(raw).map_err(SkipReason::Check)?;
    let parsed = ParsedEnvelope::parse(&bytes, RECORD_TYPE).map_err(SkipReason::Check)?;
    // `sub` only picks the registry and the cache key; the signature check below covers it,
    // and check 5 then binds the record to exactly this label.
    let sub = peek_sub(parsed.unverified_payload()).map_err(SkipReason::Check)?;
    *url = Some(sub.clone());
    let link = LabelLink::parse(&sub).map_err(|_| SkipReason::NotOfficial)?;
    *url = Some(link.as_str().to_owned());
    let registry = trust
        .match_link(&link)
        .ok_or(SkipReason::NotOfficial)?
        .registry;
    if registry.integrity() == Integrity::HttpsOnly {
        return Err(SkipReason::NotSigned);
    }
    let key = link.as_str().to_owned();
    let saved = scanner.store().record(&key).ok().flatten();
    let saved_view = saved.as_ref().and_then(|e| {
        verify_cached_record_with(&e.envelope, registry, &link, now, e.fetched_at, checkpoints).ok()
    });
    let floor = pending
        .get(&key)
        .map(|(_, f)| *f)
        .or_else(|| saved_view.as_ref().map(|v| v.statement().freshness()));
    let verified = verify_record_with(&bytes, registry, &link, now, floor, checkpoints)
        .map_err(SkipReason::Check)?;
    let freshness = verified.statement().freshness();
    // The registry vouched for the record when it signed it: that is when it was last
    // checked, never later than now.
    let signed_at = verified.statement().iat.min(now.timestamp());
    let same_as_saved = saved_view
        .as_ref()
        .is_some_and(|v| v.statement().freshness() == freshness);
    let entry = match saved.filter(|_| same_as_saved) {
        // The same statement as saved: keep its fetch metadata (ETag, a later check).
        Some(saved) => NewEntry::Saved(CachedEnvelope {
            checked_at: saved.checked_at.max(signed_at),
            ..saved
        }),
        None => NewEntry::FromPack {
            registry_id: registry.id().to_owned(),
            signed_at,
        },
    };
    Ok((key, entry, freshness))
}

/// The entry to store for an accepted one. The envelope is copied out of the pack here, on
/// the importing thread, not on the thread that checked it: memory a checking thread
/// allocates and this one frees stays with that thread's allocator arena, unused, which put
/// back every envelope of a pack a second time on top of the import's peak.
fn stored_entry(raw: &RawValue, entry: NewEntry) -> Result<CachedEnvelope, SkipReason> {
    Ok(match entry {
        NewEntry::Saved(saved) => saved,
        NewEntry::FromPack {
            registry_id,
            signed_at,
        } => CachedEnvelope {
            envelope: envelope_bytes(raw).map_err(SkipReason::Check)?.into_owned(),
            registry_id,
            fetched_at: signed_at,
            checked_at: signed_at,
            etag: None,
        },
    })
}

fn peek_sub(payload: &[u8]) -> Result<String, CheckFailure> {
    #[derive(Deserialize)]
    struct Sub {
        sub: String,
    }
    serde_json::from_slice::<Sub>(payload)
        .map(|s| s.sub)
        .map_err(|e| {
            if e.is_data() {
                CheckFailure::MalformedStatement
            } else {
                CheckFailure::MalformedJson
            }
        })
}

/// Writes a pack of every signed record in the cache that still verifies, with the trust
/// list in use. The envelopes are copied byte for byte.
pub fn export(scanner: &Scanner, now: DateTime<Utc>) -> Result<Vec<u8>, PackError> {
    let trust = scanner.trust_list();
    let mut out = Vec::new();
    out.extend_from_slice(b"{\"pack_version\":1,\"created\":");
    let created = now.to_rfc3339_opts(SecondsFormat::Secs, true);
    out.extend_from_slice(serde_json::Value::from(created).to_string().as_bytes());
    out.extend_from_slice(b",\"trust_list\":");
    push_envelope(&mut out, trust.envelope());
    out.extend_from_slice(b",\"records\":[");
    let mut first = true;
    let threads = parallel::threads();
    let mut records = scanner.store().records();
    loop {
        // A window at a time: the records in hand stay few, the checks use every core.
        let window: Vec<(String, CachedEnvelope)> =
            records.by_ref().take(threads * CHECKS_PER_THREAD).collect();
        if window.is_empty() {
            break;
        }
        let verifies = parallel::map_in_order(&window, threads, |(url, entry)| {
            still_verifies(&trust, url, entry, now)
        });
        for ((_, entry), verifies) in window.iter().zip(verifies) {
            if !verifies {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            push_envelope(&mut out, &entry.envelope);
        }
    }
    out.extend_from_slice(b"]}\n");
    Ok(out)
}

/// A saved record goes into an exported pack only if it would verify now, for a signed
/// registry of the trust list in use.
fn still_verifies(
    trust: &TrustList,
    url: &str,
    entry: &CachedEnvelope,
    now: DateTime<Utc>,
) -> bool {
    let Ok(link) = LabelLink::parse(url) else {
        return false;
    };
    let Some(registry) = trust.match_link(&link).map(|m| m.registry) else {
        return false;
    };
    registry.integrity() == Integrity::Jws
        && verify_cached_record(&entry.envelope, registry, &link, now, entry.fetched_at).is_ok()
}

/// An envelope as a JSON value: the object itself when it is one (it verified, so it is),
/// else as a string.
fn push_envelope(out: &mut Vec<u8>, envelope: &[u8]) {
    if serde_json::from_slice::<&RawValue>(envelope).is_ok_and(|v| v.get().starts_with('{')) {
        out.extend_from_slice(envelope);
    } else {
        let text = String::from_utf8_lossy(envelope);
        out.extend_from_slice(
            serde_json::Value::from(text.as_ref())
                .to_string()
                .as_bytes(),
        );
    }
}

/// The report in words: "Imported 12 labels. 2 were skipped." and the trust list's fate.
pub fn report_words(report: &PackReport, locale: &str) -> Words {
    let cat = Catalogue::new(locale);
    let mut parts = vec![cat.fmt(
        "pack-imported",
        &[("count", Arg::Num(report.imported as i64))],
    )];
    if report.skipped_count > 0 {
        parts.push(cat.fmt(
            "pack-skipped",
            &[("count", Arg::Num(report.skipped_count as i64))],
        ));
    }
    if report.not_kept > 0 {
        parts.push(cat.fmt(
            "pack-not-kept",
            &[
                ("count", Arg::Num(report.not_kept as i64)),
                ("limit", Arg::Num(report.kept_limit as i64)),
            ],
        ));
    }
    match &report.trust_list {
        TrustListImport::Installed { .. } => parts.push(cat.msg("pack-trust-installed")),
        TrustListImport::Refused { .. } | TrustListImport::Faulty { .. } => {
            parts.push(cat.msg("pack-trust-refused"))
        }
        TrustListImport::Absent | TrustListImport::AlreadyInUse { .. } => {}
    }
    Words::join(parts)
}

/// One skipped entry's reason in words ("the signature is not valid").
pub fn skip_words(reason: SkipReason, locale: &str) -> Words {
    let cat = Catalogue::new(locale);
    match reason {
        SkipReason::Check(failure) => {
            cat.msg(&format!("reason-{}", failure.code().replace('_', "-")))
        }
        SkipReason::NotOfficial => cat.msg("pack-skip-not-official"),
        SkipReason::NotSigned => cat.msg("pack-skip-not-signed"),
    }
}

/// A pack error in words, for people.
pub fn error_words(error: &PackError, locale: &str) -> Words {
    let cat = Catalogue::new(locale);
    match error {
        PackError::TooLarge { limit, .. } => cat.fmt(
            "pack-error-too-large",
            &[("megabytes", Arg::Num((*limit / (1024 * 1024)) as i64))],
        ),
        PackError::Truncated => cat.msg("pack-error-truncated"),
        PackError::Malformed(_) => cat.msg("pack-error-malformed"),
        PackError::UnsupportedVersion(_) => cat.msg("pack-error-version"),
        PackError::Storage(_) => cat.msg("pack-error-storage"),
    }
}
