//! `trustlabel-registry serve`: a [`Site`] over HTTP/1.1 (hyper on tokio), for a registry
//! that runs its own server rather than a static host.
//!
//! - Content negotiation on the label's URL: `Accept: application/jose+json` gets the
//!   envelope, `application/linkset+json` the linkset, anything else (a browser) the page in
//!   the best language of `Accept-Language` (one of [`PAGE_LOCALES`]: en-US, es-US, zh-Hans,
//!   zh-Hant, vi), by the core's rules ([`crate::http::page_language`], as the apps and the
//!   CLI). `<path>/<locale>` (`<path>/zh-Hant`...), `<path>/record.jws` and
//!   `<path>/links.linkset` name one representation each.
//! - Strong `ETag` (SHA-256 of the body), `If-None-Match` -> 304, `Cache-Control`, `Vary`.
//! - `/healthz`; errors as `application/problem+json` (RFC 9457), or a page for a browser.
//! - One JSON line per request on stdout (the access log); diagnostics on stderr.
//! - Limits: at most [`Limits::max_connections`] connections at once (more wait in the
//!   kernel's backlog), request headers within [`Limits::header_timeout`] and
//!   [`Limits::max_header_bytes`], a connection closed after [`Limits::max_connection_age`],
//!   only `GET` and `HEAD`, bodies never read. A write the client does not read within
//!   [`Limits::write_timeout`] (10 s, as the exported nginx's `send_timeout`) closes the
//!   connection; when every slot is taken, the connection whose client has not read for
//!   longest (at least [`Limits::stalled_after`]) is closed to make room, so clients that
//!   never read cannot lock everyone else out.
//! - SIGTERM or Ctrl-C: stop accepting, let open requests finish (at most
//!   [`Limits::drain_timeout`]), exit.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, Semaphore};

use trustlabel_protocol::Untrusted;

use crate::http::{
    etag_matches, negotiate, page_language, page_locale, HTML, JOSE_JSON, LINKSET_JSON, PLAIN_JSON,
    PROBLEM_JSON,
};
use crate::page::PAGE_LOCALES;
use crate::site::{Site, LINKSET_FILE, RECORD_FILE};

/// Connection and request limits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Most connections open at once; more wait to be accepted.
    pub max_connections: usize,
    /// Longest time a client may take to send its request headers.
    pub header_timeout: Duration,
    /// Largest request head accepted.
    pub max_header_bytes: usize,
    /// Longest a connection stays open, keep-alive included.
    pub max_connection_age: Duration,
    /// On shutdown, how long open connections get to finish.
    pub drain_timeout: Duration,
    /// Longest a write may wait for the client to read (nginx's `send_timeout`); then the
    /// connection is closed.
    pub write_timeout: Duration,
    /// When every connection slot is taken, a connection whose write has waited this long
    /// for its client to read is closed to make room (the longest-waiting first), so
    /// clients that never read cannot hold every slot.
    pub stalled_after: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 4096,
            header_timeout: Duration::from_secs(10),
            max_header_bytes: 16 * 1024,
            max_connection_age: Duration::from_secs(300),
            drain_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            stalled_after: Duration::from_secs(1),
        }
    }
}

/// One representation, ready to send.
#[derive(Clone)]
struct Rep {
    content_type: &'static str,
    body: Bytes,
    etag: HeaderValue,
    language: Option<&'static str>,
    cache_control: &'static str,
}

impl Rep {
    #[allow(
        clippy::expect_used,
        reason = "an ETag is hex digits, always a valid header value"
    )]
    fn new(content_type: &'static str, body: &[u8], language: Option<&'static str>) -> Self {
        let etag = crate::http::etag_of(body);
        Rep {
            content_type,
            body: Bytes::copy_from_slice(body),
            etag: HeaderValue::from_str(&etag).expect("hex is a valid header value"),
            language,
            cache_control: CACHE_LABEL,
        }
    }

    /// The same, served with `cache_control` instead of the labels' one minute.
    fn cached(mut self, cache_control: &'static str) -> Self {
        self.cache_control = cache_control;
        self
    }
}

struct LabelReps {
    envelope: Rep,
    linkset: Rep,
    pages: Vec<Rep>,
}

/// What the server answers from: every representation with its ETag, computed once.
pub struct Served {
    labels: HashMap<String, LabelReps>,
    files: HashMap<String, Rep>,
    not_found: Vec<Rep>,
    index: Rep,
    label_count: usize,
}

fn file_type(content_type: &str) -> &'static str {
    match content_type {
        JOSE_JSON => JOSE_JSON,
        LINKSET_JSON => LINKSET_JSON,
        "text/html" | HTML => HTML,
        crate::log::CHECKPOINT_TYPE => crate::log::CHECKPOINT_TYPE,
        crate::log::TILE_TYPE => crate::log::TILE_TYPE,
        _ => PLAIN_JSON,
    }
}

impl Served {
    /// The site made ready to serve: every file with its ETag, each label's variants.
    pub fn new(site: &Site) -> Self {
        let labels = site
            .labels
            .values()
            .map(|l| {
                let pages = l
                    .pages
                    .iter()
                    .map(|(locale, page)| {
                        let locale = page_locale(locale);
                        Rep::new(HTML, page, Some(locale))
                    })
                    .collect();
                let reps = LabelReps {
                    envelope: Rep::new(JOSE_JSON, &l.envelope, None),
                    linkset: Rep::new(LINKSET_JSON, &l.linkset, None),
                    pages,
                };
                (l.path.clone(), reps)
            })
            .collect();
        let mut files: HashMap<String, Rep> = site
            .files
            .iter()
            .map(|(path, (content_type, body))| {
                let rep = Rep::new(file_type(content_type), body, None)
                    .cached(crate::log::cache_control(path).unwrap_or(CACHE_LABEL));
                (path.clone(), rep)
            })
            .collect();
        files.insert(
            format!("/{}", crate::site::PACK_FILE),
            Rep::new(PLAIN_JSON, &site.pack, None),
        );
        Served {
            label_count: site.labels.len(),
            labels,
            files,
            not_found: site
                .not_found
                .iter()
                .map(|(l, p)| Rep::new(HTML, p, Some(page_locale(l))))
                .collect(),
            index: Rep::new(HTML, &site.index, Some(PAGE_LOCALES[0])),
        }
    }
}

/// Which representation of a label a request gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// The signed JWS (`application/jose+json`).
    Envelope,
    /// The RFC 9264 linkset of the label's links (`application/linkset+json`).
    Linkset,
    /// The label's HTML page.
    Page,
}

impl Wanted {
    /// The data types `serve` offers at a label's URL; anything else gets the page.
    const OFFERS: &[&str] = &[JOSE_JSON, LINKSET_JSON];

    fn of(accept: Option<&str>) -> Self {
        match negotiate(accept, Self::OFFERS) {
            Some(JOSE_JSON) => Wanted::Envelope,
            Some(_) => Wanted::Linkset,
            None => Wanted::Page,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Wanted::Envelope => "envelope",
            Wanted::Linkset => "linkset",
            Wanted::Page => "page",
        }
    }
}

fn text_header(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The answer, and what the access log says about it.
pub struct Answer {
    /// The HTTP response.
    pub response: Response<Body>,
    /// Which variant was served (`envelope`, `page`, ...), for the access log.
    pub variant: &'static str,
}

const CACHE_LABEL: &str = "public, max-age=60";
const SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'";

/// Answers one request from `served`.
#[allow(
    clippy::expect_used,
    reason = "the status and headers are constants, so the builder cannot fail"
)]
pub fn answer(served: &Served, method: &Method, path: &str, headers: &HeaderMap) -> Answer {
    if method != Method::GET && method != Method::HEAD {
        let mut response = problem(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are served.",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return Answer {
            response,
            variant: "error",
        };
    }
    let accept = text_header(headers, header::ACCEPT);
    let language = page_language(text_header(headers, header::ACCEPT_LANGUAGE));
    if path == "/healthz" {
        let body = json!({"status": "ok", "labels": served.label_count}).to_string() + "\n";
        let response = Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CACHE_CONTROL, "no-store")
            .body(Body::from(body))
            .expect("valid response");
        return Answer {
            response,
            variant: "health",
        };
    }
    let (rep, variant, negotiated) = if path == "/" || path == "/index.html" {
        (Some(&served.index), "index", false)
    } else if let Some(file) = served.files.get(path) {
        (Some(file), "file", false)
    } else if let Some(label) = served.labels.get(path) {
        let wanted = Wanted::of(accept);
        let rep = match wanted {
            Wanted::Envelope => &label.envelope,
            Wanted::Linkset => &label.linkset,
            Wanted::Page => page_in(&label.pages, language),
        };
        (Some(rep), wanted.code(), true)
    } else if let Some((parent, last)) = path.rsplit_once('/') {
        let label = served.labels.get(parent);
        let last = last.trim_end_matches(".html");
        match (label, last) {
            (Some(label), RECORD_FILE) => (Some(&label.envelope), "envelope", false),
            (Some(label), LINKSET_FILE) => (Some(&label.linkset), "linkset", false),
            (Some(label), locale) if PAGE_LOCALES.contains(&locale) => {
                (Some(page_in(&label.pages, locale)), "page", false)
            }
            _ => (None, "not_found", false),
        }
    } else {
        (None, "not_found", false)
    };
    let Some(rep) = rep else {
        let response = match Wanted::of(accept) {
            Wanted::Page if !accept.is_some_and(|a| a.contains("json")) => {
                let page = page_in(&served.not_found, language);
                let mut response = send(page, method, false, None);
                *response.status_mut() = StatusCode::NOT_FOUND;
                response.headers_mut().remove(header::ETAG);
                response
            }
            _ => problem(
                StatusCode::NOT_FOUND,
                "The registry has no label at this address.",
            ),
        };
        return Answer {
            response,
            variant: "not_found",
        };
    };
    let if_none_match = text_header(headers, header::IF_NONE_MATCH);
    Answer {
        response: send(rep, method, negotiated, if_none_match),
        variant,
    }
}

#[allow(
    clippy::expect_used,
    reason = "every served label is built with at least one page"
)]
fn page_in<'a>(pages: &'a [Rep], locale: &str) -> &'a Rep {
    pages
        .iter()
        .find(|p| p.language == Some(locale))
        .or_else(|| pages.first())
        .expect("every label has pages")
}

#[allow(
    clippy::expect_used,
    reason = "the status and headers are constants, so the builder cannot fail"
)]
fn send(
    rep: &Rep,
    method: &Method,
    negotiated: bool,
    if_none_match: Option<&str>,
) -> Response<Body> {
    let mut builder = Response::builder()
        .header(header::ETAG, rep.etag.clone())
        .header(header::CACHE_CONTROL, rep.cache_control)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if negotiated {
        builder = builder.header(header::VARY, "Accept, Accept-Language");
    }
    if etag_matches(if_none_match, rep.etag.to_str().unwrap_or_default()) {
        return builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .expect("valid response");
    }
    builder = builder
        .header(header::CONTENT_TYPE, rep.content_type)
        .header(header::CONTENT_LENGTH, rep.body.len());
    if let Some(language) = rep.language {
        builder = builder
            .header(header::CONTENT_LANGUAGE, language)
            .header(header::CONTENT_SECURITY_POLICY, SECURITY_POLICY);
    }
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(rep.body.clone())
    };
    builder.body(body).expect("valid response")
}

/// An RFC 9457 problem.
#[allow(
    clippy::expect_used,
    reason = "the status and headers are constants, so the builder cannot fail"
)]
fn problem(status: StatusCode, detail: &str) -> Response<Body> {
    let body = json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    })
    .to_string()
        + "\n";
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, PROBLEM_JSON)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .expect("valid response")
}

/// The access log: one JSON line per request, written by one thread so requests never wait
/// on stdout.
#[derive(Clone)]
struct AccessLog(mpsc::UnboundedSender<String>);

impl AccessLog {
    fn start() -> (Self, std::thread::JoinHandle<()>) {
        let (tx, mut rx) = mpsc::unbounded_channel::<String>();
        let thread = std::thread::spawn(move || {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            while let Some(line) = rx.blocking_recv() {
                let _ = writeln!(out, "{line}");
                // Flush when nothing else is waiting, so lines appear promptly when quiet.
                while let Ok(line) = rx.try_recv() {
                    let _ = writeln!(out, "{line}");
                }
                let _ = out.flush();
            }
        });
        (AccessLog(tx), thread)
    }

    fn line(&self, line: String) {
        let _ = self.0.send(line);
    }
}

/// Serves `site` on `listener` until SIGTERM or Ctrl-C.
pub async fn run(site: &Site, listener: TcpListener, limits: Limits) -> std::io::Result<()> {
    run_until(site, listener, limits, shutdown_signal()).await
}

/// Serves `site` on `listener` until `stop` completes, then lets open requests finish.
pub async fn run_until(
    site: &Site,
    listener: TcpListener,
    limits: Limits,
    stop: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let live = LiveSite::new(site);
    let (log, log_thread) = AccessLog::start();
    serve_until(live, listener, limits, Some(log), stop).await;
    let _ = log_thread.join();
    Ok(())
}

/// The site a running server answers from, which [`Background::replace`] can swap: each
/// request reads the current one, so a new site never mixes with the old in one answer.
#[derive(Clone)]
struct LiveSite(Arc<std::sync::RwLock<Arc<Served>>>);

impl LiveSite {
    fn new(site: &Site) -> Self {
        LiveSite(Arc::new(std::sync::RwLock::new(Arc::new(Served::new(
            site,
        )))))
    }

    fn current(&self) -> Arc<Served> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn replace(&self, site: &Site) {
        let served = Arc::new(Served::new(site));
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = served;
    }
}

/// `serve` on a thread of its own, for a program that serves a site while it does other
/// work (the CLI's demo): the same answers, limits and shutdown, without the access log
/// (the program's output is its own). Stopped, open requests finished, when dropped.
pub struct Background {
    addr: SocketAddr,
    live: LiveSite,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Background {
    /// Serves `site` on `listen` (`127.0.0.1:0`: a free loopback port).
    pub fn start(site: &Site, listen: &str, limits: Limits) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        // Bound here, not on the runtime: the caller may be inside a runtime of its own.
        let listener = std::net::TcpListener::bind(listen)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let listener = {
            let _guard = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let live = LiveSite::new(site);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = live.clone();
        let thread = std::thread::Builder::new()
            .name(format!("serve-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(serve_until(serving, listener, limits, None, async {
                    let _ = stopped.await;
                }));
            })?;
        Ok(Background {
            addr,
            live,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<address>`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Answers from `site` from the next request on (a registry that published again).
    pub fn replace(&self, site: &Site) {
        self.live.replace(site);
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The accept loop: serves `live` on `listener` until `stop`, then lets open requests
/// finish (at most [`Limits::drain_timeout`]). `log`: where the access log goes, if kept.
async fn serve_until(
    live: LiveSite,
    listener: TcpListener,
    limits: Limits,
    log: Option<AccessLog>,
    stop: impl std::future::Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192))
        .keep_alive(true);
    let open = Arc::new(OpenConnections::default());
    tokio::pin!(stop);
    loop {
        let (stream, remote) = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    eprintln!("{}", json!({"event": "accept_error", "error": e.to_string()}));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        // A slot for it: a free one, or one a client that stopped reading holds.
        let permit = tokio::select! {
            _ = &mut stop => break,
            permit = open.slot(&permits, limits.stalled_after) => match permit {
                Some(p) => p,
                None => break,
            },
        };
        let _ = stream.set_nodelay(true);
        let (stream, watch) = open.watch(stream, limits.write_timeout);
        let live = live.clone();
        let log = log.clone();
        let service = hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
            let served = live.current();
            let log = log.clone();
            async move { Ok::<_, Infallible>(handle(&served, log.as_ref(), remote, request)) }
        });
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        let age = limits.max_connection_age;
        let open = open.clone();
        tokio::spawn(async move {
            let _permit = permit;
            tokio::select! {
                _ = tokio::time::timeout(age, connection) => {}
                _ = watch.evicted.notified() => {}
            }
            open.forget(&watch);
        });
    }
    drop(listener);
    if log.is_some() {
        // The server's own diagnostics, for an operator; a program embedding it has its own.
        eprintln!(
            "{}",
            json!({"event": "shutdown", "open_connections": "draining"})
        );
    }
    let _ = tokio::time::timeout(limits.drain_timeout, graceful.shutdown()).await;
}

/// One open connection, as the accept loop sees it.
struct Watch {
    id: u64,
    /// When its current write started waiting for the client, in milliseconds since the
    /// server started; 0 while it is not waiting.
    stalled_since: std::sync::atomic::AtomicU64,
    /// Told to close when its slot is given to a new connection.
    evicted: tokio::sync::Notify,
}

/// The open connections, to find one whose client stopped reading.
#[derive(Default)]
struct OpenConnections {
    next_id: std::sync::atomic::AtomicU64,
    started: std::sync::OnceLock<Instant>,
    all: std::sync::Mutex<HashMap<u64, Arc<Watch>>>,
}

impl OpenConnections {
    fn millis(&self) -> u64 {
        let started = self.started.get_or_init(Instant::now);
        u64::try_from(started.elapsed().as_millis())
            .unwrap_or(u64::MAX)
            .max(1)
    }

    fn watch(
        self: &Arc<Self>,
        stream: tokio::net::TcpStream,
        timeout: Duration,
    ) -> (WriteTimeout, Arc<Watch>) {
        use std::sync::atomic::Ordering;
        let watch = Arc::new(Watch {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            stalled_since: Default::default(),
            evicted: tokio::sync::Notify::new(),
        });
        self.all
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(watch.id, watch.clone());
        let stream = WriteTimeout {
            inner: stream,
            timeout,
            waiting: None,
            watch: watch.clone(),
            open: self.clone(),
        };
        (stream, watch)
    }

    fn forget(&self, watch: &Watch) {
        self.all
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&watch.id);
    }

    /// A free slot; when there is none, the slot of the connection whose write has waited
    /// longest, once that is `stalled_after` or more. `None` when the server is closing.
    async fn slot(
        &self,
        permits: &Arc<Semaphore>,
        stalled_after: Duration,
    ) -> Option<tokio::sync::OwnedSemaphorePermit> {
        use std::sync::atomic::Ordering;
        let stalled_after = u64::try_from(stalled_after.as_millis()).unwrap_or(u64::MAX);
        loop {
            match permits.clone().try_acquire_owned() {
                Ok(permit) => return Some(permit),
                Err(tokio::sync::TryAcquireError::Closed) => return None,
                Err(tokio::sync::TryAcquireError::NoPermits) => {}
            }
            let now = self.millis();
            let slowest = self
                .all
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .values()
                .filter_map(|w| {
                    let since = w.stalled_since.load(Ordering::Relaxed);
                    (since > 0 && now.saturating_sub(since) >= stalled_after)
                        .then(|| (since, w.clone()))
                })
                .min_by_key(|(since, _)| *since);
            if let Some((_, watch)) = slowest {
                // Its task ends and frees its permit; the one this wait then takes.
                watch.stalled_since.store(0, Ordering::Relaxed);
                watch.evicted.notify_one();
            }
            tokio::select! {
                permit = permits.clone().acquire_owned() => return permit.ok(),
                _ = tokio::time::sleep(Duration::from_millis(100)) => {}
            }
        }
    }
}

/// A connection's stream whose writes fail with `TimedOut` when the client has read
/// nothing for `timeout`, and which marks its connection as waiting meanwhile.
struct WriteTimeout {
    inner: tokio::net::TcpStream,
    timeout: Duration,
    waiting: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
    watch: Arc<Watch>,
    open: Arc<OpenConnections>,
}

impl WriteTimeout {
    fn progress(&mut self) {
        if self.waiting.take().is_some() {
            self.watch
                .stalled_since
                .store(0, std::sync::atomic::Ordering::Relaxed);
        }
    }

    fn wait<T>(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<std::io::Result<T>> {
        use std::future::Future;
        if self.waiting.is_none() {
            self.watch
                .stalled_since
                .store(self.open.millis(), std::sync::atomic::Ordering::Relaxed);
        }
        let timeout = self.timeout;
        let sleep = self
            .waiting
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match sleep.as_mut().poll(cx) {
            std::task::Poll::Ready(()) => std::task::Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client read nothing within the write timeout",
            ))),
            std::task::Poll::Pending => std::task::Poll::Pending,
        }
    }

    fn track<T>(
        &mut self,
        cx: &mut std::task::Context<'_>,
        poll: std::task::Poll<std::io::Result<T>>,
    ) -> std::task::Poll<std::io::Result<T>> {
        match poll {
            std::task::Poll::Ready(result) => {
                self.progress();
                std::task::Poll::Ready(result)
            }
            std::task::Poll::Pending => self.wait(cx),
        }
    }
}

impl tokio::io::AsyncRead for WriteTimeout {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for WriteTimeout {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let poll = std::pin::Pin::new(&mut self.inner).poll_write(cx, buf);
        self.track(cx, poll)
    }

    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let poll = std::pin::Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.track(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let poll = std::pin::Pin::new(&mut self.inner).poll_flush(cx);
        self.track(cx, poll)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let poll = std::pin::Pin::new(&mut self.inner).poll_shutdown(cx);
        self.track(cx, poll)
    }
}

fn handle(
    served: &Served,
    log: Option<&AccessLog>,
    remote: SocketAddr,
    request: Request<hyper::body::Incoming>,
) -> Response<Body> {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let headers = request.headers();
    let answer = answer(served, &method, &path, headers);
    let Some(log) = log else {
        return answer.response;
    };
    let status = answer.response.status().as_u16();
    let bytes = answer
        .response
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    log.line(
        json!({
            "time": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "remote": remote.to_string(),
            "method": method.as_str(),
            "path": Untrusted::new(path.as_str()).log(),
            "status": status,
            "variant": answer.variant,
            "bytes": bytes,
            "accept": text_header(headers, header::ACCEPT).map(|a| Untrusted::new(a).log().into_owned()),
            "micros": started.elapsed().as_micros() as u64,
        })
        .to_string(),
    );
    answer.response
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = ctrl_c => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
