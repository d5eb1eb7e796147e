//! Two or more products side by side: one row per question a buyer asks (support end, how
//! updates install, sensors, sign-in, data location, software origin, authorization), one
//! cell per product, in the summary's own words and tones.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use trustlabel_protocol::{ScanResult, Tone};
use trustlabel_words::{summarize, summarize_error, Catalogue, FactId};

use crate::scanner::{ScanError, Scanner};

/// The rows, by the summary's fact ids, in the order shown.
pub const ROWS: [FactId; 7] = [
    FactId::Support,
    FactId::Updates,
    FactId::Sensors,
    FactId::SignIn,
    FactId::DataLocation,
    FactId::SoftwareOrigin,
    FactId::Authorization,
];

/// Why labels could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    /// Fewer than two labels were given.
    #[error("comparing needs at least two labels")]
    TooFew,
}

/// One product of a comparison: its column's heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparedProduct {
    /// The normalised label link.
    pub url: String,
    /// The product's name from its verified record, else the link.
    pub name: String,
    /// The maker (`manufacturer_name`, else `product_manufacturer`), when the record says.
    pub maker: Option<String>,
    /// The scan's outcome code (or error code).
    pub outcome: String,
}

/// One product's value in one row, worded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparisonCell {
    /// What to show.
    pub text: String,
    /// What a screen reader should say.
    pub spoken: String,
    /// How the value should feel (never shown by colour alone).
    pub tone: Tone,
}

/// One fact compared across the products.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparisonRow {
    /// The fact the row shows (serialised `support`, `updates`, ...).
    pub id: FactId,
    /// The fact's name, in the comparison's locale.
    pub title: String,
    /// One cell per product, in the order of `products`.
    pub cells: Vec<ComparisonCell>,
}

/// Labels side by side: one column per product, one row per fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The columns, in the order the labels were given.
    pub products: Vec<ComparedProduct>,
    /// The rows, in a fixed order of facts.
    pub rows: Vec<ComparisonRow>,
}

/// Scans every link (the registry when it can, the saved copy when not) and lays them out.
pub async fn compare(
    scanner: &Scanner,
    urls: &[String],
    locale: &str,
    now: DateTime<FixedOffset>,
) -> Result<Comparison, CompareError> {
    if urls.len() < 2 {
        return Err(CompareError::TooFew);
    }
    let mut scans = Vec::with_capacity(urls.len());
    for url in urls {
        scans.push((url.clone(), scanner.check_text(url).await));
    }
    Ok(build(&scans, locale, now))
}

/// The comparison of scans already made. A product without a verified record shows its
/// verdict in every row: nothing that failed a check is shown as registry data.
pub fn build(
    scans: &[(String, Result<ScanResult, ScanError>)],
    locale: &str,
    now: DateTime<FixedOffset>,
) -> Comparison {
    let cat = Catalogue::new(locale);
    let mut products = Vec::new();
    let mut summaries = Vec::new();
    for (url, scan) in scans {
        let (product, summary) = match scan {
            Ok(result) => {
                let record = result.outcome.record().map(|r| &r.statement().record);
                let shown_url = result.url.clone().unwrap_or_else(|| url.clone());
                (
                    ComparedProduct {
                        name: record
                            .and_then(|r| r.product_name.clone())
                            .unwrap_or_else(|| shown_url.clone()),
                        maker: record.and_then(|r| {
                            r.manufacturer_name
                                .clone()
                                .or_else(|| r.product_manufacturer.clone())
                        }),
                        url: shown_url,
                        outcome: result.outcome.code().to_owned(),
                    },
                    summarize(result, locale, now),
                )
            }
            Err(error) => {
                let summary = summarize_error(error, locale);
                (
                    ComparedProduct {
                        url: url.clone(),
                        name: url.clone(),
                        maker: None,
                        outcome: summary.outcome.code().to_owned(),
                    },
                    summary,
                )
            }
        };
        products.push(product);
        summaries.push(summary);
    }
    let rows = ROWS
        .iter()
        .map(|id| ComparisonRow {
            id: *id,
            title: cat
                .msg(&format!("compare-row-{}", id.code().replace('_', "-")))
                .text,
            cells: summaries
                .iter()
                .map(|s| match s.fact(*id) {
                    Some(fact) => ComparisonCell {
                        text: fact.text.clone(),
                        spoken: fact.spoken.clone(),
                        tone: fact.tone,
                    },
                    None => ComparisonCell {
                        text: s.verdict.text.clone(),
                        spoken: s.verdict.spoken.clone(),
                        tone: s.verdict.tone,
                    },
                })
                .collect(),
        })
        .collect();
    Comparison { products, rows }
}
