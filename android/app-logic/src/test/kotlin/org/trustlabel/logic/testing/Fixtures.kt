package org.trustlabel.logic.testing

import org.trustlabel.logic.FactLink
import org.trustlabel.logic.FactView
import org.trustlabel.logic.MessageCatalog
import org.trustlabel.logic.Msg
import org.trustlabel.logic.ScanOutcome
import org.trustlabel.logic.ScanResultView
import org.trustlabel.logic.Tone
import org.trustlabel.logic.VerdictView
import java.io.File
import java.util.Locale
import javax.xml.parsers.DocumentBuilderFactory
import org.w3c.dom.Element

/** Where the app's catalogues are, whichever directory the tests run from. */
object Paths {
    private fun find(property: String, vararg candidates: String): File {
        System.getProperty(property)?.let { return File(it) }
        return candidates.map(::File).firstOrNull { it.isDirectory }
            ?: error("set -D$property (tried ${candidates.joinToString()})")
    }

    /** android/app/src/main/res */
    val androidRes: File by lazy {
        find("trustlabel.android.res", "../app/src/main/res", "app/src/main/res", "android/app/src/main/res")
    }

    /** ios/TrustLabel/Resources */
    val iosRes: File by lazy {
        find("trustlabel.ios.res", "../../ios/TrustLabel/Resources", "../ios/TrustLabel/Resources", "ios/TrustLabel/Resources")
    }

    /** android/app/src/main/kotlin */
    val androidKotlin: File by lazy {
        find("trustlabel.android.kotlin", "../app/src/main/kotlin", "app/src/main/kotlin", "android/app/src/main/kotlin")
    }
}

/** Reads an Android strings.xml the way aapt2 would (for what this project uses). */
fun readAndroidStrings(file: File): Map<String, String> {
    val doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file)
    val nodes = doc.getElementsByTagName("string")
    val out = LinkedHashMap<String, String>()
    for (i in 0 until nodes.length) {
        val e = nodes.item(i) as Element
        val name = e.getAttribute("name")
        check(name !in out) { "${file.path}: duplicate string $name" }
        out[name] = e.textContent
    }
    return out
}

/** Undoes Android's string escapes; fails on what aapt2 rejects (a bare apostrophe or quote). */
fun unescapeAndroid(raw: String, where: String): String {
    val sb = StringBuilder()
    var i = 0
    while (i < raw.length) {
        val c = raw[i]
        when {
            c == '\\' && i + 1 < raw.length -> {
                sb.append(
                    when (val n = raw[i + 1]) {
                        'n' -> '\n'
                        't' -> '\t'
                        else -> n
                    },
                )
                i += 2
                continue
            }
            c == '\'' -> error("$where: unescaped apostrophe (aapt2 fails the build): $raw")
            c == '"' -> error("$where: unescaped double quote: $raw")
            else -> sb.append(c)
        }
        i++
    }
    return sb.toString()
}

/** Reads an iOS `.strings` file: `"key" = "value";` lines and comments. */
fun readIosStrings(file: File): Map<String, String> {
    val text = file.readText().replace(Regex("/\\*.*?\\*/", RegexOption.DOT_MATCHES_ALL), "")
    val line = Regex("^\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*;\\s*$")
    val out = LinkedHashMap<String, String>()
    text.lines().filter { it.isNotBlank() && !it.trimStart().startsWith("//") }.forEach { l ->
        val m = line.matchEntire(l) ?: error("${file.path}: cannot parse line: $l")
        val key = m.groupValues[1]
        check(key !in out) { "${file.path}: duplicate key $key" }
        out[key] = m.groupValues[2].replace("\\\"", "\"").replace("\\\\", "\\")
    }
    return out
}

/** A [MessageCatalog] over one Android strings.xml, as the app will see it. */
class XmlCatalog(file: File, private val locale: Locale = Locale.US) : MessageCatalog {
    val strings: Map<String, String> = readAndroidStrings(file).mapValues { (k, v) -> unescapeAndroid(v, "${file.name}:$k") }

    override fun text(msg: Msg, vararg args: Any): String {
        val pattern = strings[msg.resName] ?: error("missing string ${msg.resName}")
        check(args.size == msg.args) { "${msg.name} takes ${msg.args} arguments, got ${args.size}" }
        return if (msg.args == 0) pattern else String.format(locale, pattern, *args)
    }

    companion object {
        val english: XmlCatalog by lazy { XmlCatalog(File(Paths.androidRes, "values/strings.xml")) }
        val spanish: XmlCatalog by lazy { XmlCatalog(File(Paths.androidRes, "values-es/strings.xml"), Locale.forLanguageTag("es-US")) }
    }
}

/** The label of CTA-2120's sample page, as the core would summarise it. */
object Sample {
    const val URL = "https://registry.example/label/rw2k"

    val facts = listOf(
        FactView("verification", Tone.GOOD, "Checked", "Checked with the official registry today.", "Checked with the official registry today."),
        FactView("product", Tone.NEUTRAL, "Product", "RingWraith2000 (RW2K) by Gamgee Unlimited.", "RingWraith2000, model R W 2 K, by Gamgee Unlimited."),
        FactView(
            "support", Tone.GOOD, "Security updates",
            "Gets security updates until August 31, 2028. That is about 1 year and 9 months from now.",
            "Gets security updates until August 31, 2028. That is about 1 year and 9 months from now.",
        ),
        FactView("updates", Tone.GOOD, "Getting updates", "Updates install by themselves. You can turn this off.", "Updates install by themselves. You can turn this off."),
        FactView("sensors", Tone.CAUTION, "What it can record", "Can record video. Can record sound. Cannot tell where it is.", "Can record video. Can record sound. Cannot tell where it is."),
        FactView("data_location", Tone.UNKNOWN, "Where your data goes", "The maker has not said where your data is sent.", "The maker has not said where your data is sent."),
        FactView("securing_this_product", Tone.NEUTRAL, "How to secure it", "Steps from the maker.", "Steps from the maker. Link to gamgee.tech.", link = FactLink("Security steps", "https://www.gamgee.tech/RW2K/Security")),
        FactView("security_contact", Tone.NEUTRAL, "Security team", "Report a problem.", "Report a problem.", link = FactLink("Write to the security team", "mailto:security@gamgee.tech")),
    )

    fun result(outcome: ScanOutcome = ScanOutcome.VERIFIED, text: String = URL, host: String? = "registry.example") = ScanResultView(
        outcome = outcome,
        verdict = when (outcome) {
            ScanOutcome.NOT_OFFICIAL -> VerdictView(Tone.BAD, "Not an official label. This code does not lead to the official registry.", "Not an official label. This code does not lead to the official registry.")
            ScanOutcome.NOT_A_LABEL -> VerdictView(Tone.UNKNOWN, "This QR code is not a Cyber Trust Mark label.", "This QR code is not a Cyber Trust Mark label.")
            else -> VerdictView(Tone.GOOD, "Genuine label. The registry signed this record.", "Genuine label. The registry signed this record.")
        },
        facts = if (outcome.showsRegistryData) facts else emptyList(),
        scannedText = text,
        host = host,
    )
}
