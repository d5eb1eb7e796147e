//! The loopback registry over real sockets, with a minimal HTTP/1.1 client so every byte the
//! server sends (or does not send) is visible.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use trustlabel_protocol::verify_record;
use trustlabel_protocol::LabelLink;
use trustlabel_protocol::TrustList;
use trustlabel_registry::default_fixtures_dir;
use trustlabel_registry::http::JOSE_JSON;
use trustlabel_registry::keys::AnchorFile;
use trustlabel_registry::manifest::Manifest;
use trustlabel_testkit::fixtures;
use trustlabel_testkit::fixtures::FixtureKeys;
use trustlabel_testkit::{Fault, LoopbackRegistry};

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `GET path` with `headers`; reads until the server closes (a reset after a partial body
/// counts as the end).
fn get(server: &LoopbackRegistry, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        server.addr()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
        }
    }
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

const JOSE: (&str, &str) = ("Accept", JOSE_JSON);
const BROWSER: (&str, &str) = (
    "Accept",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
);

fn fixtures_server() -> LoopbackRegistry {
    LoopbackRegistry::from_fixtures(&default_fixtures_dir()).unwrap()
}

/// A fixture file as the loopback registry serves it: an envelope with its `log_proof` when
/// the fixture log holds its statement.
fn envelope(relative: &str) -> Vec<u8> {
    let bytes = std::fs::read(default_fixtures_dir().join(relative)).unwrap();
    let log = trustlabel_registry::log::SiteLog::from_dir(&default_fixtures_dir().join("log"))
        .unwrap()
        .expect("the fixtures have a log");
    log.attach(&bytes)
}

#[test]
fn content_negotiation() {
    let server = fixtures_server();
    let app = get(&server, "/l/ringwraith-2000", &[JOSE]);
    assert_eq!(app.status, 200);
    assert_eq!(app.header("content-type"), Some(JOSE_JSON));
    assert_eq!(app.body, envelope("envelopes/ringwraith-2000.jws.json"));
    assert!(
        String::from_utf8_lossy(&app.body).contains("\"log_proof\":{"),
        "served with its proof"
    );
    assert_eq!(app.header("vary"), Some("Accept"));

    let browser = get(&server, "/l/ringwraith-2000", &[BROWSER]);
    assert_eq!(browser.status, 200);
    assert!(browser
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    // The consumer page, as `serve` and `export` make it, in the browser's language.
    assert!(browser
        .text()
        .contains("<h1><bdi lang=\"en\">RingWraith2000</bdi>: "));
    assert!(browser.text().contains("trustlabel app"));
    assert!(browser.text().contains("<html lang=\"en-US\">"));
    let spanish = get(
        &server,
        "/l/ringwraith-2000",
        &[BROWSER, ("accept-language", "es-US,es;q=0.9")],
    );
    assert!(spanish.text().contains("<html lang=\"es-US\">"));
    assert_eq!(spanish.header("content-language"), Some("es-US"));
    for (asked, locale) in [
        ("zh-TW,zh;q=0.9,en;q=0.5", "zh-Hant"),
        ("zh-CN,zh;q=0.9", "zh-Hans"),
        ("vi-VN,vi;q=0.9", "vi"),
    ] {
        let page = get(
            &server,
            "/l/ringwraith-2000",
            &[BROWSER, ("accept-language", asked)],
        );
        assert!(page.text().contains(&format!("<html lang=\"{locale}\">")));
        assert_eq!(page.header("content-language"), Some(locale));
    }

    // No Accept at all (curl): the page too. A non-ASCII name comes through intact.
    let plain = get(&server, "/l/lorien-speaker", &[]);
    assert!(plain.text().contains("Lórien Speaker"), "{}", plain.text());
    // A body without a readable payload still gets a page: the warning the apps show.
    let broken = get(&server, "/l/bad-malformed-json", &[BROWSER]);
    assert_eq!(broken.status, 200);
    assert!(broken.text().contains("this label failed a security check"));
}

#[test]
fn etag_and_not_modified() {
    let server = fixtures_server();
    let first = get(&server, "/l/palantir-cam", &[JOSE]);
    let etag = first.header("etag").unwrap().to_owned();
    assert_eq!(etag, LoopbackRegistry::etag_of(&first.body));
    assert_eq!(etag.len(), 64 + 2);
    assert!(etag.starts_with('"') && !etag.starts_with("W/"));

    let again = get(
        &server,
        "/l/palantir-cam",
        &[JOSE, ("If-None-Match", &etag)],
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));

    let stale = get(
        &server,
        "/l/palantir-cam",
        &[JOSE, ("If-None-Match", "\"0000\"")],
    );
    assert_eq!(stale.status, 200);

    // A new body gets a new ETag, so the old one no longer matches.
    server.set(
        "/l/palantir-cam",
        envelope("envelopes/mithril-plug.jws.json"),
    );
    let changed = get(
        &server,
        "/l/palantir-cam",
        &[JOSE, ("If-None-Match", &etag)],
    );
    assert_eq!(changed.status, 200);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));

    let seen = server.requests("/l/palantir-cam");
    assert_eq!(seen.len(), 4);
    assert_eq!(seen[1].if_none_match.as_deref(), Some(etag.as_str()));
    assert_eq!(
        seen.iter().map(|r| r.status).collect::<Vec<_>>(),
        vec![200, 304, 200, 200]
    );
}

#[test]
fn unknown_paths_set_and_remove() {
    let server = LoopbackRegistry::start().unwrap();
    assert_eq!(get(&server, "/l/new", &[JOSE]).status, 404);
    assert_eq!(get(&server, "/", &[BROWSER]).status, 404);
    server.set("/l/new", b"{}".to_vec());
    let reply = get(&server, "/l/new", &[JOSE]);
    assert_eq!((reply.status, reply.body.as_slice()), (200, &b"{}"[..]));
    assert!(server.remove("l/new"));
    assert!(!server.remove("/l/new"));
    assert_eq!(get(&server, "/l/new", &[JOSE]).status, 404);
    assert_eq!(server.hits("/l/new"), 3);
    assert_eq!(server.total_hits(), 4);

    let fixtures = fixtures_server();
    assert_eq!(get(&fixtures, "/l/no-such-product", &[JOSE]).status, 404);
    let list = get(&fixtures, "/trust/trust-list.jws.json", &[JOSE]);
    assert_eq!(list.body, envelope("trust/trust-list.jws.json"));
}

#[test]
fn status_faults_count_down() {
    let server = fixtures_server();
    let path = "/l/mithril-plug";
    server.inject(path, Fault::status(500).times(2));
    let statuses: Vec<u16> = (0..3).map(|_| get(&server, path, &[JOSE]).status).collect();
    assert_eq!(statuses, vec![500, 500, 200]);
    assert_eq!(server.hits(path), 3);

    // A global fault applies to every other path until cleared; a path's own fault wins.
    server.inject_all(Fault::status(503));
    server.inject("/l/durin-lock", Fault::status(429).times(1));
    assert_eq!(get(&server, path, &[JOSE]).status, 503);
    assert_eq!(get(&server, "/l/durin-lock", &[JOSE]).status, 429);
    assert_eq!(get(&server, "/l/durin-lock", &[JOSE]).status, 503);
    server.clear_faults();
    assert_eq!(get(&server, path, &[JOSE]).status, 200);
}

#[test]
fn delay_fault_waits_before_answering() {
    let server = fixtures_server();
    let path = "/l/phial-bulb";
    server.inject(path, Fault::delay(Duration::from_millis(300)).times(1));
    let start = Instant::now();
    assert_eq!(get(&server, path, &[JOSE]).status, 200);
    assert!(start.elapsed() >= Duration::from_millis(300));
    let start = Instant::now();
    assert_eq!(get(&server, path, &[JOSE]).status, 200);
    assert!(start.elapsed() < Duration::from_millis(300));

    // A delayed error, as a slow, failing server.
    server.inject(
        path,
        Fault::status(502)
            .with_delay(Duration::from_millis(100))
            .times(1),
    );
    assert_eq!(get(&server, path, &[JOSE]).status, 502);
}

#[test]
fn truncated_body_promises_more_than_it_sends() {
    let server = fixtures_server();
    let path = "/l/ringwraith-2000";
    let full = envelope("envelopes/ringwraith-2000.jws.json");
    server.inject(path, Fault::truncate(100).times(1));
    let reply = get(&server, path, &[JOSE]);
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-length"),
        Some(full.len().to_string().as_str())
    );
    assert_eq!(reply.body, full[..100].to_vec());
    // The next request is whole again.
    assert_eq!(get(&server, path, &[JOSE]).body, full);
}

#[test]
fn records_endpoint_and_loopback_trust_list() {
    let server = fixtures_server();
    let dir = default_fixtures_dir();
    let manifest = Manifest::load(&dir).unwrap();
    let keys = FixtureKeys::load(&dir.join("keys")).unwrap();
    let list_bytes = fixtures::loopback_trust_list(&keys, &server.record_url_template());
    let anchor: AnchorFile =
        serde_json::from_slice(&std::fs::read(dir.join(&manifest.trust.anchor)).unwrap()).unwrap();
    let list =
        TrustList::verify(&list_bytes, &[anchor.to_anchor().unwrap()], manifest.now()).unwrap();

    let link = LabelLink::parse("https://demo.trustlabel.dev/l/ringwraith-2000").unwrap();
    let registry = list.match_link(&link).unwrap().registry;
    let fetch_url = registry.record_url(&link).unwrap();
    assert!(fetch_url.as_str().starts_with(server.base_url()));
    let path_and_query = format!("{}?{}", fetch_url.path(), fetch_url.query().unwrap());
    let reply = get(&server, &path_and_query, &[JOSE]);
    assert_eq!(reply.status, 200);
    let verified = verify_record(&reply.body, registry, &link, manifest.now(), None).unwrap();
    assert_eq!(
        verified.statement().record.product_name.as_deref(),
        Some("RingWraith2000")
    );
    // Counted under the label's path.
    assert_eq!(server.hits("/l/ringwraith-2000"), 1);
}

#[test]
fn dropping_stops_the_server() {
    let server = LoopbackRegistry::start().unwrap();
    let addr = server.addr();
    // An idle keep-alive connection must not keep it alive.
    let _idle = TcpStream::connect(addr).unwrap();
    drop(server);
    assert!(TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err());
}

#[tokio::test]
async fn works_inside_an_async_runtime() {
    let server = fixtures_server();
    let addr = server.addr();
    let status = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"GET /l/ringwraith-2000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut text = String::new();
        let _ = stream.read_to_string(&mut text);
        text.lines().next().unwrap_or_default().to_owned()
    })
    .await
    .unwrap();
    assert!(status.contains("200"), "{status}");
    drop(server);
}
