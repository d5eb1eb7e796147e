#!/usr/bin/env bash
# Installs the Kotlin/JVM toolchain used by the JVM tests of android/app-logic (and, later, by
# the uniffi Kotlin binding tests) into <repo>/.tools/, without Gradle or the Android SDK.
#
#   - kotlinc from the npm package `kotlin-compiler` (exact version pinned below); it also ships
#     kotlinx-coroutines-core-jvm.jar and kotlin-test.jar in its lib/ folder;
#   - JNA from Debian's `libjna-java` (/usr/share/java/jna.jar), installed with apt-get if missing.
#
# Idempotent and fast when everything is already there. Writes .tools/kotlin-env.sh, which
# exports KOTLIN_HOME, KOTLINC, KOTLIN_STDLIB_JAR, KOTLIN_TEST_JAR, KOTLIN_COROUTINES_JAR and
# JNA_JAR; `source` it, or source this script (it exports the same variables).
#
# Usage: bash scripts/kotlin-toolchain.sh        # install / check, print the paths
#        source scripts/kotlin-toolchain.sh      # same, and export the variables in this shell
# Needs: bash, node + npm, java (17+), and apt-get (Debian/Ubuntu) unless JNA is already present.
# Set JNA_JAR to use a jna.jar from elsewhere (skips apt-get).

_ktc_main() {
    set -euo pipefail
    local kotlin_version="2.4.20"
    local repo_root tools prefix start
    repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    tools="$repo_root/.tools"
    prefix="$tools/kotlin-compiler-$kotlin_version"
    start=$(date +%s)

    _ktc_log() { echo "kotlin-toolchain: $*" >&2; }

    command -v java >/dev/null || { _ktc_log "java not found (install openjdk-17-jdk-headless)"; return 1; }

    # --- kotlinc (npm) ---------------------------------------------------------------------
    local home="$prefix/node_modules/kotlin-compiler"
    if [[ -x "$home/bin/kotlinc" && -f "$home/lib/kotlinx-coroutines-core-jvm.jar" \
          && -f "$prefix/.installed" ]]; then
        _ktc_log "kotlin-compiler $kotlin_version already installed"
    else
        command -v npm >/dev/null || { _ktc_log "npm not found (install nodejs + npm)"; return 1; }
        _ktc_log "installing kotlin-compiler@$kotlin_version with npm into ${prefix#"$repo_root"/}"
        mkdir -p "$prefix"
        # A private package.json keeps npm from walking up into a parent project.
        [[ -f "$prefix/package.json" ]] || echo '{"name":"trustlabel-tools","private":true}' > "$prefix/package.json"
        npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
            "kotlin-compiler@$kotlin_version" >&2
        chmod +x "$home"/bin/* 2>/dev/null || true
        touch "$prefix/.installed"
    fi
    local f
    for f in "$home/bin/kotlinc" "$home/lib/kotlinx-coroutines-core-jvm.jar" \
             "$home/lib/kotlin-stdlib.jar"; do
        [[ -e "$f" ]] || { _ktc_log "missing after install: $f"; rm -f "$prefix/.installed"; return 1; }
    done
    local installed_version
    installed_version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$home/package.json" | head -n1)
    if [[ "$installed_version" != "$kotlin_version" ]]; then
        _ktc_log "expected kotlin-compiler $kotlin_version, found $installed_version"; return 1
    fi

    # --- JNA (Debian libjna-java) ------------------------------------------------------------
    local jna="${JNA_JAR:-/usr/share/java/jna.jar}"
    if [[ ! -f "$jna" ]]; then
        command -v apt-get >/dev/null || { _ktc_log "no $jna and no apt-get: set JNA_JAR"; return 1; }
        local sudo=""
        [[ $(id -u) -eq 0 ]] || sudo="sudo"
        _ktc_log "installing libjna-java with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        # Try without refreshing the index first (fast when the lists are current).
        if ! $sudo apt-get install -y -qq --no-install-recommends libjna-java >&2; then
            $sudo apt-get update -qq >&2
            $sudo apt-get install -y -qq --no-install-recommends libjna-java >&2
        fi
    fi
    [[ -f "$jna" ]] || { _ktc_log "JNA jar not found at $jna"; return 1; }
    # keep the stable path (/usr/share/java/jna.jar is a symlink to the versioned jar)

    # --- environment file --------------------------------------------------------------------
    local test_jar=""
    [[ -f "$home/lib/kotlin-test.jar" ]] && test_jar="$home/lib/kotlin-test.jar"
    mkdir -p "$tools"
    local env_file="$tools/kotlin-env.sh" tmp
    tmp="$(mktemp "$tools/.kotlin-env.XXXXXX")"
    cat > "$tmp" <<EOF
# Written by scripts/kotlin-toolchain.sh; source it.
export KOTLIN_VERSION="$kotlin_version"
export KOTLIN_HOME="$home"
export KOTLINC="$home/bin/kotlinc"
export KOTLIN_STDLIB_JAR="$home/lib/kotlin-stdlib.jar"
export KOTLIN_TEST_JAR="$test_jar"
export KOTLIN_COROUTINES_JAR="$home/lib/kotlinx-coroutines-core-jvm.jar"
export JNA_JAR="$jna"
EOF
    mv "$tmp" "$env_file"
    cat "$env_file" | sed -n 's/^export //p'
    _ktc_log "ready in $(( $(date +%s) - start )) s; env file: ${env_file#"$repo_root"/}"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    _ktc_main "$@"
else
    # Sourced: run in a subshell so `set -e` does not leak, then export the variables here.
    if ( _ktc_main "$@" ) >/dev/null; then
        # shellcheck disable=SC1091
        source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/kotlin-env.sh"
    else
        echo "kotlin-toolchain: failed" >&2
        return 1
    fi
fi
