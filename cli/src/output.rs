//! How results are printed: text for people, or one JSON object per line for scripts.

use chrono::DateTime;
use trustlabel_core::scanner::{Outcome, ScanError, ScanResult};
use trustlabel_core::store::OpenState;

pub struct Printer {
    json: bool,
    #[allow(dead_code)] // used by the summary once it lands
    lang: String,
}

impl Printer {
    pub fn new(json: bool, lang: &str) -> Self {
        Printer {
            json,
            lang: lang.to_owned(),
        }
    }

    pub fn result(&self, result: &ScanResult) {
        if self.json {
            println!("{}", serde_json::to_string(result).unwrap_or_default());
        } else {
            println!("{}", human(result));
        }
    }

    pub fn error(&self, text: &str, error: &ScanError) {
        if self.json {
            let line =
                serde_json::json!({ "text": text, "outcome": null, "error": error.to_string() });
            println!("{line}");
        } else {
            println!("{text}\n  Error: {error}\n");
        }
    }

    /// Tells the user when the offline cache had to be recovered.
    pub fn store_notice(&self, state: &OpenState) {
        match state {
            OpenState::Opened => {}
            OpenState::Recreated { moved_to, .. } => eprintln!(
                "Note: the offline cache was damaged; it was moved to {} and a new one started.",
                moved_to.display()
            ),
            OpenState::Temporary { .. } => eprintln!(
                "Note: another trustlabel is using the offline cache; this run keeps nothing."
            ),
        }
    }
}

fn date(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0)
        .map(|t| t.format("%B %-d, %Y").to_string())
        .unwrap_or_default()
}

/// A plain description of the result, readable without colour.
pub fn human(result: &ScanResult) -> String {
    let mut out = String::new();
    let headline = match &result.outcome {
        Outcome::Verified { .. } => "Genuine label: checked with the official registry.".to_owned(),
        Outcome::VerifiedStale { record } => format!(
            "Genuine label, but the registry's statement is out of date (checked on {}).",
            date(record.checked_at)
        ),
        Outcome::OfflineCached { record, .. } => format!(
            "Genuine label, from the offline copy saved on {} (no connection now).",
            date(record.checked_at)
        ),
        Outcome::NotOfficial { display_host, .. } => {
            format!("Not an official label link. It goes to: {display_host}")
        }
        Outcome::NotALabel => "This code is not a label link.".to_owned(),
        Outcome::UnknownProduct { .. } => "The registry has no product for this label.".to_owned(),
        Outcome::Invalid { reason, .. } => format!("Could not be checked: {reason}."),
    };
    out.push_str(&headline);
    if let Some(record) = result.outcome.record() {
        let r = &record.statement.record;
        let name = r.product_name.as_deref().unwrap_or("Unnamed product");
        let maker = r.manufacturer_name.as_deref().unwrap_or("an unnamed maker");
        out.push_str(&format!("\n  {name} by {maker}"));
    }
    out.push_str(&format!(
        "\n  {}",
        result.url.as_deref().unwrap_or(&result.text)
    ));
    if result.trust_list.expired {
        out.push_str("\n  Note: the list of official registries is out of date.");
    }
    out.push('\n');
    out
}
