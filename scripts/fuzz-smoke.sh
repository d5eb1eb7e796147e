#!/usr/bin/env bash
# Fuzz smoke test for CI: about a minute in all. Seeds the corpus from api-fixtures/, then
# runs every fuzz target (fuzz/src/lib.rs) for a few seconds each.
#
# With cargo-fuzz installed (cargo install cargo-fuzz) it runs libFuzzer with coverage
# guidance; stable Rust is made to accept cargo-fuzz's nightly flags with RUSTC_BOOTSTRAP=1.
# Without it (or with FUZZ_MODE=replay) it runs the stable replay runner: the corpus, then
# random mutations, no coverage guidance.
#
# Long run (the issue asks for >= 10 million executions per target), one target at a time:
#   cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run --release --features libfuzzer -s none <target> \
#       corpus/<target> -- -runs=10000000 -max_len=262144 -timeout=10 -rss_limit_mb=2048
# `-s none` drops AddressSanitizer: every crate of ours forbids `unsafe`, so what the long run
# looks for is panics, stalls and memory blow-ups, and without ASan it runs 3 to 5 times faster.
# Measured here (2 cores, one run at a time): link ~5,100/s, verify_record ~4,500/s,
# trust_list ~5,200/s, pack_import ~3,500/s, qr_luma ~75/s, image_decode ~18/s.
# Targets: link jws_envelope verify_record statement_json trust_list pack_import qr_luma
# image_decode. Crashes land in fuzz/artifacts/<target>/; replay one with
#   cd fuzz && cargo run --release --bin fuzz-replay -- --corpus artifacts <target>
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-6}"
TARGETS=(link jws_envelope verify_record statement_json trust_list pack_import qr_luma image_decode)

# The seeder and the replay runner build in the main workspace's debug target: the fuzz
# workspace's lock file pins the same versions, so after the Rust tests nearly everything is
# built already (a separate release tree cost CI a cold 6-7 minute build).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/../target}"
cargo run --quiet --bin fuzz-seed -- ../api-fixtures corpus

mode="${FUZZ_MODE:-auto}"
if [[ "$mode" == auto ]]; then
  if cargo fuzz --version >/dev/null 2>&1; then mode=libfuzzer; else mode=replay; fi
fi

if [[ "$mode" == libfuzzer ]]; then
  # cargo-fuzz builds with its own flags (coverage, sanitizer): its own target tree.
  unset CARGO_TARGET_DIR
  export RUSTC_BOOTSTRAP=1
  cargo fuzz build --release --features libfuzzer >/dev/null
  status=0
  for t in "${TARGETS[@]}"; do
    log="$(mktemp)"
    if cargo fuzz run --release --features libfuzzer "$t" "corpus/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=262144 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
      crashes=0
    else
      crashes=1
      status=1
    fi
    runs="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')"
    echo "$t: $runs executions, $crashes crashes (libFuzzer)"
    [[ $crashes == 0 ]] || tail -n 40 "$log"
    rm -f "$log"
  done
  exit "$status"
else
  cargo run --quiet --bin fuzz-replay -- --seconds "$SECONDS_PER_TARGET" "${TARGETS[@]}"
fi
