package org.trustlabel.logic

/**
 * Turns a stream of decoded frames into distinct scans.
 *
 * A shopper holding the phone over a label decodes the same code in many frames; a shelf of
 * boxes can put two codes in view at once. A code is accepted the first time it is seen and then
 * ignored for as long as it keeps being seen, and for [quietMs] after it was last seen (a sliding
 * window). Only then does the same code count as a new scan. The memory is bounded:
 * at most [capacity] codes are remembered, the least recently seen one is dropped first.
 */
class ScanDebouncer(
    private val quietMs: Long = 2_500,
    private val capacity: Int = 64,
) {
    init {
        require(quietMs >= 0) { "quietMs must be >= 0" }
        require(capacity > 0) { "capacity must be > 0" }
    }

    // Access order = least recently seen first.
    private val lastSeen = object : LinkedHashMap<String, Long>(16, 0.75f, true) {
        override fun removeEldestEntry(eldest: MutableMap.MutableEntry<String, Long>?): Boolean = size > capacity
    }

    /** Records a sighting of [code] at [nowMs]; true when it counts as a new scan. */
    @Synchronized
    fun offer(code: String, nowMs: Long): Boolean {
        val key = code.trim()
        if (key.isEmpty()) return false
        val previous = lastSeen[key]
        lastSeen[key] = maxOf(nowMs, previous ?: Long.MIN_VALUE)
        // A clock that went backwards counts as "just seen": never a duplicate result.
        return previous == null || nowMs - previous > quietMs
    }

    /** True when [code] was seen within the quiet window before [nowMs] (does not record it). */
    @Synchronized
    fun isRecent(code: String, nowMs: Long): Boolean {
        val previous = lastSeen[code.trim()] ?: return false
        return nowMs - previous <= quietMs
    }

    /** Forgets one code, so that it is accepted again at once (e.g. "check again"). */
    @Synchronized
    fun forget(code: String) {
        lastSeen.remove(code.trim())
    }

    @Synchronized
    fun clear() = lastSeen.clear()

    @get:Synchronized
    val size: Int get() = lastSeen.size
}
