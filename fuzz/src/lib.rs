//! One function per fuzz target, shared by the libFuzzer entry points (`fuzz_targets/`,
//! run with `cargo fuzz run <target>`) and the stable replay runner (`fuzz-replay`), so
//! both exercise exactly the same code. Each must never panic, whatever `data` is: every
//! error is a typed value the function drops.

#![forbid(unsafe_code)]

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use trustlabel_core::builtin;
use trustlabel_decode::{self as decode, DecodeOptions, LumaFrame};
use trustlabel_core::pack;
use trustlabel_core::scanner::{Scanner, ScannerConfig};
use trustlabel_protocol::{
    self as checks, check_unsigned_record, headline_host, lookalike_warnings, verify_cached_record,
    Algorithm, Integrity, KeyEntry, KeyStatus, LabelLink, ParsedEnvelope, Record, Registry,
    RegistryEntry, SigningKey, Statement, TrustAnchor, TrustList, RECORD_TYPE, TRUST_LIST_TYPE,
};

/// The fixtures' reference time (2026-11-23), so fixture envelopes verify.
const NOW: i64 = 1_795_392_000;
/// The label every record target checks against (a fixture label).
const LABEL: &str = "https://demo.trustlabel.dev/l/ringwraith-2000";

struct World {
    anchors: Vec<TrustAnchor>,
    trust: TrustList,
    /// A registry whose key the fuzzer can sign with: inputs signed here get past the
    /// signature check, so the checks after it are fuzzed too.
    own: Registry,
    own_key: SigningKey,
    link: LabelLink,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let anchors = builtin::trust_anchors();
        let trust = TrustList::verify_installed(builtin::TRUST_LIST, &anchors)
            .expect("the built-in list verifies");
        // A fixed test key, so runs are reproducible (api-fixtures/keys: TEST ONLY).
        let key_file: serde_json::Value =
            serde_json::from_str(include_str!("../../api-fixtures/keys/demo-ed-2026.json"))
                .expect("fixture key file");
        let pkcs8 = {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(key_file["pkcs8"].as_str().unwrap_or(""))
                .expect("fixture key base64url")
        };
        let own_key = SigningKey::from_pkcs8(Algorithm::EdDsa, &pkcs8).expect("fixture key");
        let own = RegistryEntry {
            id: "demo".into(),
            name: "Fuzz".into(),
            url_prefixes: vec!["https://demo.trustlabel.dev/l/".into()],
            record_url_template: None,
            allow_http_loopback: false,
            integrity: Integrity::Jws,
            keys: vec![KeyEntry {
                kid: "fuzz".into(),
                alg: Algorithm::EdDsa,
                public_key: own_key.public_key().to_base64url(),
                not_before: Some("2020-01-01T00:00:00Z".into()),
                not_after: Some("2030-01-01T00:00:00Z".into()),
                status: KeyStatus::Active,
                retired_at: None,
            }],
            log: None,
        };
        let own = Registry::new(own, now()).expect("the fuzz registry parses");
        World {
            anchors,
            trust,
            own,
            own_key,
            link: LabelLink::parse(LABEL).expect("fixture label"),
        }
    })
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(NOW, 0).unwrap_or_default()
}

/// Link parsing, registry matching and the look-alike warnings.
pub fn link(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let w = world();
    if let Ok(link) = LabelLink::parse(&text) {
        let _ = w.trust.match_link(&link);
        let warnings = lookalike_warnings(&link, &w.trust.all_prefixes());
        let _ = headline_host(&link, &warnings);
        let _ = link.display_host();
        if let Some(matched) = w.trust.match_link(&link) {
            let _ = matched.registry.record_url(&link);
        }
    }
}

/// JWS envelope parsing (check 1) and signature verification (check 3) for both types.
pub fn jws_envelope(data: &[u8]) {
    let w = world();
    for typ in [RECORD_TYPE, TRUST_LIST_TYPE] {
        if let Ok(parsed) = ParsedEnvelope::parse(data, typ) {
            let _ = parsed.verify_signature(&w.own_key.public_key());
            for anchor in &w.anchors {
                let _ = parsed.verify_signature(&anchor.key);
            }
        }
    }
}

/// Every check on a registry answer: as received (fixture keys), cached, unsigned, and the
/// bytes signed by the fuzzer's own key as a statement, so checks 4 to 8 see fuzzed input.
pub fn verify_record(data: &[u8]) {
    let w = world();
    if let Some(demo) = w.trust.registry("demo") {
        let _ = checks::verify_record(data, demo, &w.link, now(), Some((NOW - 1, 1)));
        let _ = verify_cached_record(data, demo, &w.link, now(), NOW);
        let _ = check_unsigned_record(data, demo, &w.link, NOW);
    }
    let signed = w.own_key.sign_envelope("fuzz", RECORD_TYPE, data);
    let _ = checks::verify_record(&signed, &w.own, &w.link, now(), None);
    let _ = verify_cached_record(&signed, &w.own, &w.link, now(), NOW);
}

/// Statement and CTA-2120 record JSON: parse, read every derived field, write back.
pub fn statement_json(data: &[u8]) {
    if let Ok(statement) = serde_json::from_slice::<Statement>(data) {
        let _ = statement.authorization();
        let _ = statement.is_unsupported();
        let _ = statement.data_location();
        let _ = statement.software_origin();
        let _ = serde_json::to_vec(&statement);
        touch_record(&statement.record);
    }
    if let Ok(record) = serde_json::from_slice::<Record>(data) {
        touch_record(&record);
    }
}

fn touch_record(record: &Record) {
    let _ = record.support_date().date();
    let _ = record.authorization_date().date();
    let _ = serde_json::to_vec(record);
}

/// The trust list: verification against the anchors, start-up choice, replacement.
pub fn trust_list(data: &[u8]) {
    let w = world();
    let _ = TrustList::verify(data, &w.anchors, now());
    if let Ok(list) = TrustList::verify_installed(data, &w.anchors) {
        let _ = list.replaces(&w.trust);
        let _ = list.all_prefixes();
        if let Ok(link) = LabelLink::parse(LABEL) {
            let _ = list.match_link(&link);
        }
    }
    let saved = vec![data.to_vec()];
    let _ = TrustList::choose_at_start(w.trust.clone(), &saved, 1, &w.anchors);
    // The same bytes as a list signed by the root would be: the statement checks get
    // fuzzed input too. (Only the fuzzer's own key: no anchor is the fuzzer's.)
    let signed = w.own_key.sign_envelope("fuzz-root", TRUST_LIST_TYPE, data);
    let own_anchor = [TrustAnchor {
        kid: "fuzz-root".into(),
        key: w.own_key.public_key(),
    }];
    let _ = TrustList::verify(&signed, &own_anchor, now());
}

/// The real pack importer (protocol section 6): size and version checks, the trust list
/// inside, every entry through the fetch checks, one batch into an in-memory store. The
/// scanner is made once; its cache only gains entries that verified, so runs stay fast.
pub fn pack_import(data: &[u8]) {
    static SCANNER: OnceLock<Option<Scanner>> = OnceLock::new();
    let scanner = SCANNER.get_or_init(|| {
        let mut config = ScannerConfig::new(None);
        config.offline = true;
        config.clock = std::sync::Arc::new(now);
        Scanner::open(config).ok()
    });
    if let Some(scanner) = scanner {
        let _ = pack::import(scanner, data, now());
    }
}

/// QR decoding from arbitrary luma bytes: the first 4 bytes choose the dimensions (up to
/// 255 x 255, stride up to width + 15), the rest are the pixels.
pub fn qr_luma(data: &[u8]) {
    let [w, h, pad, flags, pixels @ ..] = data else {
        return;
    };
    let (width, height) = (u32::from(*w), u32::from(*h));
    let stride = width + u32::from(pad & 0x0F);
    let frame = LumaFrame {
        width,
        height,
        stride,
        data: pixels,
    };
    let opts = DecodeOptions {
        try_inverted: flags & 1 == 1,
        ..DecodeOptions::default()
    };
    let _ = decode::decode_frame(&frame, &opts);
}

/// Image file decoding (PNG, JPEG, WebP) and QR detection in it, with a small pixel cap
/// so one input stays fast.
pub fn image_decode(data: &[u8]) {
    let opts = DecodeOptions {
        max_pixels: 1 << 20,
        ..DecodeOptions::default()
    };
    let _ = decode::decode_image_bytes(data, &opts);
}

/// Every target by name, for the replay runner.
pub const TARGETS: [(&str, fn(&[u8])); 8] = [
    ("link", link),
    ("jws_envelope", jws_envelope),
    ("verify_record", verify_record),
    ("statement_json", statement_json),
    ("trust_list", trust_list),
    ("pack_import", pack_import),
    ("qr_luma", qr_luma),
    ("image_decode", image_decode),
];
