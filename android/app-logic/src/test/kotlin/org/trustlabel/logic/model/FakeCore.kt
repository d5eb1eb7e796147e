package org.trustlabel.logic.model

import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

/** A core error that carries the core's words, like TrustLabelException.Refused. */
class CoreRefusal(val code: String, val text: String) : Exception(code)

/** A core error that carries a worded summary, like TrustLabelException.InvalidImage. */
class CoreWorded(val summary: String) : Exception(summary)

/**
 * A scanner over a store that, like sled's, one scanner at a time may hold: opened while
 * another is still open, it gets a temporary store. A call after close() throws, as a freed
 * uniffi handle does (IllegalStateException).
 */
class FakeScanner(val name: String, val temporary: Boolean, private val journal: MutableList<String>) {
    @Volatile
    var closed = false

    fun use(what: String): String {
        check(!closed) { "$name used after close ($what)" }
        return "$name:$what"
    }

    fun close() {
        journal += "close $name"
        closed = true
    }
}

class FakeFactory : ScannerFactory<FakeScanner> {
    val journal: MutableList<String> = Collections.synchronizedList(mutableListOf())
    private val open = mutableSetOf<FakeScanner>()
    private val count = AtomicInteger()
    var failOpens = 0
    var expiredAfterRefresh = false
    var refreshFails = false
    val refreshes = AtomicInteger()

    val opened: Int get() = count.get()

    override fun open(locale: String): FakeScanner = synchronized(open) {
        if (failOpens > 0) {
            failOpens--
            journal += "open $locale failed"
            throw IllegalArgumentException("bad config")
        }
        val s = FakeScanner("s${count.incrementAndGet()}-$locale", temporary = open.isNotEmpty(), journal)
        open += s
        journal += "open ${s.name}"
        s
    }

    override fun status(scanner: FakeScanner) = ScannerStatus(false, scanner.temporary, false)

    override suspend fun refreshTrustList(scanner: FakeScanner): Boolean {
        scanner.use("refresh")
        refreshes.incrementAndGet()
        if (refreshFails) throw IllegalStateException("network")
        return expiredAfterRefresh
    }

    override fun close(scanner: FakeScanner) = synchronized(open) {
        scanner.close()
        open -= scanner
    }

    override fun problemOf(error: Throwable): Problem = when (error) {
        is CoreRefusal -> Problem(error.text, error.code)
        is CoreWorded -> Problem(error.summary)
        else -> Problem(null)
    }
}

class FakeSession(val name: String, private val journal: MutableList<String>) : SessionPort {
    val pushed: MutableList<String> = Collections.synchronizedList(mutableListOf())
    val resumes = AtomicInteger()
    val cancels = AtomicInteger()

    @Volatile
    var closed = false

    override fun pushText(text: String, atMs: Long) {
        check(!closed) { "pushText after close" }
        pushed += text
    }

    override fun pushFrame(width: Int, height: Int, rowStride: Int, luma: ByteArray, atMs: Long) = Unit

    override fun resume() {
        resumes.incrementAndGet()
    }

    override fun cancel() {
        cancels.incrementAndGet()
    }

    override fun close() {
        if (!closed) journal += "close $name"
        closed = true
    }
}

/** A scope for one test, with a host over a [FakeFactory]; cancelled at the end. */
class Rig(val factory: FakeFactory = FakeFactory()) {
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    val logged: MutableList<String> = Collections.synchronizedList(mutableListOf())
    val host = ScannerHost(factory, scope, Dispatchers.IO) { what, e -> logged += "$what: ${e?.message}" }

    fun close() = scope.cancel()
}

fun rig(body: suspend Rig.() -> Unit) {
    val r = Rig()
    try {
        runBlocking { withTimeout(20_000) { r.body() } }
    } finally {
        r.close()
    }
}

/** Waits (at most the rig's timeout) for the first value that matches. */
suspend fun <T> Flow<T>.awaitValue(predicate: (T) -> Boolean): T = first(predicate)

/** Polls a condition that has no flow (a fake's journal), yielding the thread meanwhile. */
suspend fun eventually(what: String, condition: () -> Boolean) {
    val deadline = System.nanoTime() + 10_000_000_000L
    while (!condition()) {
        check(System.nanoTime() < deadline) { "never happened: $what" }
        kotlinx.coroutines.delay(5)
    }
}
