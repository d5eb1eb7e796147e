package org.trustlabel.logic

/**
 * An older, app-owned view of what the Rust core returns, used by [HistoryScreenModel],
 * [ResultScreenModel] and their JVM tests. The app's screens now take the core's own types
 * through the ports in `model/` (bridged in app/.../core/CoreBindings.kt); no adapter maps the
 * bindings onto these any more. Nothing in this module depends on the bindings or on Android.
 */

/** How a fact or a verdict reads for the user. Never shown by colour alone: see [Msg.toneWord]. */
enum class Tone { GOOD, CAUTION, BAD, UNKNOWN, NEUTRAL;

    companion object {
        fun fromWire(value: String): Tone =
            entries.firstOrNull { it.name.equals(value.trim(), ignoreCase = true) } ?: UNKNOWN
    }
}

/** What one scan came to. Wire names are the core's. */
enum class ScanOutcome(val wire: String) {
    VERIFIED("verified"),
    VERIFIED_STALE("verified_stale"),
    OFFLINE_CACHED("offline_cached"),
    NOT_OFFICIAL("not_official"),
    NOT_A_LABEL("not_a_label"),
    UNKNOWN_PRODUCT("unknown_product"),
    INVALID("invalid"),

    /**
     * From a registry that does not sign its records: shown by the core with words that say
     * so, never as verified; its links are not offered.
     */
    UNSIGNED("unsigned");

    /** Registry data signed by a trusted key is on screen (possibly old). */
    val showsRegistryData: Boolean get() = this == VERIFIED || this == VERIFIED_STALE || this == OFFLINE_CACHED

    companion object {
        /** An outcome this app version does not know is treated as [INVALID]: never as verified. */
        fun fromWire(value: String): ScanOutcome {
            val v = value.trim().lowercase().replace('-', '_')
            return entries.firstOrNull { it.wire == v } ?: INVALID
        }
    }
}

/** A link a fact carries: a plain title, and `https:`, `http:` or `mailto:` URL. */
data class FactLink(val title: String, val url: String)

/** One fact of the summary, already worded (and translated) by the core. */
data class FactView(
    /** Stable snake_case id from the core: `verification`, `product`, `support`, ... */
    val id: String,
    val tone: Tone,
    val title: String,
    val text: String,
    /** The form for screen readers: dates in words, links as "link to <host>". */
    val spoken: String,
    val link: FactLink? = null,
)

/** The first thing shown and said: reads well on its own and names the worst finding. */
data class VerdictView(
    val tone: Tone,
    val text: String,
    val spoken: String,
)

/** One scan's result as the core returns it. */
data class ScanResultView(
    val outcome: ScanOutcome,
    val verdict: VerdictView,
    val facts: List<FactView>,
    /** The text the QR code held (shown as text for [ScanOutcome.NOT_A_LABEL], never opened). */
    val scannedText: String,
    /** The real host the code leads to (shown large for [ScanOutcome.NOT_OFFICIAL]). */
    val host: String? = null,
)

/**
 * The luma (Y) plane of one camera frame: 8 bits a pixel, [rowStride] bytes a row
 * (rowStride >= width; the last row may be only [width] bytes long).
 */
class LumaFrame(
    val width: Int,
    val height: Int,
    val rowStride: Int,
    val bytes: ByteArray,
    /** Monotonic time of the frame, in milliseconds. */
    val timestampMs: Long,
) {
    init {
        require(width > 0 && height > 0) { "empty frame ${width}x$height" }
        require(rowStride >= width) { "rowStride $rowStride < width $width" }
        require(bytes.size.toLong() >= rowStride.toLong() * (height - 1) + width) {
            "frame buffer too small: ${bytes.size} bytes for ${width}x$height, stride $rowStride"
        }
    }
}

/** What the core found in one frame. */
sealed interface FrameScan {
    /** No QR code in view. */
    data object Nothing : FrameScan

    /** A QR code is in view but could not be read yet (blur, glare, too far). */
    data object CodeSeen : FrameScan

    /**
     * A code was read. [result] is set when the core checked it in the same call; when it is
     * null the app calls [LabelScanner.check] (after de-duplicating repeated frames).
     */
    data class Decoded(val text: String, val result: ScanResultView? = null) : FrameScan
}

/** One line of the scan history, as the core stores it. */
data class HistoryEntry(
    val text: String,
    val scannedAtEpochMs: Long,
    val outcome: ScanOutcome,
    val tone: Tone,
    val productName: String?,
    val verdictText: String,
    val verdictSpoken: String,
)

/**
 * A check that produced nothing to show about the label. [reason] picks the message; the
 * adapter maps the core's error kinds onto it.
 */
class CheckFailedException(val reason: Reason, cause: Throwable? = null) : Exception(reason.name, cause) {
    enum class Reason {
        /** No connection, and the label is not saved for offline use. */
        OFFLINE,
        OTHER,
    }
}

/** Once the adapter's interface (CoreAdapter, removed); nothing implements or uses it now. */
interface LabelScanner {
    /** Looks for a label QR code in one frame. CPU only; called off the main thread. */
    suspend fun scanFrame(frame: LumaFrame): FrameScan

    /**
     * Checks one QR text: cache, registry, signatures. May use the network; cancellable.
     * Throws [CheckFailedException] when there is nothing to show about the label.
     */
    suspend fun check(text: String): ScanResultView

    /** Past scans, newest first. */
    suspend fun history(): List<HistoryEntry>
}
