package org.trustlabel.logic.model

import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger
import org.trustlabel.logic.testing.Suite
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

private class FakeAudit(val name: String, val journal: MutableList<String>) : AuditPort<String, String> {
    val recorded: MutableList<String> = Collections.synchronizedList(mutableListOf())
    override fun counts() = listOf("scanned: ${recorded.size}")
    override fun entries() = recorded.toList()
    override fun exportCsv() = "url\n" + recorded.joinToString("\n")
    override fun exportJson() = "[]"
    override fun finish() {
        journal += "finish $name"
    }

    override fun close() {
        journal += "close audit $name"
    }
}

private class FakeAudits(val journal: MutableList<String>) : AuditOpener<FakeScanner, String, String, String, String, String, String> {
    val existing = Collections.synchronizedSet(mutableSetOf("Aisle 1"))
    val starts = AtomicInteger()
    val opens = AtomicInteger()
    val sessions: MutableList<FakeSession> = Collections.synchronizedList(mutableListOf())
    var last: FakeAudit? = null

    override fun start(scanner: FakeScanner, name: String): AuditPort<String, String> {
        scanner.use("startAudit")
        starts.incrementAndGet()
        if (!existing.add(name)) throw CoreRefusal("audit_exists", "An audit named $name already exists.")
        return FakeAudit(name, journal).also { last = it }
    }

    override fun open(scanner: FakeScanner, name: String): AuditPort<String, String> {
        scanner.use("openAudit")
        opens.incrementAndGet()
        if (name !in existing) throw CoreRefusal("audit_not_found", "There is no audit named $name.")
        return FakeAudit(name, journal).also { last = it }
    }

    override fun startSession(audit: AuditPort<String, String>, onState: (State) -> Unit): SessionPort =
        FakeSession("shelf-${sessions.size + 1}", journal).also { sessions += it }
}

object StaffModelsTest : Suite({
    test("an audit name already taken: the core's words, no session, no camera") {
        rig {
            host.ensureOpen("en-US").join()
            val audits = FakeAudits(factory.journal)
            val model = AuditModel(host, scope, audits, "Aisle 1", isNew = true)
            val phase = model.phase.awaitValue { it !is AuditPhase.Opening }
            assertEquals(AuditPhase.Refused(Problem("An audit named Aisle 1 already exists.", "audit_exists")), phase)
            assertFalse(model.cameraOn)
            assertTrue(audits.sessions.isEmpty())
            assertNull(model.session)
        }
    }

    test("a new audit is started once; a reopen (language change) opens it and restarts its session") {
        rig {
            host.ensureOpen("en-US").join()
            val audits = FakeAudits(factory.journal)
            val kept = Collections.synchronizedList(mutableListOf<Boolean>())
            val model = AuditModel(host, scope, audits, "Aisle 7", isNew = true, keepIsNew = { kept += it })
            model.phase.awaitValue { it == AuditPhase.Running }
            assertTrue(model.cameraOn)
            assertEquals(listOf(false), kept.toList())
            host.ensureOpen("es-US").join()
            eventually("second session") { audits.sessions.size == 2 && model.phase.value == AuditPhase.Running }
            assertEquals(1, audits.starts.get())
            assertEquals(1, audits.opens.get())
            assertTrue(audits.sessions[0].closed)
            assertTrue("close audit Aisle 7" in factory.journal)
        }
    }

    test("counts are read again after each result; finish stops the camera and closes the audit") {
        rig {
            host.ensureOpen("en-US").join()
            val audits = FakeAudits(factory.journal)
            val model = AuditModel(host, scope, audits, "Aisle 1", isNew = false)
            model.phase.awaitValue { it == AuditPhase.Running }
            audits.last!!.recorded += "https://demo.trustlabel.dev/l/a"
            model.onState(ScanState.Showing("https://demo.trustlabel.dev/l/a", "Genuine"))
            model.counts.awaitValue { it == listOf("scanned: 1") }
            assertEquals(listOf("https://demo.trustlabel.dev/l/a"), model.entries.value)
            assertEquals("url\nhttps://demo.trustlabel.dev/l/a", model.export(csv = true))
            model.finish()
            assertEquals(AuditPhase.Finished, model.phase.value)
            assertFalse(model.cameraOn)
            eventually("finished in the core") { "finish Aisle 1" in factory.journal }
            eventually("session closed") { audits.sessions[0].closed }
        }
    }

    test("Saved to My devices only once the core saved it; a failure keeps the core's words") {
        rig {
            host.ensureOpen("en-US").join()
            val saved = Collections.synchronizedList(mutableListOf<String>())
            val model = WatchModel<FakeScanner, String, String>(
                host, scope,
                list = { saved.toList() }, alertsOf = { emptyList() },
                add = { _, url -> if (url.endsWith("bad")) throw CoreRefusal("no_record", "This label has no saved record.") else saved += url },
                remove = { _, url -> saved -= url },
            )
            model.save("https://demo.trustlabel.dev/l/bad")
            val bad = model.saves.awaitValue { it["https://demo.trustlabel.dev/l/bad"] !is SaveState.Saving? }
            assertEquals(SaveState.Failed(Problem("This label has no saved record.", "no_record")), bad["https://demo.trustlabel.dev/l/bad"])
            model.save("https://demo.trustlabel.dev/l/good")
            model.saves.awaitValue { it["https://demo.trustlabel.dev/l/good"] == SaveState.Saved }
            model.refresh()
            model.items.awaitValue { it == listOf("https://demo.trustlabel.dev/l/good") }
            model.remove("https://demo.trustlabel.dev/l/good")
            model.items.awaitValue { it == emptyList<String>() }
            assertNull(model.saves.value["https://demo.trustlabel.dev/l/good"])
        }
    }

    test("a refused pack shows the core's sentence and the screen is not left busy") {
        rig {
            host.ensureOpen("en-US").join()
            val model = PackModel<FakeScanner, String>(host, scope) { _, bytes ->
                if (bytes.isEmpty()) throw CoreRefusal("pack_truncated", "This file is cut short.") else "imported ${bytes.size}"
            }
            model.importFile { ByteArray(0) }
            val p = model.problem.awaitValue { it != null }
            assertEquals(Problem("This file is cut short.", "pack_truncated"), p)
            model.busy.awaitValue { !it }
            model.importFile { ByteArray(4) }
            model.report.awaitValue { it == "imported 4" }
            assertNull(model.problem.value)
            model.importFile { throw java.io.IOException("unreadable") }
            assertEquals(Problem(null), model.problem.awaitValue { it != null })
        }
    }

    test("compare: the core's refusal in its words; fewer than two is said without asking") {
        rig {
            host.ensureOpen("en-US").join()
            val asked = AtomicInteger()
            val one = CompareModel<FakeScanner, String>(host, scope, listOf("a")) { _, _ -> asked.incrementAndGet(); "t" }
            assertTrue(one.needMore)
            val refused = CompareModel<FakeScanner, String>(host, scope, listOf("a", "b")) { _, _ ->
                asked.incrementAndGet(); throw CoreRefusal("too_few", "Pick at least two saved products.")
            }
            assertEquals("Pick at least two saved products.", refused.problem.awaitValue { it != null }!!.text)
            assertEquals(1, asked.get())
            val ok = CompareModel<FakeScanner, String>(host, scope, listOf("a", "b")) { _, urls -> urls.joinToString() }
            assertEquals("a, b", ok.comparison.awaitValue { it != null })
        }
    }

    test("audits list: delete and list again; a refusal in the core's words") {
        rig {
            host.ensureOpen("en-US").join()
            val names = Collections.synchronizedList(mutableListOf("A", "B"))
            val model = AuditsModel<FakeScanner, String>(host, scope, { names.toList() }) { _, n ->
                if (n !in names) throw CoreRefusal("audit_not_found", "There is no audit named $n.")
                names -= n
            }
            model.refresh()
            model.audits.awaitValue { it == listOf("A", "B") }
            model.delete("A")
            model.audits.awaitValue { it == listOf("B") }
            model.delete("Z")
            assertEquals("There is no audit named Z.", model.problem.awaitValue { it != null }!!.text)
            assertIs<List<String>>(model.audits.value)
        }
    }
})
