//! Readability of every English sentence the summary can produce.
//!
//! What is measured: every sentence of every verdict and fact text (not titles, not link
//! titles) of the English summaries of all fixtures, every outcome, every check failure,
//! every look-alike warning, every enum value of the record and statement, every support-date
//! case and every scan error (see `summary_common::all_summaries`).
//!
//! How: the Flesch-Kincaid grade `0.39 * words/sentences + 11.8 * syllables/words - 15.59` must
//! be at most 8 for **every sentence** on its own, and for every fact text and verdict as a
//! whole; every sentence has at most 20 words. Proper names and data are replaced by the
//! one-syllable word "Name" first, because the formatter does not choose their length: what the
//! record supplies (product, maker and lab names, addresses, the maker's own quoted words,
//! values this version does not know), country names, and dates written out ("February 28,
//! 2033": the summary must give them in full, never as digits, and they are read as one unit).
//! A number counts as one word of one syllable, as in common readability tools (textstat).
//!
//! `cargo test -p trustlabel-core --test summary_readability -- --nocapture` prints the
//! highest grade measured and the hardest sentences.

mod summary_common;

use std::collections::BTreeMap;

use summary_common::{all_summaries, data_strings};
use trustlabel_protocol::{OutcomeKind, Tone};
use trustlabel_words::{history_headline, FactId, PastScan, QuotedSpan, LOCALES};

/// Syllables in one English word: vowel groups, with the usual corrections for a silent final
/// "e", "-es" and "-ed" endings that add no syllable, "-le" endings, and vowel pairs that are
/// said as two ("video", "create"). Digits count as one syllable per number.
fn syllables(word: &str) -> usize {
    let w: String = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    if w.is_empty() {
        return usize::from(word.chars().any(|c| c.is_ascii_digit()));
    }
    // Words the rules below get wrong, and that the summary uses.
    const EXCEPTIONS: [(&str, usize); 12] = [
        ("every", 3),
        ("everyone", 3),
        ("area", 3),
        ("real", 1),
        ("being", 2),
        ("idea", 3),
        ("science", 2),
        ("quiet", 2),
        ("naive", 2),
        ("business", 2),
        ("themselves", 2),
        ("someone", 2),
    ];
    if let Some((_, n)) = EXCEPTIONS.iter().find(|(x, _)| *x == w) {
        return *n;
    }
    if w.len() <= 3 {
        return 1;
    }
    let chars: Vec<char> = w.chars().collect();
    let is_vowel = |i: usize| -> bool {
        let c = chars[i];
        match c {
            'a' | 'e' | 'i' | 'o' | 'u' => !(c == 'u' && i > 0 && chars[i - 1] == 'q'),
            // "y" is a vowel except at the start of a word or after a vowel ("yes", "key").
            'y' => i > 0 && !matches!(chars[i - 1], 'a' | 'e' | 'i' | 'o' | 'u'),
            _ => false,
        }
    };
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        if is_vowel(i) {
            count += 1;
            let start = i;
            while i + 1 < chars.len() && is_vowel(i + 1) {
                i += 1;
            }
            // Vowel pairs said as two syllables: "vid-e-o", "cre-ate", "di-al", "ru-in".
            let group: String = chars[start..=i].iter().collect();
            let next: String = chars[i + 1..].iter().take(3).collect();
            let two = match group.as_str() {
                "eo" | "ea" if i + 1 == chars.len() => true,
                "eo" => true,
                "ia" => {
                    !(start > 0 && matches!(chars[start - 1], 'c' | 't') && next.starts_with('l'))
                }
                "io" => !next.starts_with('n') && !next.starts_with('u'),
                "ua" | "uo" => !(start > 0 && chars[start - 1] == 'g'),
                "iu" | "ui" if next.starts_with('n') || next.starts_with('t') => true,
                _ => false,
            };
            if two {
                count += 1;
            }
        }
        i += 1;
    }
    let ends = |s: &str| w.ends_with(s);
    let before = |n: usize| {
        chars
            .get(chars.len().wrapping_sub(n))
            .copied()
            .unwrap_or(' ')
    };
    if ends("e") && !ends("le") && !ends("ee") && !ends("ie") && count > 1 {
        count -= 1; // silent e: "make", "safe", "inside"
    } else if ends("le") && !is_vowel(chars.len() - 3) {
        // "table", "simple": the "le" is its own syllable, already counted.
    }
    if ends("ely") && count > 1 {
        count -= 1; // "safely", "likely": the e of the stem is silent
    }
    if ends("es")
        && count > 1
        && !matches!(
            before(3),
            's' | 'x' | 'z' | 'c' | 'g' | 'h' | 'a' | 'e' | 'i' | 'o' | 'u'
        )
    {
        count -= 1; // "updates", "lines", "makes"
    }
    if ends("ed") && count > 1 && !matches!(before(3), 't' | 'd') {
        count -= 1; // "approved", "checked"
    }
    count.max(1)
}

#[test]
fn syllable_counter_on_known_words() {
    for (word, n) in [
        ("the", 1),
        ("label", 2),
        ("security", 4),
        ("updates", 2),
        ("update", 2),
        ("registry", 3),
        ("official", 3),
        ("approved", 2),
        ("tested", 2),
        ("checked", 1),
        ("video", 3),
        ("maker", 2),
        ("passkey", 2),
        ("yourself", 2),
        ("themselves", 2),
        ("encryption", 3),
        ("simple", 2),
        ("make", 1),
        ("safely", 2),
        ("countries", 2),
        ("fingerprint", 3),
        ("password", 2),
        ("yesterday", 3),
        ("tomorrow", 3),
        ("November", 3),
        ("January", 4),
        ("device", 2),
        ("boxes", 2),
        ("changes", 2),
        ("2028", 1),
        ("phone", 1),
        ("quality", 3),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
}

/// Sentences of a text: split after ".", "!" or "?" when a space and a capital letter, a
/// digit or a quote follow, or at the end.
fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        if matches!(chars[i], '.' | '!' | '?') {
            let end = i + 1 == chars.len()
                || (chars.get(i + 1) == Some(&' ')
                    && chars
                        .get(i + 2)
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || *c == '“'));
            if end {
                let s: String = chars[start..=i].iter().collect();
                if !s.trim().is_empty() {
                    out.push(s.trim().to_owned());
                }
                start = i + 1;
            }
        }
    }
    let rest: String = chars[start..].iter().collect();
    if !rest.trim().is_empty() {
        out.push(rest.trim().to_owned());
    }
    out
}

fn words(sentence: &str) -> Vec<&str> {
    sentence
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .collect()
}

/// Flesch-Kincaid grade of a text of one or more sentences.
fn grade(text: &str) -> f64 {
    let sentence_count = sentences(text).len().max(1);
    let ws = words(text);
    if ws.is_empty() {
        return 0.0;
    }
    let syl: usize = ws.iter().map(|w| syllables(w)).sum();
    0.39 * ws.len() as f64 / sentence_count as f64 + 11.8 * syl as f64 / ws.len() as f64 - 15.59
}

/// Replaces the record's own strings (longest first) by "Name", the maker's quoted words,
/// and dates written out ("February 28, 2033"): a date is record data the summary must give in
/// full (never digits only) and is read as one unit, so it counts as one short word.
fn mask(text: &str, data: &[String]) -> String {
    let mut out = mask_dates(text);
    // Quoted maker text first: “...”.
    while let (Some(a), Some(b)) = (out.find('“'), out.find('”')) {
        if b < a {
            break;
        }
        out.replace_range(a..b + '”'.len_utf8(), "Name");
    }
    for d in data {
        out = replace_words(&out, d);
    }
    out
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The country names the catalogue can produce (proper names, like the record's).
const COUNTRIES: [&str; 8] = [
    "North Korea",
    "Hong Kong",
    "Venezuela",
    "Russia",
    "China",
    "Macau",
    "Iran",
    "Cuba",
];

/// Replaces "<Month> <day>, <year>" and country names by "Name".
fn mask_dates(text: &str) -> String {
    let mut out = text.to_owned();
    for country in COUNTRIES {
        out = replace_words(&out, country);
    }
    for month in MONTHS {
        let mut from = 0;
        while let Some(found) = out[from..].find(month) {
            let start = from + found;
            let rest = &out[start + month.len()..];
            let day_len = rest
                .strip_prefix(' ')
                .map_or(0, |r| r.chars().take_while(char::is_ascii_digit).count());
            let after_day = &rest[(1 + day_len).min(rest.len())..];
            let year_len = after_day
                .strip_prefix(", ")
                .map_or(0, |r| r.chars().take_while(char::is_ascii_digit).count());
            if day_len > 0 && year_len == 4 {
                let end = start + month.len() + 1 + day_len + 2 + year_len;
                out.replace_range(start..end, "Name");
                from = start + "Name".len();
            } else {
                from = start + month.len();
            }
        }
    }
    out
}

#[test]
fn dates_count_as_one_word() {
    assert_eq!(
        mask_dates("Updates end on February 28, 2033. Not in May."),
        "Updates end on Name. Not in May."
    );
}

/// Replaces `needle` by "Name" where it stands as whole words (so "Lab" leaves "label").
fn replace_words(text: &str, needle: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(needle) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + needle.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..i]);
        if boundary(before) && boundary(after) {
            out.push_str("Name");
        } else {
            out.push_str(needle);
        }
        rest = &rest[i + needle.len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn sentence_splitting() {
    assert_eq!(
        sentences("It can record sound. It cannot tell where it is. That was 3 months ago."),
        vec![
            "It can record sound.",
            "It cannot tell where it is.",
            "That was 3 months ago."
        ]
    );
    assert_eq!(
        sentences("Made by Name Inc. approved it."),
        vec!["Made by Name Inc. approved it."]
    );
    assert!((grade("The cat sat on the mat.") - (0.39 * 6.0 + 11.8 - 15.59)).abs() < 1e-9);
    // Two sentences: words per sentence is averaged.
    assert!((grade("The cat sat. The dog ran.") - (0.39 * 3.0 + 11.8 - 15.59)).abs() < 1e-9);
    assert_eq!(
        replace_words("Lab tested this label.", "Lab"),
        "Name tested this label."
    );
}

#[test]
fn every_english_text_is_easy_to_read() {
    // text -> (grade, where it came from); sentence -> (grade, words, where)
    let mut texts: BTreeMap<String, (f64, String)> = BTreeMap::new();
    let mut measured: BTreeMap<String, (f64, usize, String)> = BTreeMap::new();
    for (name, result, summary) in all_summaries("en") {
        let data = data_strings(&result);
        let all =
            std::iter::once(&summary.verdict.text).chain(summary.facts.iter().map(|f| &f.text));
        for text in all {
            let masked = mask(text, &data);
            texts
                .entry(masked.clone())
                .or_insert((grade(&masked), name.clone()));
            for sentence in sentences(&masked) {
                let g = grade(&sentence);
                let n = words(&sentence).len();
                measured.entry(sentence).or_insert((g, n, name.clone()));
            }
        }
    }
    // History rows: every outcome with every tone.
    for outcome in OutcomeKind::ALL {
        for tone in Tone::ALL {
            let entry = PastScan {
                outcome,
                tone,
                unsigned: outcome == OutcomeKind::Unsigned,
            };
            let text = history_headline(entry, "en").text;
            texts
                .entry(text.clone())
                .or_insert((grade(&text), format!("history {}", outcome.code())));
            for sentence in sentences(&text) {
                let g = grade(&sentence);
                let n = words(&sentence).len();
                measured
                    .entry(sentence)
                    .or_insert((g, n, format!("history {}", outcome.code())));
            }
        }
    }
    assert!(
        measured.len() > 150,
        "only {} sentences measured",
        measured.len()
    );
    let mut by_grade: Vec<_> = texts.iter().collect();
    by_grade.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0));
    let mut sentence_grades: Vec<_> = measured.iter().collect();
    sentence_grades.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0));
    println!(
        "{} distinct English texts, {} distinct sentences measured.",
        texts.len(),
        measured.len()
    );
    println!(
        "Highest Flesch-Kincaid grade per fact text (enforced <= 8): {:.2}",
        by_grade[0].1 .0
    );
    println!(
        "Highest Flesch-Kincaid grade per sentence (enforced <= 8): {:.2}",
        sentence_grades[0].1 .0
    );
    println!(
        "Longest sentence (enforced <= 20): {} words",
        measured.values().map(|v| v.1).max().unwrap()
    );
    println!("The ten hardest texts:");
    for (text, (g, from)) in by_grade.iter().take(10) {
        println!("  {g:5.2}  {text}   [{from}]");
    }
    let above: Vec<_> = sentence_grades
        .iter()
        .filter(|(_, (g, _, _))| *g > 8.0)
        .collect();
    println!("Sentences above grade 8 on their own ({}):", above.len());
    for (sentence, (g, n, from)) in &above {
        println!("  {g:5.2}  {n:2} words  {sentence}   [{from}]");
    }
    let mut problems: Vec<String> = by_grade
        .iter()
        .filter(|(_, (g, _))| *g > 8.0)
        .map(|(t, (g, from))| format!("grade {g:.2}: {t}   [{from}]"))
        .collect();
    problems.extend(
        measured
            .iter()
            .filter(|(_, (_, n, _))| *n > 20)
            .map(|(s, (_, n, from))| format!("{n} words: {s}   [{from}]")),
    );
    problems.extend(
        above
            .iter()
            .map(|(s, (g, _, from))| format!("sentence at grade {g:.2}: {s}   [{from}]")),
    );
    assert!(
        problems.is_empty(),
        "texts or sentences above grade 8, or sentences over 20 words:\n{}",
        problems.join("\n")
    );
}

#[test]
fn spanish_sentences_are_short_too() {
    let mut too_long = Vec::new();
    for (name, result, summary) in all_summaries("es") {
        let data = data_strings(&result);
        let texts =
            std::iter::once(&summary.verdict.text).chain(summary.facts.iter().map(|f| &f.text));
        for text in texts {
            for sentence in sentences(&mask(text, &data)) {
                if words(&sentence).len() > 20 {
                    too_long.push(format!("{sentence}   [{name}]"));
                }
            }
        }
    }
    too_long.sort();
    too_long.dedup();
    assert!(
        too_long.is_empty(),
        "Spanish sentences over 20 words:\n{}",
        too_long.join("\n")
    );
}

/// `text` with each quoted span (the record's own words) replaced by one short word: the
/// formatter does not choose their length.
fn without_quotes(text: &str, spans: &[QuotedSpan]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start as usize]);
        out.push_str("Name");
        at = span.end as usize;
    }
    out.push_str(&text[at..]);
    out
}

/// Chinese sentences: split after 。！？ (and after ".", "!" or "?" followed by a space, for
/// English inside a Chinese text).
fn chinese_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    // A stop right before a closing quote ends the sentence after the quote.
    let mut stop_before_quote = false;
    for (i, c) in chars.iter().enumerate() {
        current.push(*c);
        let next = chars.get(i + 1);
        let stop = matches!(c, '。' | '！' | '？') || matches!(c, '.' | '!' | '?');
        let end = if matches!(c, '”' | '」') {
            std::mem::take(&mut stop_before_quote)
        } else if stop && matches!(next, Some('”' | '」')) {
            stop_before_quote = true;
            false
        } else {
            matches!(c, '。' | '！' | '？') || (stop && matches!(next, Some(' ') | None))
        };
        if end {
            if !current.trim().is_empty() {
                out.push(current.trim().to_owned());
            }
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

fn han_count(sentence: &str) -> usize {
    sentence
        .chars()
        .filter(|c| matches!(*c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF))
        .count()
}

#[test]
fn chinese_sentence_counting() {
    assert_eq!(
        chinese_sentences("它能录音。它不能拍照片或视频。制造商说：“It works.”您也可以。"),
        vec![
            "它能录音。",
            "它不能拍照片或视频。",
            "制造商说：“It works.”",
            "您也可以。"
        ]
    );
    assert_eq!(han_count("直到2028年8月31日。"), 5);
    assert_eq!(han_count("Name，型號 Name。"), 2);
}

/// Every Chinese sentence, in both scripts, has at most 40 Chinese characters (the record's
/// own words not counted; dates counted with their 年, 月 and 日).
#[test]
fn chinese_sentences_are_short() {
    let mut longest = 0;
    let mut too_long = Vec::new();
    for locale in ["zh-Hans", "zh-Hant"] {
        for (name, _, summary) in all_summaries(locale) {
            let texts = std::iter::once((summary.verdict.text.clone(), Vec::new())).chain(
                summary
                    .facts
                    .iter()
                    .map(|f| (f.text.clone(), f.quotes.clone())),
            );
            for (text, quotes) in texts {
                for sentence in chinese_sentences(&without_quotes(&text, &quotes)) {
                    let n = han_count(&sentence);
                    longest = longest.max(n);
                    if n > 40 {
                        too_long.push(format!("{n}: {sentence}   [{locale} {name}]"));
                    }
                }
            }
        }
    }
    println!("Longest Chinese sentence: {longest} characters (enforced <= 40)");
    assert!(longest > 10, "nothing measured");
    too_long.sort();
    too_long.dedup();
    assert!(
        too_long.is_empty(),
        "Chinese sentences over 40 characters:\n{}",
        too_long.join("\n")
    );
}

/// Every Vietnamese sentence has at most 30 syllables (Vietnamese writes each syllable as its
/// own word; the record's own words count as one).
#[test]
fn vietnamese_sentences_are_short() {
    let mut longest = 0;
    let mut too_long = Vec::new();
    for (name, _, summary) in all_summaries("vi") {
        let texts = std::iter::once((summary.verdict.text.clone(), Vec::new())).chain(
            summary
                .facts
                .iter()
                .map(|f| (f.text.clone(), f.quotes.clone())),
        );
        for (text, quotes) in texts {
            for sentence in sentences(&without_quotes(&text, &quotes)) {
                let n = words(&sentence).len();
                longest = longest.max(n);
                if n > 30 {
                    too_long.push(format!("{n}: {sentence}   [{name}]"));
                }
            }
        }
    }
    println!("Longest Vietnamese sentence: {longest} syllables (enforced <= 30)");
    assert!(longest > 10, "nothing measured");
    too_long.sort();
    too_long.dedup();
    assert!(
        too_long.is_empty(),
        "Vietnamese sentences over 30 syllables:\n{}",
        too_long.join("\n")
    );
}

/// Every locale tells the same facts in the same order, with the same tones, links and quoted
/// record words: a translation never drops, adds or reorders a finding.
#[test]
fn the_same_facts_in_the_same_order_in_every_locale() {
    type Shape = (
        trustlabel_words::SummaryOutcome,
        Tone,
        Vec<(FactId, Tone, Option<String>, Vec<String>, usize)>,
    );
    let shape = |s: &trustlabel_words::Summary| -> Shape {
        let facts = s
            .facts
            .iter()
            .map(|f| {
                let quoted = f
                    .quotes
                    .iter()
                    .map(|q| f.text[q.start as usize..q.end as usize].to_owned())
                    .collect();
                let link_quotes = f.link.as_ref().map_or(0, |l| l.quotes.len());
                (
                    f.id,
                    f.tone,
                    f.link.as_ref().map(|l| l.url.clone()),
                    quoted,
                    link_quotes,
                )
            })
            .collect();
        (s.outcome, s.verdict.tone, facts)
    };
    let reference: Vec<(String, Shape)> = all_summaries(LOCALES[0])
        .iter()
        .map(|(n, _, s)| (n.clone(), shape(s)))
        .collect();
    assert!(reference.len() > 100);
    for locale in &LOCALES[1..] {
        let other = all_summaries(locale);
        assert_eq!(other.len(), reference.len(), "{locale}");
        for ((name, expected), (other_name, _, s)) in reference.iter().zip(&other) {
            assert_eq!(name, other_name);
            let got = shape(s);
            // Tones, ids, links and outcome first, for a clear message.
            assert_eq!(
                (&got.0, got.1, got.2.len()),
                (&expected.0, expected.1, expected.2.len()),
                "{locale} {name}"
            );
            for (g, e) in got.2.iter().zip(&expected.2) {
                assert_eq!(g, e, "{locale} {name}");
            }
        }
    }
}

#[test]
fn a_saved_unsigned_record_is_never_called_real_in_the_history() {
    for tone in Tone::ALL {
        let entry = PastScan {
            outcome: OutcomeKind::OfflineCached,
            tone,
            unsigned: true,
        };
        for locale in LOCALES {
            let unsigned = history_headline(
                PastScan {
                    outcome: OutcomeKind::Unsigned,
                    ..entry
                },
                locale,
            );
            assert_eq!(
                history_headline(entry, locale).text,
                unsigned.text,
                "{locale} {tone:?}: a saved unsigned copy reads as unsigned"
            );
        }
        assert!(
            !history_headline(entry, "en").text.contains("real"),
            "{tone:?}"
        );
    }
}
