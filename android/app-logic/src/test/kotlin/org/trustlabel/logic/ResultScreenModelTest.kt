package org.trustlabel.logic

import org.trustlabel.logic.testing.Sample
import org.trustlabel.logic.testing.Suite
import org.trustlabel.logic.testing.XmlCatalog
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

private val en = XmlCatalog.english

object ResultScreenModelTest : Suite({
    test("verdict first, then every fact in the core's order") {
        val m = ResultScreenModel.from(Sample.result(), en)
        assertEquals("Genuine label. The registry signed this record.", m.verdict.text)
        assertEquals(Sample.facts.map { it.id }, m.facts.map { it.id })
    }

    test("each row's description is title, tone word and the spoken form") {
        val m = ResultScreenModel.from(Sample.result(), en)
        val sensors = m.facts.single { it.id == "sensors" }
        assertEquals("Caution", sensors.toneWord)
        assertEquals("What it can record. Caution. Can record video. Can record sound. Cannot tell where it is.", sensors.contentDescription)
        val product = m.facts.single { it.id == "product" }
        assertNull(product.toneWord, "neutral facts carry no judgement word")
        assertEquals("Product. RingWraith2000, model R W 2 K, by Gamgee Unlimited.", product.contentDescription)
    }

    test("no tone is carried by colour alone: every non-neutral row has a word") {
        val m = ResultScreenModel.from(Sample.result(), en)
        for (row in m.facts) {
            if (row.tone != Tone.NEUTRAL) {
                val word = assertNotNull(row.toneWord, row.id)
                assertTrue(word in row.contentDescription, "${row.id}: the tone word is spoken too")
            }
        }
    }

    test("the announcement says the verdict, the product and the support period, with words for dates") {
        val m = ResultScreenModel.from(Sample.result(), en)
        assertEquals(
            "Genuine label. The registry signed this record. RingWraith2000, model R W 2 K, by Gamgee Unlimited. " +
                "Gets security updates until August 31, 2028. That is about 1 year and 9 months from now.",
            m.announcement,
        )
        assertTrue(!Regex("\\d{1,2}/\\d{1,2}/\\d{2,4}|\\d{4}-\\d{2}-\\d{2}").containsMatchIn(m.announcement))
    }

    test("verified data: links are offered and say where they go") {
        val m = ResultScreenModel.from(Sample.result(), en)
        val link = assertNotNull(m.facts.single { it.id == "securing_this_product" }.link)
        assertEquals("Open gamgee.tech", link.label)
        assertEquals("Security steps", link.title)
        assertEquals("https://www.gamgee.tech/RW2K/Security", link.uri)
        val mail = assertNotNull(m.facts.single { it.id == "security_contact" }.link)
        assertEquals("Email security@gamgee.tech", mail.label)
        assertNull(m.linksNote)
    }

    test("links that could mislead or harm are not offered") {
        for (bad in listOf("javascript:alert(1)", "intent://x#Intent;end", "file:///sdcard/x", "https://registry.example@evil.example/", "not a uri at all", "https:///nohost")) {
            assertNull(ResultScreenModel.linkAction(bad, en), bad)
        }
    }

    test("data that is not checked never offers links, and says so") {
        val unchecked = Sample.result().copy(outcome = ScanOutcome.INVALID)
        val m = ResultScreenModel.from(unchecked, en)
        assertTrue(m.facts.all { it.link == null })
        assertEquals("https://www.gamgee.tech/RW2K/Security", m.facts.single { it.id == "securing_this_product" }.inertLinkText)
        assertEquals("Links stay closed, because this label could not be checked.", m.linksNote)
        assertTrue(ResultAction.CHECK_AGAIN in m.actions)
    }

    test("not official: the real host is shown large and announced") {
        val r = Sample.result(ScanOutcome.NOT_OFFICIAL, text = "https://registry-example.evil/rw2k", host = "registry-example.evil")
        val m = ResultScreenModel.from(r, en)
        assertEquals("This code leads to:" to "registry-example.evil", m.hostWarning)
        assertEquals("Not an official label. This code does not lead to the official registry. This code leads to registry-example.evil.", m.announcement)
        assertTrue(m.facts.isEmpty())
        assertEquals(listOf(ResultAction.SCAN_ANOTHER), m.actions)
    }

    test("not a label: the text is shown as text, never as a link") {
        val m = ResultScreenModel.from(Sample.result(ScanOutcome.NOT_A_LABEL, text = "WIFI:S:shop;T:WPA;P:secret;;", host = null), en)
        assertEquals("This code says:" to "WIFI:S:shop;T:WPA;P:secret;;", m.rawText)
        assertNull(m.hostWarning)
    }

    test("stale and cached results offer to check again; fresh ones do not") {
        assertTrue(ResultAction.CHECK_AGAIN in ResultScreenModel.from(Sample.result(ScanOutcome.VERIFIED_STALE), en).actions)
        assertTrue(ResultAction.CHECK_AGAIN in ResultScreenModel.from(Sample.result(ScanOutcome.OFFLINE_CACHED), en).actions)
        assertEquals(listOf(ResultAction.SCAN_ANOTHER), ResultScreenModel.from(Sample.result(), en).actions)
    }

    test("a missing spoken form falls back to the text, never to nothing") {
        val r = Sample.result().copy(
            verdict = VerdictView(Tone.GOOD, "Genuine label. Signed.", ""),
            facts = listOf(FactView("updates", Tone.GOOD, "Updates", "Install by themselves.", " ")),
        )
        val m = ResultScreenModel.from(r, en)
        assertEquals("Genuine label. Signed.", m.verdict.contentDescription)
        assertEquals("Updates. Good. Install by themselves.", m.facts.single().contentDescription)
    }

    test("Spanish catalogue gives Spanish tone words and link labels") {
        val m = ResultScreenModel.from(Sample.result(), XmlCatalog.spanish)
        assertEquals("Atención", m.facts.single { it.id == "sensors" }.toneWord)
        assertEquals("Abrir gamgee.tech", m.facts.single { it.id == "securing_this_product" }.link?.label)
    }
})
