//! The spoken forms are made for screen readers: no dates in digits, no symbols or
//! abbreviations that a screen reader spells out or mispronounces, links said as
//! "link to <host>", and every state in words.

mod summary_common;

use summary_common::{all_summaries, fixed_now, fixture};
use trustlabel_protocol::{ScanResult, Tone};
use trustlabel_words::{summarize, tone_word, FactId, QuotedSpan, LOCALES};

/// A date written with digits only: 2028-08-31, 08/31/28, 31.08.2028, and the same with
/// full-width digits and separators (２０２８／８／３１), as East Asian text may use. A date
/// written with 年, 月 and 日 or with "ngày ... tháng ... năm" is words, not digits only: a
/// screen reader says it as a date.
fn has_numeric_date(text: &str) -> bool {
    // Full-width forms to their ASCII twins, so one scan finds both.
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            '／' => '/',
            '．' => '.',
            c => c,
        })
        .collect();
    for i in 0..chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        // digits, separator, digits, same separator, digits
        let mut j = i;
        let mut groups = 0;
        let mut sep = None;
        loop {
            let start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if j == start {
                break;
            }
            groups += 1;
            match chars.get(j) {
                Some(c @ ('-' | '/' | '.')) if sep.is_none() || sep == Some(*c) => {
                    sep = Some(*c);
                    j += 1;
                }
                _ => break,
            }
        }
        if groups >= 3 {
            return true;
        }
    }
    false
}

#[test]
fn numeric_dates_are_found() {
    assert!(has_numeric_date("until 2028-08-31"));
    assert!(has_numeric_date("08/31/28"));
    assert!(has_numeric_date("31.08.2028."));
    assert!(!has_numeric_date("August 31, 2028."));
    assert!(!has_numeric_date("model RW2K, 1 year and 9 months"));
    assert!(has_numeric_date("直到2028/8/31。"));
    assert!(has_numeric_date("直到２０２８／８／３１。"));
    assert!(has_numeric_date("đến hết 31/8/2028."));
    assert!(has_numeric_date("直到2028.8.31。"));
    assert!(!has_numeric_date("直到2028年8月31日。"));
    assert!(!has_numeric_date("đến hết ngày 31 tháng 8 năm 2028."));
}

/// Dates are written in each language's own way in every text and spoken form: 年月日 in
/// Chinese, "ngày ... tháng ... năm" in Vietnamese (and never the other locales' forms).
#[test]
fn dates_are_written_in_each_language() {
    for (locale, own, foreign) in [
        (
            "zh-Hans",
            "2028年8月31日",
            ["August 31", "31 de agosto", "ngày 31"],
        ),
        (
            "zh-Hant",
            "2028年8月31日",
            ["August 31", "31 de agosto", "ngày 31"],
        ),
        (
            "vi",
            "ngày 31 tháng 8 năm 2028",
            ["August 31", "31 de agosto", "2028年"],
        ),
    ] {
        let s = summarize(&fixture("ringwraith-2000"), locale, fixed_now());
        let support = s.fact(FactId::Support).unwrap();
        assert!(support.text.contains(own), "{locale}: {}", support.text);
        assert!(support.spoken.contains(own), "{locale}: {}", support.spoken);
        for (name, _, summary) in all_summaries(locale) {
            for text in summary
                .facts
                .iter()
                .flat_map(|f| [&f.text, &f.spoken])
                .chain([&summary.verdict.text, &summary.verdict.spoken])
            {
                for bad in foreign {
                    assert!(!text.contains(bad), "{locale} {name}: {bad:?} in {text:?}");
                }
            }
        }
    }
}

#[test]
fn spoken_forms_are_speakable() {
    const NEVER: [&str; 12] = [
        "/", "&", "%", "e.g.", "i.e.", "SBOM", "HBOM", "MFA", "http", "@", "_", "U.S.",
    ];
    for locale in LOCALES {
        for (name, _, summary) in all_summaries(locale) {
            let spoken = std::iter::once(("verdict", &summary.verdict.spoken)).chain(
                summary
                    .facts
                    .iter()
                    .filter(|f| f.id != FactId::CodeText)
                    .map(|f| (f.id.code(), &f.spoken)),
            );
            for (id, text) in spoken {
                for bad in NEVER {
                    assert!(
                        !text.contains(bad),
                        "{locale} {name} {id}: {bad:?} in {text:?}"
                    );
                }
                assert!(
                    !has_numeric_date(text),
                    "{locale} {name} {id}: numeric date in {text:?}"
                );
                assert!(!text.trim().is_empty());
            }
            for fact in &summary.facts {
                assert!(
                    !has_numeric_date(&fact.text),
                    "{locale} {name}: numeric date in {:?}",
                    fact.text
                );
                assert!(!fact.title.is_empty() && !fact.text.is_empty());
                if let Some(link) = &fact.link {
                    assert!(
                        link.url.starts_with("https://")
                            || link.url.starts_with("http://")
                            || link.url.starts_with("mailto:"),
                        "{}",
                        link.url
                    );
                    assert!(
                        !fact.text.contains(&link.url),
                        "the text does not spell out the address"
                    );
                    const SAID: [&str; 13] = [
                        "Link to",
                        "Enlace a",
                        "Email link",
                        "Enlace de correo",
                        " at ",
                        " arroba ",
                        "链接到",
                        "电子邮件链接",
                        "連結到",
                        "電子郵件連結",
                        "Liên kết đến",
                        "Liên kết email",
                        " a còng ",
                    ];
                    let said = SAID.iter().any(|w| fact.spoken.contains(w));
                    assert!(
                        said,
                        "{locale} {name} {}: the spoken form does not say where the link goes",
                        fact.id
                    );
                }
            }
        }
    }
}

#[test]
fn every_tone_has_a_word_in_every_locale() {
    for locale in LOCALES {
        let words: Vec<String> = Tone::ALL.iter().map(|t| tone_word(*t, locale)).collect();
        let mut unique = words.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), words.len(), "{locale}: {words:?}");
    }
}

#[test]
fn an_email_contact_is_said_with_at() {
    let s = summarize(&fixture("palantir-cam"), "en", fixed_now());
    let contact = s.fact(FactId::SecurityContact).unwrap();
    assert_eq!(
        contact.text,
        "You can report a security problem by email to security@orthanc-vision.example."
    );
    assert_eq!(
        contact.spoken,
        "You can report a security problem by email to security at orthanc-vision.example."
    );
    assert_eq!(
        contact.link.as_ref().unwrap().url,
        "mailto:security@orthanc-vision.example"
    );
    let s = summarize(&fixture("palantir-cam"), "es", fixed_now());
    assert!(s
        .fact(FactId::SecurityContact)
        .unwrap()
        .spoken
        .contains("security arroba orthanc-vision.example"));
}

/// The strings a record supplies that a summary may quote: names, the maker's own words,
/// values this version does not know, contact addresses and the hosts of its links.
fn record_strings(result: &ScanResult) -> Vec<String> {
    let Some(view) = result.outcome.record() else {
        return Vec::new();
    };
    let r = &view.statement().record;
    let mut out: Vec<String> = [
        &r.product_name,
        &r.product_model,
        &r.manufacturer_name,
        &r.product_manufacturer,
        &r.security_update_information_other,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    for p in [&r.authorized_by, &r.tested_by].into_iter().flatten() {
        out.extend(p.name.clone());
    }
    // The values this version does not know, as the synthetic results give them, and the
    // country code without a name.
    for unknown in [
        "Weekly",
        "retina",
        "partly",
        "under_review",
        "smell",
        "heat",
        "printed",
        "XZ",
    ] {
        out.push(unknown.to_owned());
    }
    out.retain(|s| !s.trim().is_empty());
    out.iter_mut().for_each(|s| *s = s.trim().to_owned());
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// Spans are ordered, do not overlap, lie on character boundaries and are not empty.
fn check_spans(where_: &str, text: &str, spans: &[QuotedSpan]) {
    let mut last = 0;
    for span in spans {
        let (a, b) = (span.start as usize, span.end as usize);
        assert!(
            a >= last && a < b && b <= text.len(),
            "{where_}: {span:?} in {text:?}"
        );
        assert!(
            text.is_char_boundary(a) && text.is_char_boundary(b),
            "{where_}"
        );
        assert!(!span.lang.is_empty(), "{where_}");
        last = b;
    }
}

/// Every occurrence of a record string lies inside a span marked `en`.
fn check_marked(where_: &str, text: &str, spans: &[QuotedSpan], strings: &[String]) {
    for s in strings {
        for (at, _) in text.match_indices(s.as_str()) {
            let end = at + s.len();
            let inside = spans
                .iter()
                .any(|q| q.start as usize <= at && end <= q.end as usize && q.lang == "en");
            assert!(
                inside,
                "{where_}: {s:?} at {at} is not marked as English in {text:?} ({spans:?})"
            );
        }
    }
}

/// The record's own words are quoted as they are, in English, and marked so: never presented
/// as Spanish, Chinese or Vietnamese text. And nothing the catalogue wrote is marked as the
/// record's: each span holds record text only.
#[test]
fn record_words_keep_their_language() {
    let mut marked = 0;
    for locale in LOCALES {
        for (name, result, summary) in all_summaries(locale) {
            let strings = record_strings(&result);
            let hosts_and_addresses = summary_common::data_strings(&result);
            for fact in &summary.facts {
                let w = format!("{locale} {name} {}", fact.id);
                check_spans(&w, &fact.text, &fact.quotes);
                check_spans(&w, &fact.spoken, &fact.spoken_quotes);
                if fact.id == FactId::CodeText {
                    continue; // the scanned code's own text, not a record
                }
                check_marked(&w, &fact.text, &fact.quotes, &strings);
                check_marked(&w, &fact.spoken, &fact.spoken_quotes, &strings);
                let mut all = vec![
                    (&fact.text, &fact.quotes),
                    (&fact.spoken, &fact.spoken_quotes),
                ];
                if let Some(link) = &fact.link {
                    check_spans(&w, &link.title, &link.quotes);
                    check_marked(&w, &link.title, &link.quotes, &strings);
                    all.push((&link.title, &link.quotes));
                }
                for (text, spans) in all {
                    for span in spans {
                        marked += 1;
                        let quoted = &text[span.start as usize..span.end as usize];
                        // Spoken forms space out codes ("X Z") and symbols.
                        let quoted = quoted
                            .trim_end_matches('.')
                            .replace([' ', '_', '/', '&', '%', '@'], "");
                        let from_record = hosts_and_addresses
                            .iter()
                            .chain(&strings)
                            .map(|s| s.replace([' ', '_', '/', '&', '%', '@'], ""))
                            .any(|s| s.contains(&quoted) || quoted.contains(&s));
                        assert!(
                            from_record,
                            "{w}: {quoted:?} is marked but not the record's"
                        );
                        assert_eq!(span.lang, "en", "{w}");
                    }
                }
            }
            for text in [&summary.verdict.text, &summary.verdict.spoken] {
                assert!(
                    !text.contains(['\u{E000}', '\u{E001}', '\u{E002}']),
                    "{locale} {name}: marks left in the verdict"
                );
            }
        }
    }
    assert!(marked > 1000, "only {marked} spans");
}

/// A record cannot forge or break the marks: the private-use characters the summary uses
/// internally are removed from record text.
#[test]
fn record_text_cannot_forge_marks() {
    use summary_common::{base_extra, base_record, statement, verified, with};
    let forged = "Lamp\u{E002} 假\u{E000}zh\u{E001}灯\u{E002}\u{E000}";
    let record = with(base_record(), "product_name", serde_json::json!(forged));
    for locale in LOCALES {
        let s = summarize(
            &verified(statement(record.clone(), base_extra())),
            locale,
            fixed_now(),
        );
        let product = s.fact(FactId::Product).unwrap();
        assert!(
            !product.text.contains(['\u{E000}', '\u{E001}', '\u{E002}']),
            "{}",
            product.text
        );
        // The forged language tag is left as plain letters inside the one English span.
        let first = &product.quotes[0];
        assert_eq!(
            &product.text[first.start as usize..first.end as usize],
            "Lamp 假zh灯"
        );
        assert!(product.quotes.iter().all(|q| q.lang == "en"));
    }
}
