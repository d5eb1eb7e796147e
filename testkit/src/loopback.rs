//! A registry on `127.0.0.1` for the tests and benches.
//!
//! [`LoopbackRegistry`] serves a map path -> envelope on its own thread (axum on a
//! current-thread tokio runtime), so it works the same from plain and async tests, and it stops
//! when dropped. For `GET <path>`:
//! - `Accept: application/jose+json`: the envelope, `Content-Type: application/jose+json`, a
//!   strong `ETag` (hex SHA-256 of the body); a matching `If-None-Match` gets `304`;
//! - any other `Accept` (a browser): the consumer page in the language of `Accept-Language`
//!   when the registry was started from fixtures ([`LoopbackRegistry::from_fixtures`], the
//!   same pages as `serve` and `export`), else a short page saying to open it with the app;
//! - an unknown path: `404`.
//!
//! `GET /v1/records?u=<percent-encoded label URL>` answers like `GET <that URL's path>`, for a
//! trust list whose `record_url_template` points here (see [`LoopbackRegistry::record_url_template`]).
//!
//! Tests change it at run time: [`LoopbackRegistry::set`], [`LoopbackRegistry::remove`],
//! [`LoopbackRegistry::inject`] a [`Fault`] (status, delay, truncated body) for one path or
//! all, and count requests with [`LoopbackRegistry::hits`].

use std::collections::HashMap;
use std::future::IntoFuture;
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use futures_util::stream::{self, StreamExt};
use tokio::sync::oneshot;

use trustlabel_registry::http::{
    etag_matches, negotiate, page_language, HTML, JOSE_JSON, PLAIN_JSON,
};
use trustlabel_registry::manifest::Manifest;
use trustlabel_registry::sign::Envelope;
use trustlabel_registry::site::Site;
use trustlabel_registry::Error;

/// Path of the record lookup used through `record_url_template`.
pub const RECORDS_PATH: &str = "/v1/records";

/// A fault to inject, for one path or for every path. A fault with `times` applies to that
/// many requests and is then removed; without, it stays until [`LoopbackRegistry::clear_faults`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fault {
    /// Answer with this status (and a short text body) instead of the real answer.
    pub status: Option<u16>,
    /// Wait this long before answering.
    pub delay: Option<Duration>,
    /// Send only this many bytes of the envelope, with the full `Content-Length`, then close.
    pub truncate_to: Option<usize>,
    /// How many requests this fault applies to; `None` for all.
    pub times: Option<u32>,
}

impl Fault {
    /// Answers with status `code` instead of the real answer.
    pub fn status(code: u16) -> Self {
        Fault {
            status: Some(code),
            ..Fault::default()
        }
    }

    /// Waits `delay` before answering.
    pub fn delay(delay: Duration) -> Self {
        Fault {
            delay: Some(delay),
            ..Fault::default()
        }
    }

    /// Sends only `bytes` bytes of the envelope, then closes.
    pub fn truncate(bytes: usize) -> Self {
        Fault {
            truncate_to: Some(bytes),
            ..Fault::default()
        }
    }

    /// Applies to the next `n` requests only.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Adds a delay to another fault.
    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

/// One request the registry answered, for assertions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenRequest {
    /// The path it was counted under (for `/v1/records?u=...`, the label URL's path).
    pub path: String,
    /// The request's `Accept` header.
    pub accept: Option<String>,
    /// The request's `If-None-Match` header.
    pub if_none_match: Option<String>,
    /// The status answered.
    pub status: u16,
}

#[derive(Clone)]
struct Route {
    body: Bytes,
    etag: String,
    title: Option<String>,
    /// The consumer pages `(locale, html)`, when known (see [`LoopbackRegistry::from_fixtures`]).
    pages: Option<Arc<Vec<(String, Bytes)>>>,
}

impl Route {
    fn new(body: Vec<u8>) -> Self {
        Route {
            etag: LoopbackRegistry::etag_of(&body),
            title: product_name(&body),
            body: Bytes::from(body),
            pages: None,
        }
    }
}

#[derive(Default)]
struct Shared {
    routes: HashMap<String, Route>,
    /// Key `None`: the global fault.
    faults: HashMap<Option<String>, Fault>,
    seen: Vec<SeenRequest>,
}

type SharedState = Arc<Mutex<Shared>>;

/// A registry on `127.0.0.1`, stopped when dropped.
pub struct LoopbackRegistry {
    addr: SocketAddr,
    base_url: String,
    state: SharedState,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for LoopbackRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoopbackRegistry")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl LoopbackRegistry {
    /// An empty registry on a free port.
    pub fn start() -> std::io::Result<Self> {
        Self::start_on(0, Vec::<(String, Vec<u8>)>::new())
    }

    /// A registry serving `routes` (path -> body) on a free port.
    pub fn with_routes(
        routes: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> std::io::Result<Self> {
        Self::start_on(0, routes)
    }

    /// Serves the fixtures in `dir` (see [`LoopbackRegistry::fixture_routes`]) on a free port,
    /// with the consumer pages for browsers (built as `serve` builds them, on today's date).
    pub fn from_fixtures(dir: &Path) -> Result<Self, Error> {
        let routes = Self::fixture_routes(dir)?;
        let registry = Self::with_routes(routes).map_err(|e| Error::io(dir, e))?;
        let site = Site::from_fixtures(dir, chrono::Local::now().fixed_offset())?;
        {
            let mut shared = registry.lock();
            for label in site.labels.values() {
                if let Some(route) = shared.routes.get_mut(&label.path) {
                    let pages = label
                        .pages
                        .iter()
                        .map(|(l, p)| (l.clone(), Bytes::from(p.clone())))
                        .collect();
                    route.pages = Some(Arc::new(pages));
                }
            }
        }
        Ok(registry)
    }

    /// The fixtures as routes: each manifest label with an envelope at its URL's path
    /// (`/l/<slug>`; the rollback label serves the newer envelope), with its `log_proof` when
    /// the fixture log holds it, the trust files at `/trust/<file>`, and the fixture log's
    /// files at `/log/<path>`.
    pub fn fixture_routes(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
        let manifest = Manifest::load(dir)?;
        let read = |relative: &str| {
            let path = dir.join(relative);
            std::fs::read(&path).map_err(|e| Error::io(&path, e))
        };
        // Every envelope the demo registry logged is served with its proof, as `serve` and
        // the export serve it.
        let log = trustlabel_registry::log::SiteLog::from_dir(
            &dir.join(trustlabel_registry::site::FIXTURE_LOG_DIR),
        )?;
        let mut routes = Vec::new();
        for label in &manifest.labels {
            if let (Some(envelope), Some(path)) = (&label.envelope, Manifest::path_of(&label.url)) {
                let bytes = read(envelope)?;
                let served = log
                    .as_ref()
                    .map_or_else(|| bytes.clone(), |l| l.attach(&bytes));
                routes.push((path, served));
            }
        }
        let trust = &manifest.trust;
        for file in [&trust.list, &trust.list_v2, &trust.list_expired] {
            routes.push((format!("/{file}"), read(file)?));
        }
        // The log's checkpoint and tiles, where an export publishes them.
        if let Some(log) = &log {
            for (path, bytes) in log.files() {
                routes.push((
                    format!("{}/{path}", trustlabel_registry::log::LOG_PATH),
                    bytes.clone(),
                ));
            }
        }
        Ok(routes)
    }

    /// Binds `127.0.0.1:port` (0: a free port) and serves `routes`.
    #[allow(
        clippy::expect_used,
        reason = "the lock was made on the line above and is not shared yet"
    )]
    pub fn start_on(
        port: u16,
        routes: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> std::io::Result<Self> {
        let state: SharedState = Arc::default();
        {
            let mut shared = state.lock().expect("fresh lock");
            for (path, body) in routes {
                shared.routes.insert(normalise(&path), Route::new(body));
            }
        }
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let app = Router::new().fallback(handle).with_state(state.clone());
        let (shutdown, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("loopback-registry-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::select! {
                        _ = axum::serve(listener, app).into_future() => {}
                        _ = stopped => {}
                    }
                });
                // Dropping the runtime here cancels every open connection and pending delay.
            })?;
        Ok(LoopbackRegistry {
            addr,
            base_url: format!("http://{addr}"),
            state,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The address the registry listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The full URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, normalise(path))
    }

    /// `record_url_template` for a trust list whose records are fetched from this server:
    /// `http://127.0.0.1:<port>/v1/records?u={url}`.
    pub fn record_url_template(&self) -> String {
        format!("{}{RECORDS_PATH}?u={{url}}", self.base_url)
    }

    /// The strong ETag of a body, as `serve` makes it ([`trustlabel_registry::http::etag_of`]).
    pub fn etag_of(body: &[u8]) -> String {
        trustlabel_registry::http::etag_of(body)
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Serves `body` at `path` from now on.
    pub fn set(&self, path: &str, body: impl Into<Vec<u8>>) {
        self.lock()
            .routes
            .insert(normalise(path), Route::new(body.into()));
    }

    /// Stops serving `path` (it answers 404); true if it was served.
    pub fn remove(&self, path: &str) -> bool {
        self.lock().routes.remove(&normalise(path)).is_some()
    }

    /// The body served at `path`, if any.
    pub fn body(&self, path: &str) -> Option<Vec<u8>> {
        self.lock()
            .routes
            .get(&normalise(path))
            .map(|r| r.body.to_vec())
    }

    /// Injects `fault` for requests to `path` (replacing its earlier fault).
    pub fn inject(&self, path: &str, fault: Fault) {
        self.lock().faults.insert(Some(normalise(path)), fault);
    }

    /// Injects `fault` for every path without a fault of its own.
    pub fn inject_all(&self, fault: Fault) {
        self.lock().faults.insert(None, fault);
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    /// Requests received for `path` so far, faulted and 404 ones included.
    pub fn hits(&self, path: &str) -> usize {
        let path = normalise(path);
        self.lock().seen.iter().filter(|r| r.path == path).count()
    }

    /// Requests received for any path so far.
    pub fn total_hits(&self) -> usize {
        self.lock().seen.len()
    }

    /// The requests received for `path`, oldest first.
    pub fn requests(&self, path: &str) -> Vec<SeenRequest> {
        let path = normalise(path);
        self.lock()
            .seen
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }
}

impl Drop for LoopbackRegistry {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn normalise(path: &str) -> String {
    if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    }
}

/// The path a request asks for: its own, or for `/v1/records?u=<url>` the path of `<url>`.
fn requested_path(uri: &Uri) -> String {
    if uri.path() == RECORDS_PATH {
        let label = url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .find(|(k, _)| k == "u")
            .and_then(|(_, v)| url::Url::parse(&v).ok());
        if let Some(label) = label {
            return label.path().to_owned();
        }
    }
    uri.path().to_owned()
}

/// Takes the fault for `path` (its own, else the global one), counting down `times`.
fn take_fault(faults: &mut HashMap<Option<String>, Fault>, path: &str) -> Option<Fault> {
    let key = Some(path.to_owned());
    let key = if faults.contains_key(&key) { key } else { None };
    let fault = faults.get_mut(&key)?;
    let taken = fault.clone();
    if let Some(times) = fault.times.as_mut() {
        *times = times.saturating_sub(1);
        if *times == 0 {
            faults.remove(&key);
        }
    }
    (taken.times != Some(0)).then_some(taken)
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The data types the loopback registry offers: signed envelopes, and the plain records
/// of a registry that does not sign (protocol 4b). Anything else gets a page.
const OFFERS: &[&str] = &[JOSE_JSON, PLAIN_JSON];

async fn handle(
    State(state): State<SharedState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let path = requested_path(&uri);
    let accept = header_text(&headers, header::ACCEPT);
    let if_none_match = header_text(&headers, header::IF_NONE_MATCH);
    let language = page_language(header_text(&headers, header::ACCEPT_LANGUAGE).as_deref());
    let (fault, route) = {
        let mut shared = state.lock().unwrap_or_else(|e| e.into_inner());
        let fault = take_fault(&mut shared.faults, &path).unwrap_or_default();
        (fault, shared.routes.get(&path).cloned())
    };
    if let Some(delay) = fault.delay {
        tokio::time::sleep(delay).await;
    }
    let response = match route {
        // The log's checkpoint and tiles are static files, served whatever the `Accept`
        // (as nginx serves an export); the labels are negotiated.
        Some(route) if fault.status.is_none() && method == Method::GET && is_log_file(&path) => {
            log_file(&path, route)
        }
        route => respond(
            &method,
            &fault,
            route,
            accept.as_deref(),
            if_none_match.as_deref(),
            language,
        ),
    };
    state
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .seen
        .push(SeenRequest {
            path,
            accept,
            if_none_match,
            status: response.status().as_u16(),
        });
    response
}

fn is_log_file(path: &str) -> bool {
    path.strip_prefix(trustlabel_registry::log::LOG_PATH)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// A file of the log, with the content type and caching `serve` and the export give it.
fn log_file(path: &str, route: Route) -> Response {
    let relative = path
        .strip_prefix(trustlabel_registry::log::LOG_PATH)
        .unwrap_or(path)
        .trim_start_matches('/');
    let content_type = if relative == trustlabel_tlog::CHECKPOINT_FILE {
        trustlabel_registry::log::CHECKPOINT_TYPE
    } else {
        trustlabel_registry::log::TILE_TYPE
    };
    let mut response = (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        route.body,
    )
        .into_response();
    if let Some(cache) = trustlabel_registry::log::cache_control(path) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    response
}

#[allow(
    clippy::expect_used,
    reason = "an ETag is hex digits, always a valid header value"
)]
fn respond(
    method: &Method,
    fault: &Fault,
    route: Option<Route>,
    accept: Option<&str>,
    if_none_match: Option<&str>,
    language: &str,
) -> Response {
    if let Some(code) = fault.status {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return (status, "injected fault\n").into_response();
    }
    if method != Method::GET {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET\n").into_response();
    }
    let Some(route) = route else {
        return (StatusCode::NOT_FOUND, "no label here\n").into_response();
    };
    let Some(data_type) = negotiate(accept, OFFERS) else {
        if let Some(page) = route
            .pages
            .as_ref()
            .and_then(|pages| pages.iter().find(|(l, _)| l == language))
        {
            return (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(HTML)),
                    (
                        header::VARY,
                        HeaderValue::from_static("Accept, Accept-Language"),
                    ),
                    (
                        header::CONTENT_LANGUAGE,
                        HeaderValue::from_str(&page.0).unwrap_or(HeaderValue::from_static("en-US")),
                    ),
                ],
                page.1.clone(),
            )
                .into_response();
        }
        return label_page(&route);
    };
    let etag = HeaderValue::from_str(&route.etag).expect("hex is a valid header value");
    let vary = (header::VARY, HeaderValue::from_static("Accept"));
    if etag_matches(if_none_match, &route.etag) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag), vary]).into_response();
    }
    let content_type = (header::CONTENT_TYPE, HeaderValue::from_static(data_type));
    match fault.truncate_to {
        None => ([content_type, (header::ETAG, etag), vary], route.body).into_response(),
        Some(keep) => {
            // A body of unknown size makes hyper use our Content-Length. The stream sends the
            // first bytes, pauses so hyper flushes them, then fails: hyper closes the
            // connection, as a server dying mid-answer would.
            let full = route.body.len();
            let partial = route.body.slice(..keep.min(full));
            let stream = stream::once(async move { Ok::<_, std::io::Error>(partial) }).chain(
                stream::once(async {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Err(std::io::Error::other("truncated on purpose"))
                }),
            );
            (
                [
                    content_type,
                    (header::ETAG, etag),
                    (header::CONTENT_LENGTH, HeaderValue::from(full)),
                ],
                Body::from_stream(stream),
            )
                .into_response()
        }
    }
}

/// The page a browser gets: the label's product name and a pointer to the app.
fn label_page(route: &Route) -> Response {
    let name = route
        .title
        .as_deref()
        .map(escape_html)
        .unwrap_or_else(|| "this product".to_owned());
    let title = format!("\u{2068}{name}\u{2069}");
    let heading = format!("<bdi>{name}</bdi>");
    let html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{title}: U.S. Cyber Trust Mark</title></head>\n<body>\n<h1>{heading}</h1>\n\
         <p>This is the registry page of a U.S. Cyber Trust Mark label.</p>\n\
         <p>Open this with the trustlabel app to check the label and read what it says.</p>\n\
         </body>\n</html>\n"
    );
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(HTML)),
            (header::VARY, HeaderValue::from_static("Accept")),
        ],
        html,
    )
        .into_response()
}

/// The product name in an envelope's payload, read without verifying: only for the page.
fn product_name(envelope: &[u8]) -> Option<String> {
    let envelope = Envelope::from_bytes(envelope)?;
    let payload = URL_SAFE_NO_PAD.decode(envelope.payload).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&payload).ok()?;
    value
        .pointer("/record/product_name")?
        .as_str()
        .map(str::to_owned)
}

fn escape_html(text: &str) -> String {
    trustlabel_protocol::Untrusted::new(text).html()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_count_down_and_path_faults_win() {
        let mut faults = HashMap::new();
        faults.insert(None, Fault::status(503));
        faults.insert(Some("/a".to_owned()), Fault::status(500).times(2));
        assert_eq!(take_fault(&mut faults, "/a").unwrap().status, Some(500));
        assert_eq!(take_fault(&mut faults, "/a").unwrap().status, Some(500));
        assert_eq!(take_fault(&mut faults, "/a").unwrap().status, Some(503));
        assert_eq!(take_fault(&mut faults, "/b").unwrap().status, Some(503));
        faults.clear();
        assert_eq!(take_fault(&mut faults, "/a"), None);
    }

    #[test]
    fn records_path_maps_to_the_label_path() {
        let uri: Uri = "/v1/records?u=https%3A%2F%2Fdemo.trustlabel.dev%2Fl%2Fcam"
            .parse()
            .unwrap();
        assert_eq!(requested_path(&uri), "/l/cam");
        let uri: Uri = "/l/cam?x=1".parse().unwrap();
        assert_eq!(requested_path(&uri), "/l/cam");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<a href='x'>&"),
            "&lt;a href=&#39;x&#39;&gt;&amp;"
        );
    }
}
