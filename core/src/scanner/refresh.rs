//! Refreshing the trust list from where the deployment publishes it (protocol section 4).
//!
//! The apps only say "the network is there" (at start, and when it comes back); whether that
//! is worth a request, and what the answer means, is decided here. A refreshed list goes
//! through exactly the checks an installed one does ([`Scanner::install_trust_list`]): the
//! pinned root's signature, and a version that only goes up. A publisher serving an older
//! list (a mirror that lags, or a rollback attempt) changes nothing and says so.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use url::Url;

use super::Scanner;
use trustlabel_protocol::TrustListStatus;

use crate::fetch::{FetchError, FetchResponse};
use crate::scanner::ScanError;

/// How long a successful refresh (or a refusal) counts: trust lists change rarely (new keys,
/// a rotation), so once a day keeps a phone current without a request at every start.
pub const TRUST_LIST_REFRESH_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);

/// What a refresh did. The names are the `--json` contract (`trustlabel trust-list refresh`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "refresh", rename_all = "snake_case")]
pub enum TrustListRefresh {
    /// A newer list was verified and is now in use.
    Updated {
        /// The trust list in use afterwards.
        status: TrustListStatus,
    },
    /// The publisher serves the list already in use.
    Unchanged {
        /// The trust list in use afterwards.
        status: TrustListStatus,
    },
    /// Asked too recently; nothing was requested (see [`TRUST_LIST_REFRESH_INTERVAL`]).
    NotDue {
        /// The trust list in use afterwards.
        status: TrustListStatus,
    },
    /// The configuration names no place to refresh from (the built-in list of a build that
    /// has none, or a deployment's own list given as a file).
    NotConfigured {
        /// The trust list in use afterwards.
        status: TrustListStatus,
    },
}

impl TrustListRefresh {
    /// The snake_case name, as in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            TrustListRefresh::Updated { .. } => "updated",
            TrustListRefresh::Unchanged { .. } => "unchanged",
            TrustListRefresh::NotDue { .. } => "not_due",
            TrustListRefresh::NotConfigured { .. } => "not_configured",
        }
    }

    /// The list in use after the refresh.
    pub fn status(&self) -> &TrustListStatus {
        match self {
            TrustListRefresh::Updated { status }
            | TrustListRefresh::Unchanged { status }
            | TrustListRefresh::NotDue { status }
            | TrustListRefresh::NotConfigured { status } => status,
        }
    }
}

/// Whether a refresh is worth a request now: never asked in this process, an expired list
/// in use (every result says so until a newer one arrives), or the last answer older than
/// the interval. A clock set back makes it due, never stuck.
pub(crate) fn refresh_due(
    last_answer: Option<DateTime<Utc>>,
    list_expired: bool,
    now: DateTime<Utc>,
) -> bool {
    let Some(last) = last_answer else {
        return true;
    };
    let interval =
        chrono::Duration::from_std(TRUST_LIST_REFRESH_INTERVAL).unwrap_or(chrono::Duration::MAX);
    list_expired || now < last || now - last >= interval
}

/// A publication place the client may ask: `https`, or `http` to a loopback host (the demo).
fn publishable(url: &Url) -> bool {
    url.scheme() == "https"
        || (url.scheme() == "http" && trustlabel_protocol::is_loopback_host(url))
}

impl Scanner {
    /// Refreshes the trust list when it is due (see [`refresh_due`]); otherwise answers
    /// `NotDue` without a request. For the apps: call it at start and when the network comes
    /// back, and ignore it in offline mode (it refuses then).
    pub async fn refresh_trust_list_if_due(&self) -> Result<TrustListRefresh, ScanError> {
        let now = (self.clock)();
        let last = *self
            .trust_refreshed_at
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let status = self.trust_list_status();
        if self.trust_list_url.is_some() && !refresh_due(last, status.expired, now) {
            return Ok(TrustListRefresh::NotDue { status });
        }
        self.refresh_trust_list().await
    }

    /// Asks the publisher for the current trust list now and installs it if it is newer.
    /// Errors: `Unreachable` (naming the URL) in offline mode, when the publisher cannot be
    /// reached or has no list there; `TrustList(reason)` for a list that fails its checks or
    /// is older than the one in use (`rollback`). The list in use stays in every error case.
    pub async fn refresh_trust_list(&self) -> Result<TrustListRefresh, ScanError> {
        let Some(url) = self.trust_list_url.clone() else {
            return Ok(TrustListRefresh::NotConfigured {
                status: self.trust_list_status(),
            });
        };
        let unreachable = |detail: String| ScanError::Unreachable {
            url: url.as_str().to_owned(),
            detail,
        };
        if self.offline {
            return Err(unreachable("offline mode".into()));
        }
        if !publishable(&url) {
            return Err(unreachable(FetchError::BadUrl.to_string()));
        }
        let response = self
            .client
            .fetch(&url, None)
            .await
            .map_err(|e| unreachable(e.to_string()))?;
        let bytes = match response {
            FetchResponse::Body { bytes, .. } => bytes,
            FetchResponse::NotFound => return Err(unreachable("404: no trust list there".into())),
            // No If-None-Match was sent, so a 304 is not an answer.
            FetchResponse::NotModified => {
                return Err(unreachable(FetchError::Status(304).to_string()))
            }
        };
        let before = self.trust_list();
        let installed = self.install_trust_list(&bytes);
        // A refusal is an answer too: asking again within the interval would get the same.
        *self
            .trust_refreshed_at
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some((self.clock)());
        let status = installed?;
        if status.version == before.version() {
            Ok(TrustListRefresh::Unchanged { status })
        } else {
            Ok(TrustListRefresh::Updated { status })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hours: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + hours * 3600, 0).unwrap()
    }

    #[test]
    fn due_once_per_interval_unless_expired_or_clock_went_back() {
        assert!(refresh_due(None, false, at(0)), "never asked");
        assert!(!refresh_due(Some(at(0)), false, at(23)));
        assert!(refresh_due(Some(at(0)), false, at(24)));
        assert!(refresh_due(Some(at(0)), true, at(1)), "expired list in use");
        assert!(refresh_due(Some(at(5)), false, at(1)), "clock set back");
    }

    #[test]
    fn only_https_or_loopback_http() {
        let ok = |s: &str| publishable(&Url::parse(s).unwrap());
        assert!(ok("https://trust.example/list.jws.json"));
        assert!(ok("http://127.0.0.1:8080/trust/trust-list.jws.json"));
        assert!(!ok("http://trust.example/list.jws.json"));
        assert!(!ok("ftp://127.0.0.1/list"));
    }
}
