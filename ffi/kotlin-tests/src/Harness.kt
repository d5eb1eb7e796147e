// The test harness: fixtures (manifest.json, read with a tiny JSON parser), scanner
// configurations against the loopback fixture registry, a fake registry that never answers,
// and a minimal runner that prints one line a test and, last, "N passed, N failed".
package dev.trustlabel.core.tests

import dev.trustlabel.core.ScannerConfig
import java.io.File
import java.io.IOException
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneOffset
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread
import kotlin.system.exitProcess
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

// ---- JSON (enough for manifest.json) -----------------------------------------------------

object Json {
    fun parse(text: String): Any? = Parser(text).run { val v = value(); ws(); require(i == s.length) { "trailing data at $i" }; v }

    private class Parser(val s: String) {
        var i = 0
        fun ws() { while (i < s.length && s[i].isWhitespace()) i++ }
        fun value(): Any? {
            ws()
            return when (val c = s[i]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> lit("true", true)
                'f' -> lit("false", false)
                'n' -> lit("null", null)
                else -> if (c == '-' || c.isDigit()) num() else error("unexpected '$c' at $i")
            }
        }
        fun lit(word: String, v: Any?): Any? { require(s.startsWith(word, i)) { "bad literal at $i" }; i += word.length; return v }
        fun num(): Any {
            val start = i
            while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
            val t = s.substring(start, i)
            return t.toLongOrNull() ?: t.toDouble()
        }
        fun str(): String {
            val b = StringBuilder(); i++
            while (true) {
                val c = s[i++]
                when (c) {
                    '"' -> return b.toString()
                    '\\' -> when (val e = s[i++]) {
                        'n' -> b.append('\n'); 't' -> b.append('\t'); 'r' -> b.append('\r')
                        'b' -> b.append('\b'); 'f' -> b.append('\u000c')
                        'u' -> { b.append(s.substring(i, i + 4).toInt(16).toChar()); i += 4 }
                        else -> b.append(e)
                    }
                    else -> b.append(c)
                }
            }
        }
        fun arr(): List<Any?> {
            val out = mutableListOf<Any?>(); i++; ws()
            if (s[i] == ']') { i++; return out }
            while (true) { out += value(); ws(); if (s[i++] == ']') return out }
        }
        fun obj(): Map<String, Any?> {
            val out = linkedMapOf<String, Any?>(); i++; ws()
            if (s[i] == '}') { i++; return out }
            while (true) {
                ws(); val k = str(); ws(); require(s[i++] == ':') { "':' expected at $i" }
                out[k] = value(); ws()
                if (s[i++] == '}') return out
            }
        }
    }
}

@Suppress("UNCHECKED_CAST")
private fun Any?.obj() = this as Map<String, Any?>

// ---- fixtures -------------------------------------------------------------------------------

data class Label(val slug: String, val url: String, val outcome: String, val reason: String?)

object Fixtures {
    val dir = File(System.getProperty("trustlabel.fixtures") ?: error("-Dtrustlabel.fixtures not set"))
    val registry: String = System.getProperty("trustlabel.registry") ?: error("-Dtrustlabel.registry not set")
    val work = File(System.getProperty("trustlabel.work") ?: error("-Dtrustlabel.work not set"))
    private val manifest = Json.parse(File(dir, "manifest.json").readText()).obj()
    private val trust = manifest["trust"].obj()

    val labels: List<Label> = (manifest["labels"] as List<*>).map {
        val l = it.obj(); val expect = l["expect"].obj()
        Label(l["slug"] as String, l["url"] as String, expect["outcome"] as String, expect["reason"] as String?)
    }
    fun label(slug: String) = labels.first { it.slug == slug }
    val verified get() = labels.filter { it.outcome == "verified" }

    /** The manifest's reference date, noon UTC: every expectation holds then. */
    val now: Long = LocalDate.parse(manifest["now_reference"] as String).atTime(12, 0).toEpochSecond(ZoneOffset.UTC)

    fun bytes(relative: String) = File(dir, relative).readBytes()
    /** A label's envelope as the loopback registry serves it: with its transparency-log
     *  proof (the demo registry logs; the files on disk carry none). */
    fun served(slug: String): ByteArray {
        val connection = java.net.URI("$registry/l/$slug").toURL().openConnection() as java.net.HttpURLConnection
        connection.setRequestProperty("Accept", "application/jose+json")
        return connection.inputStream.use { it.readBytes() }
    }
    val trustList get() = bytes(trust["list"] as String)
    val trustListV2 get() = bytes(trust["list_v2"] as String)
    val anchor get() = bytes(trust["anchor"] as String)

    private val dirs = AtomicInteger()
    /** A new, empty folder for a store. */
    fun newDataDir(name: String): File = File(work, "${dirs.incrementAndGet()}-$name").also { it.deleteRecursively(); it.parentFile.mkdirs() }

    /** A configuration against the loopback registry (or `origin`), with the fixture trust. */
    fun config(
        dataDir: File?,
        origin: String? = registry,
        offline: Boolean = false,
        locale: String = "en-US",
        requestTimeoutMs: UInt? = null,
    ) = ScannerConfig(
        dataDir = dataDir?.absolutePath,
        locale = locale,
        trustList = trustList,
        trustAnchor = anchor,
        offline = offline,
        registryOrigin = origin,
        connectTimeoutMs = 1_000u,
        requestTimeoutMs = requestTimeoutMs,
        maxRetries = 1u,
        utcOffsetMinutes = -300,
        fixedTimeUnix = now,
    )
}

/** An origin nothing listens on: connections are refused. */
fun closedOrigin(): String = ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { "http://127.0.0.1:${it.localPort}" }

/**
 * A "registry" that accepts connections, reads the request and never answers: a fetch to it
 * hangs until the client gives up. `accepted` opens on the first connection, `dropped` when
 * the client closes one (the Rust future was dropped, and reqwest with it).
 */
class BlackHoleRegistry : AutoCloseable {
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private val sockets = java.util.concurrent.ConcurrentLinkedQueue<Socket>()
    val origin = "http://127.0.0.1:${server.localPort}"
    val accepted = CountDownLatch(1)
    val dropped = CountDownLatch(1)

    init {
        thread(isDaemon = true, name = "black-hole-accept") {
            while (!server.isClosed) {
                val socket = try { server.accept() } catch (_: IOException) { break }
                sockets += socket
                accepted.countDown()
                thread(isDaemon = true, name = "black-hole-read") {
                    try {
                        val input = socket.getInputStream()
                        val buf = ByteArray(4096)
                        while (input.read(buf) >= 0) { /* swallow the request, answer nothing */ }
                    } catch (_: IOException) {
                    } finally {
                        if (!server.isClosed) dropped.countDown()
                    }
                }
            }
        }
    }

    override fun close() {
        server.close()
        sockets.forEach { runCatching { it.close() } }
    }
}

fun CountDownLatch.awaitSeconds(seconds: Long) = await(seconds, TimeUnit.SECONDS)

// ---- runner ---------------------------------------------------------------------------------

class Suite {
    private val tests = mutableListOf<Pair<String, suspend CoroutineScope.() -> Unit>>()
    fun test(name: String, body: suspend CoroutineScope.() -> Unit) { tests += name to body }

    fun run(filter: String?): Int {
        var passed = 0
        var failed = 0
        val started = System.nanoTime()
        for ((name, body) in tests) {
            if (!filter.isNullOrEmpty() && !name.contains(filter)) continue
            val t0 = System.nanoTime()
            try {
                runBlocking { withTimeout(120_000) { body() } }
                passed++
                println("PASS  $name (${(System.nanoTime() - t0) / 1_000_000} ms)")
            } catch (e: Throwable) {
                failed++
                println("FAIL  $name (${(System.nanoTime() - t0) / 1_000_000} ms): $e")
                e.stackTrace.take(8).forEach { println("        at $it") }
            }
            System.out.flush()
        }
        val seconds = (System.nanoTime() - started) / 1e9
        val startedAt = System.getProperty("trustlabel.started.ms")?.toLongOrNull()
        val wall = startedAt?.let { ", %.1f s wall including the build".format((System.currentTimeMillis() - it) / 1000.0) } ?: ""
        println("kotlin-tests: ${passed + failed} tests in %.1f s$wall".format(seconds))
        if (passed + failed == 0) println("no test ran")
        println("$passed passed, $failed failed")
        return if (failed == 0 && passed > 0) 0 else 1
    }
}

fun main(args: Array<String>) {
    val suite = Suite()
    registerTests(suite)
    registerSessionTests(suite)
    registerStaffTests(suite)
    val code = suite.run(System.getProperty("trustlabel.test.filter") ?: args.firstOrNull())
    exitProcess(code)
}
