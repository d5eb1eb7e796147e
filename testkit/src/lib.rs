//! trustlabel-testkit: what tests and benches need to exercise trustlabel against a registry,
//! kept out of the production crates (only dev-dependencies and test binaries use it).
//!
//! - [`LoopbackRegistry`]: a registry on `127.0.0.1` that answers as `serve` does (the same
//!   [`trustlabel_registry::http`] rules) and lets a test change its answers, inject a
//!   [`Fault`] (status, delay, truncated body) and count requests.
//! - [`fixtures`]: the fixture keys ([`FixtureKeys`], TEST ONLY: their private halves are
//!   committed in `api-fixtures/keys/`), the demo products, and the reproducible generator
//!   of `api-fixtures/` and `core/trust/` (the `trustlabel-fixtures` binary).
//!
//! The crate also re-exports the registry's public items (`pub use trustlabel_registry::*`),
//! so the workspace's `trustlabel-registry` dependency key can name this crate for the
//! `tests/` crate while it moves its `use` lines over (see the root `Cargo.toml`).

#![forbid(unsafe_code)]

pub mod fixtures;
mod loopback;

pub use fixtures::FixtureKeys;
pub use loopback::{Fault, LoopbackRegistry, SeenRequest, RECORDS_PATH};
