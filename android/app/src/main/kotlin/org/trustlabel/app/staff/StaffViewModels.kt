package org.trustlabel.app.staff

import android.content.ContentResolver
import android.net.Uri
import androidx.lifecycle.SavedStateHandle
import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider.AndroidViewModelFactory.Companion.APPLICATION_KEY
import androidx.lifecycle.createSavedStateHandle
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.CreationExtras
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import dev.trustlabel.core.Audit
import dev.trustlabel.core.AuditEntry
import dev.trustlabel.core.AuditInfo
import dev.trustlabel.core.BucketCount
import dev.trustlabel.core.Comparison
import dev.trustlabel.core.PackReport
import dev.trustlabel.core.ScanMode
import dev.trustlabel.core.ScanSession
import dev.trustlabel.core.Scanner
import dev.trustlabel.core.SessionConfig
import dev.trustlabel.core.WatchAlert
import dev.trustlabel.core.WatchItem
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.trustlabel.app.TrustLabelApplication
import org.trustlabel.app.core.Core
import org.trustlabel.app.scan.LumaAnalyzer
import org.trustlabel.app.scan.ScanUiState
import org.trustlabel.app.scan.SessionState

/** Runs a core call off the main thread on the open scanner; a core error sets [failed]. */
abstract class CoreViewModel(protected val core: Core) : ViewModel() {
    private val _failed = MutableStateFlow(false)
    val failed: StateFlow<Boolean> = _failed.asStateFlow()

    protected fun <T> call(block: suspend (Scanner) -> T, always: () -> Unit = {}, then: (T) -> Unit = {}) = viewModelScope.launch {
        try {
            val s = core.scanner.filterNotNull().first()
            then(withContext(Dispatchers.IO) { block(s) })
            _failed.value = false
        } catch (e: CancellationException) {
            throw e
        } catch (_: Exception) {
            // TrustLabelException, or a handle freed by a scanner reopen: say so, never crash.
            _failed.value = true
        } finally {
            always()
        }
    }
}

/** The list of audits: reopen, delete, start a new one. */
class AuditsViewModel(core: Core) : CoreViewModel(core) {
    private val _audits = MutableStateFlow<List<AuditInfo>?>(null)
    val audits: StateFlow<List<AuditInfo>?> = _audits.asStateFlow()

    fun refresh() {
        call({ it.listAudits() }) { _audits.value = it }
    }

    fun delete(name: String) {
        call({ it.deleteAudit(name); it.listAudits() }) { _audits.value = it }
    }
}

/**
 * One audit: its shelf-mode session (fed by the camera; every distinct label gets one Result)
 * and the core's running counts and entries, re-read after each result. Opening an existing
 * name reopens it (audits survive restarts in the core's store); a new name starts one.
 */
class AuditViewModel(core: Core, private val saved: SavedStateHandle) : CoreViewModel(core) {
    val name: String = saved.get<String>("name").orEmpty()
    val events = SessionState()

    @Volatile
    private var session: ScanSession? = null
    private var audit: Audit? = null
    val analyzer = LumaAnalyzer { session }

    private val _counts = MutableStateFlow<List<BucketCount>>(emptyList())
    val counts: StateFlow<List<BucketCount>> = _counts.asStateFlow()
    private val _entries = MutableStateFlow<List<AuditEntry>>(emptyList())
    val entries: StateFlow<List<AuditEntry>> = _entries.asStateFlow()

    init {
        // The audit records each lookup before the session reports it: re-read the counts then.
        viewModelScope.launch {
            events.state.collect { if (it is ScanUiState.Showing || it is ScanUiState.Failed) reload() }
        }
        viewModelScope.launch {
            core.scanner.collect { s ->
                session?.let { core.release(it) }
                audit?.let { core.release(it) }
                session = null
                audit = null
                if (s == null) return@collect
                try {
                    // "new" only the first time: a reopen (language change, process death) opens it.
                    val isNew = saved.get<Boolean>("new") ?: false
                    val a = core.track(withContext(Dispatchers.IO) { if (isNew) s.startAudit(name) else s.openAudit(name) })
                    saved["new"] = false
                    audit = a
                    session = core.track(a.startSession(SessionConfig(ScanMode.SHELF, 10_000uL, false), events))
                    reload()
                } catch (e: CancellationException) {
                    throw e
                } catch (_: Exception) {
                    events.reset()
                }
            }
        }
    }

    fun reload() {
        val a = audit ?: return
        viewModelScope.launch(Dispatchers.IO) {
            runCatching {
                _counts.value = a.counts()
                _entries.value = a.entries()
            }
        }
    }

    fun cancel() {
        session?.cancel()
    }

    /** The export text, written by the core (RFC 4180 CSV or JSON). */
    suspend fun export(csv: Boolean): String? = audit?.let { a ->
        withContext(Dispatchers.IO) { runCatching { if (csv) a.exportCsv() else a.exportJson() }.getOrNull() }
    }

    /** Closes the audit in the core (no more scans); it stays listed until deleted. */
    fun finish() {
        val a = audit ?: return
        session?.let { core.release(it) }
        session = null
        viewModelScope.launch(Dispatchers.IO) { runCatching { a.closeAudit() } }
    }

    override fun onCleared() {
        session?.let { core.release(it) }
        audit?.let { core.release(it) }
    }
}

/** My devices: the saved products and what needs attention now. */
class WatchViewModel(core: Core) : CoreViewModel(core) {
    private val _items = MutableStateFlow<List<WatchItem>?>(null)
    val items: StateFlow<List<WatchItem>?> = _items.asStateFlow()
    private val _alerts = MutableStateFlow<List<WatchAlert>>(emptyList())
    val alerts: StateFlow<List<WatchAlert>> = _alerts.asStateFlow()

    fun refresh() {
        call({ it.watchList() }) { _items.value = it }
        call({ it.watchAlerts(ALERT_DAYS) }) { _alerts.value = it }
    }

    fun add(url: String) {
        call({ it.watchAdd(url) })
    }

    fun remove(url: String) {
        call({ it.watchRemove(url) }) { refresh() }
    }

    companion object {
        /** "Support ends soon" means within about six months, as the audit's bucket does. */
        val ALERT_DAYS = 183u
    }
}

/** Pack import: the core verifies every envelope; the screen shows imported and skipped. */
class PackViewModel(core: Core) : CoreViewModel(core) {
    private val _report = MutableStateFlow<PackReport?>(null)
    val report: StateFlow<PackReport?> = _report.asStateFlow()
    private val _busy = MutableStateFlow(false)
    val busy: StateFlow<Boolean> = _busy.asStateFlow()

    fun importFile(resolver: ContentResolver, uri: Uri) {
        _busy.value = true
        call({ s ->
            val bytes = resolver.openInputStream(uri)?.use { it.readBytes() } ?: ByteArray(0)
            s.importPack(bytes)
        }, always = { _busy.value = false }) { _report.value = it }
    }
}

/** Compare: the core lines the products up; the screen draws its table. */
class CompareViewModel(core: Core, saved: SavedStateHandle) : CoreViewModel(core) {
    val urls: List<String> = saved.get<String>("urls").orEmpty().split('\n').filter { it.isNotBlank() }
    private val _comparison = MutableStateFlow<Comparison?>(null)
    val comparison: StateFlow<Comparison?> = _comparison.asStateFlow()

    init {
        if (urls.size >= 2) call({ it.compare(urls) }) { _comparison.value = it }
    }
}

object StaffFactories {
    private fun coreOf(extras: CreationExtras) = (extras[APPLICATION_KEY] as TrustLabelApplication).core

    val audits = viewModelFactory { initializer { AuditsViewModel(coreOf(this)) } }
    val audit = viewModelFactory { initializer { AuditViewModel(coreOf(this), createSavedStateHandle()) } }
    val watch = viewModelFactory { initializer { WatchViewModel(coreOf(this)) } }
    val pack = viewModelFactory { initializer { PackViewModel(coreOf(this)) } }
    val compare = viewModelFactory { initializer { CompareViewModel(coreOf(this), createSavedStateHandle()) } }
}
