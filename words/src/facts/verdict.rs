//! The verdict: the first thing shown and said. For a record it names the worst finding
//! (or says the label is genuine), then the support period, then how many other problems
//! there are; its tone is the worst of that finding and of the facts about the label itself.

use chrono::NaiveDate;

use trustlabel_protocol::RecordView;

use super::super::catalogue::{Arg, Catalogue, Words};
use super::{
    access, approval, disclosures, support, updates, verification, Draft, Fact, FactId, Headline,
    Source, Tone, Verdict,
};

/// Facts whose tone always counts in the verdict's, named or not: they say whether the
/// label itself stands. (A neutral one, such as a saved copy, does not lower it.)
const ABOUT_THE_LABEL: [FactId; 3] = [FactId::Support, FactId::Authorization, FactId::Verification];

/// The verdict of a result without a record; an out-of-date trust list is told second.
pub(super) fn finish(
    tone: Tone,
    verdict: Words,
    mut facts: Vec<Fact>,
    trust_old: Option<Draft>,
) -> (Verdict, Vec<Fact>) {
    if let Some(trust) = trust_old {
        facts.insert(1.min(facts.len()), trust.fact);
    }
    (verdict_of(tone, verdict), facts)
}

fn verdict_of(tone: Tone, words: Words) -> Verdict {
    Verdict {
        tone,
        text: words.text,
        spoken: words.spoken,
    }
}

/// The finding the verdict opens with, and its place among the drafts: the worst tone, then
/// the first rank. A record that is not signed never opens with a finding ("This label is
/// real, but..."): it says first that it is not signed.
fn chosen(drafts: &[Draft], signed: bool) -> Option<(usize, &Headline)> {
    drafts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.headline.as_ref().map(|h| (i, h)))
        .max_by(|(_, a), (_, b)| a.tone.cmp(&b.tone).then(b.rank.cmp(&a.rank)))
        .filter(|_| signed)
}

/// The verdict over a record's facts. `support_sentence` is the support period as the
/// verdict says it, told unless the finding named is the support itself.
pub(super) fn record_verdict(
    cat: &Catalogue,
    drafts: &[Draft],
    source: Source,
    signed: bool,
    support_sentence: Words,
) -> Verdict {
    let chosen = chosen(drafts, signed);
    let chosen_index = chosen.map(|(i, _)| i);
    let support_index = drafts.iter().position(|d| d.fact.id == FactId::Support);
    let mut parts = vec![match chosen {
        Some((_, headline)) => headline.words.clone(),
        None if !signed => cat.msg("verdict-unsigned"),
        None => match source {
            Source::Fresh => cat.msg("verdict-genuine"),
            Source::Saved { .. } => cat.msg("verdict-genuine-saved"),
        },
    }];
    if chosen_index.is_none() || chosen_index != support_index {
        parts.push(support_sentence);
    }
    let others = drafts
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            d.fact.tone == Tone::Bad && Some(*i) != chosen_index && Some(*i) != support_index
        })
        .count();
    if others > 0 {
        parts.push(cat.fmt(
            "verdict-more-problems",
            &[("count", Arg::Num(others as i64))],
        ));
    }
    let label_tones = drafts
        .iter()
        .filter(|d| ABOUT_THE_LABEL.contains(&d.fact.id))
        .map(|d| d.fact.tone);
    let tone = verdict_tone(chosen.map(|(_, h)| h.tone), label_tones);
    verdict_of(tone, cat.join(parts))
}

/// The verdict's tone: the finding named (good when none is), made worse by any fact about
/// the label itself that is not neutral.
fn verdict_tone(named: Option<Tone>, label_tones: impl IntoIterator<Item = Tone>) -> Tone {
    label_tones
        .into_iter()
        .filter(|t| *t != Tone::Neutral)
        .fold(named.unwrap_or(Tone::Good), Tone::max)
}

/// The tone [`record_verdict`] gives a record, from the facts' decisions alone: no fact is
/// worded. Every headline's tone is its fact's, so the finding named is the worst headline.
pub(super) fn record_tone(
    view: &RecordView,
    source: Source,
    trust_old: bool,
    today: NaiveDate,
) -> Tone {
    let statement = view.statement();
    let record = &statement.record;
    let verification = verification::tone(view, source);
    let support = support::tone(statement, today);
    let authorization = approval::tone(&statement.authorization());
    let signed = view.alg().is_some();
    let named = signed
        .then(|| {
            [
                view.expired().then_some(verification),
                trust_old.then_some(verification::OLD_TRUST_LIST_TONE),
                matches!(support, Tone::Bad | Tone::Caution).then_some(support),
                updates::headline_tone(record),
                record
                    .access_control
                    .as_ref()
                    .filter(|a| access::fixed_password(a))
                    .map(|_| Tone::Bad),
                disclosures::headline_tone(statement),
                (authorization == Tone::Bad).then_some(authorization),
            ]
            .into_iter()
            .flatten()
            .max()
        })
        .flatten();
    verdict_tone(named, [support, authorization, verification])
}
