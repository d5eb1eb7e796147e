package org.trustlabel.logic.model

/** Where an incoming link (an App Link opened by the phone's camera, a browser...) leads. */
sealed interface DeepLink {
    /** Check this label link on the scan screen, as if it had been scanned. */
    data class Scan(val url: String) : DeepLink
}

/**
 * The core's decision on a link that opened the app (`dev.trustlabel.core.incomingLink`, the
 * same function the iOS app calls): the text to check, or null when the app does not claim
 * the link (https, a claimed host, the default port, no userinfo, a label under `/l/`).
 */
typealias IncomingLinkRule = (url: String, claimedHosts: List<String>) -> String?

/**
 * Routes the link an activity was started with (`intent.data`, in onCreate and
 * onNewIntent) to a screen. Which links are label links is the core's decision ([incomingLink],
 * with [hosts], the hosts the manifest's `autoVerify` intent filter claims); what is left here
 * is Android's own: an intent already handled is not handled again. Anything not taken is
 * ignored (null): the app opens as usual, and a link it does not know is never checked on the
 * user's behalf.
 */
class DeepLinkRouter(
    private val hosts: List<String>,
    private val incomingLink: IncomingLinkRule,
) {
    /**
     * [restored]: the activity is recreated from saved state (rotation, process death), so
     * its intent was handled already; [fromHistory]: opened from Recents, whose intent is the
     * old one. Neither checks the link again.
     */
    fun route(link: String?, restored: Boolean = false, fromHistory: Boolean = false): DeepLink? {
        if (link == null || restored || fromHistory) return null
        return incomingLink(link, hosts)?.let(DeepLink::Scan)
    }
}
