//! What the registry's command-line tests share: running the built binary.

#![allow(
    dead_code,
    clippy::expect_used,
    reason = "each test crate uses what it needs; a panic here is a failed test"
)]

use std::process::{Command, Output};

/// Runs `trustlabel-registry` with `args` and waits for it.
pub fn registry(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trustlabel-registry"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The process's standard error, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
