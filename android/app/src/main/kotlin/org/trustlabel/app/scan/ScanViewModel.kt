package org.trustlabel.app.scan

import android.content.ContentResolver
import android.net.Uri
import android.os.SystemClock
import androidx.lifecycle.SavedStateHandle
import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider.AndroidViewModelFactory.Companion.APPLICATION_KEY
import androidx.lifecycle.createSavedStateHandle
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import dev.trustlabel.core.ScanMode
import dev.trustlabel.core.ScanSession
import dev.trustlabel.core.Scanner
import dev.trustlabel.core.SessionConfig
import dev.trustlabel.core.TrustLabelException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.trustlabel.app.TrustLabelApplication
import org.trustlabel.app.core.Core

/**
 * Holds the core's shopper-mode [ScanSession] for the scan destination and nothing else: the
 * session decides what each frame means, the screen draws [state]. The session outlives
 * configuration changes (it lives here) and is stopped when the destination leaves the back
 * stack ([onCleared]).
 *
 * Process death: the link of the last result is kept in [SavedStateHandle]; a new process pushes
 * it to the new session as text, so the result is checked afresh (from the cache when offline)
 * rather than restored from a stale copy.
 */
class ScanViewModel(private val core: Core, private val saved: SavedStateHandle) : ViewModel() {
    // The core calls back on its own thread: hop to main (SavedStateHandle is main-thread only,
    // and calling the session back from inside its own callback is avoided).
    private val events = SessionState(
        onResult = { r -> viewModelScope.launch(Dispatchers.Main) { saved[LAST_LINK] = r.url ?: r.text } },
        // ASSUMED: after Cancelled a shopper session waits like after a result; resume() says
        // "search again" (harmless if it already does).
        onCancelled = { viewModelScope.launch(Dispatchers.Main) { session?.resume() } },
    )
    val state: StateFlow<ScanUiState> = events.state
    val cues = events.cues

    @Volatile
    private var session: ScanSession? = null
    private var scanner: Scanner? = null

    /** Hand this to CameraX. */
    val analyzer = LumaAnalyzer { session }

    /** Words of the app's own (not the core's) for a photo with no code. */
    private val _photoEmpty = MutableStateFlow(false)
    val photoEmpty: StateFlow<Boolean> = _photoEmpty.asStateFlow()

    init {
        viewModelScope.launch {
            core.scanner.collect { s ->
                session?.let { core.release(it) }
                session = null
                scanner = s
                if (s == null) {
                    events.reset()
                    return@collect
                }
                val started = core.track(s.startSession(SessionConfig(ScanMode.SHOPPER, REPEAT_WINDOW_MS, false), events))
                session = started
                // A link asked for while opening; else, after process death or a reopen for a new
                // language, the last result's link: checked again and shown again.
                (pending ?: saved.get<String>(LAST_LINK))?.let { started.pushText(it, now()) }
                pending = null
            }
        }
    }

    /** A typed link, a history entry or a photo's code: the same path as a camera frame. */
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
        s.pushText(t, now())
    }

    private var pending: String? = null

    /** A photo from the gallery: the core finds the codes, the session checks the first one. */
    fun openPhoto(resolver: ContentResolver, uri: Uri) {
        val s = scanner ?: return
        viewModelScope.launch {
            try {
                val texts = withContext(Dispatchers.IO) {
                    val bytes = resolver.openInputStream(uri)?.use { it.readBytes() } ?: ByteArray(0)
                    s.decodeImage(bytes)
                }
                _photoEmpty.value = texts.isEmpty()
                texts.firstOrNull()?.let { open(it) }
            } catch (e: TrustLabelException) {
                events.fail(e)
            } catch (_: java.io.IOException) {
                _photoEmpty.value = true
            } catch (_: SecurityException) {
                _photoEmpty.value = true // the picker's grant was revoked
            }
        }
    }

    fun dismissPhotoNotice() {
        _photoEmpty.value = false
    }

    /** Cancel while checking: the core stops the lookup and leaves its store as it was. */
    fun cancel() {
        session?.cancel()
    }

    /** "Scan another": the shopper session looks for a new code. */
    fun scanAgain() {
        saved[LAST_LINK] = null
        session?.resume()
    }

    override fun onCleared() {
        session?.let { core.release(it) }
        session = null
    }

    private fun now() = SystemClock.elapsedRealtime().toULong()

    companion object {
        const val LAST_LINK = "last_link"

        /** Set by History on the scan back-stack entry's SavedStateHandle to reopen an entry. */
        const val OPEN_LINK = "open_link"
        private const val REPEAT_WINDOW_MS = 10_000uL

        val Factory = viewModelFactory {
            initializer {
                val app = this[APPLICATION_KEY] as TrustLabelApplication
                ScanViewModel(app.core, createSavedStateHandle())
            }
        }
    }
}
