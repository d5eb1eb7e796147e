#!/usr/bin/env bash
# Builds the Rust core for iOS and packages it for the Xcode project (macOS + Xcode only):
#   build/TrustLabelFFI.xcframework      static libtrustlabel_ffi.a for device and simulator,
#                                        with the uniffi C header and module map
#   TrustLabelFFI/Generated/*.swift      the uniffi Swift bindings
# Then: xcodegen generate && open TrustLabel.xcodeproj
#
# Env: PROFILE=mobile (default; size-optimised, see the workspace Cargo.toml) or dev.
# Needs: rustup targets aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios;
#        trustlabel-ffi with crate-type including "staticlib".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
profile="${PROFILE:-mobile}"
profile_dir="$profile"; [[ "$profile" == dev ]] && profile_dir=debug
lib=libtrustlabel_ffi.a
out="$here/build"
generated="$here/TrustLabelFFI/Generated"

[[ "$(uname)" == Darwin ]] || { echo "build-xcframework.sh needs macOS with Xcode" >&2; exit 1; }
cd "$repo"

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${targets[@]}" >/dev/null
export IPHONEOS_DEPLOYMENT_TARGET=17.0
for t in "${targets[@]}"; do
    echo "== cargo build --target $t --profile $profile" >&2
    cargo build -p trustlabel-ffi --lib --target "$t" --profile "$profile"
done

# Bindings: library mode reads the uniffi metadata compiled into the library. The host
# (macOS) dylib gives the same bindings as the iOS builds.
echo "== uniffi-bindgen (swift)" >&2
cargo build -p trustlabel-ffi --lib
rm -rf "$generated" "$out/headers"
mkdir -p "$generated" "$out/headers"
cargo run -p uniffi-bindgen -- generate --library "target/debug/libtrustlabel_ffi.dylib" \
    --language swift --out-dir "$out/bindings" --no-format
mv "$out"/bindings/*.swift "$generated/"
cp "$out"/bindings/*.h "$out/headers/"
# One module map named module.modulemap per headers folder is what Xcode looks for.
cat "$out"/bindings/*.modulemap > "$out/headers/module.modulemap"
rm -rf "$out/bindings"

# The simulator slice is one fat library: Apple silicon + Intel simulators.
mkdir -p "$out/ios-simulator"
lipo -create \
    "target/aarch64-apple-ios-sim/$profile_dir/$lib" \
    "target/x86_64-apple-ios/$profile_dir/$lib" \
    -output "$out/ios-simulator/$lib"

rm -rf "$out/TrustLabelFFI.xcframework"
xcodebuild -create-xcframework \
    -library "target/aarch64-apple-ios/$profile_dir/$lib" -headers "$out/headers" \
    -library "$out/ios-simulator/$lib" -headers "$out/headers" \
    -output "$out/TrustLabelFFI.xcframework"

echo "built $out/TrustLabelFFI.xcframework and $(ls "$generated")" >&2
