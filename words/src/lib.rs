//! trustlabel-words: a scan result in plain words. A verdict first, then ordered facts, each
//! with a tone, a title, a text, a spoken form and maybe a link. Five languages (English and
//! Spanish as spoken in the US, Simplified and Traditional Chinese, Vietnamese: [`LOCALES`]);
//! every word comes from the Fluent catalogues in `words/locales/`.
//!
//! It depends on the protocol's types only (`trustlabel-protocol`), so the apps (through the
//! core) and the registry's consumer pages say the same thing with no I/O linked in.
//!
//! ```text
//! summarize(&result, "es-MX", now)  ->  Summary { locale: "es-US", outcome: Verified,
//!     verdict: { tone: good, text: "Etiqueta auténtica. ...", spoken: ... },
//!     facts: [ verification, product, support, updates, sensors, sign_in, data_location,
//!              software_origin, authorization, tested_by, securing_this_product, ... ] }
//! ```
//!
//! Fact ids are a public contract (snake_case, stable). The order is the product's: the
//! verification first, then the CTA-2120 consumer page, then its technical page. Nothing a
//! record leaves out is skipped: a missing field is a fact with tone `unknown` that says so.
//!
//! Relative times ("about 1 year and 9 months from now", "ended yesterday") are computed from
//! `now.date_naive()`: the calendar date on the device, in its own time zone.

#![forbid(unsafe_code)]

mod catalogue;
mod fact_id;
mod facts;
mod when;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use trustlabel_protocol::{OutcomeKind, ScanErrorKind, ScanResult, Tone};

pub use fact_id::FactId;

pub use catalogue::{
    problems as catalogue_problems, resolve_accept_language, resolve_locale, supported_locale,
    QuotedSpan, Words, LOCALES, RECORD_LANG,
};

#[doc(hidden)]
pub use catalogue::files as catalogue_files;

/// For the feature modules (audit, watchlist, compare): their words come from the same
/// catalogues, and dates are said the same way.
pub use catalogue::{Arg, Catalogue};
pub use when::date as date_words;

/// The tone as a short word for people ("Good", "Problem"; "Bien", "Problema"), for layouts
/// that also show colour or an icon.
pub fn tone_word(tone: Tone, locale: &str) -> String {
    catalogue::Catalogue::new(locale)
        .msg(&format!("tone-{}", tone.code()))
        .text
}

/// A catalogue message by id, in `locale` (resolved as [`resolve_locale`] does), with its
/// arguments. For pages built around a summary (the registry's consumer page), so that they
/// keep no second copy of the words.
pub fn message(id: &str, locale: &str, args: &[(&str, Words)]) -> Words {
    let cat = catalogue::Catalogue::new(locale);
    let args: Vec<(&str, catalogue::Arg)> = args.iter().map(|(k, v)| (*k, v.into())).collect();
    cat.fmt(id, &args)
}

/// A calendar day in words, as the summary writes dates ("August 31, 2028").
pub fn date_in_words(day: chrono::NaiveDate, locale: &str) -> Words {
    when::date(&catalogue::Catalogue::new(locale), day)
}

/// Short texts around a summary that a user interface shows (the command line's labels and
/// notices), from the same catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiText<'a> {
    /// "Address": the label link a result is about.
    Address,
    /// "Details": the technical message of an error.
    Details,
    /// The offline cache was damaged and moved to `path`; a new one was started.
    CacheRecreated {
        /// Where the damaged cache now is.
        path: &'a str,
    },
    /// Another process uses the offline cache; this run keeps nothing.
    CacheTemporary,
}

impl UiText<'_> {
    /// One of each, for tests.
    pub const ALL: [UiText<'static>; 4] = [
        UiText::Address,
        UiText::Details,
        UiText::CacheRecreated { path: "/tmp/cache" },
        UiText::CacheTemporary,
    ];
}

/// A user-interface text in the caller's language.
pub fn ui_text(key: UiText<'_>, locale: &str) -> String {
    let cat = catalogue::Catalogue::new(locale);
    match key {
        UiText::Address => cat.msg("ui-address"),
        UiText::Details => cat.msg("ui-details"),
        UiText::CacheRecreated { path } => cat.fmt("ui-cache-recreated", &[("path", path.into())]),
        UiText::CacheTemporary => cat.msg("ui-cache-temporary"),
    }
    .text
}

/// What a live scan session says while it looks for a label (shown and read aloud).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionText {
    /// Looking for a code.
    Searching,
    /// Something like a code is in view, not read yet.
    HoldStill,
    /// The code is too small to read.
    MoveCloser,
    /// The frame is too dark.
    MoreLight,
    /// Several codes in view.
    OnlyOneCode,
    /// Asking the registry.
    Checking,
    /// The check was stopped.
    Cancelled,
}

impl SessionText {
    /// Each of them, for tests.
    pub const ALL: [SessionText; 7] = [
        SessionText::Searching,
        SessionText::HoldStill,
        SessionText::MoveCloser,
        SessionText::MoreLight,
        SessionText::OnlyOneCode,
        SessionText::Checking,
        SessionText::Cancelled,
    ];
}

/// A live scan session's words in the caller's language, with their spoken form.
pub fn session_text(key: SessionText, locale: &str) -> Words {
    let cat = catalogue::Catalogue::new(locale);
    cat.msg(match key {
        SessionText::Searching => "session-searching",
        SessionText::HoldStill => "session-hold-still",
        SessionText::MoveCloser => "session-move-closer",
        SessionText::MoreLight => "session-more-light",
        SessionText::OnlyOneCode => "session-only-one-code",
        SessionText::Checking => "session-checking",
        SessionText::Cancelled => "session-cancelled",
    })
}

/// A result (or an error) in words: the verdict first, then one fact per finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The catalogue used: one of [`LOCALES`].
    pub locale: String,
    /// What it is about: the scan's outcome, or the failure that left nothing to show.
    /// Serialised as its code (`verified`, `not_official`, ..., `not_cached`).
    pub outcome: SummaryOutcome,
    /// The first thing to show and say.
    pub verdict: Verdict,
    /// The facts, most important first.
    pub facts: Vec<Fact>,
}

/// What a [`Summary`] is about: a scan's outcome ([`OutcomeKind`]), or the failure that left
/// nothing to show ([`ScanErrorKind`]; both trust-list failures are [`TrustList`]). Its
/// snake_case names are the `outcome` codes of the JSON, a public contract.
///
/// [`TrustList`]: SummaryOutcome::TrustList
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SummaryOutcome {
    /// Checked with the registry just now.
    Verified,
    /// Checked with the registry, but the statement has expired.
    VerifiedStale,
    /// From a registry that does not sign: read over HTTPS, not verified.
    Unsigned,
    /// From the offline cache, the registry not asked.
    OfflineCached,
    /// A web link, but not to an official registry.
    NotOfficial,
    /// Not a web link at all.
    NotALabel,
    /// The registry has no record for this label.
    UnknownProduct,
    /// The registry's answer failed a check.
    Invalid,
    /// Failed: the registry could not be reached and the label is not saved.
    Unreachable,
    /// Failed: offline, and the label is not saved.
    NotCached,
    /// Failed: the offline cache could not be read or written.
    Storage,
    /// Failed: the frame or photo could not be read.
    Decode,
    /// Failed: the trust list was refused or cannot be used.
    TrustList,
    /// Failed: the HTTP client could not be set up.
    Network,
}

impl SummaryOutcome {
    /// Every case: the scan outcomes in [`OutcomeKind::ALL`]'s order, then the failures.
    pub const ALL: [SummaryOutcome; 14] = [
        SummaryOutcome::Verified,
        SummaryOutcome::VerifiedStale,
        SummaryOutcome::Unsigned,
        SummaryOutcome::OfflineCached,
        SummaryOutcome::NotOfficial,
        SummaryOutcome::NotALabel,
        SummaryOutcome::UnknownProduct,
        SummaryOutcome::Invalid,
        SummaryOutcome::Unreachable,
        SummaryOutcome::NotCached,
        SummaryOutcome::Storage,
        SummaryOutcome::Decode,
        SummaryOutcome::TrustList,
        SummaryOutcome::Network,
    ];

    /// The snake_case name, as in JSON: [`OutcomeKind::code`] or [`ScanErrorKind::code`].
    pub fn code(&self) -> &'static str {
        match self {
            SummaryOutcome::Verified => "verified",
            SummaryOutcome::VerifiedStale => "verified_stale",
            SummaryOutcome::Unsigned => "unsigned",
            SummaryOutcome::OfflineCached => "offline_cached",
            SummaryOutcome::NotOfficial => "not_official",
            SummaryOutcome::NotALabel => "not_a_label",
            SummaryOutcome::UnknownProduct => "unknown_product",
            SummaryOutcome::Invalid => "invalid",
            SummaryOutcome::Unreachable => "unreachable",
            SummaryOutcome::NotCached => "not_cached",
            SummaryOutcome::Storage => "storage",
            SummaryOutcome::Decode => "decode",
            SummaryOutcome::TrustList => "trust_list",
            SummaryOutcome::Network => "network",
        }
    }

    /// The case with this code, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    /// A checked record is shown: verified just now, or verified but its statement expired.
    pub fn is_verified(&self) -> bool {
        matches!(
            self,
            SummaryOutcome::Verified | SummaryOutcome::VerifiedStale
        )
    }
}

impl From<OutcomeKind> for SummaryOutcome {
    fn from(kind: OutcomeKind) -> Self {
        match kind {
            OutcomeKind::Verified => SummaryOutcome::Verified,
            OutcomeKind::VerifiedStale => SummaryOutcome::VerifiedStale,
            OutcomeKind::Unsigned => SummaryOutcome::Unsigned,
            OutcomeKind::OfflineCached => SummaryOutcome::OfflineCached,
            OutcomeKind::NotOfficial => SummaryOutcome::NotOfficial,
            OutcomeKind::NotALabel => SummaryOutcome::NotALabel,
            OutcomeKind::UnknownProduct => SummaryOutcome::UnknownProduct,
            OutcomeKind::Invalid => SummaryOutcome::Invalid,
        }
    }
}

impl From<ScanErrorKind> for SummaryOutcome {
    fn from(kind: ScanErrorKind) -> Self {
        match kind {
            ScanErrorKind::Unreachable => SummaryOutcome::Unreachable,
            ScanErrorKind::NotCached => SummaryOutcome::NotCached,
            ScanErrorKind::Storage => SummaryOutcome::Storage,
            ScanErrorKind::Decode => SummaryOutcome::Decode,
            ScanErrorKind::TrustList(_) | ScanErrorKind::TrustListFault => {
                SummaryOutcome::TrustList
            }
            ScanErrorKind::Network => SummaryOutcome::Network,
        }
    }
}

/// The first thing shown and said: reads well on its own and names the worst finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// How the verdict should feel (never shown by colour alone).
    pub tone: Tone,
    /// What to show.
    pub text: String,
    /// What a screen reader should say.
    pub spoken: String,
}

/// One finding about the label, worded: a title, a text and maybe a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Which fact; serialised as its stable snake_case id: `verification`, `support`, ...
    pub id: FactId,
    /// How the fact should feel (never shown by colour alone).
    pub tone: Tone,
    /// The fact's heading.
    pub title: String,
    /// What to show.
    pub text: String,
    /// What a screen reader should say: dates in words, links as "link to <host>".
    pub spoken: String,
    /// Where to read more: a maker's page, a contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<FactLink>,
    /// The record's own words in `text`, with their language (see [`QuotedSpan`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuotedSpan>,
    /// The same for `spoken`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spoken_quotes: Vec<QuotedSpan>,
}

/// A link a fact offers: the maker's page, a contact address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactLink {
    /// The words to show for the link.
    pub title: String,
    /// `https://...` or `mailto:...` (`trustlabel_protocol::checked_link`).
    pub url: String,
    /// The record's own words in `title` ("Contact <lab>"), with their language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuotedSpan>,
}

/// Summarises any scan result. `now` is the device's local time with its UTC offset.
pub fn summarize(result: &ScanResult, locale: &str, now: DateTime<FixedOffset>) -> Summary {
    let cat = catalogue::Catalogue::new(locale);
    let (verdict, facts) = facts::outcome(&cat, result, now);
    Summary {
        locale: cat.locale.to_owned(),
        outcome: result.outcome.kind().into(),
        verdict,
        facts,
    }
}

/// The verdict's tone alone, as history keeps it. It does not depend on the language, nor on
/// the few hours of the time zone's offset: it is taken at the scan's own time, in UTC. It
/// is decided as [`summarize`] decides it, without wording the facts.
pub fn verdict_tone(result: &ScanResult) -> Tone {
    let scanned = chrono::DateTime::from_timestamp(result.scanned_at, 0).unwrap_or_default();
    facts::verdict_tone(result, scanned.date_naive())
}

/// Summarises a scan that produced no result (the registry could not be reached and the
/// label is not saved, the image could not be read, ...).
/// The error is given as its kind: the scanner's `&ScanError` converts into one.
pub fn summarize_error(error: impl Into<ScanErrorKind>, locale: &str) -> Summary {
    let cat = catalogue::Catalogue::new(locale);
    let error = error.into();
    let (verdict, facts) = facts::error(&cat, error);
    Summary {
        locale: cat.locale.to_owned(),
        outcome: error.into(),
        verdict,
        facts,
    }
}

/// What a history headline is said from: the kind of outcome, the verdict's tone when it
/// was scanned, and whether the record came from a registry that does not sign. History
/// keeps these three (its entry converts into this).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PastScan {
    /// Which outcome it was.
    pub outcome: OutcomeKind,
    /// The verdict's tone when it was scanned.
    pub tone: Tone,
    /// The record came from a registry that does not sign.
    pub unsigned: bool,
}

/// The one-line verdict of a history entry, in `locale`. It says what kind of result it was,
/// never registry details: those are shown only after the label is verified again.
pub fn history_headline(entry: impl Into<PastScan>, locale: &str) -> Verdict {
    let entry = entry.into();
    let cat = catalogue::Catalogue::new(locale);
    let words = match entry.outcome {
        // First: a saved copy of an unsigned record is `offline_cached` too, and nothing
        // unsigned is ever called real.
        _ if entry.unsigned => cat.msg("verdict-unsigned"),
        OutcomeKind::Verified | OutcomeKind::VerifiedStale | OutcomeKind::OfflineCached
            if entry.tone <= Tone::Neutral =>
        {
            cat.msg("verdict-genuine")
        }
        OutcomeKind::Verified | OutcomeKind::VerifiedStale | OutcomeKind::OfflineCached => {
            cat.msg("history-genuine-problems")
        }
        OutcomeKind::NotOfficial => cat.msg("history-not-official"),
        OutcomeKind::NotALabel => cat.msg("verdict-not-a-label"),
        OutcomeKind::UnknownProduct => cat.msg("verdict-unknown-product"),
        // An entry that says `unsigned` without the flag was not written by this code.
        OutcomeKind::Invalid | OutcomeKind::Unsigned => cat.msg("verdict-invalid"),
    };
    Verdict {
        tone: entry.tone,
        text: words.text,
        spoken: words.spoken,
    }
}

/// The `outcome` code [`summarize_error`] uses for an error ([`ScanErrorKind::code`]).
pub fn error_code(error: impl Into<ScanErrorKind>) -> &'static str {
    error.into().code()
}

impl Summary {
    /// The fact with this id, if present.
    pub fn fact(&self, id: FactId) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_outcomes_are_written_as_the_codes_they_come_from() {
        for kind in OutcomeKind::ALL {
            let outcome = SummaryOutcome::from(kind);
            assert_eq!(outcome.code(), kind.code());
        }
        let failures = [
            ScanErrorKind::Unreachable,
            ScanErrorKind::NotCached,
            ScanErrorKind::Storage,
            ScanErrorKind::Decode,
            ScanErrorKind::TrustList(trustlabel_protocol::CheckFailure::BadSignature),
            ScanErrorKind::TrustListFault,
            ScanErrorKind::Network,
        ];
        for kind in failures {
            assert_eq!(SummaryOutcome::from(kind).code(), kind.code());
        }
        for outcome in SummaryOutcome::ALL {
            let json = format!("\"{}\"", outcome.code());
            assert_eq!(serde_json::to_string(&outcome).unwrap(), json);
            assert_eq!(
                serde_json::from_str::<SummaryOutcome>(&json).unwrap(),
                outcome
            );
            assert_eq!(SummaryOutcome::from_code(outcome.code()), Some(outcome));
        }
        assert_eq!(SummaryOutcome::from_code("verified_but_not"), None);
    }
}
