//! The support fact: until when the product gets security updates, read from the label's
//! date and any later date the maker announced (`support.extended_on`).

use chrono::{Months, NaiveDate};

use crate::record::{DateField, Statement};

use super::super::catalogue::{Arg, Catalogue, Words};
use super::super::when::{self, Distance};
use super::{fact, Draft, FactId, Headline, Rank, Tone};

/// Support ending within this many months is a caution.
const SOON_MONTHS: u32 = 6;

/// When support ends, as the summary reads a statement.
enum End {
    /// The registry says the product is no longer supported; the label's date, if any, is
    /// still told.
    Unsupported { label_date: DateField },
    /// The last day of support: the label's, or a later one the maker announced.
    On(NaiveDate),
    /// No usable date; `malformed` when one is given but cannot be read.
    NotGiven { malformed: bool },
}

/// What the reader is told about an announced extension.
enum Note {
    /// Support was extended; this was the label's date.
    ExtendedFrom(NaiveDate),
    /// An extension is given but its date cannot be read.
    ExtensionMalformed,
}

/// The end of support and what to say about an extension.
fn read(statement: &Statement) -> (End, Option<Note>) {
    let label_date = statement.record.support_date();
    if statement.is_unsupported() {
        return (End::Unsupported { label_date }, None);
    }
    let extended = DateField::parse(
        statement
            .support
            .as_ref()
            .and_then(|s| s.extended_on.as_deref()),
    );
    let (effective, note) = match (&label_date, &extended) {
        (_, DateField::Given(new)) if label_date.date().is_none_or(|old| *new > old) => {
            let note = label_date.date().map(Note::ExtendedFrom);
            (DateField::Given(*new), note)
        }
        (_, DateField::Malformed(_)) => (label_date, Some(Note::ExtensionMalformed)),
        _ => (label_date, None),
    };
    let end = match effective {
        DateField::Given(day) => End::On(day),
        DateField::Missing => End::NotGiven { malformed: false },
        DateField::Malformed(_) => End::NotGiven { malformed: true },
    };
    (end, note)
}

/// How a last day of support feels today: ended is bad, within [`SOON_MONTHS`] (or today,
/// or tomorrow) a caution, later good.
fn tone_on(today: NaiveDate, day: NaiveDate) -> Tone {
    let soon_limit = today
        .checked_add_months(Months::new(SOON_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    match when::distance(today, day) {
        Distance::Today | Distance::Tomorrow => Tone::Caution,
        Distance::Yesterday | Distance::Days(_, false) | Distance::Months(_, false) => Tone::Bad,
        Distance::Days(_, true) | Distance::Months(_, true) if day <= soon_limit => Tone::Caution,
        Distance::Days(_, true) | Distance::Months(_, true) => Tone::Good,
    }
}

/// The support fact's tone, without its words.
pub(super) fn tone(statement: &Statement, today: NaiveDate) -> Tone {
    match read(statement).0 {
        End::Unsupported { .. } => Tone::Bad,
        End::On(day) => tone_on(today, day),
        End::NotGiven { .. } => Tone::Unknown,
    }
}

/// The support fact, and the sentence the verdict uses for it.
pub(super) fn support(cat: &Catalogue, statement: &Statement, today: NaiveDate) -> (Draft, Words) {
    let (end, note) = read(statement);
    let note = note.map(|n| match n {
        Note::ExtendedFrom(old) => {
            cat.fmt("support-extended", &[("date", when::date(cat, old).into())])
        }
        Note::ExtensionMalformed => cat.msg("support-extended-malformed"),
    });
    match end {
        End::Unsupported { label_date } => unsupported(cat, &label_date),
        End::NotGiven { malformed } => {
            let first = cat.msg(if malformed {
                "support-malformed"
            } else {
                "support-missing"
            });
            let f = fact(
                cat,
                FactId::Support,
                Tone::Unknown,
                cat.join([first].into_iter().chain(note)),
            );
            (Draft::plain(f), cat.msg("verdict-support-unknown"))
        }
        End::On(day) => ends_on(cat, today, day, note),
    }
}

fn unsupported(cat: &Catalogue, label_date: &DateField) -> (Draft, Words) {
    let mut parts = vec![cat.msg("support-unsupported")];
    if let DateField::Given(d) = label_date {
        parts.push(cat.fmt(
            "support-label-date",
            &[("date", when::date(cat, *d).into())],
        ));
    }
    let headline = Headline {
        tone: Tone::Bad,
        rank: Rank::SupportEnded,
        words: cat.msg("verdict-genuine-but-unsupported"),
    };
    let draft = Draft {
        fact: fact(cat, FactId::Support, Tone::Bad, cat.join(parts)),
        headline: Some(headline),
    };
    (draft, cat.msg("verdict-support-unsupported"))
}

/// Support with a last day: until when, how far that is, and the verdict's sentence.
fn ends_on(
    cat: &Catalogue,
    today: NaiveDate,
    day: NaiveDate,
    note: Option<Words>,
) -> (Draft, Words) {
    let tone = tone_on(today, day);
    let (mut parts, sentence) = dated_words(cat, today, day, tone);
    parts.extend(note);
    let headline = ending_headline(cat, tone, today, day);
    let draft = Draft {
        fact: fact(cat, FactId::Support, tone, cat.join(parts)),
        headline,
    };
    (draft, sentence)
}

/// The fact's sentences for a last day ("until ...", "about 1 year from now") and the
/// verdict's: "ends today", "ended yesterday", "ends soon", "ended on ...".
fn dated_words(
    cat: &Catalogue,
    today: NaiveDate,
    day: NaiveDate,
    tone: Tone,
) -> (Vec<Words>, Words) {
    let date = when::date(cat, day);
    let distance = when::distance(today, day);
    let date_arg = || -> [(&str, Arg); 1] { [("date", (&date).into())] };
    match distance {
        Distance::Today => (
            vec![cat.fmt("support-ends-today", &date_arg())],
            cat.msg("verdict-support-today"),
        ),
        Distance::Tomorrow => (
            vec![cat.fmt("support-ends-tomorrow", &date_arg())],
            cat.msg("verdict-support-tomorrow"),
        ),
        Distance::Yesterday => (
            vec![cat.fmt("support-ended-yesterday", &date_arg())],
            cat.msg("verdict-support-yesterday"),
        ),
        Distance::Days(_, true) | Distance::Months(_, true) => (
            vec![
                cat.fmt("support-until", &date_arg()),
                when::relative_sentence(cat, distance),
            ],
            cat.fmt(
                if tone == Tone::Caution {
                    "verdict-support-soon"
                } else {
                    "verdict-support-until"
                },
                &date_arg(),
            ),
        ),
        Distance::Days(_, false) | Distance::Months(_, false) => (
            vec![
                cat.fmt("support-ended", &date_arg()),
                when::relative_sentence(cat, distance),
            ],
            cat.fmt("verdict-support-ended", &date_arg()),
        ),
    }
}

/// Ended support opens the verdict among the worst findings; ending soon comes last.
fn ending_headline(
    cat: &Catalogue,
    tone: Tone,
    today: NaiveDate,
    day: NaiveDate,
) -> Option<Headline> {
    let (rank, key) = match tone {
        Tone::Bad => (Rank::SupportEnded, "verdict-genuine-but-ended"),
        Tone::Caution => (Rank::SupportEnding, "verdict-genuine-but-ending"),
        _ => return None,
    };
    Some(Headline {
        tone,
        rank,
        words: cat.fmt(key, &[("when", when::which_day(cat, today, day).into())]),
    })
}
