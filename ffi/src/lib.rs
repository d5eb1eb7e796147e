//! trustlabel-ffi: the uniffi bindings (Kotlin, Swift) of trustlabel-core (and the protocol's
//! and the words' types it returns).
//!
//! Conversion only: every decision is the core's. One object, [`Scanner`]; plain records
//! ([`ScanResult`], [`ScannerConfig`], ...); one error type, [`TrustLabelError`], mapped from
//! the core's errors (scan, audit, pack, watch list, compare) in one place (`error.rs`), with
//! panics caught and reported as [`TrustLabelError::Internal`]. Network calls are async on one
//! small shared tokio runtime (uniffi's `async_runtime = "tokio"`: a single-threaded runtime
//! on one background thread drives the sockets and timers; the work itself runs on the
//! caller's coroutine or task).
//!
//! See `ffi/README.md` for the Kotlin API and how the bindings are generated and tested.

// Errors cross the FFI serialised into a buffer, so their size in Rust does not matter, and
// the summary they carry is what the app shows.
#![allow(clippy::result_large_err)]

mod audit;
mod compare;
mod config;
mod error;
mod links;
mod pack;
mod scanner;
mod session;
mod summary;
mod types;
mod watch;
mod words;

pub use audit::{Audit, AuditBucket, AuditEntry, AuditInfo, BucketCount};
pub use compare::{ComparedProduct, Comparison, ComparisonCell, ComparisonRow};
pub use config::ScannerConfig;
pub use error::TrustLabelError;
pub use links::incoming_link;
pub use pack::{PackReport, SkippedEntry};
pub use scanner::Scanner;
pub use session::{Guidance, ScanMode, ScanSession, SessionConfig, SessionEvent, SessionListener};
pub use summary::{Fact, FactLink, Summary, Tone, Verdict};
pub use types::{
    CheckFailure, LookalikeWarning, NotOfficialInfo, OutcomeKind, RecordInfo, ScanResult,
    StoreState, TrustListStatus,
};
pub use watch::{AlertKind, WatchAlert, WatchItem};
pub use words::Words;

uniffi::setup_scaffolding!();
