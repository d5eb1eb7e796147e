#!/usr/bin/env bash
# Runs every test of the project: the Rust workspace, then the Kotlin tests on the desktop JVM
# (the presentation layer and the generated uniffi bindings against the host-built library).
# Installs what it needs (the Kotlin compiler from npm, JNA from Debian) into .tools/.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "Rust: every crate's tests"
cargo test --workspace --locked

step "Kotlin toolchain"
bash scripts/kotlin-toolchain.sh

if [[ -x ffi/kotlin-tests/run.sh ]]; then
    step "Kotlin: uniffi bindings on the JVM"
    ffi/kotlin-tests/run.sh
fi

step "Kotlin: app presentation layer on the JVM"
android/app-logic/run-jvm-tests.sh

step "All tests passed"
