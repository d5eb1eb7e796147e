package org.trustlabel.logic

import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import java.util.Locale

/** One row of the history list. */
data class HistoryRow(
    val key: String,
    val title: String,
    val verdictText: String,
    val tone: Tone,
    val toneWord: String?,
    /** Shown time of day, e.g. "3:42 PM". */
    val time: String,
    /** The whole row for a screen reader, e.g. "RingWraith2000. Genuine label. Scanned today at 3:42 PM." */
    val contentDescription: String,
)

/** A day's heading ("Today", "Yesterday", "November 21, 2026") and its rows, newest first. */
data class HistorySection(val heading: String, val rows: List<HistoryRow>)

data class HistoryScreenModel(val sections: List<HistorySection>, val emptyText: String?) {
    companion object {
        /**
         * Groups [entries] by the user's local day, newest first. Dates are words in the user's
         * locale (never "08/31/28", which a screen reader reads digit by digit).
         */
        fun from(
            entries: List<HistoryEntry>,
            messages: MessageCatalog,
            now: Instant,
            zone: ZoneId,
            locale: Locale,
        ): HistoryScreenModel {
            if (entries.isEmpty()) return HistoryScreenModel(emptyList(), messages.text(Msg.HISTORY_EMPTY))
            val dates = DateWords(zone, locale)
            val today = now.atZone(zone).toLocalDate()
            val sections = entries
                .sortedByDescending { it.scannedAtEpochMs }
                .groupBy { dates.localDate(it.scannedAtEpochMs) }
                .map { (day, dayEntries) ->
                    HistorySection(
                        heading = when (day) {
                            today -> messages.text(Msg.HISTORY_TODAY)
                            today.minusDays(1) -> messages.text(Msg.HISTORY_YESTERDAY)
                            else -> dates.longDate(day)
                        },
                        rows = dayEntries.map { row(it, day, today, dates, messages) },
                    )
                }
            return HistoryScreenModel(sections, null)
        }

        private fun row(e: HistoryEntry, day: LocalDate, today: LocalDate, dates: DateWords, messages: MessageCatalog): HistoryRow {
            val title = e.productName?.takeIf { it.isNotBlank() } ?: messages.text(Msg.HISTORY_NO_PRODUCT)
            val time = dates.time(e.scannedAtEpochMs)
            val verdictSpoken = e.verdictSpoken.ifBlank { e.verdictText }.trim().trimEnd('.')
            val spokenTitle = title.trim().trimEnd('.')
            val description = when (day) {
                today -> messages.text(Msg.HISTORY_ROW_TODAY, spokenTitle, verdictSpoken, time)
                today.minusDays(1) -> messages.text(Msg.HISTORY_ROW_YESTERDAY, spokenTitle, verdictSpoken, time)
                else -> messages.text(Msg.HISTORY_ROW_DATE, spokenTitle, verdictSpoken, dates.longDate(day), time)
            }
            return HistoryRow(
                key = e.text,
                title = title,
                verdictText = e.verdictText,
                tone = e.tone,
                toneWord = Msg.toneWord(e.tone)?.let { messages.text(it) },
                time = time,
                contentDescription = description,
            )
        }
    }
}

/** Dates and times as words, in the user's zone and locale. */
class DateWords(private val zone: ZoneId, private val locale: Locale) {
    private val longDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
    private val shortTime = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale)

    fun localDate(epochMs: Long): LocalDate = Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate()

    /** "August 31, 2028" (en-US), "31 de agosto de 2028" (es-US). */
    fun longDate(date: LocalDate): String = longDate.format(date)

    /** "3:42 PM" (en-US). Spaces are plain spaces (some JDKs use U+202F, which some TTS engines skip). */
    fun time(epochMs: Long): String =
        shortTime.format(Instant.ofEpochMilli(epochMs).atZone(zone)).replace('\u202F', ' ').replace('\u00A0', ' ')
}
