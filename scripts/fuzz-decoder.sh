#!/usr/bin/env bash
# Long, time-boxed libFuzzer runs of the two pixel targets, `qr_luma` (camera frames) and
# `image_decode` (PNG/JPEG/WebP files), which reach zxing-cpp's C++ reader, our fast pass,
# rqrr and our own QR reader. Issue 20 asks for one CPU-hour each with 0 crashes.
#
#   scripts/fuzz-decoder.sh                 # both targets, one CPU-hour each, side by side
#   FUZZ_CPU_SECONDS=600 scripts/fuzz-decoder.sh qr_luma
#   FUZZ_DEADLINE=07:45 scripts/fuzz-decoder.sh   # also stop at this wall-clock time
#
# - Rust code: AddressSanitizer through cargo-fuzz (`-s address`; our crates forbid `unsafe`,
#   but rqrr, image and the std are in the same binary).
# - The C++ reader: built by clang with `-fsanitize=address,fuzzer-no-link` through
#   `ZXING_CPP_CFLAGS` (third_party/zxing-cpp/build.rs), so ASan checks its memory accesses and
#   libFuzzer sees its branches. libFuzzer itself is built by `cc` in the same build and must
#   not be instrumented, which is why the flags are not given as CXXFLAGS.
# - Each fuzzer runs at `nice -n 19` (it soaks up idle CPU and yields to everything else) and
#   is stopped with SIGINT when its own CPU time (utime + stime from /proc/PID/stat) reaches
#   FUZZ_CPU_SECONDS, or at FUZZ_DEADLINE, so libFuzzer prints its final stats; the log then
#   says how many executions it got. `-timeout=120`: at nice 19 under load a starved process
#   would trip a shorter wall-clock alarm on inputs that take well under a second alone.
#
# Needs: nightly Rust or stable with RUSTC_BOOTSTRAP=1, cargo-fuzz (`cargo install cargo-fuzz
# --locked`), clang 16 or later (Debian 12: `clang-16`). Logs: fuzz/logs/<target>.log; crashes land in
# fuzz/artifacts/<target>/ (replay one with
#   cd fuzz && cargo run --release --bin fuzz-replay -- --corpus artifacts <target>).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

CPU_SECONDS="${FUZZ_CPU_SECONDS:-3600}"
DEADLINE="${FUZZ_DEADLINE:-}"
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(qr_luma image_decode)

# zxing-cpp's C++20 (parenthesized aggregate initialization) needs clang 16 or later; Debian
# 12's default `clang` is 14, its `clang-16` package is new enough.
clang_version() { "$1" --version 2>/dev/null | grep -Eo 'version [0-9]+' | grep -Eo '[0-9]+' | head -1; }
CLANG=""
for c in clang-20 clang-19 clang-18 clang-17 clang-16 clang; do
  if command -v "$c" >/dev/null && (( $(clang_version "$c") >= 16 )); then CLANG="$c"; break; fi
done
[[ -n "$CLANG" ]] || { echo "needs clang 16 or later (Debian 12: apt-get install clang-16)" >&2; exit 2; }
CLANGXX="${CLANG/clang/clang++}"
cargo fuzz --version >/dev/null 2>&1 || { echo "needs cargo-fuzz (cargo install cargo-fuzz --locked)" >&2; exit 2; }
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi

# Seeds: QR renderings of the fixture links (fuzz-seed), as the smoke test makes them.
CARGO_TARGET_DIR="$PWD/../target" cargo run --quiet --bin fuzz-seed -- ../api-fixtures corpus

export CC="$CLANG" CXX="$CLANGXX"
export ZXING_CPP_CFLAGS="-fsanitize=address -fsanitize=fuzzer-no-link"
for t in "${TARGETS[@]}"; do
  cargo "${toolchain[@]}" fuzz build --release --features libfuzzer -s address "$t"
done
bin_dir="target/x86_64-unknown-linux-gnu/release"

mkdir -p logs
cpu_seconds() { # utime + stime of PID, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) / hz) }' "/proc/$1/stat"
}

declare -A pids
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" \
    nice -n 19 "$bin_dir/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" \
    -max_len=262144 -timeout=120 -rss_limit_mb=4096 -print_final_stats=1 \
    >"logs/$t.log" 2>&1 &
  pids[$t]=$!
  echo "$t: pid ${pids[$t]}, log fuzz/logs/$t.log"
done

deadline_epoch=""
[[ -z "$DEADLINE" ]] || deadline_epoch="$(date -d "$DEADLINE" +%s)"
while :; do
  running=0
  for t in "${!pids[@]}"; do
    pid="${pids[$t]}"
    [[ -e "/proc/$pid/stat" ]] || continue
    running=1
    used="$(cpu_seconds "$pid" 2>/dev/null || echo 0)"
    if (( used >= CPU_SECONDS )) || { [[ -n "$deadline_epoch" ]] && (( $(date +%s) >= deadline_epoch )); }; then
      echo "$t: stopping at ${used} CPU seconds"
      kill -INT "$pid" 2>/dev/null || true
    fi
  done
  (( running )) || break
  sleep 15
done

status=0
for t in "${TARGETS[@]}"; do
  wait "${pids[$t]}" || true
  log="logs/$t.log"
  runs="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1 || true)"
  # slow-unit-*: inputs over libFuzzer's 10 s report threshold, wall clock (at nice 19 a
  # starved process gets there on inputs that take a fraction of a second alone): listed,
  # not failures. Replay them uninstrumented to see their real time.
  crashes="$(find "artifacts/$t" -type f ! -name 'slow-unit-*' | wc -l)"
  slow="$(find "artifacts/$t" -type f -name 'slow-unit-*' | wc -l)"
  echo "$t: ${runs:-?} executions, $crashes crash/timeout/oom/leak artifacts, $slow slow units"
  (( crashes == 0 )) || status=1
done
exit "$status"
