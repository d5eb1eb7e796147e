// Top-level build file. Declaring the Kotlin JVM plugin here (apply false) also puts
// the catalog's Kotlin Gradle plugin version on the build classpath, which raises the Kotlin that AGP 9's
// built-in Kotlin support uses to the same version as the Compose compiler plugin.
plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.kotlin.jvm) apply false
    alias(libs.plugins.kotlin.compose) apply false
}
