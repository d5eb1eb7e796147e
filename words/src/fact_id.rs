//! The ids of the summary's facts: a public contract (JSON, the FFI, the registry's page
//! anchors), so the names never change once given.

use serde::{Deserialize, Serialize};

/// Which fact it is. Serialised as its snake_case name (`verification`, `sign_in`, ...);
/// the FFI passes the same names as strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactId {
    /// The protocol's checks: genuine, saved, not official, failed...
    Verification,
    /// The trust list in use is out of date.
    TrustList,
    /// CTA-2120 `product_name`, model and maker: which product this is.
    Product,
    /// CTA-2120 `support_date`: until when the maker promises security updates.
    Support,
    /// CTA-2120 `security_update_information`: how updates are installed.
    Updates,
    /// CTA-2120 `sensor_data_collection`: microphone, camera, location.
    Sensors,
    /// CTA-2120 `access_control`: how the device or its account is protected.
    SignIn,
    /// Where the user's data is kept (high-risk-country disclosure).
    DataLocation,
    /// Where the software comes from (high-risk-country disclosure).
    SoftwareOrigin,
    /// Whether the authorization to show the mark is in force.
    Authorization,
    /// CTA-2120 `tested_by`: the lab that tested the product.
    TestedBy,
    /// CTA-2120 `securing_this_product`: the maker's page on setting it up securely.
    SecuringThisProduct,
    /// CTA-2120 `general_user_information`: the maker's general page for users.
    GeneralUserInformation,
    /// CTA-2120 `delete_data`: how to delete the user's data.
    DeleteData,
    /// CTA-2120 `account_deactivation`: how to close the account.
    AccountDeactivation,
    /// CTA-2120 `encryption_and_key_management`: how data is encrypted.
    EncryptionAndKeyManagement,
    /// Whether the maker keeps lists of the software and hardware inside.
    SbomHbom,
    /// CTA-2120 `security_contact`: where to report a vulnerability.
    SecurityContact,
    /// The text of a code that is not a label.
    CodeText,
}

impl FactId {
    /// Every id, in the order a summary can list them.
    pub const ALL: [FactId; 19] = [
        FactId::Verification,
        FactId::TrustList,
        FactId::Product,
        FactId::Support,
        FactId::Updates,
        FactId::Sensors,
        FactId::SignIn,
        FactId::DataLocation,
        FactId::SoftwareOrigin,
        FactId::Authorization,
        FactId::TestedBy,
        FactId::SecuringThisProduct,
        FactId::GeneralUserInformation,
        FactId::DeleteData,
        FactId::AccountDeactivation,
        FactId::EncryptionAndKeyManagement,
        FactId::SbomHbom,
        FactId::SecurityContact,
        FactId::CodeText,
    ];

    /// The snake_case name, as in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            FactId::Verification => "verification",
            FactId::TrustList => "trust_list",
            FactId::Product => "product",
            FactId::Support => "support",
            FactId::Updates => "updates",
            FactId::Sensors => "sensors",
            FactId::SignIn => "sign_in",
            FactId::DataLocation => "data_location",
            FactId::SoftwareOrigin => "software_origin",
            FactId::Authorization => "authorization",
            FactId::TestedBy => "tested_by",
            FactId::SecuringThisProduct => "securing_this_product",
            FactId::GeneralUserInformation => "general_user_information",
            FactId::DeleteData => "delete_data",
            FactId::AccountDeactivation => "account_deactivation",
            FactId::EncryptionAndKeyManagement => "encryption_and_key_management",
            FactId::SbomHbom => "sbom_hbom",
            FactId::SecurityContact => "security_contact",
            FactId::CodeText => "code_text",
        }
    }

    /// The id from its name, for callers that hold names (the FFI, JSON readers).
    pub fn from_code(code: &str) -> Option<FactId> {
        FactId::ALL.into_iter().find(|id| id.code() == code)
    }
}

impl std::fmt::Display for FactId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
