//! The translation catalogues are complete: every message exists in every locale with the
//! same variables and attributes, every file parses, no text carries Unicode isolation marks,
//! and every message id the code asks for exists (both the ids written in the code and the
//! ids it builds at run time, recorded while formatting every summary the tests can make).

mod summary_common;

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use trustlabel_protocol::Tone;
use trustlabel_words::{catalogue_files, catalogue_problems, tone_word, ui_text, UiText, LOCALES};

/// message id (with ".attribute" for attributes) -> the variables it uses.
type Catalogue = BTreeMap<String, BTreeSet<String>>;

fn variables_of_inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                variables_of_inline(a, out);
            }
            for a in &arguments.named {
                variables_of_inline(&a.value, out);
            }
        }
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                variables_of_inline(a, out);
            }
        }
        InlineExpression::Placeable { expression } => variables_of_expression(expression, out),
        _ => {}
    }
}

fn variables_of_expression(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => variables_of_inline(i, out),
        Expression::Select { selector, variants } => {
            variables_of_inline(selector, out);
            for v in variants {
                variables_of_pattern(&v.value, out);
            }
        }
    }
}

fn variables_of_pattern(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            variables_of_expression(expression, out);
        }
    }
}

fn load(locale: &str) -> Catalogue {
    let mut catalogue = Catalogue::new();
    for (name, source) in catalogue_files(locale) {
        assert!(
            !source.contains('\u{2068}') && !source.contains('\u{2069}'),
            "{locale}/{name} contains Unicode isolation marks"
        );
        let resource = fluent_syntax::parser::parse(*source)
            .unwrap_or_else(|(_, errors)| panic!("{locale}/{name} does not parse: {errors:?}"));
        for entry in &resource.body {
            match entry {
                Entry::Message(m) => {
                    let id = m.id.name.to_owned();
                    let mut vars = BTreeSet::new();
                    let value = m
                        .value
                        .as_ref()
                        .unwrap_or_else(|| panic!("{locale}: {id} has no value"));
                    variables_of_pattern(value, &mut vars);
                    assert!(
                        catalogue.insert(id.clone(), vars).is_none(),
                        "{locale}: {id} defined twice"
                    );
                    for a in &m.attributes {
                        let mut vars = BTreeSet::new();
                        variables_of_pattern(&a.value, &mut vars);
                        catalogue.insert(format!("{id}.{}", a.id.name), vars);
                    }
                }
                Entry::Junk { content } => panic!("{locale}/{name}: cannot parse {content:?}"),
                _ => {}
            }
        }
    }
    catalogue
}

/// What `other` lacks or adds compared with `reference`: messages, attributes, variables.
/// A `.spoken` attribute is optional (a locale adds one where its text needs it), but when
/// present it uses the same variables as its message's value, so it says as much.
fn differences(locale: &str, reference: &Catalogue, other: &Catalogue) -> Vec<String> {
    let mut out = Vec::new();
    let optional = |k: &str| k.ends_with(".spoken");
    for (id, vars) in reference {
        match other.get(id) {
            None if optional(id) => {}
            None => out.push(format!("{locale} lacks {id}")),
            Some(theirs) if theirs != vars => {
                out.push(format!("{locale}: {id} uses {theirs:?}, not {vars:?}"))
            }
            Some(_) => {}
        }
    }
    for (id, vars) in other {
        if reference.contains_key(id) {
            continue;
        }
        match id.strip_suffix(".spoken") {
            Some(base) => {
                if reference.get(base) != Some(vars) {
                    out.push(format!(
                        "{locale}: {id} uses {vars:?}, its message {:?}",
                        reference.get(base)
                    ));
                }
            }
            None => out.push(format!("{locale} has {id}, which {} lacks", LOCALES[0])),
        }
    }
    out
}

#[test]
fn every_locale_has_every_message_with_the_same_variables() {
    let reference = load(LOCALES[0]);
    assert!(reference.len() > 200, "only {} messages", reference.len());
    assert_eq!(
        LOCALES.len(),
        5,
        "a new locale: add its snapshots and tests"
    );
    let mut problems = Vec::new();
    for locale in &LOCALES[1..] {
        assert!(
            !std::ptr::eq(catalogue_files(locale), catalogue_files(LOCALES[0])),
            "{locale} has no files of its own"
        );
        problems.extend(differences(locale, &reference, &load(locale)));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The comparison itself catches a missing message, a missing or extra variable, a missing
/// attribute, and a `.spoken` form that drops a variable.
#[test]
fn the_comparison_catches_gaps() {
    let cat = |entries: &[(&str, &[&str])]| -> Catalogue {
        entries
            .iter()
            .map(|(id, vars)| (id.to_string(), vars.iter().map(|v| v.to_string()).collect()))
            .collect()
    };
    let reference = cat(&[
        ("a", &["x"]),
        ("b", &[]),
        ("b.title", &[]),
        ("c", &["y"]),
        ("c.spoken", &["y"]),
    ]);
    assert!(differences("t", &reference, &reference).is_empty());
    let no_spoken = cat(&[("a", &["x"]), ("b", &[]), ("b.title", &[]), ("c", &["y"])]);
    assert!(differences("t", &reference, &no_spoken).is_empty());
    for (broken, what) in [
        (
            cat(&[("b", &[]), ("b.title", &[]), ("c", &["y"])]),
            "lacks a",
        ),
        (
            cat(&[("a", &[]), ("b", &[]), ("b.title", &[]), ("c", &["y"])]),
            "a uses",
        ),
        (
            cat(&[
                ("a", &["x", "z"]),
                ("b", &[]),
                ("b.title", &[]),
                ("c", &["y"]),
            ]),
            "a uses",
        ),
        (
            cat(&[("a", &["x"]), ("b", &[]), ("c", &["y"])]),
            "lacks b.title",
        ),
        (
            cat(&[
                ("a", &["x"]),
                ("a.spoken", &[]),
                ("b", &[]),
                ("b.title", &[]),
                ("c", &["y"]),
            ]),
            "a.spoken uses",
        ),
        (
            cat(&[
                ("a", &["x"]),
                ("b", &[]),
                ("b.title", &[]),
                ("c", &["y"]),
                ("d", &[]),
            ]),
            "has d",
        ),
    ] {
        let found = differences("t", &reference, &broken);
        assert!(
            found.iter().any(|p| p.contains(what)),
            "{what:?} not found in {found:?}"
        );
    }
}

/// Message ids written in the code (string literals of the shape `word-word...` passed to
/// the catalogue) exist; fragments that the code completes at run time (`updates-{key}`)
/// must at least be part of an existing id.
#[test]
fn every_message_id_written_in_the_code_exists() {
    let catalogue = load(LOCALES[0]);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../words/src");
    let mut checked = 0;
    // The summary's modules, its fact modules (`summary/facts/`) included.
    let mut files = Vec::new();
    let mut dirs = vec![dir];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 5, "summary modules not found: {files:?}");
    for path in files {
        let code = std::fs::read_to_string(&path).unwrap();
        for (i, literal) in code.split('"').enumerate() {
            // Odd pieces are inside quotes (the summary code has no escaped quotes).
            let is_id = i % 2 == 1
                && literal.contains('-')
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !literal.starts_with('-')
                && !literal.ends_with('-');
            if !is_id {
                continue;
            }
            checked += 1;
            let known = catalogue.contains_key(literal)
                || catalogue.keys().any(|k| {
                    k.contains(&format!("-{literal}")) || k.starts_with(&format!("{literal}-"))
                });
            assert!(known, "{}: no message for \"{literal}\"", path.display());
        }
    }
    assert!(checked > 100, "only {checked} ids found in the code");
}

/// Formats every summary the tests can produce, in every locale, and every tone word: no
/// message the code asked for at run time was missing, and no variable was left unset.
#[test]
fn every_message_asked_for_at_run_time_exists() {
    for locale in LOCALES {
        let summaries = summary_common::all_summaries(locale);
        assert!(summaries.len() > 100);
        for tone in Tone::ALL {
            assert!(!tone_word(tone, locale).is_empty());
        }
        for key in UiText::ALL {
            assert!(!ui_text(key, locale).is_empty());
        }
        for (name, _, s) in &summaries {
            assert_eq!(s.locale, locale, "{name}");
            for text in std::iter::once(&s.verdict.text)
                .chain(std::iter::once(&s.verdict.spoken))
                .chain(s.facts.iter().flat_map(|f| [&f.title, &f.text, &f.spoken]))
            {
                assert!(
                    !text.contains('\u{2068}') && !text.contains('\u{2069}'),
                    "{name}: isolation marks"
                );
                assert!(
                    !text.contains("{ $") && !text.contains("{$"),
                    "{name}: unresolved {text}"
                );
                assert!(!text.trim().is_empty(), "{name}: empty text");
            }
        }
    }
    let problems = catalogue_problems();
    assert!(
        problems.is_empty(),
        "catalogue problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn locale_choice() {
    use trustlabel_words::{resolve_locale, supported_locale};
    for (tag, locale) in [
        ("en", "en-US"),
        ("en-US", "en-US"),
        ("en_GB", "en-US"),
        ("es", "es-US"),
        ("es-US", "es-US"),
        ("es-MX", "es-US"),
        ("ES_419", "es-US"),
        // Traditional Chinese: by script, or by region where it is the usual script.
        ("zh-TW", "zh-Hant"),
        ("zh_TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant"),
        ("zh-Hant-US", "zh-Hant"),
        ("zh-hant-hk", "zh-Hant"),
        ("ZH-HANT", "zh-Hant"),
        ("yue", "zh-Hant"),
        ("yue-HK", "zh-Hant"),
        // The script wins over the region.
        ("zh-Hans-HK", "zh-Hans"),
        ("zh-Hant-CN", "zh-Hant"),
        ("yue-Hans", "zh-Hans"),
        // Simplified Chinese: bare zh and every other region.
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("zh-Hans-CN", "zh-Hans"),
        ("zh-US", "zh-Hans"),
        ("cmn", "zh-Hans"),
        ("cmn-TW", "zh-Hant"),
        // Extensions and private use do not change the language.
        ("zh-TW-u-ca-chinese", "zh-Hant"),
        ("zh-x-private", "zh-Hans"),
        ("vi", "vi"),
        ("vi-VN", "vi"),
        ("vi_US", "vi"),
        ("VI", "vi"),
        ("fr", "en-US"),
        ("ja-JP", "en-US"),
        ("", "en-US"),
        ("   ", "en-US"),
        ("not a tag!", "en-US"),
        ("zh-", "en-US"),
        ("-zh", "en-US"),
        ("zh-TWW-x", "en-US"),
        ("\u{0}zh", "en-US"),
        ("中文", "en-US"),
    ] {
        assert_eq!(resolve_locale(tag), locale, "{tag:?}");
    }
    assert_eq!(supported_locale("fr"), None);
    assert_eq!(supported_locale("en"), Some("en-US"));
    let long = "zh-".repeat(10_000);
    assert_eq!(resolve_locale(&long), "en-US");
}

/// An HTTP `Accept-Language` header picks a catalogue with the same rules, by weight.
#[test]
fn accept_language_choice() {
    use trustlabel_words::resolve_accept_language;
    for (header, locale) in [
        ("zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7", "zh-Hant"),
        ("fr-FR,fr;q=0.9,vi;q=0.8,en;q=0.5", "vi"),
        ("en;q=0.5, zh-CN", "zh-Hans"),
        ("es-MX;q=0.9, en;q=0.9", "es-US"),
        ("de, fr;q=0.5", "en-US"),
        ("*", "en-US"),
        ("zh-HK;q=0, vi", "vi"),
        ("zh-HK;q=nonsense, vi;q=0.1", "vi"),
        ("", "en-US"),
        (";;;,,,", "en-US"),
        ("zh-Hant ; q=0.4 , es ; q=0.3", "zh-Hant"),
    ] {
        assert_eq!(resolve_accept_language(header), locale, "{header:?}");
    }
}
