#!/usr/bin/env bash
# Runs every test of the project: the Rust workspace; the Kotlin tests on the desktop JVM (the
# generated uniffi bindings against the host-built library, and the app presentation layer);
# the registry behind a real nginx, against its OpenAPI description (schemathesis) and in a
# real browser with axe-core; and a short fuzz smoke run. Installs what it needs: the Kotlin
# compiler (npm) and JNA (Debian) into .tools/, nginx and chromium (apt), schemathesis (pip,
# into a venv under target/), playwright-core and axe-core (npm ci in registry/web-tests).
#
# SKIP_WEB=1 skips the browser, nginx and OpenAPI steps; SKIP_FUZZ=1 the fuzz smoke run;
# SKIP_SWIFT=1 the Swift step (a Debian trixie root with swiftlang, made once under .tools/; not
# skipped when CI is set).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "C++ compiler for zxing-cpp's reader (third_party/zxing-cpp, built by cargo with cc; no cmake)"
command -v c++ >/dev/null || command -v g++ >/dev/null || command -v clang++ >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq g++; }

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

if [[ "${SKIP_SWIFT:-0}" != 1 || -n "${CI:-}" ]]; then
    step "Swift: bindings + the iOS app's platform-free code, Swift 6 on Linux (XCTest)"
    ios/linux-check/run.sh
fi

if [[ "${SKIP_WEB:-0}" != 1 ]]; then
    step "Registry: static export behind nginx, scanned end to end"
    bash scripts/registry-nginx-test.sh

    step "Registry: serve against api-fixtures/openapi.yaml (schemathesis)"
    bash scripts/registry-openapi-test.sh

    step "Registry: consumer pages in headless chromium with axe-core (WCAG 2.2 A/AA)"
    bash scripts/registry-web-tests.sh
fi

if [[ "${SKIP_FUZZ:-0}" != 1 ]]; then
    step "Fuzz smoke run (every target a few seconds)"
    FUZZ_SECONDS="${FUZZ_SECONDS:-4}" bash scripts/fuzz-smoke.sh
fi

step "All tests passed"
