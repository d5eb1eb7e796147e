pluginManagement {
    repositories {
        google {
            content {
                includeGroupByRegex("com\\.android.*")
                includeGroupByRegex("com\\.google.*")
                includeGroupByRegex("androidx.*")
            }
        }
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "TrustLabel"

// :app-logic      plain Kotlin/JVM: every UI decision that is not in the Rust core (tested on the JVM)
// :core-bindings  plain Kotlin/JVM: the uniffi bindings generated from trustlabel-ffi (the app's
//                 bridge to app-logic is app/.../core/CoreBindings.kt, also compiled by ffi/kotlin-tests)
// :app            the Android app (Compose, CameraX)
include(":app-logic", ":core-bindings", ":app")
