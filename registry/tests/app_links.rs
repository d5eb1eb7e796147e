//! App Links (Android) and Universal Links (iOS): the registry publishes
//! `/.well-known/assetlinks.json` and `/.well-known/apple-app-site-association` from the app
//! ids in its configuration, through `serve`, through `export` (+ `Site::load`), and through
//! the exported nginx.conf; the consumer page at a label's URL is unchanged.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic here is a failed test"
)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;

use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use chrono::{FixedOffset, TimeZone};
use serde_json::Value;
use trustlabel_registry::app_links::{
    add_configured, AppLinks, AASA_PATH, ASSETLINKS_PATH, HANDLE_ALL_URLS,
};
use trustlabel_registry::serve::{answer, Served};
use trustlabel_registry::site::Site;

const FINGERPRINT: &str =
    "14:6d:e9:83:c5:73:06:50:d8:ee:b9:95:2f:34:fc:64:16:a0:83:42:e6:1d:be:a8:8a:04:96:b2:3f:cf:44:e5";

fn config_json() -> Value {
    serde_json::json!({
        "android": [{"package_name": "org.trustlabel.app", "sha256_cert_fingerprints": [FINGERPRINT]}],
        "ios": ["ABCDE12345.org.trustlabel.app"],
    })
}

fn links() -> AppLinks {
    let links: AppLinks = serde_json::from_value(config_json()).unwrap();
    links.check().unwrap();
    links
}

fn site_with_links() -> Site {
    let now = FixedOffset::west_opt(5 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .unwrap();
    let mut site = Site::from_fixtures(&trustlabel_registry::default_fixtures_dir(), now).unwrap();
    links().add_to(&mut site.files);
    site
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("JSON")
}

#[test]
fn assetlinks_names_the_package_its_certificates_and_the_relation() {
    let statements = json(&links().assetlinks());
    let list = statements.as_array().expect("a list of statements");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["relation"], serde_json::json!([HANDLE_ALL_URLS]));
    assert_eq!(list[0]["target"]["namespace"], "android_app");
    assert_eq!(list[0]["target"]["package_name"], "org.trustlabel.app");
    assert_eq!(
        list[0]["target"]["sha256_cert_fingerprints"],
        serde_json::json!([FINGERPRINT.to_ascii_uppercase()]),
        "upper case, as keytool prints them"
    );
}

#[test]
fn apple_file_claims_the_label_paths_for_the_app_ids() {
    let aasa = json(&links().apple_app_site_association());
    let details = aasa["applinks"]["details"].as_array().unwrap();
    assert_eq!(details.len(), 1);
    assert_eq!(
        details[0]["appIDs"],
        serde_json::json!(["ABCDE12345.org.trustlabel.app"])
    );
    let components = details[0]["components"].as_array().unwrap();
    assert_eq!(components.len(), 1);
    assert_eq!(components[0]["/"], "/l/*");

    let mut custom = config_json();
    custom["paths"] = serde_json::json!(["/l/*", "/labels/*"]);
    let custom: AppLinks = serde_json::from_value(custom).unwrap();
    let aasa = json(&custom.apple_app_site_association());
    let paths: Vec<_> = aasa["applinks"]["details"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["/"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths, ["/l/*", "/labels/*"]);
}

#[test]
fn malformed_ids_are_refused_with_the_reason() {
    let refused = |edit: &dyn Fn(&mut Value)| {
        let mut value = config_json();
        edit(&mut value);
        let links: AppLinks = serde_json::from_value(value).unwrap();
        links.check().expect_err("refused")
    };
    let short = FINGERPRINT[..FINGERPRINT.len() - 3].to_owned();
    assert!(
        refused(&|v| v["android"][0]["sha256_cert_fingerprints"] = serde_json::json!([short]))
            .contains("SHA-256")
    );
    assert!(
        refused(&|v| v["android"][0]["sha256_cert_fingerprints"] = serde_json::json!([]))
            .contains("no sha256")
    );
    assert!(refused(&|v| v["android"][0]["package_name"] = "app".into()).contains("package"));
    assert!(refused(&|v| v["android"][0]["package_name"] = "org.1app".into()).contains("package"));
    assert!(refused(&|v| v["ios"] = serde_json::json!(["abcde12345.org.app"])).contains("iOS"));
    assert!(refused(&|v| v["ios"] = serde_json::json!(["org.trustlabel.app"])).contains("iOS"));
    assert!(refused(&|v| v["paths"] = serde_json::json!(["l/*"])).contains("/"));
    assert!(refused(&|v| {
        v["android"] = serde_json::json!([]);
        v["ios"] = serde_json::json!([]);
    })
    .contains("no Android"));
    assert!(
        serde_json::from_value::<AppLinks>(serde_json::json!({"andriod": []})).is_err(),
        "a misspelt key is an error, not an empty configuration"
    );
}

#[test]
fn the_configuration_file_is_read_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("app-links.json");
    std::fs::write(&good, config_json().to_string()).unwrap();
    let mut files = BTreeMap::new();
    add_configured(Some(&good), &mut files).unwrap();
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        [AASA_PATH, ASSETLINKS_PATH]
    );
    let mut none = BTreeMap::new();
    add_configured(None, &mut none).unwrap();
    assert!(none.is_empty(), "nothing published without a configuration");

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"ios": ["nope"]}"#).unwrap();
    let error = add_configured(Some(&bad), &mut files).unwrap_err();
    assert!(error.to_string().contains("bad.json"), "{error}");

    // One platform only: only its file.
    let android_only: AppLinks = serde_json::from_value(serde_json::json!({
        "android": [{"package_name": "org.trustlabel.app", "sha256_cert_fingerprints": [FINGERPRINT]}],
    }))
    .unwrap();
    let mut files = BTreeMap::new();
    android_only.add_to(&mut files);
    assert_eq!(files.keys().collect::<Vec<_>>(), [ASSETLINKS_PATH]);
}

fn get(served: &Served, path: &str, accept: &str) -> axum::http::Response<axum::body::Body> {
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT, HeaderValue::from_str(accept).unwrap());
    answer(served, &Method::GET, path, &headers).response
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

const BROWSER: &str = "text/html,application/xhtml+xml,*/*;q=0.8";

#[tokio::test]
async fn serve_answers_both_files_as_json_and_the_page_still_works() {
    let site = site_with_links();
    let served = Served::new(&site);
    let links = links();
    for (path, expected) in [
        (ASSETLINKS_PATH, links.assetlinks()),
        (AASA_PATH, links.apple_app_site_association()),
    ] {
        // The platforms' fetchers send various Accept headers (or none): the same answer.
        for accept in ["*/*", BROWSER, "application/json"] {
            let response = get(&served, path, accept);
            assert_eq!(response.status(), StatusCode::OK, "{path} (no redirect)");
            assert_eq!(
                response.headers()[header::CONTENT_TYPE],
                "application/json",
                "{path}"
            );
            assert_eq!(body_of(response).await, expected, "{path}");
        }
    }
    // A browser without the app still gets the consumer page at the label's URL.
    let page = get(&served, "/l/palantir-cam", BROWSER);
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));

    // No configuration: neither file.
    let plain = Served::new(
        &Site::from_fixtures(
            &trustlabel_registry::default_fixtures_dir(),
            FixedOffset::east_opt(0)
                .unwrap()
                .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
                .unwrap(),
        )
        .unwrap(),
    );
    assert_eq!(
        get(&plain, ASSETLINKS_PATH, "*/*").status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&plain, AASA_PATH, "*/*").status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn export_writes_both_files_and_serve_reads_them_back() {
    let site = site_with_links();
    let dir = tempfile::tempdir().unwrap();
    trustlabel_registry::export::export(&site, dir.path(), "127.0.0.1:8080").unwrap();
    let links = links();
    assert_eq!(
        std::fs::read(dir.path().join(".well-known/assetlinks.json")).unwrap(),
        links.assetlinks()
    );
    assert_eq!(
        std::fs::read(dir.path().join(".well-known/apple-app-site-association")).unwrap(),
        links.apple_app_site_association()
    );
    let conf = std::fs::read_to_string(dir.path().join("nginx.conf")).unwrap();
    assert!(conf.contains("location = /.well-known/apple-app-site-association {"));
    assert!(conf.contains("location = /.well-known/assetlinks.json {"));

    let loaded = Site::load(dir.path()).unwrap();
    let served = Served::new(&loaded);
    let response = get(&served, AASA_PATH, "*/*");
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(body_of(response).await, links.apple_app_site_association());
}

fn nginx() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Stops nginx the way it expects (`-s stop`: the master stops its workers), so no worker
/// outlives the test holding its pipes; SIGKILL on the master alone would orphan them.
struct Nginx {
    child: std::process::Child,
    bin: PathBuf,
    prefix: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let stopped = std::process::Command::new(&self.bin)
            .arg("-p")
            .arg(&self.prefix)
            .args(["-c", "nginx.conf", "-e", "stderr", "-s", "stop"])
            .stderr(std::process::Stdio::null())
            .status();
        if !stopped.is_ok_and(|s| s.success()) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

/// The exported nginx.conf, run by nginx: both files with `application/json`, 200, no redirect.
#[test]
fn nginx_serves_both_files_as_json() {
    let Some(nginx) = nginx() else {
        eprintln!("SKIPPED: nginx is not installed (apt-get install nginx)");
        return;
    };
    let site = site_with_links();
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    trustlabel_registry::export::export(&site, dir.path(), &format!("127.0.0.1:{port}")).unwrap();
    let child = std::process::Command::new(&nginx)
        .arg("-p")
        .arg(dir.path())
        .args(["-c", "nginx.conf", "-e", "stderr", "-g", "daemon off;"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let server = Nginx {
        child,
        bin: nginx,
        prefix: dir.path().to_owned(),
    };
    let mut first = None;
    for _ in 0..100 {
        first = http_get(port, ASSETLINKS_PATH);
        if first.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let aasa = http_get(port, AASA_PATH);
    let page = http_get(port, "/l/palantir-cam");
    drop(server);
    let links = links();
    for (response, body) in [
        (first.expect("nginx answers"), links.assetlinks()),
        (aasa.unwrap(), links.apple_app_site_association()),
    ] {
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        let (head, content) = response.split_once("\r\n\r\n").unwrap();
        let head = head.to_ascii_lowercase();
        assert!(
            head.contains("\r\ncontent-type: application/json"),
            "{head}"
        );
        assert_eq!(content.as_bytes(), body.as_slice());
    }
    let page = page.unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page
        .to_ascii_lowercase()
        .contains("content-type: text/html"));
}

/// The command line: `export --app-links <file>` writes both files; a bad file stops it.
#[test]
fn export_takes_the_app_ids_from_the_configuration_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("app-links.json");
    std::fs::write(&config, config_json().to_string()).unwrap();
    let out = dir.path().join("site");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_trustlabel-registry"))
        .arg("export")
        .arg("--out")
        .arg(&out)
        .arg("--app-links")
        .arg(&config)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read(out.join(".well-known/assetlinks.json")).unwrap(),
        links().assetlinks()
    );
    assert!(out.join(".well-known/apple-app-site-association").is_file());

    std::fs::write(
        &config,
        r#"{"android": [{"package_name": "x", "sha256_cert_fingerprints": []}]}"#,
    )
    .unwrap();
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_trustlabel-registry"))
        .arg("export")
        .arg("--out")
        .arg(dir.path().join("other"))
        .arg("--app-links")
        .arg(&config)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("app-links.json"));
}
