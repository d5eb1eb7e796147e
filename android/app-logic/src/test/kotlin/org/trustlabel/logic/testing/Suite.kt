package org.trustlabel.logic.testing

import java.io.File
import kotlin.system.exitProcess

/**
 * A minimal test harness, so the tests run with nothing but kotlinc and java (no JUnit jar is
 * available offline). Assertions are `kotlin.test`'s (kotlin-test.jar ships with kotlinc).
 *
 * A test file declares `object FooTest : Suite({ test("does x") { ... } })`; [main] finds every
 * [Suite] in the compiled test classes and runs it.
 */
abstract class Suite(body: Suite.() -> Unit) {
    val tests = mutableListOf<Pair<String, () -> Unit>>()

    fun test(name: String, block: () -> Unit) {
        tests += name to block
    }

    init {
        body()
    }
}

/**
 * Runs every suite found under the class directories given as arguments (default: the
 * `trustlabel.test.classes` system property). Prints one line a test and, last, the summary
 * line "N passed, N failed". Exit status 1 when a test failed or none ran.
 */
fun main(args: Array<String>) {
    val dirs = args.toList().ifEmpty { listOfNotNull(System.getProperty("trustlabel.test.classes")) }
    require(dirs.isNotEmpty()) { "usage: TestMain <test-classes-dir>..." }
    val filter = System.getProperty("trustlabel.test.filter")?.takeIf { it.isNotBlank() }
    val loader = Thread.currentThread().contextClassLoader

    val suites = dirs.flatMap { dir ->
        val root = File(dir)
        root.walkTopDown()
            .filter { it.isFile && it.name.endsWith(".class") && '$' !in it.name }
            .map { it.relativeTo(root).path.removeSuffix(".class").replace(File.separatorChar, '.') }
            .toList()
    }.sorted().mapNotNull { name ->
        val cls = Class.forName(name, false, loader)
        if (!Suite::class.java.isAssignableFrom(cls) || cls == Suite::class.java) return@mapNotNull null
        val instance = runCatching { cls.getField("INSTANCE").get(null) }.getOrNull()
            ?: cls.getDeclaredConstructor().newInstance()
        instance as Suite
    }

    var passed = 0
    var failed = 0
    val failures = mutableListOf<String>()
    for (suite in suites) {
        val suiteName = suite::class.simpleName
        for ((name, block) in suite.tests) {
            val full = "$suiteName > $name"
            if (filter != null && filter !in full) continue
            val start = System.nanoTime()
            try {
                block()
                passed++
                println("PASS  $full (${(System.nanoTime() - start) / 1_000_000} ms)")
            } catch (t: Throwable) {
                failed++
                failures += full
                println("FAIL  $full")
                println("      ${t::class.qualifiedName}: ${t.message}")
                t.stackTrace.filter { it.className.startsWith("org.trustlabel") }.take(4)
                    .forEach { println("        at $it") }
            }
        }
    }
    println()
    if (failures.isNotEmpty()) {
        println("Failed:")
        failures.forEach { println("  $it") }
    }
    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0 && passed > 0) 0 else 1)
}
