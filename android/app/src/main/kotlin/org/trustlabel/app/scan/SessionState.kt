package org.trustlabel.app.scan

import dev.trustlabel.core.Guidance
import dev.trustlabel.core.ScanResult
import dev.trustlabel.core.SessionEvent
import dev.trustlabel.core.SessionListener
import dev.trustlabel.core.Summary
import dev.trustlabel.core.TrustLabelException
import dev.trustlabel.core.Words
import kotlinx.coroutines.channels.BufferOverflow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asSharedFlow
import kotlinx.coroutines.flow.asStateFlow

/** What the scan screen draws: one state per session event, with the core's words. */
sealed interface ScanUiState {
    /** The scanner is being opened (or reopened after a language change). */
    data object Opening : ScanUiState
    data class Searching(val words: Words) : ScanUiState
    data class CodeSeen(val guidance: Guidance, val words: Words) : ScanUiState
    data class Checking(val words: Words) : ScanUiState
    data class Showing(val result: ScanResult, val announcement: Words) : ScanUiState
    data class Failed(val summary: Summary, val announcement: Words) : ScanUiState
    data class Cancelled(val words: Words) : ScanUiState
}

/** Haptic cues the screen plays (Compose's HapticFeedback honours the system setting). */
enum class Cue { TICK, DONE }

/**
 * The [SessionListener] handed to the core. The core calls it on its own thread; a StateFlow
 * is safe to set from any thread, and Compose collects it on the main one.
 */
class SessionState(
    private val onResult: (ScanResult) -> Unit = {},
    private val onCancelled: () -> Unit = {},
) : SessionListener {
    private val _state = MutableStateFlow<ScanUiState>(ScanUiState.Opening)
    val state: StateFlow<ScanUiState> = _state.asStateFlow()

    private val _cues = MutableSharedFlow<Cue>(extraBufferCapacity = 4, onBufferOverflow = BufferOverflow.DROP_OLDEST)
    val cues: SharedFlow<Cue> = _cues.asSharedFlow()

    /** Set when the screen stops drawing a session (closed, or the scanner reopened). */
    fun reset() {
        _state.value = ScanUiState.Opening
    }

    /** A failure the app met itself (a photo that could not be read), shown like the core's. */
    fun fail(error: TrustLabelException) {
        summaryOf(error)?.let { _state.value = ScanUiState.Failed(it, Words(it.verdict.text, it.verdict.spoken)) }
    }

    override fun onEvent(event: SessionEvent) {
        _state.value = when (event) {
            is SessionEvent.Searching -> ScanUiState.Searching(event.words)
            is SessionEvent.CodeSeen -> {
                // Only on a change of guidance: a tick per frame would buzz constantly.
                if (_state.value !is ScanUiState.CodeSeen) _cues.tryEmit(Cue.TICK)
                ScanUiState.CodeSeen(event.guidance, event.words)
            }
            is SessionEvent.Checking -> ScanUiState.Checking(event.words)
            is SessionEvent.Result -> {
                _cues.tryEmit(Cue.DONE)
                onResult(event.result)
                ScanUiState.Showing(event.result, event.announcement)
            }
            is SessionEvent.Failed -> ScanUiState.Failed(event.summary, event.announcement)
            is SessionEvent.Cancelled -> {
                onCancelled()
                ScanUiState.Cancelled(event.words)
            }
        }
    }

    companion object {
        /** The core's worded summary carried by an error, when it has one. */
        fun summaryOf(e: TrustLabelException): Summary? = when (e) {
            is TrustLabelException.Offline -> e.summary
            is TrustLabelException.NotCached -> e.summary
            is TrustLabelException.InvalidImage -> e.summary
            is TrustLabelException.Storage -> e.summary
            is TrustLabelException.TrustList -> e.summary
            is TrustLabelException.TrustListFault -> e.summary
            else -> null // InvalidConfig, Internal: a bug, nothing worded to show
        }
    }
}
