package org.trustlabel.logic.model

import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import org.trustlabel.logic.testing.Suite
import kotlin.test.assertEquals
import kotlin.test.assertTrue

private class FakeHistory : HistoryPort<FakeScanner, String> {
    @Volatile var items = listOf("b", "a")
    @Volatile var on = true
    var slowHistory: CountDownLatch? = null
    var failWith: Exception? = null

    override fun history(scanner: FakeScanner): List<String> {
        scanner.use("history")
        failWith?.let { throw it }
        slowHistory?.await(10, TimeUnit.SECONDS)
        return items
    }

    override fun search(scanner: FakeScanner, query: String) = items.filter { query in it }
    override fun enabled(scanner: FakeScanner) = on
    override fun setEnabled(scanner: FakeScanner, on: Boolean) {
        this.on = on
    }

    override fun clear(scanner: FakeScanner) {
        items = emptyList()
    }
}

object HistoryListModelTest : Suite({
    test("search, the switch and clear; overlapping answers never undo each other") {
        rig {
            host.ensureOpen("en-US").join()
            val port = FakeHistory()
            val model = HistoryListModel(host, scope, port)
            model.refresh()
            model.state.awaitValue { it.items == listOf("b", "a") }
            model.refresh("a")
            model.state.awaitValue { it.items == listOf("a") }
            // A slow list is on its way when the switch and clear land: both stay.
            port.slowHistory = CountDownLatch(1)
            model.refresh("")
            model.setEnabled(false)
            model.state.awaitValue { !it.enabled }
            model.clear()
            model.state.awaitValue { it.cleared && it.items == emptyList<String>() }
            port.slowHistory!!.countDown()
            kotlinx.coroutines.delay(100)
            val s = model.state.value
            assertEquals(emptyList(), s.items, "the older answer did not bring the cleared items back")
            assertEquals(false, s.enabled)
            assertTrue(s.cleared)
        }
    }

    test("a failure shows the core's words when it gave some") {
        rig {
            host.ensureOpen("en-US").join()
            val port = FakeHistory().apply { failWith = CoreWorded("The saved data could not be read") }
            val model = HistoryListModel(host, scope, port)
            model.refresh()
            val s = model.state.awaitValue { it.problem != null }
            assertEquals(Problem("The saved data could not be read"), s.problem)
            port.failWith = null
            model.refresh()
            model.state.awaitValue { it.problem == null && it.items != null }
        }
    }
})
