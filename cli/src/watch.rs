//! `trustlabel watch add|remove|list|alerts`: "my devices".

use crate::error::{Error, Exit, Result};

use clap::Subcommand;
use trustlabel_core::scanner::Scanner;
use trustlabel_core::watchlist;

use crate::options::ScanOptions;
use crate::output::write_line;
use crate::table::Table;

#[derive(Subcommand)]
pub enum WatchCommand {
    /// Save a product to watch (its label link). Exits 1 when the label did not verify: not
    /// saved, or saved from a registry that does not sign.
    #[command(after_help = crate::error::EXIT_CODES_HELP)]
    Add {
        url: String,
        #[command(flatten)]
        options: ScanOptions,
    },
    /// Stop watching a product.
    Remove {
        url: String,
        #[command(flatten)]
        options: ScanOptions,
    },
    /// The products watched.
    List {
        #[command(flatten)]
        options: ScanOptions,
    },
    /// What matters now: support ending or ended, authorization or record changed, signing
    /// key revoked. Checked with the registry when online, from the saved copy when not.
    /// Exits 1 when it lists an alert, 0 when nothing needs attention.
    #[command(after_help = crate::error::EXIT_CODES_HELP)]
    Alerts {
        /// Warn when support ends within this many days.
        #[arg(long, default_value_t = 90)]
        days: u32,
        #[command(flatten)]
        options: ScanOptions,
    },
}

fn open_scanner(options: &ScanOptions) -> Result<Scanner> {
    let config = options.scanner_config(Some(options.data_dir()))?;
    Ok(Scanner::open(config)?)
}

pub async fn run(command: &WatchCommand) -> Result<Exit> {
    match command {
        WatchCommand::Add { url, options } => add(url, options).await,
        WatchCommand::Remove { url, options } => {
            let scanner = open_scanner(options)?;
            if !watchlist::remove(scanner.store(), url).map_err(Error::core)? {
                return Err(Error::Failed(format!("{url} is not on the watchlist")));
            }
            write_line("Removed from the watchlist.");
            Ok(Exit::Ok)
        }
        WatchCommand::List { options } => list(options),
        WatchCommand::Alerts { days, options } => alerts(*days, options).await,
    }
}

/// 0 when the label verified and is watched; 1 when it did not verify: not saved (nothing
/// verified to watch), or saved from a registry that does not sign.
async fn add(url: &str, options: &ScanOptions) -> Result<Exit> {
    let scanner = open_scanner(options)?;
    let item = match watchlist::add(&scanner, url).await {
        Ok(item) => item,
        // Checked, and nothing verified to watch: not saved, and not an error.
        Err(refused @ watchlist::WatchError::NoRecord { .. }) => {
            crate::output::note(&format!("trustlabel: {refused}."));
            return Ok(Exit::NotVerified);
        }
        Err(other) => return Err(Error::core(other)),
    };
    if options.json {
        crate::output::write_json(&serde_json::to_string(&item).map_err(Error::core)?);
    } else {
        let name = item.product_name.as_deref().unwrap_or(&item.url);
        write_line(&format!("Watching {name}."));
    }
    // An empty key id: a registry that does not sign.
    Ok(if item.kid.is_empty() {
        Exit::NotVerified
    } else {
        Exit::Ok
    })
}

fn list(options: &ScanOptions) -> Result<Exit> {
    let scanner = open_scanner(options)?;
    let items = watchlist::list(scanner.store()).map_err(Error::core)?;
    if options.json {
        for item in &items {
            crate::output::write_json(&serde_json::to_string(item).map_err(Error::core)?);
        }
    } else if items.is_empty() {
        write_line("The watchlist is empty (trustlabel watch add URL).");
    } else {
        let mut table = Table::new(["Product", "Maker", "Support until", "Link"]);
        for item in &items {
            table.row([
                item.product_name.clone().unwrap_or_default(),
                item.maker.clone().unwrap_or_default(),
                item.support_end
                    .clone()
                    .unwrap_or_else(|| "not given".into()),
                item.url.clone(),
            ]);
        }
        write_line(&table.to_string());
    }
    Ok(Exit::Ok)
}

/// 1 when it lists an alert: a script (a daily job) learns from the code alone that
/// something needs a look.
async fn alerts(days: u32, options: &ScanOptions) -> Result<Exit> {
    let scanner = open_scanner(options)?;
    let alerts = watchlist::alerts(&scanner, days, chrono::Utc::now(), &options.lang)
        .await
        .map_err(Error::core)?;
    if options.json {
        for alert in &alerts {
            crate::output::write_json(&serde_json::to_string(alert).map_err(Error::core)?);
        }
    } else if alerts.is_empty() {
        write_line("Nothing needs your attention.");
    } else {
        let mut table = Table::new(["Product", "Alert", "What"]);
        for alert in &alerts {
            table.row([
                alert
                    .product_name
                    .clone()
                    .unwrap_or_else(|| alert.url.clone()),
                alert.kind.code().to_owned(),
                alert.text.clone(),
            ]);
        }
        write_line(&table.to_string());
    }
    Ok(if alerts.is_empty() {
        Exit::Ok
    } else {
        Exit::NotVerified
    })
}
