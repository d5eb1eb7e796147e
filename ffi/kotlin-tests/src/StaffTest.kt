// The staff features through the Kotlin bindings: shelf audits (buckets, dedupe, CSV,
// reopening), pack import (forged entry, truncated file), the watchlist and its alerts,
// history search and switch, compare.
package dev.trustlabel.core.tests

import dev.trustlabel.core.AlertKind
import dev.trustlabel.core.AuditBucket
import dev.trustlabel.core.Scanner
import dev.trustlabel.core.Tone
import dev.trustlabel.core.TrustLabelException
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/** A pack file of the given envelopes (each already JSON). */
fun packOf(vararg envelopes: ByteArray): ByteArray {
    val body = envelopes.joinToString(",") { String(it, Charsets.UTF_8) }
    return """{"pack_version":1,"created":"2026-11-23T08:00:00Z","records":[$body]}""".toByteArray()
}

fun registerStaffTests(suite: Suite) = with(suite) {
    val ringwraith = Fixtures.label("ringwraith-2000")
    val palantir = Fixtures.label("palantir-cam")
    val morgul = Fixtures.label("morgul-camera")
    val forged = Fixtures.label("bad-forged-signature")

    test("audit: buckets, a repeat counted not repeated, CSV, kept across reopening, delete") {
        val dir = Fixtures.newDataDir("audit")
        Scanner(Fixtures.config(dir)).use { scanner -> scanner.startAudit("aisle 3").use { audit ->
            // An Audit holds its Scanner (and so the data dir) until it is closed too.
            assertEquals(AuditBucket.OK, audit.addText(ringwraith.url).bucket)
            assertEquals(AuditBucket.SUPPORT_ENDS_SOON, audit.addText(palantir.url).bucket)
            assertEquals(AuditBucket.AUTHORIZATION_WITHDRAWN, audit.addText(morgul.url).bucket)
            val bad = audit.addText(forged.url)
            assertEquals(AuditBucket.INVALID, bad.bucket)
            assertEquals("bad_signature", bad.reasonCode)
            assertEquals(null, bad.productName)
            assertEquals(AuditBucket.NOT_A_LABEL, audit.addText("hello").bucket)
            val again = audit.addText(ringwraith.url)
            assertEquals(2u, again.scanCount)
            assertTrue(again.title.startsWith("RingWraith2000"), again.title)
            assertEquals(5, audit.entries().size)
            val counts = audit.counts().associate { it.bucket to it.count }
            assertEquals(9, counts.size, "every bucket listed")
            assertEquals(1u, counts[AuditBucket.OK])
            assertEquals(0u, counts[AuditBucket.NOT_CHECKED])
            assertEquals("Support ends soon", audit.counts().first { it.bucket == AuditBucket.SUPPORT_ENDS_SOON }.title)
            val csv = audit.exportCsv().split("\r\n")
            assertEquals("product,model,maker,url,bucket,outcome,reason,support_date,scan_count,first_scan_at,last_scan_at", csv[0])
            assertTrue(csv.any { it.contains(ringwraith.url) && it.contains(",ok,verified,") }, "$csv")
            assertTrue(audit.exportJson().contains("\"support_ends_soon\":1"))
            assertFailsWith<TrustLabelException.Refused> { scanner.startAudit("aisle 3") }.also {
                assertEquals("audit_exists", it.code)
            }
        } }
        Scanner(Fixtures.config(dir, offline = true)).use { scanner ->
            val info = scanner.listAudits().single()
            assertEquals("aisle 3", info.name)
            assertEquals(5u, info.counts.sumOf { it.count })
            val audit = scanner.openAudit("aisle 3")
            // Offline now: the saved copy answers, the label is still counted once.
            assertEquals(3u, audit.addText(ringwraith.url).scanCount)
            audit.closeAudit()
            assertTrue(scanner.listAudits().single().closed)
            assertFailsWith<TrustLabelException.Refused> { audit.addText(palantir.url) }.also {
                assertEquals("audit_closed", it.code)
            }
            scanner.deleteAudit("aisle 3")
            assertTrue(scanner.listAudits().isEmpty())
            assertFailsWith<TrustLabelException.Refused> { scanner.openAudit("aisle 3") }.also {
                assertEquals("audit_not_found", it.code)
            }
        }
    }

    test("pack import: a forged entry skipped by its reason, the rest scanned offline") {
        val dir = Fixtures.newDataDir("pack")
        val good = Fixtures.served("ringwraith-2000")
        val other = Fixtures.served("palantir-cam")
        val bad = Fixtures.bytes("bad/forged-signature.jws.json")
        Scanner(Fixtures.config(dir, offline = true)).use { scanner ->
            val whole = packOf(good, bad, other)
            val truncated = assertFailsWith<TrustLabelException.Refused> { scanner.importPack(whole.copyOf(whole.size / 2)) }
            assertEquals("pack_truncated", truncated.code)
            assertTrue(truncated.text.startsWith("This pack file is incomplete"), truncated.text)
            assertEquals(0uL, scanner.cachedRecordCount(), "nothing half-imported")
            val report = scanner.importPack(whole)
            assertEquals(2u, report.imported)
            val skipped = report.skipped.single()
            assertEquals(1u, skipped.index)
            assertEquals("bad_signature", skipped.reasonCode)
            assertEquals(forged.url, skipped.url)
            assertTrue(report.words.text.startsWith("Imported 2 labels"), report.words.text)
            val result = scanner.scanText(ringwraith.url)
            assertEquals("offline_cached", result.outcomeCode)
            assertTrue(result.summary.facts.first { it.id == "verification" }.text.contains("last checked"))
            // And back out: a pack of what is saved.
            val exported = String(scanner.exportPack(), Charsets.UTF_8)
            assertTrue(exported.startsWith("{\"pack_version\":1"), exported.take(40))
        }
    }

    test("watchlist: saved products, alerts for support ending and an authorization changed") {
        val dir = Fixtures.newDataDir("watch")
        Scanner(Fixtures.config(dir)).use { scanner ->
            val item = scanner.watchAdd(palantir.url)
            assertEquals("active", item.authorization)
            scanner.watchAdd(ringwraith.url)
            assertEquals(2, scanner.watchList().size)
            assertTrue(scanner.watchAlerts(30u).isEmpty(), "nothing within 30 days")
            val soon = scanner.watchAlerts(365u).single()
            assertEquals(AlertKind.SUPPORT_ENDS_SOON, soon.kind)
            assertEquals(palantir.url, soon.url)
            assertTrue(soon.words.text.contains("March 31, 2027"), soon.words.text)
            assertFailsWith<TrustLabelException.Refused> { scanner.watchAdd(forged.url) }.also {
                assertEquals("no_record", it.code)
            }
            assertTrue(scanner.watchRemove(palantir.url))
            assertEquals(1, scanner.watchList().size)
        }
    }

    test("history: search by product or maker, and switched off nothing is written") {
        val dir = Fixtures.newDataDir("history-switch")
        Scanner(Fixtures.config(dir)).use { scanner ->
            assertTrue(scanner.historyEnabled())
            scanner.setHistoryEnabled(false)
            scanner.scanText(ringwraith.url)
            assertTrue(scanner.history().isEmpty())
            scanner.setHistoryEnabled(true)
            scanner.scanText(ringwraith.url)
            scanner.scanText(palantir.url)
            assertEquals(listOf(ringwraith.url), scanner.historySearch("ringWRAITH").map { it.url })
            assertEquals(2, scanner.historySearch("").size)
        }
        Scanner(Fixtures.config(dir)).use { assertTrue(it.historyEnabled()) }
    }

    test("compare: rows for each question, one cell per product, tones from the summary") {
        Scanner(Fixtures.config(Fixtures.newDataDir("compare"))).use { scanner ->
            val table = scanner.compare(listOf(ringwraith.url, palantir.url))
            assertEquals(listOf("RingWraith2000", "Palantir Cam"), table.products.map { it.name })
            assertEquals(7, table.rows.size)
            val support = table.rows.first { it.id == "support" }
            assertEquals(listOf(Tone.GOOD, Tone.CAUTION), support.cells.map { it.tone })
            assertFailsWith<TrustLabelException.Refused> { scanner.compare(listOf(ringwraith.url)) }.also {
                assertEquals("too_few", it.code)
                assertTrue(it.text.isNotBlank(), "the core's sentence to show")
            }
        }
    }
}
