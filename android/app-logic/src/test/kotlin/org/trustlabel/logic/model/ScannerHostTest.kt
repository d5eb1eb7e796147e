package org.trustlabel.logic.model

import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import org.trustlabel.logic.testing.Suite
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

object ScannerHostTest : Suite({
    test("opens once per language; a new language reopens it") {
        rig {
            host.ensureOpen("en-US").join()
            host.ensureOpen("en-US").join()
            assertEquals(1, factory.opened)
            host.ensureOpen("es-US").join()
            assertEquals(2, factory.opened)
            val s = host.scanner.awaitValue { it != null }!!
            assertEquals("s2-es-US", s.name)
            assertTrue("close s1-en-US" in factory.journal)
        }
    }

    test("reopen: cancels and joins the old scanner's calls, closes its sessions, then the scanner, then opens") {
        rig {
            host.ensureOpen("en-US").join()
            val session = host.own { s -> FakeSession("session-of-${s.name}", factory.journal) }
            val started = CountDownLatch(1)
            val release = CountDownLatch(1)
            var runs = 0
            // A blocking core call on the old scanner (cancellation cannot interrupt it).
            val call = scope.async {
                host.withScanner { s ->
                    runs++
                    if (s.name.startsWith("s1")) {
                        factory.journal += "call on ${s.name} started"
                        started.countDown()
                        release.await(10, TimeUnit.SECONDS)
                        factory.journal += "call on ${s.name} ended"
                    }
                    s.use("answer")
                }
            }
            assertTrue(started.await(10, TimeUnit.SECONDS))
            val reopen = host.ensureOpen("es-US")
            delay(200) // give a wrong implementation the chance to close early
            assertFalse("close s1-en-US" in factory.journal, "the scanner is not closed while a call runs on it")
            assertFalse(session.closed, "nor its sessions")
            release.countDown()
            reopen.join()
            val j = factory.journal.toList()
            val order = listOf("call on s1-en-US ended", "close session-of-s1-en-US", "close s1-en-US", "open s2-es-US")
            assertEquals(order, j.filter { it in order }, j.toString())
            assertEquals("s2-es-US:answer", call.await(), "the cancelled call ran again on the new scanner")
            assertEquals(2, runs)
            assertFalse(host.notices.value.cacheTemporary, "the new scanner got the store")
        }
    }

    test("calls racing a reopen never reach a closed handle") {
        rig {
            host.ensureOpen("en-US").join()
            val calls = (1..40).map { i ->
                scope.async {
                    host.withScanner { s ->
                        Thread.sleep((i % 5).toLong())
                        s.use("call $i")
                    }
                }
            }
            host.ensureOpen("es-US")
            host.ensureOpen("vi").join()
            val answers = calls.awaitAll()
            assertEquals(40, answers.size, "no call failed")
            assertTrue(answers.all { it.contains(":call ") })
            assertFalse(host.notices.value.cacheTemporary)
        }
    }

    test("a failed open is said, logged, and can be retried") {
        val r = Rig(FakeFactory().apply { failOpens = 1 })
        try {
            kotlinx.coroutines.runBlocking { kotlinx.coroutines.withTimeout(20_000) {
                r.host.ensureOpen("en-US").join()
                assertTrue(r.host.notices.value.openFailed)
                assertEquals(null, r.host.scanner.value)
                assertTrue(r.logged.any { it.startsWith("the scanner could not be opened: bad config") }, r.logged.toString())
                r.host.retry()!!.join()
                assertFalse(r.host.notices.value.openFailed)
                assertNotNull(r.host.scanner.value)
            } }
        } finally {
            r.close()
        }
    }

    test("offline: no network, or one without INTERNET; a network that never validates is online") {
        assertTrue(OfflineRule.isOffline(null))
        assertTrue(OfflineRule.isOffline(NetworkState(internet = false, validated = false)))
        assertFalse(OfflineRule.isOffline(NetworkState(internet = true, validated = false)))
        assertFalse(OfflineRule.isOffline(NetworkState(internet = true, validated = true)))
    }

    test("the trust list is refreshed at open, and when the network comes back, validated or not") {
        rig {
            host.ensureOpen("en-US").join()
            eventually("refresh at open") { factory.refreshes.get() == 1 }
            host.networkChanged(null)
            assertTrue(host.notices.value.offline)
            factory.expiredAfterRefresh = true
            host.networkChanged(NetworkState(internet = true, validated = false))
            assertFalse(host.notices.value.offline, "no VALIDATED needed")
            eventually("refresh when back") { factory.refreshes.get() == 2 }
            host.notices.awaitValue { it.trustListExpired }
            // Still online: no new request from a capability change.
            host.networkChanged(NetworkState(internet = true, validated = true))
            delay(100)
            assertEquals(2, factory.refreshes.get())
        }
    }

    test("no refresh at open while offline; a failed refresh keeps the list and is logged") {
        rig {
            host.networkChanged(null)
            factory.refreshFails = true
            host.ensureOpen("en-US").join()
            delay(100)
            assertEquals(0, factory.refreshes.get())
            host.networkChanged(NetworkState(internet = true, validated = true))
            eventually("refresh attempt") { logged.any { it.startsWith("trust list refresh failed") } }
            assertFalse(host.notices.value.trustListExpired)
            assertNotNull(host.scanner.value)
        }
    }

    test("release closes a session once, now; a reopen does not close it again") {
        rig {
            host.ensureOpen("en-US").join()
            val session = host.own { FakeSession("a", factory.journal) }
            host.release(session)
            eventually("closed") { session.closed }
            host.ensureOpen("es-US").join()
            assertEquals(1, factory.journal.count { it == "close a" })
        }
    }
})
