//! Shared by the `summary_*` tests: the fixtures as verified scan results, synthetic results
//! for every outcome, enum value and date case, and a plain-text rendering for snapshots.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde_json::{json, Value};
use trustlabel_protocol::{
    verify_record, AccessOption, Algorithm, AuthorizationState, CheckFailure, Declaration,
    LabelLink, LookalikeWarning, OfflineReason, Outcome, PublicKey, Record, RecordView,
    ScanErrorKind, ScanResult, Statement, TrustAnchor, TrustList, TrustListStatus, UpdateMethod,
};
use trustlabel_words::{summarize, summarize_error, QuotedSpan, Summary};

/// The fixed "now" of every snapshot: the fixtures' reference day, noon in New York.
pub fn fixed_now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T12:00:00-05:00").unwrap()
}

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../api-fixtures")
}

/// The fixtures' root anchor file: `{"kid", "alg", "public_key"}` (base64url).
fn parse_anchor(json: &[u8]) -> TrustAnchor {
    let file: Value = serde_json::from_slice(json).expect("anchor is JSON");
    let alg: Algorithm = serde_json::from_value(file["alg"].clone()).expect("anchor alg");
    TrustAnchor {
        kid: file["kid"].as_str().expect("anchor kid").to_owned(),
        key: PublicKey::from_base64url(alg, file["public_key"].as_str().expect("anchor key"))
            .expect("anchor key parses"),
    }
}

/// Every signed fixture envelope, verified with the fixture trust list exactly as the
/// scanner does, wrapped as a `Verified` scan result. Sorted by slug.
pub fn fixture_results() -> Vec<(String, ScanResult)> {
    let dir = fixtures_dir();
    let now = fixed_now().with_timezone(&Utc);
    let anchor = std::fs::read(dir.join("trust/root-anchor.json")).expect("root anchor");
    let anchors = vec![parse_anchor(&anchor)];
    let list = std::fs::read(dir.join("trust/trust-list.jws.json")).expect("trust list");
    let trust = TrustList::verify(&list, &anchors, now).expect("trust list verifies");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir.join("envelopes"))
        .expect("envelopes")
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let slug = path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .trim_end_matches(".jws.json")
            .to_owned();
        let bytes = std::fs::read(&path).unwrap();
        let url = format!("https://demo.trustlabel.dev/l/{slug}");
        let link = LabelLink::parse(&url).unwrap();
        let registry = trust
            .match_link(&link)
            .expect("fixture link is official")
            .registry;
        // These tests are about words: the envelope files carry no `log_proof` (the fixture
        // log attaches it when they are served), so they are checked as a registry that does
        // not log would be.
        let mut unlogged = registry.entry().clone();
        unlogged.log = None;
        let registry = &trustlabel_protocol::Registry::new(unlogged, now).unwrap();
        let verified = verify_record(&bytes, registry, &link, now, None)
            .unwrap_or_else(|e| panic!("{slug}: {e}"));
        let view = RecordView::verified(verified, now.timestamp(), now.timestamp());
        out.push((slug, result(&url, Outcome::Verified { record: view })));
    }
    out
}

pub fn fixture(slug: &str) -> ScanResult {
    fixture_results()
        .into_iter()
        .find(|(s, _)| s == slug)
        .unwrap()
        .1
}

pub fn result(text: &str, outcome: Outcome) -> ScanResult {
    ScanResult {
        text: text.to_owned(),
        url: LabelLink::parse(text).ok().map(|l| l.as_str().to_owned()),
        outcome,
        trust_list: TrustListStatus {
            version: 1,
            expired: false,
        },
        scanned_at: fixed_now().timestamp(),
    }
}

/// A record view around a statement, checked "now".
pub fn view(statement: Statement) -> RecordView {
    let now = fixed_now().timestamp();
    view_as(statement, Some(Algorithm::Es256), false, now)
}

/// A record view around a statement: signed with `alg` (`None`: a registry that does not
/// sign), `expired` or not, last confirmed at `checked_at`.
pub fn view_as(
    statement: Statement,
    alg: Option<Algorithm>,
    expired: bool,
    checked_at: i64,
) -> RecordView {
    let kid = if alg.is_some() { "demo-2026" } else { "" };
    let fetched_at = fixed_now().timestamp();
    RecordView::for_tests(
        statement,
        "demo",
        "Demo registry",
        kid,
        alg,
        expired,
        fetched_at,
        checked_at,
    )
}

/// `view` as another copy of it would be: `expired` or not, fetched and last confirmed at
/// other times (a stale statement, an offline copy saved earlier).
pub fn copy_of(view: &RecordView, expired: bool, fetched_at: i64, checked_at: i64) -> RecordView {
    RecordView::for_tests(
        view.statement().clone(),
        view.registry_id(),
        view.registry_name(),
        view.kid(),
        view.alg(),
        expired,
        fetched_at,
        checked_at,
    )
}

/// A statement from JSON parts: `record` is a CTA-2120 record, `extra` the statement's
/// status/support/disclosures blocks.
pub fn statement(record: Value, extra: Value) -> Statement {
    let mut s = json!({
        "iss": "demo",
        "sub": "https://demo.trustlabel.dev/l/test",
        "iat": 1_793_491_200, // 2026-11-01
        "exp": 2_109_024_000, // 2036-11-01
        "seq": 1,
        "record": record,
    });
    for (k, v) in extra.as_object().unwrap() {
        s[k] = v.clone();
    }
    serde_json::from_value(s).unwrap()
}

pub fn verified(statement: Statement) -> ScanResult {
    result(
        "https://demo.trustlabel.dev/l/test",
        Outcome::Verified {
            record: view(statement),
        },
    )
}

/// A complete, good record to vary one field at a time.
pub fn base_record() -> Value {
    json!({
        "schema_version": "1.0.0",
        "QR_code_url": "https://demo.trustlabel.dev/l/test",
        "product_name": "Glowlamp",
        "product_model": "GL1",
        "manufacturer_name": "Acme Home",
        "authorization_date": "2025-08-18",
        "authorized_by": { "name": "Cert Office", "contact": "https://approver.example/contact" },
        "tested_by": { "name": "Proof Lab", "contact": "lab@lab.example" },
        "access_control": { "password_options": ["password"], "password_type": "user_generated" },
        "securing_this_product": { "text": "Setup", "url": "https://maker.example/setup" },
        "security_update_information": { "update_default": "Automatic - may opt out" },
        "support_date": "2028-08-31",
        "sensor_data_collection": [
            { "sensing": "images", "has": false },
            { "sensing": "audio", "has": false },
            { "sensing": "position", "has": false }
        ],
        "delete_data": { "url": "https://maker.example/delete" },
        "account_deactivation": { "url": "https://maker.example/close" },
        "encryption_and_key_management": { "url": "https://maker.example/encryption" },
        "general_user_information": { "url": "https://maker.example/about" },
        "security_contact": "https://maker.example/security",
        "sbom_hbom_maintained": { "sbom_maintained": true, "hbom_maintained": true }
    })
}

pub fn base_extra() -> Value {
    json!({
        "status": { "authorization": "active", "as_of": "2026-11-20T10:00:00Z" },
        "support": { "unsupported": false },
        "disclosures": {
            "data_location": { "declaration": "none" },
            "software_origin": { "declaration": "none" }
        }
    })
}

pub fn with(mut base: Value, key: &str, value: Value) -> Value {
    if value.is_null() {
        base.as_object_mut().unwrap().remove(key);
    } else {
        base[key] = value;
    }
    base
}

/// One support date relative to the fixed today, as an RFC 3339 full-date.
pub fn day_offset(days: i64) -> String {
    (fixed_now().date_naive() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// Synthetic scan results covering every outcome, every check failure and look-alike warning,
/// every enum value of the record and statement, and every date case. Named for messages.
pub fn synthetic_results() -> Vec<(String, ScanResult)> {
    let mut out: Vec<(String, ScanResult)> = Vec::new();
    let mut add = |name: String, r: ScanResult| out.push((name, r));
    let rec = base_record;
    let ext = base_extra;

    // Outcomes without a record.
    add(
        "not_a_label".into(),
        result("WIFI:S:shop;T:WPA;P:secret;;", Outcome::NotALabel),
    );
    add(
        "unknown_product".into(),
        result(
            "https://demo.trustlabel.dev/l/nope",
            Outcome::UnknownProduct {
                registry_id: "demo".into(),
            },
        ),
    );
    for reason in CheckFailure::ALL {
        add(
            format!("invalid_{}", reason.code()),
            result(
                "https://demo.trustlabel.dev/l/x",
                Outcome::Invalid {
                    reason,
                    registry_id: "demo".into(),
                },
            ),
        );
    }
    let trusted = "demo.trustlabel.dev".to_owned();
    let warnings = vec![
        LookalikeWarning::Punycode,
        LookalikeWarning::MixedScripts,
        LookalikeWarning::OneEditFromTrusted {
            trusted_host: trusted.clone(),
        },
        LookalikeWarning::InsecureHttp {
            trusted_host: trusted.clone(),
        },
        LookalikeWarning::UnexpectedPort {
            trusted_host: trusted.clone(),
        },
        LookalikeWarning::Userinfo,
    ];
    add(
        "not_official_all_warnings".into(),
        result(
            "https://xn--dmo-trustlabel-rxb.dev/l/x",
            Outcome::NotOfficial {
                host: "xn--dmo-trustlabel-rxb.dev".into(),
                display_host: "dеmo-trustlabel.dev".into(),
                warnings,
            },
        ),
    );
    add(
        "not_official_plain".into(),
        result(
            "https://shop.example/l/x",
            Outcome::NotOfficial {
                host: "shop.example".into(),
                display_host: "shop.example".into(),
                warnings: vec![],
            },
        ),
    );

    // Ways a record arrives.
    let good = || statement(rec(), ext());
    add("verified".into(), verified(good()));
    let now = fixed_now().timestamp();
    let stale = view_as(good(), Some(Algorithm::Es256), true, now);
    add(
        "verified_stale".into(),
        result(
            "https://demo.trustlabel.dev/l/test",
            Outcome::VerifiedStale {
                record: stale.clone(),
            },
        ),
    );
    let old = view_as(good(), Some(Algorithm::Es256), false, now - 3 * 86_400);
    add(
        "offline_cached".into(),
        result(
            "https://demo.trustlabel.dev/l/test",
            Outcome::OfflineCached {
                record: old.clone(),
                why: OfflineReason::OfflineMode,
            },
        ),
    );
    // A registry that does not sign (protocol 4b): fresh, and from the offline cache.
    let mut plain = good();
    plain.status = None;
    plain.support = None;
    plain.disclosures = None;
    let unsigned = view_as(plain, None, false, now);
    add(
        "unsigned".into(),
        result(
            "https://demo.trustlabel.dev/l/test",
            Outcome::Unsigned {
                record: unsigned.clone(),
            },
        ),
    );
    add(
        "unsigned_offline".into(),
        result(
            "https://demo.trustlabel.dev/l/test",
            Outcome::OfflineCached {
                record: unsigned,
                why: OfflineReason::OfflineMode,
            },
        ),
    );
    add(
        "offline_cached_unreachable_stale".into(),
        result(
            "https://demo.trustlabel.dev/l/test",
            Outcome::OfflineCached {
                record: stale,
                why: OfflineReason::Unreachable {
                    detail: "the connection failed".into(),
                },
            },
        ),
    );
    let yesterday = view_as(good(), Some(Algorithm::Es256), false, now - 86_400);
    add(
        "verified_checked_yesterday".into(),
        result(
            "https://demo.trustlabel.dev/l/test",
            Outcome::Verified { record: yesterday },
        ),
    );
    let mut trust_old = verified(good());
    trust_old.trust_list.expired = true;
    add("trust_list_expired".into(), trust_old);
    let mut trust_old_nl = result("hello", Outcome::NotALabel);
    trust_old_nl.trust_list.expired = true;
    add("trust_list_expired_not_a_label".into(), trust_old_nl);

    // Support dates.
    for (name, date) in [
        ("today", day_offset(0)),
        ("tomorrow", day_offset(1)),
        ("yesterday", day_offset(-1)),
        ("in_12_days", day_offset(12)),
        ("12_days_ago", day_offset(-12)),
        ("in_5_months", day_offset(150)),
        ("in_7_months", day_offset(213)),
        ("in_1_year", day_offset(366)),
        ("in_3_years", day_offset(3 * 365 + 1)),
        ("3_years_ago", day_offset(-3 * 365 - 1)),
        ("leap_day", "2028-02-29".to_owned()),
        ("malformed", "31/08/2028".to_owned()),
    ] {
        add(
            format!("support_{name}"),
            verified(statement(with(rec(), "support_date", json!(date)), ext())),
        );
    }
    add(
        "support_missing".into(),
        verified(statement(with(rec(), "support_date", Value::Null), ext())),
    );
    let unsupported = with(ext(), "support", json!({ "unsupported": true }));
    add(
        "support_unsupported".into(),
        verified(statement(rec(), unsupported.clone())),
    );
    add(
        "support_unsupported_no_date".into(),
        verified(statement(
            with(rec(), "support_date", Value::Null),
            unsupported,
        )),
    );
    add(
        "support_extended".into(),
        verified(statement(
            rec(),
            with(
                ext(),
                "support",
                json!({ "unsupported": false, "extended_on": "2030-10-31" }),
            ),
        )),
    );
    add(
        "support_extended_malformed".into(),
        verified(statement(
            rec(),
            with(
                ext(),
                "support",
                json!({ "unsupported": false, "extended_on": "soon" }),
            ),
        )),
    );
    add(
        "support_extended_no_label_date".into(),
        verified(statement(
            with(rec(), "support_date", Value::Null),
            with(ext(), "support", json!({ "extended_on": "2030-10-31" })),
        )),
    );

    // Updates: every method as the default, and every method as an extra option.
    let mut methods: Vec<String> = UpdateMethod::ALL
        .iter()
        .map(|m| m.as_str().to_owned())
        .collect();
    methods.push("Weekly".into());
    for m in &methods {
        let info = json!({ "update_default": m, "update_options": methods });
        let r = with(
            with(rec(), "security_update_information", info),
            "security_update_information_other",
            json!("It installs updates at night, after you approve them"),
        );
        add(
            format!("updates_default_{m}"),
            verified(statement(r, ext())),
        );
        let info = json!({ "update_default": m });
        add(
            format!("updates_only_{m}"),
            verified(statement(
                with(rec(), "security_update_information", info),
                ext(),
            )),
        );
    }
    add(
        "updates_no_default".into(),
        verified(statement(
            with(
                rec(),
                "security_update_information",
                json!({ "update_options": ["Manual"] }),
            ),
            ext(),
        )),
    );
    add(
        "updates_missing".into(),
        verified(statement(
            with(rec(), "security_update_information", Value::Null),
            ext(),
        )),
    );

    // Sign-in: every option alone, as the factory default, and the password types.
    let mut options: Vec<String> = AccessOption::ALL
        .iter()
        .map(|o| o.as_str().to_owned())
        .collect();
    options.push("retina".into());
    for o in &options {
        let ac = json!({ "password_options": [o], "password_factory_default": o });
        add(
            format!("signin_{o}"),
            verified(statement(with(rec(), "access_control", ac), ext())),
        );
    }
    for (name, ac) in [
        (
            "factory_fixed",
            json!({ "password_options": ["password"], "password_type": "factory_default", "user_changeable": false }),
        ),
        (
            "factory_changeable",
            json!({ "password_options": ["password", "MFA"], "password_type": "factory_default", "user_changeable": true,
            "password_change": { "url": "https://maker.example/password" } }),
        ),
        (
            "factory_default_implied",
            json!({ "password_options": ["password"], "password_type": "factory_default" }),
        ),
        (
            "password_type_unknown",
            json!({ "password_options": ["password"], "password_type": "printed" }),
        ),
        ("empty", json!({})),
    ] {
        add(
            format!("signin_{name}"),
            verified(statement(with(rec(), "access_control", ac), ext())),
        );
    }
    add(
        "signin_missing".into(),
        verified(statement(with(rec(), "access_control", Value::Null), ext())),
    );

    // Sensors.
    add(
        "sensors_all_yes".into(),
        verified(statement(
            with(
                rec(),
                "sensor_data_collection",
                json!([
                    { "sensing": "images" }, { "sensing": "audio" }, { "sensing": "position" },
                    { "sensing": "smell", "has": true }, { "sensing": "heat", "has": false }
                ]),
            ),
            ext(),
        )),
    );
    add(
        "sensors_none_mentioned".into(),
        verified(statement(
            with(rec(), "sensor_data_collection", json!([])),
            ext(),
        )),
    );
    add(
        "sensors_missing".into(),
        verified(statement(
            with(rec(), "sensor_data_collection", Value::Null),
            ext(),
        )),
    );

    // Disclosures.
    let declarations = [
        Declaration::None.as_str().to_owned(),
        Declaration::HighRisk.as_str().to_owned(),
        Declaration::NotDisclosed.as_str().to_owned(),
        "partly".to_owned(),
    ];
    for d in &declarations {
        for countries in [json!([]), json!(["CN"]), json!(["RU", "IR", "XZ"])] {
            let block = json!({ "declaration": d, "countries": countries });
            let e = with(
                ext(),
                "disclosures",
                json!({ "data_location": block, "software_origin": block }),
            );
            add(
                format!("disclosure_{d}_{}", countries.as_array().unwrap().len()),
                verified(statement(rec(), e)),
            );
        }
    }
    add(
        "disclosures_absent".into(),
        verified(statement(rec(), with(ext(), "disclosures", Value::Null))),
    );
    for code in ["cn", "hk", "mo", "ru", "ir", "kp", "cu", "ve"] {
        let block = json!({ "declaration": "high_risk", "countries": [code.to_uppercase()] });
        let e = with(ext(), "disclosures", json!({ "data_location": block }));
        add(format!("country_{code}"), verified(statement(rec(), e)));
    }

    // Authorization states and approval fields.
    let mut states: Vec<String> = ["active", "suspended", "withdrawn", "expired"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    states.push("under_review".into());
    for s in &states {
        let e = with(ext(), "status", json!({ "authorization": s }));
        add(format!("authorization_{s}"), verified(statement(rec(), e)));
    }
    add(
        "authorization_not_given".into(),
        verified(statement(rec(), with(ext(), "status", Value::Null))),
    );
    assert_eq!(
        AuthorizationState::from_wire("not_given"),
        AuthorizationState::NotGiven
    );
    add(
        "approval_no_date".into(),
        verified(statement(
            with(rec(), "authorization_date", Value::Null),
            ext(),
        )),
    );
    add(
        "approval_bad_date".into(),
        verified(statement(
            with(rec(), "authorization_date", json!("last year")),
            ext(),
        )),
    );
    add(
        "approval_no_approver".into(),
        verified(statement(with(rec(), "authorized_by", Value::Null), ext())),
    );
    add(
        "approval_nothing".into(),
        verified(statement(
            with(
                with(rec(), "authorized_by", Value::Null),
                "authorization_date",
                Value::Null,
            ),
            ext(),
        )),
    );
    add(
        "tested_by_missing".into(),
        verified(statement(with(rec(), "tested_by", Value::Null), ext())),
    );

    // Product names.
    for (name, keys) in [
        ("product_no_model", vec!["product_model"]),
        ("product_no_maker", vec!["manufacturer_name"]),
        (
            "product_name_only",
            vec!["product_model", "manufacturer_name"],
        ),
        ("product_no_name", vec!["product_name"]),
        ("product_maker_only", vec!["product_name", "product_model"]),
        (
            "product_model_only",
            vec!["product_name", "manufacturer_name"],
        ),
        (
            "product_nothing",
            vec!["product_name", "product_model", "manufacturer_name"],
        ),
    ] {
        let mut r = rec();
        for k in keys {
            r = with(r, k, Value::Null);
        }
        add(name.into(), verified(statement(r, ext())));
    }

    // Links and lists.
    let mut r = rec();
    for k in [
        "securing_this_product",
        "general_user_information",
        "delete_data",
        "account_deactivation",
        "encryption_and_key_management",
        "security_contact",
        "sbom_hbom_maintained",
    ] {
        r = with(r, k, Value::Null);
    }
    add("links_missing".into(), verified(statement(r, ext())));
    let mut r = rec();
    for k in [
        "securing_this_product",
        "general_user_information",
        "delete_data",
        "account_deactivation",
        "encryption_and_key_management",
    ] {
        r = with(r, k, json!({ "url": "javascript:alert(1)" }));
    }
    r = with(r, "security_contact", json!("call us"));
    add("links_invalid".into(), verified(statement(r, ext())));
    add(
        "contact_email".into(),
        verified(statement(
            with(rec(), "security_contact", json!("security@maker.example")),
            ext(),
        )),
    );
    for (s, h) in [(true, true), (true, false), (false, true), (false, false)] {
        let r = with(
            rec(),
            "sbom_hbom_maintained",
            json!({ "sbom_maintained": s, "hbom_maintained": h }),
        );
        add(format!("parts_{s}_{h}"), verified(statement(r, ext())));
    }

    // Several problems at once.
    let r = with(
        with(rec(), "support_date", json!("2025-03-01")),
        "security_update_information",
        json!({ "update_default": "No updates" }),
    );
    let e = with(ext(), "status", json!({ "authorization": "withdrawn" }));
    add("many_problems".into(), verified(statement(r, e)));

    out
}

/// Every kind of scan error the words are given (the core's `ScanError::kind`), the trust
/// list refused for a bad signature standing for `TrustList`.
pub fn errors() -> Vec<(String, ScanErrorKind)> {
    vec![
        ("unreachable".into(), ScanErrorKind::Unreachable),
        ("not_cached".into(), ScanErrorKind::NotCached),
        ("storage".into(), ScanErrorKind::Storage),
        ("decode".into(), ScanErrorKind::Decode),
        (
            "trust_list".into(),
            ScanErrorKind::TrustList(CheckFailure::BadSignature),
        ),
        ("network".into(), ScanErrorKind::Network),
    ]
}

/// Every summary the tests can produce in one locale: fixtures, synthetic results, errors.
pub fn all_summaries(locale: &str) -> Vec<(String, ScanResult, Summary)> {
    let mut out = Vec::new();
    for (name, r) in fixture_results().into_iter().chain(synthetic_results()) {
        let s = summarize(&r, locale, fixed_now());
        out.push((name, r, s));
    }
    for (name, e) in errors() {
        let s = summarize_error(e, locale);
        let r = result("https://demo.trustlabel.dev/l/x", Outcome::NotALabel);
        out.push((format!("error_{name}"), r, s));
    }
    out
}

/// The summary as plain text, for snapshots people review: the spoken form only where it
/// differs from the text.
pub fn render(summary: &Summary) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "locale: {}\noutcome: {}\n\n",
        summary.locale,
        summary.outcome.code()
    ));
    out.push_str(&format!(
        "VERDICT [{}]\n  {}\n",
        summary.verdict.tone.code(),
        summary.verdict.text
    ));
    if summary.verdict.spoken != summary.verdict.text {
        out.push_str(&format!("  spoken: {}\n", summary.verdict.spoken));
    }
    for fact in &summary.facts {
        out.push_str(&format!(
            "\n{} [{}] {}\n  {}\n",
            fact.id,
            fact.tone.code(),
            fact.title,
            fact.text
        ));
        if fact.spoken != fact.text {
            out.push_str(&format!("  spoken: {}\n", fact.spoken));
        }
        if let Some(link) = &fact.link {
            out.push_str(&format!("  link: {} <{}>\n", link.title, link.url));
        }
    }
    out
}

/// `text` with each quoted span shown as `‹lang›...‹/›`.
pub fn with_marks(text: &str, spans: &[QuotedSpan]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for span in spans {
        let (start, end) = (span.start as usize, span.end as usize);
        out.push_str(&text[at..start]);
        out.push_str(&format!("‹{}›{}‹/›", span.lang, &text[start..end]));
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The facts that quote the record, with the quoted spans marked, for snapshots.
pub fn render_quotes(summary: &Summary) -> String {
    let mut out = format!("locale: {}\n", summary.locale);
    for fact in &summary.facts {
        let link_quotes = fact.link.as_ref().is_some_and(|l| !l.quotes.is_empty());
        if fact.quotes.is_empty() && fact.spoken_quotes.is_empty() && !link_quotes {
            continue;
        }
        out.push_str(&format!(
            "\n{}\n  {}\n",
            fact.id,
            with_marks(&fact.text, &fact.quotes)
        ));
        out.push_str(&format!(
            "  spoken: {}\n",
            with_marks(&fact.spoken, &fact.spoken_quotes)
        ));
        if let Some(link) = fact.link.as_ref().filter(|l| !l.quotes.is_empty()) {
            out.push_str(&format!(
                "  link: {}\n",
                with_marks(&link.title, &link.quotes)
            ));
        }
    }
    out
}

/// Strings a record supplies (names, addresses, the maker's own words, values this version
/// does not know): the formatter does not choose them, so readability measures replace them
/// with a one-syllable word.
pub fn data_strings(result: &ScanResult) -> Vec<String> {
    let mut out = vec![result.text.clone()];
    let mut push = |s: &str| {
        out.push(s.to_owned());
        if let Ok(u) = url::Url::parse(s) {
            if let Some(h) = u.host_str() {
                out.push(h.to_owned());
            }
        }
        if let Some((user, domain)) = s.split_once('@') {
            out.push(user.to_owned());
            out.push(domain.to_owned());
        }
    };
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
        push(unknown);
    }
    match &result.outcome {
        Outcome::NotOfficial {
            host,
            display_host,
            warnings,
        } => {
            push(host);
            push(display_host);
            for w in warnings {
                if let LookalikeWarning::OneEditFromTrusted { trusted_host }
                | LookalikeWarning::InsecureHttp { trusted_host }
                | LookalikeWarning::UnexpectedPort { trusted_host } = w
                {
                    push(trusted_host);
                }
            }
        }
        outcome => {
            if let Some(view) = outcome.record() {
                let r = &view.statement().record;
                let texts = [
                    &r.product_name,
                    &r.product_model,
                    &r.manufacturer_name,
                    &r.product_manufacturer,
                    &r.security_contact,
                    &r.security_update_information_other,
                ];
                for t in texts.into_iter().flatten() {
                    push(t);
                }
                for p in [&r.authorized_by, &r.tested_by].into_iter().flatten() {
                    for t in [&p.name, &p.contact].into_iter().flatten() {
                        push(t);
                    }
                }
            }
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn record_of(result: &ScanResult) -> &Record {
    &result.outcome.record().unwrap().statement().record
}
