package org.trustlabel.logic

import org.trustlabel.logic.testing.Suite
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

object ScanDebouncerTest : Suite({
    test("the same code over many frames is one scan") {
        val d = ScanDebouncer(quietMs = 2_500)
        val accepted = (0 until 150).count { d.offer("https://r.example/a", it * 33L) } // 5 s at 30 fps
        assertEquals(1, accepted)
    }

    test("the same code counts again only after it was out of view for the quiet time") {
        val d = ScanDebouncer(quietMs = 2_500)
        assertTrue(d.offer("A", 0))
        assertFalse(d.offer("A", 2_000))
        assertFalse(d.offer("A", 4_400)) // sliding: last seen at 2 000
        assertTrue(d.offer("A", 7_000))
    }

    test("two labels in view at once give one scan each") {
        val d = ScanDebouncer()
        var accepted = 0
        for (i in 0 until 60) {
            if (d.offer(if (i % 2 == 0) "A" else "B", i * 33L)) accepted++
        }
        assertEquals(2, accepted)
    }

    test("surrounding spaces do not make a new code, and blank text is never a scan") {
        val d = ScanDebouncer()
        assertTrue(d.offer("A", 0))
        assertFalse(d.offer("  A\n", 10))
        assertFalse(d.offer("   ", 20))
    }

    test("forget lets the same code count at once (check again)") {
        val d = ScanDebouncer()
        assertTrue(d.offer("A", 0))
        d.forget("A")
        assertTrue(d.offer("A", 10))
    }

    test("memory is bounded and drops the code seen least recently") {
        val d = ScanDebouncer(quietMs = 10_000, capacity = 3)
        d.offer("A", 0); d.offer("B", 1); d.offer("C", 2)
        d.offer("A", 3) // A is now the most recent
        d.offer("D", 4) // evicts B
        assertEquals(3, d.size)
        assertTrue(d.offer("B", 5), "B was evicted, so it is new again")
        assertFalse(d.offer("A", 6))
    }

    test("a clock that goes backwards never produces a duplicate result") {
        val d = ScanDebouncer()
        assertTrue(d.offer("A", 10_000))
        assertFalse(d.offer("A", 5_000))
        assertTrue(d.isRecent("A", 10_500))
    }
})
