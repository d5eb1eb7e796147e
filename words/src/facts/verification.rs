//! The verification fact: what the protocol's checks found. For a result without a record
//! (not official, not a label, unknown, failed a check, or no result at all) it is the only
//! fact, and it sets the verdict.

use chrono::{FixedOffset, NaiveDate};

use trustlabel_protocol::{CheckFailure, LookalikeWarning, RecordView, ScanErrorKind};

use super::super::catalogue::{Catalogue, Words};
use super::super::when;
use super::{fact, Draft, Fact, FactId, Headline, Rank, Source, Tone, Verdict};

/// Longest part of a code's text shown for "not a label".
const MAX_SHOWN_TEXT: usize = 120;

/// The verdict's tone for a code that is not a link: nothing is wrong, it is just not a label.
pub(super) const NOT_A_LABEL_TONE: Tone = Tone::Caution;
/// The verdict's tone for a link that is not official, unknown to its registry, or whose
/// answer failed a check: nothing about the product can be believed.
pub(super) const REFUSED_TONE: Tone = Tone::Bad;

/// How the verification fact of a shown record feels: a caution when it is not signed or
/// out of date, neutral for a saved copy, good when checked just now.
pub(super) fn tone(view: &RecordView, source: Source) -> Tone {
    if view.alg().is_none() || view.expired() {
        Tone::Caution
    } else if matches!(source, Source::Saved { .. }) {
        Tone::Neutral
    } else {
        Tone::Good
    }
}

pub(super) fn verification(
    cat: &Catalogue,
    view: &RecordView,
    source: Source,
    today: NaiveDate,
    offset: &FixedOffset,
) -> Draft {
    let checked = when::local_date(view.checked_at(), offset).unwrap_or(today);
    let checked_words = when::on_day(cat, today, checked);
    let mut parts = Vec::new();
    match source {
        Source::Fresh if view.alg().is_none() => {}
        Source::Fresh => parts.push(cat.fmt("verify-checked", &[("when", checked_words.into())])),
        Source::Saved { offline } => {
            parts.push(cat.msg(if offline {
                "verify-saved-offline"
            } else {
                "verify-saved-unreachable"
            }));
            parts.push(cat.fmt("verify-saved-checked", &[("when", checked_words.into())]));
        }
    }
    if view.alg().is_none() {
        parts.push(cat.msg("verify-unsigned"));
    }
    let tone = tone(view, source);
    let mut headline = None;
    if view.expired() {
        let issued = when::local_date(view.statement().iat, offset).unwrap_or(checked);
        parts.push(cat.fmt("verify-stale", &[("date", when::date(cat, issued).into())]));
        headline = Some(Headline {
            tone,
            rank: Rank::StaleRecord,
            words: cat.msg("verdict-genuine-but-stale"),
        });
    }
    Draft {
        fact: fact(cat, FactId::Verification, tone, cat.join(parts)),
        headline,
    }
}

/// The tone of the trust-list fact, and of its headline.
pub(super) const OLD_TRUST_LIST_TONE: Tone = Tone::Caution;

pub(super) fn trust_list_fact(cat: &Catalogue) -> Draft {
    Draft {
        fact: fact(
            cat,
            FactId::TrustList,
            OLD_TRUST_LIST_TONE,
            cat.msg("trust-list-old"),
        ),
        headline: Some(Headline {
            tone: OLD_TRUST_LIST_TONE,
            rank: Rank::OldTrustList,
            words: cat.msg("verdict-genuine-but-trust-list"),
        }),
    }
}

/// The verdict's tone and words, and the facts, of a result without a record.
pub(super) type Unshown = (Tone, Words, Vec<Fact>);

pub(super) fn not_official(
    cat: &Catalogue,
    host: &str,
    display_host: &str,
    warnings: &[LookalikeWarning],
) -> Unshown {
    let host_words = Words::same(display_host);
    let mut parts = vec![cat.fmt("verify-not-official", &[("host", (&host_words).into())])];
    if display_host != host {
        parts.push(cat.fmt("verify-host-ascii", &[("ascii", host.into())]));
    }
    parts.extend(warnings.iter().map(|w| warning(cat, w)));
    parts.push(cat.msg("verify-open-nothing"));
    let verification = fact(cat, FactId::Verification, REFUSED_TONE, cat.join(parts));
    let verdict = cat.fmt("verdict-not-official", &[("host", host_words.into())]);
    (REFUSED_TONE, verdict, vec![verification])
}

pub(super) fn not_a_label(cat: &Catalogue, text: &str) -> Unshown {
    let verification = fact(
        cat,
        FactId::Verification,
        NOT_A_LABEL_TONE,
        cat.msg("verify-not-a-label"),
    );
    let shown = shown_text(text);
    let code = fact(
        cat,
        FactId::CodeText,
        Tone::Neutral,
        cat.fmt("code-text", &[("text", shown.as_str().into())]),
    );
    (
        NOT_A_LABEL_TONE,
        cat.msg("verdict-not-a-label"),
        vec![verification, code],
    )
}

pub(super) fn unknown_product(cat: &Catalogue) -> Unshown {
    let verification = fact(
        cat,
        FactId::Verification,
        REFUSED_TONE,
        cat.msg("verify-unknown-product"),
    );
    (
        REFUSED_TONE,
        cat.msg("verdict-unknown-product"),
        vec![verification],
    )
}

pub(super) fn invalid(cat: &Catalogue, reason: CheckFailure) -> Unshown {
    let body = cat.join([
        cat.fmt(
            "verify-invalid",
            &[("reason", reason_words(cat, reason).into())],
        ),
        cat.msg("verify-invalid-hidden"),
    ]);
    let verification = fact(cat, FactId::Verification, REFUSED_TONE, body);
    (REFUSED_TONE, cat.msg("verdict-invalid"), vec![verification])
}

/// The verdict and the one fact of a scan that produced no result, quote marks still in.
pub(super) fn error(cat: &Catalogue, error: ScanErrorKind) -> (Verdict, Vec<Fact>) {
    let (verdict, body) = match error {
        ScanErrorKind::Unreachable => ("verdict-error-check", cat.msg("error-unreachable")),
        ScanErrorKind::NotCached => ("verdict-error-offline", cat.msg("error-not-cached")),
        ScanErrorKind::Storage => ("verdict-error-check", cat.msg("error-storage")),
        ScanErrorKind::Decode => ("verdict-error-decode", cat.msg("error-decode")),
        ScanErrorKind::TrustList(reason) => (
            "verdict-error-check",
            cat.fmt(
                "error-trust-list",
                &[("reason", reason_words(cat, reason).into())],
            ),
        ),
        ScanErrorKind::TrustListFault => ("verdict-error-check", cat.msg("error-trust-list-fault")),
        ScanErrorKind::Network => ("verdict-error-check", cat.msg("error-network")),
    };
    let verdict = cat.msg(verdict);
    let facts = vec![fact(cat, FactId::Verification, Tone::Unknown, body)];
    (
        Verdict {
            tone: Tone::Unknown,
            text: verdict.text,
            spoken: verdict.spoken,
        },
        facts,
    )
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
pub(super) fn reason_words(cat: &Catalogue, reason: CheckFailure) -> Words {
    cat.msg(&format!("reason-{}", reason.code().replace('_', "-")))
}
