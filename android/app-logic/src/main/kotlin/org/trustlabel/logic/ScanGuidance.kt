package org.trustlabel.logic

/** What the scan screen is telling the user. */
enum class GuidancePhase { SEARCHING, TOO_DARK, CODE_SEEN, ALREADY_SCANNED, FOUND }

/** A haptic cue; the app maps each to the platform's closest effect. */
enum class Haptic { NONE, SEARCH_PULSE, CODE_SEEN, FOUND }

/** What a camera frame showed, as far as guidance cares. */
enum class Sighting { NONE, SEEN, DUPLICATE, DECODED }

/**
 * One guidance update: the message to show (and, when [speak] is true, to announce through the
 * screen reader's live region), and a haptic cue to play now.
 */
data class Guidance(
    val phase: GuidancePhase,
    val message: Msg,
    val haptic: Haptic = Haptic.NONE,
    val speak: Boolean = false,
)

/**
 * The scan screen's guidance, frame by frame, for people who cannot see the preview well.
 *
 * - While no code is in view: "point the camera" at once, then every [Config.repeatMs] it
 *   alternates with a practical hint (a live region only speaks when the text changes), and a
 *   light haptic pulse every [Config.searchPulseMs] (0 = off; apps turn it on with a screen
 *   reader).
 * - A dark picture for [Config.darkAfterMs]: "turn on the light".
 * - A code in view but not read yet: "hold still", once, with a tick. It stays until no code has
 *   been seen for [Config.lostAfterMs], so a code that flickers in and out does not chatter.
 * - A code read: "found", with the success cue; then nothing until [start] is called again.
 * - The code just checked, still in view: "you just checked this label".
 *
 * Pure and clock-free: every call gets the time, so tests drive it with made-up timestamps.
 */
class ScanGuidance(private val config: Config = Config()) {

    data class Config(
        val repeatMs: Long = 6_000,
        val searchPulseMs: Long = 0,
        val darkLuma: Int = 35,
        val darkAfterMs: Long = 1_000,
        val lostAfterMs: Long = 1_200,
    ) {
        init {
            require(repeatMs > 0 && darkAfterMs >= 0 && lostAfterMs >= 0 && searchPulseMs >= 0)
            require(darkLuma in 0..245)
        }
    }

    var current: Guidance = Guidance(GuidancePhase.SEARCHING, Msg.GUIDE_POINT)
        private set

    private var lastSpokenMs = 0L
    private var lastPulseMs = 0L
    private var lastCodeMs = Long.MIN_VALUE
    private var darkSinceMs: Long? = null

    /** Starts (or restarts) guidance: the screen just opened, or the user asked to scan again. */
    fun start(nowMs: Long): Guidance {
        lastSpokenMs = nowMs
        lastPulseMs = nowMs
        lastCodeMs = Long.MIN_VALUE
        darkSinceMs = null
        current = Guidance(GuidancePhase.SEARCHING, Msg.GUIDE_POINT, Haptic.NONE, speak = true)
        return current
    }

    /**
     * Feeds one frame. Returns the update to apply, or null when nothing should change
     * (no new text, nothing to say, no haptic).
     */
    fun onFrame(sighting: Sighting, meanLuma: Int, nowMs: Long): Guidance? {
        if (current.phase == GuidancePhase.FOUND) return null
        updateDarkness(meanLuma, nowMs)
        return when (sighting) {
            Sighting.DECODED -> emit(Guidance(GuidancePhase.FOUND, Msg.GUIDE_FOUND, Haptic.FOUND, true), nowMs)
            Sighting.DUPLICATE -> {
                lastCodeMs = nowMs
                if (current.phase == GuidancePhase.ALREADY_SCANNED) null
                else emit(Guidance(GuidancePhase.ALREADY_SCANNED, Msg.GUIDE_ALREADY_SCANNED, Haptic.NONE, true), nowMs)
            }
            Sighting.SEEN -> {
                lastCodeMs = nowMs
                if (current.phase == GuidancePhase.CODE_SEEN) null
                else emit(Guidance(GuidancePhase.CODE_SEEN, Msg.GUIDE_HOLD_STILL, Haptic.CODE_SEEN, true), nowMs)
            }
            Sighting.NONE -> onNothing(nowMs)
        }
    }

    private fun onNothing(nowMs: Long): Guidance? {
        val codePhase = current.phase == GuidancePhase.CODE_SEEN || current.phase == GuidancePhase.ALREADY_SCANNED
        if (codePhase && nowMs - lastCodeMs < config.lostAfterMs) return null

        val dark = darkSinceMs?.let { nowMs - it >= config.darkAfterMs } == true
        if (dark && current.phase != GuidancePhase.TOO_DARK) {
            return emit(Guidance(GuidancePhase.TOO_DARK, Msg.GUIDE_DARK, Haptic.NONE, true), nowMs)
        }
        if (!dark && current.phase != GuidancePhase.SEARCHING) {
            // Lost the code, or light came back: start over with the plain instruction.
            return emit(Guidance(GuidancePhase.SEARCHING, Msg.GUIDE_POINT, Haptic.NONE, true), nowMs)
        }
        if (nowMs - lastSpokenMs >= config.repeatMs) {
            // Alternate with the hint: a live region speaks only when its text changes.
            val primary = if (current.phase == GuidancePhase.TOO_DARK) Msg.GUIDE_DARK else Msg.GUIDE_POINT
            val msg = if (current.message == primary) Msg.GUIDE_HINT else primary
            return emit(current.copy(message = msg, haptic = Haptic.NONE, speak = true), nowMs)
        }
        if (config.searchPulseMs > 0 && nowMs - lastPulseMs >= config.searchPulseMs) {
            lastPulseMs = nowMs
            current = current.copy(haptic = Haptic.SEARCH_PULSE, speak = false)
            return current
        }
        return null
    }

    private fun updateDarkness(meanLuma: Int, nowMs: Long) {
        val since = darkSinceMs
        if (meanLuma < config.darkLuma) {
            if (since == null) darkSinceMs = nowMs
        } else if (meanLuma >= config.darkLuma + DARK_HYSTERESIS || since == null) {
            darkSinceMs = null
        }
    }

    private fun emit(g: Guidance, nowMs: Long): Guidance {
        if (g.speak) lastSpokenMs = nowMs
        lastPulseMs = nowMs
        current = g
        return g
    }

    private companion object {
        const val DARK_HYSTERESIS = 10
    }
}

/** Mean brightness (0..255) of a luma frame, from a sparse grid of samples (cheap on every frame). */
fun meanLuma(frame: LumaFrame, samplesPerSide: Int = 32): Int {
    require(samplesPerSide > 0)
    val stepX = maxOf(1, frame.width / samplesPerSide)
    val stepY = maxOf(1, frame.height / samplesPerSide)
    var sum = 0L
    var n = 0L
    var y = stepY / 2
    while (y < frame.height) {
        val row = y * frame.rowStride
        var x = stepX / 2
        while (x < frame.width) {
            sum += frame.bytes[row + x].toInt() and 0xFF
            n++
            x += stepX
        }
        y += stepY
    }
    return if (n == 0L) 0 else (sum / n).toInt()
}
