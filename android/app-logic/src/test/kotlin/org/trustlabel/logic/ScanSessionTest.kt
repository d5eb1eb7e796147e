package org.trustlabel.logic

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.trustlabel.logic.testing.Sample
import org.trustlabel.logic.testing.Suite
import org.trustlabel.logic.testing.XmlCatalog
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

private class FakeScanner : LabelScanner {
    val frames = ArrayDeque<FrameScan>()
    val checks = mutableListOf<String>()
    var check: suspend (String) -> ScanResultView = { Sample.result(text = it) }
    var cancelled = false

    override suspend fun scanFrame(frame: LumaFrame): FrameScan = frames.removeFirstOrNull() ?: FrameScan.Nothing
    override suspend fun check(text: String): ScanResultView {
        checks += text
        try {
            return check.invoke(text)
        } catch (e: kotlinx.coroutines.CancellationException) {
            cancelled = true
            throw e
        }
    }
    override suspend fun history(): List<HistoryEntry> = emptyList()
}

private class Harness {
    val job = SupervisorJob()
    val scope = CoroutineScope(job + Dispatchers.Unconfined)
    val scanner = FakeScanner()
    var now = 0L
    val session = ScanSession(scope, scanner, XmlCatalog.english, { now }, frameContext = Dispatchers.Unconfined)
    val haptics = mutableListOf<Haptic>()
    private val frame = LumaFrame(8, 8, 8, ByteArray(64) { 120 }, 0)

    init {
        scope.launch { session.haptics.collect { haptics += it } }
    }

    fun feed(vararg scans: FrameScan) {
        for (s in scans) {
            now += 33
            scanner.frames.addLast(s)
            assertTrue(session.wantsFrame(), "wants a frame at $now in ${session.state.value}")
            session.submitFrame(frame)
        }
    }
}

private val decoded = FrameScan.Decoded(Sample.URL)

object ScanSessionTest : Suite({
    test("a read code is checked once and shown, with cues on the way") {
        val h = Harness()
        h.feed(FrameScan.Nothing, FrameScan.CodeSeen, decoded)
        val shown = assertIs<ScanUiState.Showing>(h.session.state.value)
        assertEquals("Genuine label. The registry signed this record.", shown.result.verdict.text)
        assertEquals(listOf(Sample.URL), h.scanner.checks)
        assertEquals(listOf(Haptic.CODE_SEEN, Haptic.FOUND), h.haptics)
        assertFalse(h.session.wantsFrame(), "no frames while the result is shown")
    }

    test("the guidance text is the catalogue's sentence") {
        val h = Harness()
        val s = assertIs<ScanUiState.Scanning>(h.session.state.value)
        assertEquals("Point the camera at the QR code on the label.", s.guidanceText)
        h.feed(FrameScan.CodeSeen)
        assertEquals("Code found. Hold still.", (h.session.state.value as ScanUiState.Scanning).guidanceText)
    }

    test("leaving the screen cancels a lookup in flight") {
        val h = Harness()
        h.scanner.check = { awaitCancellation() }
        h.feed(decoded)
        assertIs<ScanUiState.Checking>(h.session.state.value)
        runBlocking { h.job.cancelAndJoin() }
        assertTrue(h.scanner.cancelled)
    }

    test("cancel while checking goes back to the camera and cancels the lookup") {
        val h = Harness()
        h.scanner.check = { awaitCancellation() }
        h.feed(decoded)
        h.session.resume()
        assertTrue(h.scanner.cancelled)
        assertIs<ScanUiState.Scanning>(h.session.state.value)
    }

    test("after 'scan another', the same label still in view is not checked again but can be shown again") {
        val h = Harness()
        h.feed(decoded)
        h.session.resume()
        h.feed(decoded, decoded, decoded)
        assertEquals(1, h.scanner.checks.size)
        val s = assertIs<ScanUiState.Scanning>(h.session.state.value)
        assertEquals(GuidancePhase.ALREADY_SCANNED, s.phase)
        assertTrue(s.canShowAgain)
        h.session.showAgain()
        assertIs<ScanUiState.Showing>(h.session.state.value)
        assertEquals(1, h.scanner.checks.size)
    }

    test("the same label counts again once it was out of view for a while") {
        val h = Harness()
        h.feed(decoded)
        h.session.resume()
        h.now += 5_000
        h.feed(decoded)
        assertEquals(2, h.scanner.checks.size)
    }

    test("a result that comes with the frame is shown without a second lookup") {
        val h = Harness()
        h.feed(FrameScan.Decoded(Sample.URL, Sample.result()))
        assertIs<ScanUiState.Showing>(h.session.state.value)
        assertTrue(h.scanner.checks.isEmpty())
    }

    test("a failed check says so, and check again retries the same code") {
        val h = Harness()
        h.scanner.check = { error("network down") }
        h.feed(decoded)
        val failed = assertIs<ScanUiState.Failed>(h.session.state.value)
        assertEquals("The label could not be checked. Try again.", failed.message)
        h.scanner.check = { Sample.result(text = it) }
        h.session.checkAgain()
        assertIs<ScanUiState.Showing>(h.session.state.value)
        assertEquals(listOf(Sample.URL, Sample.URL), h.scanner.checks)
    }

    test("no connection and nothing saved: the failure says so") {
        val h = Harness()
        h.scanner.check = { throw CheckFailedException(CheckFailedException.Reason.OFFLINE) }
        h.feed(decoded)
        val failed = assertIs<ScanUiState.Failed>(h.session.state.value)
        assertEquals("There is no connection, and this label is not saved on this phone. Try again later.", failed.message)
    }

    test("a frame the core cannot handle is skipped, and scanning goes on") {
        val h = Harness()
        val broken = object : LabelScanner by h.scanner {
            var calls = 0
            override suspend fun scanFrame(frame: LumaFrame): FrameScan {
                if (calls++ == 0) throw IllegalStateException("bad frame")
                return decoded
            }
        }
        val session = ScanSession(h.scope, broken, XmlCatalog.english, { h.now }, frameContext = Dispatchers.Unconfined)
        val frame = LumaFrame(2, 2, 2, ByteArray(4), 0)
        session.submitFrame(frame)
        assertIs<ScanUiState.Scanning>(session.state.value)
        assertTrue(session.wantsFrame())
        session.submitFrame(frame)
        assertIs<ScanUiState.Showing>(session.state.value)
    }

    test("typed text goes through the same check") {
        val h = Harness()
        h.session.checkText("  https://registry.example/typed \n")
        assertEquals(listOf("https://registry.example/typed"), h.scanner.checks)
        assertIs<ScanUiState.Showing>(h.session.state.value)
    }
})
