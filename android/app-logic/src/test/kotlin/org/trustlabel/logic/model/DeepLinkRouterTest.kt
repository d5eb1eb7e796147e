package org.trustlabel.logic.model

import org.trustlabel.logic.testing.Suite
import kotlin.test.assertEquals
import kotlin.test.assertNull

object DeepLinkRouterTest : Suite({
    val router = DeepLinkRouter(listOf("demo.trustlabel.dev", " Registry.Example "))

    test("a label link of a claimed host goes to the scan screen, as it is") {
        assertEquals(
            DeepLink.Scan("https://demo.trustlabel.dev/l/ringwraith-2000"),
            router.route("https://demo.trustlabel.dev/l/ringwraith-2000"),
        )
        assertEquals(
            DeepLink.Scan("https://DEMO.trustlabel.dev:443/l/a?x=1#f"),
            router.route("https://DEMO.trustlabel.dev:443/l/a?x=1#f"),
        )
        assertEquals(DeepLink.Scan("https://registry.example/l/x"), router.route("https://registry.example/l/x"))
    }

    test("anything else is not routed") {
        for (link in listOf(
            null,
            "",
            "http://demo.trustlabel.dev/l/a", // the intent filter is https only; so is the core
            "https://demo.trustlabel.dev/l/", // no label
            "https://demo.trustlabel.dev/lx/a",
            "https://demo.trustlabel.dev/", // the registry's home: the browser's job
            "https://demo.trustlabel.dev.evil.example/l/a",
            "https://demo.trustlabel.dev@evil.example/l/a", // userinfo: the host is evil.example
            "https://evil.example/l/a",
            "https://demo.trustlabel.dev:8443/l/a",
            "intent://demo.trustlabel.dev/l/a",
            "https://demo.trustlabel.dev/l/a b", // not a URI
        )) {
            assertNull(router.route(link), "$link")
        }
    }

    test("a recreated activity or one opened from Recents does not check its old link again") {
        val link = "https://demo.trustlabel.dev/l/a"
        assertNull(router.route(link, restored = true))
        assertNull(router.route(link, fromHistory = true))
    }

    test("no hosts configured: nothing is routed") {
        assertNull(DeepLinkRouter(listOf("")).route("https://demo.trustlabel.dev/l/a"))
    }
})
