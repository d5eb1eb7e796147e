//! What every fact module builds with: a fact while the summary is made (a [`Draft`], maybe
//! with a [`Headline`] for the verdict), and the small word helpers they share.

use super::super::catalogue::{self, Catalogue, Words, RECORD_LANG};
use super::super::{Fact, FactId, Tone, Verdict};

/// A finding the verdict can name in its first sentence ("Genuine label, but ...").
pub(super) struct Headline {
    pub(super) tone: Tone,
    pub(super) rank: Rank,
    pub(super) words: Words,
}

/// Which finding the verdict names first among findings of the same tone: the earlier
/// variant. Declared in that order (`Ord`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Rank {
    /// Approval withdrawn, suspended or expired: the label itself is void.
    Authorization,
    /// Security updates have ended (or the product is unsupported).
    SupportEnded,
    NoUpdates,
    FixedPassword,
    DataLocation,
    SoftwareOrigin,
    /// The registry's statement is out of date.
    StaleRecord,
    OldTrustList,
    /// Security updates end soon.
    SupportEnding,
}

/// A fact while the summary is built.
pub(super) struct Draft {
    pub(super) fact: Fact,
    pub(super) headline: Option<Headline>,
}

impl Draft {
    pub(super) fn plain(fact: Fact) -> Self {
        Draft {
            fact,
            headline: None,
        }
    }
}

pub(super) fn fact(cat: &Catalogue, id: FactId, tone: Tone, body: Words) -> Fact {
    let title = cat.msg(&format!("title-{}", id.code().replace('_', "-")));
    Fact {
        id,
        tone,
        title: title.text,
        text: body.text,
        spoken: body.spoken,
        link: None,
        quotes: Vec::new(),
        spoken_quotes: Vec::new(),
    }
}

/// The record's own words, marked as quoted in their language.
pub(super) fn theirs(text: &str) -> Words {
    Words::quote(text, RECORD_LANG)
}

pub(super) fn nonempty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// A value this version does not know, shown as written; said with spaces for "_" and "/"
/// so a screen reader does not spell out the symbols.
pub(super) fn raw(value: &str) -> Words {
    let spoken: String = value
        .chars()
        .map(|c| {
            if matches!(c, '_' | '/' | '&' | '%' | '@') {
                ' '
            } else {
                c
            }
        })
        .collect();
    Words::quote_both(
        value,
        &spoken.split_whitespace().collect::<Vec<_>>().join(" "),
        RECORD_LANG,
    )
}

/// Turns the quote marks of a finished summary into spans. Verdicts never quote the record,
/// so any mark there is only removed.
pub(super) fn finalize((verdict, facts): (Verdict, Vec<Fact>)) -> (Verdict, Vec<Fact>) {
    let verdict = Verdict {
        text: catalogue::plain(&verdict.text),
        spoken: catalogue::plain(&verdict.spoken),
        ..verdict
    };
    let facts = facts
        .into_iter()
        .map(|mut f| {
            f.title = catalogue::plain(&f.title);
            (f.text, f.quotes) = catalogue::unmark(&f.text);
            (f.spoken, f.spoken_quotes) = catalogue::unmark(&f.spoken);
            if let Some(link) = &mut f.link {
                (link.title, link.quotes) = catalogue::unmark(&link.title);
            }
            f
        })
        .collect();
    (verdict, facts)
}
