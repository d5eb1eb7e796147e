//! Which bucket a scan lands in, by the rules and precedence.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use trustlabel_protocol::{
    AuthorizationState, Outcome, ScanResult, SupportEnd, SupportPhase, SUPPORT_ENDS_SOON_MONTHS,
};

use crate::scanner::ScanError;

/// Default for "support ends soon": within this many calendar months (the summary's window).
pub const DEFAULT_SOON_MONTHS: u32 = SUPPORT_ENDS_SOON_MONTHS;

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
    // The protocol's one end-of-support rule, the summary's too.
    match SupportEnd::of(statement).phase(today, soon_months) {
        SupportPhase::Ended => buckets.push(AuditBucket::SupportEnded),
        SupportPhase::EndsSoon => buckets.push(AuditBucket::SupportEndsSoon),
        // A missing support date is not a finding of its own: the label is otherwise fine.
        SupportPhase::Supported | SupportPhase::Unknown => {}
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
