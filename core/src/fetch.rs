//! Asking a registry for a label's signed record (protocol section 2): limits, retries,
//! ETag. Nothing here trusts the answer; the protocol crate's checks (`trustlabel_protocol::verify_record`) do that.
//!
//! TLS is rustls on the `ring` provider with Mozilla's roots bundled (webpki-roots), not
//! the platform verifier: on Android, reqwest 0.13's `rustls-platform-verifier` panics unless
//! initialised over JNI with the app's Context (reqwest #2966), and bundled roots behave the
//! same on every platform and in tests.

use std::sync::Arc;
use std::time::Duration;

use url::Url;

use trustlabel_protocol::MAX_ENVELOPE_BYTES;

/// Most retries allowed, whatever the configuration asks, and the longest wait between two.
pub const MAX_RETRIES: u32 = 5;
/// The longest wait between two attempts, whatever the configuration asks.
pub const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// Default for [`FetchConfig::deadline`]: one full attempt and time for a quick retry after
/// a refused connection or a 5xx, not three full attempts.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(15);

/// Limits and endpoints for registry requests.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// How long to wait for the TCP and TLS connection, per attempt.
    pub connect_timeout: Duration,
    /// Whole request, per attempt.
    pub request_timeout: Duration,
    /// Retries after the first attempt, on connect errors, timeouts and 5xx only.
    pub max_retries: u32,
    /// First backoff; doubles each retry.
    pub backoff: Duration,
    /// The longest one scan waits for the registry, all attempts and backoff included. The
    /// per-attempt timeouts alone let a server that trickles its answer hold a scan for
    /// every retry in turn (about 31 s with the defaults).
    pub deadline: Duration,
    /// Largest answer read; a longer one fails with [`FetchError::TooLarge`].
    pub max_body_bytes: usize,
    /// Sends every registry request to this origin instead, keeping path and query: the
    /// in-process demo registry, tests, a local test registry. Signed answers are checked the
    /// same way, but unsigned ones (304, 404) are taken from it, so it must be https or a
    /// loopback address (checked by [`RegistryClient::new`]).
    pub origin_override: Option<Url>,
    /// The `User-Agent` header sent to registries.
    pub user_agent: String,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            connect_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(10),
            max_retries: 2,
            backoff: Duration::from_millis(200),
            deadline: DEFAULT_DEADLINE,
            max_body_bytes: MAX_ENVELOPE_BYTES,
            origin_override: None,
            user_agent: concat!("trustlabel/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// What the registry answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchResponse {
    /// 200: the body, not yet verified.
    Body {
        /// The body as received.
        bytes: Vec<u8>,
        /// The ETag to send back next time as `If-None-Match`.
        etag: Option<String>,
    },
    /// 304: the cached record is still current.
    NotModified,
    /// 404: the registry has no record for this label.
    NotFound,
}

/// Why no answer could be used. None of these says anything about the record itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// No connection could be made (refused, DNS, TLS).
    #[error("the connection failed")]
    Connect,
    /// No full answer within the timeouts or the deadline.
    #[error("no answer in time")]
    Timeout,
    /// An HTTP status other than 200, 304 or 404.
    #[error("HTTP status {0}")]
    Status(u16),
    /// The answer is larger than the limit; it was not read further.
    #[error("an answer larger than {limit} bytes")]
    TooLarge {
        /// The most bytes read.
        limit: usize,
    },
    /// The connection closed before the whole answer came.
    #[error("an answer cut off")]
    Truncated,
    /// Any other network error, as reqwest words it.
    #[error("network error: {0}")]
    Other(String),
    /// The request URL could not be built, or the origin override is not https or loopback.
    #[error("an address that is not valid")]
    BadUrl,
}

impl FetchError {
    fn is_retryable(&self) -> bool {
        match self {
            FetchError::Connect | FetchError::Timeout | FetchError::Truncated => true,
            FetchError::Status(code) => *code >= 500,
            _ => false,
        }
    }
}

/// An HTTP client for registries. Cheap to clone; share one per process.
#[derive(Debug, Clone)]
pub struct RegistryClient {
    http: reqwest::Client,
    config: Arc<FetchConfig>,
}

impl RegistryClient {
    /// A client with the given limits; refuses an origin override that is not https or loopback.
    pub fn new(mut config: FetchConfig) -> Result<Self, FetchError> {
        config.max_retries = config.max_retries.min(MAX_RETRIES);
        if let Some(origin) = &config.origin_override {
            let allowed = origin.scheme() == "https"
                || (origin.scheme() == "http" && trustlabel_protocol::is_loopback_host(origin));
            if !allowed {
                return Err(FetchError::BadUrl);
            }
        }
        let tls = tls_config().map_err(|e| FetchError::Other(e.to_string()))?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(&config.user_agent)
            // A redirect could lead anywhere; the registry URL is the one the trust list gave.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| FetchError::Other(e.to_string()))?;
        Ok(RegistryClient {
            http,
            config: Arc::new(config),
        })
    }

    /// The limits this client was made with (retries capped at [`MAX_RETRIES`]).
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// `GET url` with `Accept: application/jose+json`, retrying connect errors, timeouts and
    /// 5xx with exponential backoff, never 4xx.
    pub async fn fetch(&self, url: &Url, etag: Option<&str>) -> Result<FetchResponse, FetchError> {
        self.fetch_as(url, etag, "application/jose+json").await
    }

    /// [`RegistryClient::fetch`] asking for another media type (`application/json` for a
    /// registry that does not sign).
    pub async fn fetch_as(
        &self,
        url: &Url,
        etag: Option<&str>,
        accept: &'static str,
    ) -> Result<FetchResponse, FetchError> {
        let target = self.target(url)?;
        let attempts = async {
            let mut attempt = 0;
            loop {
                match self.fetch_once(&target, etag, accept).await {
                    Err(e) if e.is_retryable() && attempt < self.config.max_retries => {
                        let wait = self.config.backoff.saturating_mul(1 << attempt.min(16));
                        tokio::time::sleep(wait.min(MAX_BACKOFF)).await;
                        attempt += 1;
                    }
                    other => return other,
                }
            }
        };
        // Dropping the attempts at the deadline cancels the request in flight.
        tokio::time::timeout(self.config.deadline, attempts)
            .await
            .unwrap_or(Err(FetchError::Timeout))
    }

    fn target(&self, url: &Url) -> Result<Url, FetchError> {
        let Some(origin) = &self.config.origin_override else {
            return Ok(url.clone());
        };
        let mut target = origin.clone();
        target.set_path(url.path());
        target.set_query(url.query());
        if target.scheme() != "http" && target.scheme() != "https" {
            return Err(FetchError::BadUrl);
        }
        Ok(target)
    }

    async fn fetch_once(
        &self,
        url: &Url,
        etag: Option<&str>,
        accept: &'static str,
    ) -> Result<FetchResponse, FetchError> {
        let mut request = self.http.get(url.clone()).header("Accept", accept);
        if let Some(etag) = etag {
            request = request.header("If-None-Match", etag);
        }
        let mut response = request.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        match status {
            304 => return Ok(FetchResponse::NotModified),
            404 | 410 => return Ok(FetchResponse::NotFound),
            200 => {}
            other => return Err(FetchError::Status(other)),
        }
        let limit = self.config.max_body_bytes;
        if response
            .content_length()
            .is_some_and(|len| len > limit as u64)
        {
            return Err(FetchError::TooLarge { limit });
        }
        let etag = response
            .headers()
            .get("ETag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut bytes = Vec::new();
        // Read in chunks so a server that lies about (or omits) its length cannot make us
        // buffer more than the limit.
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if bytes.len() + chunk.len() > limit {
                return Err(FetchError::TooLarge { limit });
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(FetchResponse::Body { bytes, etag })
    }
}

fn classify(error: reqwest::Error) -> FetchError {
    if error.is_timeout() {
        FetchError::Timeout
    } else if error.is_connect() {
        FetchError::Connect
    } else if error.is_body() || error.is_decode() || (error.is_request() && closed_early(&error)) {
        FetchError::Truncated
    } else {
        FetchError::Other(error_chain(&error))
    }
}

/// Whether the connection ended before the whole answer arrived. Hyper reports that as a
/// request error; its cause is found by type in the source chain, not by message text.
fn closed_early(error: &reqwest::Error) -> bool {
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            // `canceled`: the connection was dropped while the request waited on it.
            if h.is_incomplete_message() || h.is_closed() || h.is_canceled() {
                return true;
            }
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::UnexpectedEof {
                return true;
            }
        }
        source = e.source();
    }
    false
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

/// TLS with the ring provider and the Mozilla roots. The ring provider supports the default
/// protocol versions, so this does not fail in practice; rustls still says it may.
fn tls_config() -> Result<rustls::ClientConfig, rustls::Error> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    Ok(rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_root_certificates(roots)
    .with_no_client_auth())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client_for(server: &mockito::Server) -> (RegistryClient, Url) {
        let config = FetchConfig {
            backoff: Duration::from_millis(1),
            request_timeout: Duration::from_millis(500),
            ..FetchConfig::default()
        };
        (
            RegistryClient::new(config).unwrap(),
            Url::parse(&server.url()).unwrap().join("/l/x").unwrap(),
        )
    }

    #[tokio::test]
    async fn sends_accept_and_etag_and_reads_body() {
        let mut server = mockito::Server::new_async().await;
        let m = server
            .mock("GET", "/l/x")
            .match_header("accept", "application/jose+json")
            .match_header("if-none-match", "\"e1\"")
            .with_header("etag", "\"e2\"")
            .with_body("hello")
            .create_async()
            .await;
        let (client, url) = client_for(&server);
        let got = client.fetch(&url, Some("\"e1\"")).await.unwrap();
        assert_eq!(
            got,
            FetchResponse::Body {
                bytes: b"hello".to_vec(),
                etag: Some("\"e2\"".into())
            }
        );
        m.assert_async().await;
    }

    #[tokio::test]
    async fn retries_5xx_but_not_4xx() {
        let mut server = mockito::Server::new_async().await;
        let fail = server
            .mock("GET", "/l/x")
            .with_status(503)
            .expect(3)
            .create_async()
            .await;
        let (client, url) = client_for(&server);
        assert_eq!(client.fetch(&url, None).await, Err(FetchError::Status(503)));
        fail.assert_async().await;

        let mut server = mockito::Server::new_async().await;
        let teapot = server
            .mock("GET", "/l/x")
            .with_status(418)
            .expect(1)
            .create_async()
            .await;
        let (client, url) = client_for(&server);
        assert_eq!(client.fetch(&url, None).await, Err(FetchError::Status(418)));
        teapot.assert_async().await;
    }

    #[tokio::test]
    async fn not_found_and_not_modified() {
        let mut server = mockito::Server::new_async().await;
        server
            .mock("GET", "/l/x")
            .with_status(404)
            .create_async()
            .await;
        let (client, url) = client_for(&server);
        assert_eq!(client.fetch(&url, None).await, Ok(FetchResponse::NotFound));

        let mut server = mockito::Server::new_async().await;
        server
            .mock("GET", "/l/x")
            .with_status(304)
            .create_async()
            .await;
        let (client, url) = client_for(&server);
        assert_eq!(
            client.fetch(&url, Some("\"e\"")).await,
            Ok(FetchResponse::NotModified)
        );
    }

    #[tokio::test]
    async fn body_over_the_limit_is_refused() {
        let mut server = mockito::Server::new_async().await;
        server
            .mock("GET", "/l/x")
            .with_body(vec![b'a'; MAX_ENVELOPE_BYTES + 1])
            .create_async()
            .await;
        let (client, url) = client_for(&server);
        assert_eq!(
            client.fetch(&url, None).await,
            Err(FetchError::TooLarge {
                limit: MAX_ENVELOPE_BYTES
            })
        );
    }

    #[tokio::test]
    async fn origin_override_keeps_path_and_query() {
        let mut server = mockito::Server::new_async().await;
        let m = server
            .mock("GET", "/l/abc?x=1")
            .with_body("ok")
            .create_async()
            .await;
        let config = FetchConfig {
            origin_override: Some(Url::parse(&server.url()).unwrap()),
            ..FetchConfig::default()
        };
        let client = RegistryClient::new(config).unwrap();
        let url = Url::parse("https://registry.example/l/abc?x=1").unwrap();
        assert!(matches!(
            client.fetch(&url, None).await,
            Ok(FetchResponse::Body { .. })
        ));
        m.assert_async().await;
    }

    #[test]
    fn origin_override_must_be_https_or_loopback() {
        let with = |origin: &str| {
            RegistryClient::new(FetchConfig {
                origin_override: Some(Url::parse(origin).unwrap()),
                ..FetchConfig::default()
            })
            .map(|_| ())
        };
        assert!(with("https://mirror.example").is_ok());
        assert!(with("http://127.0.0.1:8080").is_ok());
        assert!(with("http://[::1]:8080").is_ok());
        assert!(with("http://localhost:8080").is_ok());
        assert_eq!(with("http://mirror.example"), Err(FetchError::BadUrl));
        assert_eq!(with("ftp://127.0.0.1"), Err(FetchError::BadUrl));
    }

    #[test]
    fn retries_are_bounded() {
        let config = FetchConfig {
            max_retries: u32::MAX,
            ..FetchConfig::default()
        };
        assert_eq!(
            RegistryClient::new(config).unwrap().config().max_retries,
            MAX_RETRIES
        );
    }

    /// A server that sends its headers and then one byte at a time, never finishing: each
    /// attempt's own timeout is far away, so only the overall deadline ends the fetch.
    async fn trickling_server() -> (std::net::SocketAddr, tokio::task::JoinHandle<()>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut buf = [0u8; 1024];
                    let _ = socket.read(&mut buf).await;
                    let head = "HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n";
                    if socket.write_all(head.as_bytes()).await.is_err() {
                        return;
                    }
                    loop {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        if socket.write_all(b"a").await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        (addr, task)
    }

    #[tokio::test]
    async fn a_trickling_server_is_cut_off_at_the_deadline() {
        let (addr, server) = trickling_server().await;
        let config = FetchConfig {
            request_timeout: Duration::from_secs(3600),
            max_retries: MAX_RETRIES,
            backoff: Duration::from_millis(1),
            deadline: Duration::from_millis(300),
            ..FetchConfig::default()
        };
        let client = RegistryClient::new(config).unwrap();
        let url = Url::parse(&format!("http://{addr}/l/x")).unwrap();
        // The guard only keeps a broken build from hanging the test run; what is asserted
        // is the answer, not how long it took.
        let answer = tokio::time::timeout(Duration::from_secs(60), client.fetch(&url, None)).await;
        server.abort();
        assert_eq!(answer, Ok(Err(FetchError::Timeout)));
    }

    #[tokio::test]
    async fn refused_connection_is_a_connect_error() {
        // Bind then drop a listener to get a port nothing listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = FetchConfig {
            backoff: Duration::from_millis(1),
            ..FetchConfig::default()
        };
        let client = RegistryClient::new(config).unwrap();
        let url = Url::parse(&format!("http://127.0.0.1:{port}/l/x")).unwrap();
        assert_eq!(client.fetch(&url, None).await, Err(FetchError::Connect));
    }
}
