package org.trustlabel.app.core

import android.content.Context
import android.net.ConnectivityManager
import android.net.Network
import android.net.NetworkCapabilities
import androidx.core.content.getSystemService
import dev.trustlabel.core.Audit
import dev.trustlabel.core.ScanSession
import dev.trustlabel.core.Scanner
import dev.trustlabel.core.ScannerConfig
import dev.trustlabel.core.StoreState
import java.io.File
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import org.trustlabel.app.BuildConfig
import org.trustlabel.app.R

/** What the app tells the user about the core's state, drawn as banners. */
data class Notices(
    val offline: Boolean = false,
    val trustListExpired: Boolean = false,
    /** The cache would not open and was made new: saved labels are gone (said once per start). */
    val cacheRecreated: Boolean = false,
    /** Another process holds the cache: nothing is kept this time. */
    val cacheTemporary: Boolean = false,
    /** The scanner could not be opened at all (a bad build configuration): nothing can be checked. */
    val openFailed: Boolean = false,
)

/**
 * Owns the one [Scanner]. It is opened off the main thread with the deployment's trust list and
 * root key (res/raw, from the build) and the app's current language. A language change (system
 * or per-app) reopens it, because the core words everything in the locale it was opened with:
 * sessions and audits opened on the old scanner are closed first, so the new one gets the store.
 */
class Core(context: Context) {
    private val app = context.applicationContext
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Main.immediate)
    private val mutex = Mutex()
    private var locale: String? = null
    private val tracked = mutableMapOf<Any, AutoCloseable>()

    private val _scanner = MutableStateFlow<Scanner?>(null)

    /** Null while (re)opening. Screens start their sessions on every new value. */
    val scanner: StateFlow<Scanner?> = _scanner.asStateFlow()

    private val _notices = MutableStateFlow(Notices())
    val notices: StateFlow<Notices> = _notices.asStateFlow()

    init {
        watchConnectivity()
    }

    /** Opens the scanner, or reopens it when the app's language changed. Cheap when nothing changed. */
    fun ensureOpen() {
        scope.launch {
            mutex.withLock {
                val tag = app.resources.configuration.locales[0].toLanguageTag()
                if (tag == locale && _scanner.value != null) return@withLock
                val old = _scanner.value
                _scanner.value = null
                synchronized(tracked) {
                    tracked.values.forEach { runCatching { it.close() } }
                    tracked.clear()
                }
                val opened = withContext(Dispatchers.IO) {
                    old?.close()
                    runCatching { Scanner(config(tag)) }
                }
                opened.onFailure { _notices.update { it.copy(openFailed = true) } }
                opened.onSuccess { s ->
                    locale = tag
                    _notices.update {
                        val state = s.storeState()
                        it.copy(
                            openFailed = false,
                            trustListExpired = s.trustListStatus().expired,
                            cacheRecreated = state is StoreState.Recreated,
                            cacheTemporary = state is StoreState.Temporary,
                        )
                    }
                    _scanner.value = s
                    // Not under the lock: a slow network must not hold up a reopen.
                    scope.launch { refreshTrustList(s) }
                }
            }
        }
    }

    /** A session on the current scanner; stopped and released if the scanner is reopened. */
    fun track(session: ScanSession): ScanSession = session.also { s ->
        synchronized(tracked) { tracked[s] = AutoCloseable { s.stop(); s.close() } }
    }

    fun track(audit: Audit): Audit = audit.also { a -> synchronized(tracked) { tracked[a] = a } }

    /** The screen is done with it: stop it now, do not wait for a reopen. */
    fun release(session: ScanSession) {
        synchronized(tracked) { tracked.remove(session) }
        // stop(): no events after it returns. close(): frees the Kotlin handle (uniffi's destroy).
        runCatching { session.stop() }
        runCatching { session.close() }
    }

    fun release(audit: Audit) {
        synchronized(tracked) { tracked.remove(audit) }
        runCatching { audit.close() }
    }

    fun dismissCacheNotice() = _notices.update { it.copy(cacheRecreated = false) }

    private fun config(locale: String) = ScannerConfig(
        dataDir = File(app.noBackupFilesDir, "trustlabel").absolutePath,
        locale = locale,
        trustList = app.resources.openRawResource(R.raw.trust_list).use { it.readBytes() },
        trustAnchor = app.resources.openRawResource(R.raw.trust_anchor).use { it.readBytes() },
        trustListUrl = BuildConfig.TRUST_LIST_URL.ifEmpty { null },
        registryOrigin = BuildConfig.REGISTRY_ORIGIN.ifEmpty { null },
    )

    /**
     * Asks the core for a newer trust list. The core decides whether a request is due (at
     * open, then once a day, or while the list has expired) and checks what comes back like
     * any installed list; a failure leaves the list in use, and the next call decides again.
     */
    private suspend fun refreshTrustList(scanner: Scanner) {
        if (_notices.value.offline) return
        runCatching { scanner.refreshTrustListIfDue() }
            .onSuccess { _notices.update { it.copy(trustListExpired = scanner.trustListStatus().expired) } }
    }

    private fun watchConnectivity() {
        val cm = app.getSystemService<ConnectivityManager>() ?: return
        fun online(n: Network?) = cm.getNetworkCapabilities(n)?.hasCapability(NetworkCapabilities.NET_CAPABILITY_VALIDATED) == true
        _notices.update { it.copy(offline = !online(cm.activeNetwork)) }
        cm.registerDefaultNetworkCallback(object : ConnectivityManager.NetworkCallback() {
            override fun onCapabilitiesChanged(network: Network, caps: NetworkCapabilities) {
                val wasOffline = _notices.value.offline
                _notices.update { it.copy(offline = !caps.hasCapability(NetworkCapabilities.NET_CAPABILITY_VALIDATED)) }
                // Back online: the core decides whether the trust list is due.
                if (wasOffline && !_notices.value.offline) {
                    _scanner.value?.let { s -> scope.launch { refreshTrustList(s) } }
                }
            }

            override fun onLost(network: Network) {
                _notices.update { it.copy(offline = true) }
            }
        })
    }
}
