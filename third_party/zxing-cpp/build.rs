//! Builds zxing-cpp's QR reader with the `cc` crate (no cmake): the common reader sources,
//! the QR reader, libzueci (charset conversion) and the C API the Rust wrapper calls.
//! Writers, zint and the other symbologies are not compiled: `Version.h` (written into
//! OUT_DIR) says so, and zxing-cpp's own `#if` guards leave them out.
//!
//! The C++ standard library is chosen by `cc` for the target (libstdc++ on GNU/Linux, libc++
//! on Apple targets), except on Android, where the NDK ships only libc++: it is linked
//! statically (`c++_static` + `c++abi`) so the one `.so` the app loads carries it. Set
//! `CXXSTDLIB` (or `CXXSTDLIB_<target>`) to choose otherwise, e.g. `c++_shared`, which under
//! `cargo ndk -o DIR` also copies the NDK's `libc++_shared.so` into `DIR/<abi>/`.
//!
//! `ZXING_CPP_CFLAGS`: extra flags (split at spaces) for these C and C++ objects only, not
//! for other crates' C code: `scripts/fuzz-decoder.sh` builds the reader with
//! AddressSanitizer and libFuzzer's coverage (`-fsanitize=address,fuzzer-no-link`) this way,
//! while libFuzzer itself, built by `cc` in the same build, must stay uninstrumented.

use std::path::{Path, PathBuf};
use std::{env, fs};

const VERSION_H: &str = "#pragma once
#define ZXING_READERS
#define ZXING_ENABLE_1D 0
#define ZXING_ENABLE_AZTEC 0
#define ZXING_ENABLE_DATAMATRIX 0
#define ZXING_ENABLE_MAXICODE 0
#define ZXING_ENABLE_PDF417 0
#define ZXING_ENABLE_QRCODE 1
#define ZXING_VERSION_MAJOR 3
#define ZXING_VERSION_MINOR 1
#define ZXING_VERSION_PATCH 1
#define ZXING_VERSION_SUFFIX \"\"
#define ZXING_VERSION_STR \"3.1.1\"
";

/// Common sources (CMakeLists COMMON_FILES for readers, without the writer-only ones).
const COMMON: &[&str] = &[
    "Barcode.cpp",
    "BarcodeFormat.cpp",
    "BitMatrix.cpp",
    "BitMatrixIO.cpp",
    "CharacterSet.cpp",
    "CreateBarcode.cpp",
    "Content.cpp",
    "ECI.cpp",
    "Error.cpp",
    "GTIN.cpp",
    "JSON.cpp",
    "ReadBarcode.cpp",
    "ReedSolomon.cpp",
    "Utf.cpp",
    "WriteBarcode.cpp",
    "ZXingCpp.cpp",
    "ZXingC.cpp",
    "BitArray.cpp",
    "HRI.cpp",
    "BinaryBitmap.cpp",
    "BitSource.cpp",
    "ConcentricFinder.cpp",
    "GlobalHistogramBinarizer.cpp",
    "GridSampler.cpp",
    "LocalGrid.cpp",
    "HybridBinarizer.cpp",
    "MultiFormatReader.cpp",
    "PerspectiveTransform.cpp",
    "ResultPoint.cpp",
    "TextDecoder.cpp",
    "WhiteRectDetector.cpp",
];

const QRCODE: &[&str] = &[
    "qrcode/QRCodecMode.cpp",
    "qrcode/QRErrorCorrectionLevel.cpp",
    "qrcode/QRVersion.cpp",
    "qrcode/QRBitMatrixParser.cpp",
    "qrcode/QRDataBlock.cpp",
    "qrcode/QRDecoder.cpp",
    "qrcode/QRDetector.cpp",
    "qrcode/QRFormatInformation.cpp",
    "qrcode/QRReader.cpp",
];

fn main() {
    let src = Path::new("core/src");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let gen = out.join("include");
    fs::create_dir_all(&gen).expect("create OUT_DIR/include");
    fs::write(gen.join("Version.h"), VERSION_H).expect("write Version.h");

    let target = env::var("TARGET").unwrap_or_default();
    let android = target.contains("android");
    let msvc = target.contains("msvc");

    let mut cpp = cc::Build::new();
    cpp.cpp(true)
        .std("c++20")
        .include(&gen)
        .include(src)
        .define("ZXING_INTERNAL", None)
        .warnings(false);
    if !msvc {
        // Reproducible objects: no build paths in __FILE__.
        cpp.flag_if_supported(format!("-fmacro-prefix-map={}/=", src.display()));
    } else {
        cpp.flag("/utf-8").define("NOMINMAX", None);
    }
    let static_libcxx = android
        && env::var_os("CXXSTDLIB").is_none()
        && env::var_os(format!("CXXSTDLIB_{target}")).is_none()
        && env::var_os(format!("CXXSTDLIB_{}", target.replace('-', "_"))).is_none();
    if static_libcxx {
        cpp.cpp_link_stdlib("c++_static");
    }
    let extra = env::var("ZXING_CPP_CFLAGS").unwrap_or_default();
    for flag in extra.split_whitespace() {
        cpp.flag(flag);
    }
    for f in COMMON.iter().chain(QRCODE) {
        cpp.file(src.join(f));
    }
    cpp.compile("ZXing");
    if static_libcxx {
        // libc++_static needs the ABI library after it. Plain `-l` (like `cc`'s c++_static),
        // not `static=`: rustc would look for a static library itself, in its own `-L` paths
        // only, when it builds this crate's rlib, and the NDK's libc++abi.a is in the
        // sysroot, which only the NDK's clang searches, at the final link.
        println!("cargo:rustc-link-lib=c++abi");
    }
    if android && !static_libcxx {
        copy_libcxx_shared();
    }

    let mut c = cc::Build::new();
    c.file(src.join("libzueci/zueci.c"))
        .include(src.join("libzueci"))
        // Readers only: no UTF-8 to ECI conversion (that is for writers).
        .define("ZUECI_EMBED_NO_TO_ECI", None)
        .warnings(false);
    for flag in extra.split_whitespace() {
        c.flag(flag);
    }
    c.compile("zueci");

    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CXXSTDLIB");
    println!("cargo:rerun-if-env-changed=CARGO_NDK_OUTPUT_PATH");
    println!("cargo:rerun-if-env-changed=ZXING_CPP_CFLAGS");
    println!("cargo:rerun-if-changed=core/src");
}

/// With `CXXSTDLIB=c++_shared` under `cargo ndk -o DIR`, the app must ship the NDK's
/// `libc++_shared.so` beside ours: copy it to `DIR/<abi>/`, the way cargo-ndk's README shows
/// (`CARGO_NDK_SYSROOT_LIBS_PATH`, and the ABI as `CARGO_NDK_ANDROID_TARGET` or, in cargo-ndk
/// 4, `ANDROID_ABI`). Outside cargo-ndk, or with another C++ library, nothing is copied.
fn copy_libcxx_shared() {
    let target = env::var("TARGET").unwrap_or_default();
    let stdlib = env::var(format!("CXXSTDLIB_{}", target.replace('-', "_")))
        .or_else(|_| env::var(format!("CXXSTDLIB_{target}")))
        .or_else(|_| env::var("CXXSTDLIB"))
        .unwrap_or_default();
    if stdlib != "c++_shared" {
        return;
    }
    let (Some(out), Some(libs)) = (
        env::var_os("CARGO_NDK_OUTPUT_PATH"),
        env::var_os("CARGO_NDK_SYSROOT_LIBS_PATH"),
    ) else {
        return;
    };
    let Some(abi) = env::var_os("CARGO_NDK_ANDROID_TARGET").or_else(|| env::var_os("ANDROID_ABI"))
    else {
        println!("cargo:warning=CXXSTDLIB=c++_shared: no ABI from cargo-ndk, libc++_shared.so not copied");
        return;
    };
    let dir = Path::new(&out).join(abi);
    let src = Path::new(&libs).join("libc++_shared.so");
    fs::create_dir_all(&dir).expect("create the cargo-ndk output folder");
    fs::copy(&src, dir.join("libc++_shared.so"))
        .unwrap_or_else(|e| panic!("copy {} into {}: {e}", src.display(), dir.display()));
}
