package org.trustlabel.logic.model

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.isActive
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield

/** What the app tells the user about the core's state, drawn as banners. */
data class Notices(
    val offline: Boolean = false,
    val trustListExpired: Boolean = false,
    /** The cache would not open and was made new: saved labels are gone (said once per start). */
    val cacheRecreated: Boolean = false,
    /** Another user of the store holds it: nothing is kept this time. */
    val cacheTemporary: Boolean = false,
    /** The scanner could not be opened: nothing can be checked until [ScannerHost.retry]. */
    val openFailed: Boolean = false,
)

/** What a freshly opened scanner says about its store and trust list. */
data class ScannerStatus(
    val cacheRecreated: Boolean,
    val cacheTemporary: Boolean,
    val trustListExpired: Boolean,
)

/** A failed core call as a screen shows it: the core's own sentence when it gave one. */
data class Problem(
    /** The core's words (in the scanner's language); null: the app's generic words. */
    val text: String?,
    /** The core's refusal code (`audit_exists`, `pack_malformed`, ...), when there is one. */
    val code: String? = null,
)

/**
 * The platform side of a scanner: implemented over the generated bindings by the app, by
 * fakes in the JVM tests. [open] and [close] block; they are called off the main thread.
 */
interface ScannerFactory<S : Any> {
    /** Opens a scanner that words everything in [locale]; throws when it cannot. */
    fun open(locale: String): S

    fun status(scanner: S): ScannerStatus

    /** The core's `refreshTrustListIfDue()`; returns whether the list in use has expired. */
    suspend fun refreshTrustList(scanner: S): Boolean

    fun close(scanner: S)

    /** The words a screen shows for a failed call: the core's, when the error carries them. */
    fun problemOf(error: Throwable): Problem
}

/** The default network as the platform reports it; null: there is none. */
data class NetworkState(
    /** The network says it reaches the internet (`NET_CAPABILITY_INTERNET`). */
    val internet: Boolean,
    /** The platform checked that it does (`NET_CAPABILITY_VALIDATED`). */
    val validated: Boolean,
)

object OfflineRule {
    /**
     * Offline means no default network, or one that does not even claim the internet.
     * VALIDATED is not required: some networks never validate (blocked connectivity checks,
     * some VPNs and enterprise networks) yet reach the registry, and a wrong "offline" would
     * keep the banner up and the trust list unrefreshed for good. A scan on a network that
     * does not really work fails with the core's own words, from the cache when it can.
     */
    fun isOffline(network: NetworkState?): Boolean = network == null || !network.internet
}

/**
 * Owns the one scanner (what `Core` decides on Android). It is opened off the main thread in
 * the app's language and reopened when the language changes, because the core words
 * everything in the locale it was opened with.
 *
 * Reopen order (why: the store is one process-wide file lock): the old scanner is withdrawn
 * ([scanner] goes null), every call running on it through [withScanner] is cancelled and
 * JOINED, the sessions and audits opened on it ([own]) are closed, then the old scanner is
 * closed, and only then the new one is opened, so it gets the store (not a temporary one) and
 * nothing ever calls a closed handle. A call cancelled by a reopen runs again on the new
 * scanner; its caller only sees the answer.
 */
class ScannerHost<S : Any>(
    private val factory: ScannerFactory<S>,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher,
    private val log: (String, Throwable?) -> Unit = { _, _ -> },
) {
    private class Generation<S>(val scanner: S) {
        val users = mutableSetOf<Job>()
        val owned = mutableListOf<AutoCloseable>()
        var closing = false
    }

    private val lock = Any()
    private var current: Generation<S>? = null
    private val opening = Mutex()
    private var openLocale: String? = null
    private var wantedLocale: String? = null

    private val _scanner = MutableStateFlow<S?>(null)

    /** The open scanner; null while (re)opening or after a failed open. */
    val scanner: StateFlow<S?> = _scanner.asStateFlow()

    private val _notices = MutableStateFlow(Notices())
    val notices: StateFlow<Notices> = _notices.asStateFlow()

    /** Opens the scanner in [locale], or reopens it when the locale changed. Cheap otherwise. */
    fun ensureOpen(locale: String): Job = scope.launch {
        opening.withLock {
            wantedLocale = locale
            if (locale == openLocale && _scanner.value != null) return@withLock
            reopen(locale)
        }
    }

    /** "Try again" after a failed open. */
    fun retry(): Job? = wantedLocale?.let { locale ->
        scope.launch { opening.withLock { if (_scanner.value == null) reopen(locale) } }
    }

    private suspend fun reopen(locale: String) {
        val old = synchronized(lock) { current?.also { it.closing = true; current = null } }
        _scanner.value = null
        if (old != null) {
            val users = synchronized(lock) { old.users.toList() }
            users.forEach { it.cancel() }
            users.joinAll()
            val owned = synchronized(lock) { old.owned.toList().also { old.owned.clear() } }
            withContext(io) {
                owned.forEach { r -> runCatching { r.close() }.onFailure { log("closing a session failed", it) } }
                runCatching { factory.close(old.scanner) }.onFailure { log("closing the scanner failed", it) }
            }
        }
        openLocale = null
        val opened = withContext(io) { runCatching { factory.open(locale) } }
        val s = opened.getOrNull()
        if (s == null) {
            log("the scanner could not be opened", opened.exceptionOrNull())
            _notices.update { it.copy(openFailed = true) }
            return
        }
        val status = withContext(io) { factory.status(s) }
        _notices.update {
            it.copy(
                openFailed = false,
                trustListExpired = status.trustListExpired,
                cacheRecreated = status.cacheRecreated,
                cacheTemporary = status.cacheTemporary,
            )
        }
        synchronized(lock) { current = Generation(s) }
        openLocale = locale
        _scanner.value = s
        if (!_notices.value.offline) refreshTrustList()
    }

    /**
     * Runs [block] on the open scanner (waiting for one), off the main thread. A reopen
     * cancels and joins it before closing the scanner; it then runs again on the new one.
     */
    suspend fun <T> withScanner(block: suspend (S) -> T): T {
        while (true) {
            currentCoroutineContext().ensureActive()
            val s = _scanner.filterNotNull().first()
            val gen = synchronized(lock) { current?.takeIf { it.scanner === s && !it.closing } }
            if (gen == null) {
                yield() // a reopen is withdrawing it: wait for the next one
                continue
            }
            val outcome: Result<T>? = coroutineScope {
                val job = async(io, start = CoroutineStart.LAZY) { block(s) }
                val registered = synchronized(lock) { if (gen.closing) false else gen.users.add(job) }
                if (!registered) {
                    job.cancel()
                    return@coroutineScope null
                }
                try {
                    Result.success(job.await())
                } catch (e: CancellationException) {
                    // Cancelled by a reopen while our caller still wants the answer: run again.
                    if (gen.closing && currentCoroutineContext().isActive) null else throw e
                } catch (e: Throwable) {
                    Result.failure(e)
                } finally {
                    synchronized(lock) { gen.users.remove(job) }
                }
            }
            if (outcome != null) return outcome.getOrThrow()
        }
    }

    /**
     * Opens a session or an audit on the open scanner and keeps it: a reopen closes it (after
     * the calls, before the scanner). [release] closes it earlier.
     */
    suspend fun <T : AutoCloseable> own(open: suspend (S) -> T): T = withScanner { s ->
        open(s).also { r ->
            // Still inside the call: a reopen joins us before it reads the owned list.
            synchronized(lock) { current?.takeIf { it.scanner === s }?.owned?.add(r) ?: orphan(r) }
        }
    }

    private fun orphan(r: AutoCloseable): Boolean {
        // The generation was withdrawn meanwhile: it was cancelled and will not be closed by it.
        runCatching { r.close() }
        throw CancellationException("the scanner was reopened")
    }

    /** The screen is done with [resource]: closed now (once), not at the next reopen. */
    fun release(resource: AutoCloseable) {
        val mine = synchronized(lock) { current?.owned?.remove(resource) ?: false }
        if (mine) scope.launch(io) { runCatching { resource.close() }.onFailure { log("closing failed", it) } }
    }

    /** The platform's default network changed; back online asks the core about the trust list. */
    fun networkChanged(network: NetworkState?) {
        val offline = OfflineRule.isOffline(network)
        val wasOffline = _notices.value.offline
        _notices.update { it.copy(offline = offline) }
        if (wasOffline && !offline && _scanner.value != null) refreshTrustList()
    }

    /** The words a screen shows for a failed call (the core's, when the error has them). */
    fun problemOf(error: Throwable): Problem = factory.problemOf(error)

    fun dismissCacheNotice() = _notices.update { it.copy(cacheRecreated = false) }

    /** The core decides whether a request is due and checks what comes back. */
    private fun refreshTrustList() {
        scope.launch {
            try {
                val expired = withScanner { factory.refreshTrustList(it) }
                _notices.update { it.copy(trustListExpired = expired) }
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                log("trust list refresh failed", e) // the list in use stays; the next call decides again
            }
        }
    }
}
