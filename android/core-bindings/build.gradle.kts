// Plain Kotlin/JVM: the uniffi Kotlin bindings of trustlabel-ffi, generated at build time into
// build/generated/uniffi/kotlin, plus CoreAdapter.kt, the ONE file that calls them and maps them
// onto :app-logic's types.
//
// The bindings are generated from a host build of the ffi crate (library mode reads the
// metadata compiled into the library, so any platform's build gives the same bindings).
// JNA is compileOnly: the app supplies the Android AAR (with libjnidispatch.so), a JVM test
// would supply the jar.
plugins {
    alias(libs.plugins.kotlin.jvm)
}

kotlin {
    jvmToolchain(17)
}

val repoRoot: File = rootProject.layout.projectDirectory.asFile.parentFile
val osName = System.getProperty("os.name").lowercase()
val hostLibrary: File = repoRoot.resolve(
    "target/debug/" + when {
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
