// The live scan session through the generated bindings: a camera stream of luma planes built
// from the fixture label photos, events received by a Kotlin SessionListener on a core thread.
package dev.trustlabel.core.tests

import dev.trustlabel.core.Guidance
import dev.trustlabel.core.ScanMode
import dev.trustlabel.core.ScanSession
import dev.trustlabel.core.Scanner
import dev.trustlabel.core.SessionConfig
import dev.trustlabel.core.SessionEvent
import dev.trustlabel.core.SessionListener
import dev.trustlabel.core.TrustLabelException
import java.io.File
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail

class Frame(val width: Int, val height: Int, val stride: Int, val luma: ByteArray)

fun photoFrame(name: String, padding: Int = 0): Frame {
    val (w, h, plane) = lumaPlane(File(Fixtures.dir, "label-photos/$name.jpg"), padding)
    return Frame(w, h, w + padding, plane)
}

fun photoText(name: String) = File(Fixtures.dir, "label-photos/$name.txt").readText().trim()

/** No code: a grey gradient with a little noise. */
fun emptyFrame(w: Int = 1280, h: Int = 720): Frame {
    val rnd = java.util.Random(7)
    return Frame(w, h, w, ByteArray(w * h) { i -> (110 + (i % w) * 40 / w + rnd.nextInt(9)).toByte() })
}

/** Collects events; `next` waits for the next one, `drain` takes what has arrived. */
class Recorder(private val throwOn: (SessionEvent) -> Boolean = { false }) : SessionListener {
    val events = LinkedBlockingQueue<SessionEvent>()
    val thread = LinkedBlockingQueue<String>()
    override fun onEvent(event: SessionEvent) {
        thread.offer(Thread.currentThread().name)
        if (throwOn(event)) throw IllegalStateException("a listener bug")
        events.put(event)
    }
    fun next(seconds: Long = 30): SessionEvent = events.poll(seconds, TimeUnit.SECONDS) ?: fail("no event within $seconds s")
    fun drain(): List<SessionEvent> = buildList { events.drainTo(this) }
}

class Camera(val session: ScanSession) {
    private var clock = 1_000uL
    fun show(frame: Frame, times: Int = 1) = repeat(times) {
        clock += 33uL
        session.pushFrame(frame.width.toUInt(), frame.height.toUInt(), frame.stride.toUInt(), frame.luma, clock)
    }
}

fun SessionEvent.brief(): String = when (this) {
    is SessionEvent.Searching -> "searching"
    is SessionEvent.CodeSeen -> "code_seen:${guidance.name.lowercase()}"
    is SessionEvent.Checking -> "checking:$qrText"
    is SessionEvent.Result -> "result:${result.text}:${result.outcomeCode}"
    is SessionEvent.Failed -> "failed:${summary.outcome}"
    is SessionEvent.Cancelled -> "cancelled"
}

fun registerSessionTests(suite: Suite) = with(suite) {
    val aText = photoText("frame-1280x720")
    val bText = photoText("straight-480x360")
    val a by lazy { photoFrame("frame-1280x720", padding = 64) }
    val b by lazy { photoFrame("straight-480x360") }
    val empty by lazy { emptyFrame() }

    test("session, shelf mode: one check per label, words in every event, history once per label") {
        Scanner(Fixtures.config(Fixtures.newDataDir("session-shelf"))).use { scanner ->
            val recorder = Recorder()
            scanner.startSession(SessionConfig(ScanMode.SHELF, 10_000uL, false), recorder).use { session ->
                val cam = Camera(session)
                cam.show(empty, 3)
                cam.show(a)
                assertEquals("searching", recorder.next().brief())
                assertEquals("checking:$aText", recorder.next().brief())
                val result = assertIs<SessionEvent.Result>(recorder.next())
                assertOutcome(Fixtures.labels.first { it.url == aText }, result.result)
                assertEquals(result.result.summary.verdict.text, result.announcement.text)
                assertTrue(recorder.thread.take().isNotEmpty())
                cam.show(a, 5)
                cam.show(empty, 2)
                cam.show(b)
                assertEquals("checking:$bText", recorder.next().brief())
                assertEquals("result:$bText:verified", recorder.next().brief())
                cam.show(b, 3)
                cam.show(a, 3)
                session.stop()
                assertEquals(listOf(), recorder.drain().map { it.brief() }, "no second check of A or B")
            }
            assertEquals(setOf(aText, bText), scanner.history().map { it.url }.toSet())
        }
    }

    test("session, shopper mode: stops at the result until resume; guidance in words") {
        Scanner(Fixtures.config(Fixtures.newDataDir("session-shopper"))).use { scanner ->
            val recorder = Recorder()
            scanner.startSession(SessionConfig(ScanMode.SHOPPER, 10_000uL, false), recorder).use { session ->
                val cam = Camera(session)
                cam.show(Frame(empty.width, empty.height, empty.stride, ByteArray(empty.luma.size) { 8 }))
                assertEquals("searching", recorder.next().brief())
                val dark = assertIs<SessionEvent.CodeSeen>(recorder.next())
                assertEquals(Guidance.MORE_LIGHT, dark.guidance)
                assertTrue(dark.words.text.isNotBlank() && dark.words.spoken.isNotBlank())
                cam.show(a)
                assertEquals("checking:$aText", recorder.next().brief())
                assertIs<SessionEvent.Result>(recorder.next())
                cam.show(b, 3)
                assertNull(recorder.events.poll(300, TimeUnit.MILLISECONDS), "stopped until resume")
                session.resume()
                assertEquals("searching", recorder.next().brief())
                cam.show(b)
                assertEquals("checking:$bText", recorder.next().brief())
                assertEquals("result:$bText:verified", recorder.next().brief())
            }
        }
    }

    test("session offline, label not saved: Failed with the worded summary, never swallowed") {
        Scanner(Fixtures.config(Fixtures.newDataDir("session-offline"))).use { scanner ->
            val recorder = Recorder()
            scanner.startSession(SessionConfig(ScanMode.SHOPPER, 10_000uL, true), recorder).use { session ->
                Camera(session).show(a)
                assertEquals("searching", recorder.next().brief())
                assertEquals("checking:$aText", recorder.next().brief())
                val failed = assertIs<SessionEvent.Failed>(recorder.next())
                assertIs<TrustLabelException.NotCached>(failed.error)
                assertEquals("not_cached", failed.summary.outcome)
                assertWellFormed(failed.summary, "not cached")
                assertTrue(failed.announcement.spoken.isNotBlank())
            }
            assertEquals(0uL, scanner.cachedRecordCount())
        }
    }

    test("session cancel mid-lookup: Cancelled, the request dropped, the store unchanged") {
        BlackHoleRegistry().use { hole ->
            val dir = Fixtures.newDataDir("session-cancel")
            Scanner(Fixtures.config(dir, origin = hole.origin, requestTimeoutMs = 20_000u)).use { scanner ->
                val recorder = Recorder()
                scanner.startSession(SessionConfig(ScanMode.SHOPPER, 10_000uL, false), recorder).use { session ->
                    Camera(session).show(a)
                    assertEquals("searching", recorder.next().brief())
                    assertEquals("checking:$aText", recorder.next().brief())
                    assertTrue(hole.accepted.awaitSeconds(10), "the lookup reached the server")
                    session.cancel()
                    assertEquals("cancelled", recorder.next().brief())
                    assertTrue(hole.dropped.awaitSeconds(10), "the request was dropped")
                }
                assertEquals(0uL, scanner.cachedRecordCount())
                assertEquals(0, scanner.history().size)
            }
        }
    }

    test("session: a throwing listener does not stop the session; decode_image for gallery photos") {
        Scanner(Fixtures.config(Fixtures.newDataDir("session-throw"))).use { scanner ->
            val recorder = Recorder(throwOn = { it is SessionEvent.Checking })
            scanner.startSession(SessionConfig(ScanMode.SHELF, 10_000uL, false), recorder).use { session ->
                assertEquals("searching", recorder.next().brief())
                val texts = scanner.decodeImage(File(Fixtures.dir, "label-photos/straight-480x360.jpg").readBytes())
                assertEquals(listOf(bText), texts)
                session.pushText(texts.first(), 5_000uL)
                assertEquals("result:$bText:verified", recorder.next().brief())
            }
            assertEquals(listOf<String>(), scanner.decodeImage(blankPng(64, 64)))
            try {
                scanner.decodeImage(byteArrayOf(1, 2, 3))
                fail("not an image")
            } catch (e: TrustLabelException.InvalidImage) {
                assertTrue(e.summary.verdict.text.isNotBlank())
            }
        }
    }
}
