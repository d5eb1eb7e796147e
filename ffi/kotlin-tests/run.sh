#!/usr/bin/env bash
# The uniffi Kotlin bindings of trustlabel-ffi, tested on the desktop JVM against the host-built
# library (no Gradle, no Android SDK; this is how uniffi tests its own Kotlin bindings):
#   1. cargo build -p trustlabel-ffi -p trustlabel-registry (debug);
#   2. uniffi-bindgen generates the Kotlin bindings from the library (library mode: the crate's
#      ffi/uniffi.toml is found through cargo metadata; uniffi 0.32's --config is a different,
#      global format);
#   3. kotlinc compiles bindings + tests (classpath: JNA, kotlinx-coroutines, kotlin-test),
#      together with the Android app's plain-Kotlin layer (app-logic) and the app's one file
#      over the bindings (android/app/.../core/CoreBindings.kt), so that file is proven against
#      the real generated API;
#   4. the fixture registry is served on loopback for the duration of the run;
#   5. java runs the tests: one line a test, then the time, then "N passed, N failed".
# Exit status: non-zero when anything fails to build, a test fails, or no test ran.
#
# Usage: ffi/kotlin-tests/run.sh [filter]      # filter: substring of a test name
set -euo pipefail

started_ms=$(date +%s%3N)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
out="$here/build"
log() { echo "kotlin-tests: $*" >&2; }

case "$(uname -s)" in
    Darwin) lib="$target/debug/libtrustlabel_ffi.dylib" ;;
    *) lib="$target/debug/libtrustlabel_ffi.so" ;;
esac

log "cargo build -p trustlabel-ffi -p trustlabel-registry"
cargo build --quiet -p trustlabel-ffi -p trustlabel-registry

rm -rf "$out"
mkdir -p "$out/kotlin" "$out/classes" "$out/work"
log "generating Kotlin bindings"
cargo run --quiet -p uniffi-bindgen -- generate --library "$lib" --language kotlin \
    --out-dir "$out/kotlin" --no-format

bash "$repo/scripts/kotlin-toolchain.sh" >/dev/null
# shellcheck disable=SC1091
source "$repo/.tools/kotlin-env.sh"
[[ -n "${KOTLIN_TEST_JAR:-}" ]] || { log "kotlin-test.jar not found in $KOTLIN_HOME/lib"; exit 1; }
cp="$JNA_JAR:$KOTLIN_COROUTINES_JAR:$KOTLIN_TEST_JAR"

log "compiling bindings + tests with kotlinc $KOTLIN_VERSION"
export JAVA_OPTS="${JAVA_OPTS:--Xss4m}"
# kotlinc's own exit status is unreliable through the npm wrapper: check for the main class.
"$KOTLINC" -jvm-target 17 -no-reflect -nowarn -cp "$cp" -d "$out/classes" \
    $(find "$out/kotlin" "$here/src" "$repo/android/app-logic/src/main/kotlin" \
        -name '*.kt' | sort) "$repo/android/app/src/main/kotlin/org/trustlabel/app/core/CoreBindings.kt" 2>&1 \
    | grep -v '^warning: unable to find kotlin-stdlib.jar' >&2 || true
[[ -f "$out/classes/dev/trustlabel/core/tests/HarnessKt.class" ]] || { log "compilation failed"; exit 1; }

log "starting the fixture registry on loopback"
"$target/debug/trustlabel-registry" serve --dir "$repo/api-fixtures" --port 0 \
    >"$out/registry.out" 2>"$out/registry.err" &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true' EXIT
base_url=""
for _ in $(seq 1 300); do
    base_url="$(head -n1 "$out/registry.out" 2>/dev/null || true)"
    [[ -n "$base_url" ]] && break
    kill -0 "$registry_pid" 2>/dev/null || { cat "$out/registry.err" >&2; log "the registry exited"; exit 1; }
    sleep 0.1
done
[[ -n "$base_url" ]] || { log "the registry printed no base URL"; exit 1; }
log "registry at $base_url"

status=0
java -Xss4m -ea \
    -Djna.library.path="$(dirname "$lib")" \
    -Dtrustlabel.registry="$base_url" \
    -Dtrustlabel.fixtures="$repo/api-fixtures" \
    -Dtrustlabel.work="$out/work" \
    -Dtrustlabel.started.ms="$started_ms" \
    -Dtrustlabel.test.filter="${1:-}" \
    -cp "$out/classes:$KOTLIN_STDLIB_JAR:$cp" \
    dev.trustlabel.core.tests.HarnessKt || status=$?
exit "$status"
