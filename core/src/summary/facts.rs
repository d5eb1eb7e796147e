//! From a scan result to the verdict and the ordered facts.

use chrono::{DateTime, FixedOffset, Months, NaiveDate};
use url::Url;

use crate::check::CheckFailure;
use crate::link::LookalikeWarning;
use crate::outcome::{OfflineReason, Outcome, RecordView, ScanError, ScanResult};
use crate::record::{
    AccessOption, AuthorizationState, DateField, Declaration, Link, Party, PasswordType, Record,
    Sensing, Statement, UpdateMethod,
};

use super::catalogue::{self, Arg, Catalogue, Words, RECORD_LANG};
use super::when::{self, Distance};
use super::{Fact, FactLink, Tone, Verdict};

/// Support ending within this many months is a caution.
const SOON_MONTHS: u32 = 6;

/// Longest part of a code's text shown for "not a label".
const MAX_SHOWN_TEXT: usize = 120;

/// A finding the verdict can name in its first sentence ("Genuine label, but ...").
struct Headline {
    tone: Tone,
    /// Lower comes first among findings of the same tone.
    rank: u8,
    words: Words,
}

/// A fact while the summary is built.
struct Draft {
    fact: Fact,
    headline: Option<Headline>,
}

impl Draft {
    fn plain(fact: Fact) -> Self {
        Draft {
            fact,
            headline: None,
        }
    }
}

fn fact(cat: &Catalogue, id: &str, tone: Tone, body: Words) -> Fact {
    let title = cat.msg(&format!("title-{}", id.replace('_', "-")));
    Fact {
        id: id.to_owned(),
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
fn theirs(text: &str) -> Words {
    Words::quote(text, RECORD_LANG)
}

/// Turns the quote marks of a finished summary into spans. Verdicts never quote the record,
/// so any mark there is only removed.
fn finalize((verdict, facts): (Verdict, Vec<Fact>)) -> (Verdict, Vec<Fact>) {
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

/// The verdict and facts of a scan result.
pub fn outcome(
    cat: &Catalogue,
    result: &ScanResult,
    now: DateTime<FixedOffset>,
) -> (Verdict, Vec<Fact>) {
    finalize(marked_outcome(cat, result, now))
}

fn marked_outcome(
    cat: &Catalogue,
    result: &ScanResult,
    now: DateTime<FixedOffset>,
) -> (Verdict, Vec<Fact>) {
    let trust_old = result.trust_list.expired.then(|| trust_list_fact(cat));
    match &result.outcome {
        Outcome::Verified { record } => record_summary(cat, record, Source::Fresh, trust_old, now),
        Outcome::VerifiedStale { record } | Outcome::Unsigned { record } => {
            record_summary(cat, record, Source::Fresh, trust_old, now)
        }
        Outcome::OfflineCached { record, why } => {
            let source = Source::Saved {
                offline: *why == OfflineReason::OfflineMode,
            };
            record_summary(cat, record, source, trust_old, now)
        }
        Outcome::NotOfficial {
            host,
            display_host,
            warnings,
        } => {
            let host_words = Words::same(display_host.as_str());
            let mut parts = vec![cat.fmt("verify-not-official", &[("host", (&host_words).into())])];
            if display_host != host {
                parts.push(cat.fmt("verify-host-ascii", &[("ascii", host.into())]));
            }
            parts.extend(warnings.iter().map(|w| warning(cat, w)));
            parts.push(cat.msg("verify-open-nothing"));
            let verification = fact(cat, "verification", Tone::Bad, cat.join(parts));
            let verdict = cat.fmt("verdict-not-official", &[("host", host_words.into())]);
            finish(Tone::Bad, verdict, vec![verification], trust_old)
        }
        Outcome::NotALabel => {
            let verification = fact(
                cat,
                "verification",
                Tone::Caution,
                cat.msg("verify-not-a-label"),
            );
            let shown = shown_text(&result.text);
            let code = fact(
                cat,
                "code_text",
                Tone::Neutral,
                cat.fmt("code-text", &[("text", shown.as_str().into())]),
            );
            finish(
                Tone::Caution,
                cat.msg("verdict-not-a-label"),
                vec![verification, code],
                trust_old,
            )
        }
        Outcome::UnknownProduct { .. } => {
            let verification = fact(
                cat,
                "verification",
                Tone::Bad,
                cat.msg("verify-unknown-product"),
            );
            finish(
                Tone::Bad,
                cat.msg("verdict-unknown-product"),
                vec![verification],
                trust_old,
            )
        }
        Outcome::Invalid { reason, .. } => {
            let body = cat.join([
                cat.fmt(
                    "verify-invalid",
                    &[("reason", reason_words(cat, *reason).into())],
                ),
                cat.msg("verify-invalid-hidden"),
            ]);
            let verification = fact(cat, "verification", Tone::Bad, body);
            finish(
                Tone::Bad,
                cat.msg("verdict-invalid"),
                vec![verification],
                trust_old,
            )
        }
    }
}

fn finish(
    tone: Tone,
    verdict: Words,
    mut facts: Vec<Fact>,
    trust_old: Option<Draft>,
) -> (Verdict, Vec<Fact>) {
    if let Some(trust) = trust_old {
        facts.insert(1.min(facts.len()), trust.fact);
    }
    (
        Verdict {
            tone,
            text: verdict.text,
            spoken: verdict.spoken,
        },
        facts,
    )
}

/// The summary of a scan that produced no result.
pub fn error(cat: &Catalogue, error: &ScanError) -> (&'static str, Verdict, Vec<Fact>) {
    let code = super::error_code(error);
    let (verdict, body) = match error {
        ScanError::Unreachable { .. } => ("verdict-error-check", cat.msg("error-unreachable")),
        ScanError::NotCached { .. } => ("verdict-error-offline", cat.msg("error-not-cached")),
        ScanError::Storage(_) => ("verdict-error-check", cat.msg("error-storage")),
        ScanError::Decode(_) => ("verdict-error-decode", cat.msg("error-decode")),
        ScanError::TrustList(reason) => (
            "verdict-error-check",
            cat.fmt(
                "error-trust-list",
                &[("reason", reason_words(cat, *reason).into())],
            ),
        ),
        ScanError::TrustListFault(_) => ("verdict-error-check", cat.msg("error-trust-list-fault")),
        ScanError::Network(_) => ("verdict-error-check", cat.msg("error-network")),
    };
    let verdict = cat.msg(verdict);
    let facts = vec![fact(cat, "verification", Tone::Unknown, body)];
    let (verdict, facts) = finalize((
        Verdict {
            tone: Tone::Unknown,
            text: verdict.text,
            spoken: verdict.spoken,
        },
        facts,
    ));
    (code, verdict, facts)
}

fn trust_list_fact(cat: &Catalogue) -> Draft {
    Draft {
        fact: fact(cat, "trust_list", Tone::Caution, cat.msg("trust-list-old")),
        headline: Some(Headline {
            tone: Tone::Caution,
            rank: 11,
            words: cat.msg("verdict-genuine-but-trust-list"),
        }),
    }
}

/// The text of a code that is not a label, made safe to show: no control characters, and
/// long texts cut.
fn shown_text(text: &str) -> String {
    let clean: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() > MAX_SHOWN_TEXT {
        let cut: String = clean.chars().take(MAX_SHOWN_TEXT).collect();
        format!("{}…", cut.trim_end())
    } else {
        clean
    }
}

fn warning(cat: &Catalogue, warning: &LookalikeWarning) -> Words {
    match warning {
        LookalikeWarning::Punycode => cat.msg("warn-punycode"),
        LookalikeWarning::MixedScripts => cat.msg("warn-mixed-scripts"),
        LookalikeWarning::OneEditFromTrusted { trusted_host } => {
            cat.fmt("warn-one-edit", &[("trusted", trusted_host.into())])
        }
        LookalikeWarning::InsecureHttp { trusted_host } => {
            cat.fmt("warn-http", &[("trusted", trusted_host.into())])
        }
        LookalikeWarning::UnexpectedPort { trusted_host } => {
            cat.fmt("warn-port", &[("trusted", trusted_host.into())])
        }
        LookalikeWarning::Userinfo => cat.msg("warn-userinfo"),
    }
}

/// Why a check failed, in words: "the signature is not valid".
pub fn reason_words(cat: &Catalogue, reason: CheckFailure) -> Words {
    cat.msg(&format!("reason-{}", reason.code().replace('_', "-")))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Checked with the registry on this scan (the record itself may be out of date).
    Fresh,
    /// A saved copy: the device is offline, or the registry did not answer.
    Saved { offline: bool },
}

fn record_summary(
    cat: &Catalogue,
    view: &RecordView,
    source: Source,
    trust_old: Option<Draft>,
    now: DateTime<FixedOffset>,
) -> (Verdict, Vec<Fact>) {
    let today = now.date_naive();
    let offset = *now.offset();
    let statement = &view.statement;
    let record = &statement.record;

    let mut drafts = vec![verification(cat, view, source, today, &offset)];
    drafts.extend(trust_old);
    drafts.push(Draft::plain(product(cat, record)));
    let (support, support_sentence) = support(cat, statement, today);
    drafts.push(support);
    drafts.push(updates(cat, record));
    drafts.push(sensors(cat, record));
    drafts.push(sign_in(cat, record));
    drafts.push(disclosure(
        cat,
        Kind::Data,
        &statement.data_location(),
        countries(statement, Kind::Data),
    ));
    drafts.push(disclosure(
        cat,
        Kind::Software,
        &statement.software_origin(),
        countries(statement, Kind::Software),
    ));
    drafts.push(authorization(cat, statement, &offset));
    drafts.push(Draft::plain(tested_by(cat, record.tested_by.as_ref())));
    for (id, link) in [
        ("securing_this_product", &record.securing_this_product),
        ("general_user_information", &record.general_user_information),
        ("delete_data", &record.delete_data),
        ("account_deactivation", &record.account_deactivation),
        (
            "encryption_and_key_management",
            &record.encryption_and_key_management,
        ),
    ] {
        drafts.push(Draft::plain(link_fact(cat, id, link.as_ref())));
    }
    drafts.push(Draft::plain(parts(cat, record)));
    drafts.push(Draft::plain(security_contact(
        cat,
        record.security_contact.as_deref(),
    )));

    // The verdict: the worst finding, then the support period, then how many other problems.
    // A record that is not signed never opens with "This label is real": it says so first.
    let signed = view.alg.is_some();
    let chosen = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.headline.as_ref().map(|h| (i, h)))
        .max_by(|(_, a), (_, b)| a.tone.cmp(&b.tone).then(b.rank.cmp(&a.rank)))
        .filter(|_| signed);
    let support_index = drafts.iter().position(|d| d.fact.id == "support");
    let mut parts = Vec::new();
    match chosen {
        Some((_, headline)) => parts.push(headline.words.clone()),
        None if !signed => parts.push(cat.msg("verdict-unsigned")),
        None => parts.push(match source {
            Source::Fresh => cat.msg("verdict-genuine"),
            Source::Saved { .. } => cat.msg("verdict-genuine-saved"),
        }),
    }
    if chosen.map(|(i, _)| Some(i)) != Some(support_index) {
        parts.push(support_sentence);
    }
    let others = drafts
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            d.fact.tone == Tone::Bad
                && Some(*i) != chosen.map(|(c, _)| c)
                && Some(*i) != support_index
        })
        .count();
    if others > 0 {
        parts.push(cat.fmt(
            "verdict-more-problems",
            &[("count", Arg::Num(others as i64))],
        ));
    }
    let mut tone = chosen.map(|(_, h)| h.tone).unwrap_or(Tone::Good);
    for d in &drafts {
        if matches!(
            d.fact.id.as_str(),
            "support" | "authorization" | "verification"
        ) && d.fact.tone != Tone::Neutral
        {
            tone = tone.max(d.fact.tone);
        }
    }
    let verdict = cat.join(parts);
    let facts = drafts.into_iter().map(|d| d.fact).collect();
    (
        Verdict {
            tone,
            text: verdict.text,
            spoken: verdict.spoken,
        },
        facts,
    )
}

/// "today", "yesterday", "on August 18, 2025" (after a verb: "checked ...").
fn on_day(cat: &Catalogue, today: NaiveDate, day: NaiveDate) -> Words {
    near_day(cat, today, day)
        .unwrap_or_else(|| cat.fmt("day-on", &[("date", when::date(cat, day).into())]))
}

/// "today", "yesterday", "August 18, 2025" (after "is" or "was": "the last day is ...").
fn which_day(cat: &Catalogue, today: NaiveDate, day: NaiveDate) -> Words {
    near_day(cat, today, day)
        .unwrap_or_else(|| cat.fmt("day-date", &[("date", when::date(cat, day).into())]))
}

fn near_day(cat: &Catalogue, today: NaiveDate, day: NaiveDate) -> Option<Words> {
    match when::distance(today, day) {
        Distance::Today => Some(cat.msg("day-today")),
        Distance::Yesterday => Some(cat.msg("day-yesterday")),
        Distance::Tomorrow => Some(cat.msg("day-tomorrow")),
        _ => None,
    }
}

fn verification(
    cat: &Catalogue,
    view: &RecordView,
    source: Source,
    today: NaiveDate,
    offset: &FixedOffset,
) -> Draft {
    let checked = when::local_date(view.checked_at, offset).unwrap_or(today);
    let checked_words = on_day(cat, today, checked);
    let mut parts = Vec::new();
    let mut tone = Tone::Good;
    match source {
        Source::Fresh if view.alg.is_none() => {}
        Source::Fresh => parts.push(cat.fmt("verify-checked", &[("when", checked_words.into())])),
        Source::Saved { offline } => {
            parts.push(cat.msg(if offline {
                "verify-saved-offline"
            } else {
                "verify-saved-unreachable"
            }));
            parts.push(cat.fmt("verify-saved-checked", &[("when", checked_words.into())]));
            tone = Tone::Neutral;
        }
    }
    if view.alg.is_none() {
        parts.push(cat.msg("verify-unsigned"));
        tone = Tone::Caution;
    }
    let mut headline = None;
    if view.expired {
        let issued = when::local_date(view.statement.iat, offset).unwrap_or(checked);
        parts.push(cat.fmt("verify-stale", &[("date", when::date(cat, issued).into())]));
        tone = Tone::Caution;
        headline = Some(Headline {
            tone,
            rank: 10,
            words: cat.msg("verdict-genuine-but-stale"),
        });
    }
    Draft {
        fact: fact(cat, "verification", tone, cat.join(parts)),
        headline,
    }
}

fn nonempty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

fn product(cat: &Catalogue, record: &Record) -> Fact {
    let name = nonempty(record.product_name.as_deref());
    let model = nonempty(record.product_model.as_deref());
    let maker = nonempty(record.manufacturer_name.as_deref())
        .or(nonempty(record.product_manufacturer.as_deref()));
    let a = |k: &'static str, v: &str| (k, Arg::from(theirs(v)));
    let (tone, body) = match (name, model, maker) {
        (Some(n), Some(m), Some(k)) => (
            Tone::Neutral,
            cat.fmt(
                "product-name-model-maker",
                &[a("name", n), a("model", m), a("maker", k)],
            ),
        ),
        (Some(n), None, Some(k)) => (
            Tone::Neutral,
            cat.fmt("product-name-maker", &[a("name", n), a("maker", k)]),
        ),
        (Some(n), Some(m), None) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-name-model", &[a("name", n), a("model", m)]),
                cat.msg("product-maker-missing"),
            ]),
        ),
        (Some(n), None, None) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-name", &[a("name", n)]),
                cat.msg("product-maker-missing"),
            ]),
        ),
        (None, Some(m), Some(k)) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-model-maker", &[a("model", m), a("maker", k)]),
                cat.msg("product-name-missing"),
            ]),
        ),
        (None, None, Some(k)) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-maker", &[a("maker", k)]),
                cat.msg("product-name-missing"),
            ]),
        ),
        (None, Some(m), None) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-model", &[a("model", m)]),
                cat.msg("product-name-maker-missing"),
            ]),
        ),
        (None, None, None) => (Tone::Unknown, cat.msg("product-name-maker-missing")),
    };
    fact(cat, "product", tone, body)
}

/// The support fact, and the sentence the verdict uses for it.
fn support(cat: &Catalogue, statement: &Statement, today: NaiveDate) -> (Draft, Words) {
    let record = &statement.record;
    let label_date = record.support_date();
    if statement.is_unsupported() {
        let mut parts = vec![cat.msg("support-unsupported")];
        if let DateField::Given(d) = label_date {
            parts.push(cat.fmt("support-label-date", &[("date", when::date(cat, d).into())]));
        }
        let headline = Headline {
            tone: Tone::Bad,
            rank: 2,
            words: cat.msg("verdict-genuine-but-unsupported"),
        };
        let draft = Draft {
            fact: fact(cat, "support", Tone::Bad, cat.join(parts)),
            headline: Some(headline),
        };
        return (draft, cat.msg("verdict-support-unsupported"));
    }
    let extended = DateField::parse(
        statement
            .support
            .as_ref()
            .and_then(|s| s.extended_on.as_deref()),
    );
    let mut notes = Vec::new();
    let effective = match (&label_date, &extended) {
        (_, DateField::Given(new)) if label_date.date().is_none_or(|old| *new > old) => {
            if let DateField::Given(old) = label_date {
                notes.push(cat.fmt("support-extended", &[("date", when::date(cat, old).into())]));
            }
            DateField::Given(*new)
        }
        (_, DateField::Malformed(_)) => {
            notes.push(cat.msg("support-extended-malformed"));
            label_date.clone()
        }
        _ => label_date.clone(),
    };
    let day = match effective {
        DateField::Given(day) => day,
        DateField::Missing => {
            let f = fact(
                cat,
                "support",
                Tone::Unknown,
                cat.join([cat.msg("support-missing")].into_iter().chain(notes)),
            );
            return (Draft::plain(f), cat.msg("verdict-support-unknown"));
        }
        DateField::Malformed(_) => {
            let f = fact(
                cat,
                "support",
                Tone::Unknown,
                cat.join([cat.msg("support-malformed")].into_iter().chain(notes)),
            );
            return (Draft::plain(f), cat.msg("verdict-support-unknown"));
        }
    };
    let date = when::date(cat, day);
    let distance = when::distance(today, day);
    let soon_limit = today
        .checked_add_months(Months::new(SOON_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    let date_arg = || -> [(&str, Arg); 1] { [("date", (&date).into())] };
    let (tone, mut parts, sentence) = match distance {
        Distance::Today => (
            Tone::Caution,
            vec![cat.fmt("support-ends-today", &date_arg())],
            cat.msg("verdict-support-today"),
        ),
        Distance::Tomorrow => (
            Tone::Caution,
            vec![cat.fmt("support-ends-tomorrow", &date_arg())],
            cat.msg("verdict-support-tomorrow"),
        ),
        Distance::Yesterday => (
            Tone::Bad,
            vec![cat.fmt("support-ended-yesterday", &date_arg())],
            cat.msg("verdict-support-yesterday"),
        ),
        Distance::Days(_, true) | Distance::Months(_, true) => {
            let tone = if day <= soon_limit {
                Tone::Caution
            } else {
                Tone::Good
            };
            (
                tone,
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
            )
        }
        Distance::Days(_, false) | Distance::Months(_, false) => (
            Tone::Bad,
            vec![
                cat.fmt("support-ended", &date_arg()),
                when::relative_sentence(cat, distance),
            ],
            cat.fmt("verdict-support-ended", &date_arg()),
        ),
    };
    parts.extend(notes);
    let headline = match tone {
        Tone::Bad => Some(Headline {
            tone,
            rank: 2,
            words: cat.fmt(
                "verdict-genuine-but-ended",
                &[("when", which_day(cat, today, day).into())],
            ),
        }),
        Tone::Caution => Some(Headline {
            tone,
            rank: 12,
            words: cat.fmt(
                "verdict-genuine-but-ending",
                &[("when", which_day(cat, today, day).into())],
            ),
        }),
        _ => None,
    };
    (
        Draft {
            fact: fact(cat, "support", tone, cat.join(parts)),
            headline,
        },
        sentence,
    )
}

/// A value this version does not know, shown as written; said with spaces for "_" and "/"
/// so a screen reader does not spell out the symbols.
fn raw(value: &str) -> Words {
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

fn updates(cat: &Catalogue, record: &Record) -> Draft {
    let Some(info) = &record.security_update_information else {
        return Draft::plain(fact(
            cat,
            "updates",
            Tone::Unknown,
            cat.msg("updates-missing"),
        ));
    };
    let other_text = nonempty(record.security_update_information_other.as_deref());
    let mut parts = Vec::new();
    let mut other_told = false;
    let mut tell_other = |parts: &mut Vec<Words>| {
        if !other_told {
            other_told = true;
            parts.push(match other_text {
                Some(t) => cat.join([cat.msg("updates-other-says"), quoted(cat, t)]),
                None => cat.msg("updates-other-missing"),
            });
        }
    };
    let tone = match &info.update_default {
        None => {
            parts.push(cat.msg("updates-default-missing"));
            Tone::Unknown
        }
        Some(method) => {
            match method {
                UpdateMethod::Other => {
                    parts.push(cat.msg("updates-other"));
                    tell_other(&mut parts);
                }
                UpdateMethod::Unrecognized(v) => {
                    parts.push(cat.fmt("updates-unrecognized", &[("value", raw(v).into())]))
                }
                m => parts.push(cat.msg(&format!("updates-{}", update_key(m)))),
            }
            match method {
                UpdateMethod::AutomaticMayOptOut
                | UpdateMethod::AutomaticMayNotOptOut
                | UpdateMethod::ConsentBased => Tone::Good,
                UpdateMethod::Manual => Tone::Caution,
                UpdateMethod::NoUpdates => Tone::Bad,
                UpdateMethod::Other => Tone::Neutral,
                UpdateMethod::NotDisclosed | UpdateMethod::Unrecognized(_) => Tone::Unknown,
            }
        }
    };
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
    let headline = (tone == Tone::Bad).then(|| Headline {
        tone,
        rank: 3,
        words: cat.msg("verdict-genuine-but-no-updates"),
    });
    Draft {
        fact: fact(cat, "updates", tone, cat.join(parts)),
        headline,
    }
}

fn sensors(cat: &Catalogue, record: &Record) -> Draft {
    let Some(list) = &record.sensor_data_collection else {
        return Draft::plain(fact(
            cat,
            "sensors",
            Tone::Unknown,
            cat.msg("sensors-missing"),
        ));
    };
    let mut parts = Vec::new();
    let mut tone = Tone::Neutral;
    for (sensing, key) in [
        (Sensing::Images, "images"),
        (Sensing::Audio, "audio"),
        (Sensing::Position, "position"),
    ] {
        let state = match record.has_sensor(&sensing) {
            Some(true) => "yes",
            Some(false) => "no",
            None => {
                tone = Tone::Unknown;
                "unsaid"
            }
        };
        parts.push(cat.msg(&format!("sensor-{key}-{state}")));
    }
    let mut others: Vec<&str> = Vec::new();
    for item in list {
        if let Some(Sensing::Unrecognized(v)) = &item.sensing {
            if !others.contains(&v.as_str()) {
                others.push(v);
                let key = if item.has {
                    "sensor-other-yes"
                } else {
                    "sensor-other-no"
                };
                parts.push(cat.fmt(key, &[("value", raw(v).into())]));
            }
        }
    }
    Draft::plain(fact(cat, "sensors", tone, cat.join(parts)))
}

fn access_key(option: &AccessOption) -> &'static str {
    match option {
        AccessOption::Password => "password",
        AccessOption::Biometric => "biometric",
        AccessOption::Passkey => "passkey",
        AccessOption::Mfa => "mfa",
        AccessOption::NoControl => "no-control",
        AccessOption::MultiAccount => "multi-account",
        AccessOption::SingleAccount => "single-account",
        AccessOption::OptionalAccount => "optional-account",
        AccessOption::NoAccount => "no-account",
        AccessOption::NotDisclosed => "not-disclosed",
        AccessOption::Unrecognized(_) => "unrecognized",
    }
}

fn sign_in(cat: &Catalogue, record: &Record) -> Draft {
    let Some(access) = &record.access_control else {
        return Draft::plain(fact(
            cat,
            "sign_in",
            Tone::Unknown,
            cat.msg("signin-missing"),
        ));
    };
    let mut options: Vec<&AccessOption> = Vec::new();
    for option in access
        .password_options
        .iter()
        .flatten()
        .chain(access.password_factory_default.as_ref())
    {
        if !options.contains(&option) {
            options.push(option);
        }
    }
    let mut parts = Vec::new();
    // Password and passkey in one sentence ("a password or a passkey"); face, fingerprint or
    // voice in a sentence of its own, so no list nests inside another.
    let is_method = |o: &AccessOption| matches!(o, AccessOption::Password | AccessOption::Passkey);
    let methods: Vec<Words> = options
        .iter()
        .filter(|o| is_method(o))
        .map(|o| cat.msg(&format!("signin-method-{}", access_key(o))))
        .collect();
    let mut methods_told = false;
    for option in &options {
        if is_method(option) {
            if !methods_told {
                methods_told = true;
                parts.push(cat.fmt("signin-with", &[("methods", cat.or_list(&methods).into())]));
                if options.contains(&&AccessOption::Passkey) {
                    parts.push(cat.msg("signin-passkey-explained"));
                }
                if options.contains(&&AccessOption::Biometric) {
                    parts.push(cat.msg("signin-biometric-also"));
                }
            }
            continue;
        }
        if **option == AccessOption::Biometric && !methods.is_empty() {
            continue; // said with the other methods
        }
        parts.push(match option {
            AccessOption::Unrecognized(v) => {
                cat.fmt("signin-unrecognized", &[("value", raw(v).into())])
            }
            o => cat.msg(&format!("signin-{}", access_key(o))),
        });
    }
    if options.is_empty() {
        parts.push(cat.msg("signin-missing"));
    }
    if let Some(first @ (AccessOption::Biometric | AccessOption::Passkey | AccessOption::Mfa)) =
        &access.password_factory_default
    {
        let method = cat.msg(&format!("signin-method-{}", access_key(first)));
        parts.push(cat.fmt("signin-first", &[("method", method.into())]));
    }
    let mut fixed_password = false;
    match &access.password_type {
        Some(PasswordType::FactoryDefault) => {
            if access.user_changeable == Some(false) {
                fixed_password = true;
                parts.push(cat.msg("signin-factory-fixed"));
            } else {
                parts.push(cat.msg("signin-factory-changeable"));
            }
        }
        Some(PasswordType::UserGenerated) => parts.push(cat.msg("signin-own-password")),
        Some(PasswordType::Unrecognized(v)) => {
            parts.push(cat.fmt("signin-password-unrecognized", &[("value", raw(v).into())]))
        }
        None => {}
    }
    let has = |o: AccessOption| options.contains(&&o);
    let tone = if fixed_password {
        Tone::Bad
    } else if has(AccessOption::NoControl) {
        Tone::Caution
    } else if options.is_empty() || has(AccessOption::NotDisclosed) {
        Tone::Unknown
    } else if has(AccessOption::Mfa)
        || has(AccessOption::Passkey)
        || access.password_type == Some(PasswordType::UserGenerated)
    {
        Tone::Good
    } else {
        Tone::Neutral
    };
    let mut f = fact(cat, "sign_in", tone, cat.join(parts));
    if let Some(link) = web_link(access.password_change.as_ref()) {
        attach(cat, &mut f, "link-password-change", link);
    }
    let headline = fixed_password.then(|| Headline {
        tone,
        rank: 4,
        words: cat.msg("verdict-genuine-but-password"),
    });
    Draft { fact: f, headline }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Data,
    Software,
}

fn countries(statement: &Statement, kind: Kind) -> Vec<String> {
    let d = statement.disclosures.as_ref();
    let disclosure = match kind {
        Kind::Data => d.and_then(|d| d.data_location.as_ref()),
        Kind::Software => d.and_then(|d| d.software_origin.as_ref()),
    };
    disclosure.map(|d| d.countries.clone()).unwrap_or_default()
}

/// A country's name from its ISO 3166-1 alpha-2 code.
fn country(cat: &Catalogue, code: &str) -> Words {
    let code = code.trim();
    const NAMED: [&str; 8] = ["cn", "hk", "mo", "ru", "ir", "kp", "cu", "ve"];
    let lower = code.to_ascii_lowercase();
    if NAMED.contains(&lower.as_str()) {
        cat.msg(&format!("country-{lower}"))
    } else {
        // Letters spelled out, so a screen reader does not read "IN" as a word.
        let spelled: String = code
            .chars()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let code_words = Words::quote_both(code, &spelled, RECORD_LANG);
        cat.fmt("country-other", &[("code", code_words.into())])
    }
}

fn disclosure(cat: &Catalogue, kind: Kind, declaration: &Declaration, codes: Vec<String>) -> Draft {
    let (id, key, rank) = match kind {
        Kind::Data => ("data_location", "data", 5),
        Kind::Software => ("software_origin", "software", 6),
    };
    let (tone, body) = match declaration {
        Declaration::None => (Tone::Good, cat.msg(&format!("{key}-none"))),
        Declaration::HighRisk => {
            let names: Vec<Words> = codes
                .iter()
                .filter(|c| !c.trim().is_empty())
                .map(|c| country(cat, c))
                .collect();
            let first = if names.is_empty() {
                cat.msg(&format!("{key}-high-risk-unnamed"))
            } else {
                cat.fmt(
                    &format!("{key}-high-risk"),
                    &[
                        ("countries", cat.and_list(&names).into()),
                        ("count", (names.len() as i64).into()),
                    ],
                )
            };
            (
                Tone::Bad,
                cat.join([first, cat.msg("countries-of-concern")]),
            )
        }
        Declaration::NotDisclosed => (Tone::Unknown, cat.msg(&format!("{key}-not-disclosed"))),
        Declaration::Unrecognized(v) => (
            Tone::Unknown,
            cat.fmt(&format!("{key}-unrecognized"), &[("value", raw(v).into())]),
        ),
    };
    let headline = (tone == Tone::Bad).then(|| Headline {
        tone,
        rank,
        words: cat.msg(&format!("verdict-genuine-but-{key}")),
    });
    Draft {
        fact: fact(cat, id, tone, body),
        headline,
    }
}

fn authorization(cat: &Catalogue, statement: &Statement, offset: &FixedOffset) -> Draft {
    let record = &statement.record;
    let state = statement.authorization();
    let (tone, status) = match &state {
        AuthorizationState::Active => (Tone::Good, cat.msg("auth-active")),
        AuthorizationState::Suspended => (Tone::Bad, cat.msg("auth-suspended")),
        AuthorizationState::Withdrawn => (Tone::Bad, cat.msg("auth-withdrawn")),
        AuthorizationState::Expired => (Tone::Bad, cat.msg("auth-expired")),
        AuthorizationState::NotGiven => (Tone::Unknown, cat.msg("auth-not-given")),
        AuthorizationState::Unrecognized(v) => (
            Tone::Unknown,
            cat.fmt("auth-unrecognized", &[("value", raw(v).into())]),
        ),
    };
    let approver = record
        .authorized_by
        .as_ref()
        .and_then(|p| nonempty(p.name.as_deref()));
    let date = record.authorization_date();
    let approval = match (approver, &date) {
        (Some(who), DateField::Given(d)) => cat.fmt(
            "auth-approved-by-on",
            &[
                ("approver", theirs(who).into()),
                ("date", when::date(cat, *d).into()),
            ],
        ),
        (Some(who), DateField::Missing) => cat.join([
            cat.fmt("auth-approved-by", &[("approver", theirs(who).into())]),
            cat.msg("auth-date-missing"),
        ]),
        (Some(who), DateField::Malformed(_)) => cat.join([
            cat.fmt("auth-approved-by", &[("approver", theirs(who).into())]),
            cat.msg("auth-date-malformed"),
        ]),
        (None, DateField::Given(d)) => cat.join([
            cat.fmt("auth-approved-on", &[("date", when::date(cat, *d).into())]),
            cat.msg("auth-approver-missing"),
        ]),
        (None, _) => cat.msg("auth-approval-missing"),
    };
    let mut parts = vec![status, approval];
    if let Some(as_of) = statement.status.as_ref().and_then(|s| s.as_of.as_deref()) {
        if let Some(day) = when::local_date_rfc3339(as_of, offset) {
            parts.push(cat.fmt("auth-as-of", &[("date", when::date(cat, day).into())]));
        }
    }
    let mut f = fact(cat, "authorization", tone, cat.join(parts));
    if let Some(link) = contact_link(record.authorized_by.as_ref()) {
        let name = approver.unwrap_or_default();
        attach_with(
            cat,
            &mut f,
            "link-contact",
            &[("name", theirs(name).into())],
            link,
        );
    }
    let headline = (tone == Tone::Bad).then(|| Headline {
        tone,
        rank: 1,
        words: cat.msg(match state {
            AuthorizationState::Suspended => "verdict-genuine-but-suspended",
            AuthorizationState::Withdrawn => "verdict-genuine-but-withdrawn",
            _ => "verdict-genuine-but-expired",
        }),
    });
    Draft { fact: f, headline }
}

fn tested_by(cat: &Catalogue, lab: Option<&Party>) -> Fact {
    match lab.and_then(|p| nonempty(p.name.as_deref())) {
        Some(name) => {
            let mut f = fact(
                cat,
                "tested_by",
                Tone::Neutral,
                cat.fmt("tested-by", &[("lab", theirs(name).into())]),
            );
            if let Some(link) = contact_link(lab) {
                attach_with(
                    cat,
                    &mut f,
                    "link-contact",
                    &[("name", theirs(name).into())],
                    link,
                );
            }
            f
        }
        None => fact(cat, "tested_by", Tone::Unknown, cat.msg("tested-missing")),
    }
}

/// A link that may be followed: http or https only, never `javascript:` and the like.
enum Target {
    Web(Url),
    Email(String),
}

fn web_url(text: &str) -> Option<Url> {
    Url::parse(text.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

fn web_link(link: Option<&Link>) -> Option<Target> {
    link.and_then(|l| nonempty(l.url.as_deref()))
        .and_then(web_url)
        .map(Target::Web)
}

/// A plausible e-mail address: one `@`, text either side, a dot in the domain, no spaces.
fn email(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches("mailto:");
    let (user, domain) = text.split_once('@')?;
    let ok = !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c == '/' || c.is_control())
        && !domain.contains('@');
    ok.then(|| text.to_owned())
}

fn contact_target(text: &str) -> Option<Target> {
    web_url(text)
        .map(Target::Web)
        .or_else(|| email(text).map(Target::Email))
}

fn contact_link(party: Option<&Party>) -> Option<Target> {
    party
        .and_then(|p| nonempty(p.contact.as_deref()))
        .and_then(contact_target)
}

/// An e-mail address in both forms: "security at maker.example" for speech.
fn email_words(cat: &Catalogue, address: &str) -> Words {
    let (user, domain) = address.split_once('@').unwrap_or((address, ""));
    let spoken = cat.fmt(
        "email-spoken",
        &[
            ("user", theirs(user).into()),
            ("domain", theirs(domain).into()),
        ],
    );
    Words {
        text: theirs(address).text,
        spoken: spoken.spoken,
    }
}

fn attach(cat: &Catalogue, f: &mut Fact, title_id: &str, target: Target) {
    attach_with(cat, f, title_id, &[], target)
}

/// Adds the link, and says where it goes in the spoken form ("Link to maker.example.").
fn attach_with(
    cat: &Catalogue,
    f: &mut Fact,
    title_id: &str,
    args: &[(&str, Arg)],
    target: Target,
) {
    let title = cat.fmt(title_id, args).text;
    let (url, spoken) = match target {
        Target::Web(url) => {
            let host = url.host_str().unwrap_or_default().to_owned();
            (
                url.to_string(),
                cat.fmt("link-to", &[("host", theirs(&host).into())]),
            )
        }
        Target::Email(address) => {
            let words = email_words(cat, &address);
            (
                format!("mailto:{address}"),
                cat.fmt("link-email", &[("email", words.into())]),
            )
        }
    };
    f.spoken = cat
        .join([Words::same(f.spoken.clone()), Words::same(spoken.spoken)])
        .spoken;
    f.link = Some(FactLink {
        title,
        url,
        quotes: Vec::new(),
    });
}

fn link_fact(cat: &Catalogue, id: &str, link: Option<&Link>) -> Fact {
    let key = match id {
        "securing_this_product" => "secure",
        "general_user_information" => "about",
        "delete_data" => "delete",
        "account_deactivation" => "close",
        _ => "encryption",
    };
    let given = link.and_then(|l| nonempty(l.url.as_deref()));
    match (given, web_link(link)) {
        (_, Some(target)) => {
            let mut f = fact(cat, id, Tone::Neutral, cat.msg(&format!("{key}-yes")));
            attach(cat, &mut f, &format!("link-{key}"), target);
            f
        }
        (Some(_), None) => fact(cat, id, Tone::Unknown, cat.msg("link-invalid")),
        (None, None) => fact(cat, id, Tone::Unknown, cat.msg(&format!("{key}-missing"))),
    }
}

fn parts(cat: &Catalogue, record: &Record) -> Fact {
    let Some(lists) = &record.sbom_hbom_maintained else {
        return fact(cat, "sbom_hbom", Tone::Unknown, cat.msg("parts-missing"));
    };
    let (tone, key) = match (lists.sbom_maintained, lists.hbom_maintained) {
        (true, true) => (Tone::Good, "parts-both"),
        (true, false) => (Tone::Neutral, "parts-software-only"),
        (false, true) => (Tone::Neutral, "parts-hardware-only"),
        (false, false) => (Tone::Caution, "parts-neither"),
    };
    fact(
        cat,
        "sbom_hbom",
        tone,
        cat.join([cat.msg(key), cat.msg("parts-why")]),
    )
}

fn security_contact(cat: &Catalogue, contact: Option<&str>) -> Fact {
    let Some(contact) = nonempty(contact) else {
        return fact(
            cat,
            "security_contact",
            Tone::Unknown,
            cat.msg("contact-missing"),
        );
    };
    match contact_target(contact) {
        Some(Target::Web(url)) => {
            let mut f = fact(
                cat,
                "security_contact",
                Tone::Neutral,
                cat.msg("contact-web"),
            );
            attach(cat, &mut f, "link-contact-web", Target::Web(url));
            f
        }
        Some(Target::Email(address)) => {
            let words = email_words(cat, &address);
            let mut f = fact(
                cat,
                "security_contact",
                Tone::Neutral,
                cat.fmt("contact-email", &[("email", words.into())]),
            );
            // The text already says the address; the link only makes it tappable.
            let spoken = f.spoken.clone();
            attach(cat, &mut f, "link-contact-email", Target::Email(address));
            f.spoken = spoken;
            f
        }
        None => fact(
            cat,
            "security_contact",
            Tone::Unknown,
            cat.msg("contact-invalid"),
        ),
    }
}
