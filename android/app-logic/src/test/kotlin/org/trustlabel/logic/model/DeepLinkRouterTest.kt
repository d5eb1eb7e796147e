package org.trustlabel.logic.model

import org.trustlabel.logic.testing.Suite
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

// Which links are label links is the core's rule (protocol/src/link.rs `incoming_link`, tested there
// and through the bindings in ffi/kotlin-tests and ios/linux-check); here the core is a fake
// that records its calls, and the router's own part is tested: the hosts and the link reach the
// core unchanged, its answer decides, and an intent already handled never reaches it.
object DeepLinkRouterTest : Suite({
    class FakeCore(private val answer: (String) -> String?) : IncomingLinkRule {
        val calls = mutableListOf<Pair<String, List<String>>>()
        override fun invoke(url: String, claimedHosts: List<String>): String? {
            calls += url to claimedHosts
            return answer(url)
        }
    }
    val hosts = listOf("demo.trustlabel.dev")
    val link = "https://DEMO.trustlabel.dev:443/l/a?x=1#f"

    test("a link the core takes goes to the scan screen with the core's text") {
        val core = FakeCore { "$it (as the core gave it)" }
        assertEquals(DeepLink.Scan("$link (as the core gave it)"), DeepLinkRouter(hosts, core).route(link))
        assertEquals(listOf(link to hosts), core.calls, "the link and the claimed hosts, unchanged")
    }

    test("a link the core refuses is not routed") {
        val core = FakeCore { null }
        assertNull(DeepLinkRouter(hosts, core).route("https://evil.example/l/a"))
        assertEquals(1, core.calls.size)
    }

    test("no link, a recreated activity or one opened from Recents: the core is not asked") {
        val core = FakeCore { it }
        val router = DeepLinkRouter(hosts, core)
        assertNull(router.route(null))
        assertNull(router.route(link, restored = true))
        assertNull(router.route(link, fromHistory = true))
        assertTrue(core.calls.isEmpty(), "${core.calls}")
        assertEquals(DeepLink.Scan(link), router.route(link), "the same link, newly delivered, is routed")
    }
})
