package org.trustlabel.logic

import org.trustlabel.logic.testing.Suite
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

object TypesTest : Suite({
    test("outcome wire names round-trip, and an unknown one is never verified") {
        for (o in ScanOutcome.entries) assertEquals(o, ScanOutcome.fromWire(o.wire))
        assertEquals(ScanOutcome.VERIFIED_STALE, ScanOutcome.fromWire(" Verified-Stale "))
        assertEquals(ScanOutcome.INVALID, ScanOutcome.fromWire("verified_by_magic"))
        assertEquals(
            setOf(ScanOutcome.VERIFIED, ScanOutcome.VERIFIED_STALE, ScanOutcome.OFFLINE_CACHED),
            ScanOutcome.entries.filter { it.showsRegistryData }.toSet(),
        )
    }

    test("tone wire names, unknown tone reads as unknown") {
        assertEquals(Tone.CAUTION, Tone.fromWire("caution"))
        assertEquals(Tone.UNKNOWN, Tone.fromWire("purple"))
    }

    test("every tone but neutral has a word") {
        for (t in Tone.entries) assertEquals(t != Tone.NEUTRAL, Msg.toneWord(t) != null)
    }

    test("a luma frame must hold its rows; the last row may be short") {
        LumaFrame(4, 2, 8, ByteArray(8 + 4), 0) // CameraX often drops the last row's padding
        assertFailsWith<IllegalArgumentException> { LumaFrame(4, 2, 8, ByteArray(11), 0) }
        assertFailsWith<IllegalArgumentException> { LumaFrame(4, 2, 3, ByteArray(16), 0) }
        assertFailsWith<IllegalArgumentException> { LumaFrame(0, 2, 3, ByteArray(16), 0) }
    }

    test("frame scan values compare by content") {
        assertTrue(FrameScan.Decoded("a") == FrameScan.Decoded("a"))
        assertFalse(FrameScan.Decoded("a") == FrameScan.Decoded("b"))
    }
})
