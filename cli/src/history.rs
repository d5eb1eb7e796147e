//! `trustlabel history`: recent scans, newest first; search, the on/off switch, clear.

use crate::error::{Error, Exit, Result};

use chrono::{Local, TimeZone};
use trustlabel_core::history;
use trustlabel_core::scanner::Scanner;
use trustlabel_words::history_headline;

use crate::options::ScanOptions;
use crate::output::write_line;
use crate::table::Table;

pub struct HistoryArgs<'a> {
    pub search: Option<&'a str>,
    pub off: bool,
    pub on: bool,
    pub clear: bool,
    pub options: &'a ScanOptions,
}

pub fn run(args: HistoryArgs<'_>) -> Result<Exit> {
    let options = args.options;
    let config = options.scanner_config(Some(options.data_dir()))?;
    let scanner = Scanner::open(config)?;
    let store = scanner.store();
    if args.off || args.on {
        history::set_enabled(store, args.on).map_err(Error::core)?;
        eprintln!(
            "History is {}.",
            if args.on {
                "on"
            } else {
                "off: scans are not written to it"
            }
        );
    }
    if args.clear {
        history::clear(store).map_err(Error::core)?;
        eprintln!("History cleared.");
    }
    if (args.off || args.on || args.clear) && args.search.is_none() {
        return Ok(Exit::Ok);
    }
    let entries = history::search(store, args.search.unwrap_or("")).map_err(Error::core)?;
    if options.json {
        for entry in &entries {
            crate::output::write_json(&serde_json::to_string(entry).map_err(Error::core)?);
        }
        return Ok(Exit::Ok);
    }
    if !history::enabled(store).map_err(Error::core)? {
        eprintln!("History is off: new scans are not written to it (trustlabel history --on).");
    }
    if entries.is_empty() {
        write_line("No scans in the history.");
        return Ok(Exit::Ok);
    }
    let mut table = Table::new(["When", "Result", "Product", "Maker", "Link"]);
    for entry in &entries {
        let when = Local
            .timestamp_opt(entry.scanned_at, 0)
            .single()
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        table.row([
            when,
            history_headline(entry, &options.lang).text,
            entry.product_name.clone().unwrap_or_default(),
            entry.manufacturer_name.clone().unwrap_or_default(),
            entry.url.clone(),
        ]);
    }
    write_line(&table.to_string());
    Ok(Exit::Ok)
}
