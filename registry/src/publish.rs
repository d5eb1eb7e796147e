//! From a registry operator's input to a statement ready to sign, refusing records that
//! would mislead a shopper.
//!
//! The input is one JSON object: `{"record": <CTA-2120 record>, "status": {...}?,
//! "support": {...}?, "disclosures": {...}?}` (the statement's blocks, protocol section 3).
//! Every problem is reported at once, each in a sentence that says what to fix.

use chrono::NaiveDate;
use serde_json::Value;
use trustlabel_core::link::LabelLink;
use trustlabel_core::record::{AuthorizationStatus, Disclosures, Record, Statement, SupportStatus};

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
    let block = |name: &str, problems: &mut Vec<String>| -> Option<Value> {
        object
            .get(name)
            .filter(|v| !v.is_null())
            .cloned()
            .or_else(|| {
                if name == "status" {
                    problems.push(
                        "the input has no \"status\": say whether the authorization is active, \
                     suspended, withdrawn or expired"
                            .into(),
                    );
                }
                None
            })
    };
    let status: Option<AuthorizationStatus> =
        block("status", &mut problems).and_then(|v| parse(v, "status", &mut problems));
    let support: Option<SupportStatus> =
        block("support", &mut problems).and_then(|v| parse(v, "support", &mut problems));
    let disclosures: Option<Disclosures> =
        block("disclosures", &mut problems).and_then(|v| parse(v, "disclosures", &mut problems));
    let mut sub = None;
    if let Some(record) = &record {
        misleading(record, issuer, &mut problems);
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

fn parse<T: serde::de::DeserializeOwned>(
    value: Value,
    name: &str,
    problems: &mut Vec<String>,
) -> Option<T> {
    serde_json::from_value(value)
        .map_err(|e| problems.push(format!("\"{name}\" is not valid: {e}")))
        .ok()
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
