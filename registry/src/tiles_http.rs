//! A log's tiles read over HTTP (C2SP tlog-tiles: `<url>checkpoint`, `<url>tile/...`), for
//! `monitor` and `witness` pointed at a log's URL. Every answer is capped in size and time;
//! a tile that cannot be fetched is missing (the monitor reports it as a read failure, not a
//! finding about the log).

use std::sync::Arc;
use std::time::Duration;

use trustlabel_tlog::{Error as LogError, TilePath, TileStore};

/// The most a tile, bundle or checkpoint may be: the log crate's cap for bundles
/// ([`trustlabel_tlog::MAX_LOG_FILE_BYTES`]); a hash tile is capped lower, at its 8,192
/// bytes, and the checkpoint at [`trustlabel_tlog::MAX_NOTE_BYTES`].
pub const MAX_FILE_BYTES: u64 = trustlabel_tlog::MAX_LOG_FILE_BYTES;

/// Why a GET gave no file.
#[derive(Debug)]
enum GetError {
    /// The answer was longer than the cap: a typed error, not a missing file.
    TooLarge { url: String, limit: u64 },
    /// Any other failure (the network, a status other than 200), in words.
    Other(String),
}

impl std::fmt::Display for GetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GetError::TooLarge { url, limit } => write!(f, "{url}: larger than {limit} bytes"),
            GetError::Other(detail) => f.write_str(detail),
        }
    }
}

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

    /// `GET <base><path>`: the body of a 200 answer, of at most
    /// [`trustlabel_tlog::MAX_NOTE_BYTES`] for the checkpoint and [`MAX_FILE_BYTES`] for
    /// anything else.
    pub fn get(&self, path: &str) -> Result<Vec<u8>, String> {
        let limit = if path == trustlabel_tlog::CHECKPOINT_FILE {
            trustlabel_tlog::MAX_NOTE_BYTES as u64
        } else {
            MAX_FILE_BYTES
        };
        self.get_capped(path, limit).map_err(|e| e.to_string())
    }

    fn get_capped(&self, path: &str, limit: u64) -> Result<Vec<u8>, GetError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| GetError::Other(format!("{path}: {e}")))?;
        let too_large = || GetError::TooLarge {
            url: url.to_string(),
            limit,
        };
        self.runtime.block_on(async {
            let mut response = self
                .client
                .get(url.clone())
                .send()
                .await
                .map_err(|e| GetError::Other(format!("{url}: {e}")))?;
            if response.status() != reqwest::StatusCode::OK {
                return Err(GetError::Other(format!(
                    "{url}: HTTP {}",
                    response.status()
                )));
            }
            // A declared length over the cap is refused before any of the body is read.
            if response.content_length().is_some_and(|len| len > limit) {
                return Err(too_large());
            }
            let mut body = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| GetError::Other(format!("{url}: {e}")))?
            {
                if (body.len() + chunk.len()) as u64 > limit {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(body)
        })
    }

    /// A file of the log through [`TileStore`]: too large is [`LogError::FileTooLarge`],
    /// any other failure a missing file (the monitor reports it as a read failure).
    fn read_capped(&self, path: &str, limit: u64) -> Result<Option<Vec<u8>>, LogError> {
        match self.get_capped(path, limit) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(GetError::TooLarge { url, limit }) => {
                Err(LogError::FileTooLarge { path: url, limit })
            }
            Err(GetError::Other(_)) => Ok(None),
        }
    }
}

impl TileStore for HttpTiles {
    fn read(&self, path: &TilePath) -> Result<Option<Vec<u8>>, LogError> {
        // A hash tile is at most a full tile's 256 hashes; a bundle is capped.
        let limit = match path.level {
            Some(_) => trustlabel_tlog::TILE_WIDTH * trustlabel_tlog::HASH_LEN as u64,
            None => MAX_FILE_BYTES,
        };
        self.read_capped(&path.to_string(), limit)
    }

    fn read_file(&self, path: &str) -> Result<Option<Vec<u8>>, LogError> {
        self.read_capped(path, MAX_FILE_BYTES)
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        reason = "tests: a panic is a failed test"
    )]

    use std::io::{Read, Write};
    use std::net::TcpListener;

    use super::*;

    /// A loopback server answering each request from `answer(path)`: the status line and
    /// headers' extra lines, and the body written in pieces (chunked when `chunked`).
    fn serve(answer: fn(&str) -> (bool, Vec<u8>)) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/log/", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let path = head.split(' ').nth(1).unwrap_or("").to_owned();
                let (chunked, body) = answer(&path);
                // The client may hang up once it has seen enough: write errors are expected.
                if chunked {
                    let _ = stream.write_all(
                        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                    );
                    for piece in body.chunks(64 * 1024) {
                        let _ = stream.write_all(format!("{:x}\r\n", piece.len()).as_bytes());
                        let _ = stream.write_all(piece);
                        let _ = stream.write_all(b"\r\n");
                    }
                    let _ = stream.write_all(b"0\r\n\r\n");
                } else {
                    let _ = stream.write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .as_bytes(),
                    );
                    let _ = stream.write_all(&body);
                }
            }
        });
        base
    }

    fn too_large(result: Result<Option<Vec<u8>>, LogError>, limit: u64) {
        match result {
            Err(LogError::FileTooLarge { limit: l, .. }) => assert_eq!(l, limit),
            Err(other) => panic!("expected FileTooLarge, got {other:?}"),
            Ok(bytes) => panic!(
                "expected FileTooLarge, got {:?} bytes",
                bytes.map(|b| b.len())
            ),
        }
    }

    #[test]
    fn every_file_read_over_http_is_capped_by_its_kind() {
        let base = serve(|path| match path {
            // A full hash tile, then one byte more (with a Content-Length).
            "/log/tile/0/000" => (false, vec![1; 8192]),
            "/log/tile/0/001" => (false, vec![1; 8193]),
            // Bundles over the cap, sent chunked (no length to refuse up front).
            "/log/tile/entries/000" => (true, vec![2; MAX_FILE_BYTES as usize + 1]),
            "/log/statements/000" => (true, vec![3; MAX_FILE_BYTES as usize + 1]),
            "/log/statements/001" => (false, vec![3; 1000]),
            "/log/checkpoint" => (false, vec![b'c'; trustlabel_tlog::MAX_NOTE_BYTES + 1]),
            _ => (false, Vec::new()),
        });
        let tiles = HttpTiles::new(&base).unwrap();
        let tile = |p| TilePath::parse(p).unwrap();
        assert_eq!(
            tiles.read(&tile("tile/0/000")).unwrap().map(|b| b.len()),
            Some(8192)
        );
        too_large(tiles.read(&tile("tile/0/001")), 8192);
        too_large(tiles.read(&tile("tile/entries/000")), MAX_FILE_BYTES);
        too_large(tiles.read_file("statements/000"), MAX_FILE_BYTES);
        assert_eq!(
            tiles.read_file("statements/001").unwrap().map(|b| b.len()),
            Some(1000)
        );
        let checkpoint = tiles.get("checkpoint").unwrap_err();
        assert!(
            checkpoint.contains(&format!(
                "larger than {} bytes",
                trustlabel_tlog::MAX_NOTE_BYTES
            )),
            "{checkpoint}"
        );
    }
}
