//! `trustlabel trust-list refresh`: asks where the trust list is published for a newer one.

use crate::error::{Error, Exit, Result};

use trustlabel_core::scanner::{Scanner, TrustListRefresh};

use crate::options::ScanOptions;
use crate::output::write_line;

/// Refreshes now (not only when due: someone asked). A refused list is an error, exit 3.
pub async fn refresh(options: &ScanOptions) -> Result<Exit> {
    let config = options.scanner_config(Some(options.data_dir()))?;
    let scanner = Scanner::open(config)?;
    let refresh = match scanner.refresh_trust_list().await {
        Ok(refresh) => refresh,
        Err(error) if options.json => {
            let line = serde_json::json!({
                "refresh": null,
                "error": error.to_string(),
                "trust_list": scanner.trust_list_status(),
            });
            crate::output::write_json(&line.to_string());
            return Ok(Exit::Error);
        }
        Err(error) => return Err(Error::Scan(error)),
    };
    if options.json {
        let line = serde_json::json!({
            "refresh": refresh.code(),
            "trust_list": refresh.status(),
        });
        crate::output::write_json(&line.to_string());
        return Ok(Exit::Ok);
    }
    let version = refresh.status().version;
    let mut text = match &refresh {
        TrustListRefresh::Updated { .. } => format!("Now using trust list version {version}."),
        TrustListRefresh::Unchanged { .. } | TrustListRefresh::NotDue { .. } => {
            format!("The trust list is up to date (version {version}).")
        }
        TrustListRefresh::NotConfigured { .. } => format!(
            "No place to refresh the trust list from is configured (--trust-list-url); \
             still using version {version}."
        ),
    };
    if refresh.status().expired {
        text.push_str(" It has expired: results say so until a newer one is published.");
    }
    write_line(&text);
    Ok(Exit::Ok)
}
