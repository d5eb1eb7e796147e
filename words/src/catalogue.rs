//! The message catalogues (Project Fluent), embedded in the binary.
//!
//! Every word the summary shows comes from `words/locales/<locale>/*.ftl`. A message may have a
//! `.spoken` attribute: the form a screen reader should say when it differs from the text.
//! Arguments carry both forms too ([`Words`]), so a date, a list or a host built from other
//! messages stays speakable inside a sentence.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// The locales with a complete catalogue; the first is the fallback.
pub const LOCALES: [&str; 5] = ["en-US", "es-US", "zh-Hans", "zh-Hant", "vi"];

/// The fallback locale: US English.
const FALLBACK: &str = LOCALES[0];

/// One locale's catalogue files, in load order. Adding a file to every locale is one line here.
macro_rules! locale_files {
    ($dir:literal) => {
        &[
            (
                "summary.ftl",
                include_str!(concat!("../locales/", $dir, "/summary.ftl")),
            ),
            (
                "check.ftl",
                include_str!(concat!("../locales/", $dir, "/check.ftl")),
            ),
            (
                "dates.ftl",
                include_str!(concat!("../locales/", $dir, "/dates.ftl")),
            ),
            (
                "session.ftl",
                include_str!(concat!("../locales/", $dir, "/session.ftl")),
            ),
            (
                "page.ftl",
                include_str!(concat!("../locales/", $dir, "/page.ftl")),
            ),
            (
                "staff.ftl",
                include_str!(concat!("../locales/", $dir, "/staff.ftl")),
            ),
        ]
    };
}

/// The catalogue files of one locale, in load order: (file name, contents). A locale not in
/// [`LOCALES`] gets the fallback's files.
pub fn files(locale: &str) -> &'static [(&'static str, &'static str)] {
    match locale {
        "es-US" => locale_files!("es-US"),
        "zh-Hans" => locale_files!("zh-Hans"),
        "zh-Hant" => locale_files!("zh-Hant"),
        "vi" => locale_files!("vi"),
        _ => locale_files!("en-US"),
    }
}

/// Picks the catalogue for a caller's BCP 47 language tag (`_` is accepted for `-`, case does
/// not matter, extensions such as `-u-ca-...` are ignored):
///
/// - Chinese in Traditional script: `zh-Hant`, `zh-Hant-*`, or by region `zh-TW`, `zh-HK`,
///   `zh-MO`; Cantonese (`yue`) unless written `yue-Hans` -> `zh-Hant`.
/// - Any other Chinese (`zh`, `zh-CN`, `zh-SG`, `zh-Hans-*`, `cmn`) -> `zh-Hans`.
/// - Any Vietnamese -> `vi`; any Spanish -> `es-US`; any English -> `en-US`.
/// - Anything else, unknown or malformed tags included -> `en-US`.
///
/// The command line's `--lang`, the apps and the registry's web page all go through this.
pub fn resolve_locale(tag: &str) -> &'static str {
    supported_locale(tag).unwrap_or(FALLBACK)
}

/// The catalogue for a tag when the tag names a language we have; `None` for anything else.
/// [`resolve_locale`] is this with the fallback.
pub fn supported_locale(tag: &str) -> Option<&'static str> {
    let tag = tag.trim().replace('_', "-");
    // Only language, script and region matter; a singleton starts extensions or private use.
    let core: Vec<&str> = tag.split('-').take_while(|part| part.len() != 1).collect();
    let id: LanguageIdentifier = core.join("-").parse().ok()?;
    let script = id.script.map(|s| s.as_str().to_ascii_lowercase());
    let region = id.region.map(|r| r.as_str().to_ascii_uppercase());
    let traditional = match script.as_deref() {
        Some("hant") => Some(true),
        Some("hans") => Some(false),
        _ => None,
    };
    match id.language.as_str() {
        "zh" | "cmn" => {
            let by_region = matches!(region.as_deref(), Some("TW" | "HK" | "MO"));
            Some(if traditional.unwrap_or(by_region) {
                "zh-Hant"
            } else {
                "zh-Hans"
            })
        }
        "yue" => Some(if traditional.unwrap_or(true) {
            "zh-Hant"
        } else {
            "zh-Hans"
        }),
        "vi" => Some("vi"),
        "es" => Some("es-US"),
        "en" => Some("en-US"),
        _ => None,
    }
}

/// The catalogue for an HTTP `Accept-Language` header: the caller's choices by weight (`q`),
/// the first one we have a catalogue for wins; `en-US` when none fits. `*` and `q=0` choices
/// are skipped. Malformed parts are ignored, never an error.
pub fn resolve_accept_language(header: &str) -> &'static str {
    let mut choices: Vec<(f32, usize, &str)> = Vec::new();
    for (i, part) in header.split(',').enumerate().take(64) {
        let mut fields = part.split(';');
        let tag = fields.next().unwrap_or_default().trim();
        let mut weight = 1.0_f32;
        for param in fields {
            if let Some(q) = param.trim().strip_prefix("q=") {
                weight = q.trim().parse().unwrap_or(0.0);
            }
        }
        // NaN and negative weights count as "not wanted", like q=0.
        let wanted = weight.is_finite() && weight > 0.0;
        if tag.is_empty() || tag == "*" || !wanted {
            continue;
        }
        choices.push((weight, i, tag));
    }
    // Highest weight first; equal weights keep the caller's order.
    choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    choices
        .iter()
        .find_map(|(_, _, tag)| supported_locale(tag))
        .unwrap_or(FALLBACK)
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(locale: &'static str) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; LOCALES.len()] = [const { OnceLock::new() }; LOCALES.len()];
    let index = LOCALES.iter().position(|l| *l == locale).unwrap_or(0);
    BUNDLES[index].get_or_init(|| build(LOCALES[index]))
}

fn build(locale: &'static str) -> Bundle {
    let id: LanguageIdentifier = locale.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No U+2068/U+2069 around arguments: the text goes to terminals, JSON and speech.
    bundle.set_use_isolating(false);
    for (name, source) in files(locale) {
        let resource = match FluentResource::try_new((*source).to_owned()) {
            Ok(r) => r,
            Err((r, errors)) => {
                record(format!("{locale}/{name}: syntax errors: {errors:?}"));
                r
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            record(format!("{locale}/{name}: {errors:?}"));
        }
    }
    bundle
}

static PROBLEMS: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

fn record(problem: String) {
    PROBLEMS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(problem);
}

/// Every catalogue problem met so far in this process: a message id the code asked for that
/// a locale lacks, a variable a message uses that the code did not pass, a syntax error.
/// The tests format every summary they can and then require this to be empty.
#[doc(hidden)]
pub fn problems() -> Vec<String> {
    PROBLEMS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .cloned()
        .collect()
}

/// A piece of text in two forms: as shown, and as a screen reader should say it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Words {
    /// What to show.
    pub text: String,
    /// What a screen reader should say: dates in words, links named.
    pub spoken: String,
}

impl Words {
    /// Text that reads aloud as written (names, numbers in words...).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Words {
            spoken: text.clone(),
            text,
        }
    }

    /// Words the record supplies, quoted as they are and marked with their language: shown
    /// and said alike. See [`QuotedSpan`]. The marks stay in the text until the summary is
    /// finished (`facts::finalize`), so only the summary code may make them.
    pub(super) fn quote(text: &str, lang: &str) -> Self {
        Words::same(mark(&without_marks(text), lang))
    }

    /// Shown and said differently (an address said with "at"), both marked as quoted words.
    pub(super) fn quote_both(text: &str, spoken: &str, lang: &str) -> Self {
        Words {
            text: mark(&without_marks(text), lang),
            spoken: mark(&without_marks(spoken), lang),
        }
    }

    /// Sentences one after the other, a space apart.
    pub fn join(parts: impl IntoIterator<Item = Words>) -> Words {
        Self::join_with(parts, " ")
    }

    fn join_with(parts: impl IntoIterator<Item = Words>, gap: &str) -> Words {
        let mut out = Words::default();
        for part in parts {
            if part.text.is_empty() && part.spoken.is_empty() {
                continue;
            }
            if !out.text.is_empty() {
                out.text.push_str(gap);
            }
            if !out.spoken.is_empty() {
                out.spoken.push_str(gap);
            }
            out.text.push_str(&part.text);
            out.spoken.push_str(&part.spoken);
        }
        out
    }
}

/// The language of the words a CTA-2120 record supplies. The record has no field for its
/// language, and the label programme publishes records in English, so its names and the
/// maker's own words are taken as English. A record that one day says its language changes
/// only this.
pub const RECORD_LANG: &str = "en";

/// A stretch of a summary text quoted as the record gives it (a product or maker name, a
/// lab, the maker's own words, a value this version does not know), in its own language: a
/// screen reader switches voice for it, a web page puts `lang` on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QuotedSpan {
    /// Byte offsets into the text the span belongs to (UTF-8), `start < end`, on character
    /// boundaries.
    pub start: u32,
    /// End of the span, bytes (exclusive).
    pub end: u32,
    /// The same span in UTF-16 code units, the unit of Kotlin, Java and JavaScript string
    /// indices (Swift can use `start`/`end` on `String.utf8`). Not in JSON: scripts get bytes.
    #[serde(skip)]
    pub start_utf16: u32,
    /// End of the span, UTF-16 code units (exclusive).
    #[serde(skip)]
    pub end_utf16: u32,
    /// BCP 47 tag of the quoted words' language, e.g. `en`.
    pub lang: String,
}

// While a summary is built, quoted words travel inside ordinary strings between these
// private-use marks, so they survive any message they are put into; `unmark` removes the
// marks and turns them into spans at the end. Record text never carries the marks itself
// (`Words::quote` strips them).
const OPEN: char = '\u{E000}';
const LANG_END: char = '\u{E001}';
const CLOSE: char = '\u{E002}';

fn without_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(*c, OPEN | LANG_END | CLOSE))
        .collect()
}

fn mark(text: &str, lang: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    format!("{OPEN}{lang}{LANG_END}{text}{CLOSE}")
}

/// The text without marks, and the spans the marks stood for. A mark inside a span is dropped
/// (the outer span already covers it); unbalanced marks are dropped too.
pub(crate) fn unmark(marked: &str) -> (String, Vec<QuotedSpan>) {
    let mut out = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut chars = marked.chars();
    // The open span: its start (bytes, UTF-16 units) and language.
    let mut open: Option<(usize, usize, String)> = None;
    let mut utf16_len = 0usize;
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            OPEN => {
                let lang: String = chars.by_ref().take_while(|c| *c != LANG_END).collect();
                if depth == 0 {
                    open = Some((out.len(), utf16_len, without_marks(&lang)));
                }
                depth += 1;
            }
            CLOSE if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if let Some((start, start_utf16, lang)) = open.take() {
                        if start < out.len() {
                            let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                            spans.push(QuotedSpan {
                                start: offset(start),
                                end: offset(out.len()),
                                start_utf16: offset(start_utf16),
                                end_utf16: offset(utf16_len),
                                lang,
                            });
                        }
                    }
                }
            }
            CLOSE | LANG_END => {}
            c => {
                utf16_len += c.len_utf16();
                out.push(c);
            }
        }
    }
    (out, spans)
}

/// The text without marks (where spans are not wanted, e.g. a verdict).
pub(crate) fn plain(marked: &str) -> String {
    unmark(marked).0
}

/// A message argument.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A number: Fluent picks the plural form from it.
    Num(i64),
    /// Words: the shown form goes into the text, the spoken form into the spoken text.
    Words(Words),
}

impl From<Words> for Arg {
    fn from(w: Words) -> Self {
        Arg::Words(w)
    }
}

impl From<&Words> for Arg {
    fn from(w: &Words) -> Self {
        Arg::Words(w.clone())
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Words(Words::same(s))
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Words(Words::same(s.as_str()))
    }
}

/// One locale's catalogue.
#[derive(Clone, Copy)]
pub struct Catalogue {
    /// The locale's tag: one of [`LOCALES`].
    pub locale: &'static str,
    bundle: &'static Bundle,
}

impl Catalogue {
    /// The catalogue for `tag`, or the nearest one (US English when none is close).
    pub fn new(tag: &str) -> Self {
        let locale = resolve_locale(tag);
        Catalogue {
            locale,
            bundle: bundle(locale),
        }
    }

    /// A message without arguments.
    pub fn msg(&self, id: &str) -> Words {
        self.fmt(id, &[])
    }

    /// A message with arguments. A missing message or variable is recorded (see
    /// [`problems`]) and shows the id, never panics.
    pub fn fmt(&self, id: &str, args: &[(&str, Arg)]) -> Words {
        let Some(message) = self.bundle.get_message(id) else {
            record(format!("{}: missing message {id}", self.locale));
            return Words::same(id);
        };
        let Some(value) = message.value() else {
            record(format!("{}: message {id} has no value", self.locale));
            return Words::same(id);
        };
        let build_args = |spoken: bool| {
            let mut fa = FluentArgs::new();
            for (name, arg) in args {
                let value = match arg {
                    Arg::Num(n) => FluentValue::from(*n),
                    Arg::Words(w) => FluentValue::from(if spoken {
                        w.spoken.clone()
                    } else {
                        w.text.clone()
                    }),
                };
                fa.set(*name, value);
            }
            fa
        };
        let mut errors = Vec::new();
        let text_args = build_args(false);
        let text = self
            .bundle
            .format_pattern(value, Some(&text_args), &mut errors)
            .into_owned();
        let spoken_args = build_args(true);
        let pattern = message
            .get_attribute("spoken")
            .map(|a| a.value())
            .unwrap_or(value);
        let spoken = self
            .bundle
            .format_pattern(pattern, Some(&spoken_args), &mut errors)
            .into_owned();
        for error in errors {
            record(format!("{}: {id}: {error}", self.locale));
        }
        Words { text, spoken }
    }

    /// Sentences one after the other, as the language writes them: a space apart, except in
    /// Chinese, where a full stop (。) is the whole gap.
    pub fn join(&self, parts: impl IntoIterator<Item = Words>) -> Words {
        let gap = if self.locale.starts_with("zh") {
            ""
        } else {
            " "
        };
        Words::join_with(parts, gap)
    }

    /// A list in words: "A", "A and B", "A, B and C".
    pub fn and_list(&self, items: &[Words]) -> Words {
        self.list(items, "list-and")
    }

    /// A list of choices: "A", "A or B", "A, B or C".
    pub fn or_list(&self, items: &[Words]) -> Words {
        self.list(items, "list-or")
    }

    fn list(&self, items: &[Words], last_id: &str) -> Words {
        match items {
            [] => Words::default(),
            [one] => one.clone(),
            [rest @ .., last] => {
                let mut head = rest[0].clone();
                for item in &rest[1..] {
                    head = self.fmt(
                        "list-comma",
                        &[("first", (&head).into()), ("next", item.into())],
                    );
                }
                self.fmt(last_id, &[("first", (&head).into()), ("last", last.into())])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_spans() {
        let name = Words::quote("Acme Home", RECORD_LANG);
        let (text, spans) = unmark(&format!("由 {} 制造。", name.text));
        assert_eq!(text, "由 Acme Home 制造。");
        assert_eq!(
            spans,
            vec![QuotedSpan {
                start: 4,
                end: 13,
                start_utf16: 2,
                end_utf16: 11,
                lang: "en".into()
            }]
        );
        assert_eq!(&text[4..13], "Acme Home");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16_lossy(&utf16[2..11]), "Acme Home");
        // Nested: the outer span wins. Unbalanced or empty: nothing, and no marks left.
        let inner = Words::quote("in", "en").text;
        let (text, spans) = unmark(&mark(&format!("a {inner} b"), "en"));
        assert_eq!((text.as_str(), spans.len()), ("a in b", 1));
        let (text, spans) = unmark(&format!("x{CLOSE}y{OPEN}en{LANG_END}"));
        assert_eq!((text.as_str(), spans.len()), ("xy", 0));
        assert!(Words::quote("", "en").text.is_empty());
    }

    #[test]
    fn chinese_sentences_have_no_space_between_them() {
        let zh = Catalogue::new("zh-CN");
        let vi = Catalogue::new("vi");
        let parts = || [Words::same("甲。"), Words::same("乙。")];
        assert_eq!(zh.join(parts()).text, "甲。乙。");
        assert_eq!(vi.join(parts()).text, "甲。 乙。");
    }

    /// Plural categories come from Fluent's rules for the catalogue's language: Chinese and
    /// Vietnamese have only "other", so a `[one]` variant never applies to them.
    #[test]
    fn plural_rules_follow_the_language() {
        let source = "n = { $n ->\n    [one] one\n   *[other] other\n}\n";
        for (locale, one) in [
            ("en-US", "one"),
            ("es-US", "one"),
            ("zh-Hans", "other"),
            ("zh-Hant", "other"),
            ("vi", "other"),
        ] {
            let id: LanguageIdentifier = locale.parse().unwrap();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle
                .add_resource(FluentResource::try_new(source.to_owned()).unwrap())
                .unwrap();
            let pattern = bundle.get_message("n").unwrap().value().unwrap();
            let mut args = FluentArgs::new();
            args.set("n", 1);
            let mut errors = Vec::new();
            let got = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert_eq!(got, one, "{locale}");
        }
    }
}
