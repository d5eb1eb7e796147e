package org.trustlabel.logic

import org.trustlabel.logic.testing.Suite
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

private const val BRIGHT = 120
private const val DARK = 10

/** Feeds [sighting] every 33 ms from [from] (exclusive of [to]); returns the updates. */
private fun ScanGuidance.run(sighting: Sighting, from: Long, to: Long, luma: Int = BRIGHT): List<Pair<Long, Guidance>> {
    val out = mutableListOf<Pair<Long, Guidance>>()
    var t = from
    while (t < to) {
        onFrame(sighting, luma, t)?.let { out += t to it }
        t += 33
    }
    return out
}

object ScanGuidanceTest : Suite({
    test("starts by saying where to point") {
        val g = ScanGuidance().start(0)
        assertEquals(GuidancePhase.SEARCHING, g.phase)
        assertEquals(Msg.GUIDE_POINT, g.message)
        assertTrue(g.speak)
    }

    test("with no code in view it alternates instruction and hint, spoken every few seconds") {
        val s = ScanGuidance(ScanGuidance.Config(repeatMs = 6_000))
        s.start(0)
        val updates = s.run(Sighting.NONE, 33, 20_000)
        assertEquals(listOf(Msg.GUIDE_HINT, Msg.GUIDE_POINT, Msg.GUIDE_HINT), updates.map { it.second.message })
        assertTrue(updates.all { it.second.speak })
        assertTrue(updates.first().first in 6_000..6_100)
    }

    test("search pulses only when asked for, and not on every frame") {
        val quiet = ScanGuidance().apply { start(0) }.run(Sighting.NONE, 33, 5_000)
        assertTrue(quiet.none { it.second.haptic == Haptic.SEARCH_PULSE })
        val pulsing = ScanGuidance(ScanGuidance.Config(searchPulseMs = 1_500)).apply { start(0) }.run(Sighting.NONE, 33, 5_000)
        assertEquals(3, pulsing.count { it.second.haptic == Haptic.SEARCH_PULSE })
        assertTrue(pulsing.none { it.second.speak })
    }

    test("a code in view says hold still once, with a tick") {
        val s = ScanGuidance().apply { start(0) }
        val updates = s.run(Sighting.SEEN, 33, 3_000)
        assertEquals(1, updates.size)
        assertEquals(Msg.GUIDE_HOLD_STILL, updates[0].second.message)
        assertEquals(Haptic.CODE_SEEN, updates[0].second.haptic)
    }

    test("a code that flickers in and out does not chatter") {
        val s = ScanGuidance(ScanGuidance.Config(lostAfterMs = 1_200)).apply { start(0) }
        var updates = 0
        var t = 0L
        repeat(60) { i ->
            t += 33
            if (s.onFrame(if (i % 3 == 0) Sighting.SEEN else Sighting.NONE, BRIGHT, t) != null) updates++
        }
        assertEquals(1, updates)
        assertEquals(GuidancePhase.CODE_SEEN, s.current.phase)
    }

    test("losing the code for a while goes back to the plain instruction") {
        val s = ScanGuidance(ScanGuidance.Config(lostAfterMs = 1_200)).apply { start(0) }
        s.onFrame(Sighting.SEEN, BRIGHT, 100)
        assertNull(s.onFrame(Sighting.NONE, BRIGHT, 1_000))
        val back = assertNotNull(s.onFrame(Sighting.NONE, BRIGHT, 1_400))
        assertEquals(Msg.GUIDE_POINT, back.message)
        assertTrue(back.speak)
    }

    test("a read code gives the success cue, then guidance stays quiet until restarted") {
        val s = ScanGuidance().apply { start(0) }
        val found = assertNotNull(s.onFrame(Sighting.DECODED, BRIGHT, 500))
        assertEquals(GuidancePhase.FOUND, found.phase)
        assertEquals(Haptic.FOUND, found.haptic)
        assertTrue(s.run(Sighting.NONE, 533, 20_000).isEmpty())
        assertEquals(Msg.GUIDE_POINT, s.start(30_000).message)
    }

    test("a dark picture asks for light after a second, and light coming back clears it") {
        val s = ScanGuidance(ScanGuidance.Config(darkAfterMs = 1_000)).apply { start(0) }
        val dark = s.run(Sighting.NONE, 33, 2_000, luma = DARK)
        assertEquals(1, dark.size)
        assertEquals(Msg.GUIDE_DARK, dark[0].second.message)
        assertTrue(dark[0].first >= 1_000)
        // Just above the threshold is not enough (hysteresis) ...
        assertTrue(s.run(Sighting.NONE, 2_000, 2_500, luma = 40).isEmpty())
        // ... clearly brighter is.
        val light = s.run(Sighting.NONE, 2_500, 3_000, luma = BRIGHT)
        assertEquals(Msg.GUIDE_POINT, light.single().second.message)
    }

    test("the label just checked, still in view, is named once") {
        val s = ScanGuidance().apply { start(0) }
        val updates = s.run(Sighting.DUPLICATE, 33, 3_000)
        assertEquals(listOf(Msg.GUIDE_ALREADY_SCANNED), updates.map { it.second.message })
    }
})
