//! "My devices": products saved to watch, and the alerts that matter now.
//!
//! Saving keeps a snapshot of what the verified record said (authorization, support end,
//! a digest of the record, the signing key). `alerts` scans each saved label again (the
//! registry when online, the saved copy when not: the scanner decides) and compares. The
//! snapshot is not updated by `alerts`: a change keeps being reported until the product is
//! saved again.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use trustlabel_protocol::{CheckFailure, KeyStatus, LabelLink, Outcome, Statement, SupportEnd};
use trustlabel_words::{date_words, Arg, Catalogue, Words};

use crate::scanner::{ScanError, Scanner};
use crate::store::{Store, StoreError, Table};

/// Why a label could not be watched or checked.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The label has no registry record to watch (not official, not a label, ...).
    #[error("only a label with a registry record can be watched (this one is {outcome})")]
    NoRecord {
        /// The outcome's code, e.g. `not_official`.
        outcome: String,
    },
    /// The scan of the label failed.
    #[error(transparent)]
    Scan(#[from] ScanError),
    /// The offline cache could not be read or written.
    #[error(transparent)]
    Storage(#[from] StoreError),
}

/// A label saved to be watched, with the facts it had when saved (to compare with later).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchItem {
    /// The normalised label link.
    pub url: String,
    /// CTA-2120 `product_name` as saved.
    pub product_name: Option<String>,
    /// The maker (`manufacturer_name`, else `product_manufacturer`) as saved.
    pub maker: Option<String>,
    /// The registry that vouched for the record, by trust-list id.
    pub registry_id: String,
    /// The key that signed the record saved; empty for a registry that does not sign.
    pub kid: String,
    /// `active`, `withdrawn`, ... as saved.
    pub authorization: String,
    /// When support ends as saved: `YYYY-MM-DD`, `unsupported`, or none.
    pub support_end: Option<String>,
    /// SHA-256 (hex) of the record, support and disclosure blocks as saved.
    pub record_digest: String,
    /// Unix seconds.
    pub saved_at: i64,
}

/// What changed since a watched label was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// Support ends within six months.
    SupportEndsSoon,
    /// Support has ended: no more security updates.
    SupportEnded,
    /// The authorization changed (suspended, withdrawn, expired).
    AuthorizationChanged,
    /// The record changed otherwise.
    RecordChanged,
    /// The key that signed the saved record was revoked: the saved facts cannot be trusted.
    KeyRevoked,
}

impl AlertKind {
    /// The snake_case name, as in JSON and across the FFI.
    pub fn code(&self) -> &'static str {
        match self {
            AlertKind::SupportEndsSoon => "support_ends_soon",
            AlertKind::SupportEnded => "support_ended",
            AlertKind::AuthorizationChanged => "authorization_changed",
            AlertKind::RecordChanged => "record_changed",
            AlertKind::KeyRevoked => "key_revoked",
        }
    }
}

/// One change found on a watched label, worded for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchAlert {
    /// The label's link.
    pub url: String,
    /// CTA-2120 `product_name`, when known.
    pub product_name: Option<String>,
    /// What changed.
    pub kind: AlertKind,
    /// The sentence in the scanner's locale (plain and spoken).
    #[serde(skip)]
    pub words: Words,
    /// The sentence, for `--json`.
    pub text: String,
}

fn digest(statement: &Statement) -> String {
    // serde_json's maps are sorted, so the same record always gives the same bytes.
    let bytes = serde_json::to_vec(&(
        &statement.record,
        &statement.support,
        &statement.disclosures,
    ))
    .unwrap_or_default();
    ring::digest::digest(&ring::digest::SHA256, &bytes)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn support_text(statement: &Statement) -> Option<String> {
    match SupportEnd::of(statement) {
        SupportEnd::Unsupported { .. } => Some("unsupported".into()),
        SupportEnd::On { day, .. } => Some(day.format("%Y-%m-%d").to_string()),
        SupportEnd::NotGiven { .. } => None,
    }
}

/// Saves the product behind `url` (scanned now; the saved copy when the registry cannot be
/// reached). Saving again replaces the snapshot, which clears its alerts.
pub async fn add(scanner: &Scanner, url: &str) -> Result<WatchItem, WatchError> {
    let result = scanner.check_text(url).await?;
    let Some(record) = result.outcome.record() else {
        return Err(WatchError::NoRecord {
            outcome: result.outcome.code().to_owned(),
        });
    };
    let statement = record.statement();
    let item = WatchItem {
        url: result.url.clone().unwrap_or_else(|| url.to_owned()),
        product_name: statement.record.product_name.clone(),
        maker: statement
            .record
            .manufacturer_name
            .clone()
            .or_else(|| statement.record.product_manufacturer.clone()),
        registry_id: record.registry_id().to_owned(),
        kid: record.kid().to_owned(),
        authorization: statement.authorization().as_str().to_owned(),
        support_end: support_text(statement),
        record_digest: digest(statement),
        saved_at: result.scanned_at,
    };
    table(scanner.store()).put(&item.url, &item)?;
    scanner.store().flush()?;
    Ok(item)
}

/// The watchlist's table in the store: one item per normalised label link.
fn table(store: &Store) -> Table<'_, WatchItem> {
    store.watchlist()
}

/// Stops watching `url`; false when it was not watched.
pub fn remove(store: &Store, url: &str) -> Result<bool, WatchError> {
    let key = LabelLink::parse(url)
        .map(|l| l.as_str().to_owned())
        .unwrap_or_else(|_| url.to_owned());
    let removed = table(store).remove(&key)?;
    store.flush()?;
    Ok(removed)
}

/// Every watched product, in link order.
pub fn list(store: &Store) -> Result<Vec<WatchItem>, WatchError> {
    Ok(table(store).values()?)
}

/// What matters now, for every watched product: support ending within `days` days of `now`
/// or ended, authorization changed, record changed since saved, signing key revoked.
pub async fn alerts(
    scanner: &Scanner,
    days: u32,
    now: DateTime<Utc>,
    locale: &str,
) -> Result<Vec<WatchAlert>, WatchError> {
    let trust = scanner.trust_list();
    let mut alerts = Vec::new();
    for item in list(scanner.store())? {
        let mut kinds = Vec::new();
        let saved_key_revoked = trust
            .registry(&item.registry_id)
            .and_then(|r| r.key(&item.kid))
            .is_some_and(|k| k.status() == KeyStatus::Revoked);
        let current = scanner.check_text(&item.url).await;
        let mut support = item.support_end.clone();
        // An error leaves nothing to compare with: the saved support date still counts.
        if let Ok(result) = &current {
            match &result.outcome {
                Outcome::Invalid {
                    reason: CheckFailure::RevokedKey,
                    ..
                } => kinds.push(AlertKind::KeyRevoked),
                outcome => {
                    if let Some(record) = outcome.record() {
                        let statement = record.statement();
                        if statement.authorization().as_str() != item.authorization {
                            kinds.push(AlertKind::AuthorizationChanged);
                        }
                        if digest(statement) != item.record_digest {
                            kinds.push(AlertKind::RecordChanged);
                        }
                        support = support_text(statement);
                    }
                }
            }
        }
        if saved_key_revoked && !kinds.contains(&AlertKind::KeyRevoked) {
            kinds.push(AlertKind::KeyRevoked);
        }
        // A revoked key voids the record: its dates mean nothing.
        if !kinds.contains(&AlertKind::KeyRevoked) {
            if let Some(kind) = support_alert(support.as_deref(), days, now) {
                kinds.push(kind);
            }
        }
        for kind in kinds {
            let words = alert_words(&item, kind, support.as_deref(), locale);
            alerts.push(WatchAlert {
                url: item.url.clone(),
                product_name: item.product_name.clone(),
                kind,
                text: words.text.clone(),
                words,
            });
        }
    }
    Ok(alerts)
}

fn support_alert(support: Option<&str>, days: u32, now: DateTime<Utc>) -> Option<AlertKind> {
    let today = now.date_naive();
    match support? {
        "unsupported" => Some(AlertKind::SupportEnded),
        text => {
            let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
            let limit = today
                .checked_add_signed(Duration::days(i64::from(days)))
                .unwrap_or(chrono::NaiveDate::MAX);
            if day < today {
                Some(AlertKind::SupportEnded)
            } else if day <= limit {
                Some(AlertKind::SupportEndsSoon)
            } else {
                None
            }
        }
    }
}

fn alert_words(item: &WatchItem, kind: AlertKind, support: Option<&str>, locale: &str) -> Words {
    let cat = Catalogue::new(locale);
    let product = Words::same(
        item.product_name
            .clone()
            .unwrap_or_else(|| item.url.clone()),
    );
    let date = support
        .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .map(|d| date_words(&cat, d));
    let id = match kind {
        AlertKind::SupportEndsSoon => "watch-alert-support-ends-soon",
        AlertKind::SupportEnded if date.is_none() => "watch-alert-unsupported",
        AlertKind::SupportEnded => "watch-alert-support-ended",
        AlertKind::AuthorizationChanged => "watch-alert-authorization-changed",
        AlertKind::RecordChanged => "watch-alert-record-changed",
        AlertKind::KeyRevoked => "watch-alert-key-revoked",
    };
    let mut args = vec![("product", Arg::Words(product))];
    if let Some(date) = date {
        args.push(("date", Arg::Words(date)));
    }
    cat.fmt(id, &args)
}
