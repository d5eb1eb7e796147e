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

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::check::CheckFailure;
use crate::jws::{ParsedEnvelope, RECORD_TYPE};
use crate::link::LabelLink;
use crate::parallel;
use crate::scanner::{ScanError, Scanner};
use crate::store::{CachedEnvelope, StoreError};
use crate::summary::{Arg, Catalogue, Words};
use crate::trust::{Integrity, TrustList, TrustListFault};
use crate::verify::{verify_cached_record, verify_record};

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
    /// The entries that were not imported, each with its reason.
    pub skipped: Vec<SkippedEntry>,
    /// What happened to the pack's trust list.
    pub trust_list: TrustListImport,
}

#[derive(Deserialize)]
struct PackFile<'a> {
    pack_version: u32,
    #[serde(borrow, default)]
    trust_list: Option<&'a RawValue>,
    #[serde(borrow)]
    records: Vec<&'a RawValue>,
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

/// Imports a pack into `scanner`'s cache. `now` is the time the checks use.
///
/// Blocking, and CPU-bound: the signature checks run on up to 8 threads of their own (a
/// pack of 10,000 is 10,000 checks), with the answers those checks would give one by one.
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
    let pack: PackFile<'_> = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            PackError::Truncated
        } else {
            PackError::Malformed(e.to_string())
        }
    })?;
    if pack.pack_version != PACK_VERSION {
        return Err(PackError::UnsupportedVersion(pack.pack_version));
    }
    let trust_list = match pack.trust_list {
        None => TrustListImport::Absent,
        Some(raw) => install_trust_list(scanner, raw)?,
    };
    let trust = scanner.trust_list();
    let store = scanner.store();
    let mut skipped = Vec::new();
    // URL -> (position in `accepted`, freshness): a later entry for the same label in the
    // same pack is checked against the earlier one, as a second fetch would be.
    let mut pending: HashMap<String, (usize, (i64, u64))> = HashMap::new();
    let mut accepted: Vec<(String, CachedEnvelope)> = Vec::new();
    let threads = parallel::threads();
    let window_len = threads * CHECKS_PER_THREAD;
    for (window_index, window) in pack.records.chunks(window_len).enumerate() {
        let checked = check_window(scanner, &trust, window, now, &pending, threads);
        // Labels accepted earlier in this window: their entries were not yet a floor when
        // the window was checked, so a later entry for one of them is checked again here,
        // in order. Every other answer is the one checking in order would have given: the
        // store is not written before the end, and `pending` changes only by acceptances.
        let mut accepted_here: HashSet<String> = HashSet::new();
        for (offset, (raw, (mut answer, mut url))) in window.iter().zip(checked).enumerate() {
            if url.as_ref().is_some_and(|u| accepted_here.contains(u)) {
                url = None;
                answer = check_entry(scanner, &trust, raw, now, &pending, &mut url);
            }
            let answer = answer.and_then(|(key, entry, freshness)| {
                Ok((key, stored_entry(raw, entry)?, freshness))
            });
            match answer {
                Ok((key, entry, freshness)) => {
                    accepted_here.insert(key.clone());
                    match pending.get(&key) {
                        Some((at, _)) => {
                            let at = *at;
                            accepted[at] = (key.clone(), entry);
                            pending.insert(key, (at, freshness));
                        }
                        None => {
                            pending.insert(key.clone(), (accepted.len(), freshness));
                            accepted.push((key, entry));
                        }
                    }
                }
                Err(reason) => skipped.push(SkippedEntry {
                    index: window_index * window_len + offset,
                    url,
                    reason,
                }),
            }
        }
    }
    drop(pending);
    let imported = accepted.len();
    store.put_pack(accepted)?;
    Ok(PackReport {
        imported,
        not_kept: imported.saturating_sub(store.max_records()),
        kept_limit: store.max_records(),
        skipped,
        trust_list,
    })
}

fn install_trust_list(scanner: &Scanner, raw: &RawValue) -> Result<TrustListImport, PackError> {
    let bytes = match envelope_bytes(raw) {
        Ok(b) => b,
        Err(reason) => return Ok(TrustListImport::Refused { reason }),
    };
    let current = scanner.trust_list();
    if current.envelope() == &*bytes {
        return Ok(TrustListImport::AlreadyInUse {
            version: current.version(),
        });
    }
    match scanner.install_trust_list(&bytes) {
        // The same list, written differently (a pack tool may re-indent the JSON).
        Ok(status) if scanner.trust_list().same_content(&current) => {
            Ok(TrustListImport::AlreadyInUse {
                version: status.version,
            })
        }
        Ok(status) => Ok(TrustListImport::Installed {
            version: status.version,
        }),
        Err(ScanError::TrustList(reason)) => Ok(TrustListImport::Refused { reason }),
        Err(ScanError::TrustListFault(fault)) => Ok(TrustListImport::Faulty { fault }),
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
    window: &[&RawValue],
    now: DateTime<Utc>,
    pending: &HashMap<String, (usize, (i64, u64))>,
    threads: usize,
) -> Vec<Checked> {
    parallel::map_in_order(window, threads, |raw| {
        let mut url = None;
        let answer = check_entry(scanner, trust, raw, now, pending, &mut url);
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
    let saved_view = saved
        .as_ref()
        .and_then(|e| verify_cached_record(&e.envelope, registry, &link, now, e.fetched_at).ok());
    let floor = pending
        .get(&key)
        .map(|(_, f)| *f)
        .or_else(|| saved_view.as_ref().map(|v| v.statement().freshness()));
    let verified = verify_record(&bytes, registry, &link, now, floor).map_err(SkipReason::Check)?;
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
    if !report.skipped.is_empty() {
        parts.push(cat.fmt(
            "pack-skipped",
            &[("count", Arg::Num(report.skipped.len() as i64))],
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
