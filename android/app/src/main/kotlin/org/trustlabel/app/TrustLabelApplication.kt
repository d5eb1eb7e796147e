package org.trustlabel.app

import android.app.Application
import android.content.res.Configuration
import org.trustlabel.app.core.Core
import org.trustlabel.logic.MessageCatalog

/** The app's few singletons. No DI framework: there are two objects to share. */
class TrustLabelApplication : Application() {
    /** Kept for android/app-logic's catalogue checks (AndroidMessages maps every Msg). */
    val messages: MessageCatalog by lazy { AndroidMessages(this) }

    val core: Core by lazy { Core(this) }

    override fun onCreate() {
        super.onCreate()
        core.ensureOpen()
    }

    // A system language change; a per-app one recreates the activity, which calls ensureOpen too.
    override fun onConfigurationChanged(newConfig: Configuration) {
        super.onConfigurationChanged(newConfig)
        core.ensureOpen()
    }
}
