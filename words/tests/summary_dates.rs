//! Support-period dates: absolute and relative, computed from the device's own calendar day.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

mod summary_common;

use chrono::{DateTime, FixedOffset};
use serde_json::{json, Value};
use summary_common::{base_extra, base_record, statement, verified, with};
use trustlabel_protocol::Tone;
use trustlabel_words::{summarize, Fact, FactId, Summary};

fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

fn support_on(date: &str, now: DateTime<FixedOffset>, locale: &str) -> Summary {
    let record = with(base_record(), "support_date", json!(date));
    summarize(&verified(statement(record, base_extra())), locale, now)
}

fn support(summary: &Summary) -> &Fact {
    summary.fact(FactId::Support).expect("support fact")
}

const NOON: &str = "T12:00:00-05:00";

fn noon(day: &str) -> DateTime<FixedOffset> {
    at(&format!("{day}{NOON}"))
}

#[test]
fn the_example_from_the_design() {
    let s = support_on("2028-08-31", noon("2026-11-23"), "en");
    assert_eq!(
        support(&s).text,
        "The maker will send security updates through August 31, 2028. \
         That is about 1 year and 9 months from now."
    );
    assert_eq!(support(&s).tone, Tone::Good);
    assert_eq!(
        s.verdict.text,
        "This label is real. You get security updates through August 31, 2028."
    );
    let es = support_on("2028-08-31", noon("2026-11-23"), "es");
    assert_eq!(
        support(&es).text,
        "El fabricante enviará actualizaciones de seguridad hasta el 31 de agosto de 2028. \
         Es decir, dentro de aproximadamente 1 año y 9 meses."
    );
}

#[test]
fn ends_today_tomorrow_yesterday() {
    let now = noon("2026-11-23");
    let today = support_on("2026-11-23", now, "en");
    assert_eq!(
        support(&today).text,
        "Today is the last day you get security updates. That is November 23, 2026."
    );
    assert_eq!(support(&today).tone, Tone::Caution);
    assert_eq!(
        today.verdict.text,
        "This label is real, but the last day of security updates is today."
    );
    assert_eq!(today.verdict.tone, Tone::Caution);

    let tomorrow = support_on("2026-11-24", now, "en");
    assert!(
        support(&tomorrow)
            .text
            .starts_with("Tomorrow is the last day"),
        "{}",
        support(&tomorrow).text
    );
    assert_eq!(support(&tomorrow).tone, Tone::Caution);

    let yesterday = support_on("2026-11-22", now, "en");
    assert_eq!(
        support(&yesterday).text,
        "Yesterday was the last day you got security updates. That was November 22, 2026."
    );
    assert_eq!(support(&yesterday).tone, Tone::Bad);
    assert_eq!(
        yesterday.verdict.text,
        "This label is real, but the last day of security updates was yesterday."
    );
    assert_eq!(yesterday.verdict.tone, Tone::Bad);

    let es = support_on("2026-11-24", now, "es");
    assert_eq!(
        support(&es).text,
        "Mañana es el último día en que recibe actualizaciones de seguridad. Es el 24 de noviembre de 2026."
    );
    assert_eq!(
        es.verdict.text,
        "Esta etiqueta es auténtica, pero el último día de actualizaciones de seguridad es mañana."
    );
}

#[test]
fn plurals_and_rounding() {
    let now = noon("2026-11-23");
    for (date, en, es) in [
        (
            "2026-11-25",
            "That is 2 days from now.",
            "Es decir, dentro de 2 días.",
        ),
        (
            "2026-12-22",
            "That is 29 days from now.",
            "Es decir, dentro de 29 días.",
        ),
        (
            "2026-12-23",
            "That is about 1 month from now.",
            "Es decir, dentro de aproximadamente 1 mes.",
        ),
        // 2 months and 20 days round to 3 months.
        (
            "2027-02-12",
            "That is about 3 months from now.",
            "Es decir, dentro de aproximadamente 3 meses.",
        ),
        (
            "2027-11-23",
            "That is about 1 year from now.",
            "Es decir, dentro de aproximadamente 1 año.",
        ),
        (
            "2028-12-01",
            "That is about 2 years from now.",
            "Es decir, dentro de aproximadamente 2 años.",
        ),
        (
            "2029-01-23",
            "That is about 2 years and 2 months from now.",
            "Es decir, dentro de aproximadamente 2 años y 2 meses.",
        ),
        (
            "2027-12-24",
            "That is about 1 year and 1 month from now.",
            "Es decir, dentro de aproximadamente 1 año y 1 mes.",
        ),
        (
            "2026-11-20",
            "That was 3 days ago.",
            "Es decir, hace 3 días.",
        ),
        (
            "2026-08-23",
            "That was about 3 months ago.",
            "Es decir, hace aproximadamente 3 meses.",
        ),
        (
            "2025-03-01",
            "That was about 1 year and 9 months ago.",
            "Es decir, hace aproximadamente 1 año y 9 meses.",
        ),
    ] {
        let s = support_on(date, now, "en");
        assert!(
            support(&s).text.ends_with(en),
            "{date}: {}",
            support(&s).text
        );
        let s = support_on(date, now, "es");
        assert!(
            support(&s).text.ends_with(es),
            "{date}: {}",
            support(&s).text
        );
    }
}

#[test]
fn within_six_months_is_a_caution() {
    let now = noon("2026-11-23");
    assert_eq!(
        support(&support_on("2027-05-23", now, "en")).tone,
        Tone::Caution
    );
    assert_eq!(
        support(&support_on("2027-05-24", now, "en")).tone,
        Tone::Good
    );
    let soon = support_on("2027-03-31", now, "en");
    assert_eq!(
        soon.verdict.text,
        "This label is real, but the last day of security updates is March 31, 2027."
    );
    assert_eq!(soon.verdict.tone, Tone::Caution);
}

#[test]
fn leap_day() {
    // Support ends on February 29, 2028.
    let d = "2028-02-29";
    let s = support_on(d, noon("2026-11-23"), "en");
    assert!(support(&s)
        .text
        .contains("February 29, 2028. That is about 1 year and 3 months from now."));
    let s = support_on(d, noon("2028-02-28"), "en");
    assert!(
        support(&s).text.starts_with("Tomorrow is the last day"),
        "{}",
        support(&s).text
    );
    let s = support_on(d, noon("2028-02-29"), "en");
    assert!(
        support(&s).text.starts_with("Today is the last day"),
        "{}",
        support(&s).text
    );
    let s = support_on(d, noon("2028-03-01"), "en");
    assert!(
        support(&s).text.starts_with("Yesterday was the last day"),
        "{}",
        support(&s).text
    );
    // A year before a leap day is a year and a day before it, still "about 1 year".
    let s = support_on(d, noon("2027-02-28"), "en");
    assert!(
        support(&s).text.ends_with("That is about 1 year from now."),
        "{}",
        support(&s).text
    );
    // From the 29th of January, a month later is exactly the 29th of February.
    let s = support_on(d, noon("2028-01-29"), "en");
    assert!(
        support(&s)
            .text
            .ends_with("That is about 1 month from now."),
        "{}",
        support(&s).text
    );
    // A support date of February 29 in a year that has none is not a date.
    let s = support_on("2027-02-29", noon("2026-11-23"), "en");
    assert_eq!(support(&s).tone, Tone::Unknown);
    let es = support_on(d, noon("2026-11-23"), "es");
    assert!(support(&es).text.contains("29 de febrero de 2028"));
}

#[test]
fn the_same_instant_on_both_sides_of_the_date_line() {
    // 10:00 UTC on November 23 is midnight starting November 23 in Honolulu (UTC-10) and
    // midnight starting November 24 in Kiribati (UTC+14).
    let honolulu = at("2026-11-23T00:00:00-10:00");
    let kiribati = at("2026-11-24T00:00:00+14:00");
    assert_eq!(honolulu.timestamp(), kiribati.timestamp());
    let west = support_on("2026-11-23", honolulu, "en");
    let east = support_on("2026-11-23", kiribati, "en");
    assert!(
        support(&west).text.starts_with("Today is the last day"),
        "{}",
        support(&west).text
    );
    assert_eq!(support(&west).tone, Tone::Caution);
    assert!(
        support(&east)
            .text
            .starts_with("Yesterday was the last day"),
        "{}",
        support(&east).text
    );
    assert_eq!(support(&east).tone, Tone::Bad);
    // "Checked today" follows the device's calendar too.
    assert!(west
        .fact(FactId::Verification)
        .unwrap()
        .text
        .contains("today"));
}

#[test]
fn unsupported_products() {
    let extra = with(base_extra(), "support", json!({ "unsupported": true }));
    let s = summarize(
        &verified(statement(base_record(), extra.clone())),
        "en",
        noon("2026-11-23"),
    );
    assert_eq!(support(&s).tone, Tone::Bad);
    assert_eq!(
        support(&s).text,
        "The maker says not to count on security updates for this product. \
         The label gave an end date of August 31, 2028."
    );
    assert_eq!(
        s.verdict.text,
        "This label is real, but do not count on security updates."
    );
    let no_date = with(base_record(), "support_date", Value::Null);
    let s = summarize(
        &verified(statement(no_date, extra)),
        "es",
        noon("2026-11-23"),
    );
    assert_eq!(
        support(&s).text,
        "El fabricante dice que no cuente con actualizaciones de seguridad para este producto."
    );
}

#[test]
fn missing_and_malformed_dates_say_not_given() {
    let now = noon("2026-11-23");
    for raw in [
        Value::Null,
        json!(""),
        json!("31/08/2028"),
        json!("2028-13-01"),
        json!("soon"),
    ] {
        let record = with(base_record(), "support_date", raw.clone());
        let s = summarize(&verified(statement(record, base_extra())), "en", now);
        assert_eq!(support(&s).tone, Tone::Unknown, "{raw}");
        assert!(
            support(&s).text.contains("has not said how long")
                || support(&s).text.contains("not a real date"),
            "{raw}: {}",
            support(&s).text
        );
        assert_eq!(
            s.verdict.text,
            "This label is real. The label does not say how long security updates last."
        );
        assert_eq!(s.verdict.tone, Tone::Unknown);
        assert!(
            !support(&s).text.contains("31/08"),
            "no digit-only date is shown"
        );
    }
    // A malformed approval date is "not a real date" too, and the rest of the record still shows.
    let record = with(base_record(), "authorization_date", json!("18.08.2025"));
    let s = summarize(&verified(statement(record, base_extra())), "en", now);
    assert!(s
        .fact(FactId::Authorization)
        .unwrap()
        .text
        .contains("approval date is not a real date"));
    assert_eq!(s.facts.len(), 17);
}

#[test]
fn extended_support_uses_the_later_date() {
    let extra = with(
        base_extra(),
        "support",
        json!({ "unsupported": false, "extended_on": "2030-10-31" }),
    );
    let s = summarize(
        &verified(statement(base_record(), extra)),
        "en",
        noon("2026-11-23"),
    );
    assert_eq!(
        support(&s).text,
        "The maker will send security updates through October 31, 2030. \
         That is about 3 years and 11 months from now. \
         The label said August 31, 2028, but the maker has since added more time."
    );
    // An "extension" to an earlier date than the label's is not one: the label's date stands.
    let extra = with(
        base_extra(),
        "support",
        json!({ "extended_on": "2027-01-01" }),
    );
    let s = summarize(
        &verified(statement(base_record(), extra)),
        "en",
        noon("2026-11-23"),
    );
    assert!(support(&s)
        .text
        .starts_with("The maker will send security updates through August 31, 2028."));
}

/// The written date each locale must use, built here independently of the catalogues.
fn written(locale: &str, y: i32, m: u32, d: u32) -> String {
    const EN: [&str; 12] = [
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
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let i = (m - 1) as usize;
    match locale {
        "en" => format!("{} {d}, {y}", EN[i]),
        "es" => format!("{d} de {} de {y}", ES[i]),
        "zh-Hans" | "zh-Hant" => format!("{y}年{m}月{d}日"),
        "vi" => format!("ngày {d} tháng {m} năm {y}"),
        _ => unreachable!("{locale}"),
    }
}

const ALL_LOCALES: [&str; 5] = ["en", "es", "zh-Hans", "zh-Hant", "vi"];

#[test]
fn every_month_in_every_locale() {
    let now = noon("2026-11-23");
    for locale in ALL_LOCALES {
        for m in 1..=12 {
            for d in [1, 28] {
                let date = format!("2029-{m:02}-{d:02}");
                let s = support_on(&date, now, locale);
                let expected = written(locale, 2029, m, d);
                assert!(
                    support(&s).text.contains(&expected),
                    "{locale} {date}: {:?} lacks {expected:?}",
                    support(&s).text
                );
                // The verdict names the same date, in the same form.
                assert!(s.verdict.text.contains(&expected), "{}", s.verdict.text);
            }
        }
    }
}

#[test]
fn leap_day_in_every_locale() {
    for locale in ALL_LOCALES {
        let s = support_on("2028-02-29", noon("2026-11-23"), locale);
        let expected = written(locale, 2028, 2, 29);
        assert!(
            support(&s).text.contains(&expected),
            "{locale}: {}",
            support(&s).text
        );
        // February 29 in a year without one is no date, in any language.
        let s = support_on("2027-02-29", noon("2026-11-23"), locale);
        assert_eq!(support(&s).tone, Tone::Unknown, "{locale}");
        assert!(!support(&s).text.contains("29"), "{}", support(&s).text);
    }
}

#[test]
fn today_tomorrow_yesterday_in_every_locale() {
    let now = noon("2026-11-23");
    // (locale, first words for today, tomorrow, yesterday, and the verdict's day words)
    let cases = [
        (
            "en",
            ["Today is", "Tomorrow is", "Yesterday was"],
            ["today", "tomorrow", "yesterday"],
        ),
        (
            "es",
            ["Hoy es", "Mañana es", "Ayer fue"],
            ["hoy", "mañana", "ayer"],
        ),
        (
            "zh-Hans",
            ["今天是", "明天是", "昨天是"],
            ["今天", "明天", "昨天"],
        ),
        (
            "zh-Hant",
            ["今天是", "明天是", "昨天是"],
            ["今天", "明天", "昨天"],
        ),
        (
            "vi",
            ["Hôm nay là", "Ngày mai là", "Hôm qua là"],
            ["hôm nay", "ngày mai", "hôm qua"],
        ),
    ];
    for (locale, starts, days) in cases {
        for (i, (date, (y, m, d))) in [
            ("2026-11-23", (2026, 11, 23)),
            ("2026-11-24", (2026, 11, 24)),
            ("2026-11-22", (2026, 11, 22)),
        ]
        .into_iter()
        .enumerate()
        {
            let s = support_on(date, now, locale);
            let text = &support(&s).text;
            assert!(text.starts_with(starts[i]), "{locale} {date}: {text}");
            // The day word comes with the date written out, so nobody has to work it out.
            assert!(text.contains(&written(locale, y, m, d)), "{locale}: {text}");
            assert!(
                s.verdict.text.contains(days[i]),
                "{locale} {date}: {}",
                s.verdict.text
            );
            let tone = if i == 2 { Tone::Bad } else { Tone::Caution };
            assert_eq!(support(&s).tone, tone, "{locale} {date}");
        }
        // "Checked today" too.
        let s = support_on("2028-08-31", now, locale);
        let verification = &s.fact(FactId::Verification).unwrap().text;
        assert!(verification.contains(days[0]), "{locale}: {verification}");
    }
}

/// Relative times in Chinese and Vietnamese: nouns there do not change with the number, so
/// the catalogue has one form; Fluent's plural rules for those languages pick it.
#[test]
fn relative_times_in_chinese_and_vietnamese() {
    let now = noon("2026-11-23");
    for (date, hans, hant, vi) in [
        (
            "2026-11-25",
            "距今还有2天。",
            "距今還有2天。",
            "Tức là còn 2 ngày nữa.",
        ),
        (
            "2026-12-23",
            "距今还有大约1个月。",
            "距今還有大約1個月。",
            "Tức là còn khoảng 1 tháng nữa.",
        ),
        (
            "2027-11-23",
            "距今还有大约1年。",
            "距今還有大約1年。",
            "Tức là còn khoảng 1 năm nữa.",
        ),
        (
            "2029-01-23",
            "距今还有大约2年2个月。",
            "距今還有大約2年2個月。",
            "Tức là còn khoảng 2 năm 2 tháng nữa.",
        ),
        (
            "2026-11-20",
            "距今已过去3天。",
            "距今已過了3天。",
            "Tức là cách đây 3 ngày.",
        ),
        (
            "2025-03-01",
            "距今已过去大约1年9个月。",
            "距今已過了大約1年9個月。",
            "Tức là cách đây khoảng 1 năm 9 tháng.",
        ),
    ] {
        for (locale, expected) in [("zh-Hans", hans), ("zh-Hant", hant), ("vi", vi)] {
            let s = support_on(date, now, locale);
            assert!(
                support(&s).text.ends_with(expected),
                "{locale} {date}: {}",
                support(&s).text
            );
        }
    }
    let s = support_on("2028-08-31", noon("2026-11-23"), "zh-TW");
    assert_eq!(s.locale, "zh-Hant");
    assert_eq!(
        support(&s).text,
        "製造商會提供安全性更新，直到2028年8月31日。距今還有大約1年9個月。"
    );
    let s = support_on("2028-08-31", noon("2026-11-23"), "vi-VN");
    assert_eq!(
        support(&s).text,
        "Nhà sản xuất sẽ gửi bản cập nhật bảo mật đến hết ngày 31 tháng 8 năm 2028. \
         Tức là còn khoảng 1 năm 9 tháng nữa."
    );
}
