#!/usr/bin/env bash
# The iOS app's Swift compiled and tested on Linux, with Debian 13's Swift toolchain:
#   1. toolchain.sh makes (once) a trixie root with swiftlang 6.0.3 under .tools/swift-trixie
#      (SWIFT_ROOT to put it elsewhere); as root: debootstrap, chroot, bind mounts;
#   2. cargo builds trustlabel-ffi and trustlabel-registry (debug); uniffi-bindgen generates
#      the Swift bindings from the library (run from the repo root: it reads cargo metadata);
#   3. target/swift-check/ gets a Swift package: the bindings (module TrustLabelCore, over a
#      module map that links libtrustlabel_ffi), every ios/TrustLabel file that imports no
#      Apple-only framework (module TrustLabel), and ios/linux-check/Tests (XCTest); the files
#      left out are listed with the imports that keep them out;
#   4. the fixture registry is served on loopback; `swift build` then `swift test` run inside
#      the trixie root (Swift 6 language mode, complete concurrency checking, warnings as
#      errors);
#   5. last line: "N passed, N failed". Non-zero exit on any failure, or when no test ran.
# SKIP_SWIFT=1 skips all of this (quick local runs; ignored when CI is set).
set -euo pipefail

if [[ "${SKIP_SWIFT:-0}" == 1 && -z "${CI:-}" ]]; then
    echo "swift-check: skipped (SKIP_SWIFT=1)"
    exit 0
fi

started=$(date +%s)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
root="${SWIFT_ROOT:-$repo/.tools/swift-trixie}"
pkg="$repo/target/swift-check"
log() { echo "swift-check: $*" >&2; }

if [[ "$(id -u)" != 0 ]]; then
    log "needs root (chroot into the Swift toolchain's Debian root)"
    exit 1
fi

# One run at a time: two runs would share the package folder and the chroot's mounts (the
# first to finish would unmount what the other still uses).
mkdir -p "$pkg"
exec 9>"$pkg.lock"
flock 9

t0=$(date +%s)
bash "$here/toolchain.sh" "$root"
log "toolchain ready in $(($(date +%s) - t0)) s ($root)"

log "cargo build -p trustlabel-ffi -p trustlabel-registry"
cargo build --quiet -p trustlabel-ffi -p trustlabel-registry
lib="$target/debug/libtrustlabel_ffi.so"

# ---- the package ---------------------------------------------------------------------------
# Assembled in stage/, then synced into place: files that did not change keep their times, so
# SwiftPM rebuilds only what changed.
stage="$pkg/stage"
rm -rf "$stage" "$pkg/fixtures"
mkdir -p "$stage/gen" "$stage/lib" "$stage/Sources/TrustLabelCoreFFI" "$stage/Sources/TrustLabelCore" \
    "$stage/Sources/TrustLabel" "$stage/Tests/TrustLabelTests" "$pkg/fixtures"
cp "$lib" "$stage/lib/"

# Makes DST hold exactly SRC's entries: files compared by content, links by target.
sync_tree() {
    local src="$1" dst="$2" f name
    mkdir -p "$dst"
    for f in "$dst"/* ; do
        [[ -e "$f" || -L "$f" ]] || continue
        name="${f##*/}"
        [[ -e "$src/$name" || -L "$src/$name" ]] || rm -rf "$f"
    done
    for f in "$src"/* ; do
        [[ -e "$f" || -L "$f" ]] || continue
        name="${f##*/}"
        if [[ -L "$f" ]]; then
            if [[ ! -L "$dst/$name" || "$(readlink "$dst/$name")" != "$(readlink "$f")" ]]; then
                rm -rf "${dst:?}/$name"
                cp -P "$f" "$dst/$name"
            fi
        elif [[ -d "$f" ]]; then
            sync_tree "$f" "$dst/$name"
        elif ! cmp -s "$f" "$dst/$name"; then
            rm -rf "${dst:?}/$name"
            cp "$f" "$dst/$name"
        fi
    done
}

log "generating the Swift bindings"
cargo run --quiet -p uniffi-bindgen -- generate --library "$lib" --language swift \
    --out-dir "$stage/gen" --no-format
cp "$stage/gen/TrustLabelCoreFFI.h" "$stage/Sources/TrustLabelCoreFFI/"
cat >"$stage/Sources/TrustLabelCoreFFI/module.modulemap" <<'MAP'
module TrustLabelCoreFFI {
    header "TrustLabelCoreFFI.h"
    link "trustlabel_ffi"
    export *
}
MAP
cp "$stage/gen/TrustLabelCore.swift" "$stage/Sources/TrustLabelCore/"
cp "$here/Package.swift" "$stage/Package.swift"

# The app's files: all but those that need a framework only Apple systems have. Linked, not
# copied, so compiler messages name the files in ios/ (the repo is mounted at the same path).
apple_only='SwiftUI|UIKit|AVFoundation|PhotosUI|Network|CoreTransferable|UniformTypeIdentifiers|os'
compiled=()
left_out=()
apple_files=()
while IFS= read -r file; do
    rel="${file#"$repo/ios/TrustLabel/"}"
    imports="$(grep -Eo "^import +($apple_only)\$" "$file" | awk '{print $2}' | paste -sd, - || true)"
    if [[ -n "$imports" ]]; then
        left_out+=("$rel ($imports)")
        apple_files+=("$file")
    else
        compiled+=("$rel")
        ln -s "$file" "$stage/Sources/TrustLabel/$(echo "$rel" | tr / _)"
    fi
done < <(find "$repo/ios/TrustLabel" -name '*.swift' | sort)
for test in "$here"/Tests/*.swift; do
    ln -s "$test" "$stage/Tests/TrustLabelTests/$(basename "$test")"
done
for part in Package.swift Sources Tests lib gen; do
    if [[ -d "$stage/$part" ]]; then sync_tree "$stage/$part" "$pkg/$part"
    elif ! cmp -s "$stage/$part" "$pkg/$part"; then cp "$stage/$part" "$pkg/$part"; fi
done
rm -rf "$stage"
log "compiled on Linux (${#compiled[@]}): ${compiled[*]}"
log "Apple-only, not compiled here (${#left_out[@]}):"
for f in "${left_out[@]}"; do log "    $f"; done

# Label photos as luma planes (PGM), the way a camera hands them over; the JDK reads JPEG.
photos=(frame-1280x720 straight-480x360)
java "$here/LumaPlanes.java" "$repo/api-fixtures/label-photos" "$pkg/fixtures" "${photos[@]}"

# ---- the fixture registry ------------------------------------------------------------------
"$target/debug/trustlabel-registry" serve --dir "$repo/api-fixtures" --port 0 \
    >"$pkg/registry.out" 2>"$pkg/registry.err" &
registry_pid=$!

# shellcheck source=mounts.sh
source "$here/mounts.sh"
repo_mount="$root$repo"
cleanup() {
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
    umount_chroot
    if mountpoint -q "$repo_mount"; then umount "$repo_mount" || umount -l "$repo_mount"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM # through the EXIT trap: the mounts are undone on Ctrl-C or kill too

base_url=""
for _ in $(seq 1 300); do
    base_url="$(head -n1 "$pkg/registry.out" 2>/dev/null || true)"
    [[ -n "$base_url" ]] && break
    kill -0 "$registry_pid" 2>/dev/null || { cat "$pkg/registry.err" >&2; log "the registry exited"; exit 1; }
    sleep 0.1
done
[[ -n "$base_url" ]] || { log "the registry printed no base URL"; exit 1; }
log "registry at $base_url"

mount_chroot "$root"
mkdir -p "$repo_mount"
mountpoint -q "$repo_mount" || mount --bind "$repo" "$repo_mount"

in_root() {
    chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
        TRUSTLABEL_FFI_LIB_DIR="$pkg/lib" \
        TRUSTLABEL_REGISTRY="$base_url" \
        TRUSTLABEL_FIXTURES="$repo/api-fixtures" \
        TRUSTLABEL_LUMA="$pkg/fixtures" \
        TRUSTLABEL_WORK="$pkg/work" \
        bash -c "cd '$pkg' && $*"
}

# The Apple-only files cannot be type-checked here (no SDK), but they are parsed: a syntax error
# in a view fails here rather than on the first Mac that builds the app.
log "parsing the ${#apple_files[@]} Apple-only files (syntax only)"
in_root "swiftc -parse -swift-version 6 ${apple_files[*]} 2>&1" || { log "an Apple-only file does not parse"; echo "0 passed, 1 failed"; exit 1; }

t0=$(date +%s)
log "swift build (Swift 6 mode, complete concurrency checking, warnings as errors)"
in_root "swift build --build-tests -j 2 2>&1" || { log "the build failed"; echo "0 passed, 1 failed"; exit 1; }
log "built in $(($(date +%s) - t0)) s"

rm -rf "$pkg/work"
mkdir -p "$pkg/work"
status=0
in_root "swift test --skip-build 2>&1" | tee "$pkg/test.out" || status=$?
# XCTest's summary counts failed assertions; count the test cases themselves.
passed="$(grep -cE "^Test Case '.*' passed" "$pkg/test.out" || true)"
failed="$(grep -cE "^Test Case '.*' failed" "$pkg/test.out" || true)"
total=$((passed + failed))
if [[ "$total" == 0 || ( "$status" != 0 && "$failed" == 0 ) ]]; then
    # No test ran, or the test process died (a crash is a failure of the test it was in).
    log "swift test exited with status $status"
    failed=$((failed + 1))
fi
log "${#compiled[@]} files of ios/TrustLabel compiled, ${#left_out[@]} Apple-only; $total tests; $(($(date +%s) - started)) s wall"
echo "$passed passed, $failed failed"
if [[ "$status" != 0 || "$failed" != 0 || "$total" == 0 ]]; then exit 1; fi
