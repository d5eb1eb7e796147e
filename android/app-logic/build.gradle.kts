// Plain Kotlin/JVM: the presentation layer (no Android, no bindings). Its tests use a small
// in-house harness (src/test/kotlin/.../testing/Suite.kt) and kotlin.test assertions, so they
// also run without Gradle: see run-jvm-tests.sh.
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

dependencies {
    implementation(libs.kotlinx.coroutines.core)
    testImplementation(libs.kotlin.test)
}

val jvmTests by tasks.registering(JavaExec::class) {
    description = "Runs app-logic's tests with the in-house harness (same as run-jvm-tests.sh)."
    group = LifecycleBasePlugin.VERIFICATION_GROUP
    val test = sourceSets.test.get()
    classpath = test.runtimeClasspath
    mainClass.set("org.trustlabel.logic.testing.SuiteKt")
    args(test.output.classesDirs.files.map { it.absolutePath })
    val android = rootProject.layout.projectDirectory
    systemProperty("trustlabel.android.res", android.dir("app/src/main/res").asFile.absolutePath)
    systemProperty("trustlabel.android.kotlin", android.dir("app/src/main/kotlin").asFile.absolutePath)
    systemProperty("trustlabel.ios.res", android.dir("../ios/TrustLabel/Resources").asFile.absolutePath)
    systemProperty("user.language", "en")
    systemProperty("user.country", "US")
    systemProperty("user.timezone", "America/New_York")
    inputs.dir(android.dir("app/src/main/res"))
    inputs.dir(android.dir("../ios/TrustLabel/Resources"))
}

// `gradle :app-logic:test` runs the harness (there are no JUnit tests to discover).
tasks.named<Test>("test") {
    enabled = false
    dependsOn(jvmTests)
}
tasks.named("check") { dependsOn(jvmTests) }
