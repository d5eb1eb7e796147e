#!/usr/bin/env bash
# Builds the Rust core for iOS and packages it for the Xcode project (macOS + Xcode only):
#   build/TrustLabelCoreFFI.xcframework  static libtrustlabel_ffi.a for device and simulator,
#                                        with the uniffi C header and module map (TrustLabelCoreFFI)
#   TrustLabelCore/Generated/*.swift     the uniffi Swift bindings (module name from ffi/uniffi.toml)
# Then: xcodegen generate && open TrustLabel.xcodeproj
#
# Env: PROFILE=mobile (default; size-optimised, see the workspace Cargo.toml) or dev.
# Needs: rustup targets aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
#        (trustlabel-ffi builds a staticlib for iOS).
#
# The C++ part: the decoder's zxing-cpp reader (third_party/zxing-cpp) is compiled into the
# same static library by the `cc` crate, with Xcode's clang (found through xcrun, per SDK),
# C++20 and libc++. Its objects get the same minimum OS as the Rust code from
# IPHONEOS_DEPLOYMENT_TARGET (cc passes -miphoneos-version-min / -mios-simulator-version-min).
# A static library carries no link flags, so the app target links libc++ itself:
# OTHER_LDFLAGS = -lc++ (Xcode adds it on its own only when the target has C++ sources).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
profile="${PROFILE:-mobile}"
profile_dir="$profile"; [[ "$profile" == dev ]] && profile_dir=debug
lib=libtrustlabel_ffi.a
out="$here/build"
generated="$here/TrustLabelCore/Generated"

[[ "$(uname)" == Darwin ]] || { echo "build-xcframework.sh needs macOS with Xcode" >&2; exit 1; }
cd "$repo"

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${targets[@]}" >/dev/null
export IPHONEOS_DEPLOYMENT_TARGET=17.0
for t in "${targets[@]}"; do
    echo "== cargo build --target $t --profile $profile" >&2
    cargo build -p trustlabel-ffi --lib --target "$t" --profile "$profile"
    # The C++ reader must be in the archive, built against libc++ (std::__1), not libstdc++.
    if ! nm "target/$t/$profile_dir/$lib" 2>/dev/null | grep -q 'NSt3__1'; then
        echo "target/$t/$profile_dir/$lib: no libc++ (std::__1) symbols: was zxing-cpp's C++ built?" >&2
        exit 1
    fi
done

# Bindings: library mode reads the uniffi metadata compiled into the library. The host
# (macOS) dylib gives the same bindings as the iOS builds. ffi/uniffi.toml is found through
# cargo metadata (uniffi 0.32's --config expects another format, so it is not passed).
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

rm -rf "$out/TrustLabelCoreFFI.xcframework"
xcodebuild -create-xcframework \
    -library "target/aarch64-apple-ios/$profile_dir/$lib" -headers "$out/headers" \
    -library "$out/ios-simulator/$lib" -headers "$out/headers" \
    -output "$out/TrustLabelCoreFFI.xcframework"

echo "built $out/TrustLabelCoreFFI.xcframework and $(ls "$generated")" >&2
echo "the app target links libc++ for the decoder's C++ reader: OTHER_LDFLAGS = -lc++" >&2
