//! Compare across the FFI: the core's records as they are (`uniffi::remote`).

use trustlabel_core::compare as core;

use crate::error::{guard_async, TrustLabelError};
use crate::scanner::Scanner;

pub use trustlabel_core::compare::{ComparedProduct, Comparison, ComparisonCell, ComparisonRow};

#[uniffi::remote(Record)]
pub struct ComparedProduct {
    pub url: String,
    pub name: String,
    pub maker: Option<String>,
    pub outcome: String,
}

#[uniffi::remote(Record)]
pub struct ComparisonCell {
    pub text: String,
    pub spoken: String,
    pub tone: crate::summary::Tone,
}

#[uniffi::remote(Record)]
pub struct ComparisonRow {
    pub id: crate::summary::FactId,
    pub title: String,
    pub cells: Vec<ComparisonCell>,
}

/// Products side by side: `rows[i].cells[j]` is row `i` for `products[j]`.
#[uniffi::remote(Record)]
pub struct Comparison {
    pub products: Vec<ComparedProduct>,
    pub rows: Vec<ComparisonRow>,
}

#[uniffi::export(async_runtime = "tokio")]
impl Scanner {
    /// Two or more labels side by side: support end, how updates install, sensors, sign-in,
    /// data location, software origin, authorization. `Refused { code: "too_few" }` for
    /// fewer than two.
    pub async fn compare(&self, urls: Vec<String>) -> Result<Comparison, TrustLabelError> {
        guard_async(async {
            core::compare(
                &self.core,
                &urls,
                &self.presentation.locale,
                self.presentation.now(),
            )
            .await
            .map_err(TrustLabelError::from_compare)
        })
        .await
    }
}
