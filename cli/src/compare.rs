//! `trustlabel compare URL URL...`: products side by side, one row per question, the
//! cells wrapped so the table fits the terminal.

use crate::error::{Error, Exit, Result};

use trustlabel_core::compare::{build, Comparison};
use trustlabel_core::scanner::Scanner;
use trustlabel_words::tone_word;

use crate::options::ScanOptions;
use crate::output::write_line;

const DEFAULT_WIDTH: usize = 120;
const MIN_CELL: usize = 16;

/// Exits with the worst product's code, as `scan -` does with its lines: 0 when every label
/// verified, 1 when one did not, 3 when one could not be checked. The table shows them all.
pub async fn run(urls: &[String], options: &ScanOptions) -> Result<Exit> {
    if urls.len() < 2 {
        return Err(Error::Usage("comparing needs at least two labels".into()));
    }
    let config = options.scanner_config(Some(options.data_dir()))?;
    let scanner = Scanner::open(config)?;
    // The core's `compare`, with the results kept for the exit code: checks, not scans (no
    // history entry).
    let mut scans = Vec::with_capacity(urls.len());
    let mut exit = Exit::Ok;
    for url in urls {
        let scan = scanner.check_text(url).await;
        exit = exit.worst(match &scan {
            Ok(result) => Exit::of(&result.outcome),
            Err(_) => Exit::Error,
        });
        scans.push((url.clone(), scan));
    }
    let table = build(&scans, &options.lang, chrono::Local::now().fixed_offset());
    if options.json {
        crate::output::write_json(&serde_json::to_string(&table).map_err(Error::core)?);
    } else {
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(DEFAULT_WIDTH);
        write_line(&render(&table, &options.lang, width));
    }
    Ok(exit)
}

/// Words wrapped to `width` characters (a word longer than that is cut). The text is
/// registry text: rendered for the terminal first.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = crate::output::printable(text);
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let mut word: String = word.to_owned();
        // `lines` starts with one line and only grows, so this runs until a `break`.
        while let Some(last) = lines.last_mut() {
            let used = last.chars().count();
            let needed = word.chars().count() + usize::from(used > 0);
            if used + needed <= width {
                if used > 0 {
                    last.push(' ');
                }
                last.push_str(&word);
                break;
            }
            if used == 0 {
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                last.push_str(&head);
                lines.push(String::new());
                if word.is_empty() {
                    break;
                }
                continue;
            }
            lines.push(String::new());
        }
    }
    if lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The first column holds the row titles; each product gets an equal share of the rest.
/// Every cell starts with its tone as a word, so nothing depends on colour.
pub fn render(table: &Comparison, lang: &str, width: usize) -> String {
    let title_width = table
        .rows
        .iter()
        .map(|r| r.title.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    let n = table.products.len().max(1);
    let cell_width = (width.saturating_sub(title_width + 2 * n) / n).max(MIN_CELL);
    let mut out = String::new();
    let mut line = |cells: Vec<Vec<String>>| {
        let height = cells.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..height {
            let mut text = String::new();
            for (c, cell) in cells.iter().enumerate() {
                let w = if c == 0 { title_width } else { cell_width };
                let part = cell.get(i).map(String::as_str).unwrap_or("");
                text.push_str(&format!("{part:<w$}"));
                text.push_str("  ");
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
    };
    let mut header = vec![vec![String::new()]];
    for p in &table.products {
        let mut cell = wrap(&p.name, cell_width);
        if let Some(maker) = &p.maker {
            cell.extend(wrap(maker, cell_width));
        }
        header.push(cell);
    }
    line(header);
    let mut rule = vec![vec!["-".repeat(title_width)]];
    rule.extend((0..n).map(|_| vec!["-".repeat(cell_width)]));
    line(rule);
    for row in &table.rows {
        let mut cells = vec![wrap(&row.title, title_width)];
        for cell in &row.cells {
            let text = format!("{}: {}", tone_word(cell.tone, lang), cell.text);
            cells.push(wrap(&text, cell_width));
        }
        line(cells);
        line(vec![vec![String::new()]]);
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_the_width() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
        for line in wrap("Security updates until March 31, 2027.", 10) {
            assert!(line.chars().count() <= 10, "{line}");
        }
    }
}
