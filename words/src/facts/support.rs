//! The support fact: until when the product gets security updates, read from the label's
//! date and any later date the maker announced (`support.extended_on`).

use chrono::NaiveDate;

use trustlabel_protocol::{
    DateField, Statement, SupportEnd, SupportPhase, SUPPORT_ENDS_SOON_MONTHS,
};

use super::super::catalogue::{Arg, Catalogue, Words};
use super::super::when::{self, Distance};
use super::{fact, Draft, FactId, Headline, Rank, Tone};

/// How a last day of support feels today, by the protocol's one rule: ended is bad, ending
/// within [`SUPPORT_ENDS_SOON_MONTHS`] (or today) a caution, later good.
fn tone_of(phase: SupportPhase) -> Tone {
    match phase {
        SupportPhase::Ended => Tone::Bad,
        SupportPhase::EndsSoon => Tone::Caution,
        SupportPhase::Supported => Tone::Good,
        SupportPhase::Unknown => Tone::Unknown,
    }
}

/// The support fact's tone, without its words.
pub(super) fn tone(statement: &Statement, today: NaiveDate) -> Tone {
    tone_of(SupportEnd::of(statement).phase(today, SUPPORT_ENDS_SOON_MONTHS))
}

/// The support fact, and the sentence the verdict uses for it.
pub(super) fn support(cat: &Catalogue, statement: &Statement, today: NaiveDate) -> (Draft, Words) {
    let end = SupportEnd::of(statement);
    let tone = tone_of(end.phase(today, SUPPORT_ENDS_SOON_MONTHS));
    // What the reader is told about an announced extension.
    let note = |extended_from: Option<NaiveDate>, extension_malformed: bool| {
        if let Some(old) = extended_from {
            Some(cat.fmt("support-extended", &[("date", when::date(cat, old).into())]))
        } else if extension_malformed {
            Some(cat.msg("support-extended-malformed"))
        } else {
            None
        }
    };
    match end {
        SupportEnd::Unsupported { label_date } => unsupported(cat, &label_date),
        SupportEnd::NotGiven {
            malformed,
            extension_malformed,
        } => {
            let first = cat.msg(if malformed {
                "support-malformed"
            } else {
                "support-missing"
            });
            let f = fact(
                cat,
                FactId::Support,
                Tone::Unknown,
                cat.join([first].into_iter().chain(note(None, extension_malformed))),
            );
            (Draft::plain(f), cat.msg("verdict-support-unknown"))
        }
        SupportEnd::On {
            day,
            extended_from,
            extension_malformed,
        } => ends_on(
            cat,
            today,
            day,
            tone,
            note(extended_from, extension_malformed),
        ),
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
    tone: Tone,
    note: Option<Words>,
) -> (Draft, Words) {
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
