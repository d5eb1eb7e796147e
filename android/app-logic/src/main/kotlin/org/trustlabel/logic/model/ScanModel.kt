package org.trustlabel.logic.model

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.channels.BufferOverflow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asSharedFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

/**
 * What the scan screen draws: one state per session event, with the core's words. The type
 * parameters are the core's own types (on Android: `Words`, `Guidance`, `ScanResult`,
 * `Summary`), passed through untouched: this module decides, the bindings carry the words.
 */
sealed interface ScanState<out W, out G, out R, out F> {
    /** The scanner is being opened (or reopened after a language change). */
    data object Opening : ScanState<Nothing, Nothing, Nothing, Nothing>

    /** The scanner could not be opened: nothing can be checked; the screen offers a retry. */
    data object Unavailable : ScanState<Nothing, Nothing, Nothing, Nothing>
    data class Searching<W>(val words: W) : ScanState<W, Nothing, Nothing, Nothing>
    data class CodeSeen<W, G>(val guidance: G, val words: W) : ScanState<W, G, Nothing, Nothing>
    data class Checking<W>(val words: W) : ScanState<W, Nothing, Nothing, Nothing>
    data class Showing<W, R>(val result: R, val announcement: W) : ScanState<W, Nothing, R, Nothing>
    data class Failed<W, F>(val summary: F, val announcement: W) : ScanState<W, Nothing, Nothing, F>
    data class Cancelled<W>(val words: W) : ScanState<W, Nothing, Nothing, Nothing>
}

/** The camera runs only while the session looks for a code (not behind a check or a result). */
val ScanState<*, *, *, *>.cameraOn: Boolean
    get() = this is ScanState.Searching || this is ScanState.CodeSeen || this is ScanState.Cancelled

/** Haptic cues the screen plays (the platform honours the system setting). */
enum class Cue { TICK, DONE }

/** A core scan session, as the models use it (the app wraps the bindings' `ScanSession`). */
interface SessionPort : AutoCloseable {
    fun pushText(text: String, atMs: Long)

    /** The luma plane of one camera frame; called on the camera's analysis thread. */
    fun pushFrame(width: Int, height: Int, rowStride: Int, luma: ByteArray, atMs: Long)
    fun resume()
    fun cancel()

    /** Stops the session (no events after it returns) and frees it. */
    override fun close()
}

/** The core calls the scan screen needs, over the bindings on Android, fakes in tests. */
interface ScanPort<S, W, G, R, F> {
    /** A shopper-mode session whose events arrive, as states, on [onState] (any thread). */
    fun startShopperSession(scanner: S, onState: (ScanState<W, G, R, F>) -> Unit): SessionPort

    /** The QR texts in a photo (PNG, JPEG, WebP); throws the core's error when unreadable. */
    fun decodeImage(scanner: S, bytes: ByteArray): List<String>

    /** What to check again after process death: the result's link, else its text. */
    fun linkOf(result: R): String

    /** A failure worded by the core, when [error] carries one (offline, unreadable image...). */
    fun failureOf(error: Throwable): ScanState.Failed<W, F>?
}

/**
 * The shopper scan screen's decisions (what `ScanViewModel` held): one session per open
 * scanner, started again on every reopen; typed links, history entries, App Links and photos
 * take the same path as a camera frame; the last result's link is kept (process death) and
 * checked again, never restored from a stale copy.
 */
class ScanModel<S : Any, W, G, R, F>(
    private val host: ScannerHost<S>,
    private val scope: CoroutineScope,
    private val port: ScanPort<S, W, G, R, F>,
    /** Monotonic milliseconds: the same clock as the camera frames (the core compares them). */
    private val clock: () -> Long,
    /** The link kept from a previous process, if any. */
    keptLink: String? = null,
    /** Called with the link to keep (null: nothing) when it changes. */
    private val keepLink: (String?) -> Unit = {},
    private val log: (String, Throwable?) -> Unit = { _, _ -> },
) {
    private val _state = MutableStateFlow<ScanState<W, G, R, F>>(ScanState.Opening)
    val state: StateFlow<ScanState<W, G, R, F>> = _state.asStateFlow()

    private val _cues = MutableSharedFlow<Cue>(extraBufferCapacity = 4, onBufferOverflow = BufferOverflow.DROP_OLDEST)
    val cues: SharedFlow<Cue> = _cues.asSharedFlow()

    private val _photoNotice = MutableStateFlow(false)

    /** A photo gave no code that could be read (the app's own words, not the core's). */
    val photoNotice: StateFlow<Boolean> = _photoNotice.asStateFlow()

    @Volatile
    var session: SessionPort? = null
        private set

    private var kept: String? = keptLink
    private var pending: String? = null

    init {
        scope.launch {
            host.scanner.collect { s ->
                session?.let { host.release(it) }
                session = null
                if (s == null) {
                    _state.value = if (host.notices.value.openFailed) ScanState.Unavailable else ScanState.Opening
                    return@collect
                }
                _state.value = ScanState.Opening // the new session says Searching first
                val started = try {
                    host.own { sc -> port.startShopperSession(sc, ::onState) }
                } catch (e: CancellationException) {
                    throw e
                } catch (e: Exception) {
                    log("the scan session could not start", e)
                    _state.value = ScanState.Unavailable
                    return@collect
                }
                session = started
                // A link asked for while opening; else the last result's (process death, reopen).
                (pending ?: kept)?.let { started.pushText(it, clock()) }
                pending = null
            }
        }
        scope.launch {
            host.notices.collect { n ->
                if (n.openFailed && host.scanner.value == null) _state.value = ScanState.Unavailable
            }
        }
    }

    /** A session event, on the core's thread: never calls the session back from here. */
    fun onState(next: ScanState<W, G, R, F>) {
        val previous = _state.value
        when (next) {
            // Only on entering CodeSeen: a tick per frame would buzz constantly.
            is ScanState.CodeSeen -> if (previous !is ScanState.CodeSeen) _cues.tryEmit(Cue.TICK)
            is ScanState.Showing -> {
                _cues.tryEmit(Cue.DONE)
                keep(port.linkOf(next.result))
            }
            // After a cancel the shopper session looks for a new code. Not from inside the
            // session's own callback (the core's thread): from the model's scope.
            is ScanState.Cancelled -> scope.launch { session?.resume() }
            else -> Unit
        }
        _state.value = next
    }

    /** A typed link, a history entry, an App Link or a photo's code: checked like a frame. */
    fun open(text: String) {
        val t = text.trim()
        if (t.isEmpty()) return
        val s = session
        if (s == null) {
            pending = t
            return
        }
        // A shopper session waits after a result until resume(); the user asked for this one.
        s.resume()
        s.pushText(t, clock())
    }

    /**
     * A photo: the core finds the codes, the session checks the first. [read] reads the
     * file (off the main thread); any failure is said, never thrown into the caller's scope.
     */
    fun openPhoto(read: () -> ByteArray) {
        _photoNotice.value = false
        scope.launch {
            try {
                val texts = host.withScanner { s -> port.decodeImage(s, read()) }
                _photoNotice.value = texts.isEmpty()
                texts.firstOrNull()?.let(::open)
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                // The core's worded error (not an image...) when it gave one; else (the file
                // could not be read, the picker's grant was revoked, a bug) the app's notice.
                // Logged before the notice shows: whoever sees the notice can find the log.
                val failed = port.failureOf(e)
                if (failed == null) log("a photo could not be checked", e)
                if (failed != null) _state.value = failed else _photoNotice.value = true
            }
        }
    }

    fun dismissPhotoNotice() {
        _photoNotice.value = false
    }

    /** Cancel while checking: the core stops the lookup and leaves its store as it was. */
    fun cancel() {
        session?.cancel()
    }

    /** "Scan another": forget the kept link and look for a new code. */
    fun scanAgain() {
        keep(null)
        session?.resume()
    }

    /** The screen is gone for good (the ViewModel's onCleared). */
    fun close() {
        session?.let { host.release(it) }
        session = null
    }

    private fun keep(link: String?) {
        kept = link
        keepLink(link)
    }
}
