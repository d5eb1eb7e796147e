//! trustlabel-core: from a U.S. Cyber Trust Mark label's QR code to a verified, cached,
//! explained registry record. All logic lives here; the FFI and CLI crates only convert.
//!
//! The pipeline: [`link`] normalises the QR text and finds its registry in the [`trust`]
//! list; [`fetch`] asks the registry; [`verify`] runs the protocol's checks on the signed
//! answer ([`jws`], one [`check::CheckFailure`] per failed check); [`store`] keeps raw
//! envelopes in sled and verifies them again on every read; [`scanner::Scanner`] ties it
//! together and says plainly which [`outcome::Outcome`] happened; features (history, the live
//! [`session`]) sit above it.

#![forbid(unsafe_code)]

pub mod audit;
pub mod builtin;
pub mod check;
pub mod compare;
pub mod fetch;
pub mod history;
pub mod jws;
pub mod link;
pub mod outcome;
pub mod pack;
pub mod parallel;
pub mod record;
pub mod scanner;
pub mod session;
pub mod store;
pub mod summary;
pub mod trust;
pub mod untrusted;
pub mod verify;
pub mod watchlist;

pub use trustlabel_decode as decode;
