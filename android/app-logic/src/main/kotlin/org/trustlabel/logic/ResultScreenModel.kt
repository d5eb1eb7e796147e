package org.trustlabel.logic

import java.net.URI

/** A link the user can open: always labelled with where it goes. */
data class LinkAction(
    val uri: String,
    /** The core's plain title for the link, e.g. "How to secure this product". */
    val title: String,
    /** Where it goes, e.g. "Open gamgee.tech" or "Email security@gamgee.tech". */
    val label: String,
    val host: String,
)

/** One row of the result screen. */
data class FactRow(
    val id: String,
    val tone: Tone,
    /** The tone as a word ("Caution"), shown next to the colour; null for neutral facts. */
    val toneWord: String?,
    val title: String,
    val text: String,
    /** What a screen reader says for the whole row: title, tone word, then the spoken form. */
    val contentDescription: String,
    /** Null when the fact has no link, or when links are not offered for this outcome. */
    val link: LinkAction?,
    /** The link's text when it is shown but not offered as a button (not checked data). */
    val inertLinkText: String? = null,
)

/** The verdict block, shown first and announced politely when the result appears. */
data class VerdictBlock(
    val tone: Tone,
    val toneWord: String?,
    val text: String,
    val contentDescription: String,
)

enum class ResultAction { SCAN_ANOTHER, CHECK_AGAIN }

/**
 * Everything the result screen shows, in order: verdict first, then a warning block when the
 * code is not official (the real host, large) or not a label (its text), then the facts in the
 * core's order (the CTA-2120 consumer page order), then actions.
 */
data class ResultScreenModel(
    val outcome: ScanOutcome,
    val verdict: VerdictBlock,
    /** [ScanOutcome.NOT_OFFICIAL]: heading + the real host, to be shown in large text. */
    val hostWarning: Pair<String, String>?,
    /** [ScanOutcome.NOT_A_LABEL]: heading + the code's text, shown as plain text, never opened. */
    val rawText: Pair<String, String>?,
    val facts: List<FactRow>,
    /** Said once, politely, when the screen appears (live region / accessibility announcement). */
    val announcement: String,
    /** Shown above the facts when links are not offered. */
    val linksNote: String?,
    val actions: List<ResultAction>,
) {
    companion object {
        /** Facts whose spoken form goes into the announcement, after the verdict (core fact ids). */
        val ANNOUNCED_FACTS = listOf("product", "support")

        /** URI schemes a fact link may open. Anything else (javascript:, intent:, file:) is shown as text. */
        private val OPENABLE = setOf("https", "http", "mailto")

        fun from(result: ScanResultView, messages: MessageCatalog): ResultScreenModel {
            val outcome = result.outcome
            val verdictWord = Msg.toneWord(result.verdict.tone)?.let { messages.text(it) }
            val verdict = VerdictBlock(
                tone = result.verdict.tone,
                toneWord = verdictWord,
                text = result.verdict.text,
                contentDescription = result.verdict.spoken.ifBlank { result.verdict.text },
            )

            val linksAllowed = outcome.showsRegistryData
            val rows = result.facts.map { fact -> factRow(fact, linksAllowed, messages) }

            val host = result.host?.takeIf { it.isNotBlank() }
            val hostWarning = if (outcome == ScanOutcome.NOT_OFFICIAL && host != null) {
                messages.text(Msg.NOT_OFFICIAL_LEADS_TO) to host
            } else null
            val rawText = if (outcome == ScanOutcome.NOT_A_LABEL && result.scannedText.isNotBlank()) {
                messages.text(Msg.NOT_A_LABEL_SAYS) to result.scannedText
            } else null

            val announcement = buildList {
                add(verdict.contentDescription)
                if (hostWarning != null) add(messages.text(Msg.NOT_OFFICIAL_SPOKEN, hostWarning.second))
                if (outcome.showsRegistryData) {
                    for (id in ANNOUNCED_FACTS) result.facts.firstOrNull { it.id == id }?.let { add(it.spoken) }
                }
            }.let { joinSentences(*it.toTypedArray()) }

            val anyLink = result.facts.any { it.link != null }
            val actions = buildList {
                add(ResultAction.SCAN_ANOTHER)
                if (outcome == ScanOutcome.VERIFIED_STALE || outcome == ScanOutcome.OFFLINE_CACHED ||
                    outcome == ScanOutcome.INVALID
                ) add(ResultAction.CHECK_AGAIN)
            }
            return ResultScreenModel(
                outcome = outcome,
                verdict = verdict,
                hostWarning = hostWarning,
                rawText = rawText,
                facts = rows,
                announcement = announcement,
                linksNote = if (!linksAllowed && anyLink) messages.text(Msg.LINKS_CLOSED) else null,
                actions = actions,
            )
        }

        private fun factRow(fact: FactView, linksAllowed: Boolean, messages: MessageCatalog): FactRow {
            val toneWord = Msg.toneWord(fact.tone)?.let { messages.text(it) }
            val spoken = fact.spoken.ifBlank { fact.text }
            val title = fact.title.trim().trimEnd('.', ':')
            val description = if (toneWord != null) {
                messages.text(Msg.FACT_SPOKEN_WITH_TONE, title, toneWord, spoken)
            } else {
                messages.text(Msg.FACT_SPOKEN, title, spoken)
            }
            val action = fact.link?.takeIf { linksAllowed }?.let { linkAction(it.url, messages, it.title) }
            return FactRow(
                id = fact.id,
                tone = fact.tone,
                toneWord = toneWord,
                title = fact.title,
                text = fact.text,
                contentDescription = description,
                link = action,
                inertLinkText = if (action == null) fact.link?.url else null,
            )
        }

        /** A link the app may open, or null (bad URI, scheme not allowed, no host / address). */
        fun linkAction(link: String, messages: MessageCatalog, title: String = ""): LinkAction? {
            val uri = try {
                URI(link.trim())
            } catch (_: Exception) {
                return null
            }
            val scheme = uri.scheme?.lowercase() ?: return null
            if (scheme !in OPENABLE) return null
            return if (scheme == "mailto") {
                val address = uri.schemeSpecificPart?.substringBefore('?')?.takeIf { '@' in it } ?: return null
                LinkAction(uri.toString(), title, messages.text(Msg.LINK_EMAIL, address), address.substringAfter('@').lowercase())
            } else {
                if (uri.rawUserInfo != null) return null // https://trusted.example@evil.example/
                val host = uri.host?.lowercase()?.removePrefix("www.") ?: return null
                LinkAction(uri.toString(), title, messages.text(Msg.LINK_OPEN, host), host)
            }
        }

        /** Joins sentences with ". ", adding a full stop where one is missing. */
        fun joinSentences(vararg parts: String): String =
            parts.map { it.trim() }.filter { it.isNotEmpty() }
                .joinToString(" ") { if (it.last() in ".!?…") it else "$it." }
    }
}
