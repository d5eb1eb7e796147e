//! The authorization and tested-by facts: who approved the label, whether the approval still
//! stands, and which lab tested the product.

use chrono::FixedOffset;

use trustlabel_protocol::{AuthorizationState, DateField, Party, Statement};

use super::super::catalogue::{Catalogue, Words};
use super::super::when;
use super::links::{attach_with, contact_link};
use super::{fact, nonempty, raw, theirs, Draft, Fact, FactId, Headline, Rank, Tone};

/// How the approval's state feels: any withdrawal (suspended, withdrawn, expired) voids the
/// label; an approval not given or not understood is unknown.
pub(super) fn tone(state: &AuthorizationState) -> Tone {
    match state {
        AuthorizationState::Active => Tone::Good,
        AuthorizationState::Suspended
        | AuthorizationState::Withdrawn
        | AuthorizationState::Expired => Tone::Bad,
        AuthorizationState::NotGiven | AuthorizationState::Unrecognized(_) => Tone::Unknown,
    }
}

pub(super) fn authorization(cat: &Catalogue, statement: &Statement, offset: &FixedOffset) -> Draft {
    let record = &statement.record;
    let state = statement.authorization();
    let tone = tone(&state);
    let status = match &state {
        AuthorizationState::Active => cat.msg("auth-active"),
        AuthorizationState::Suspended => cat.msg("auth-suspended"),
        AuthorizationState::Withdrawn => cat.msg("auth-withdrawn"),
        AuthorizationState::Expired => cat.msg("auth-expired"),
        AuthorizationState::NotGiven => cat.msg("auth-not-given"),
        AuthorizationState::Unrecognized(v) => {
            cat.fmt("auth-unrecognized", &[("value", raw(v).into())])
        }
    };
    let approver = record
        .authorized_by
        .as_ref()
        .and_then(|p| nonempty(p.name.as_deref()));
    let mut parts = vec![
        status,
        approval(cat, approver, &record.authorization_date()),
    ];
    if let Some(as_of) = statement.status.as_ref().and_then(|s| s.as_of.as_deref()) {
        if let Some(day) = when::local_date_rfc3339(as_of, offset) {
            parts.push(cat.fmt("auth-as-of", &[("date", when::date(cat, day).into())]));
        }
    }
    let mut f = fact(cat, FactId::Authorization, tone, cat.join(parts));
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
        rank: Rank::Authorization,
        words: cat.msg(match state {
            AuthorizationState::Suspended => "verdict-genuine-but-suspended",
            AuthorizationState::Withdrawn => "verdict-genuine-but-withdrawn",
            _ => "verdict-genuine-but-expired",
        }),
    });
    Draft { fact: f, headline }
}

/// Who approved the label and when, saying which of the two the record leaves out.
fn approval(cat: &Catalogue, approver: Option<&str>, date: &DateField) -> Words {
    match (approver, date) {
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
    }
}

pub(super) fn tested_by(cat: &Catalogue, lab: Option<&Party>) -> Fact {
    match lab.and_then(|p| nonempty(p.name.as_deref())) {
        Some(name) => {
            let mut f = fact(
                cat,
                FactId::TestedBy,
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
        None => fact(
            cat,
            FactId::TestedBy,
            Tone::Unknown,
            cat.msg("tested-missing"),
        ),
    }
}
