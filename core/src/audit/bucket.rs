//! Which bucket a scan lands in, by the rules and precedence.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use trustlabel_protocol::{AuthorizationState, DateField, Outcome, ScanResult, Statement};

use crate::scanner::ScanError;

/// Default for "support ends soon": within this many calendar months.
pub const DEFAULT_SOON_MONTHS: u32 = 6;

/// The audit's buckets, declared in precedence order: when several apply to one scan, the
/// first wins (a withdrawn label is void whatever its dates say). `Ord` is that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditBucket {
    /// The registry's answer (or the saved copy) failed a check.
    Invalid,
    /// A web link, but not to an official registry.
    NotOfficial,
    /// Not a web link at all.
    NotALabel,
    /// The registry has no record for this label.
    UnknownProduct,
    /// The registry could not be reached and the label is not saved.
    NotChecked,
    /// Withdrawn, suspended or expired authorization.
    AuthorizationWithdrawn,
    /// Support has ended: no more security updates.
    SupportEnded,
    /// Support ends within the audit's "soon" window.
    SupportEndsSoon,
    /// Nothing to act on.
    Ok,
}

impl AuditBucket {
    /// Every bucket, in precedence order (also the order tables and exports list them).
    pub const ALL: [AuditBucket; 9] = [
        AuditBucket::Invalid,
        AuditBucket::NotOfficial,
        AuditBucket::NotALabel,
        AuditBucket::UnknownProduct,
        AuditBucket::NotChecked,
        AuditBucket::AuthorizationWithdrawn,
        AuditBucket::SupportEnded,
        AuditBucket::SupportEndsSoon,
        AuditBucket::Ok,
    ];

    /// The snake_case name, as in CSV and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            AuditBucket::Invalid => "invalid",
            AuditBucket::NotOfficial => "not_official",
            AuditBucket::NotALabel => "not_a_label",
            AuditBucket::UnknownProduct => "unknown_product",
            AuditBucket::NotChecked => "not_checked",
            AuditBucket::AuthorizationWithdrawn => "authorization_withdrawn",
            AuditBucket::SupportEnded => "support_ended",
            AuditBucket::SupportEndsSoon => "support_ends_soon",
            AuditBucket::Ok => "ok",
        }
    }
}

/// When support ends, as a record says it: the later of the label's date and a date the
/// maker announced since (`support.extended_on`), the same reading as the summary's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportEnd {
    /// The registry says the product is unsupported.
    Unsupported,
    /// Support ends on this day.
    On(NaiveDate),
    /// Missing or malformed.
    NotGiven,
}

/// When support ends, as `statement` says it (the later of `support_date` and `extended_on`).
pub fn support_end(statement: &Statement) -> SupportEnd {
    if statement.is_unsupported() {
        return SupportEnd::Unsupported;
    }
    let label = statement.record.support_date().date();
    let extended = DateField::parse(
        statement
            .support
            .as_ref()
            .and_then(|s| s.extended_on.as_deref()),
    )
    .date();
    match (label, extended) {
        (Some(a), Some(b)) => SupportEnd::On(a.max(b)),
        (Some(d), None) | (None, Some(d)) => SupportEnd::On(d),
        (None, None) => SupportEnd::NotGiven,
    }
}

/// Every bucket that applies to one scan; the audit keeps the first (see [`AuditBucket`]).
pub fn applicable(
    outcome: &Result<ScanResult, ScanError>,
    today: NaiveDate,
    soon_months: u32,
) -> Vec<AuditBucket> {
    let result = match outcome {
        Ok(result) => result,
        // Unreachable and not saved, or nothing could be asked at all: not checked.
        Err(_) => return vec![AuditBucket::NotChecked],
    };
    let record = match &result.outcome {
        Outcome::Invalid { .. } => return vec![AuditBucket::Invalid],
        Outcome::NotOfficial { .. } => return vec![AuditBucket::NotOfficial],
        Outcome::NotALabel => return vec![AuditBucket::NotALabel],
        Outcome::UnknownProduct { .. } => return vec![AuditBucket::UnknownProduct],
        Outcome::Verified { record }
        | Outcome::VerifiedStale { record }
        | Outcome::Unsigned { record }
        | Outcome::OfflineCached { record, .. } => record,
    };
    let statement = record.statement();
    let mut buckets = Vec::new();
    if matches!(
        statement.authorization(),
        AuthorizationState::Withdrawn | AuthorizationState::Suspended | AuthorizationState::Expired
    ) {
        buckets.push(AuditBucket::AuthorizationWithdrawn);
    }
    let soon_limit = today
        .checked_add_months(Months::new(soon_months))
        .unwrap_or(NaiveDate::MAX);
    match support_end(statement) {
        SupportEnd::Unsupported => buckets.push(AuditBucket::SupportEnded),
        SupportEnd::On(day) if day < today => buckets.push(AuditBucket::SupportEnded),
        SupportEnd::On(day) if day <= soon_limit => buckets.push(AuditBucket::SupportEndsSoon),
        // A missing support date is not a finding of its own: the label is otherwise fine.
        SupportEnd::On(_) | SupportEnd::NotGiven => {}
    }
    buckets.push(AuditBucket::Ok);
    buckets
}

/// The bucket one scan lands in: the first that applies.
pub fn bucket_of(
    outcome: &Result<ScanResult, ScanError>,
    today: NaiveDate,
    soon_months: u32,
) -> AuditBucket {
    applicable(outcome, today, soon_months)
        .into_iter()
        .min()
        .unwrap_or(AuditBucket::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_is_declaration_order() {
        let mut sorted = AuditBucket::ALL;
        sorted.sort();
        assert_eq!(sorted, AuditBucket::ALL);
        for b in AuditBucket::ALL {
            assert_eq!(
                serde_json::to_value(b).unwrap(),
                serde_json::Value::from(b.code())
            );
        }
    }
}
