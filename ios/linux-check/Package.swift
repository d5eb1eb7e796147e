// swift-tools-version:6.0
// The iOS app's platform-free Swift, compiled and tested on Linux (ios/linux-check/run.sh copies
// this file into target/swift-check/ and links the sources there). Swift 6 language mode, so
// complete strict concurrency checking, for the bindings, the app's logic and the tests.
import Foundation
import PackageDescription

let lib = ProcessInfo.processInfo.environment["TRUSTLABEL_FFI_LIB_DIR"] ?? "lib"
let linkFFI: [LinkerSetting] = [
    .unsafeFlags(["-L", lib, "-Xlinker", "-rpath", "-Xlinker", lib,
                  // Debian's libswiftObservation.so leaves a symbol undefined (swiftlang/swift#75670).
                  "-Xlinker", "--allow-shlib-undefined"]),
]

let package = Package(
    name: "TrustLabelLinuxCheck",
    targets: [
        // The C side of the uniffi bindings: the generated header with a module map that links
        // libtrustlabel_ffi (the generated module map has no `link` line).
        .systemLibrary(name: "TrustLabelCoreFFI", path: "Sources/TrustLabelCoreFFI"),
        // The generated Swift bindings: the module the app imports as TrustLabelCore.
        .target(name: "TrustLabelCore", dependencies: ["TrustLabelCoreFFI"], path: "Sources/TrustLabelCore",
                swiftSettings: [.unsafeFlags(["-warnings-as-errors"])], linkerSettings: linkFFI),
        // Every file of ios/TrustLabel that needs no Apple-only framework.
        .target(name: "TrustLabel", dependencies: ["TrustLabelCore"], path: "Sources/TrustLabel",
                swiftSettings: [.unsafeFlags(["-warnings-as-errors"])], linkerSettings: linkFFI),
        .testTarget(name: "TrustLabelTests", dependencies: ["TrustLabel", "TrustLabelCore"], path: "Tests/TrustLabelTests",
                    swiftSettings: [.unsafeFlags(["-warnings-as-errors"])], linkerSettings: linkFFI),
    ],
    swiftLanguageModes: [.v6]
)
