// The Android app. Kotlin is compiled by AGP 9's built-in Kotlin support (no kotlin-android plugin).
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.compose)
}

val abis: List<String> = providers.gradleProperty("trustlabel.abis").getOrElse("arm64-v8a,armeabi-v7a,x86_64")
    .split(',').map { it.trim() }.filter { it.isNotEmpty() }
val cargoProfile: String = providers.gradleProperty("trustlabel.cargoProfile").getOrElse("mobile")
val minSdkVersion: Int = libs.versions.minSdk.get().toInt()
val repoRoot: File = rootProject.layout.projectDirectory.asFile.parentFile

// The deployment's trust: a signed trust list and the root key it is signed by. The defaults are
// the demo registry's files (signed by the project's TEST-ONLY root); a real deployment passes
// -Ptrustlabel.trustList=... -Ptrustlabel.trustAnchor=... (or sets them in gradle.properties).
val trustListFile: File = file(
    providers.gradleProperty("trustlabel.trustList").getOrElse(repoRoot.resolve("core/trust/default-trust-list.jws.json").path),
)
val trustAnchorFile: File = file(
    providers.gradleProperty("trustlabel.trustAnchor").getOrElse(repoRoot.resolve("core/trust/root-anchors.json").path),
)
// Empty: the registries' real origins. A loopback demo registry on the emulator:
// -Ptrustlabel.registryOrigin=http://127.0.0.1:8080 with `adb reverse tcp:8080 tcp:8080` (the core
// refuses plain http except to loopback, so http://10.0.2.2:8080 is refused: see README).
// The host whose https://<host>/l/... label links the app claims (App Links, autoVerify).
val labelHost: String = providers.gradleProperty("trustlabel.labelHost").getOrElse("demo.trustlabel.dev")
val registryOrigin: String = providers.gradleProperty("trustlabel.registryOrigin").getOrElse("")
// Where the deployment publishes its signed trust list (https), set with trustlabel.trustList.
// Default: the demo registry's, matching the default list. Empty: no refresh (the app keeps the
// list it ships until an update or a pack brings a newer one).
val trustListUrl: String = providers.gradleProperty("trustlabel.trustListUrl")
    .getOrElse("https://demo.trustlabel.dev/trust/trust-list.jws.json")

android {
    namespace = "org.trustlabel.app"
    compileSdk = libs.versions.compileSdk.get().toInt()
    ndkVersion = libs.versions.ndk.get()

    defaultConfig {
        applicationId = "org.trustlabel.app"
        minSdk = minSdkVersion
        targetSdk = libs.versions.targetSdk.get().toInt()
        versionCode = 1
        versionName = "0.1.0"
        ndk { abiFilters += abis }
        buildConfigField("String", "REGISTRY_ORIGIN", "\"${registryOrigin.replace("\"", "")}\"")
        buildConfigField("String", "TRUST_LIST_URL", "\"${trustListUrl.replace("\"", "")}\"")
        buildConfigField("String", "LABEL_HOST", "\"${labelHost.replace("\"", "")}\"")
        manifestPlaceholders["labelHost"] = labelHost
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    buildFeatures {
        compose = true
        buildConfig = true
    }

    androidResources {
        // Per-app language picker (Android 13+): en-US (default, see res/resources.properties), es.
        generateLocaleConfig = true
    }
}

// No jvmToolchain: with no toolchain resolver it fails where only another JDK is installed
// (Android Studio's bundled JDK 21). Any JDK 17+ runs the build; the bytecode targets 17.
kotlin {
    compilerOptions { jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17) }
}

// --- The Rust library: cargo-ndk builds libtrustlabel_ffi.so for each ABI into src/main/jniLibs
// (git-ignored), where AGP packages it. Cargo decides what needs rebuilding, so the task always runs.
val cargoNdkBuild by tasks.registering(Exec::class) {
    description = "cargo ndk: builds trustlabel-ffi for ${abis.joinToString()} into app/src/main/jniLibs."
    group = "rust"
    // Run from android/: cargo finds the workspace (../Cargo.toml) by walking up.
    workingDir(rootProject.layout.projectDirectory.asFile)
    commandLine(
        buildList {
            addAll(listOf("cargo", "ndk"))
            abis.forEach { addAll(listOf("-t", it)) }
            addAll(listOf("--platform", minSdkVersion.toString()))
            addAll(listOf("-o", "app/src/main/jniLibs"))
            addAll(listOf("build", "--profile", cargoProfile, "-p", "trustlabel-ffi"))
        },
    )
    // A local of the registration, not a script-level val: the configuration cache cannot
    // serialize a doFirst that reaches the build script object.
    val ndkDirectory = androidComponents.sdkComponents.ndkDirectory
    val ndkFromEnvironment = providers.environmentVariable("ANDROID_NDK_HOME")
    doFirst {
        // cargo-ndk finds the NDK through ANDROID_NDK_HOME; default to the project's ndkVersion.
        if (ndkFromEnvironment.orNull.isNullOrEmpty()) {
            (this as Exec).environment("ANDROID_NDK_HOME", ndkDirectory.get().asFile.absolutePath)
        }
    }
    outputs.upToDateWhen { false }
}
tasks.named("preBuild") { dependsOn(cargoNdkBuild) }

/** Copies the deployment's trust files into a generated res/raw (R.raw.trust_list, R.raw.trust_anchor). */
abstract class TrustFilesTask : DefaultTask() {
    @get:InputFile abstract val trustList: RegularFileProperty
    @get:InputFile abstract val trustAnchor: RegularFileProperty
    @get:OutputDirectory abstract val outputDir: DirectoryProperty

    @TaskAction
    fun copy() {
        val raw = outputDir.get().dir("raw").asFile
        raw.deleteRecursively()
        raw.mkdirs()
        trustList.get().asFile.copyTo(File(raw, "trust_list.json"), overwrite = true)
        trustAnchor.get().asFile.copyTo(File(raw, "trust_anchor.json"), overwrite = true)
    }
}
val trustFiles = tasks.register<TrustFilesTask>("trustFiles") {
    trustList.set(trustListFile)
    trustAnchor.set(trustAnchorFile)
    outputDir.set(layout.buildDirectory.dir("generated/trust/res"))
}
androidComponents {
    onVariants { variant -> variant.sources.res?.addGeneratedSourceDirectory(trustFiles, TrustFilesTask::outputDir) }
}

dependencies {
    implementation(project(":app-logic"))
    implementation(project(":core-bindings"))
    // The uniffi bindings call the Rust library through JNA; the AAR carries libjnidispatch.so
    // for every Android ABI (the plain jar only has desktop ones).
    implementation(variantOf(libs.jna) { artifactType("aar") })
    implementation(libs.kotlinx.coroutines.android)

    implementation(libs.androidx.core.ktx)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.runtime.compose)
    implementation(libs.androidx.lifecycle.viewmodel.compose)
    implementation(libs.androidx.navigation.compose)

    implementation(platform(libs.compose.bom))
    implementation(libs.compose.ui)
    implementation(libs.compose.material3)
    implementation(libs.compose.material.icons.core)
    implementation(libs.compose.ui.tooling.preview)
    debugImplementation(libs.compose.ui.tooling)

    implementation(libs.camera.core)
    implementation(libs.camera.camera2)
    implementation(libs.camera.lifecycle)
    implementation(libs.camera.compose)
}
