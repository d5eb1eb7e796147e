//! A log's tiles read over HTTP (C2SP tlog-tiles: `<url>checkpoint`, `<url>tile/...`), for
//! `monitor` and `witness` pointed at a log's URL. Every answer is capped in size and time;
//! a tile that cannot be fetched is missing (the monitor reports it as a read failure, not a
//! finding about the log).

use std::sync::Arc;
use std::time::Duration;

use trustlabel_tlog::{TilePath, TileStore};

/// The most a tile, bundle or checkpoint may be: a full entry or statement bundle of 256
/// statements of at most 64 KiB each would be larger, but no registry statement is near
/// that (about 1 KB each).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Tiles fetched from a log's URL.
pub struct HttpTiles {
    base: url::Url,
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

impl std::fmt::Debug for HttpTiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpTiles")
            .field("base", &self.base.as_str())
            .finish()
    }
}

impl HttpTiles {
    /// The log at `base` (`https://...`, or `http://` on a loopback host for tests), which
    /// ends in `/` (added when missing).
    pub fn new(base: &str) -> Result<Self, String> {
        let mut text = base.to_owned();
        if !text.ends_with('/') {
            text.push('/');
        }
        let base = url::Url::parse(&text).map_err(|e| format!("{base}: {e}"))?;
        let loopback = trustlabel_protocol::is_loopback_host(&base);
        if base.scheme() != "https" && !(base.scheme() == "http" && loopback) {
            return Err(format!(
                "{base}: a log is read over https (http only on loopback)"
            ));
        }
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("trustlabel-registry/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        Ok(HttpTiles {
            base,
            client,
            runtime,
        })
    }

    /// `GET <base><path>`: the body of a 200 answer of at most [`MAX_FILE_BYTES`].
    pub fn get(&self, path: &str) -> Result<Vec<u8>, String> {
        let url = self.base.join(path).map_err(|e| format!("{path}: {e}"))?;
        self.runtime.block_on(async {
            let mut response = self
                .client
                .get(url.clone())
                .send()
                .await
                .map_err(|e| format!("{url}: {e}"))?;
            if response.status() != reqwest::StatusCode::OK {
                return Err(format!("{url}: HTTP {}", response.status()));
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(|e| format!("{url}: {e}"))? {
                if body.len() + chunk.len() > MAX_FILE_BYTES {
                    return Err(format!("{url}: larger than {MAX_FILE_BYTES} bytes"));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(body)
        })
    }
}

impl TileStore for HttpTiles {
    fn read(&self, path: &TilePath) -> Option<Vec<u8>> {
        self.get(&path.to_string()).ok()
    }

    fn read_file(&self, path: &str) -> Option<Vec<u8>> {
        self.get(path).ok()
    }
}
