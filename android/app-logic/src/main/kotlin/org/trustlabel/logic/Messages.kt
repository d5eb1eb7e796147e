package org.trustlabel.logic

/**
 * Every sentence the app itself shows or speaks (the facts come worded from the core).
 *
 * The words live in catalogues, not in code: Android's `res/values/strings.xml` and
 * `res/values-es/strings.xml` (name = [resName]) and iOS's `en.lproj/Localizable.strings` and
 * `es.lproj/Localizable.strings` (key = [resName]). The JVM tests check
 * that every locale has every message with the same placeholders, and that the English
 * sentences stay short and plain (grade 8 at most).
 *
 * Placeholders are positional: `%1$s`, `%2$s` ... ([args] of them).
 */
enum class Msg(val resName: String, val args: Int = 0) {
    APP_NAME("app_name"),
    NAV_SCAN("nav_scan"),
    NAV_HISTORY("nav_history"),
    NAV_BACK("nav_back"),

    // Scan screen
    SCAN_TITLE("scan_title"),
    CAMERA_PREVIEW("camera_preview_description"),
    GUIDE_POINT("guide_point"),
    GUIDE_HINT("guide_hint"),
    GUIDE_DARK("guide_dark"),
    GUIDE_HOLD_STILL("guide_hold_still"),
    GUIDE_FOUND("guide_found"),
    GUIDE_ALREADY_SCANNED("guide_already_scanned"),
    SHOW_RESULT_AGAIN("show_result_again"),
    LIGHT_ON("light_on"),
    LIGHT_OFF("light_off"),
    CHECKING("checking"),
    CANCEL("cancel"),
    CAMERA_PERMISSION_TITLE("camera_permission_title"),
    CAMERA_PERMISSION_RATIONALE("camera_permission_rationale"),
    CAMERA_PERMISSION_ALLOW("camera_permission_allow"),
    CAMERA_PERMISSION_DENIED("camera_permission_denied"),
    OPEN_SETTINGS("open_settings"),
    CHECK_FAILED("check_failed"),
    CHECK_FAILED_OFFLINE("check_failed_offline"),
    TRY_AGAIN("try_again"),

    // Result screen
    RESULT_TITLE("result_title"),
    TONE_GOOD("tone_good"),
    TONE_CAUTION("tone_caution"),
    TONE_BAD("tone_bad"),
    TONE_UNKNOWN("tone_unknown"),
    FACT_SPOKEN("fact_spoken", 2),
    FACT_SPOKEN_WITH_TONE("fact_spoken_with_tone", 3),
    NOT_OFFICIAL_LEADS_TO("not_official_leads_to"),
    NOT_OFFICIAL_SPOKEN("not_official_spoken", 1),
    NOT_A_LABEL_SAYS("not_a_label_says"),
    LINK_OPEN("link_open", 1),
    LINK_EMAIL("link_email", 1),
    LINKS_CLOSED("links_closed"),
    SCAN_ANOTHER("scan_another"),
    CHECK_AGAIN("check_again"),

    // History screen
    HISTORY_TITLE("history_title"),
    HISTORY_EMPTY("history_empty"),
    HISTORY_TODAY("history_today"),
    HISTORY_YESTERDAY("history_yesterday"),
    HISTORY_NO_PRODUCT("history_no_product"),
    HISTORY_FAILED("history_failed"),
    HISTORY_ROW_TODAY("history_row_today", 3),
    HISTORY_ROW_YESTERDAY("history_row_yesterday", 3),
    HISTORY_ROW_DATE("history_row_date", 4),
    ;

    companion object {
        /** The word that says what a tone's colour says; null for [Tone.NEUTRAL] (no judgement). */
        fun toneWord(tone: Tone): Msg? = when (tone) {
            Tone.GOOD -> TONE_GOOD
            Tone.CAUTION -> TONE_CAUTION
            Tone.BAD -> TONE_BAD
            Tone.UNKNOWN -> TONE_UNKNOWN
            Tone.NEUTRAL -> null
        }
    }
}

/** Looks messages up in the user's language. Android: string resources; tests: the same XML. */
fun interface MessageCatalog {
    fun text(msg: Msg, vararg args: Any): String
}
