package org.trustlabel.logic.model

import java.net.URI
import java.net.URISyntaxException

/** Where an incoming link (an App Link opened by the phone's camera, a browser...) leads. */
sealed interface DeepLink {
    /** Check this label link on the scan screen, as if it had been scanned. */
    data class Scan(val url: String) : DeepLink
}

/**
 * Routes the link an activity was started with (`intent.data`, in onCreate and
 * onNewIntent) to a screen. Only the registry's label links are taken: https, a host the app
 * claims (the manifest's `autoVerify` intent filter), the default port, and a path under the
 * label prefix with something after it. Anything else is ignored (null): the app opens as
 * usual, and a link it does not know is never checked on the user's behalf.
 */
class DeepLinkRouter(
    hosts: Collection<String>,
    private val pathPrefix: String = "/l/",
) {
    private val hosts = hosts.map { it.trim().lowercase() }.filter { it.isNotEmpty() }.toSet()

    /**
     * [restored]: the activity is recreated from saved state (rotation, process death), so
     * its intent was handled already; [fromHistory]: opened from Recents, whose intent is the
     * old one. Neither checks the link again.
     */
    fun route(link: String?, restored: Boolean = false, fromHistory: Boolean = false): DeepLink? {
        if (link == null || restored || fromHistory) return null
        val uri = try {
            URI(link.trim())
        } catch (_: URISyntaxException) {
            return null
        }
        if (!uri.scheme.equals("https", ignoreCase = true)) return null
        if (uri.rawUserInfo != null) return null
        val host = uri.host?.lowercase() ?: return null
        if (host !in hosts) return null
        if (uri.port != -1 && uri.port != 443) return null
        val path = uri.rawPath ?: return null
        if (!path.startsWith(pathPrefix) || path.length == pathPrefix.length) return null
        return DeepLink.Scan(uri.toString())
    }
}
