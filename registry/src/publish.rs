//! From a registry operator's input to a statement ready to sign, refusing records that
//! would mislead a shopper.
//!
//! The input is one JSON object: `{"record": <CTA-2120 record>, "status": {...}?,
//! "support": {...}?, "disclosures": {...}?}` (the statement's blocks, protocol section 3).
//! Every problem is reported at once, each in a sentence that says what to fix.

use chrono::NaiveDate;
use serde_json::Value;
use trustlabel_protocol::LabelLink;
use trustlabel_protocol::{checked_link, replace_steering, steers, LinkKind};
use trustlabel_protocol::{AuthorizationStatus, Disclosures, Record, Statement, SupportStatus};

use crate::schema::validate_record;

/// Who signs, and the statement's times.
#[derive(Debug, Clone)]
pub struct Issuer {
    /// The registry id in the trust list (`iss`).
    pub iss: String,
    /// The registry's label URL prefix: every `QR_code_url` must be under it.
    pub prefix: url::Url,
    /// Issued at, seconds since the Unix epoch.
    pub iat: i64,
    /// Expires at, seconds since the Unix epoch.
    pub exp: i64,
    /// Sequence number, to order statements with the same `iat`.
    pub seq: u64,
}

/// The statement for `input`, or every reason it is refused.
pub fn statement_for(input: &Value, issuer: &Issuer) -> Result<Statement, Vec<String>> {
    let mut problems = Vec::new();
    let Some(object) = input.as_object() else {
        return Err(vec![
            "the input must be a JSON object {\"record\", \"status\", \"support\", \"disclosures\"}"
                .into(),
        ]);
    };
    for key in object.keys() {
        if !["record", "status", "support", "disclosures"].contains(&key.as_str()) {
            problems.push(format!(
                "unknown member \"{key}\": expected record, status, support or disclosures"
            ));
        }
    }
    let Some(raw) = object.get("record").filter(|r| r.is_object()) else {
        problems.push("the input has no \"record\" object (the CTA-2120 record)".into());
        return Err(problems);
    };
    control_characters(input, "", &mut problems);
    for violation in validate_record(raw) {
        problems.push(format!(
            "the record does not fit CTA-2120 1.0.0 at {violation}"
        ));
    }
    let record: Option<Record> = match serde_json::from_value(raw.clone()) {
        Ok(r) => Some(r),
        Err(e) => {
            problems.push(format!("the record cannot be read: {e}"));
            None
        }
    };
    let (status, support, disclosures) = blocks(object, &mut problems);
    let mut sub = None;
    if let Some(record) = &record {
        misleading(record, issuer, &mut problems);
        problems.extend(link_problems(record));
        sub = record
            .qr_code_url
            .as_deref()
            .and_then(|u| LabelLink::parse(u).ok())
            .map(|l| l.as_str().to_owned());
    }
    if issuer.exp <= issuer.iat {
        problems.push("exp must be after iat".into());
    }
    match (record, sub, problems.is_empty()) {
        (Some(record), Some(sub), true) => Ok(Statement {
            iss: issuer.iss.clone(),
            sub,
            iat: issuer.iat,
            exp: issuer.exp,
            seq: issuer.seq,
            record,
            status,
            support,
            disclosures,
        }),
        _ => Err(problems),
    }
}

/// The input's `status` (required), `support` and `disclosures`, each parsed if given; what
/// is wrong with them goes into `problems`.
fn blocks(
    object: &serde_json::Map<String, Value>,
    problems: &mut Vec<String>,
) -> (
    Option<AuthorizationStatus>,
    Option<SupportStatus>,
    Option<Disclosures>,
) {
    let given = |name: &str| object.get(name).filter(|v| !v.is_null()).cloned();
    let status = given("status");
    if status.is_none() {
        problems.push(
            "the input has no \"status\": say whether the authorization is active, \
             suspended, withdrawn or expired"
                .into(),
        );
    }
    let status = status.and_then(|v| parse(v, "status", problems));
    let support = given("support").and_then(|v| parse(v, "support", problems));
    let disclosures = given("disclosures").and_then(|v| parse(v, "disclosures", problems));
    (status, support, disclosures)
}

/// The file `sign --out-dir` writes a label's envelope to: its whole path and query, so two
/// labels never share a file (`/l/shelf-a/cam` and `/l/shelf-b/cam` differ). Letters, digits,
/// `-` and `.` stay; `/` becomes `_`; every other byte (`_` itself included) is `%XX`, so the
/// mapping is one to one. A name too long for a file system keeps its start and gets a
/// SHA-256 of the whole in place of the rest.
pub fn envelope_file_name(sub: &str) -> String {
    let (path, query) = match url::Url::parse(sub) {
        Ok(url) => (url.path().to_owned(), url.query().map(str::to_owned)),
        Err(_) => (sub.to_owned(), None),
    };
    let mut whole = path.trim_start_matches('/').to_owned();
    if let Some(query) = query {
        whole.push('?');
        whole.push_str(&query);
    }
    let mut name = String::with_capacity(whole.len());
    for byte in whole.bytes() {
        match byte {
            b'/' => name.push('_'),
            b if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' => name.push(char::from(b)),
            b => name.push_str(&format!("%{b:02X}")),
        }
    }
    // Neither `.` (a hidden file) nor an empty name; `%2E` and `%2F` never come out of the
    // mapping above, so these stay one to one.
    if name.is_empty() {
        name.push_str("%2F");
    } else if name.starts_with('.') {
        name.replace_range(..1, "%2E");
    }
    const MAX_NAME: usize = 200;
    if name.len() > MAX_NAME {
        let digest = ring::digest::digest(&ring::digest::SHA256, whole.as_bytes());
        let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        name.truncate(MAX_NAME - 65);
        name.push('-');
        name.push_str(&hex);
    }
    format!("{name}.jws.json")
}

fn parse<T: serde::de::DeserializeOwned>(
    value: Value,
    name: &str,
    problems: &mut Vec<String>,
) -> Option<T> {
    serde_json::from_value(value)
        .map_err(|e| problems.push(format!("\"{name}\" is not valid: {e}")))
        .ok()
}

/// Every string of the input (member names too) that holds a character that could steer a
/// terminal or reorder text ([`steers`]): escape sequences in a product name are not text.
fn control_characters(value: &Value, at: &str, problems: &mut Vec<String>) {
    let field = |at: &str| {
        if at.is_empty() {
            "/".to_owned()
        } else {
            at.to_owned()
        }
    };
    match value {
        Value::String(text) => {
            if let Some(c) = text.chars().find(|c| steers(*c)) {
                problems.push(format!(
                    "{} holds the control or bidirectional character U+{:04X}: record text \
                     must be plain text",
                    field(at),
                    u32::from(c)
                ));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                control_characters(item, &format!("{at}/{i}"), problems);
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                let path = format!("{at}/{}", name.replace('~', "~0").replace('/', "~1"));
                if name.chars().any(steers) {
                    problems.push(format!(
                        "{} is a member name holding control or bidirectional characters",
                        replace_steering(&path)
                    ));
                    continue;
                }
                control_characters(member, &path, problems);
            }
        }
        _ => {}
    }
}

/// Every link of `record` that could not be published or opened, each naming its field:
/// pages must be `https:`, contacts `https:` or `mailto:` (a bare e-mail address is one).
/// A party's contact may also be a phone number: text with no scheme that is not an address.
pub fn link_problems(record: &Record) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |field: &str, text: Option<&str>, kind: LinkKind| {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return;
        };
        if let Err(why) = checked_link(text, kind) {
            problems.push(format!(
                "{field} {:?} {why}: every link a label offers must be https:{}",
                replace_steering(text),
                if kind == LinkKind::Contact {
                    " or mailto:"
                } else {
                    ""
                }
            ));
        }
    };
    let pages = [
        ("securing_this_product", &record.securing_this_product),
        ("delete_data", &record.delete_data),
        ("account_deactivation", &record.account_deactivation),
        (
            "encryption_and_key_management",
            &record.encryption_and_key_management,
        ),
        ("general_user_information", &record.general_user_information),
    ];
    for (field, link) in pages {
        check(
            &format!("{field}.url"),
            link.as_ref().and_then(|l| l.url.as_deref()),
            LinkKind::Web,
        );
    }
    check(
        "access_control.password_change.url",
        record
            .access_control
            .as_ref()
            .and_then(|a| a.password_change.as_ref())
            .and_then(|l| l.url.as_deref()),
        LinkKind::Web,
    );
    check(
        "security_contact",
        record.security_contact.as_deref(),
        LinkKind::Contact,
    );
    for (field, party) in [
        ("authorized_by", &record.authorized_by),
        ("tested_by", &record.tested_by),
    ] {
        let contact = party.as_ref().and_then(|p| p.contact.as_deref());
        // A phone number is no link; anything with a scheme or an `@` is one.
        let is_link = contact.is_some_and(|c| {
            c.contains('@') || url::Url::parse(c.trim()).is_ok_and(|u| u.scheme().len() > 1)
        });
        if is_link {
            check(&format!("{field}.contact"), contact, LinkKind::Contact);
        }
    }
    for (i, sensor) in record.sensor_data_collection.iter().flatten().enumerate() {
        for (size, icon) in sensor.icons.iter().flatten() {
            check(
                &format!("sensor_data_collection/{i}/icons/{size}"),
                Some(icon.as_str().unwrap_or("")).filter(|_| icon.is_string()),
                LinkKind::Web,
            );
        }
    }
    problems
}

fn blank(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

/// The checks that keep a record from misleading: what the schema allows but a shopper
/// would misread.
fn misleading(record: &Record, issuer: &Issuer, problems: &mut Vec<String>) {
    if blank(record.product_name.as_deref()) {
        problems.push("product_name is missing: a label must name its product".into());
    }
    if blank(record.manufacturer_name.as_deref()) && blank(record.product_manufacturer.as_deref()) {
        problems.push(
            "manufacturer_name (or product_manufacturer) is missing: a label must name its maker"
                .into(),
        );
    }
    let date =
        |raw: Option<&str>| raw.and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    if let (Some(support), Some(authorized)) = (
        date(record.support_date.as_deref()),
        date(record.authorization_date.as_deref()),
    ) {
        if support < authorized {
            problems.push(format!(
                "support_date {support} is before authorization_date {authorized}: the label \
                 would promise security updates that ended before it was approved"
            ));
        }
    }
    match record.qr_code_url.as_deref() {
        None => problems.push(format!(
            "QR_code_url is missing: it must be the label's address under {}",
            issuer.prefix
        )),
        Some(raw) => match LabelLink::parse(raw) {
            Err(e) => problems.push(format!("QR_code_url {raw:?} is not a label link: {e}")),
            Ok(link) if !link.matches_prefix(&issuer.prefix) => problems.push(format!(
                "QR_code_url {} is not under the registry's prefix {}: scanners would not \
                 trust this registry for it",
                link.as_str(),
                issuer.prefix
            )),
            Ok(link)
                if link.as_str().trim_end_matches('/')
                    == issuer.prefix.as_str().trim_end_matches('/') =>
            {
                problems.push(format!(
                    "QR_code_url {} is the registry's prefix itself, not a label under it",
                    link.as_str()
                ));
            }
            Ok(_) => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn issuer() -> Issuer {
        Issuer {
            iss: "demo".into(),
            prefix: url::Url::parse("https://demo.trustlabel.dev/l/").unwrap(),
            iat: 1_793_491_200,
            exp: 2_109_110_400,
            seq: 1,
        }
    }

    fn good_record() -> Value {
        let dir = crate::default_fixtures_dir();
        let text = std::fs::read(dir.join("records/ringwraith-2000.json")).unwrap();
        serde_json::from_slice(&text).unwrap()
    }

    fn input(record: Value) -> Value {
        json!({"record": record, "status": {"authorization": "active", "as_of": "2026-11-01T00:00:00Z"},
               "support": {"unsupported": false}})
    }

    #[test]
    fn envelope_file_names_never_collide() {
        let names: Vec<String> = [
            "https://demo.trustlabel.dev/l/shelf-a/cam",
            "https://demo.trustlabel.dev/l/shelf-b/cam",
            "https://demo.trustlabel.dev/l/shelf_a/cam",
            "https://demo.trustlabel.dev/l/shelf/a_cam",
            "https://demo.trustlabel.dev/l/shelf_a_cam",
            "https://demo.trustlabel.dev/l/cam?id=1",
            "https://demo.trustlabel.dev/l/cam?id=2",
            "https://demo.trustlabel.dev/l/cam/",
            "https://demo.trustlabel.dev/.x",
        ]
        .iter()
        .map(|u| envelope_file_name(u))
        .collect();
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert_eq!(names[0], "l_shelf-a_cam.jws.json");
        assert!(names
            .iter()
            .all(|n| !n.starts_with('.') && !n.contains('/')));
        let long = format!("https://demo.trustlabel.dev/l/{}", "x".repeat(400));
        assert!(envelope_file_name(&long).len() < 255);
        assert_ne!(
            envelope_file_name(&long),
            envelope_file_name(&format!("{long}y"))
        );
    }

    #[test]
    fn a_good_record_becomes_a_statement_for_its_own_url() {
        let statement = statement_for(&input(good_record()), &issuer()).unwrap();
        assert_eq!(
            statement.sub,
            "https://demo.trustlabel.dev/l/ringwraith-2000"
        );
        assert_eq!(statement.iss, "demo");
    }

    #[test]
    fn misleading_records_are_refused_each_with_its_reason() {
        let cases: [(&str, Value, &str); 5] = [
            (
                "support_date",
                json!("2020-01-01"),
                "before authorization_date",
            ),
            ("product_name", json!(" "), "product_name is missing"),
            ("manufacturer_name", Value::Null, "must name its maker"),
            (
                "QR_code_url",
                json!("https://evil.example/l/x"),
                "not under the registry's prefix",
            ),
            (
                "QR_code_url",
                json!("https://demo.trustlabel.dev/other/x"),
                "not under the registry's prefix",
            ),
        ];
        for (field, value, expected) in cases {
            let mut record = good_record();
            if value.is_null() {
                record.as_object_mut().unwrap().remove(field);
                record
                    .as_object_mut()
                    .unwrap()
                    .remove("product_manufacturer");
            } else {
                record[field] = value;
            }
            let problems = statement_for(&input(record), &issuer()).unwrap_err();
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{field}: {problems:?}"
            );
        }
    }

    #[test]
    fn control_characters_and_links_that_are_not_https_are_refused_naming_the_field() {
        let cases: [(&str, Value, &str); 6] = [
            (
                "product_name",
                json!("Cam\u{1b}]0;owned\u{7}"),
                "/record/product_name holds the control",
            ),
            (
                "manufacturer_name",
                json!("Evil\u{202E}Corp"),
                "/record/manufacturer_name holds the control or bidirectional character U+202E",
            ),
            (
                "security_contact",
                json!("javascript:alert(document.domain)//@x.example"),
                "security_contact \"javascript:alert(document.domain)//@x.example\" uses the javascript: scheme",
            ),
            (
                "securing_this_product",
                json!({"url": "http://maker.example/secure"}),
                "securing_this_product.url \"http://maker.example/secure\" uses the http: scheme",
            ),
            (
                "general_user_information",
                json!({"url": "data:text/html,<script>alert(1)</script>"}),
                "general_user_information.url",
            ),
            (
                "security_contact",
                json!("https://maker.example@evil.example/"),
                "security_contact \"https://maker.example@evil.example/\" has user info",
            ),
        ];
        for (field, value, expected) in cases {
            let mut record = good_record();
            record[field] = value;
            let problems = statement_for(&input(record), &issuer()).unwrap_err();
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{field}: {problems:?}"
            );
        }
        let mut record = good_record();
        record["security_contact"] = json!("security@maker.example");
        assert!(statement_for(&input(record), &issuer()).is_ok());
    }

    #[test]
    fn schema_violations_and_a_missing_status_are_reported() {
        let mut record = good_record();
        record["support_date"] = json!("31/08/2028");
        let problems = statement_for(&json!({"record": record}), &issuer()).unwrap_err();
        assert!(
            problems.iter().any(|p| p.contains("/support_date")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("no \"status\"")),
            "{problems:?}"
        );
    }
}
