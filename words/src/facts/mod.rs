//! From a scan result to the verdict and the ordered facts. One module per fact (or per
//! group of facts on the label's page); this one puts them in the product's order and
//! hands them to [`verdict`] to choose the first sentence.
//!
//! Each fact module decides a tone from the record first (`tone`-like functions named for
//! what they decide), then words it; the verdict's tone alone ([`record_tone`]) reuses those
//! decisions without wording anything.

mod access;
mod approval;
mod disclosures;
mod draft;
mod links;
mod product;
mod support;
mod updates;
mod verdict;
mod verification;

use chrono::{DateTime, FixedOffset, NaiveDate};

use trustlabel_protocol::{OfflineReason, Outcome, RecordView, ScanErrorKind, ScanResult};

use super::catalogue::Catalogue;
use super::{Fact, FactId, Tone, Verdict};

use draft::{fact, finalize, nonempty, raw, theirs, Draft, Headline, Rank};

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
    let trust_old = result
        .trust_list
        .expired
        .then(|| verification::trust_list_fact(cat));
    let (tone, words, facts) = match &result.outcome {
        Outcome::Verified { record }
        | Outcome::VerifiedStale { record }
        | Outcome::Unsigned { record } => {
            return record_summary(cat, record, Source::Fresh, trust_old, now)
        }
        Outcome::OfflineCached { record, why } => {
            return record_summary(cat, record, Source::saved(why), trust_old, now)
        }
        Outcome::NotOfficial {
            host,
            display_host,
            warnings,
        } => verification::not_official(cat, host, display_host, warnings),
        Outcome::NotALabel => verification::not_a_label(cat, &result.text),
        Outcome::UnknownProduct { .. } => verification::unknown_product(cat),
        Outcome::Invalid { reason, .. } => verification::invalid(cat, *reason),
    };
    verdict::finish(tone, words, facts, trust_old)
}

/// The summary of a scan that produced no result.
pub fn error(cat: &Catalogue, error: ScanErrorKind) -> (Verdict, Vec<Fact>) {
    finalize(verification::error(cat, error))
}

/// Where a shown record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Checked with the registry on this scan (the record itself may be out of date).
    Fresh,
    /// A saved copy: the device is offline, or the registry did not answer.
    Saved { offline: bool },
}

impl Source {
    fn saved(why: &OfflineReason) -> Self {
        Source::Saved {
            offline: *why == OfflineReason::OfflineMode,
        }
    }
}

/// Every fact of a record in the label's order, then the verdict over them.
fn record_summary(
    cat: &Catalogue,
    view: &RecordView,
    source: Source,
    trust_old: Option<Draft>,
    now: DateTime<FixedOffset>,
) -> (Verdict, Vec<Fact>) {
    let today = now.date_naive();
    let offset = *now.offset();
    let statement = view.statement();
    let record = &statement.record;

    let mut drafts = vec![verification::verification(
        cat, view, source, today, &offset,
    )];
    drafts.extend(trust_old);
    drafts.push(Draft::plain(product::product(cat, record)));
    let (support, support_sentence) = support::support(cat, statement, today);
    drafts.push(support);
    drafts.push(updates::updates(cat, record));
    drafts.push(access::sensors(cat, record));
    drafts.push(access::sign_in(cat, record));
    drafts.push(disclosures::data_location(cat, statement));
    drafts.push(disclosures::software_origin(cat, statement));
    drafts.push(approval::authorization(cat, statement, &offset));
    drafts.push(Draft::plain(approval::tested_by(
        cat,
        record.tested_by.as_ref(),
    )));
    drafts.extend(links::more(cat, record).into_iter().map(Draft::plain));

    let signed = view.alg().is_some();
    let verdict = verdict::record_verdict(cat, &drafts, source, signed, support_sentence);
    let facts = drafts.into_iter().map(|d| d.fact).collect();
    (verdict, facts)
}

/// The verdict's tone of a result, decided as [`outcome`] decides it but without wording any
/// fact: history keeps it for every scan.
pub fn verdict_tone(result: &ScanResult, today: NaiveDate) -> Tone {
    let trust_old = result.trust_list.expired;
    match &result.outcome {
        Outcome::Verified { record }
        | Outcome::VerifiedStale { record }
        | Outcome::Unsigned { record } => {
            verdict::record_tone(record, Source::Fresh, trust_old, today)
        }
        Outcome::OfflineCached { record, why } => {
            verdict::record_tone(record, Source::saved(why), trust_old, today)
        }
        Outcome::NotALabel => verification::NOT_A_LABEL_TONE,
        Outcome::NotOfficial { .. } | Outcome::UnknownProduct { .. } | Outcome::Invalid { .. } => {
            verification::REFUSED_TONE
        }
    }
}
