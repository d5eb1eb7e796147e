//! The CTA-2120 1.0.0 record and the signed statement that carries it.
//!
//! Parsing is lenient where the official schema is defective (see
//! `shared/reference/cta-2120/SOURCE.md`): every field is optional, unknown enum values are
//! kept as text, and dates stay strings until asked for, so one odd field never hides the rest
//! of a genuine record. Serialisation writes back exactly the fields that were read, so a
//! record stays CTA-2120-compatible.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Implements `as_str`, `FromStr`-like `from_wire`, and serde for an enum of known wire
/// strings with an `Unrecognized(String)` catch-all, so unknown values round-trip unchanged.
macro_rules! string_enum {
    ($name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        impl $name {
            /// The wire spelling: the schema's string, or an unknown value as it was read.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unrecognized(other) => other,
                }
            }

            /// Reads a wire string; a value the schema does not list is kept as `Unrecognized`.
            pub fn from_wire(text: &str) -> Self {
                match text {
                    $($wire => $name::$variant,)+
                    other => $name::Unrecognized(other.to_owned()),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Ok($name::from_wire(&text))
            }
        }
    };
}

/// The payload of a signed registry response (protocol section 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Registry id from the trust list.
    pub iss: String,
    /// The normalised QR URL this record answers for.
    pub sub: String,
    /// Issued at, seconds since the Unix epoch.
    pub iat: i64,
    /// Expires at, seconds since the Unix epoch.
    pub exp: i64,
    /// Sequence number, breaks ties between statements with the same `iat`.
    #[serde(default)]
    pub seq: u64,
    /// The CTA-2120 record: what the label's QR code says about the product.
    pub record: Record,
    /// The authorization's current status (protocol extension; CTA-2120 has no such field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AuthorizationStatus>,
    /// Whether the product is still supported (protocol extension: "unsupported" and a later date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<SupportStatus>,
    /// The high-risk-country disclosures, when the registry gives them (protocol extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosures: Option<Disclosures>,
}

impl Statement {
    /// Ordering used for rollback protection: a later `iat` wins, then a higher `seq`.
    pub fn freshness(&self) -> (i64, u64) {
        (self.iat, self.seq)
    }

    /// The authorization state; a statement that does not say is treated as unknown.
    pub fn authorization(&self) -> AuthorizationState {
        self.status
            .as_ref()
            .map(|s| s.authorization.clone())
            .unwrap_or(AuthorizationState::NotGiven)
    }

    /// True when the registry says the product is unsupported (47 CFR 8.222(b)(9)).
    pub fn is_unsupported(&self) -> bool {
        self.support.as_ref().is_some_and(|s| s.unsupported)
    }
}

/// 47 CFR 8.222(b)(3): the authorization's current status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorizationStatus {
    /// Whether the FCC authorization to show the mark is in force.
    pub authorization: AuthorizationState,
    /// RFC 3339 time the status was last confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// Whether the product may still carry the Cyber Trust Mark (47 CFR 8.222(b)(3)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorizationState {
    /// The authorization is in force: the label means what it says.
    Active,
    /// Suspended for now: do not rely on the label until it is lifted.
    Suspended,
    /// Withdrawn by the FCC: the product lost the right to the mark.
    Withdrawn,
    /// Ran out: the authorization was not renewed.
    Expired,
    /// The statement has no status block.
    NotGiven,
    /// A value this version does not know, kept verbatim.
    Unrecognized(String),
}

string_enum!(AuthorizationState {
    Active => "active",
    Suspended => "suspended",
    Withdrawn => "withdrawn",
    Expired => "expired",
    NotGiven => "not_given",
});

/// Support facts the registry adds beyond CTA-2120's `support_date` (47 CFR 8.222(b)(9)).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SupportStatus {
    /// "Unsupported, do not rely on updates" (8.222(b)(9)'s alternative to a date).
    #[serde(default)]
    pub unsupported: bool,
    /// A later support date the maker announced after the label was printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_on: Option<String>,
}

/// Proposed high-risk-country disclosures (FCC 24-26 paragraphs 162-166).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Disclosures {
    /// Where the product keeps the user's data (`data_location`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_location: Option<Disclosure>,
    /// Where the product's software is developed (`software_origin`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_origin: Option<Disclosure>,
}

/// One disclosure: what the maker declares and, for high risk, which countries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disclosure {
    /// The maker's declaration.
    pub declaration: Declaration,
    /// ISO 3166-1 alpha-2 codes.
    #[serde(default)]
    pub countries: Vec<String>,
}

/// A maker's declaration about countries of concern (FCC 24-26 paragraphs 162-166).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Declaration {
    /// The maker declares no involvement of countries of concern.
    None,
    /// The maker declares involvement of countries of concern.
    HighRisk,
    /// The maker chose not to say.
    NotDisclosed,
    /// A value this version does not know, kept verbatim.
    Unrecognized(String),
}

string_enum!(Declaration {
    None => "none",
    HighRisk => "high_risk",
    NotDisclosed => "not_disclosed",
});

impl Statement {
    /// The data-location declaration; absent means not disclosed.
    pub fn data_location(&self) -> Declaration {
        self.disclosure(|d| d.data_location.as_ref())
    }

    /// The software-origin declaration; absent means not disclosed.
    pub fn software_origin(&self) -> Declaration {
        self.disclosure(|d| d.software_origin.as_ref())
    }

    fn disclosure(&self, pick: impl Fn(&Disclosures) -> Option<&Disclosure>) -> Declaration {
        self.disclosures
            .as_ref()
            .and_then(pick)
            .map(|d| d.declaration.clone())
            .unwrap_or(Declaration::NotDisclosed)
    }
}

/// A CTA-2120 1.0.0 record ("USCTM Registry and Label Data Definitions").
///
/// Every field is optional here even where the schema says required: the schema requires two
/// fields it never defines, and a registry record missing one field should still show the rest.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Record {
    /// CTA-2120 `schema_version`: "1.0.0" for the records this version reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<String>,
    /// CTA-2120 `QR_code_url`: the URL in the label's QR code, which must match the one scanned.
    #[serde(
        rename = "QR_code_url",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub qr_code_url: Option<String>,
    /// CTA-2120 `product_name`: the product's name as sold, shown first to the shopper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_name: Option<String>,
    /// CTA-2120 `product_model`: the model number, to match against the box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_model: Option<String>,
    /// CTA-2120 `product_manufacturer`: who makes the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_manufacturer: Option<String>,
    /// CTA-2120 `manufacturer_name`: the manufacturer named on the label (the schema requires this one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturer_name: Option<String>,
    /// RFC 3339 full-date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_date: Option<String>,
    /// CTA-2120 `authorized_by`: the body that granted the mark (a Cybersecurity Label Administrator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorized_by: Option<Party>,
    /// CTA-2120 `tested_by`: the lab that tested the product against the FCC's criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tested_by: Option<Party>,
    /// CTA-2120 `access_control`: how the shopper signs in to the device (passwords, passkeys, accounts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_control: Option<AccessControl>,
    /// CTA-2120 `securing_this_product`: the maker's page on setting the product up securely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub securing_this_product: Option<Link>,
    /// CTA-2120 `security_update_information`: how updates reach the device (automatic, manual, none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_update_information: Option<SecurityUpdateInformation>,
    /// CTA-2120 `security_update_information_other`: the maker's words when the update method is "Other".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_update_information_other: Option<String>,
    /// RFC 3339 full-date, day only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_date: Option<String>,
    /// CTA-2120 `sensor_data_collection`: which sensors (microphone, camera, location) the product has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensor_data_collection: Option<Vec<SensorData>>,
    /// CTA-2120 `delete_data`: how to delete the data the product or its service keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_data: Option<Link>,
    /// CTA-2120 `account_deactivation`: how to close the account the product uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_deactivation: Option<Link>,
    /// CTA-2120 `encryption_and_key_management`: the maker's page on how data is encrypted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_and_key_management: Option<Link>,
    /// CTA-2120 `general_user_information`: the maker's general page for users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_user_information: Option<Link>,
    /// A URL or an email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_contact: Option<String>,
    /// CTA-2120 `sbom_hbom_maintained`: whether the maker keeps software and hardware bills of materials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sbom_hbom_maintained: Option<SbomHbom>,
    /// CTA-2120 `created`: when the registry record was first made (RFC 3339 date-time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// CTA-2120 `modified`: when the registry record last changed (RFC 3339 date-time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// Fields this version does not model (e.g. `version_and_model_numbers`, which the schema
    /// requires but never defines), kept so a record round-trips unchanged.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Record {
    /// The support end date, if present and a valid RFC 3339 full-date.
    pub fn support_date(&self) -> DateField {
        DateField::parse(self.support_date.as_deref())
    }

    /// The authorization date, if present and a valid RFC 3339 full-date.
    pub fn authorization_date(&self) -> DateField {
        DateField::parse(self.authorization_date.as_deref())
    }

    /// Whether the product has a given sensor: `Some(true)` has it, `Some(false)` declared
    /// absent, `None` not mentioned.
    pub fn has_sensor(&self, sensing: &Sensing) -> Option<bool> {
        self.sensor_data_collection
            .as_ref()?
            .iter()
            .find(|s| s.sensing.as_ref() == Some(sensing))
            .map(|s| s.has)
    }
}

/// A date field that may be missing or malformed; both are shown as "not given", never a crash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateField {
    /// A valid date.
    Given(NaiveDate),
    /// The record does not give the date.
    Missing,
    /// The record gives text that is not a date, kept to show in diagnostics.
    Malformed(String),
}

impl DateField {
    /// Reads a CTA-2120 `dateType` (or a full RFC 3339 timestamp, which some registries write).
    pub fn parse(raw: Option<&str>) -> Self {
        match raw.map(str::trim) {
            None | Some("") => DateField::Missing,
            Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) => DateField::Given(date),
                // Some registries may write a full timestamp where a date is expected.
                Err(_) => match DateTime::parse_from_rfc3339(text) {
                    Ok(t) => DateField::Given(t.with_timezone(&Utc).date_naive()),
                    Err(_) => DateField::Malformed(text.to_owned()),
                },
            },
        }
    }

    /// The date, when one was given and valid.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            DateField::Given(d) => Some(*d),
            _ => None,
        }
    }
}

/// A named party with a way to reach it (CTA-2120 `authorized_by` and `tested_by`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Party {
    /// The party's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How to reach the party (a URL, an email address or a phone number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// CTA-2120 `urlType`: a link with an optional text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Link {
    /// The words to show for the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Where the link goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// CTA-2120 `sbom_hbom_maintained`: whether the maker keeps bills of materials, which help it find vulnerable parts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SbomHbom {
    /// The maker keeps a software bill of materials (schema default: false).
    #[serde(default)]
    pub sbom_maintained: bool,
    /// The maker keeps a hardware bill of materials (schema default: false).
    #[serde(default)]
    pub hbom_maintained: bool,
}

/// CTA-2120 `sensor_data_collection` entry: one kind of sensor and whether the product has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensorData {
    /// Which sensor this entry is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensing: Option<Sensing>,
    /// Schema default: true.
    #[serde(default = "default_true")]
    pub has: bool,
    /// The maker's words on what the sensor collects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// CTA-2120 `iconsType`: icon URLs keyed by size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icons: Option<serde_json::Map<String, serde_json::Value>>,
}

fn default_true() -> bool {
    true
}

/// A kind of sensor in CTA-2120 `sensor_data_collection`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sensing {
    /// A microphone: the product can hear.
    Audio,
    /// A camera: the product can see.
    Images,
    /// Location: the product can tell where it is.
    Position,
    /// A value this version does not know, kept verbatim.
    Unrecognized(String),
}

string_enum!(Sensing {
    Audio => "audio",
    Images => "images",
    Position => "position",
});

/// CTA-2120 `security_update_information`: how the product gets security updates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SecurityUpdateInformation {
    /// The way updates are installed out of the box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_default: Option<UpdateMethod>,
    /// Other ways the user may choose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_options: Option<Vec<UpdateMethod>>,
}

/// A CTA-2120 update method: how security fixes reach the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateMethod {
    /// Updates install by themselves, and the user may turn that off.
    AutomaticMayOptOut,
    /// Updates install by themselves, always.
    AutomaticMayNotOptOut,
    /// The user installs updates by hand.
    Manual,
    /// Updates install once the user agrees to each.
    ConsentBased,
    /// The product gets no updates.
    NoUpdates,
    /// The maker does not say.
    NotDisclosed,
    /// Another way, described in `security_update_information_other`.
    Other,
    /// A value this version does not know, kept verbatim.
    Unrecognized(String),
}

string_enum!(UpdateMethod {
    AutomaticMayOptOut => "Automatic - may opt out",
    AutomaticMayNotOptOut => "Automatic - may not opt out",
    Manual => "Manual",
    ConsentBased => "Consent based",
    NoUpdates => "No updates",
    NotDisclosed => "Not disclosed",
    Other => "Other",
});

impl UpdateMethod {
    /// All values the schema defines, in its order.
    pub const ALL: [UpdateMethod; 7] = [
        UpdateMethod::AutomaticMayOptOut,
        UpdateMethod::AutomaticMayNotOptOut,
        UpdateMethod::Manual,
        UpdateMethod::ConsentBased,
        UpdateMethod::NoUpdates,
        UpdateMethod::NotDisclosed,
        UpdateMethod::Other,
    ];
}

/// CTA-2120 `access_control`. The schema's `$if`/`$then` are not JSON Schema keywords; the
/// fields below are the ones it means.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AccessControl {
    /// The ways to sign in (`password_options`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_options: Option<Vec<AccessOption>>,
    /// The way to sign in out of the box (`password_factory_default`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_factory_default: Option<AccessOption>,
    /// Whether the password is set at the factory or by the user (`password_type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_type: Option<PasswordType>,
    /// Schema default: true (for a factory-default password).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_changeable: Option<bool>,
    /// Where to learn how to change the password (`password_change`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_change: Option<Link>,
}

/// A CTA-2120 way to control access to the device or its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessOption {
    /// A password.
    Password,
    /// The body: a fingerprint or a face.
    Biometric,
    /// A passkey (FIDO credential).
    Passkey,
    /// Multi-factor authentication.
    Mfa,
    /// Nothing stops anyone nearby from using the device.
    NoControl,
    /// Several user accounts, each with its own access.
    MultiAccount,
    /// One account for the whole device.
    SingleAccount,
    /// An account is offered but not needed.
    OptionalAccount,
    /// No account at all.
    NoAccount,
    /// The maker does not say.
    NotDisclosed,
    /// A value this version does not know, kept verbatim.
    Unrecognized(String),
}

string_enum!(AccessOption {
    Password => "password",
    Biometric => "biometric",
    Passkey => "passkey",
    Mfa => "MFA",
    NoControl => "no_control",
    MultiAccount => "multi_account",
    SingleAccount => "single_account",
    OptionalAccount => "optional_account",
    NoAccount => "no_account",
    NotDisclosed => "not_disclosed",
});

impl AccessOption {
    /// All values the schema defines, in its order.
    pub const ALL: [AccessOption; 10] = [
        AccessOption::Password,
        AccessOption::Biometric,
        AccessOption::Passkey,
        AccessOption::Mfa,
        AccessOption::NoControl,
        AccessOption::MultiAccount,
        AccessOption::SingleAccount,
        AccessOption::OptionalAccount,
        AccessOption::NoAccount,
        AccessOption::NotDisclosed,
    ];
}

/// CTA-2120 `password_type`: who chose the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordType {
    /// Set at the factory: it should be changed on first use.
    FactoryDefault,
    /// Chosen by the user.
    UserGenerated,
    /// A value this version does not know, kept verbatim.
    Unrecognized(String),
}

string_enum!(PasswordType {
    FactoryDefault => "factory_default",
    UserGenerated => "user_generated",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_enum_values_round_trip() {
        let json = r#"{"update_default":"Weekly","update_options":["Manual","Nightly"]}"#;
        let info: SecurityUpdateInformation = serde_json::from_str(json).unwrap();
        assert_eq!(
            info.update_default,
            Some(UpdateMethod::Unrecognized("Weekly".into()))
        );
        assert_eq!(serde_json::to_string(&info).unwrap(), json);
    }

    #[test]
    fn schema_defects_do_not_reject_a_record() {
        // Missing "required" fields, `$if` noise in access_control, a malformed date.
        let json = r#"{"schema_version":"1.0.0","product_name":"Cam",
            "access_control":{"$if":{},"password_options":["password","MFA"]},
            "support_date":"31/08/2028"}"#;
        let record: Record = serde_json::from_str(json).unwrap();
        assert_eq!(record.product_name.as_deref(), Some("Cam"));
        assert_eq!(
            record.support_date(),
            DateField::Malformed("31/08/2028".into())
        );
        let options = record.access_control.unwrap().password_options.unwrap();
        assert_eq!(options, vec![AccessOption::Password, AccessOption::Mfa]);
    }

    #[test]
    fn unknown_fields_round_trip() {
        let json = r#"{"product_name":"Cam","version_and_model_numbers":{"v":"1.2"}}"#;
        let record: Record = serde_json::from_str(json).unwrap();
        assert!(record.extra.contains_key("version_and_model_numbers"));
        assert_eq!(serde_json::to_string(&record).unwrap(), json);
    }

    #[test]
    fn dates_parse_or_say_why_not() {
        assert_eq!(
            DateField::parse(Some("2028-08-31")).date(),
            NaiveDate::from_ymd_opt(2028, 8, 31)
        );
        assert_eq!(DateField::parse(None), DateField::Missing);
        assert_eq!(DateField::parse(Some("  ")), DateField::Missing);
        assert!(matches!(
            DateField::parse(Some("2025-02-30")),
            DateField::Malformed(_)
        ));
    }

    #[test]
    fn absent_disclosures_are_not_disclosed() {
        let statement = Statement {
            iss: "r".into(),
            sub: "https://x/".into(),
            iat: 0,
            exp: 0,
            seq: 0,
            record: Record::default(),
            status: None,
            support: None,
            disclosures: None,
        };
        assert_eq!(statement.data_location(), Declaration::NotDisclosed);
        assert_eq!(statement.software_origin(), Declaration::NotDisclosed);
        assert_eq!(statement.authorization(), AuthorizationState::NotGiven);
    }
}
