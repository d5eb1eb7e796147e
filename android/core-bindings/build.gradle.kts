// Plain Kotlin/JVM: the uniffi Kotlin bindings of trustlabel-ffi, generated at build time into
// build/generated/uniffi/kotlin; no sources of its own. The app meets the bindings in
// app/.../core/CoreBindings.kt (compiled against the same generated API by ffi/kotlin-tests).
//
// The bindings are generated from a host build of the ffi crate (library mode reads the
// metadata compiled into the library, so any platform's build gives the same bindings).
// JNA is compileOnly: the app supplies the Android AAR (with libjnidispatch.so), a JVM test
// would supply the jar.
//
// The C++ part (the decoder's zxing-cpp reader, third_party/zxing-cpp): the host build here
// compiles it with the host's C++ compiler through the `cc` crate (g++ or clang++, C++20; no
// cmake). The Android libraries are built by :app's cargoNdkBuild: cargo-ndk 3+ points `cc`
// at the NDK's clang++ for each ABI and the build script links libc++ statically
// (c++_static + c++abi), so libtrustlabel_ffi.so needs no libc++_shared.so beside it.
plugins {
    alias(libs.plugins.kotlin.jvm)
}

// No jvmToolchain (it needs a toolchain resolver where only another JDK is installed): any
// JDK 17+ runs the build, the bytecode targets 17.
java {
    sourceCompatibility = JavaVersion.VERSION_17
    targetCompatibility = JavaVersion.VERSION_17
}
kotlin {
    compilerOptions { jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17) }
}

val repoRoot: File = rootProject.layout.projectDirectory.asFile.parentFile
val osName = System.getProperty("os.name").lowercase()
// Cargo's target folder: CARGO_TARGET_DIR when set (relative to the workspace, where cargo
// runs), else <workspace>/target.
val cargoTargetDir: File = providers.environmentVariable("CARGO_TARGET_DIR").orNull
    ?.takeIf { it.isNotBlank() }?.let { repoRoot.resolve(it) } ?: repoRoot.resolve("target")
val hostLibrary: File = cargoTargetDir.resolve(
    "debug/" + when {
        "mac" in osName -> "libtrustlabel_ffi.dylib"
        "windows" in osName -> "trustlabel_ffi.dll"
        else -> "libtrustlabel_ffi.so"
    },
)
val bindingsDir = layout.buildDirectory.dir("generated/uniffi/kotlin")

val buildHostFfiLibrary by tasks.registering(Exec::class) {
    description = "cargo build -p trustlabel-ffi (host), the input of uniffi-bindgen."
    group = "rust"
    workingDir(repoRoot)
    commandLine("cargo", "build", "-p", "trustlabel-ffi")
    // Cargo decides what is up to date; always ask it.
    outputs.upToDateWhen { false }
}

val generateUniffiBindings by tasks.registering(Exec::class) {
    description = "Generates the Kotlin bindings of trustlabel-ffi with uniffi-bindgen (library mode)."
    group = "rust"
    dependsOn(buildHostFfiLibrary)
    inputs.file(hostLibrary)
    // ffi/uniffi.toml (package name, cdylib name) is found by uniffi through cargo metadata;
    // uniffi 0.32's --config wants a different (global) format, so it is not passed.
    inputs.file(repoRoot.resolve("ffi/uniffi.toml"))
    outputs.dir(bindingsDir)
    workingDir(repoRoot)
    val out = bindingsDir.get().asFile
    doFirst { out.deleteRecursively(); out.mkdirs() }
    commandLine(
        "cargo", "run", "-p", "uniffi-bindgen", "--",
        "generate", "--library", hostLibrary.absolutePath,
        "--language", "kotlin",
        "--out-dir", out.absolutePath,
        "--no-format",
    )
}

kotlin {
    sourceSets.named("main") {
        // A task as a source dir: Gradle runs the generation before compiling.
        kotlin.srcDir(generateUniffiBindings)
    }
}

dependencies {
    implementation(project(":app-logic"))
    implementation(libs.kotlinx.coroutines.core)
    compileOnly(libs.jna)
}
