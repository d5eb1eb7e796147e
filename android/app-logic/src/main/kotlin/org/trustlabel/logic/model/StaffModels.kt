package org.trustlabel.logic.model

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** The list of audits: reopen, delete, start a new one. [A] is the core's audit info. */
class AuditsModel<S : Any, A>(
    host: ScannerHost<S>,
    scope: CoroutineScope,
    private val list: suspend (S) -> List<A>,
    private val delete: suspend (S, String) -> Unit,
) : CoreCallModel<S>(host, scope) {
    private val _audits = MutableStateFlow<List<A>?>(null)
    val audits: StateFlow<List<A>?> = _audits.asStateFlow()

    fun refresh() {
        call({ list(it) }) { _audits.value = it }
    }

    fun delete(name: String) {
        call({ delete(it, name); list(it) }) { _audits.value = it }
    }
}

/** Where a running audit is. */
sealed interface AuditPhase {
    data object Opening : AuditPhase

    /** The shelf-mode session runs: the camera feeds it. */
    data object Running : AuditPhase

    /** Finished by the user: no more scans; exports still work. */
    data object Finished : AuditPhase

    /** The core refused to start or open it (name taken, not found, bad name): its words. */
    data class Refused(val problem: Problem) : AuditPhase
}

/** The core's audit handle, as the model uses it. */
interface AuditPort<C, E> : AutoCloseable {
    fun counts(): List<C>
    fun entries(): List<E>
    fun exportCsv(): String
    fun exportJson(): String
    fun finish()
}

/** The calls a running audit needs, over the bindings on Android. */
interface AuditOpener<S, W, G, R, F, C, E> {
    fun start(scanner: S, name: String): AuditPort<C, E>
    fun open(scanner: S, name: String): AuditPort<C, E>

    /** A shelf-mode session that records into [audit]; its events arrive on [onState]. */
    fun startSession(audit: AuditPort<C, E>, onState: (ScanState<W, G, R, F>) -> Unit): SessionPort
}

/**
 * One audit (what `AuditViewModel` decided). Opening a name that exists reopens it (audits
 * survive restarts); a new name starts one, only the first time (a reopen after a language
 * change or process death opens it). A name already taken, or any other refusal, is shown
 * in the core's words and the camera stays off. Counts and entries are read again after
 * each result.
 */
class AuditModel<S : Any, W, G, R, F, C, E>(
    host: ScannerHost<S>,
    scope: CoroutineScope,
    private val opener: AuditOpener<S, W, G, R, F, C, E>,
    val name: String,
    /** True until the audit has been started once (kept across process death by the app). */
    isNew: Boolean,
    private val keepIsNew: (Boolean) -> Unit = {},
    private val log: (String, Throwable?) -> Unit = { _, _ -> },
) : CoreCallModel<S>(host, scope) {
    private var startNew = isNew
    
    private val _scan = MutableStateFlow<ScanState<W, G, R, F>>(ScanState.Opening)
    val scan: StateFlow<ScanState<W, G, R, F>> = _scan.asStateFlow()
    private val _phase = MutableStateFlow<AuditPhase>(AuditPhase.Opening)
    val phase: StateFlow<AuditPhase> = _phase.asStateFlow()
    private val _counts = MutableStateFlow<List<C>>(emptyList())
    val counts: StateFlow<List<C>> = _counts.asStateFlow()
    private val _entries = MutableStateFlow<List<E>>(emptyList())
    val entries: StateFlow<List<E>> = _entries.asStateFlow()

    @Volatile
    var session: SessionPort? = null
        private set
    private var audit: AuditPort<C, E>? = null

    /** The camera is composed only while the audit runs. */
    val cameraOn: Boolean get() = _phase.value == AuditPhase.Running

    init {
        scope.launch {
            host.scanner.collect { s ->
                session?.let { host.release(it) }
                audit?.let { host.release(it) }
                session = null
                audit = null
                if (s == null) {
                    if (_phase.value != AuditPhase.Finished && _phase.value !is AuditPhase.Refused) _phase.value = AuditPhase.Opening
                    return@collect
                }
                if (_phase.value is AuditPhase.Refused) return@collect
                try {
                    val a = host.own { sc -> if (startNew) opener.start(sc, name) else opener.open(sc, name) }
                    startNew = false
                    keepIsNew(false)
                    audit = a
                    if (_phase.value != AuditPhase.Finished) {
                        session = host.own { _ -> opener.startSession(a, ::onState) }
                        _phase.value = AuditPhase.Running
                    }
                    reload()
                } catch (e: CancellationException) {
                    throw e
                } catch (e: Exception) {
                    log("the audit could not start", e)
                    _phase.value = AuditPhase.Refused(host.problemOf(e))
                }
            }
        }
    }

    /** A session event (any thread): the audit has recorded a lookup when it reports it. */
    fun onState(next: ScanState<W, G, R, F>) {
        _scan.value = next
        if (next is ScanState.Showing || next is ScanState.Failed) reload()
    }

    fun reload() {
        val a = audit ?: return
        call({ a.counts() to a.entries() }) { (c, e) ->
            _counts.value = c
            _entries.value = e
        }
    }

    fun cancel() {
        session?.cancel()
    }

    /** The export text, written by the core (RFC 4180 CSV or JSON); null with [problem] set. */
    suspend fun export(csv: Boolean): String? {
        val a = audit ?: return null
        return try {
            host.withScanner { if (csv) a.exportCsv() else a.exportJson() }
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            log("export failed", e)
            null
        }
    }

    /** Closes the audit in the core (no more scans); it stays listed until deleted. */
    fun finish() {
        val a = audit ?: return
        session?.let { host.release(it) }
        session = null
        _phase.value = AuditPhase.Finished
        call({ a.finish() })
    }

    fun close() {
        session?.let { host.release(it) }
        audit?.let { host.release(it) }
        session = null
        audit = null
    }
}

/** "Save to My devices" on a result: said saved only once the core has saved it. */
sealed interface SaveState {
    data object Idle : SaveState
    data object Saving : SaveState
    data object Saved : SaveState
    data class Failed(val problem: Problem) : SaveState
}

/** My devices: the saved products and what needs attention now. */
class WatchModel<S : Any, I, A>(
    host: ScannerHost<S>,
    scope: CoroutineScope,
    private val list: suspend (S) -> List<I>,
    private val alertsOf: suspend (S) -> List<A>,
    private val add: suspend (S, String) -> Unit,
    private val remove: suspend (S, String) -> Unit,
) : CoreCallModel<S>(host, scope) {
    private val _items = MutableStateFlow<List<I>?>(null)
    val items: StateFlow<List<I>?> = _items.asStateFlow()
    private val _alerts = MutableStateFlow<List<A>>(emptyList())
    val alerts: StateFlow<List<A>> = _alerts.asStateFlow()
    private val _saves = MutableStateFlow<Map<String, SaveState>>(emptyMap())

    /** By label link: what "Save to My devices" says for it. */
    val saves: StateFlow<Map<String, SaveState>> = _saves.asStateFlow()

    fun refresh() {
        call({ list(it) to alertsOf(it) }) { (items, alerts) ->
            _items.value = items
            _alerts.value = alerts
        }
    }

    fun save(url: String) {
        if (_saves.value[url] == SaveState.Saving || _saves.value[url] == SaveState.Saved) return
        _saves.update { it + (url to SaveState.Saving) }
        call(
            { add(it, url) },
            onProblem = { p -> _saves.update { it + (url to SaveState.Failed(p)) } },
        ) { _saves.update { it + (url to SaveState.Saved) } }
    }

    fun remove(url: String) {
        call({ remove(it, url) }) {
            _saves.update { it - url }
            refresh()
        }
    }
}

/** Pack import: the core verifies every envelope; the screen shows imported and skipped. */
class PackModel<S : Any, P>(
    host: ScannerHost<S>,
    scope: CoroutineScope,
    private val import: suspend (S, ByteArray) -> P,
) : CoreCallModel<S>(host, scope) {
    private val _report = MutableStateFlow<P?>(null)
    val report: StateFlow<P?> = _report.asStateFlow()
    private val _busy = MutableStateFlow(false)
    val busy: StateFlow<Boolean> = _busy.asStateFlow()

    /** [read] reads the picked file (off the main thread). A refusal shows the core's words. */
    fun importFile(read: () -> ByteArray) {
        _busy.value = true
        _report.value = null
        call({ s -> import(s, read()) }, always = { _busy.value = false }) { _report.value = it }
    }
}

/** Compare: the core lines the products up; fewer than two is said before asking. */
class CompareModel<S : Any, C>(
    host: ScannerHost<S>,
    scope: CoroutineScope,
    val urls: List<String>,
    compare: suspend (S, List<String>) -> C,
) : CoreCallModel<S>(host, scope) {
    private val _comparison = MutableStateFlow<C?>(null)
    val comparison: StateFlow<C?> = _comparison.asStateFlow()

    /** Too few products picked: the screen says so without asking the core. */
    val needMore: Boolean = urls.size < 2

    init {
        if (!needMore) call({ compare(it, urls) }) { _comparison.value = it }
    }
}
