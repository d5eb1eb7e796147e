package org.trustlabel.logic

import org.trustlabel.logic.testing.Suite
import org.trustlabel.logic.testing.XmlCatalog
import java.time.Instant
import java.time.ZoneId
import java.time.ZonedDateTime
import java.util.Locale
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

private val zone: ZoneId = ZoneId.of("America/Los_Angeles")
private fun at(y: Int, m: Int, d: Int, h: Int, min: Int): Long = ZonedDateTime.of(y, m, d, h, min, 0, 0, zone).toInstant().toEpochMilli()

private fun entry(name: String?, t: Long, tone: Tone = Tone.GOOD, verdict: String = "Genuine label") = HistoryEntry(
    text = "https://registry.example/${name ?: "x"}",
    scannedAtEpochMs = t,
    outcome = ScanOutcome.VERIFIED,
    tone = tone,
    productName = name,
    verdictText = verdict,
    verdictSpoken = "$verdict.",
)

object HistoryModelTest : Suite({
    val now = Instant.ofEpochMilli(at(2026, 11, 23, 10, 0))
    val en = XmlCatalog.english

    test("empty history explains itself") {
        val m = HistoryScreenModel.from(emptyList(), en, now, zone, Locale.US)
        assertTrue(m.sections.isEmpty())
        assertEquals("No scans yet. Labels you scan show up here.", m.emptyText)
    }

    test("grouped by local day, newest first, with words for days") {
        val m = HistoryScreenModel.from(
            listOf(
                entry("Old", at(2026, 8, 31, 9, 5)),
                entry("Today", at(2026, 11, 23, 8, 30)),
                entry("Late", at(2026, 11, 22, 23, 59)), // yesterday in Los Angeles, today in UTC
                entry("Early", at(2026, 11, 23, 0, 1)),
            ),
            en, now, zone, Locale.US,
        )
        assertNull(m.emptyText)
        assertEquals(listOf("Today", "Yesterday", "August 31, 2026"), m.sections.map { it.heading })
        assertEquals(listOf("Today", "Early"), m.sections[0].rows.map { it.title })
    }

    test("row descriptions are whole sentences with no numeric dates") {
        val m = HistoryScreenModel.from(
            listOf(entry("RingWraith2000", at(2026, 11, 23, 15, 42)), entry(null, at(2026, 8, 31, 9, 5), Tone.BAD, "Not an official label")),
            en, now.plusSeconds(8 * 3600), zone, Locale.US,
        )
        val today = m.sections[0].rows.single()
        assertEquals("RingWraith2000. Genuine label. Scanned today at 3:42 PM.", today.contentDescription)
        assertEquals("3:42 PM", today.time)
        val old = m.sections[1].rows.single()
        assertEquals("Unknown product", old.title)
        assertEquals("Problem", old.toneWord)
        assertEquals("Unknown product. Not an official label. Scanned on August 31, 2026 at 9:05 AM.", old.contentDescription)
        assertTrue(m.sections.flatMap { it.rows }.none { Regex("\\d+/\\d+/\\d+").containsMatchIn(it.contentDescription) })
    }

    test("Spanish dates and words") {
        val es = Locale.forLanguageTag("es-US")
        val m = HistoryScreenModel.from(listOf(entry("RW", at(2026, 8, 31, 9, 5))), XmlCatalog.spanish, now, zone, es)
        assertEquals("31 de agosto de 2026", m.sections.single().heading)
        assertTrue(m.sections.single().rows.single().contentDescription.startsWith("RW. Genuine label. Escaneado el 31 de agosto de 2026, "))
    }
})
