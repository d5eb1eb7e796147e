//! The watchlist ("my devices") across the FFI: conversion only
//! (`trustlabel_core::watchlist`).

use trustlabel_core::watchlist as core;

use crate::error::{guard, guard_async, TrustLabelError};
use crate::scanner::Scanner;
use crate::words::Words;

pub use trustlabel_core::watchlist::AlertKind;

#[uniffi::remote(Enum)]
pub enum AlertKind {
    SupportEndsSoon,
    SupportEnded,
    AuthorizationChanged,
    RecordChanged,
    KeyRevoked,
}

/// A label saved to be watched, with the facts it had when saved.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WatchItem {
    /// The normalised label link.
    pub url: String,
    /// CTA-2120 `product_name` as saved.
    pub product_name: Option<String>,
    /// The maker (`manufacturer_name`, else `product_manufacturer`) as saved.
    pub maker: Option<String>,
    /// As saved: `active`, `withdrawn`, ...
    pub authorization: String,
    /// As saved: `YYYY-MM-DD`, `unsupported`, or none.
    pub support_end: Option<String>,
    /// Unix seconds.
    pub saved_at: i64,
}

/// One change found on a watched label, worded for people.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WatchAlert {
    /// The label's link.
    pub url: String,
    /// CTA-2120 `product_name`, when known.
    pub product_name: Option<String>,
    /// What changed.
    pub kind: AlertKind,
    /// The sentence in the Scanner's locale, shown and spoken.
    pub words: Words,
}

impl From<core::WatchItem> for WatchItem {
    fn from(i: core::WatchItem) -> Self {
        WatchItem {
            url: i.url,
            product_name: i.product_name,
            maker: i.maker,
            authorization: i.authorization,
            support_end: i.support_end,
            saved_at: i.saved_at,
        }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Scanner {
    /// Saves the product behind a label link (checked now; the saved copy when offline).
    /// Saving again takes its current state as the new reference. `Refused { code:
    /// "no_record" }` for a label without a verified record.
    pub async fn watch_add(&self, url: String) -> Result<WatchItem, TrustLabelError> {
        guard_async(async {
            core::add(&self.core, &url)
                .await
                .map(WatchItem::from)
                .map_err(|e| TrustLabelError::from_watch(e, self.locale()))
        })
        .await
    }

    /// Stops watching; false when it was not watched.
    pub fn watch_remove(&self, url: String) -> Result<bool, TrustLabelError> {
        guard(|| {
            core::remove(self.core.store(), &url)
                .map_err(|e| TrustLabelError::from_watch(e, self.locale()))
        })
    }

    /// Every watched label, as saved.
    pub fn watch_list(&self) -> Result<Vec<WatchItem>, TrustLabelError> {
        guard(|| {
            Ok(core::list(self.core.store())
                .map_err(|e| TrustLabelError::from_watch(e, self.locale()))?
                .into_iter()
                .map(WatchItem::from)
                .collect())
        })
    }

    /// What matters now: support ending within `days` days or ended, authorization or
    /// record changed since saved, signing key revoked. Each product is checked with the
    /// registry when online, from the saved copy when not.
    pub async fn watch_alerts(&self, days: u32) -> Result<Vec<WatchAlert>, TrustLabelError> {
        guard_async(async {
            let now = self.presentation.now().to_utc();
            let alerts = core::alerts(&self.core, days, now, &self.presentation.locale)
                .await
                .map_err(|e| TrustLabelError::from_watch(e, self.locale()))?;
            Ok(alerts
                .into_iter()
                .map(|a| WatchAlert {
                    url: a.url,
                    product_name: a.product_name,
                    kind: a.kind,
                    words: a.words.into(),
                })
                .collect())
        })
        .await
    }
}
