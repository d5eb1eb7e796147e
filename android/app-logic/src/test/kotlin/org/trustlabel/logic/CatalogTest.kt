package org.trustlabel.logic

import org.trustlabel.logic.testing.Paths
import org.trustlabel.logic.testing.Suite
import org.trustlabel.logic.testing.XmlCatalog
import org.trustlabel.logic.testing.readAndroidStrings
import org.trustlabel.logic.testing.readIosStrings
import org.trustlabel.logic.testing.unescapeAndroid
import org.w3c.dom.Element
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlin.test.fail

private val androidPlaceholder = Regex("%(\\d+)\\$([sd])")
private val iosPlaceholder = Regex("%(\\d+)\\$(@|d|ld)")

private fun placeholders(text: String, re: Regex) = re.findAll(text).map { it.groupValues[1].toInt() }.toSortedSet()

/** Splits into sentences (after . ! ? : followed by a space, or at the end). */
private fun sentences(text: String) = text.split(Regex("(?<=[.!?:])\\s+")).map { it.trim() }.filter { it.isNotEmpty() }

private fun words(sentence: String) = sentence.split(Regex("\\s+")).map { w -> w.filter { it.isLetterOrDigit() || it == '\'' } }.filter { it.isNotEmpty() }

/** The usual English syllable estimate (vowel groups, silent endings). */
internal fun syllables(word: String): Int {
    var w = word.lowercase().filter { it in 'a'..'z' }
    if (w.isEmpty()) return 0
    if (w.length <= 3) return 1
    w = w.replace(Regex("(?:[^laeiouy]es|ed|[^laeiouy]e)$"), "").replace(Regex("^y"), "")
    return maxOf(1, Regex("[aeiouy]{1,2}").findAll(w).count())
}

/** Flesch-Kincaid grade level of one sentence. */
internal fun fkGrade(sentence: String): Double {
    val ws = words(sentence)
    val syl = ws.sumOf { syllables(it) }
    return 0.39 * ws.size + 11.8 * syl / ws.size - 15.59
}

/** A plurals resource's items by quantity (`one`, `other`, ...), unescaped as aapt2 would. */
private fun readAndroidPlurals(file: File): Map<String, Map<String, String>> {
    val doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file)
    val nodes = doc.getElementsByTagName("plurals")
    return (0 until nodes.length).associate { i ->
        val plural = nodes.item(i) as Element
        val name = plural.getAttribute("name")
        val items = plural.getElementsByTagName("item")
        name to (0 until items.length).associate { j ->
            val item = items.item(j) as Element
            item.getAttribute("quantity") to unescapeAndroid(item.textContent, "${file.name}:$name")
        }
    }
}

/**
 * strings_screens.xml as the flat table iOS keeps (Screens.strings): each string by its name,
 * each plural's items as `<name>_<quantity>` (iOS's SCount picks `_one` or `_other`).
 */
private fun screensTable(dir: String): Map<String, String> {
    val file = File(Paths.androidRes, "$dir/strings_screens.xml")
    val strings = readAndroidStrings(file).mapValues { (k, v) -> unescapeAndroid(v, "${file.name}:$k") }
    val plurals = readAndroidPlurals(file).flatMap { (name, items) -> items.map { (q, v) -> "${name}_$q" to v } }
    return strings + plurals
}

object CatalogTest : Suite({
    val locales = listOf("values", "values-es")

    test("every message is in every Android locale, and nothing else is") {
        val names = Msg.entries.map { it.resName }.toSet()
        assertEquals(Msg.entries.size, names.size, "resName values are unique")
        for (dir in locales) {
            val cat = XmlCatalog(File(Paths.androidRes, "$dir/strings.xml"))
            assertEquals(emptySet(), names - cat.strings.keys, "$dir misses")
            assertEquals(emptySet(), cat.strings.keys - names, "$dir has strings no Msg names")
        }
    }

    test("placeholders match the message's argument count in every Android locale") {
        for (dir in locales) {
            val cat = XmlCatalog(File(Paths.androidRes, "$dir/strings.xml"))
            for (m in Msg.entries) {
                val text = cat.strings.getValue(m.resName)
                assertEquals((1..m.args).toSortedSet(), placeholders(text, androidPlaceholder), "$dir/${m.resName}: $text")
                assertTrue(!Regex("%(?!\\d+\\$[sd])").containsMatchIn(text), "$dir/${m.resName}: stray % (aapt2 wants %1\$s)")
            }
        }
    }

    test("iOS catalogues have the same keys and placeholders as Android's") {
        val pairs = mapOf("en.lproj" to "values", "es.lproj" to "values-es")
        for ((ios, android) in pairs) {
            val strings = readIosStrings(File(Paths.iosRes, "$ios/Localizable.strings"))
            val droid = XmlCatalog(File(Paths.androidRes, "$android/strings.xml")).strings
            assertEquals(droid.keys, strings.keys, "$ios keys")
            for ((k, v) in strings) {
                assertEquals(placeholders(droid.getValue(k), androidPlaceholder), placeholders(v, iosPlaceholder), "$ios/$k")
                val expected = droid.getValue(k).replace(androidPlaceholder) { "%${it.groupValues[1]}\$" + if (it.groupValues[2] == "s") "@" else "d" }
                assertEquals(expected, v, "$ios/$k differs from Android's $android")
            }
        }
    }

    test("the screens' words (strings_screens.xml): same names, plurals and placeholders in every locale, and iOS has them") {
        val en = readAndroidPlurals(File(Paths.androidRes, "values/strings_screens.xml"))
        assertTrue("audit_scans" in en, "the audit's scan count is a plural")
        for (dir in locales) {
            val plurals = readAndroidPlurals(File(Paths.androidRes, "$dir/strings_screens.xml"))
            assertEquals(en.keys, plurals.keys, "$dir plurals")
            for ((name, items) in plurals) {
                assertTrue(items.keys.containsAll(setOf("one", "other")), "$dir/$name has one and other: ${items.keys}")
                val expected = placeholders(items.getValue("other"), androidPlaceholder)
                for ((q, v) in items) assertEquals(expected, placeholders(v, androidPlaceholder), "$dir/$name/$q: $v")
            }
            val table = screensTable(dir)
            assertEquals(screensTable("values").keys, table.keys, "$dir names")
            for ((k, v) in table) {
                assertTrue(!Regex("%(?!\\d+\\$[sd])").containsMatchIn(v), "$dir/$k: stray % (aapt2 wants %1\$s)")
                assertEquals(placeholders(screensTable("values").getValue(k), androidPlaceholder), placeholders(v, androidPlaceholder), "$dir/$k")
            }
        }
        val pairs = mapOf("en.lproj" to "values", "es.lproj" to "values-es")
        for ((ios, android) in pairs) {
            val strings = readIosStrings(File(Paths.iosRes, "$ios/Screens.strings"))
            val droid = screensTable(android)
            assertEquals(droid.keys, strings.keys, "$ios Screens.strings keys")
            for ((k, v) in strings) {
                val expected = droid.getValue(k).replace(androidPlaceholder) { "%${it.groupValues[1]}\$" + if (it.groupValues[2] == "s") "@" else "d" }
                assertEquals(expected, v, "$ios/Screens.strings $k differs from Android's $android")
            }
        }
        // The one and other forms really differ where the language says so.
        assertEquals("Scanned %1\$s time", screensTable("values")["audit_scans_one"])
        assertEquals("Escaneada %1\$s veces", screensTable("values-es")["audit_scans_other"])
    }

    test("English sentences are short and plain: at most 20 words, grade 8 at most") {
        val problems = mutableListOf<String>()
        for ((name, text) in XmlCatalog.english.strings) {
            val filled = text.replace(androidPlaceholder, "it")
            for (s in sentences(filled)) {
                val n = words(s).size
                if (n > 20) problems += "$name: $n words: $s"
                if (n >= 4 && fkGrade(s) > 8.0) problems += "$name: grade ${"%.1f".format(fkGrade(s))}: $s"
            }
        }
        if (problems.isNotEmpty()) fail(problems.joinToString("\n"))
    }

    test("the readability measure behaves (sanity)") {
        assertEquals(1, syllables("the"))
        assertEquals(3, syllables("camera"))
        assertTrue(fkGrade("The cat sat on the mat.") < 2)
        assertTrue(fkGrade("Notwithstanding comprehensive authorization documentation, manufacturers' cybersecurity obligations perpetuate.") > 12)
    }

    test("no numeric or ISO dates and no bare acronyms in the catalogues") {
        for (dir in locales) {
            for ((k, v) in XmlCatalog(File(Paths.androidRes, "$dir/strings.xml")).strings) {
                assertTrue(!Regex("\\d{1,4}[/-]\\d{1,2}[/-]\\d{1,4}").containsMatchIn(v), "$dir/$k: $v")
                val acronyms = Regex("\\b[A-Z]{2,}\\b").findAll(v).map { it.value }.toSet() - setOf("QR")
                assertTrue(acronyms.isEmpty(), "$dir/$k: unexplained acronym $acronyms")
            }
        }
    }

    test("the Android app maps every message to the string of the same name") {
        val file = Paths.androidKotlin.walkTopDown().firstOrNull { it.name == "AndroidMessages.kt" }
            ?: fail("AndroidMessages.kt not found under ${Paths.androidKotlin}")
        val pairs = Regex("Msg\\.([A-Z_]+)\\s*->\\s*R\\.string\\.([a-z0-9_]+)").findAll(file.readText())
            .map { it.groupValues[1] to it.groupValues[2] }.toList()
        assertEquals(Msg.entries.map { it.name }.sorted(), pairs.map { it.first }.sorted(), "each Msg mapped exactly once")
        for ((msg, res) in pairs) assertEquals(Msg.valueOf(msg).resName, res, "Msg.$msg")
    }
})
