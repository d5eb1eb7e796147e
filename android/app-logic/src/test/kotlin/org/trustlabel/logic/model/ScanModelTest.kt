package org.trustlabel.logic.model

import java.io.IOException
import java.util.Collections
import java.util.concurrent.atomic.AtomicLong
import kotlinx.coroutines.launch
import org.trustlabel.logic.testing.Suite
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

typealias State = ScanState<String, String, String, String>

/** The scan screen's core calls, faked: a session per scanner, photos decoded by a lambda. */
class FakeScanPort(private val journal: MutableList<String>) : ScanPort<FakeScanner, String, String, String, String> {
    val sessions: MutableList<FakeSession> = Collections.synchronizedList(mutableListOf())
    val listeners: MutableList<(State) -> Unit> = Collections.synchronizedList(mutableListOf())
    var decode: (FakeScanner, ByteArray) -> List<String> = { _, _ -> emptyList() }

    override fun startShopperSession(scanner: FakeScanner, onState: (State) -> Unit): SessionPort {
        scanner.use("startSession")
        listeners += onState
        return FakeSession("session-${sessions.size + 1}-of-${scanner.name}", journal).also { sessions += it }
    }

    override fun decodeImage(scanner: FakeScanner, bytes: ByteArray): List<String> = decode(scanner, bytes)

    override fun linkOf(result: String): String = result

    override fun failureOf(error: Throwable): ScanState.Failed<String, String>? =
        (error as? CoreWorded)?.let { ScanState.Failed(it.summary, "${it.summary}.") }

    val last: FakeSession get() = sessions.last()
    fun emit(state: State) = listeners.last()(state)
}

private class ScanRig(val rig: Rig, kept: String? = null) {
    val port = FakeScanPort(rig.factory.journal)
    val keptLinks: MutableList<String?> = Collections.synchronizedList(mutableListOf())
    private val clock = AtomicLong(1000)
    val model = ScanModel(rig.host, rig.scope, port, { clock.incrementAndGet() }, kept, { keptLinks += it }) { what, e -> rig.logged += "$what: ${e?.message}" }
}

private fun scanRig(kept: String? = null, body: suspend ScanRig.() -> Unit) = rig { ScanRig(this, kept).body() }

object ScanModelTest : Suite({
    test("opening, then the session's states; a tick on entering CodeSeen only, done on a result") {
        scanRig {
            assertEquals(ScanState.Opening, model.state.value)
            val cues = Collections.synchronizedList(mutableListOf<Cue>())
            rig.scope.launch { model.cues.collect { cues += it } }
            rig.host.ensureOpen("en-US").join()
            eventually("session") { model.session != null }
            port.emit(ScanState.Searching("Point at the code"))
            port.emit(ScanState.CodeSeen("closer", "Move closer"))
            port.emit(ScanState.CodeSeen("still", "Hold still"))
            port.emit(ScanState.Checking("Checking"))
            port.emit(ScanState.Showing("https://demo.trustlabel.dev/l/a", "Genuine label"))
            eventually("cues") { cues.size == 2 }
            assertEquals(listOf(Cue.TICK, Cue.DONE), cues.toList())
            assertIs<ScanState.Showing<String, String>>(model.state.value)
            assertEquals(listOf<String?>("https://demo.trustlabel.dev/l/a"), keptLinks.toList(), "the link kept for process death")
        }
    }

    test("a language change starts a new session on the new scanner and checks the kept link again") {
        scanRig(kept = "https://demo.trustlabel.dev/l/kept") {
            rig.host.ensureOpen("en-US").join()
            eventually("first session") { port.sessions.size == 1 && port.last.pushed.isNotEmpty() }
            assertEquals(listOf("https://demo.trustlabel.dev/l/kept"), port.last.pushed.toList())
            rig.host.ensureOpen("es-US").join()
            eventually("second session") { port.sessions.size == 2 && port.last.pushed.isNotEmpty() }
            assertTrue(port.sessions[0].closed, "the old session is closed")
            assertEquals(listOf("https://demo.trustlabel.dev/l/kept"), port.last.pushed.toList())
            assertTrue(port.last.name.endsWith("s2-es-US"))
        }
    }

    test("a link asked for while opening is checked once the session starts") {
        scanRig {
            model.open("  https://demo.trustlabel.dev/l/early  ")
            model.open("   ")
            rig.host.ensureOpen("en-US").join()
            eventually("pushed") { port.sessions.size == 1 && port.last.pushed.isNotEmpty() }
            assertEquals(listOf("https://demo.trustlabel.dev/l/early"), port.last.pushed.toList())
            model.open("https://demo.trustlabel.dev/l/next")
            assertEquals(1, port.last.resumes.get(), "a result waits until resume(); the user asked")
            assertEquals("https://demo.trustlabel.dev/l/next", port.last.pushed.last())
        }
    }

    test("a photo never crashes the screen: a closed handle or an unreadable file is a notice") {
        scanRig {
            rig.host.ensureOpen("en-US").join()
            eventually("session") { model.session != null }
            port.decode = { _, _ -> throw IllegalStateException("The object has already been destroyed") }
            model.openPhoto { ByteArray(3) }
            model.photoNotice.awaitValue { it }
            model.dismissPhotoNotice()
            port.decode = { s, bytes -> s.use("decode"); if (bytes.isEmpty()) emptyList() else listOf("https://demo.trustlabel.dev/l/photo") }
            model.openPhoto { throw IOException("gone") }
            model.photoNotice.awaitValue { it }
            model.openPhoto { throw SecurityException("grant revoked") }
            model.photoNotice.awaitValue { it }
            model.openPhoto { ByteArray(0) }
            model.photoNotice.awaitValue { it }
            model.openPhoto { ByteArray(1) }
            eventually("photo's code pushed") { port.last.pushed.contains("https://demo.trustlabel.dev/l/photo") }
            assertFalse(model.photoNotice.value)
            assertTrue(rig.scope.coroutineContext[kotlinx.coroutines.Job]!!.isActive, "the scope survived")
            assertTrue(rig.logged.any { it.contains("already been destroyed") })
        }
    }

    test("a photo the core cannot read shows the core's worded failure") {
        scanRig {
            rig.host.ensureOpen("en-US").join()
            eventually("session") { model.session != null }
            port.decode = { _, _ -> throw CoreWorded("This photo could not be read") }
            model.openPhoto { ByteArray(3) }
            val failed = model.state.awaitValue { it is ScanState.Failed }
            assertEquals(ScanState.Failed("This photo could not be read", "This photo could not be read."), failed)
        }
    }

    test("a photo during a language change is decoded on the new scanner") {
        scanRig {
            rig.host.ensureOpen("en-US").join()
            eventually("session") { model.session != null }
            val used = Collections.synchronizedList(mutableListOf<String>())
            port.decode = { s, _ -> Thread.sleep(50); used += s.use("decode"); listOf("https://demo.trustlabel.dev/l/p") }
            model.openPhoto { ByteArray(1) }
            rig.host.ensureOpen("es-US").join()
            eventually("decoded") { used.isNotEmpty() }
            assertFalse(model.photoNotice.value)
        }
    }

    test("cancelled: the session looks again; scan again forgets the kept link") {
        scanRig {
            rig.host.ensureOpen("en-US").join()
            eventually("session") { model.session != null }
            port.emit(ScanState.Cancelled("Cancelled"))
            eventually("resumed after the callback returned") { port.last.resumes.get() == 1 }
            model.cancel()
            assertEquals(1, port.last.cancels.get())
            model.scanAgain()
            assertEquals(listOf<String?>(null), keptLinks.toList())
            assertEquals(2, port.last.resumes.get())
            assertTrue(ScanState.Searching("x").cameraOn && ScanState.CodeSeen("g", "x").cameraOn)
            assertFalse(ScanState.Checking("x").cameraOn || ScanState.Showing("r", "x").cameraOn || ScanState.Opening.cameraOn)
        }
    }

    test("a scanner that cannot open makes the screen say so, not load for ever") {
        val r = Rig(FakeFactory().apply { failOpens = 1 })
        try {
            kotlinx.coroutines.runBlocking { kotlinx.coroutines.withTimeout(20_000) {
                val model = ScanModel(r.host, r.scope, FakeScanPort(r.factory.journal), { 0L })
                r.host.ensureOpen("en-US").join()
                model.state.awaitValue { it == ScanState.Unavailable }
                r.host.retry()!!.join()
                model.state.awaitValue { it == ScanState.Opening || it is ScanState.Searching }
                eventually("session") { model.session != null }
            } }
        } finally {
            r.close()
        }
    }

    test("closing the screen closes its session") {
        scanRig {
            rig.host.ensureOpen("en-US").join()
            eventually("session") { model.session != null }
            val s = port.last
            model.close()
            eventually("closed") { s.closed }
            assertEquals(null, model.session)
        }
    }
})

