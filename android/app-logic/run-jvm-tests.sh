#!/usr/bin/env bash
# Compiles android/app-logic (main + test) with plain kotlinc and runs its tests on the JVM:
# no Gradle, no Android SDK. Prints one line a test and, last, "N passed, N failed".
# Exit status: non-zero when compilation fails, a test fails, or no test ran.
#
# Usage: android/app-logic/run-jvm-tests.sh [filter]     # filter: substring of "Suite > test name"
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

# Installs kotlinc + jars on first use; a no-op (well under a second) afterwards.
bash "$repo/scripts/kotlin-toolchain.sh" >/dev/null
# shellcheck disable=SC1091
source "$repo/.tools/kotlin-env.sh"
[[ -n "${KOTLIN_TEST_JAR:-}" ]] || { echo "kotlin-test.jar not found in $KOTLIN_HOME/lib" >&2; exit 1; }

out="$here/build/jvm-tests"
rm -rf "$out"
mkdir -p "$out/main" "$out/test"

export JAVA_OPTS="${JAVA_OPTS:--Xss4m}"
kotlinc_flags=(-jvm-target 17 -no-reflect)
main_cp="$KOTLIN_COROUTINES_JAR"

echo "compiling app-logic (main) with kotlinc $KOTLIN_VERSION" >&2
"$KOTLINC" "${kotlinc_flags[@]}" -cp "$main_cp" -d "$out/main" \
    $(find "$here/src/main/kotlin" -name '*.kt' | sort) 2>&1 | grep -v '^warning: unable to find kotlin-stdlib.jar' >&2 || true
[[ -n "$(find "$out/main" -name '*.class' -print -quit)" ]] || { echo "app-logic (main) did not compile" >&2; exit 1; }

echo "compiling app-logic (test)" >&2
"$KOTLINC" "${kotlinc_flags[@]}" -cp "$out/main:$main_cp:$KOTLIN_TEST_JAR" -d "$out/test" \
    $(find "$here/src/test/kotlin" -name '*.kt' | sort) 2>&1 | grep -v '^warning: unable to find kotlin-stdlib.jar' >&2 || true
[[ -n "$(find "$out/test" -name '*.class' -print -quit)" ]] || { echo "app-logic (test) did not compile" >&2; exit 1; }

cd "$here"
exec java -Xss4m -ea \
    -Duser.language=en -Duser.country=US -Duser.timezone=America/New_York \
    -Dtrustlabel.test.filter="${1:-}" \
    -Dtrustlabel.android.res="$repo/android/app/src/main/res" \
    -Dtrustlabel.android.kotlin="$repo/android/app/src/main/kotlin" \
    -Dtrustlabel.ios.res="$repo/ios/TrustLabel/Resources" \
    -cp "$out/test:$out/main:$KOTLIN_STDLIB_JAR:$KOTLIN_COROUTINES_JAR:$KOTLIN_TEST_JAR" \
    org.trustlabel.logic.testing.SuiteKt "$out/test"
