//! `trustlabel-registry monitor`: replays a registry's log from its tiles (a directory, or
//! the log's URL) and reports every record it ever issued, per label, for the labels watched
//! (all of them, one label, or a maker's URL prefix). What a maker runs to learn of a record
//! for its product it never asked for, and a store to see what changed since its last run.
//!
//! Findings (each one a reason to look, not a crash): the checkpoint not signed by the log
//! key; the log shorter than, or not starting with, the tree seen last time (truncated or
//! rewritten); tiles that disagree with the signed root; an entry whose statement is missing,
//! is not the one the entry hashes, or is not signed by the registry's listed keys.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use trustlabel_protocol::{verify_cached_record, LabelLink, TrustList};
use trustlabel_tlog::{
    monitor_records, Error as LogError, LogPolicy, RecordEntry, Statements, TileStore, TreeHead,
};

/// Which labels a run reports (every entry of the log is checked all the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Watch {
    /// Every label.
    All,
    /// One label URL, exactly as signed.
    Label(String),
    /// Every label under a maker's URL prefix ([`RecordEntry::is_under`]).
    Prefix(String),
}

/// One record the log holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issued {
    /// The entry's index in the log.
    pub index: u64,
    /// The registry (`iss`).
    pub issuer: String,
    /// The statement's `iat`, Unix seconds.
    pub issued_at: u64,
    /// The statement's `seq`.
    pub seq: u64,
    /// SHA-256 of the statement's JWS compact form, hex.
    pub statement_sha256: String,
    /// Not in the tree this monitor verified last time.
    pub new: bool,
}

/// Something a maker or a store must look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// A stable code: `log_signature`, `log_truncated`, `log_rewritten`, `log_tiles`,
    /// `not_signed`, `statement_missing`, `statement_mismatch`.
    pub code: &'static str,
    /// The entry it is about, when one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    /// The label it is about, when one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A sentence.
    pub detail: String,
}

/// What one run saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The log's origin.
    pub origin: String,
    /// Entries in the checkpoint verified (0 when it was not).
    pub size: u64,
    /// The size verified last time (from the state file).
    pub previous_size: Option<u64>,
    /// Entries replayed and checked.
    pub checked: u64,
    /// Every record issued for each watched label, in log order.
    pub labels: BTreeMap<String, Vec<Issued>>,
    /// What must be looked at; empty on a clean run.
    pub findings: Vec<Finding>,
    /// The head to keep for the next run (set only on a clean replay).
    #[serde(skip)]
    pub head: Option<TreeHead>,
}

/// A failure to read the log (not a finding about it): exit 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ReadError(pub String);

fn finding(code: &'static str, index: Option<u64>, label: Option<&str>, detail: String) -> Finding {
    Finding {
        code,
        index,
        label: label.map(str::to_owned),
        detail,
    }
}

/// The JWS compact form back as the flattened envelope it came from.
fn envelope_of(compact: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(compact).ok()?;
    let mut parts = text.split('.');
    let (Some(protected), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Some(
        serde_json::json!({"protected": protected, "payload": payload, "signature": signature})
            .to_string()
            .into_bytes(),
    )
}

/// Is `compact` a statement the registry `entry.issuer` names in `trust` signed, with the
/// entry's label, `iat` and `seq`? `Err` says why not.
fn check_statement(
    entry: &RecordEntry,
    compact: &[u8],
    trust: &TrustList,
    now: DateTime<Utc>,
) -> Result<(), (&'static str, String)> {
    if !entry.logs_statement(compact) {
        return Err((
            "statement_mismatch",
            "the statement bundle holds another statement than the entry hashes".into(),
        ));
    }
    let envelope = envelope_of(compact).ok_or((
        "not_signed",
        "the statement is not a JWS compact form".to_owned(),
    ))?;
    let registry = trust.registry(&entry.issuer).ok_or((
        "not_signed",
        format!("the trust list has no registry {:?}", entry.issuer),
    ))?;
    let link = LabelLink::parse(&entry.subject).map_err(|_| {
        (
            "not_signed",
            "the entry's label is not a label URL".to_owned(),
        )
    })?;
    let issued_at = i64::try_from(entry.issued_at).unwrap_or(i64::MAX);
    let verified =
        verify_cached_record(&envelope, registry, &link, now, issued_at).map_err(|failure| {
            (
                "not_signed",
                format!("not the registry's statement: {}", failure.code()),
            )
        })?;
    let statement = verified.statement();
    if statement.sub != entry.subject || statement.iat != issued_at || statement.seq != entry.seq {
        return Err((
            "statement_mismatch",
            "the signed statement's sub, iat or seq differ from the entry's".into(),
        ));
    }
    Ok(())
}

/// Replays the log in `store` whose checkpoint is `checkpoint` (note bytes), checked with
/// `policy`, every entry's statement with `trust`; `previous` is the head verified last
/// time. `progress(done, total)` is called as entries are checked.
#[allow(
    clippy::too_many_arguments,
    reason = "each is one input of the run; a struct of them would only be built here once"
)]
pub fn run<S: TileStore + ?Sized>(
    store: &S,
    checkpoint: &[u8],
    policy: &LogPolicy,
    trust: &TrustList,
    previous: Option<TreeHead>,
    watch: &Watch,
    now: DateTime<Utc>,
    mut progress: impl FnMut(u64, u64),
) -> Result<Report, ReadError> {
    let mut report = Report {
        origin: policy.origin().to_owned(),
        size: 0,
        previous_size: previous.map(|p| p.size),
        checked: 0,
        labels: BTreeMap::new(),
        findings: Vec::new(),
        head: None,
    };
    let verified = match policy.verify_checkpoint(checkpoint) {
        Ok(v) => v,
        Err(e) => {
            report.findings.push(finding(
                "log_signature",
                None,
                None,
                format!("checkpoint: {e}"),
            ));
            return Ok(report);
        }
    };
    let size = verified.checkpoint().size;
    report.size = size;
    let mut statements = Statements::new(store, size);
    let mut problems = Vec::new();
    let prefix = match watch {
        Watch::Prefix(p) => Some(p.as_str()),
        _ => None,
    };
    // Every entry's statement is checked, watched or not: a forged entry anywhere is news.
    let result = monitor_records(store, &verified, previous, None, |index, entry| {
        progress(index + 1, size);
        match statements.get(index) {
            Err(e) => problems.push(finding(
                "statement_missing",
                Some(index),
                Some(&entry.subject),
                format!("no statement for the entry: {e}"),
            )),
            Ok(compact) => {
                if let Err((code, detail)) = check_statement(entry, compact, trust, now) {
                    problems.push(finding(code, Some(index), Some(&entry.subject), detail));
                }
            }
        }
        Ok(())
    });
    let records = match result {
        Ok(records) => records,
        Err(e) => {
            let code = match &e {
                LogError::Io { .. } | LogError::TileMissing { .. } => {
                    return Err(ReadError(format!("cannot read the log: {e}")))
                }
                LogError::LogTruncated { .. } => "log_truncated",
                LogError::LogRewritten { .. } => "log_rewritten",
                _ => "log_tiles",
            };
            report
                .findings
                .push(finding(code, None, None, e.to_string()));
            report.findings.append(&mut problems);
            return Ok(report);
        }
    };
    report.checked = records.replay.entries;
    for (label, entries) in records.labels {
        let watched = match watch {
            Watch::All => true,
            Watch::Label(url) => *url == label,
            Watch::Prefix(_) => entries
                .first()
                .is_some_and(|(_, e)| prefix.is_some_and(|p| e.is_under(p))),
        };
        if !watched {
            continue;
        }
        let issued = entries
            .into_iter()
            .map(|(index, entry)| Issued {
                index,
                issuer: entry.issuer,
                issued_at: entry.issued_at,
                seq: entry.seq,
                statement_sha256: entry
                    .statement_hash
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
                new: index >= records.first_new,
            })
            .collect();
        report.labels.insert(label, issued);
    }
    report.findings.append(&mut problems);
    if report.findings.is_empty() {
        report.head = Some(records.replay.head);
    }
    Ok(report)
}
