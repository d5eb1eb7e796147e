//! trustlabel-testkit: what tests and benches need to exercise trustlabel against a registry,
//! kept out of the production crates (only dev-dependencies and test binaries use it).
//!
//! - [`LoopbackRegistry`]: a registry on `127.0.0.1` that answers as `serve` does (the same
//!   [`trustlabel_registry::http`] rules) and lets a test change its answers, inject a
//!   [`Fault`] (status, delay, truncated body) and count requests.
//! - [`fixtures`]: the fixture keys ([`fixtures::FixtureKeys`], TEST ONLY: their private
//!   halves are committed in `api-fixtures/keys/`), the demo products, and the reproducible
//!   generator of `api-fixtures/` and `core/trust/` (the `trustlabel-fixtures` binary).
//!
//! The registry's own types are reached through `trustlabel_registry`, never through here.

#![forbid(unsafe_code)]

pub mod fixtures;
mod loopback;

pub use loopback::{Fault, LoopbackRegistry, SeenRequest, RECORDS_PATH};
