//! How results are printed: the plain-language summary for people, or one JSON object per
//! line for scripts.
//!
//! For people: the verdict first, then one "Title: text" row per fact, the titles padded to
//! one column. Every row starts with its tone as a word ("Good", "Problem"; "Bien",
//! "Problema"), so nothing depends on colour. Colour is added only when standard output is a
//! terminal and `NO_COLOR` is not set (`anstream` strips it otherwise).
//!
//! `--json`: the `ScanResult` exactly as before (every top-level key kept: scripts read
//! `outcome` and `reason`) plus a `"summary"` object, on one line.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use chrono::{DateTime, FixedOffset, Local};
use trustlabel_core::scanner::ScanError;
use trustlabel_core::store::OpenState;
use trustlabel_protocol::{json_for_terminal, styled_for_terminal, ScanResult, Tone, Untrusted};
use trustlabel_words::{summarize, summarize_error, tone_word, ui_text, Fact, Summary, UiText};

/// Width used to wrap text when the terminal's width is not known (`COLUMNS` unset).
const DEFAULT_WIDTH: usize = 100;
/// Never wrap the text column narrower than this; put it under the title instead.
const MIN_TEXT_WIDTH: usize = 36;

pub struct Printer {
    json: bool,
    lang: String,
}

impl Printer {
    pub fn new(json: bool, lang: &str) -> Self {
        Printer {
            json,
            lang: lang.to_owned(),
        }
    }

    /// The summary of a result, in this printer's language, as of the device's local time.
    pub fn summary(&self, result: &ScanResult) -> Summary {
        summarize(result, &self.lang, local_now())
    }

    pub fn result(&self, result: &ScanResult) {
        let summary = self.summary(result);
        if self.json {
            write_json(&json_line(result, &summary));
        } else {
            let address = show_address(result)
                .then_some(result.url.as_deref())
                .flatten();
            write_line(&render(&summary, address, None, width()));
        }
    }

    pub fn error(&self, text: &str, error: &ScanError) {
        let summary = summarize_error(error, &self.lang);
        if self.json {
            let line = serde_json::json!({
                "text": text,
                "outcome": null,
                "error": error.to_string(),
                "summary": summary,
            });
            write_json(&line.to_string());
        } else {
            let details = (ui_text(UiText::Details, &self.lang), error.to_string());
            write_line(&render(&summary, Some(text), Some(details), width()));
        }
    }

    /// One line for a table of many results: the tone as a word, what was scanned, the
    /// verdict. No colour.
    #[allow(dead_code)] // for tables of many results (demo, audit)
    pub fn row(&self, result: &ScanResult) -> String {
        let summary = self.summary(result);
        let name = result
            .outcome
            .record()
            .and_then(|r| r.statement().record.product_name.clone())
            .unwrap_or_else(|| result.url.clone().unwrap_or_else(|| result.text.clone()));
        row_line(&summary, &name)
    }

    /// [`Printer::row`] for a scan that failed.
    #[allow(dead_code)] // for tables of many results (demo, audit)
    pub fn error_row(&self, text: &str, error: &ScanError) -> String {
        row_line(&summarize_error(error, &self.lang), text)
    }

    /// Tells the user when the offline cache had to be recovered.
    pub fn store_notice(&self, state: &OpenState) {
        let notice = match state {
            OpenState::Opened => return,
            OpenState::Recreated { moved_to, .. } => ui_text(
                UiText::CacheRecreated {
                    path: &moved_to.display().to_string(),
                },
                &self.lang,
            ),
            OpenState::Temporary { .. } => ui_text(UiText::CacheTemporary, &self.lang),
        };
        note(&notice);
    }
}

/// The device's local time, with its UTC offset: the summary's "today" is this calendar day.
fn local_now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// The link is shown unless it is one people must not open.
fn show_address(result: &ScanResult) -> bool {
    !matches!(
        result.outcome,
        trustlabel_protocol::Outcome::NotOfficial { .. }
    )
}

fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(DEFAULT_WIDTH)
}

/// The scan result's JSON with the summary added, on one line. The result's own keys keep
/// their order; `"summary"` comes last.
pub fn json_line(result: &ScanResult, summary: &Summary) -> String {
    let result_json = serde_json::to_string(result).unwrap_or_else(|_| "{}".into());
    let summary_json = serde_json::to_string(summary).unwrap_or_else(|_| "null".into());
    match result_json.strip_suffix('}') {
        Some(open) if open.len() > 1 => format!("{open},\"summary\":{summary_json}}}"),
        Some(_) => format!("{{\"summary\":{summary_json}}}"),
        None => result_json,
    }
}

#[allow(dead_code)] // used by `row`
fn row_line(summary: &Summary, name: &str) -> String {
    let tone_width = tone_column(&summary.locale);
    let tone = tone_word(summary.verdict.tone, &summary.locale);
    format!(
        "{tone:<tone_width$}  {}: {}",
        printable(name),
        printable(&summary.verdict.text),
        tone_width = tone_width
    )
}

fn style(tone: Tone) -> Style {
    match tone {
        Tone::Good => AnsiColor::Green.on_default(),
        Tone::Caution => AnsiColor::Yellow.on_default(),
        Tone::Bad => AnsiColor::Red.on_default().bold(),
        Tone::Unknown => AnsiColor::Magenta.on_default(),
        Tone::Neutral => Style::new(),
    }
}

fn paint(text: &str, style: Style) -> String {
    format!("{style}{text}{style:#}")
}

/// Width of the widest tone word in a locale, so the rows line up whatever the tones.
fn tone_column(locale: &str) -> usize {
    Tone::ALL
        .iter()
        .map(|t| tone_word(*t, locale).chars().count())
        .max()
        .unwrap_or(0)
}

/// Words of `text` in lines of at most `width` characters (a longer word gets a line of its
/// own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in unbreakable_units(text) {
        let word = word.as_str();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The words of `text`, with a number kept together with the word before it and, when it ends
/// a date part ("31,"), the one after it: "August 31, 2028" and "1 year" never break apart.
fn unbreakable_units(text: &str) -> Vec<String> {
    let starts_with_digit = |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_digit());
    let mut units: Vec<String> = Vec::new();
    let mut glue_next = false;
    for word in text.split_whitespace() {
        match units.last_mut() {
            Some(last) if glue_next || starts_with_digit(word) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_owned()),
        }
        glue_next = starts_with_digit(word) && !word.ends_with('.');
    }
    units
}

/// `text` with every character that could steer a terminal replaced by U+FFFD: C0 and C1
/// controls (ESC and CSI start escape sequences; an `https_only` registry needs no signature
/// to send them), and the bidirectional overrides and isolates that reorder what is shown.
/// Registry, QR and file-name text reaches the terminal only through this
/// ([`Untrusted::terminal`]); [`write_line`] and [`note`] apply the same rule again to the
/// whole line, so a path that forgets can change a colour at most.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    trustlabel_protocol::replace_steering(text)
}

/// The summary for people. `address` is shown under the verdict; `details` (a label and a
/// technical message) after the facts. Styled with ANSI codes; [`write_line`] strips them
/// when they are not wanted.
pub fn render(
    summary: &Summary,
    address: Option<&str>,
    details: Option<(String, String)>,
    width: usize,
) -> String {
    let locale = summary.locale.as_str();
    let tone_width = tone_column(locale);
    let mut out = String::new();

    // The verdict: "Problem: This label is real, but ...", wrapped under its first word.
    let verdict_tone = tone_word(summary.verdict.tone, locale);
    let lead = format!("{verdict_tone}: ");
    let lead_width = lead.chars().count();
    let verdict_style = style(summary.verdict.tone).bold();
    for (i, line) in wrap(
        &printable(&summary.verdict.text),
        width.saturating_sub(lead_width).max(MIN_TEXT_WIDTH),
    )
    .iter()
    .enumerate()
    {
        if i == 0 {
            out.push_str(&paint(&lead, verdict_style));
        } else {
            out.push_str(&" ".repeat(lead_width));
        }
        out.push_str(&paint(line, verdict_style));
        out.push('\n');
    }
    if let Some(address) = address {
        let label = format!("{}: ", ui_text(UiText::Address, locale));
        out.push_str(&paint(&label, Style::new().dimmed()));
        out.push_str(&printable(address));
        out.push('\n');
    }
    out.push('\n');

    // The facts: tone word, "Title:", text; the text column wrapped.
    let title_width = summary
        .facts
        .iter()
        .map(|f| f.title.chars().count() + 1)
        .max()
        .unwrap_or(0);
    let indent = 2 + tone_width + 2 + title_width + 2;
    let stacked = width < indent + MIN_TEXT_WIDTH;
    for fact in &summary.facts {
        out.push_str(&fact_rows(
            fact,
            locale,
            tone_width,
            title_width,
            width,
            stacked,
        ));
    }
    if let Some((label, message)) = details {
        out.push('\n');
        out.push_str(&paint(&format!("{label}: "), Style::new().dimmed()));
        out.push_str(&printable(&message));
        out.push('\n');
    }
    out
}

fn fact_rows(
    fact: &Fact,
    locale: &str,
    tone_width: usize,
    title_width: usize,
    width: usize,
    stacked: bool,
) -> String {
    let tone = tone_word(fact.tone, locale);
    let title = format!("{}:", printable(&fact.title));
    // Stacked rows put the text under the title, so the title needs no padding.
    let title_width = if stacked { 0 } else { title_width };
    let head = format!(
        "  {}  {}",
        paint(&format!("{tone:<tone_width$}"), style(fact.tone)),
        paint(&format!("{title:<title_width$}"), Style::new().bold())
    );
    let mut text_lines: Vec<String> = Vec::new();
    let (indent, text_width) = if stacked {
        (4, width.saturating_sub(4).max(20))
    } else {
        let indent = 2 + tone_width + 2 + title_width + 2;
        (indent, width - indent)
    };
    text_lines.extend(wrap(&printable(&fact.text), text_width));
    if let Some(link) = &fact.link {
        text_lines.push(format!(
            "{}: {}",
            printable(&link.title),
            printable(&link.url)
        ));
    }
    let mut out = String::new();
    if stacked {
        out.push_str(&head);
        out.push('\n');
        for line in text_lines {
            out.push_str(&" ".repeat(indent));
            out.push_str(&line);
            out.push('\n');
        }
    } else {
        for (i, line) in text_lines.iter().enumerate() {
            if i == 0 {
                out.push_str(&head);
                out.push_str("  ");
            } else {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Writes `text` and a newline to standard output, colour stripped unless it is a terminal
/// and `NO_COLOR` is unset. Every character that could steer a terminal is replaced, except
/// our own colours ([`styled_for_terminal`]), also when the output is a pipe. A closed pipe
/// (`trustlabel ... | head`) ends the process quietly, as Unix tools do.
pub fn write_line(text: &str) {
    write_out(&styled_for_terminal(text));
}

/// Writes one JSON value and a newline to standard output, every C1 and bidirectional
/// control in its strings written as a `\uXXXX` escape: the value a parser reads is the
/// same, the bytes on a terminal steer nothing.
pub fn write_json(json: &str) {
    write_out(&styled_for_terminal(&json_for_terminal(json)));
}

/// One sentence for people on standard error (notes, progress of a live audit), every
/// character that could steer a terminal replaced.
pub fn note(text: &str) {
    eprintln!("{}", Untrusted::new(text).terminal());
}

fn write_out(text: &str) {
    let mut out = anstream::stdout().lock();
    if let Err(error) = writeln!(out, "{text}").and_then(|_| out.flush()) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("trustlabel: could not write the output: {error}.");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(
            wrap("updates through August 31, 2028. That is", 22),
            vec!["updates through", "August 31, 2028. That", "is"]
        );
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            vec!["averyveryverylongword", "x"]
        );
    }

    fn not_a_label(text: &str) -> ScanResult {
        use trustlabel_protocol::{Outcome, TrustListStatus};
        ScanResult {
            text: text.into(),
            url: None,
            outcome: Outcome::NotALabel,
            trust_list: TrustListStatus {
                version: 1,
                expired: false,
            },
            scanned_at: 0,
        }
    }

    #[test]
    fn json_keeps_every_key_and_adds_the_summary() {
        let result = not_a_label("hello");
        let summary = summarize(&result, "es", local_now());
        let line = json_line(&result, &summary);
        assert!(!line.contains('\n'));
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        let before: serde_json::Value = serde_json::to_value(&result).unwrap();
        for (key, v) in before.as_object().unwrap() {
            assert_eq!(&value[key], v, "{key}");
        }
        assert_eq!(value["outcome"], "not_a_label");
        assert_eq!(value["summary"]["locale"], "es-US");
        assert!(line.starts_with("{\"text\":\"hello\""));
    }

    #[test]
    fn people_see_words_not_only_colour() {
        let result = not_a_label("hello");
        let summary = summarize(&result, "en", local_now());
        let text = render(&summary, None, None, 80);
        let plain = anstream::adapter::strip_str(&text).to_string();
        assert!(plain.starts_with("Caution: This code is not a Cyber Trust Mark label."));
        assert!(plain.contains("  Caution  Label check:"));
        assert!(plain.lines().all(|l| l.chars().count() <= 80), "{plain}");
        // Narrow terminals get the text under its title.
        let narrow = anstream::adapter::strip_str(&render(&summary, None, None, 40)).to_string();
        assert!(narrow.contains("Label check:\n    This code"), "{narrow}");
        let row = Printer::new(false, "en").row(&result);
        assert_eq!(
            row,
            "Caution  hello: This code is not a Cyber Trust Mark label."
        );
    }

    #[test]
    fn registry_text_cannot_steer_the_terminal() {
        use trustlabel_protocol::{Outcome, RecordView};
        // A record from a registry that does not sign: its name carries an escape sequence
        // (clear the screen, then a green "verified") and a right-to-left override.
        let text = "https://plain.example/p/1";
        let record: trustlabel_protocol::Record = serde_json::from_value(serde_json::json!({
            "QR_code_url": text,
            "product_name": "Cam\u{1b}[2J\u{1b}[32mVERIFIED\u{202E}gpj.exe",
            "manufacturer_name": "Evil\u{9b}31m",
        }))
        .unwrap();
        let result = ScanResult {
            outcome: Outcome::Unsigned {
                record: RecordView::for_tests(
                    trustlabel_protocol::Statement {
                        iss: "plain".into(),
                        sub: text.into(),
                        iat: 0,
                        exp: i64::MAX,
                        seq: 0,
                        record,
                        status: None,
                        support: None,
                        disclosures: None,
                    },
                    "plain",
                    "Plain",
                    "",
                    None,
                    false,
                    0,
                    0,
                ),
            },
            ..not_a_label(text)
        };
        let summary = summarize(&result, "en", local_now());
        let shown = render(&summary, Some(text), None, 100);
        // Our own colours are the only escape sequences left.
        assert!(!shown.contains("\u{1b}[2J"), "{shown:?}");
        assert!(!shown.contains("\u{1b}[32mVERIFIED"), "{shown:?}");
        assert!(!shown.contains('\u{9b}'), "{shown:?}");
        assert!(!shown.contains('\u{202E}'), "{shown:?}");
        assert!(shown.contains("Cam\u{FFFD}[2J"), "{shown:?}");
        let row = Printer::new(false, "en").row(&result);
        assert!(!row.chars().any(|c| c.is_control()), "{row:?}");
    }

    #[test]
    fn tone_words_line_up() {
        assert_eq!(tone_column("en"), "Unknown".len());
        assert_eq!(tone_column("es"), "Desconocido".len());
    }
}
