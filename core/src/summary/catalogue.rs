//! The message catalogues (Project Fluent), embedded in the binary.
//!
//! Every word the summary shows comes from `core/locales/<locale>/*.ftl`. A message may have a
//! `.spoken` attribute: the form a screen reader should say when it differs from the text.
//! Arguments carry both forms too ([`Words`]), so a date, a list or a host built from other
//! messages stays speakable inside a sentence.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The locales with a complete catalogue; the first is the fallback.
pub const LOCALES: [&str; 2] = ["en-US", "es-US"];

/// The catalogue files of one locale, in load order: (file name, contents).
pub fn files(locale: &str) -> &'static [(&'static str, &'static str)] {
    match locale {
        "es-US" => &[
            (
                "summary.ftl",
                include_str!("../../locales/es-US/summary.ftl"),
            ),
            ("check.ftl", include_str!("../../locales/es-US/check.ftl")),
            ("dates.ftl", include_str!("../../locales/es-US/dates.ftl")),
            ("staff.ftl", include_str!("../../locales/es-US/staff.ftl")),
        ],
        _ => &[
            (
                "summary.ftl",
                include_str!("../../locales/en-US/summary.ftl"),
            ),
            ("check.ftl", include_str!("../../locales/en-US/check.ftl")),
            ("dates.ftl", include_str!("../../locales/en-US/dates.ftl")),
            ("staff.ftl", include_str!("../../locales/en-US/staff.ftl")),
        ],
    }
}

/// Picks the catalogue for a caller's language tag: any Spanish (`es`, `es-US`, `es-MX`,
/// `es_419`) gets US Spanish; everything else, unknown or malformed tags included, gets US
/// English.
pub fn resolve_locale(tag: &str) -> &'static str {
    let tag = tag.trim().replace('_', "-");
    let language = tag
        .parse::<LanguageIdentifier>()
        .map(|id| id.language.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    if language == "es" {
        "es-US"
    } else {
        "en-US"
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(locale: &'static str) -> &'static Bundle {
    static EN: OnceLock<Bundle> = OnceLock::new();
    static ES: OnceLock<Bundle> = OnceLock::new();
    let cell = if locale == "es-US" { &ES } else { &EN };
    cell.get_or_init(|| build(locale))
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
    pub text: String,
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

    /// Sentences one after the other.
    pub fn join(parts: impl IntoIterator<Item = Words>) -> Words {
        let mut out = Words::default();
        for part in parts {
            if part.text.is_empty() && part.spoken.is_empty() {
                continue;
            }
            if !out.text.is_empty() {
                out.text.push(' ');
            }
            if !out.spoken.is_empty() {
                out.spoken.push(' ');
            }
            out.text.push_str(&part.text);
            out.spoken.push_str(&part.spoken);
        }
        out
    }
}

/// A message argument.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A number: Fluent picks the plural form from it.
    Num(i64),
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
    pub locale: &'static str,
    bundle: &'static Bundle,
}

impl Catalogue {
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
