package org.trustlabel.app.core

import dev.trustlabel.core.Audit
import dev.trustlabel.core.AuditEntry
import dev.trustlabel.core.BucketCount
import dev.trustlabel.core.Guidance
import dev.trustlabel.core.HistoryItem
import dev.trustlabel.core.ScanMode
import dev.trustlabel.core.ScanResult
import dev.trustlabel.core.ScanSession
import dev.trustlabel.core.Scanner
import dev.trustlabel.core.ScannerConfig
import dev.trustlabel.core.SessionConfig
import dev.trustlabel.core.SessionEvent
import dev.trustlabel.core.SessionListener
import dev.trustlabel.core.StoreState
import dev.trustlabel.core.Summary
import dev.trustlabel.core.TrustLabelException
import dev.trustlabel.core.Words
import dev.trustlabel.core.incomingLink
import org.trustlabel.logic.model.AuditOpener
import org.trustlabel.logic.model.AuditPort
import org.trustlabel.logic.model.DeepLinkRouter
import org.trustlabel.logic.model.HistoryPort
import org.trustlabel.logic.model.Problem
import org.trustlabel.logic.model.ScanPort
import org.trustlabel.logic.model.ScanState
import org.trustlabel.logic.model.ScannerFactory
import org.trustlabel.logic.model.ScannerStatus
import org.trustlabel.logic.model.SessionPort

// The ONE place where the generated bindings meet app-logic's models: each function is a
// call or a field read, translated; every decision is in app-logic (org.trustlabel.logic.model).

/** App Links: the core decides which links that opened the app are [labelHost]'s label links. */
fun deepLinkRouter(labelHost: String) = DeepLinkRouter(listOf(labelHost)) { url, hosts -> incomingLink(url, hosts) }

/** The scan states with the core's own types. */
typealias ScanUiState = ScanState<Words, Guidance, ScanResult, Summary>

/** Sessions of both modes look again for a new label after 10 s (the core's repeat window). */
private const val REPEAT_WINDOW_MS = 10_000uL

class ScannerBindings(private val config: (locale: String) -> ScannerConfig) : ScannerFactory<Scanner> {
    override fun open(locale: String): Scanner = Scanner(config(locale))

    override fun status(scanner: Scanner): ScannerStatus {
        val store = scanner.storeState()
        return ScannerStatus(
            cacheRecreated = store is StoreState.Recreated,
            cacheTemporary = store is StoreState.Temporary,
            trustListExpired = scanner.trustListStatus().expired,
        )
    }

    override suspend fun refreshTrustList(scanner: Scanner): Boolean {
        scanner.refreshTrustListIfDue()
        return scanner.trustListStatus().expired
    }

    override fun close(scanner: Scanner) = scanner.close()

    override fun problemOf(error: Throwable): Problem = when (error) {
        is TrustLabelException.Refused -> Problem(error.text, error.code)
        is TrustLabelException -> summaryOf(error)?.let { Problem(it.verdict.text) } ?: Problem(null)
        else -> Problem(null)
    }
}

/** The core's worded summary carried by an error, when it has one. */
fun summaryOf(e: TrustLabelException): Summary? = when (e) {
    is TrustLabelException.Offline -> e.summary
    is TrustLabelException.NotCached -> e.summary
    is TrustLabelException.InvalidImage -> e.summary
    is TrustLabelException.Storage -> e.summary
    is TrustLabelException.TrustList -> e.summary
    is TrustLabelException.TrustListFault -> e.summary
    else -> null
}

fun SessionEvent.toState(): ScanUiState = when (this) {
    is SessionEvent.Searching -> ScanState.Searching(words)
    is SessionEvent.CodeSeen -> ScanState.CodeSeen(guidance, words)
    is SessionEvent.Checking -> ScanState.Checking(words)
    is SessionEvent.Result -> ScanState.Showing(result, announcement)
    is SessionEvent.Failed -> ScanState.Failed(summary, announcement)
    is SessionEvent.Cancelled -> ScanState.Cancelled(words)
}

private fun listener(onState: (ScanUiState) -> Unit) = object : SessionListener {
    override fun onEvent(event: SessionEvent) = onState(event.toState())
}

/** A bindings session as app-logic's [SessionPort]. */
class BoundSession(private val session: ScanSession) : SessionPort {
    override fun pushText(text: String, atMs: Long) = session.pushText(text, atMs.toULong())
    override fun pushFrame(width: Int, height: Int, rowStride: Int, luma: ByteArray, atMs: Long) =
        session.pushFrame(width.toUInt(), height.toUInt(), rowStride.toUInt(), luma, atMs.toULong())
    override fun resume() = session.resume()
    override fun cancel() = session.cancel()

    /** stop(): no events after it returns; close(): frees the handle (uniffi's destroy). */
    override fun close() {
        runCatching { session.stop() }
        session.close()
    }
}

object ShopperBindings : ScanPort<Scanner, Words, Guidance, ScanResult, Summary> {
    override fun startShopperSession(scanner: Scanner, onState: (ScanUiState) -> Unit): SessionPort =
        BoundSession(scanner.startSession(SessionConfig(ScanMode.SHOPPER, REPEAT_WINDOW_MS, false), listener(onState)))

    override fun decodeImage(scanner: Scanner, bytes: ByteArray): List<String> = scanner.decodeImage(bytes)

    override fun linkOf(result: ScanResult): String = result.url ?: result.text

    override fun failureOf(error: Throwable): ScanState.Failed<Words, Summary>? =
        (error as? TrustLabelException)?.let(::summaryOf)?.let { ScanState.Failed(it, Words(it.verdict.text, it.verdict.spoken)) }
}

object HistoryBindings : HistoryPort<Scanner, HistoryItem> {
    override fun history(scanner: Scanner) = scanner.history()
    override fun search(scanner: Scanner, query: String) = scanner.historySearch(query)
    override fun enabled(scanner: Scanner) = scanner.historyEnabled()
    override fun setEnabled(scanner: Scanner, on: Boolean) = scanner.setHistoryEnabled(on)
    override fun clear(scanner: Scanner) = scanner.clearHistory()
}

class BoundAudit(val audit: Audit) : AuditPort<BucketCount, AuditEntry> {
    override fun counts() = audit.counts()
    override fun entries() = audit.entries()
    override fun exportCsv() = audit.exportCsv()
    override fun exportJson() = audit.exportJson()
    override fun finish() = audit.closeAudit()
    override fun close() = audit.close()
}

object AuditBindings : AuditOpener<Scanner, Words, Guidance, ScanResult, Summary, BucketCount, AuditEntry> {
    override fun start(scanner: Scanner, name: String) = BoundAudit(scanner.startAudit(name))
    override fun open(scanner: Scanner, name: String) = BoundAudit(scanner.openAudit(name))
    override fun startSession(audit: AuditPort<BucketCount, AuditEntry>, onState: (ScanUiState) -> Unit): SessionPort =
        BoundSession((audit as BoundAudit).audit.startSession(SessionConfig(ScanMode.SHELF, REPEAT_WINDOW_MS, false), listener(onState)))
}
