//! trustlabel-core: from a U.S. Cyber Trust Mark label's QR code to a verified, cached,
//! explained registry record. The I/O lives here: the network, the offline cache, threads,
//! the camera's frames. The protocol itself (links, the trust list, JWS, records, the checks,
//! the outcome types) is `trustlabel-protocol`, with no I/O; the words are `trustlabel-words`.
//! The FFI and CLI crates only convert.
//!
//! The pipeline: the protocol crate normalises the QR text and finds its registry in the
//! trust list; [`fetch`] asks the registry; the protocol's checks run on the signed answer;
//! [`store`] keeps raw envelopes in sled and verifies them again on every read;
//! [`scanner::Scanner`] ties it together and says plainly which outcome
//! (`trustlabel_protocol::Outcome`) happened; features (history, the live [`session`], the
//! shelf [`audit`], packs, the watch list, comparison) sit above it.

#![forbid(unsafe_code)]

pub mod audit;
pub mod builtin;
pub mod compare;
pub mod fetch;
pub mod history;
pub mod pack;
pub mod parallel;
pub mod scanner;
pub mod session;
pub mod store;
pub mod watchlist;

/// History keeps what a headline is said from (`trustlabel_words::history_headline`).
impl From<&history::HistoryEntry> for trustlabel_words::PastScan {
    fn from(entry: &history::HistoryEntry) -> Self {
        trustlabel_words::PastScan {
            outcome: entry.outcome,
            tone: entry.tone,
            unsigned: entry.unsigned,
        }
    }
}
