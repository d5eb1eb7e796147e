//! Validation of a record against the CTA-2120 1.0.0 JSON Schema
//! (`registry/schema/usctm-schema-1-0-0.json`, a copy of the standard's file), with the
//! schema's known defects tolerated (`shared/reference/cta-2120/SOURCE.md`):
//!
//! - `required` names that `properties` never defines (`version_and_model_numbers`,
//!   `sbom_hbom_available`) are not required: no record could carry them meaningfully;
//! - `$if` / `$then` are not JSON Schema keywords and are ignored (as any validator would);
//! - a `oneOf` / `anyOf` whose members are not schemas (`["factory_default", ...]`) is ignored
//!   rather than failing every record that has the field.
//!
//! Only the keywords the schema uses are implemented: `type`, `required`, `properties`,
//! `items`, `enum`, `const`, `oneOf`, `anyOf`, `contains`, `if`/`then`, `minLength`,
//! `maxLength`, `minProperties`, `pattern`, `format` (`date`, `date-time`, `uri`), `$ref` to
//! `#/$defs/...`. A local crate, not the `jsonschema` crate: that one brings an HTTP client and
//! a large dependency tree for a 10 KB schema.

use std::sync::OnceLock;

use serde_json::Value;

/// The schema's text, embedded.
pub const CTA_2120_SCHEMA: &str = include_str!("../schema/usctm-schema-1-0-0.json");

/// One place where a record does not fit the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer into the record (`/support_date`), empty for the record itself.
    pub at: String,
    /// What does not fit, in the words of the check that failed.
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.at.is_empty() { "/" } else { &self.at };
        write!(f, "{at}: {}", self.message)
    }
}

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(CTA_2120_SCHEMA).unwrap_or(Value::Bool(true)))
}

/// Every way `record` breaks the CTA-2120 1.0.0 schema (its defects tolerated), or nothing.
pub fn validate_record(record: &Value) -> Vec<Violation> {
    let root = schema();
    let mut out = Vec::new();
    check(root, root, record, "", &mut out);
    out
}

fn check(root: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<Violation>) {
    let Some(schema) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            push(out, at, "no value is allowed here");
        }
        return;
    };
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        match resolve(root, reference) {
            Some(target) => check(root, target, value, at, out),
            None => push(out, at, &format!("schema refers to unknown {reference}")),
        }
    }
    if let Some(kind) = schema.get("type").and_then(Value::as_str) {
        if !has_type(value, kind) {
            let found = type_name(value);
            push(out, at, &format!("must be of type {kind}, found {found}"));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            let allowed = Value::Array(allowed.clone());
            push(out, at, &format!("must be one of {allowed}"));
        }
    }
    if let Some(constant) = schema.get("const") {
        if constant != value {
            push(out, at, &format!("must be {constant}"));
        }
    }
    // Sub-schemas to check against parts of the value (or all of it), after this level.
    let mut nested = Vec::new();
    match value {
        Value::String(text) => check_string(schema, text, at, out),
        Value::Object(members) => check_object(schema, members, at, out, &mut nested),
        Value::Array(items) => check_array(root, schema, items, at, out, &mut nested),
        _ => {}
    }
    check_combinators(root, schema, value, at, out, &mut nested);
    for (sub, member, path) in nested {
        check(root, sub, member, &path, out);
    }
}

/// A schema as a JSON object.
type Schema = serde_json::Map<String, Value>;
/// `(sub-schema, value, path)` still to check.
type Nested<'a> = Vec<(&'a Value, &'a Value, String)>;

/// `minLength`, `maxLength`, `pattern`, `format`.
fn check_string(schema: &Schema, text: &str, at: &str, out: &mut Vec<Violation>) {
    let length = text.chars().count() as u64;
    if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
        if length < min {
            push(out, at, &format!("must be at least {min} characters long"));
        }
    }
    if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
        if length > max {
            push(out, at, &format!("must be at most {max} characters long"));
        }
    }
    if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
        if regex::Regex::new(pattern).is_ok_and(|re| !re.is_match(text)) {
            push(out, at, &format!("must match {pattern}"));
        }
    }
    if let Some(format) = schema.get("format").and_then(Value::as_str) {
        if !has_format(text, format) {
            push(out, at, &format!("is not a valid {format}"));
        }
    }
}

/// `minProperties`, `required`; each member's `properties` schema into `nested`.
fn check_object<'a>(
    schema: &'a Schema,
    members: &'a serde_json::Map<String, Value>,
    at: &str,
    out: &mut Vec<Violation>,
    nested: &mut Nested<'a>,
) {
    if let Some(min) = schema.get("minProperties").and_then(Value::as_u64) {
        if (members.len() as u64) < min {
            push(out, at, &format!("must have at least {min} members"));
        }
    }
    let properties = schema.get("properties").and_then(Value::as_object);
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        for name in required.iter().filter_map(Value::as_str) {
            // Tolerated defect: required but never defined.
            let defined = properties.is_some_and(|p| p.contains_key(name));
            if defined && !members.contains_key(name) {
                push(out, at, &format!("{name} is required"));
            }
        }
    }
    if let Some(properties) = properties {
        for (name, sub) in properties {
            if let Some(member) = members.get(name) {
                nested.push((sub, member, format!("{at}/{}", escape(name))));
            }
        }
    }
}

/// `contains`; each item's `items` schema into `nested`.
fn check_array<'a>(
    root: &Value,
    schema: &'a Schema,
    items: &'a [Value],
    at: &str,
    out: &mut Vec<Violation>,
    nested: &mut Nested<'a>,
) {
    if let Some(sub) = schema.get("items") {
        for (i, item) in items.iter().enumerate() {
            nested.push((sub, item, format!("{at}/{i}")));
        }
    }
    if let Some(sub) = schema.get("contains") {
        if !items.iter().any(|item| passes(root, sub, item)) {
            push(out, at, "must contain a matching item");
        }
    }
}

/// `oneOf`, `anyOf`; `if`/`then` into `nested` when the condition holds.
fn check_combinators<'a>(
    root: &Value,
    schema: &'a Schema,
    value: &'a Value,
    at: &str,
    out: &mut Vec<Violation>,
    nested: &mut Nested<'a>,
) {
    if let Some(options) = schemas_of(schema.get("oneOf")) {
        let matching = options.iter().filter(|s| passes(root, s, value)).count();
        if matching != 1 {
            let choices = options.len();
            push(
                out,
                at,
                &format!("must match exactly one of {choices} choices"),
            );
        }
    }
    if let Some(options) = schemas_of(schema.get("anyOf")) {
        if !options.iter().any(|s| passes(root, s, value)) {
            let choices = options.len();
            push(out, at, &format!("must match one of {choices} choices"));
        }
    }
    if let (Some(condition), Some(then)) = (schema.get("if"), schema.get("then")) {
        if passes(root, condition, value) {
            nested.push((then, value, at.to_owned()));
        }
    }
}

fn push(out: &mut Vec<Violation>, at: &str, message: &str) {
    out.push(Violation {
        at: at.to_owned(),
        message: message.to_owned(),
    });
}

fn passes(root: &Value, schema: &Value, value: &Value) -> bool {
    let mut out = Vec::new();
    check(root, schema, value, "", &mut out);
    out.is_empty()
}

/// The members of a `oneOf`/`anyOf`, if they are all schemas (tolerated defect otherwise).
fn schemas_of(list: Option<&Value>) -> Option<&Vec<Value>> {
    let list = list?.as_array()?;
    list.iter()
        .all(|s| s.is_object() || s.is_boolean())
        .then_some(list)
}

fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    root.pointer(reference.strip_prefix('#')?)
}

fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn has_type(value: &Value, kind: &str) -> bool {
    match kind {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        "null" => value.is_null(),
        _ => true,
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn has_format(text: &str, format: &str) -> bool {
    match format {
        "date" => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
        "date-time" => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
        "uri" => url::Url::parse(text).is_ok(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_schema_parses_and_its_defects_are_tolerated() {
        assert!(schema().is_object());
        // A record without the two required-but-undefined fields, with the malformed oneOf
        // field present, is not rejected for them.
        let record = json!({
            "schema_version": "1.0.0",
            "access_control": {"password_type": "factory_default"},
        });
        let problems = validate_record(&record);
        assert!(!problems
            .iter()
            .any(|p| p.message.contains("version_and_model_numbers")));
        assert!(!problems
            .iter()
            .any(|p| p.message.contains("sbom_hbom_available")));
        assert!(!problems.iter().any(|p| p.at.starts_with("/access_control")));
    }

    #[test]
    fn wrong_types_formats_and_choices_are_reported_with_their_place() {
        let record = json!({
            "support_date": "31/08/2028",
            "product_name": 7,
            "sensor_data_collection": [{"sensing": "smell", "has": true}],
        });
        let problems = validate_record(&record);
        let at = |p: &str| problems.iter().any(|v| v.at == p);
        assert!(at("/support_date"), "{problems:?}");
        assert!(at("/product_name"), "{problems:?}");
        assert!(at("/sensor_data_collection/0/sensing"), "{problems:?}");
        assert!(problems
            .iter()
            .any(|v| v.message == "QR_code_url is required"));
    }
}
