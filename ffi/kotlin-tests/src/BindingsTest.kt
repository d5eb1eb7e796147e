// The uniffi Kotlin bindings of trustlabel-ffi against the host-built library and the loopback
// fixture registry: every outcome, error mapping, frames and photos, concurrency, cancellation,
// close and reopen.
package dev.trustlabel.core.tests

import dev.trustlabel.core.CheckFailure
import dev.trustlabel.core.LookalikeWarning
import dev.trustlabel.core.OfflineReason
import dev.trustlabel.core.Outcome
import dev.trustlabel.core.ScanResult
import dev.trustlabel.core.Scanner
import dev.trustlabel.core.StoreState
import dev.trustlabel.core.Summary
import dev.trustlabel.core.Tone
import dev.trustlabel.core.TrustLabelException
import dev.trustlabel.core.TrustListRefresh
import dev.trustlabel.core.incomingLink
import org.trustlabel.logic.model.Problem
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.io.File
import javax.imageio.ImageIO
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout

/** The outcome's wire name, as in manifest.json (`VERIFIED_STALE` -> `verified_stale`). */
val Outcome.wire get() = name.lowercase()

/** Every summary reads on its own: a verdict and facts with words in every field. */
fun assertWellFormed(summary: Summary, what: String) {
    assertTrue(summary.verdict.text.isNotBlank() && summary.verdict.spoken.isNotBlank(), "verdict of $what")
    assertTrue(summary.facts.isNotEmpty(), "facts of $what")
    assertEquals(summary.facts.size, summary.facts.map { it.id }.toSet().size, "fact ids unique in $what")
    for (fact in summary.facts) {
        assertTrue(fact.id.matches(Regex("[a-z_]+")), "fact id ${fact.id}")
        assertTrue(fact.title.isNotBlank() && fact.text.isNotBlank() && fact.spoken.isNotBlank(), "fact ${fact.id} of $what")
        fact.link?.let { assertTrue(it.title.isNotBlank() && Regex("^(https?|mailto):.+").matches(it.url), "link of ${fact.id}: $it") }
    }
}

fun assertOutcome(label: Label, result: ScanResult) {
    assertEquals(label.outcome, result.outcome.wire, "outcome of ${label.slug}")
    assertEquals(label.outcome, result.summary.outcome, "summary outcome of ${label.slug}")
    assertWellFormed(result.summary, label.slug)
    assertEquals(label.outcome, result.outcomeCode, "outcome code of ${label.slug}")
    assertEquals(label.reason, result.reasonCode, "reason of ${label.slug}")
    assertEquals(label.url, result.text)
    when (result.outcome) {
        Outcome.VERIFIED, Outcome.VERIFIED_STALE, Outcome.OFFLINE_CACHED -> {
            val record = assertNotNull(result.record, "record of ${label.slug}")
            assertEquals("demo", record.registryId)
            assertEquals(result.outcome == Outcome.VERIFIED_STALE, record.expired)
            assertTrue(record.statementJson.contains("\"sub\":\"${label.url}\""), "statement of ${label.slug}")
        }
        Outcome.INVALID -> {
            assertNotNull(result.reason)
            assertNull(result.record)
            assertEquals("demo", result.registryId)
        }
        else -> assertNull(result.record)
    }
}

/** Grey levels of a photo as a luma plane with `padding` extra bytes a row (stride > width). */
fun lumaPlane(photo: File, padding: Int): Triple<Int, Int, ByteArray> {
    val image = ImageIO.read(photo) ?: error("cannot read $photo")
    val (w, h) = image.width to image.height
    val stride = w + padding
    val plane = ByteArray(stride * h) { 0x55 } // padding bytes hold junk, as real buffers may
    for (y in 0 until h) for (x in 0 until w) {
        val rgb = image.getRGB(x, y)
        val luma = (0.299 * ((rgb shr 16) and 0xff) + 0.587 * ((rgb shr 8) and 0xff) + 0.114 * (rgb and 0xff)).toInt()
        plane[y * stride + x] = luma.coerceIn(0, 255).toByte()
    }
    return Triple(w, h, plane)
}

fun blankPng(w: Int, h: Int): ByteArray {
    val image = BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY)
    val g = image.createGraphics(); g.color = java.awt.Color.WHITE; g.fillRect(0, 0, w, h); g.dispose()
    return ByteArrayOutputStream().also { ImageIO.write(image, "png", it) }.toByteArray()
}

fun registerTests(suite: Suite) = with(suite) {
    val ringwraith = Fixtures.label("ringwraith-2000")
    val palantir = Fixtures.label("palantir-cam")

    test("every manifest label gets its expected outcome through the FFI") {
        val invalidReasons = mutableSetOf<String>()
        Scanner(Fixtures.config(Fixtures.newDataDir("manifest"))).use { scanner ->
            assertEquals(StoreState.Opened, scanner.storeState())
            for (label in Fixtures.labels) {
                val result = scanner.scanText(label.url)
                assertOutcome(label, result)
                label.reason?.let { invalidReasons += it }
                assertEquals(1uL, result.trustList.version)
                assertEquals(Fixtures.now, result.scannedAt)
            }
        }
        val outcomes = Fixtures.labels.map { it.outcome }.toSet()
        assertEquals(setOf("verified", "verified_stale", "unknown_product", "invalid"), outcomes)
        assertTrue(invalidReasons.size >= 10, "several invalid reasons covered: $invalidReasons")
    }

    test("summary: verdict and facts in the label's order, spoken forms, links, locales") {
        Scanner(Fixtures.config(null)).use { scanner ->
            val result = scanner.scanText(ringwraith.url)
            val summary = result.summary
            println("        en-US verdict: [${summary.verdict.tone}] ${summary.verdict.text}")
            summary.facts.forEach { println("        ${it.id} [${it.tone}] ${it.title}: ${it.text}" + (it.link?.let { l -> " <${l.url}>" } ?: "")) }
            assertEquals("en-US", summary.locale)
            assertEquals(Tone.GOOD, summary.verdict.tone)
            assertEquals("verification", summary.facts.first().id)
            val ids = summary.facts.map { it.id }
            for (id in listOf("product", "support", "updates", "sensors", "data_location", "software_origin", "authorization")) {
                assertContains(ids, id)
            }
            assertTrue(ids.indexOf("product") < ids.indexOf("support") && ids.indexOf("support") < ids.indexOf("authorization"), "$ids")
            assertContains(summary.facts.first { it.id == "product" }.text, "RingWraith2000")
            val support = summary.facts.first { it.id == "support" }
            assertContains(support.text, "August 31, 2028")
            assertTrue(!Regex("\\d{1,2}/\\d{1,2}/\\d{2}").containsMatchIn(support.spoken), "no numeric dates: ${support.spoken}")
            assertTrue(summary.facts.any { it.link != null }, "some facts link somewhere")
        }
        Scanner(Fixtures.config(null, locale = "es-MX")).use { scanner ->
            val english = Scanner(Fixtures.config(null)).use { it.scanText(palantir.url).summary }
            val spanish = scanner.scanText(palantir.url).summary
            assertEquals("es-US", spanish.locale)
            assertEquals(english.facts.map { it.id }, spanish.facts.map { it.id })
            assertTrue(english.verdict.text != spanish.verdict.text, "translated: ${spanish.verdict.text}")
            assertWellFormed(spanish, "palantir-cam (es)")
        }
        // Outcomes without a record have summaries too, and the worst finding leads.
        Scanner(Fixtures.config(null)).use { scanner ->
            val forged = scanner.scanText(Fixtures.label("bad-forged-signature").url).summary
            assertEquals(Tone.BAD, forged.verdict.tone)
            val other = scanner.scanText("https://dem0.trustlabel.dev/l/ringwraith-2000").summary
            assertTrue(other.verdict.tone == Tone.BAD || other.verdict.tone == Tone.CAUTION, "${other.verdict}")
            assertContains(other.facts.joinToString(" ") { it.text }, "dem0.trustlabel.dev")
            assertWellFormed(scanner.scanText("hello").summary, "not_a_label")
        }
    }

    test("the transparency log's failure codes reach Kotlin") {
        // Issue 25: the three codes of the log checks, by their JSON/FFI names.
        val names = CheckFailure.values().map { it.name }
        for (code in listOf("NOT_LOGGED", "TOO_FEW_WITNESSES", "LOG_INCONSISTENT")) {
            assertTrue(code in names, "$code in $names")
        }
    }

    test("invalid reasons arrive as the CheckFailure enum too") {
        Scanner(Fixtures.config(null)).use { scanner ->
            val expected = mapOf(
                "bad-forged-signature" to CheckFailure.BAD_SIGNATURE,
                "bad-revoked-key" to CheckFailure.REVOKED_KEY,
                "bad-wrong-subject" to CheckFailure.WRONG_SUBJECT,
                "bad-alg-none" to CheckFailure.UNSUPPORTED_ALGORITHM,
                "bad-oversized" to CheckFailure.TOO_LARGE,
                "bad-future-iat" to CheckFailure.ISSUED_IN_FUTURE,
            )
            for ((slug, reason) in expected) {
                val result = scanner.scanText(Fixtures.label(slug).url)
                assertEquals(Outcome.INVALID, result.outcome, slug)
                assertEquals(reason, result.reason, slug)
            }
        }
    }

    test("not_a_label and not_official, with the real host and look-alike warnings") {
        Scanner(Fixtures.config(null)).use { scanner ->
            val text = scanner.scanText("WIFI:S:home;T:WPA;P:secret;;")
            assertEquals(Outcome.NOT_A_LABEL, text.outcome)
            assertNull(text.url)
            assertNull(text.notOfficial)

            val other = scanner.scanText("https://example.com/l/ringwraith-2000")
            assertEquals(Outcome.NOT_OFFICIAL, other.outcome)
            assertEquals("example.com", assertNotNull(other.notOfficial).host)
            assertNull(other.record)

            val lookalike = scanner.scanText("https://dem0.trustlabel.dev/l/ringwraith-2000")
            assertEquals(Outcome.NOT_OFFICIAL, lookalike.outcome)
            assertEquals(false, lookalike.linksAllowed, "a look-alike's links are never offered")
            val info = assertNotNull(lookalike.notOfficial)
            assertEquals("dem0.trustlabel.dev", info.host)
            assertTrue(info.warnings.any { it is LookalikeWarning.OneEditFromTrusted && it.trustedHost == "demo.trustlabel.dev" }, "${info.warnings}")

            val http = scanner.scanText("http://demo.trustlabel.dev/l/ringwraith-2000")
            assertEquals(Outcome.NOT_OFFICIAL, http.outcome)
            assertTrue(assertNotNull(http.notOfficial).warnings.any { it is LookalikeWarning.InsecureHttp }, "${http.notOfficial}")

            val userinfo = scanner.scanText("https://demo.trustlabel.dev@evil.example/l/ringwraith-2000")
            assertEquals(Outcome.NOT_OFFICIAL, userinfo.outcome)
            assertContains(assertNotNull(userinfo.notOfficial).warnings, LookalikeWarning.Userinfo)
        }
    }

    // The same cases as ios/linux-check/Tests/BindingsTests.swift and the core's link.rs tests.
    test("incoming links (App Links): the core takes only the claimed host's label links, as given") {
        val hosts = listOf("demo.trustlabel.dev", " Registry.Example ")
        for (link in listOf(
            ringwraith.url,
            "https://DEMO.trustlabel.dev:443/l/a?x=1#f",
            "https://registry.example/l/x",
            "https://demo.trustlabel.dev./l/a",
        )) {
            assertEquals(link, incomingLink(link, hosts), link)
        }
        assertEquals("https://xn--bcher-kva.example/l/a", incomingLink("https://xn--bcher-kva.example/l/a", listOf("Bücher.example")))
        for (link in listOf(
            "",
            "hello",
            "http://demo.trustlabel.dev/l/a", // https only, like the intent filter
            "https://demo.trustlabel.dev/l/", // no label
            "https://demo.trustlabel.dev/lx/a",
            "https://demo.trustlabel.dev/", // the registry's home: the browser's job
            "https://demo.trustlabel.dev.evil.example/l/a",
            "https://dem0.trustlabel.dev/l/a", // a look-alike is not claimed
            "https://demo.trustlabel.dev@evil.example/l/a", // userinfo: the host is evil.example
            "https://user@demo.trustlabel.dev/l/a",
            "https://evil.example/l/a",
            "https://demo.trustlabel.dev:8443/l/a",
            "intent://demo.trustlabel.dev/l/a",
            "https://demo.trustlabel.dev/l/a b", // not one URI
            "https://demo.trustlabel.dev/l/a\u0000",
        )) {
            assertNull(incomingLink(link, hosts), link)
        }
        assertNull(incomingLink(ringwraith.url, emptyList()))
        assertNull(incomingLink(ringwraith.url, listOf("", "https://demo.trustlabel.dev")))
        // What is taken scans exactly like the QR read of the same text.
        Scanner(Fixtures.config(null)).use { scanner ->
            val taken = assertNotNull(incomingLink("https://DEMO.trustlabel.dev:443/l/ringwraith-2000#x", hosts))
            val result = scanner.scanText(taken)
            assertEquals(Outcome.VERIFIED, result.outcome)
            assertEquals(ringwraith.url, result.url)
        }
    }

    test("offline_cached: a second Scanner, offline, on the same data dir after closing the first") {
        val dir = Fixtures.newDataDir("offline")
        Scanner(Fixtures.config(dir)).use { online ->
            val verified = online.scanText(ringwraith.url)
            assertEquals(Outcome.VERIFIED, verified.outcome)
            assertTrue(verified.linksAllowed)
            assertEquals(Outcome.VERIFIED_STALE, online.scanText(Fixtures.label("bad-expired").url).outcome)
            assertEquals(2uL, online.cachedRecordCount())
        }
        Scanner(Fixtures.config(dir, offline = true)).use { offline ->
            assertEquals(StoreState.Opened, offline.storeState())
            val result = offline.scanText(ringwraith.url)
            assertEquals(Outcome.OFFLINE_CACHED, result.outcome)
            assertEquals(OfflineReason.OfflineMode, result.offlineReason)
            assertEquals("RingWraith2000", assertNotNull(result.record).productName)
            assertTrue(result.linksAllowed, "a signed copy keeps its links")
            val stale = offline.scanText(Fixtures.label("bad-expired").url)
            assertEquals(Outcome.OFFLINE_CACHED, stale.outcome)
            assertTrue(assertNotNull(stale.record).expired)
            // Not cached: an error, not an outcome.
            val e = assertFailsWith<TrustLabelException.NotCached> { offline.scanText(palantir.url) }
            assertEquals(palantir.url, e.url)
            // Outcomes that need no registry work offline too.
            assertEquals(Outcome.NOT_A_LABEL, offline.scanText("hello").outcome)
        }
        // Registry unreachable with a cached copy: offline_cached with the network error as reason.
        Scanner(Fixtures.config(dir, origin = closedOrigin())).use { unreachable ->
            val result = unreachable.scanText(ringwraith.url)
            assertEquals(Outcome.OFFLINE_CACHED, result.outcome)
            assertTrue(result.offlineReason is OfflineReason.Unreachable, "${result.offlineReason}")
        }
    }

    test("history: label links only, newest first, one per label, kept across reopening") {
        val dir = Fixtures.newDataDir("history")
        Scanner(Fixtures.config(dir)).use { scanner ->
            scanner.scanText(ringwraith.url)
            scanner.scanText("hello")
            scanner.scanText(Fixtures.label("bad-forged-signature").url)
            scanner.scanText(ringwraith.url)
        }
        Scanner(Fixtures.config(dir, offline = true)).use { scanner ->
            val history = scanner.history()
            assertEquals(2, history.size, "$history")
            val ring = assertNotNull(history.find { it.url == ringwraith.url })
            assertEquals("verified", ring.outcomeCode)
            assertEquals("RingWraith2000", ring.productName)
            assertEquals(Tone.GOOD, ring.headline.tone)
            assertEquals("This label is real.", ring.headline.text)
            val forged = history.first { it.url != ringwraith.url }
            assertEquals("invalid", forged.outcomeCode)
            assertEquals(Tone.BAD, forged.headline.tone)
            scanner.clearHistory()
            assertTrue(scanner.history().isEmpty())
            assertEquals(1uL, scanner.trustListStatus().version)
        }
    }

    // The Android app's one file over the bindings (android/app/.../core/CoreBindings.kt),
    // compiled here against the generated API and run against the real core.
    test("Android CoreBindings over the real bindings: App Links router, status, problems, history") {
        val router = org.trustlabel.app.core.deepLinkRouter("demo.trustlabel.dev")
        assertEquals(org.trustlabel.logic.model.DeepLink.Scan(ringwraith.url), router.route(ringwraith.url))
        assertNull(router.route("https://dem0.trustlabel.dev/l/ringwraith-2000"), "a look-alike is not claimed")
        assertNull(router.route("http://demo.trustlabel.dev/l/ringwraith-2000"))
        assertNull(router.route(ringwraith.url, restored = true))
        assertNull(org.trustlabel.app.core.deepLinkRouter("").route(ringwraith.url), "no host configured: nothing taken")

        val dir = Fixtures.newDataDir("bindings")
        val factory = org.trustlabel.app.core.ScannerBindings { locale -> Fixtures.config(dir, locale = locale) }
        val scanner = factory.open("es-US")
        try {
            val status = factory.status(scanner)
            assertTrue(!status.cacheRecreated && !status.cacheTemporary, "$status")
            assertEquals(Outcome.VERIFIED, scanner.scanText(ringwraith.url).outcome)
            val history = org.trustlabel.app.core.HistoryBindings.history(scanner)
            assertEquals(listOf(ringwraith.url), history.map { it.url })
            val notCached = assertFailsWith<TrustLabelException.NotCached> { scanner.scanTextOffline(palantir.url) }
            val problem = factory.problemOf(notCached)
            assertEquals(notCached.summary.verdict.text, problem.text, "the core's words, in Spanish")
            assertEquals(Problem(null), factory.problemOf(IllegalStateException("not the core's")))
            val refused = assertFailsWith<TrustLabelException.Refused> { scanner.openAudit("missing") }
            assertEquals(Problem(refused.text, "audit_not_found"), factory.problemOf(refused))
        } finally {
            factory.close(scanner)
        }
    }

    test("errors: unreachable and nothing cached -> Offline; offline mode -> NotCached") {
        Scanner(Fixtures.config(Fixtures.newDataDir("unreachable"), origin = closedOrigin())).use { scanner ->
            val e = assertFailsWith<TrustLabelException.Offline> { scanner.scanText(ringwraith.url) }
            assertEquals(ringwraith.url, e.url)
            assertTrue(e.detail.isNotEmpty())
            assertIs<TrustLabelException>(e)
            assertEquals("unreachable", e.summary.outcome)
            assertWellFormed(e.summary, "Offline")
        }
        Scanner(Fixtures.config(null, offline = true, locale = "es-US")).use { scanner ->
            val e = assertFailsWith<TrustLabelException.NotCached> { scanner.scanText(ringwraith.url) }
            assertEquals("not_cached", e.summary.outcome)
            assertEquals("es-US", e.summary.locale)
            assertWellFormed(e.summary, "NotCached")
            assertFailsWith<TrustLabelException.NotCached> { scanner.scanTextOffline(palantir.url) }
        }
    }

    test("errors: garbage image bytes and bad frames -> InvalidImage; no code in view -> null") {
        Scanner(Fixtures.config(null)).use { scanner ->
            val e = assertFailsWith<TrustLabelException.InvalidImage> { scanner.scanImage(ByteArray(1000) { (it * 7).toByte() }) }
            assertEquals("decode", e.summary.outcome)
            assertWellFormed(e.summary, "InvalidImage")
            assertFailsWith<TrustLabelException.InvalidImage> { scanner.scanImage(ByteArray(0)) }
            // A truncated JPEG.
            val jpeg = File(Fixtures.dir, "label-photos/straight-480x360.jpg").readBytes()
            assertFailsWith<TrustLabelException.InvalidImage> { scanner.scanImage(jpeg.copyOf(200)) }
            // Buffer shorter than stride * (height - 1) + width, stride < width, zero size.
            assertFailsWith<TrustLabelException.InvalidImage> { scanner.scanFrame(640u, 480u, 640u, ByteArray(1000)) }
            assertFailsWith<TrustLabelException.InvalidImage> { scanner.scanFrame(640u, 480u, 600u, ByteArray(640 * 480)) }
            assertFailsWith<TrustLabelException.InvalidImage> { scanner.scanFrame(0u, 0u, 0u, ByteArray(0)) }
            // Nothing in view is not an error.
            assertNull(scanner.scanFrame(320u, 240u, 336u, ByteArray(336 * 240) { 0x7f }))
            assertNull(scanner.scanImage(blankPng(200, 150)))
        }
    }

    test("frame scan: a label photo as a luma plane with stride > width") {
        Scanner(Fixtures.config(null)).use { scanner ->
            for ((photo, slug) in listOf("straight-480x360.jpg" to "ringwraith-2000", "tilt-640x480.jpg" to "palantir-cam")) {
                val (w, h, plane) = lumaPlane(File(Fixtures.dir, "label-photos/$photo"), padding = 64)
                val stride = plane.size / h
                assertTrue(stride > w)
                val result = assertNotNull(scanner.scanFrame(w.toUInt(), h.toUInt(), stride.toUInt(), plane), photo)
                assertOutcome(Fixtures.label(slug), result)
            }
            // The 1280x720 camera-style frame: the label of a product with everything wrong.
            val expected = File(Fixtures.dir, "label-photos/frame-1280x720.txt").readText().trim()
            val (w, h, plane) = lumaPlane(File(Fixtures.dir, "label-photos/frame-1280x720.jpg"), padding = 128)
            val result = assertNotNull(scanner.scanFrame(w.toUInt(), h.toUInt(), (plane.size / h).toUInt(), plane))
            assertEquals(expected, result.text)
            assertOutcome(Fixtures.label("morgul-camera"), result)
            assertEquals(Tone.BAD, result.summary.verdict.tone)
        }
    }

    test("photo scan: JPEG bytes straight from the file") {
        Scanner(Fixtures.config(null)).use { scanner ->
            val result = assertNotNull(scanner.scanImage(File(Fixtures.dir, "label-photos/straight-480x360.jpg").readBytes()))
            assertOutcome(ringwraith, result)
        }
    }

    test("8 concurrent scans from Dispatchers.Default on one Scanner all verify") {
        val labels = Fixtures.verified.take(8)
        assertEquals(8, labels.size)
        Scanner(Fixtures.config(Fixtures.newDataDir("concurrent"))).use { scanner ->
            val results = coroutineScope {
                (0 until 8).map { i -> async(Dispatchers.Default) { labels[i] to scanner.scanText(labels[i].url) } }.awaitAll()
            }
            for ((label, result) in results) {
                assertEquals(Outcome.VERIFIED, result.outcome, label.slug)
                assertEquals(label.url, result.text)
            }
            assertEquals(8uL, scanner.cachedRecordCount())
            // And the same label from 8 coroutines at once.
            val same = coroutineScope {
                (0 until 8).map { async(Dispatchers.Default) { scanner.scanText(ringwraith.url) } }.awaitAll()
            }
            assertTrue(same.all { it.outcome == Outcome.VERIFIED })
            assertEquals(8uL, scanner.cachedRecordCount())
        }
    }

    test("cancellation mid-fetch drops the Rust future and leaves the store as it was") {
        val dir = Fixtures.newDataDir("cancel")
        Scanner(Fixtures.config(dir)).use { assertEquals(Outcome.VERIFIED, it.scanText(ringwraith.url).outcome) }

        BlackHoleRegistry().use { hole ->
            Scanner(Fixtures.config(dir, origin = hole.origin, requestTimeoutMs = 20_000u)).use { scanner ->
                // job.cancel() while the request hangs: a cached label (the fetch would refresh it).
                val job = launch(Dispatchers.Default, start = CoroutineStart.UNDISPATCHED) { scanner.scanText(ringwraith.url) }
                assertTrue(withContext(Dispatchers.IO) { hole.accepted.awaitSeconds(10) }, "the fetch reached the server")
                job.cancel()
                job.join()
                assertTrue(job.isCancelled)
                assertTrue(withContext(Dispatchers.IO) { hole.dropped.awaitSeconds(5) }, "the connection was closed: the Rust future was dropped")

                // withTimeout while the request hangs: a label that is not cached.
                // No timing assert: the server never answers, so returning at all shows the call was cancelled.
                assertFailsWith<TimeoutCancellationException> { withTimeout(300) { scanner.scanText(palantir.url) } }

                // The store is as it was: the cached label is intact, nothing was added.
                assertEquals(1uL, scanner.cachedRecordCount())
                val cached = scanner.scanTextOffline(ringwraith.url)
                assertEquals(Outcome.OFFLINE_CACHED, cached.outcome)
                assertEquals("RingWraith2000", cached.record?.productName)
                assertFailsWith<TrustLabelException.NotCached> { scanner.scanTextOffline(palantir.url) }
            }
        }
        // The same store against the real registry: everything still works.
        Scanner(Fixtures.config(dir)).use { scanner ->
            assertEquals(StoreState.Opened, scanner.storeState())
            assertEquals(Outcome.VERIFIED, scanner.scanText(ringwraith.url).outcome)
            assertEquals(Outcome.VERIFIED, scanner.scanText(palantir.url).outcome)
            assertEquals(2uL, scanner.cachedRecordCount())
        }
    }

    test("a cancelled coroutine is reported as cancellation, not as a TrustLabelException") {
        BlackHoleRegistry().use { hole ->
            Scanner(Fixtures.config(null, origin = hole.origin)).use { scanner ->
                var caught: Throwable? = null
                val job = launch(Dispatchers.Default) {
                    try { scanner.scanText(ringwraith.url) } catch (e: Throwable) { caught = e; throw e }
                }
                withContext(Dispatchers.IO) { hole.accepted.awaitSeconds(10) }
                job.cancel()
                job.join()
                assertIs<CancellationException>(caught)
            }
        }
    }

    test("close and reopen on the same data dir 20 times: no lock left, the cache persists") {
        val dir = Fixtures.newDataDir("reopen")
        Scanner(Fixtures.config(dir)).use { assertEquals(Outcome.VERIFIED, it.scanText(ringwraith.url).outcome) }
        repeat(20) { i ->
            val scanner = Scanner(Fixtures.config(dir, offline = true))
            try {
                val state = scanner.storeState()
                if (state !is StoreState.Opened) fail("round $i: the store was not released by the previous Scanner: $state")
                assertEquals(1uL, scanner.cachedRecordCount())
                assertEquals(Outcome.OFFLINE_CACHED, scanner.scanText(ringwraith.url).outcome, "round $i")
            } finally {
                scanner.close()
            }
        }
        // Closing while a scan runs: the store is released when that scan ends.
        BlackHoleRegistry().use { hole ->
            val busy = Scanner(Fixtures.config(dir, origin = hole.origin, requestTimeoutMs = 20_000u))
            val job = launch(Dispatchers.Default) { busy.scanText(palantir.url) }
            withContext(Dispatchers.IO) { hole.accepted.awaitSeconds(10) }
            busy.close()
            job.cancel()
            job.join()
        }
        Scanner(Fixtures.config(dir)).use { assertEquals(StoreState.Opened, it.storeState()) }
    }

    test("two Scanners open on one data dir: the second gets a temporary store, and says so") {
        val dir = Fixtures.newDataDir("twice")
        Scanner(Fixtures.config(dir)).use { first ->
            assertEquals(StoreState.Opened, first.storeState())
            Scanner(Fixtures.config(dir)).use { second ->
                assertIs<StoreState.Temporary>(second.storeState())
            }
        }
    }

    test("trust list: version, refresh, rollback and garbage refused, kept across reopen") {
        val dir = Fixtures.newDataDir("trust")
        Scanner(Fixtures.config(dir)).use { scanner ->
            assertEquals(1uL, scanner.trustListVersion())
            val status = scanner.installTrustList(Fixtures.trustListV2)
            assertEquals(2uL, status.version)
            assertEquals(false, status.expired)
            assertEquals(2uL, scanner.trustListVersion())
            val rollback = assertFailsWith<TrustLabelException.TrustList> { scanner.installTrustList(Fixtures.trustList) }
            assertEquals(CheckFailure.ROLLBACK, rollback.reason)
            assertEquals("trust_list", rollback.summary.outcome)
            val garbage = assertFailsWith<TrustLabelException.TrustList> { scanner.installTrustList("not json".toByteArray()) }
            assertEquals(CheckFailure.MALFORMED_JSON, garbage.reason)
            assertEquals(2uL, scanner.scanText(ringwraith.url).trustList.version)
        }
        Scanner(Fixtures.config(dir)).use { assertEquals(2uL, it.trustListVersion()) }
    }

    test("trust list refresh from where it is published: updated, then not due, rollback refused") {
        val published = "https://demo.trustlabel.dev/trust/trust-list-v2.jws.json"
        Scanner(Fixtures.config(Fixtures.newDataDir("refresh")).copy(trustListUrl = published)).use { scanner ->
            val updated = scanner.refreshTrustListIfDue()
            assertIs<TrustListRefresh.Updated>(updated)
            assertEquals(2uL, updated.status.version)
            assertEquals(2uL, scanner.trustListVersion())
            assertIs<TrustListRefresh.NotDue>(scanner.refreshTrustListIfDue())
            assertIs<TrustListRefresh.Unchanged>(scanner.refreshTrustList())
        }
        // A publisher serving an older list than the one in use: refused, nothing changes.
        val older = "https://demo.trustlabel.dev/trust/trust-list.jws.json"
        Scanner(Fixtures.config(Fixtures.newDataDir("refresh-old")).copy(trustListUrl = older)).use { scanner ->
            scanner.installTrustList(Fixtures.trustListV2)
            val refused = assertFailsWith<TrustLabelException.TrustList> { scanner.refreshTrustList() }
            assertEquals(CheckFailure.ROLLBACK, refused.reason)
            assertEquals(2uL, scanner.trustListVersion())
        }
        // A deployment's own list without an address: nothing to refresh from, and no request.
        Scanner(Fixtures.config(null)).use { scanner ->
            assertIs<TrustListRefresh.NotConfigured>(scanner.refreshTrustListIfDue())
        }
        Scanner(Fixtures.config(null, offline = true).copy(trustListUrl = published)).use { scanner ->
            assertFailsWith<TrustLabelException> { scanner.refreshTrustList() }
            assertEquals(1uL, scanner.trustListVersion())
        }
    }

    test("configuration errors -> InvalidConfig; a trust list not signed by the anchor -> TrustList") {
        assertFailsWith<TrustLabelException.InvalidConfig> { Scanner(Fixtures.config(null, origin = "not a url")) }
        assertFailsWith<TrustLabelException.InvalidConfig> { Scanner(Fixtures.config(null, origin = "ftp://127.0.0.1/")) }
        assertFailsWith<TrustLabelException.InvalidConfig> { Scanner(Fixtures.config(null).copy(trustAnchor = "{}".toByteArray())) }
        val e = assertFailsWith<TrustLabelException.TrustList> { Scanner(Fixtures.config(null).copy(trustList = "{}".toByteArray())) }
        assertTrue(e.reason == CheckFailure.MALFORMED_JSON || e.reason == CheckFailure.MALFORMED_STATEMENT, "${e.reason}")
    }

    test("built-in trust: a Scanner with only data_dir and locale opens") {
        Scanner(dev.trustlabel.core.ScannerConfig(dataDir = null, locale = "en-US", offline = true)).use { scanner ->
            assertTrue(scanner.trustListVersion() >= 1uL)
            assertEquals(Outcome.NOT_A_LABEL, scanner.scanText("hello").outcome)
        }
    }

    test("a closed Scanner refuses calls with an exception, not a crash") {
        val scanner = Scanner(Fixtures.config(null))
        scanner.close()
        assertFailsWith<IllegalStateException> { scanner.trustListVersion() }
        assertFailsWith<IllegalStateException> { scanner.scanText(ringwraith.url) }
    }
}
