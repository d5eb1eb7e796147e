//! The scanner's errors: failures that are not a scan outcome. They name the I/O errors
//! behind them (fetch, store, decode), so they live here, above the protocol's outcome types;
//! [`ScanError::kind`] gives the protocol-level [`ScanErrorKind`] the words and apps use.

use trustlabel_decode as decode;
use trustlabel_protocol::{CheckFailure, ScanErrorKind, TrustListFault};

use crate::fetch::FetchError;
use crate::store::StoreError;

/// Failures that are not a scan outcome: nothing to show about the label itself.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The registry could not be reached and the label is not saved for offline use.
    #[error(
        "could not reach the registry ({detail}), and this label is not saved for offline use"
    )]
    Unreachable {
        /// The normalised label link.
        url: String,
        /// What went wrong, in English, for logs.
        detail: String,
    },
    /// Offline, and the label is not saved for offline use.
    #[error("this label is not saved for offline use")]
    NotCached {
        /// The normalised label link.
        url: String,
    },
    /// The offline cache could not be read or written.
    #[error(transparent)]
    Storage(#[from] StoreError),
    /// The frame or photo could not be read.
    #[error("could not read the image: {0}")]
    Decode(#[from] decode::DecodeError),
    /// The trust list was refused: its envelope failed a check.
    #[error("the trust list was refused: {0}")]
    TrustList(CheckFailure),
    /// The trust list is signed, but cannot be used as written (a fault of its author).
    #[error("the trust list was refused: {0}")]
    TrustListFault(TrustListFault),
    /// The HTTP client could not be set up.
    #[error("could not set up the network client: {0}")]
    Network(FetchError),
}

impl ScanError {
    /// Which failure this is, without the error behind it.
    pub fn kind(&self) -> ScanErrorKind {
        match self {
            ScanError::Unreachable { .. } => ScanErrorKind::Unreachable,
            ScanError::NotCached { .. } => ScanErrorKind::NotCached,
            ScanError::Storage(_) => ScanErrorKind::Storage,
            ScanError::Decode(_) => ScanErrorKind::Decode,
            ScanError::TrustList(reason) => ScanErrorKind::TrustList(*reason),
            ScanError::TrustListFault(_) => ScanErrorKind::TrustListFault,
            ScanError::Network(_) => ScanErrorKind::Network,
        }
    }
}

/// The words take the kind: `summarize_error(&error, locale)` reads as it always did.
impl From<&ScanError> for ScanErrorKind {
    fn from(error: &ScanError) -> Self {
        error.kind()
    }
}
