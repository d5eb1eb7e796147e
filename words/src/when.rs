//! Dates in words, and how far away they are from the device's today.

use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate};

use super::catalogue::{Arg, Catalogue, Words};

/// "August 31, 2028" / "31 de agosto de 2028": month names and order from the catalogue.
pub fn date(cat: &Catalogue, day: NaiveDate) -> Words {
    let month = cat.msg(&format!("month-{}", day.month()));
    cat.fmt(
        "date",
        &[
            ("month", month.into()),
            ("day", Arg::Num(i64::from(day.day()))),
            // A string, so no locale ever groups it as "2,028".
            ("year", Words::same(day.year().to_string()).into()),
        ],
    )
}

/// The calendar date of a Unix time in the device's time zone. `None` when out of chrono's
/// range, including after the offset is applied (`with_timezone` would panic there).
pub fn local_date(unix: i64, offset: &FixedOffset) -> Option<NaiveDate> {
    let utc = DateTime::from_timestamp(unix, 0)?;
    Some(utc.naive_utc().checked_add_offset(*offset)?.date())
}

/// The calendar date of an RFC 3339 time in the device's time zone.
pub fn local_date_rfc3339(text: &str, offset: &FixedOffset) -> Option<NaiveDate> {
    let t = DateTime::parse_from_rfc3339(text.trim()).ok()?;
    Some(t.naive_utc().checked_add_offset(*offset)?.date())
}

/// "today", "yesterday", "on August 18, 2025" (after a verb: "checked ...").
pub fn on_day(cat: &Catalogue, today: NaiveDate, day: NaiveDate) -> Words {
    near_day(cat, today, day)
        .unwrap_or_else(|| cat.fmt("day-on", &[("date", date(cat, day).into())]))
}

/// "today", "yesterday", "August 18, 2025" (after "is" or "was": "the last day is ...").
pub fn which_day(cat: &Catalogue, today: NaiveDate, day: NaiveDate) -> Words {
    near_day(cat, today, day)
        .unwrap_or_else(|| cat.fmt("day-date", &[("date", date(cat, day).into())]))
}

fn near_day(cat: &Catalogue, today: NaiveDate, day: NaiveDate) -> Option<Words> {
    match distance(today, day) {
        Distance::Today => Some(cat.msg("day-today")),
        Distance::Yesterday => Some(cat.msg("day-yesterday")),
        Distance::Tomorrow => Some(cat.msg("day-tomorrow")),
        _ => None,
    }
}

#[cfg(test)]
mod range_tests {
    use super::*;

    #[test]
    fn extreme_times_have_no_local_date_instead_of_panicking() {
        let east = FixedOffset::east_opt(3600).unwrap();
        let west = FixedOffset::west_opt(5 * 3600).unwrap();
        assert_eq!(
            local_date(DateTime::<chrono::Utc>::MAX_UTC.timestamp(), &east),
            None
        );
        assert_eq!(
            local_date(DateTime::<chrono::Utc>::MIN_UTC.timestamp(), &west),
            None
        );
        assert_eq!(local_date(i64::MAX, &west), None);
        assert!(local_date(0, &west).is_some());
    }
}

/// Whole calendar months from `from` to `to` (`from <= to`), and the days left over.
/// Month ends clamp as people count them: January 31 plus one month is the end of February.
pub fn months_and_days(from: NaiveDate, to: NaiveDate) -> (u32, i64) {
    debug_assert!(from <= to);
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    months = months.max(0);
    loop {
        match from.checked_add_months(Months::new(months as u32)) {
            Some(d) if d <= to => {
                return (months as u32, (to - d).num_days());
            }
            _ if months > 0 => months -= 1,
            _ => return (0, (to - from).num_days()),
        }
    }
}

/// How far `day` is from `today`, in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distance {
    Today,
    Tomorrow,
    Yesterday,
    /// `true` when in the future.
    Days(i64, bool),
    /// Whole months, rounded to the nearest month; `true` when in the future.
    Months(u32, bool),
}

pub fn distance(today: NaiveDate, day: NaiveDate) -> Distance {
    let days = (day - today).num_days();
    match days {
        0 => return Distance::Today,
        1 => return Distance::Tomorrow,
        -1 => return Distance::Yesterday,
        _ => {}
    }
    let future = days > 0;
    let (a, b) = if future { (today, day) } else { (day, today) };
    let (months, rest) = months_and_days(a, b);
    if months == 0 {
        return Distance::Days(days.abs(), future);
    }
    // Round to the nearest month: "about 2 months" for 1 month and 20 days.
    let rounded = if rest >= 15 { months + 1 } else { months };
    Distance::Months(rounded, future)
}

/// The span in words: "12 days", "about 9 months", "about 1 year and 9 months".
fn span(cat: &Catalogue, distance: Distance) -> Words {
    match distance {
        Distance::Days(n, _) => cat.fmt("span-days", &[("days", Arg::Num(n))]),
        Distance::Months(m, _) => {
            let (years, months) = (i64::from(m / 12), i64::from(m % 12));
            match (years, months) {
                (0, m) => cat.fmt("span-months", &[("months", Arg::Num(m))]),
                (y, 0) => cat.fmt("span-years", &[("years", Arg::Num(y))]),
                (y, m) => cat.fmt(
                    "span-years-months",
                    &[("years", Arg::Num(y)), ("months", Arg::Num(m))],
                ),
            }
        }
        // Not used: today, tomorrow and yesterday have sentences of their own.
        _ => Words::default(),
    }
}

/// "That is about 1 year and 9 months from now." / "That was 3 months ago." (empty for
/// today, tomorrow and yesterday, which the caller words itself).
pub fn relative_sentence(cat: &Catalogue, distance: Distance) -> Words {
    match distance {
        Distance::Days(_, true) | Distance::Months(_, true) => {
            cat.fmt("relative-future", &[("span", span(cat, distance).into())])
        }
        Distance::Days(_, false) | Distance::Months(_, false) => {
            cat.fmt("relative-past", &[("span", span(cat, distance).into())])
        }
        _ => Words::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn calendar_months() {
        assert_eq!(months_and_days(d(2026, 11, 23), d(2028, 8, 31)), (21, 8));
        assert_eq!(months_and_days(d(2028, 1, 31), d(2028, 2, 29)), (1, 0));
        assert_eq!(months_and_days(d(2027, 2, 28), d(2028, 2, 29)), (12, 1));
        assert_eq!(months_and_days(d(2026, 1, 31), d(2026, 3, 1)), (1, 1));
        assert_eq!(months_and_days(d(2026, 5, 5), d(2026, 5, 20)), (0, 15));
    }

    #[test]
    fn distances() {
        let today = d(2026, 11, 23);
        assert_eq!(distance(today, today), Distance::Today);
        assert_eq!(distance(today, d(2026, 11, 24)), Distance::Tomorrow);
        assert_eq!(distance(today, d(2026, 11, 22)), Distance::Yesterday);
        assert_eq!(distance(today, d(2026, 12, 10)), Distance::Days(17, true));
        assert_eq!(distance(today, d(2028, 8, 31)), Distance::Months(21, true));
        assert_eq!(distance(today, d(2025, 3, 1)), Distance::Months(21, false));
        assert_eq!(distance(today, d(2027, 1, 15)), Distance::Months(2, true));
    }
}
