//! The spoken forms are made for screen readers: no dates in digits, no symbols or
//! abbreviations that a screen reader spells out or mispronounces, links said as
//! "link to <host>", and every state in words.

mod summary_common;

use summary_common::{all_summaries, fixed_now, fixture};
use trustlabel_core::summary::{summarize, tone_word, Tone, LOCALES};

/// A date written with digits only: 2028-08-31, 08/31/28, 31.08.2028.
fn has_numeric_date(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
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
                    .filter(|f| f.id != "code_text")
                    .map(|f| (f.id.as_str(), &f.spoken)),
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
                    let said = fact.spoken.contains("Link to")
                        || fact.spoken.contains("Enlace a")
                        || fact.spoken.contains("Email link")
                        || fact.spoken.contains("Enlace de correo")
                        || fact.spoken.contains(" at ")
                        || fact.spoken.contains(" arroba ");
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
    let contact = s.fact("security_contact").unwrap();
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
        .fact("security_contact")
        .unwrap()
        .spoken
        .contains("security arroba orthanc-vision.example"));
}
