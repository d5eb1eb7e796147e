//! The committed fixtures: every label meets the manifest's expectation, the records cover
//! every CTA-2120 enum value, and the generator still produces exactly these files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use trustlabel_protocol::CheckFailure;
use trustlabel_protocol::LabelLink;
use trustlabel_protocol::{verify_record, VerifiedStatement};
use trustlabel_protocol::{
    AccessOption, AuthorizationState, Declaration, Disclosure, PasswordType, Record, Sensing,
    Statement, UpdateMethod,
};
use trustlabel_protocol::{KeyStatus, TrustAnchor, TrustList};
use trustlabel_protocol::{ParsedEnvelope, RECORD_TYPE};
use trustlabel_registry::keys::AnchorFile;
use trustlabel_registry::keys::{KeyFile, TEST_ONLY_WARNING};
use trustlabel_registry::manifest::{Expect, Manifest};
use trustlabel_registry::sign::Envelope;
use trustlabel_registry::{default_core_trust_dir, default_fixtures_dir};
use trustlabel_testkit::fixtures::{self, Output};

fn dir() -> PathBuf {
    default_fixtures_dir()
}

fn manifest() -> Manifest {
    Manifest::load(&dir()).unwrap()
}

fn read(relative: &str) -> Vec<u8> {
    std::fs::read(dir().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn anchor() -> TrustAnchor {
    let file: AnchorFile = serde_json::from_slice(&read(&manifest().trust.anchor)).unwrap();
    file.to_anchor().expect("valid anchor")
}

fn trust_list(m: &Manifest) -> TrustList {
    TrustList::verify(&read(&m.trust.list), &[anchor()], m.now()).unwrap()
}

fn verify(
    m: &Manifest,
    list: &TrustList,
    url: &str,
    envelope: &[u8],
    cached: Option<(i64, u64)>,
) -> Result<VerifiedStatement, CheckFailure> {
    let link = LabelLink::parse(url).unwrap();
    let registry = list
        .match_link(&link)
        .unwrap_or_else(|| panic!("{url} is not under a trusted prefix"))
        .registry;
    // The demo registry logs: its envelopes are checked as served, with the `log_proof` the
    // fixture log gives them (the files on disk carry none).
    let log = trustlabel_registry::log::SiteLog::from_dir(
        &dir().join(trustlabel_registry::site::FIXTURE_LOG_DIR),
    )
    .unwrap()
    .expect("the fixture log");
    verify_record(&log.attach(envelope), registry, &link, m.now(), cached)
}

fn check_expect(slug: &str, expect: &Expect, result: Result<VerifiedStatement, CheckFailure>) {
    match (expect.outcome.as_str(), result) {
        ("verified", Ok(v)) | ("verified_stale", Ok(v)) => {
            assert_eq!(
                v.expired(),
                expect.outcome == "verified_stale",
                "{slug}: expiry"
            );
            assert_eq!(expect.reason, None, "{slug}");
            let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
            assert_eq!(
                expect.authorization.as_deref(),
                Some(v.statement().authorization().as_str()),
                "{slug}: authorization"
            );
            assert_eq!(
                expect.support.as_deref(),
                Some(fixtures::support_bucket(v.statement(), now)),
                "{slug}: support"
            );
        }
        ("invalid", Err(failure)) => {
            assert_eq!(expect.reason.as_deref(), Some(failure.code()), "{slug}");
        }
        (outcome, result) => panic!("{slug}: expected {outcome}, got {result:?}"),
    }
}

#[test]
fn every_label_meets_its_expectation() {
    let m = manifest();
    let list = trust_list(&m);
    assert!(m.labels.len() >= 25, "labels went missing");
    let mut slugs = BTreeSet::new();
    for label in &m.labels {
        assert!(slugs.insert(&label.slug), "{} twice", label.slug);
        assert!(label.url.starts_with(&m.registry_prefix), "{}", label.slug);
        assert_eq!(label.url, format!("{}{}", m.registry_prefix, label.slug));
        let Some(envelope) = &label.envelope else {
            assert_eq!(label.expect.outcome, "unknown_product", "{}", label.slug);
            continue;
        };
        let result = verify(&m, &list, &label.url, &read(envelope), None);
        check_expect(&label.slug, &label.expect, result);
    }
}

#[test]
fn rollback_pair_is_rejected_in_order() {
    let m = manifest();
    let list = trust_list(&m);
    let rb = &m.rollback;
    let newer = verify(&m, &list, &rb.url, &read(&rb.newer), None).unwrap();
    let cached = newer.statement().freshness();
    // On its own the older one is valid: it is the order that makes it a rollback.
    let older = read(&rb.older);
    let alone = verify(&m, &list, &rb.url, &older, None).unwrap();
    assert!(alone.statement().freshness() < cached);
    check_expect(
        "rollback-old",
        &rb.expect,
        verify(&m, &list, &rb.url, &older, Some(cached)),
    );
    assert_eq!(rb.expect.reason.as_deref(), Some("rollback"));
    // The newer one again is not a rollback.
    assert!(verify(&m, &list, &rb.url, &read(&rb.newer), Some(cached)).is_ok());
    assert_eq!(
        m.label("bad-rollback").unwrap().envelope.as_deref(),
        Some(rb.newer.as_str())
    );
}

#[test]
fn every_check_failure_has_a_fixture() {
    let m = manifest();
    let mut reasons: BTreeSet<String> = m
        .labels
        .iter()
        .filter_map(|l| l.expect.reason.clone())
        .collect();
    reasons.extend(m.rollback.expect.reason.clone());
    // The demo registry logs (`bad-not-logged` was signed and never logged); witnesses and a
    // second, forked log are not in the fixture set: those codes are tested in
    // tests/tests/log_*.rs instead.
    let not_yet = [CheckFailure::TooFewWitnesses, CheckFailure::LogInconsistent];
    let all: BTreeSet<String> = CheckFailure::ALL
        .iter()
        .filter(|f| !not_yet.contains(f))
        .map(|f| f.code().to_owned())
        .collect();
    assert_eq!(reasons, all);
    let outcomes: BTreeSet<&str> = m.labels.iter().map(|l| l.expect.outcome.as_str()).collect();
    assert_eq!(
        outcomes,
        BTreeSet::from(["invalid", "unknown_product", "verified", "verified_stale"])
    );
}

#[test]
fn the_brief_cases_are_where_they_are_expected() {
    let m = manifest();
    let reason = |slug: &str| {
        let label = m.label(slug).unwrap_or_else(|| panic!("{slug} missing"));
        (label.expect.outcome.clone(), label.expect.reason.clone())
    };
    let invalid = |code: &str| ("invalid".to_owned(), Some(code.to_owned()));
    assert_eq!(reason("bad-forged-signature"), invalid("bad_signature"));
    assert_eq!(reason("bad-unknown-kid"), invalid("unknown_key"));
    assert_eq!(reason("bad-revoked-key"), invalid("revoked_key"));
    assert_eq!(reason("bad-alg-none"), invalid("unsupported_algorithm"));
    assert_eq!(reason("bad-wrong-typ"), invalid("wrong_type"));
    assert_eq!(reason("bad-wrong-iss"), invalid("wrong_issuer"));
    assert_eq!(reason("bad-wrong-subject"), invalid("wrong_subject"));
    assert_eq!(reason("bad-future-iat"), invalid("issued_in_future"));
    assert_eq!(reason("bad-expired"), ("verified_stale".to_owned(), None));
    assert_eq!(reason("bad-oversized"), invalid("too_large"));
    assert_eq!(reason("bad-malformed-base64"), invalid("malformed_base64"));
    assert_eq!(reason("bad-malformed-json"), invalid("malformed_json"));
    assert!(read("bad/oversized.jws.json").len() > 256 * 1024);
    // The unknown kid really is the stranger key, and alg none has no signature.
    let attacker = read("bad/unknown-kid.jws.json");
    let parsed = ParsedEnvelope::parse(&attacker, RECORD_TYPE).unwrap();
    assert_eq!(parsed.header.kid, "attacker");
    let none = Envelope::from_bytes(&read("bad/alg-none.jws.json")).unwrap();
    assert_eq!(none.signature, "");
}

/// The statements inside the good envelopes, by slug, with their record files.
fn good_statements() -> BTreeMap<String, (Statement, Record)> {
    let m = manifest();
    let mut out = BTreeMap::new();
    for label in &m.labels {
        let (Some(envelope), Some(record)) = (&label.envelope, &label.record) else {
            continue;
        };
        let env = Envelope::from_bytes(&read(envelope)).unwrap();
        let payload = base64_decode(&env.payload);
        let statement: Statement = serde_json::from_slice(&payload).unwrap();
        let record: Record = serde_json::from_slice(&read(record)).unwrap();
        out.insert(label.slug.clone(), (statement, record));
    }
    out
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .unwrap()
}

#[test]
fn envelopes_wrap_the_records_unchanged() {
    let m = manifest();
    let statements = good_statements();
    assert!(statements.len() >= 10);
    for (slug, (statement, record)) in &statements {
        assert_eq!(&statement.record, record, "{slug}");
        let url = format!("{}{slug}", m.registry_prefix);
        assert_eq!(statement.sub, url);
        assert_eq!(record.qr_code_url.as_deref(), Some(url.as_str()));
        assert_eq!(record.schema_version.as_deref(), Some("1.0.0"));
        assert_eq!(statement.iss, "demo");
        assert_eq!(statement.iat, fixtures::IAT);
        assert_eq!(statement.exp, fixtures::EXP);
        assert_eq!(statement.seq, 1);
        for (field, present) in [
            ("product_name", record.product_name.is_some()),
            ("product_model", record.product_model.is_some()),
            ("manufacturer_name", record.manufacturer_name.is_some()),
            ("authorization_date", record.authorization_date.is_some()),
            ("authorized_by", record.authorized_by.is_some()),
            ("tested_by", record.tested_by.is_some()),
            ("access_control", record.access_control.is_some()),
            (
                "securing_this_product",
                record.securing_this_product.is_some(),
            ),
            (
                "security_update_information",
                record.security_update_information.is_some(),
            ),
            (
                "sensor_data_collection",
                record.sensor_data_collection.is_some(),
            ),
            ("delete_data", record.delete_data.is_some()),
            (
                "account_deactivation",
                record.account_deactivation.is_some(),
            ),
            (
                "encryption_and_key_management",
                record.encryption_and_key_management.is_some(),
            ),
            (
                "general_user_information",
                record.general_user_information.is_some(),
            ),
            ("security_contact", record.security_contact.is_some()),
            (
                "sbom_hbom_maintained",
                record.sbom_hbom_maintained.is_some(),
            ),
            ("created", record.created.is_some()),
            ("modified", record.modified.is_some()),
        ] {
            assert!(present, "{slug}: {field} missing");
        }
        // The schema's conditional: Other needs its explanation.
        let info = record.security_update_information.as_ref().unwrap();
        let mentions_other = info.update_default == Some(UpdateMethod::Other)
            || info
                .update_options
                .as_ref()
                .is_some_and(|o| o.contains(&UpdateMethod::Other));
        if mentions_other {
            assert!(record.security_update_information_other.is_some(), "{slug}");
        }
    }
    assert!(statements.contains_key("ringwraith-2000"));
    assert!(statements.contains_key("palantir-cam"));
}

/// Scans the record files themselves (not the manifest), so removing a record that carried
/// the only instance of a value fails here.
#[test]
fn records_cover_every_enum_value() {
    let mut records = Vec::new();
    for entry in std::fs::read_dir(dir().join("records")).unwrap() {
        let path = entry.unwrap().path();
        let record: Record = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        records.push(record);
    }
    assert!(records.len() >= 10, "at least 10 records");

    let defaults: Vec<UpdateMethod> = records
        .iter()
        .filter_map(|r| {
            r.security_update_information
                .as_ref()?
                .update_default
                .clone()
        })
        .collect();
    for method in UpdateMethod::ALL {
        assert!(defaults.contains(&method), "update_default {method:?}");
    }

    let mut access = Vec::new();
    let mut password_types = Vec::new();
    let mut changeable = BTreeSet::new();
    for ac in records.iter().filter_map(|r| r.access_control.as_ref()) {
        access.extend(ac.password_options.iter().flatten().cloned());
        access.extend(ac.password_factory_default.clone());
        password_types.extend(ac.password_type.clone());
        changeable.extend(ac.user_changeable);
    }
    for option in AccessOption::ALL {
        assert!(access.contains(&option), "access option {option:?}");
    }
    assert!(password_types.contains(&PasswordType::FactoryDefault));
    assert!(password_types.contains(&PasswordType::UserGenerated));
    assert_eq!(changeable, BTreeSet::from([false, true]));

    for sensing in [Sensing::Audio, Sensing::Images, Sensing::Position] {
        for has in [true, false] {
            assert!(
                records.iter().any(|r| r.has_sensor(&sensing) == Some(has)),
                "{sensing:?} has={has}"
            );
        }
    }

    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let buckets: BTreeSet<&str> = good_statements()
        .values()
        .map(|(st, _)| fixtures::support_bucket(st, now))
        .collect();
    assert_eq!(
        buckets,
        BTreeSet::from([
            "ended",
            "ends_within_6_months",
            "not_given",
            "supported",
            "unsupported"
        ])
    );
    use trustlabel_protocol::DateField;
    let dates: Vec<DateField> = records.iter().map(|r| r.support_date()).collect();
    assert!(dates.contains(&DateField::Missing));
    assert!(dates.iter().any(|d| matches!(d, DateField::Malformed(_))));
}

#[test]
fn statements_cover_status_support_and_disclosures() {
    let statements = good_statements();
    let states: BTreeSet<String> = statements
        .values()
        .map(|(st, _)| st.authorization().as_str().to_owned())
        .collect();
    for state in [
        AuthorizationState::Active,
        AuthorizationState::Withdrawn,
        AuthorizationState::Suspended,
        AuthorizationState::Expired,
    ] {
        assert!(states.contains(state.as_str()), "{state:?}");
    }
    assert!(statements.values().any(|(st, _)| st.is_unsupported()));

    type Pick = fn(&Statement) -> Option<&Disclosure>;
    let picks: [(&str, Pick); 2] = [
        ("data_location", |st| {
            st.disclosures.as_ref()?.data_location.as_ref()
        }),
        ("software_origin", |st| {
            st.disclosures.as_ref()?.software_origin.as_ref()
        }),
    ];
    for (name, pick) in picks {
        let found: Vec<Option<&Disclosure>> = statements.values().map(|(st, _)| pick(st)).collect();
        assert!(found.iter().any(|d| d.is_none()), "{name} absent");
        assert!(
            found
                .iter()
                .flatten()
                .any(|d| d.declaration == Declaration::None),
            "{name} none"
        );
        assert!(
            found
                .iter()
                .flatten()
                .any(|d| d.declaration == Declaration::HighRisk && !d.countries.is_empty()),
            "{name} high_risk with countries"
        );
        assert!(
            found
                .iter()
                .flatten()
                .any(|d| d.declaration == Declaration::NotDisclosed),
            "{name} not_disclosed"
        );
    }
    assert!(statements.values().any(|(st, _)| st.disclosures.is_none()));

    let ringwraith = &statements["ringwraith-2000"].0;
    assert_eq!(ringwraith.authorization(), AuthorizationState::Active);
    assert_eq!(ringwraith.data_location(), Declaration::None);
    assert_eq!(
        ringwraith
            .record
            .security_update_information
            .as_ref()
            .unwrap()
            .update_default,
        Some(UpdateMethod::AutomaticMayOptOut)
    );
}

#[test]
fn trust_files_agree() {
    let m = manifest();
    let core = default_core_trust_dir();
    assert_eq!(
        std::fs::read(core.join(fixtures::CORE_TRUST_LIST_FILE)).unwrap(),
        read(&m.trust.list)
    );
    let anchors: Vec<AnchorFile> =
        serde_json::from_slice(&std::fs::read(core.join(fixtures::CORE_ANCHORS_FILE)).unwrap())
            .unwrap();
    let single: AnchorFile = serde_json::from_slice(&read(&m.trust.anchor)).unwrap();
    assert_eq!(anchors, vec![single.clone()]);
    assert_eq!(single.kid, "trustlabel-root-1");

    let now = m.now();
    let v1 = trust_list(&m);
    assert_eq!(v1.version(), 1);
    assert!(!v1.is_expired(now));
    let registry = v1.registry("demo").unwrap().entry();
    assert_eq!(registry.name, "Trustlabel demo registry (test data)");
    assert_eq!(registry.url_prefixes, vec![m.registry_prefix.clone()]);
    let statuses: Vec<(&str, KeyStatus)> = registry
        .keys
        .iter()
        .map(|k| (k.kid.as_str(), k.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("demo-2026", KeyStatus::Active),
            ("demo-ed-2026", KeyStatus::Active),
            ("demo-2023", KeyStatus::Revoked),
        ]
    );

    let v2 = TrustList::verify(&read(&m.trust.list_v2), &[anchor()], now).unwrap();
    assert_eq!(v2.version(), 2);
    assert!(v2.replaces(&v1) && !v1.replaces(&v2));
    let expired = TrustList::verify(&read(&m.trust.list_expired), &[anchor()], now).unwrap();
    assert!(expired.is_expired(now));
    assert_eq!(expired.version(), 1);
}

#[test]
fn key_files_are_marked_test_only() {
    let mut kids = BTreeSet::new();
    for entry in std::fs::read_dir(dir().join("keys")).unwrap() {
        let path = entry.unwrap().path();
        let file: KeyFile = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(file.warning, TEST_ONLY_WARNING);
        assert_eq!(
            path.file_name().unwrap().to_string_lossy(),
            format!("{}.json", file.kid)
        );
        kids.insert(file.kid);
    }
    assert!(kids.is_superset(&BTreeSet::from([
        "trustlabel-root-1".to_owned(),
        "demo-2026".to_owned(),
        "demo-ed-2026".to_owned(),
        "demo-2023".to_owned(),
        "attacker".to_owned(),
    ])));
}

fn files_under(root: &Path, sub: &str) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(root.join(sub)) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = format!("{sub}/{}", path.file_name().unwrap().to_string_lossy());
        out.insert(name, std::fs::read(&path).unwrap());
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            copy_tree(&path, &to.join(path.file_name().unwrap()));
        } else {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// Committed fixtures never drift from the generator: the same keys give the same records,
/// manifest, README and trust files, and envelopes with the same signed bytes.
#[test]
fn regenerating_gives_the_committed_fixtures() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("api-fixtures");
    copy_dir(&dir().join("keys"), &out.join("keys"));
    let core = tmp.path().join("core-trust");
    let generated = fixtures::generate(&Output {
        fixtures: out.clone(),
        core_trust: Some(core.clone()),
    })
    .unwrap();
    assert_eq!(generated.manifest, manifest());

    for file in ["manifest.json", "README.md"] {
        assert!(
            std::fs::read(out.join(file)).unwrap() == read(file),
            "{file} differs: run `cargo run -p trustlabel-testkit --bin trustlabel-fixtures`"
        );
    }
    for sub in ["records", "trust"] {
        assert_eq!(
            files_under(&out, sub),
            files_under(&dir(), sub),
            "{sub}/ differs: run `cargo run -p trustlabel-testkit --bin trustlabel-fixtures`"
        );
    }
    assert_eq!(files_under(&core, "."), {
        let committed = files_under(&default_core_trust_dir(), ".");
        committed
            .into_iter()
            .filter(|(name, _)| {
                name.ends_with(fixtures::CORE_TRUST_LIST_FILE)
                    || name.ends_with(fixtures::CORE_ANCHORS_FILE)
            })
            .collect::<BTreeMap<_, _>>()
    });
    for sub in ["envelopes", "bad"] {
        let fresh = files_under(&out, sub);
        let committed = files_under(&dir(), sub);
        assert_eq!(
            fresh.keys().collect::<Vec<_>>(),
            committed.keys().collect::<Vec<_>>(),
            "{sub}/ file list differs"
        );
        for (name, bytes) in &fresh {
            let old = &committed[name];
            match (Envelope::from_bytes(bytes), Envelope::from_bytes(old)) {
                // ES256 signatures are randomized: compare what was signed.
                (Some(new), Some(old)) => {
                    assert_eq!(new.protected, old.protected, "{name}");
                    assert_eq!(new.payload, old.payload, "{name}");
                }
                _ => assert_eq!(bytes.len(), old.len(), "{name}"),
            }
        }
    }
}

/// Running the generator over the committed fixtures changes nothing (signatures are reused).
#[test]
fn regenerating_in_place_is_a_no_op() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("api-fixtures");
    for sub in ["keys", "records", "envelopes", "bad", "trust"] {
        copy_dir(&dir().join(sub), &out.join(sub));
    }
    copy_tree(&dir().join("log"), &out.join("log"));
    for file in ["manifest.json", "README.md"] {
        std::fs::copy(dir().join(file), out.join(file)).unwrap();
    }
    let core = tmp.path().join("core-trust");
    copy_dir(&default_core_trust_dir(), &core);
    let generated = fixtures::generate(&Output {
        fixtures: out,
        core_trust: Some(core),
    })
    .unwrap();
    assert_eq!(generated.changed, Vec::<PathBuf>::new());
}
