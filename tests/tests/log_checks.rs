//! The scanner's transparency-log checks (issue 25, checks L1 to L6) through the facade, as
//! an app sees them: a registry whose trust-list entry names a log, served by the loopback
//! registry with the log's tiles at `/log/`. The logs are built here with the log crate's
//! `LogWriter`, so a test can fork, rewrite or truncate one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use chrono::DateTime;
use trustlabel_core::scanner::{Scanner, ScannerConfig};
use trustlabel_protocol::{
    Integrity, KeyStatus, LogEntry, RegistryEntry, TrustListStatement, TRUST_LIST_TYPE,
};
use trustlabel_registry::keys::NamedKey;
use trustlabel_registry::log::with_log_proof;
use trustlabel_testkit::fixtures::FixtureKeys;
use trustlabel_testkit::{Fault, LoopbackRegistry};
use trustlabel_tests::{block_on, config_for, fixtures_dir, json};
use trustlabel_tlog::{KeyKind, LogWriter, Note, SignerKey};

const DAY: i64 = 86_400;
/// 2026-11-23, the fixtures' reference time.
const NOW: i64 = 1_795_392_000;
const ORIGIN: &str = "hard.example/log";

/// A log on disk, its key, and the envelopes logged in it, by slug.
struct Log {
    writer: LogWriter,
    _dir: tempfile::TempDir,
}

impl Log {
    fn new(key: &SignerKey) -> Log {
        let dir = tempfile::tempdir().unwrap();
        // The same key, twice (a fork is signed by the log's real key).
        let key = SignerKey::parse(&key.to_secret_text()).unwrap();
        let writer = LogWriter::create(dir.path().join("log"), ORIGIN, key).unwrap();
        Log { writer, _dir: dir }
    }

    /// The same log directory, reopened to sign with `keys` from now on (a log rotating its
    /// key: `docs/transparency.md`, "Log key rotation").
    fn rekey(self, keys: &[&SignerKey]) -> Log {
        let Log { writer, _dir } = self;
        let path = writer.dir().root().to_path_buf();
        // The writer holds the log's lock: released before the log is opened again.
        drop(writer);
        let keys = keys
            .iter()
            .map(|k| SignerKey::parse(&k.to_secret_text()).unwrap())
            .collect();
        let writer = LogWriter::open_with_keys(path, ORIGIN, keys).unwrap();
        Log { writer, _dir }
    }

    /// Appends `envelope`'s entry; returns its index.
    fn append(&mut self, envelope: &[u8]) -> u64 {
        let index = self.writer.head().size;
        self.writer.append(&[entry_of(envelope)]).unwrap();
        index
    }

    /// Appends filler entries (other records of the registry).
    fn grow(&mut self, n: usize) {
        let start = self.writer.head().size;
        let entries: Vec<Vec<u8>> = (0..n)
            .map(|i| format!("filler {}\n", start + i as u64).into_bytes())
            .collect();
        self.writer.append(&entries).unwrap();
    }

    fn cosign(&mut self, witness: &SignerKey) {
        let note = Note::parse(&self.writer.checkpoint()).unwrap();
        let line = witness.sign(note.text(), NOW as u64).to_line();
        self.writer.add_cosignatures(line.as_bytes()).unwrap();
    }

    /// `envelope` with its proof against the log's current checkpoint.
    fn proven(&self, envelope: &[u8], index: u64) -> Vec<u8> {
        with_log_proof(envelope, &self.writer.proof(index).unwrap())
    }
}

fn entry_of(envelope: &[u8]) -> Vec<u8> {
    trustlabel_tests::log_entry_of(envelope)
}

struct World {
    registry: LoopbackRegistry,
    keys: FixtureKeys,
    signer: NamedKey,
    log_key: SignerKey,
    witnesses: Vec<SignerKey>,
    data: tempfile::TempDir,
}

impl World {
    fn new() -> Self {
        World {
            registry: LoopbackRegistry::start().unwrap(),
            keys: FixtureKeys::load(&fixtures_dir().join("keys")).unwrap(),
            signer: NamedKey::generate("hard-1", trustlabel_protocol::Algorithm::EdDsa),
            log_key: SignerKey::generate(ORIGIN, KeyKind::Ed25519).unwrap(),
            witnesses: ["w1.example", "w2.example"]
                .iter()
                .map(|n| SignerKey::generate(n, KeyKind::CosignatureV1).unwrap())
                .collect(),
            data: tempfile::tempdir().unwrap(),
        }
    }

    fn url(&self, slug: &str) -> String {
        format!("{}/r/{slug}", self.registry.base_url())
    }

    /// The trust list: the registry, with the log (`threshold` of the two witnesses) or none.
    fn list(&self, version: u64, log: Option<(Vec<&SignerKey>, usize)>) -> Vec<u8> {
        let log = log.map(|(keys, threshold)| LogEntry {
            origin: ORIGIN.into(),
            url: format!("{}/log/", self.registry.base_url()),
            keys: keys.iter().map(|k| k.verifier().to_text()).collect(),
            witnesses: self
                .witnesses
                .iter()
                .map(|w| w.verifier().to_text())
                .collect(),
            threshold,
        });
        let statement = TrustListStatement {
            iss: "root".into(),
            version,
            iat: NOW - 30 * DAY + version as i64,
            exp: NOW + 365 * DAY,
            registries: vec![RegistryEntry {
                id: "hard".into(),
                name: "Registry hard".into(),
                url_prefixes: vec![format!("{}/r/", self.registry.base_url())],
                record_url_template: None,
                allow_http_loopback: true,
                integrity: Integrity::Jws,
                keys: vec![self.signer.key_entry(
                    KeyStatus::Active,
                    Some("2020-01-01T00:00:00Z"),
                    None,
                )],
                log,
            }],
        };
        self.keys.root.signing_key().sign_envelope(
            "trustlabel-root-1",
            TRUST_LIST_TYPE,
            &serde_json::to_vec(&statement).unwrap(),
        )
    }

    fn logged_list(&self, threshold: usize) -> Vec<u8> {
        self.list(1, Some((vec![&self.log_key], threshold)))
    }

    fn config(&self, list: Vec<u8>) -> ScannerConfig {
        let mut config = config_for(
            self.registry.base_url(),
            &self.data.path().join("store"),
            DateTime::from_timestamp(NOW, 0).unwrap(),
        );
        config.trust_list = list;
        config
    }

    fn scanner(&self, list: Vec<u8>) -> Scanner {
        Scanner::open(self.config(list)).unwrap()
    }

    fn sign(&self, slug: &str, seq: u64) -> Vec<u8> {
        let statement = serde_json::json!({
            "iss": "hard", "sub": self.url(slug), "iat": NOW - DAY, "exp": NOW + 365 * DAY,
            "seq": seq, "record": {"QR_code_url": self.url(slug), "product_name": "Hard Cam"},
        });
        self.signer.signing_key().sign_envelope(
            "hard-1",
            trustlabel_protocol::RECORD_TYPE,
            statement.to_string().as_bytes(),
        )
    }

    /// Publishes `log`'s files at `/log/` (replacing what was there: a registry that
    /// changed its log, or an attacker serving a fork).
    fn publish(&self, log: &Log) {
        for (path, bytes) in log.writer.files().unwrap() {
            self.registry.set(&format!("/log/{path}"), bytes);
        }
    }

    fn serve(&self, slug: &str, envelope: Vec<u8>) {
        self.registry.set(&format!("/r/{slug}"), envelope);
    }

    fn scan(&self, scanner: &Scanner, slug: &str) -> serde_json::Value {
        json(&block_on(scanner.scan_text(&self.url(slug))).unwrap())
    }

    fn scan_offline(&self, scanner: &Scanner, slug: &str) -> serde_json::Value {
        json(&block_on(scanner.scan_text_offline(&self.url(slug))).unwrap())
    }
}

fn assert_outcome(result: &serde_json::Value, outcome: &str, reason: Option<&str>) {
    assert_eq!(result["outcome"], outcome, "{result}");
    if let Some(reason) = reason {
        assert_eq!(result["reason"], reason, "{result}");
    }
}

#[test]
fn a_logged_record_verifies_and_its_head_is_kept_beside_the_cache() {
    let w = World::new();
    let mut log = Log::new(&w.log_key);
    let envelope = w.sign("cam", 1);
    let index = log.append(&envelope);
    w.publish(&log);
    w.serve("cam", log.proven(&envelope, index));
    let scanner = w.scanner(w.logged_list(0));
    assert_outcome(&w.scan(&scanner, "cam"), "verified", None);
    let heads = std::fs::read_to_string(w.data.path().join("store.log-heads.json")).unwrap();
    assert!(heads.contains(ORIGIN), "{heads}");
    // Offline, the cached copy is checked again (L1-L4, L6, its head kept) and shown.
    assert_outcome(&w.scan_offline(&scanner, "cam"), "offline_cached", None);
}

#[test]
fn a_record_signed_by_the_real_key_but_never_logged_is_refused() {
    let w = World::new();
    let mut log = Log::new(&w.log_key);
    let logged = w.sign("cam", 1);
    let index = log.append(&logged);
    w.publish(&log);
    let scanner = w.scanner(w.logged_list(0));
    // No proof at all.
    w.serve("cam", w.sign("cam", 2));
    assert_outcome(&w.scan(&scanner, "cam"), "invalid", Some("not_logged"));
    // The proof of another record (the one logged) on a record never logged.
    let proof = log.writer.proof(index).unwrap();
    w.serve("cam", with_log_proof(&w.sign("cam", 2), &proof));
    assert_outcome(&w.scan(&scanner, "cam"), "invalid", Some("not_logged"));
    // A log of its own, signed by a key the trust list does not name.
    let mut rogue = Log::new(&SignerKey::generate(ORIGIN, KeyKind::Ed25519).unwrap());
    let unlogged = w.sign("cam", 3);
    let i = rogue.append(&unlogged);
    w.serve("cam", rogue.proven(&unlogged, i));
    assert_outcome(&w.scan(&scanner, "cam"), "invalid", Some("not_logged"));
    // Nothing that failed was cached.
    assert!(block_on(scanner.scan_text_offline(&w.url("cam"))).is_err());
}

#[test]
fn a_record_in_a_forked_log_is_refused_once_the_main_checkpoint_was_seen() {
    let w = World::new();
    let scanner = w.scanner(w.logged_list(0));
    let mut main = Log::new(&w.log_key);
    main.grow(5);
    let a = w.sign("a", 1);
    let ia = main.append(&a);
    w.publish(&main);
    w.serve("a", main.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "verified", None);

    // The same key signs a fork: same size, another history, a record only one shopper sees.
    let mut fork = Log::new(&w.log_key);
    fork.grow(5);
    let b = w.sign("b", 1);
    let ib = fork.append(&b);
    w.serve("b", fork.proven(&b, ib));
    assert_outcome(&w.scan(&scanner, "b"), "invalid", Some("log_inconsistent"));

    // A larger fork, its tiles served as the log's: no consistency proof from the head kept.
    fork.grow(300);
    w.publish(&fork);
    w.serve("b", fork.proven(&b, ib));
    assert_outcome(&w.scan(&scanner, "b"), "invalid", Some("log_inconsistent"));
    // The main log's own record still verifies against the head kept.
    assert_outcome(&w.scan(&scanner, "a"), "verified", None);

    // A new scanner on the same folder remembers the head (the store and the file beside it).
    drop(scanner);
    let again = w.scanner(w.logged_list(0));
    assert_outcome(&w.scan(&again, "b"), "invalid", Some("log_inconsistent"));
}

#[test]
fn a_log_that_grew_is_proven_consistent_from_its_tiles_and_a_rewritten_one_is_caught() {
    let w = World::new();
    let scanner = w.scanner(w.logged_list(0));
    let mut log = Log::new(&w.log_key);
    let a = w.sign("a", 1);
    let ia = log.append(&a);
    log.grow(2);
    w.publish(&log);
    w.serve("a", log.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "verified", None);

    // It grows past a full tile; a record in the new checkpoint is verified with a
    // consistency proof built from the tiles.
    log.grow(400);
    let b = w.sign("b", 1);
    let ib = log.append(&b);
    w.publish(&log);
    w.serve("b", log.proven(&b, ib));
    let before = w.registry.total_hits();
    assert_outcome(&w.scan(&scanner, "b"), "verified", None);
    assert!(
        w.registry.total_hits() > before + 1,
        "tiles were fetched for the consistency proof"
    );
    // The older checkpoint (size 3) is a prefix of the kept head: still fine.
    w.serve("a", with_log_proof(&a, &log.writer.proof(ia).unwrap()));
    assert_outcome(&w.scan(&scanner, "a"), "verified", None);

    // A rewritten log: the same first entries but one changed, at a size below the kept
    // head. The kept head's tiles (served by the log) prove it is not a prefix.
    let mut rewritten = Log::new(&w.log_key);
    let c = w.sign("c", 1);
    let ic = rewritten.append(&c);
    rewritten.grow(10);
    w.serve("c", rewritten.proven(&c, ic));
    assert_outcome(&w.scan(&scanner, "c"), "invalid", Some("log_inconsistent"));
    // A truncated log (its checkpoint smaller, its tiles a prefix of the kept head) is not
    // a fork: proven against the larger tree and accepted.
    let mut truncated = Log::new(&w.log_key);
    truncated.append(&a);
    truncated.grow(2);
    w.serve("a", truncated.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "verified", None);
}

#[test]
fn tiles_that_cannot_be_fetched_are_not_a_verdict() {
    let w = World::new();
    let scanner = w.scanner(w.logged_list(0));
    let mut log = Log::new(&w.log_key);
    let a = w.sign("a", 1);
    let ia = log.append(&a);
    w.publish(&log);
    w.serve("a", log.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "verified", None);
    // The log grew; its tiles are unreachable. The new record cannot be shown verified:
    // the copy saved before is shown as offline.
    log.grow(300);
    let a2 = w.sign("a", 2);
    let i2 = log.append(&a2);
    w.serve("a", log.proven(&a2, i2));
    for (path, _) in log.writer.files().unwrap() {
        if path.starts_with("tile/") {
            w.registry
                .inject(&format!("/log/{path}"), Fault::status(503).times(100));
        }
    }
    assert_outcome(&w.scan(&scanner, "a"), "offline_cached", None);
    // Once the tiles are back the new record verifies.
    w.registry.clear_faults();
    w.publish(&log);
    let result = w.scan(&scanner, "a");
    assert_outcome(&result, "verified", None);
}

/// A log that serves a tile far larger than any tile (a hostile or broken CDN) gets no
/// verdict and no allocation of its size: the scanner's fetcher stops at its answer cap, the
/// scan is answered as when the log cannot be reached (the saved copy, offline), and the
/// reason names the cap, not the tile's size (which it would, had the tile been read whole).
#[test]
fn a_tile_larger_than_the_fetch_cap_is_not_read_and_not_a_verdict() {
    let w = World::new();
    let scanner = w.scanner(w.logged_list(0));
    let mut log = Log::new(&w.log_key);
    let a = w.sign("a", 1);
    let ia = log.append(&a);
    w.publish(&log);
    w.serve("a", log.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "verified", None);
    log.grow(300);
    let a2 = w.sign("a", 2);
    let i2 = log.append(&a2);
    w.publish(&log);
    w.serve("a", log.proven(&a2, i2));
    let huge = vec![0u8; trustlabel_protocol::MAX_ENVELOPE_BYTES + 1];
    for (path, _) in log.writer.files().unwrap() {
        if path.starts_with("tile/") {
            w.registry.set(&format!("/log/{path}"), huge.clone());
        }
    }
    let result = w.scan(&scanner, "a");
    assert_outcome(&result, "offline_cached", None);
    let text = result.to_string();
    assert!(
        text.contains(&format!(
            "larger than {} bytes",
            trustlabel_protocol::MAX_ENVELOPE_BYTES
        )),
        "{text}"
    );
}

#[test]
fn the_witness_threshold_too_few_forged_and_wrong_keys() {
    let w = World::new();
    let scanner = w.scanner(w.logged_list(2));
    let mut log = Log::new(&w.log_key);
    let a = w.sign("a", 1);
    let ia = log.append(&a);
    // One of the two witnesses.
    log.cosign(&w.witnesses[0]);
    w.publish(&log);
    w.serve("a", log.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "invalid", Some("too_few_witnesses"));
    // A second cosignature by a key with the witness's name that the list does not name:
    // forged, refused rather than skipped.
    let impostor = SignerKey::generate("w2.example", KeyKind::CosignatureV1).unwrap();
    let mut forged = Log::new(&w.log_key);
    forged.append(&a);
    forged.cosign(&w.witnesses[0]);
    forged.cosign(&impostor);
    w.serve("a", forged.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "invalid", Some("too_few_witnesses"));
    // A witness nobody listed does not count.
    let stranger = SignerKey::generate("w3.example", KeyKind::CosignatureV1).unwrap();
    let mut unlisted = Log::new(&w.log_key);
    unlisted.append(&a);
    unlisted.cosign(&w.witnesses[0]);
    unlisted.cosign(&stranger);
    w.serve("a", unlisted.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "invalid", Some("too_few_witnesses"));
    // Both listed witnesses: verified.
    log.cosign(&w.witnesses[1]);
    w.serve("a", log.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "verified", None);
}

#[test]
fn cached_copies_are_checked_again_against_the_list_in_use() {
    // A copy saved under list v1, read offline under a later list.
    let saved = |w: &World| {
        let mut log = Log::new(&w.log_key);
        let a = w.sign("a", 1);
        let ia = log.append(&a);
        w.publish(&log);
        w.serve("a", log.proven(&a, ia));
        let scanner = w.scanner(w.logged_list(0));
        assert_outcome(&w.scan(&scanner, "a"), "verified", None);
        assert_outcome(&w.scan_offline(&scanner, "a"), "offline_cached", None);
    };
    // A later list names another log key (the old one compromised): the saved copy's
    // checkpoint is no longer signed by a listed key.
    let w = World::new();
    saved(&w);
    let other = SignerKey::generate(ORIGIN, KeyKind::Ed25519).unwrap();
    let scanner = w.scanner(w.list(2, Some((vec![&other], 0))));
    assert_outcome(
        &w.scan_offline(&scanner, "a"),
        "invalid",
        Some("not_logged"),
    );
    // A later list that demands a cosignature the saved copy lacks.
    let w = World::new();
    saved(&w);
    let scanner = w.scanner(w.list(2, Some((vec![&w.log_key], 1))));
    assert_outcome(
        &w.scan_offline(&scanner, "a"),
        "invalid",
        Some("too_few_witnesses"),
    );
    // A list rotating the log key (old and new both listed) keeps the copy.
    let w = World::new();
    saved(&w);
    let scanner = w.scanner(w.list(2, Some((vec![&other, &w.log_key], 0))));
    assert_outcome(&w.scan_offline(&scanner, "a"), "offline_cached", None);
}

/// The log key rotation `docs/transparency.md` describes, end to end: a log signed by key A
/// under a trust list naming A; the log signs with A and B; the list moves to B alone. A
/// scanner that kept a head from A's time accepts B's newer checkpoint with a consistency
/// proof from the log's tiles, and a checkpoint signed only by a key the list does not name
/// (the retired A, or a stranger's) is refused.
#[test]
fn a_log_key_rotation_keeps_the_scanners_kept_head_and_refuses_unlisted_keys() {
    let w = World::new();
    let new_key = SignerKey::generate(ORIGIN, KeyKind::Ed25519).unwrap();
    let mut log = Log::new(&w.log_key);
    let a = w.sign("a", 1);
    let ia = log.append(&a);
    w.publish(&log);
    w.serve("a", log.proven(&a, ia));
    {
        let scanner = w.scanner(w.list(1, Some((vec![&w.log_key], 0))));
        assert_outcome(&w.scan(&scanner, "a"), "verified", None);
    }

    // Step 1: the log signs each checkpoint with the old and the new key.
    let mut log = log.rekey(&[&w.log_key, &new_key]);
    log.grow(300);
    let b = w.sign("b", 1);
    let ib = log.append(&b);
    let both = log.proven(&b, ib);
    let note = Note::parse(&log.writer.checkpoint()).unwrap();
    assert_eq!(
        note.signatures().len(),
        2,
        "signed by the old and the new key"
    );

    // Step 2: the list names only the new key; the log signs with it alone.
    let mut log = log.rekey(&[&new_key]);
    log.grow(10);
    let c = w.sign("c", 1);
    let ic = log.append(&c);
    w.publish(&log);
    w.serve("c", log.proven(&c, ic));
    assert_eq!(
        Note::parse(&log.writer.checkpoint())
            .unwrap()
            .signatures()
            .len(),
        1
    );
    let scanner = w.scanner(w.list(3, Some((vec![&new_key], 0))));
    let before = w.registry.total_hits();
    assert_outcome(&w.scan(&scanner, "c"), "verified", None);
    assert!(
        w.registry.total_hits() > before + 1,
        "tiles were fetched for the consistency proof from the head kept under key A"
    );
    // The checkpoint of step 1 (older than the head now kept) carries the new key's
    // signature too: its record still verifies.
    w.serve("b", both);
    assert_outcome(&w.scan(&scanner, "b"), "verified", None);

    // A checkpoint signed only by a key the list does not name: the retired key, a stranger.
    let stranger = SignerKey::generate(ORIGIN, KeyKind::Ed25519).unwrap();
    for key in [&w.log_key, &stranger] {
        let mut other = Log::new(key);
        let d = w.sign("d", 1);
        let id = other.append(&d);
        w.serve("d", other.proven(&d, id));
        assert_outcome(&w.scan(&scanner, "d"), "invalid", Some("not_logged"));
    }
}

#[test]
fn a_registry_without_a_log_is_checked_as_before_and_can_move_to_logging() {
    let w = World::new();
    // Without `log`: an envelope without a proof verifies, as before issue 25.
    w.serve("a", w.sign("a", 1));
    {
        let scanner = w.scanner(w.list(1, None));
        assert_outcome(&w.scan(&scanner, "a"), "verified", None);
    }
    // A trust-list update names the log: the same unlogged envelope is refused.
    let scanner = w.scanner(w.list(2, Some((vec![&w.log_key], 0))));
    assert_outcome(&w.scan(&scanner, "a"), "invalid", Some("not_logged"));
}

/// A pack made after this device last went online carries a larger checkpoint than the head
/// it kept: offline there are no tiles to prove the two consistent, so the pack's records
/// stand on the log's signature (as packs do) and read as saved copies, not as a false
/// alarm; a fork of the kept head's own size is still refused.
#[test]
fn a_pack_from_a_larger_log_reads_offline_and_a_same_size_fork_does_not() {
    let w = World::new();
    let scanner = w.scanner(w.logged_list(0));
    let mut main = Log::new(&w.log_key);
    main.grow(5);
    let a = w.sign("a", 1);
    let ia = main.append(&a);
    w.publish(&main);
    w.serve("a", main.proven(&a, ia));
    assert_outcome(&w.scan(&scanner, "a"), "verified", None);

    // The registry grows; a pack made later carries a record at the larger checkpoint.
    main.grow(40);
    let c = w.sign("c", 1);
    let ic = main.append(&c);
    let now = DateTime::from_timestamp(NOW, 0).unwrap();
    let pack = |record: Vec<u8>| {
        let mut out = br#"{"pack_version":1,"created":"2026-11-23T08:00:00Z","records":["#.to_vec();
        out.extend_from_slice(&record);
        out.extend_from_slice(b"]}");
        out
    };
    let report = trustlabel_core::pack::import(&scanner, &pack(main.proven(&c, ic)), now).unwrap();
    assert_eq!((report.imported, report.skipped.len()), (1, 0));
    assert_outcome(&w.scan_offline(&scanner, "c"), "offline_cached", None);

    // A fork at the size of the head kept (6 entries): refused offline too.
    let mut fork = Log::new(&w.log_key);
    fork.grow(5);
    let d = w.sign("d", 1);
    let id = fork.append(&d);
    let report = trustlabel_core::pack::import(&scanner, &pack(fork.proven(&d, id)), now).unwrap();
    assert_eq!(
        report.imported, 1,
        "a pack's records are checked against their own head"
    );
    assert_outcome(
        &w.scan_offline(&scanner, "d"),
        "invalid",
        Some("log_inconsistent"),
    );
}

/// A pack's records carry one checkpoint, which the import verifies once (`CheckpointCache`);
/// each record's inclusion proof is still its own: a record never logged, carrying a logged
/// record's proof against that same checkpoint, is skipped while the others are imported.
#[test]
fn a_packs_records_share_one_checkpoint_but_not_their_inclusion_proofs() {
    let w = World::new();
    let scanner = w.scanner(w.logged_list(0));
    let mut log = Log::new(&w.log_key);
    let (a, b) = (w.sign("a", 1), w.sign("b", 1));
    let (ia, ib) = (log.append(&a), log.append(&b));
    log.grow(3);
    let unlogged = w.sign("c", 1);
    let records = [
        log.proven(&a, ia),
        with_log_proof(&unlogged, &log.writer.proof(ib).unwrap()),
        log.proven(&b, ib),
    ];
    let mut pack = br#"{"pack_version":1,"created":"2026-11-23T08:00:00Z","records":["#.to_vec();
    for (i, record) in records.iter().enumerate() {
        if i > 0 {
            pack.push(b',');
        }
        pack.extend_from_slice(record);
    }
    pack.extend_from_slice(b"]}");
    let now = DateTime::from_timestamp(NOW, 0).unwrap();
    let report = trustlabel_core::pack::import(&scanner, &pack, now).unwrap();
    assert_eq!(report.imported, 2);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].index, 1);
    assert_eq!(report.skipped[0].reason.code(), "not_logged");
    assert_outcome(&w.scan_offline(&scanner, "b"), "offline_cached", None);
}
