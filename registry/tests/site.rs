//! The public site (pages, linksets, pack, export) and `serve`, from the committed fixtures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::io::{Read, Write};
use std::net::TcpStream;

use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use chrono::{FixedOffset, TimeZone};
use trustlabel_registry::manifest::Manifest;
use trustlabel_registry::page::{with_quotes, PAGE_LOCALES};
use trustlabel_registry::serve::{answer, run_until, Limits, Served};
use trustlabel_registry::site::{Site, SiteSource};

fn fixtures() -> std::path::PathBuf {
    trustlabel_registry::default_fixtures_dir()
}

fn now() -> chrono::DateTime<FixedOffset> {
    FixedOffset::west_opt(5 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .unwrap()
}

fn site() -> Site {
    Site::from_fixtures(&fixtures(), now()).expect("the fixtures build a site")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

#[test]
fn every_label_gets_its_envelope_and_a_page_per_language() {
    let site = site();
    let manifest = Manifest::load(&fixtures()).unwrap();
    let mut served = 0;
    for label in &manifest.labels {
        let path = Manifest::path_of(&label.url).unwrap();
        let Some(envelope) = &label.envelope else {
            assert!(!site.labels.contains_key(&path), "{}", label.slug);
            continue;
        };
        let entry = &site.labels[&path];
        // The fixture's bytes, with the proof from the fixture log when it holds the
        // statement (every one that verifies does).
        let log = trustlabel_registry::log::SiteLog::from_dir(&fixtures().join("log"))
            .unwrap()
            .expect("the fixtures have a log");
        assert_eq!(
            entry.envelope,
            log.attach(&std::fs::read(fixtures().join(envelope)).unwrap())
        );
        let verifies = matches!(label.expect.outcome.as_str(), "verified" | "verified_stale");
        if verifies {
            assert!(
                log.proof_for(&entry.envelope).is_some(),
                "{} is not logged",
                label.slug
            );
        }
        assert_eq!(entry.verified, verifies, "{}", label.slug);
        for (locale, page) in &entry.pages {
            let page = text(page);
            assert!(
                page.contains(&format!("<html lang=\"{locale}\">")),
                "{}",
                label.slug
            );
            assert!(
                !page.to_ascii_lowercase().contains("<script"),
                "{}",
                label.slug
            );
            for other in PAGE_LOCALES.iter().filter(|l| **l != locale) {
                let read_in = trustlabel_words::message("page-read-in", other, &[]).text;
                assert!(
                    page.contains(&format!(
                        "<li><a href=\"{path}/{other}\" hreflang=\"{other}\" lang=\"{other}\">{read_in}</a></li>"
                    )),
                    "{} {locale}: language switch to {other}",
                    label.slug
                );
            }
            assert!(
                !page.contains(&format!("hreflang=\"{locale}\"")),
                "{} {locale}: the switch offers the page's own language",
                label.slug
            );
        }
        let locales: Vec<&str> = entry.pages.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(locales, PAGE_LOCALES, "{}", label.slug);
        served += 1;
    }
    assert_eq!(served, site.labels.len());
    assert_eq!(PAGE_LOCALES, trustlabel_words::LOCALES);
    assert!(
        trustlabel_words::catalogue_problems().is_empty(),
        "{:?}",
        trustlabel_words::catalogue_problems()
    );
}

#[test]
fn pages_say_what_a_browser_cannot_check_and_dates_in_words() {
    let site = site();
    let label = &site.labels["/l/ringwraith-2000"];
    let en = text(label.page("en-US").unwrap());
    let es = text(label.page("es-US").unwrap());
    assert!(en.contains("Your web browser cannot check the signature"));
    assert!(en.contains("The trustlabel app checks the signature"));
    assert!(es.contains("Su navegador no puede comprobar la firma"));
    // Dates in words, never ISO; a relative time; tone words before the texts.
    assert!(en.contains("August 31, 2028"), "{en}");
    assert!(!en.contains("2028-08-31"));
    assert!(es.contains("31 de agosto de 2028"));
    assert!(en.contains("from now"));
    assert!(en.contains("<strong>Good:</strong>"));
    // The verdict comes before every fact.
    let verdict = en.find("class=\"verdict").unwrap();
    let first_fact = en.find("class=\"fact").unwrap();
    assert!(verdict < first_fact);
    // Facts in the CTA-2120 page order (the summary's order).
    let order = [
        "fact-product",
        "fact-support",
        "fact-sensors",
        "fact-authorization",
        "fact-security_contact",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|id| en.find(id).unwrap_or_else(|| panic!("{id}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn a_record_that_fails_a_check_is_never_shown_as_registry_data() {
    let site = site();
    // The forged envelope's payload moved the support date to 2035 after signing.
    let forged = &site.labels["/l/bad-forged-signature"];
    assert!(!forged.verified);
    for (_, page) in &forged.pages {
        let page = text(page);
        assert!(!page.contains("2035"), "the forged date is shown");
        assert!(
            !page.contains("RingWraith2000"),
            "the forged record's name is shown"
        );
        assert!(page.contains("class=\"verdict tone-bad\""));
    }
    let linkset: serde_json::Value = serde_json::from_slice(&forged.linkset).unwrap();
    assert!(
        linkset["linkset"][0].get("help").is_none(),
        "maker links from a forged record"
    );
    let pack: serde_json::Value = serde_json::from_slice(&site.pack).unwrap();
    let records = pack["records"].as_array().unwrap();
    assert_eq!(
        records.len(),
        site.labels.values().filter(|l| l.verified).count()
    );
    assert_eq!(pack["pack_version"], 1);
    assert!(pack["trust_list"].is_object());
}

#[test]
fn an_export_reads_back_the_same() {
    let site = site();
    let dir = tempfile::tempdir().unwrap();
    let written = trustlabel_registry::export::export(&site, dir.path(), "127.0.0.1:8080").unwrap();
    assert!(written > site.labels.len() * 4);
    let loaded = Site::load(dir.path()).unwrap();
    assert_eq!(loaded.labels, site.labels);
    assert_eq!(loaded.files, site.files);
    assert_eq!(loaded.pack, site.pack);
    let conf = std::fs::read_to_string(dir.path().join("nginx.conf")).unwrap();
    assert!(conf.contains("listen 127.0.0.1:8080;"));
    assert!(dir.path().join("l/ringwraith-2000/record.jws").is_file());
    for locale in PAGE_LOCALES {
        assert!(dir
            .path()
            .join(format!("l/ringwraith-2000/{locale}.html"))
            .is_file());
        assert!(dir.path().join(format!("404.{locale}.html")).is_file());
    }
    // The first language: zh-Hant's regions and script before any other zh.
    let hant = conf.find("(TW|HK|MO)").expect("zh-TW, zh-HK, zh-MO");
    let script = conf.find("[-_]Hant(").expect("zh-Hant");
    let zh = conf
        .find(r#""~*^\s*(zh|cmn)([-_;,\s]|$)"  "#)
        .expect("other zh");
    assert!(hant < zh && script < zh, "{conf}");
    assert!(conf.contains("\"~\\|zh-Hant$\" zh-Hant.html;"), "{conf}");
    assert!(conf.contains("\"~\\|zh-Hans$\" zh-Hans.html;"), "{conf}");
    assert!(conf.contains("\"~\\|vi$\" vi.html;"), "{conf}");
    assert!(conf.contains("default en-US.html;"), "{conf}");
}

/// The parts of a page's facts section outside `<bdi lang="en">...</bdi>`, and inside.
fn split_quoted(html: &str) -> (String, Vec<String>) {
    let (open, close) = ("<bdi lang=\"en\">", "</bdi>");
    let mut outside = String::new();
    let mut inside = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        outside.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        let end = after.find(close).expect("a closed bdi");
        inside.push(after[..end].to_owned());
        rest = &after[end + close.len()..];
    }
    outside.push_str(rest);
    (outside, inside)
}

#[test]
fn record_words_keep_their_language_on_every_page() {
    let site = site();
    let manifest = Manifest::load(&fixtures()).unwrap();
    let mut checked = 0;
    for label in &manifest.labels {
        let path = Manifest::path_of(&label.url).unwrap();
        let Some(entry) = site.labels.get(&path) else {
            continue;
        };
        if !entry.verified {
            continue;
        }
        let envelope = std::fs::read(fixtures().join(label.envelope.as_ref().unwrap())).unwrap();
        // The fixtures' envelopes are flattened JWS JSON: the record is in the payload.
        let envelope: serde_json::Value = serde_json::from_slice(&envelope).unwrap();
        let payload = envelope["payload"].as_str().unwrap().trim_end_matches('=');
        let record: serde_json::Value = serde_json::from_slice(
            &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload)
                .unwrap(),
        )
        .unwrap();
        let record = record.get("record").unwrap_or(&record);
        let names: Vec<String> = ["product_name", "manufacturer_name", "brand_name"]
            .iter()
            .filter_map(|k| record.get(*k).and_then(|v| v.as_str()))
            .filter(|n| !n.trim().is_empty())
            .map(trustlabel_registry::page::esc)
            .collect();
        for (locale, page) in &entry.pages {
            let page = text(page);
            assert!(page.contains(&format!("<html lang=\"{locale}\">")));
            let facts =
                &page[page.find("<h2 id=\"facts\">").unwrap()..page.find("</main>").unwrap()];
            let (outside, inside) = split_quoted(facts);
            let h1 = &page[page.find("<h1>").unwrap()..page.find("</h1>").unwrap()];
            let (h1_outside, _) = split_quoted(h1);
            for name in &names {
                assert!(
                    !outside.contains(name.as_str()),
                    "{} {locale}: {name:?} outside a lang=\"en\" span in the facts",
                    label.slug
                );
                assert!(
                    !h1_outside.contains(name.as_str()),
                    "{} {locale}: {name:?} outside a lang=\"en\" span in the heading",
                    label.slug
                );
            }
            if let Some(product) = names.first() {
                assert!(
                    inside.iter().any(|q| q.contains(product.as_str())),
                    "{} {locale}: product name quoted",
                    label.slug
                );
            }
        }
        checked += 1;
    }
    assert!(checked > 0);

    let zh = text(site.labels["/l/ringwraith-2000"].page("zh-Hans").unwrap());
    assert!(zh.contains("<html lang=\"zh-Hans\">"));
    assert!(zh.contains("<bdi lang=\"en\">RingWraith2000</bdi>"), "{zh}");
    let (outside, _) = split_quoted(&zh[zh.find("<h2 id=\"facts\">").unwrap()..]);
    assert!(!outside.contains("RingWraith2000"));
}

#[test]
fn quoted_spans_are_escaped_and_bad_spans_skipped() {
    let span = |start: u32, end: u32| trustlabel_words::QuotedSpan {
        start,
        end,
        start_utf16: 0,
        end_utf16: 0,
        lang: "en".into(),
    };
    // "产品：<A&B> 好" : the quote is bytes 9..14.
    let text = "产品：<A&B> 好";
    assert_eq!(
        with_quotes(text, &[span(9, 14)]),
        "产品：<bdi lang=\"en\">&lt;A&amp;B&gt;</bdi> 好"
    );
    // Out of range, inside a character, empty, overlapping: the words stay, unmarked.
    let plain = "产品：&lt;A&amp;B&gt; 好";
    assert_eq!(with_quotes(text, &[span(9, 99)]), plain);
    assert_eq!(with_quotes(text, &[span(1, 5)]), plain);
    assert_eq!(with_quotes(text, &[span(9, 9)]), plain);
    assert_eq!(
        with_quotes(text, &[span(10, 14), span(9, 12)]),
        "产品：<bdi lang=\"en\">&lt;A&amp;</bdi>B&gt; 好"
    );
}

fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(name.clone(), HeaderValue::from_str(value).unwrap());
    }
    map
}

async fn body_of(response: axum::http::Response<axum::body::Body>) -> Vec<u8> {
    use http_body_util::BodyExt;
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

#[tokio::test]
async fn serve_negotiates_and_revalidates() {
    let site = site();
    let served = Served::new(&site);
    let label = &site.labels["/l/palantir-cam"];
    let get = |h: HeaderMap, path: &str| answer(&served, &Method::GET, path, &h).response;

    let envelope = get(
        headers(&[(header::ACCEPT, "application/jose+json")]),
        "/l/palantir-cam",
    );
    assert_eq!(envelope.status(), StatusCode::OK);
    assert_eq!(
        envelope.headers()[header::CONTENT_TYPE],
        "application/jose+json"
    );
    let etag = envelope.headers()[header::ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(etag.starts_with('"'), "strong ETag {etag}");
    assert!(envelope.headers()[header::VARY]
        .to_str()
        .unwrap()
        .contains("Accept"));
    assert_eq!(body_of(envelope).await, label.envelope);

    let again = get(
        headers(&[
            (header::ACCEPT, "application/jose+json"),
            (header::IF_NONE_MATCH, &etag),
        ]),
        "/l/palantir-cam",
    );
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(body_of(again).await.is_empty());

    let linkset = get(
        headers(&[(header::ACCEPT, "application/linkset+json")]),
        "/l/palantir-cam",
    );
    assert_eq!(
        linkset.headers()[header::CONTENT_TYPE],
        "application/linkset+json"
    );
    assert_eq!(body_of(linkset).await, label.linkset);

    let browser = "text/html,application/xhtml+xml,*/*;q=0.8";
    let es = get(
        headers(&[
            (header::ACCEPT, browser),
            (header::ACCEPT_LANGUAGE, "es-MX,es;q=0.9,en;q=0.5"),
        ]),
        "/l/palantir-cam",
    );
    assert_eq!(es.headers()[header::CONTENT_LANGUAGE], "es-US");
    assert_ne!(
        es.headers()[header::ETAG].to_str().unwrap(),
        etag,
        "each representation its own ETag"
    );
    assert_eq!(body_of(es).await, label.page("es-US").unwrap());
    let en = get(
        headers(&[(header::ACCEPT, browser)]),
        "/l/palantir-cam/en-US",
    );
    assert_eq!(body_of(en).await, label.page("en-US").unwrap());

    let missing = get(
        headers(&[(header::ACCEPT, "application/jose+json")]),
        "/l/nothing-here",
    );
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        missing.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let missing = get(headers(&[(header::ACCEPT, browser)]), "/l/nothing-here");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(text(&body_of(missing).await).contains("<html lang=\"en-US\">"));

    let post = answer(&served, &Method::POST, "/l/palantir-cam", &HeaderMap::new()).response;
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    let health = get(HeaderMap::new(), "/healthz");
    assert_eq!(health.status(), StatusCode::OK);
    let health: serde_json::Value = serde_json::from_slice(&body_of(health).await).unwrap();
    assert_eq!(health["labels"], site.labels.len());
}

/// A real socket: a request is answered, and the server stops when told, after the open
/// connection's request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_on_a_socket_and_shuts_down_gracefully() {
    let site = site();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        run_until(&site, listener, Limits::default(), async {
            let _ = stopped.await;
        })
        .await
    });
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .write_all(
                b"GET /l/ringwraith-2000 HTTP/1.1\r\nHost: x\r\nAccept: application/jose+json\r\nConnection: close\r\n\r\n",
            )
            .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    })
    .await
    .unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response
        .to_ascii_lowercase()
        .contains("content-type: application/jose+json"));
    stop.send(()).unwrap();
    let finished = tokio::time::timeout(std::time::Duration::from_secs(15), server).await;
    assert!(
        matches!(finished, Ok(Ok(Ok(())))),
        "the server stops when told"
    );
    assert!(
        TcpStream::connect(addr).is_err(),
        "nothing listens after the stop"
    );
}

/// Request headers that never end are cut off by the header timeout, not kept open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_are_cut_off() {
    let site = site();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = Limits {
        header_timeout: std::time::Duration::from_millis(300),
        ..Limits::default()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        run_until(&site, listener, limits, async {
            let _ = stopped.await;
        })
        .await
    });
    let closed = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"GET /l/ringwraith-2000 HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut buffer = Vec::new();
        // The server closes the connection (maybe after a 408); a read that times out
        // instead would return an error of kind WouldBlock/TimedOut.
        stream.read_to_end(&mut buffer).map(|_| buffer)
    })
    .await
    .unwrap();
    let buffer = closed.expect("the server closed the connection");
    let head = String::from_utf8_lossy(&buffer);
    assert!(
        head.is_empty() || head.starts_with("HTTP/1.1 408"),
        "{head}"
    );
    stop.send(()).unwrap();
    let _ = server.await;
}

/// What a build, an export and a load refuse, each reported as its own kind of problem.
#[test]
fn each_kind_of_problem_has_its_own_error() {
    use trustlabel_registry::site::SiteSource;
    use trustlabel_registry::Error;
    let fixtures = SiteSource::fixtures(&fixtures()).unwrap();
    let source = |labels: Vec<(String, Vec<u8>)>, anchors| SiteSource {
        labels,
        trust_list: fixtures.trust_list.clone(),
        anchors,
        files: Default::default(),
    };
    let envelope = fixtures.labels[0].1.clone();
    let anchors = fixtures.anchors.clone();

    let error = Site::build(&source(vec![], vec![]), now()).unwrap_err();
    assert!(matches!(error, Error::TrustList { .. }), "{error:?}");
    for url in ["not a url", "https://demo.trustlabel.dev/l/x/record.jws"] {
        let error = Site::build(
            &source(vec![(url.into(), envelope.clone())], anchors.clone()),
            now(),
        )
        .unwrap_err();
        assert!(matches!(error, Error::LabelUrl { .. }), "{url}: {error:?}");
    }

    let dir = tempfile::tempdir().unwrap();
    let mut site = Site::build(&source(vec![], anchors.clone()), now()).unwrap();
    site.files
        .insert("/../escape".into(), ("text/plain".into(), b"x".to_vec()));
    let error = site.write(dir.path()).unwrap_err();
    assert!(
        matches!(error, Error::UnsafePath { in_file: None, .. }),
        "{error:?}"
    );

    let not_envelopes = tempfile::tempdir().unwrap();
    std::fs::write(not_envelopes.path().join("a.jws.json"), b"{}").unwrap();
    let error = SiteSource::envelopes_in(not_envelopes.path()).unwrap_err();
    assert!(matches!(error, Error::NotAnEnvelope { .. }), "{error:?}");
}

/// A statement the registry signed but never logged (`bad-not-logged`) is refused by the
/// apps (`not_logged`); a site that publishes its log must not draw it as verified either,
/// in any language: its page says the record is not in the public log, as the app does, and
/// shows none of its data. Without a log published (an export without `--log`), the same
/// envelope is drawn as the registry's signed word, as before.
#[test]
fn a_statement_not_in_the_sites_log_is_not_drawn_as_verified() {
    let site = site();
    let label = &site.labels["/l/bad-not-logged"];
    assert!(!label.verified);
    let name = {
        let envelope = std::fs::read(fixtures().join("bad/not-logged.jws.json")).unwrap();
        let parsed =
            trustlabel_protocol::ParsedEnvelope::parse(&envelope, trustlabel_protocol::RECORD_TYPE)
                .unwrap();
        let statement: serde_json::Value =
            serde_json::from_slice(parsed.unverified_payload()).unwrap();
        statement["record"]["product_name"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    for (locale, page) in &label.pages {
        let page = text(page);
        let not_logged = trustlabel_words::message("reason-not-logged", locale, &[]).text;
        assert!(page.contains(&not_logged), "{locale}: {page}");
        assert!(page.contains("class=\"verdict tone-bad\""), "{locale}");
        assert!(
            !page.contains(&name),
            "{locale}: the record's name is shown"
        );
    }
    let good = &site.labels["/l/ringwraith-2000"];
    assert!(text(good.page("en-US").unwrap()).contains("RingWraith2000"));

    let mut source = SiteSource::fixtures(&fixtures()).unwrap();
    source.files.retain(|path, _| !path.starts_with("/log/"));
    let unlogged = Site::build(&source, now()).unwrap();
    let label = &unlogged.labels["/l/bad-not-logged"];
    assert!(label.verified, "a site without a log checks without it");
    assert!(text(label.page("en-US").unwrap()).contains(&name));
}
