//! The updates fact: how security updates install (`security_update_information`).

use trustlabel_protocol::{Record, UpdateMethod};

use super::super::catalogue::{Catalogue, Words};
use super::{fact, nonempty, raw, theirs, Draft, FactId, Headline, Rank, Tone};

/// How the way updates install by default feels: by themselves (or on consent) is good, by
/// hand a caution, never bad.
pub(super) fn tone(update_default: Option<&UpdateMethod>) -> Tone {
    match update_default {
        None => Tone::Unknown,
        Some(
            UpdateMethod::AutomaticMayOptOut
            | UpdateMethod::AutomaticMayNotOptOut
            | UpdateMethod::ConsentBased,
        ) => Tone::Good,
        Some(UpdateMethod::Manual) => Tone::Caution,
        Some(UpdateMethod::NoUpdates) => Tone::Bad,
        Some(UpdateMethod::Other) => Tone::Neutral,
        Some(UpdateMethod::NotDisclosed | UpdateMethod::Unrecognized(_)) => Tone::Unknown,
    }
}

/// The updates fact's tone as the verdict weighs it: only "no updates" opens the verdict.
pub(super) fn headline_tone(record: &Record) -> Option<Tone> {
    let info = record.security_update_information.as_ref()?;
    Some(tone(info.update_default.as_ref())).filter(|t| *t == Tone::Bad)
}

/// Maker's own words, quoted, with the sentence closed.
fn quoted(cat: &Catalogue, text: &str) -> Words {
    let mut text = text.trim().to_owned();
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    cat.fmt("quoted", &[("text", theirs(&text).into())])
}

fn update_key(method: &UpdateMethod) -> &'static str {
    match method {
        UpdateMethod::AutomaticMayOptOut => "auto-opt-out",
        UpdateMethod::AutomaticMayNotOptOut => "auto-no-opt-out",
        UpdateMethod::Manual => "manual",
        UpdateMethod::ConsentBased => "consent",
        UpdateMethod::NoUpdates => "none",
        UpdateMethod::NotDisclosed => "not-disclosed",
        UpdateMethod::Other => "other",
        UpdateMethod::Unrecognized(_) => "unrecognized",
    }
}

pub(super) fn updates(cat: &Catalogue, record: &Record) -> Draft {
    let Some(info) = &record.security_update_information else {
        return Draft::plain(fact(
            cat,
            FactId::Updates,
            Tone::Unknown,
            cat.msg("updates-missing"),
        ));
    };
    let other_text = nonempty(record.security_update_information_other.as_deref());
    let mut parts = Vec::new();
    let mut other_told = false;
    // The maker's words for "other" are said once, after the first "other" mentioned.
    let mut tell_other = |parts: &mut Vec<Words>| {
        if !other_told {
            other_told = true;
            parts.push(match other_text {
                Some(t) => cat.join([cat.msg("updates-other-says"), quoted(cat, t)]),
                None => cat.msg("updates-other-missing"),
            });
        }
    };
    match &info.update_default {
        None => parts.push(cat.msg("updates-default-missing")),
        Some(UpdateMethod::Other) => {
            parts.push(cat.msg("updates-other"));
            tell_other(&mut parts);
        }
        Some(UpdateMethod::Unrecognized(v)) => {
            parts.push(cat.fmt("updates-unrecognized", &[("value", raw(v).into())]))
        }
        Some(m) => parts.push(cat.msg(&format!("updates-{}", update_key(m)))),
    }
    let mut seen = Vec::new();
    for option in info.update_options.iter().flatten() {
        if Some(option) == info.update_default.as_ref() || seen.contains(&option) {
            continue;
        }
        seen.push(option);
        match option {
            // Says nothing the reader could choose.
            UpdateMethod::NotDisclosed => {}
            UpdateMethod::Other => {
                parts.push(cat.msg("updates-also-other"));
                tell_other(&mut parts);
            }
            UpdateMethod::Unrecognized(v) => {
                parts.push(cat.fmt("updates-also-unrecognized", &[("value", raw(v).into())]))
            }
            m => parts.push(cat.msg(&format!("updates-also-{}", update_key(m)))),
        }
    }
    let tone = tone(info.update_default.as_ref());
    let headline = (tone == Tone::Bad).then(|| Headline {
        tone,
        rank: Rank::NoUpdates,
        words: cat.msg("verdict-genuine-but-no-updates"),
    });
    Draft {
        fact: fact(cat, FactId::Updates, tone, cat.join(parts)),
        headline,
    }
}
