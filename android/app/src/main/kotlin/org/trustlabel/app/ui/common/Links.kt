package org.trustlabel.app.ui.common

import android.content.ActivityNotFoundException
import android.content.ClipData
import android.content.ClipboardManager
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.widget.Toast
import androidx.core.content.getSystemService
import dev.trustlabel.core.ScanResult
import org.trustlabel.app.R

/**
 * Whether a result's links may be offered as buttons: the core decides (`links_allowed`: only
 * records verified with a registry's signature, never an unsigned one, cached or not).
 */
fun linksOffered(result: ScanResult): Boolean = result.linksAllowed

/** What a link button says about where it goes: the host, or the e-mail address. */
fun linkTarget(url: String): String? {
    val uri = Uri.parse(url.trim())
    return when (uri.scheme?.lowercase()) {
        "mailto" -> uri.schemeSpecificPart?.substringBefore('?')?.takeIf { '@' in it }
        "https", "http" -> uri.host?.removePrefix("www.")
        else -> null
    }
}

/**
 * Opens a link the core allowed (https, http, mailto). With no app to take it (a mailto: link on
 * a phone without a mail app) it copies the link and says so, instead of crashing.
 */
fun openLink(context: Context, url: String) {
    try {
        context.startActivity(Intent(Intent.ACTION_VIEW, Uri.parse(url)).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
    } catch (_: ActivityNotFoundException) {
        context.getSystemService<ClipboardManager>()?.setPrimaryClip(ClipData.newPlainText(url, url))
        Toast.makeText(context, R.string.no_app_for_link, Toast.LENGTH_LONG).show()
    }
}
