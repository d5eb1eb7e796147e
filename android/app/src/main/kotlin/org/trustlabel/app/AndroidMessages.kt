package org.trustlabel.app

import android.content.Context
import androidx.annotation.StringRes
import org.trustlabel.logic.MessageCatalog
import org.trustlabel.logic.Msg

/**
 * [MessageCatalog] over the app's string resources (res/values*, so the user's locale and
 * per-app language apply). The `when` is exhaustive: a new [Msg] does not compile until it is
 * mapped here, and android/app-logic's CatalogTest checks each name matches.
 */
class AndroidMessages(context: Context) : MessageCatalog {
    // Not the Activity: the catalogue outlives configuration changes. Locale changes recreate
    // the process-wide resources, which applicationContext follows.
    private val resources = context.applicationContext.resources

    override fun text(msg: Msg, vararg args: Any): String =
        if (args.isEmpty()) resources.getString(res(msg)) else resources.getString(res(msg), *args)

    companion object {
        @StringRes
        fun res(msg: Msg): Int = when (msg) {
        Msg.APP_NAME -> R.string.app_name
        Msg.NAV_SCAN -> R.string.nav_scan
        Msg.NAV_HISTORY -> R.string.nav_history
        Msg.NAV_BACK -> R.string.nav_back
        Msg.SCAN_TITLE -> R.string.scan_title
        Msg.CAMERA_PREVIEW -> R.string.camera_preview_description
        Msg.GUIDE_POINT -> R.string.guide_point
        Msg.GUIDE_HINT -> R.string.guide_hint
        Msg.GUIDE_DARK -> R.string.guide_dark
        Msg.GUIDE_HOLD_STILL -> R.string.guide_hold_still
        Msg.GUIDE_FOUND -> R.string.guide_found
        Msg.GUIDE_ALREADY_SCANNED -> R.string.guide_already_scanned
        Msg.SHOW_RESULT_AGAIN -> R.string.show_result_again
        Msg.LIGHT_ON -> R.string.light_on
        Msg.LIGHT_OFF -> R.string.light_off
        Msg.CHECKING -> R.string.checking
        Msg.CANCEL -> R.string.cancel
        Msg.CAMERA_PERMISSION_TITLE -> R.string.camera_permission_title
        Msg.CAMERA_PERMISSION_RATIONALE -> R.string.camera_permission_rationale
        Msg.CAMERA_PERMISSION_ALLOW -> R.string.camera_permission_allow
        Msg.CAMERA_PERMISSION_DENIED -> R.string.camera_permission_denied
        Msg.OPEN_SETTINGS -> R.string.open_settings
        Msg.CHECK_FAILED -> R.string.check_failed
        Msg.CHECK_FAILED_OFFLINE -> R.string.check_failed_offline
        Msg.TRY_AGAIN -> R.string.try_again
        Msg.RESULT_TITLE -> R.string.result_title
        Msg.TONE_GOOD -> R.string.tone_good
        Msg.TONE_CAUTION -> R.string.tone_caution
        Msg.TONE_BAD -> R.string.tone_bad
        Msg.TONE_UNKNOWN -> R.string.tone_unknown
        Msg.FACT_SPOKEN -> R.string.fact_spoken
        Msg.FACT_SPOKEN_WITH_TONE -> R.string.fact_spoken_with_tone
        Msg.NOT_OFFICIAL_LEADS_TO -> R.string.not_official_leads_to
        Msg.NOT_OFFICIAL_SPOKEN -> R.string.not_official_spoken
        Msg.NOT_A_LABEL_SAYS -> R.string.not_a_label_says
        Msg.LINK_OPEN -> R.string.link_open
        Msg.LINK_EMAIL -> R.string.link_email
        Msg.LINKS_CLOSED -> R.string.links_closed
        Msg.SCAN_ANOTHER -> R.string.scan_another
        Msg.CHECK_AGAIN -> R.string.check_again
        Msg.HISTORY_TITLE -> R.string.history_title
        Msg.HISTORY_EMPTY -> R.string.history_empty
        Msg.HISTORY_TODAY -> R.string.history_today
        Msg.HISTORY_YESTERDAY -> R.string.history_yesterday
        Msg.HISTORY_NO_PRODUCT -> R.string.history_no_product
        Msg.HISTORY_FAILED -> R.string.history_failed
        Msg.HISTORY_ROW_TODAY -> R.string.history_row_today
        Msg.HISTORY_ROW_YESTERDAY -> R.string.history_row_yesterday
        Msg.HISTORY_ROW_DATE -> R.string.history_row_date
        }
    }
}
