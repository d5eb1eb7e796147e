//! The one end-of-support rule: when a record says security updates stop, and how that day
//! stands today. The summary's support fact and the shelf audit's buckets both read it here,
//! so a label is never "ends soon" in one and "ok" in the other.

use chrono::{Months, NaiveDate};

use crate::record::{DateField, Statement};

/// Support ending within this many calendar months is "ends soon" (the summary's caution,
/// the audit's default window).
pub const SUPPORT_ENDS_SOON_MONTHS: u32 = 6;

/// When support ends, as a statement says it: the later of the label's date and a date the
/// maker announced since (`support.extended_on`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SupportEnd {
    /// The registry says the product is no longer supported. The label's date, if any, is
    /// still worth telling.
    Unsupported {
        /// The label's support date as written.
        label_date: DateField,
    },
    /// The last day of support: the label's, or a later one the maker announced.
    On {
        /// The last day.
        day: NaiveDate,
        /// The label's own date, when a later announced date replaced it.
        extended_from: Option<NaiveDate>,
        /// An extension was given but its date cannot be read (the label's date stands).
        extension_malformed: bool,
    },
    /// No usable date.
    NotGiven {
        /// A date is given but cannot be read.
        malformed: bool,
        /// An extension was given but its date cannot be read either.
        extension_malformed: bool,
    },
}

/// Where a last day of support stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SupportPhase {
    /// Support has ended (or the registry says the product is unsupported).
    Ended,
    /// Support ends today, or within the "soon" window.
    EndsSoon,
    /// Support goes on beyond the window.
    Supported,
    /// No usable date: nothing can be said.
    Unknown,
}

impl SupportEnd {
    /// When support ends, as `statement` says it.
    pub fn of(statement: &Statement) -> Self {
        let label_date = statement.record.support_date();
        if statement.is_unsupported() {
            return SupportEnd::Unsupported { label_date };
        }
        let extended = DateField::parse(
            statement
                .support
                .as_ref()
                .and_then(|s| s.extended_on.as_deref()),
        );
        let extension_malformed = matches!(extended, DateField::Malformed(_));
        match (label_date.date(), extended.date()) {
            (old, Some(new)) if old.is_none_or(|old| new > old) => SupportEnd::On {
                day: new,
                extended_from: old,
                extension_malformed: false,
            },
            (Some(day), _) => SupportEnd::On {
                day,
                extended_from: None,
                extension_malformed,
            },
            (None, _) => SupportEnd::NotGiven {
                malformed: matches!(label_date, DateField::Malformed(_)),
                extension_malformed,
            },
        }
    }

    /// Where support stands on `today`: ended before today; ends soon from today to
    /// `soon_months` calendar months ahead (inclusive); supported after that.
    pub fn phase(&self, today: NaiveDate, soon_months: u32) -> SupportPhase {
        match self {
            SupportEnd::Unsupported { .. } => SupportPhase::Ended,
            SupportEnd::NotGiven { .. } => SupportPhase::Unknown,
            SupportEnd::On { day, .. } => {
                let soon_limit = today
                    .checked_add_months(Months::new(soon_months))
                    .unwrap_or(NaiveDate::MAX);
                if *day < today {
                    SupportPhase::Ended
                } else if *day <= soon_limit {
                    SupportPhase::EndsSoon
                } else {
                    SupportPhase::Supported
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(support_date: Option<&str>, extended_on: Option<&str>) -> Statement {
        let mut value = serde_json::json!({
            "iss": "https://demo.trustlabel.dev",
            "sub": "https://demo.trustlabel.dev/l/x",
            "iat": 0,
            "exp": 1,
            "record": {},
        });
        if let Some(d) = support_date {
            value["record"]["support_date"] = d.into();
        }
        if let Some(d) = extended_on {
            value["support"] = serde_json::json!({ "extended_on": d });
        }
        serde_json::from_value(value).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_later_announced_date_replaces_the_labels() {
        let end = SupportEnd::of(&statement(Some("2028-08-31"), Some("2030-01-31")));
        assert_eq!(
            end,
            SupportEnd::On {
                day: day("2030-01-31"),
                extended_from: Some(day("2028-08-31")),
                extension_malformed: false,
            }
        );
        // An earlier "extension" changes nothing.
        let end = SupportEnd::of(&statement(Some("2028-08-31"), Some("2027-01-31")));
        assert_eq!(
            end,
            SupportEnd::On {
                day: day("2028-08-31"),
                extended_from: None,
                extension_malformed: false,
            }
        );
    }

    #[test]
    fn unreadable_dates_are_said_so() {
        let end = SupportEnd::of(&statement(Some("2028-08-31"), Some("soon")));
        assert_eq!(
            end,
            SupportEnd::On {
                day: day("2028-08-31"),
                extended_from: None,
                extension_malformed: true,
            }
        );
        let end = SupportEnd::of(&statement(Some("next year"), None));
        assert_eq!(
            end,
            SupportEnd::NotGiven {
                malformed: true,
                extension_malformed: false,
            }
        );
        assert_eq!(
            SupportEnd::of(&statement(None, None)).phase(day("2026-01-01"), 6),
            SupportPhase::Unknown
        );
    }

    #[test]
    fn phases_at_the_edges_of_the_window() {
        let today = day("2026-03-31");
        let phase = |d: &str| {
            SupportEnd::On {
                day: day(d),
                extended_from: None,
                extension_malformed: false,
            }
            .phase(today, SUPPORT_ENDS_SOON_MONTHS)
        };
        assert_eq!(phase("2026-03-30"), SupportPhase::Ended);
        assert_eq!(phase("2026-03-31"), SupportPhase::EndsSoon);
        // Six calendar months from March 31 is September 30.
        assert_eq!(phase("2026-09-30"), SupportPhase::EndsSoon);
        assert_eq!(phase("2026-10-01"), SupportPhase::Supported);
    }
}
