package org.trustlabel.app.core

import android.content.Context
import android.net.ConnectivityManager
import android.net.Network
import android.net.NetworkCapabilities
import android.util.Log
import androidx.core.content.getSystemService
import dev.trustlabel.core.Scanner
import dev.trustlabel.core.ScannerConfig
import java.io.File
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import org.trustlabel.app.BuildConfig
import org.trustlabel.app.R
import org.trustlabel.logic.model.NetworkState
import org.trustlabel.logic.model.ScannerHost

/**
 * The app's one scanner host (app-logic's [ScannerHost] decides open, reopen order, offline,
 * trust-list refresh): this class only supplies Android's parts, the configuration from
 * res/raw and BuildConfig, the app's language, and the default network's capabilities.
 */
class Core(context: Context) {
    private val app = context.applicationContext
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Main.immediate)

    val host: ScannerHost<Scanner> = ScannerHost(ScannerBindings(::config), scope, Dispatchers.IO) { what, e ->
        Log.w(TAG, what, e)
    }

    init {
        watchConnectivity()
    }

    /** Opens the scanner in the app's current language, or reopens it when that changed. */
    fun ensureOpen() {
        host.ensureOpen(app.resources.configuration.locales[0].toLanguageTag())
    }

    private fun config(locale: String) = ScannerConfig(
        dataDir = File(app.noBackupFilesDir, "trustlabel").absolutePath,
        locale = locale,
        trustList = app.resources.openRawResource(R.raw.trust_list).use { it.readBytes() },
        trustAnchor = app.resources.openRawResource(R.raw.trust_anchor).use { it.readBytes() },
        trustListUrl = BuildConfig.TRUST_LIST_URL.ifEmpty { null },
        registryOrigin = BuildConfig.REGISTRY_ORIGIN.ifEmpty { null },
    )

    private fun watchConnectivity() {
        val cm = app.getSystemService<ConnectivityManager>() ?: return
        fun stateOf(caps: NetworkCapabilities?) = caps?.let {
            NetworkState(
                internet = it.hasCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET),
                validated = it.hasCapability(NetworkCapabilities.NET_CAPABILITY_VALIDATED),
            )
        }
        host.networkChanged(stateOf(cm.getNetworkCapabilities(cm.activeNetwork)))
        // Callbacks arrive on a binder thread; the host's state is thread-safe.
        cm.registerDefaultNetworkCallback(object : ConnectivityManager.NetworkCallback() {
            override fun onCapabilitiesChanged(network: Network, caps: NetworkCapabilities) = host.networkChanged(stateOf(caps))
            override fun onLost(network: Network) = host.networkChanged(null)
        })
    }

    private companion object {
        const val TAG = "TrustLabel"
    }
}
