package org.trustlabel.logic

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.BufferOverflow
import kotlinx.coroutines.flow.MutableSharedFlow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asSharedFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.coroutines.CoroutineContext

/** What the scan destination shows. */
sealed interface ScanUiState {
    /** Camera on, guidance text shown in a polite live region. */
    data class Scanning(
        val phase: GuidancePhase,
        val guidanceText: String,
        /** Offer "Show the result again": the label just checked is still in view. */
        val canShowAgain: Boolean,
        /** Offer the light prominently: the picture is too dark. */
        val suggestLight: Boolean,
    ) : ScanUiState

    /** A code was read and is being checked (cancel offered). */
    data class Checking(val text: String, val message: String) : ScanUiState

    data class Showing(val text: String, val result: ResultScreenModel) : ScanUiState

    data class Failed(val text: String, val message: String) : ScanUiState
}

/**
 * The scan flow without the UI: frames in, guidance and results out.
 *
 * All work runs in [scope] (the Android ViewModel's `viewModelScope`): when the screen goes away
 * the scope is cancelled, and so is a lookup in flight (the core's async calls are cancelled with
 * the coroutine). Frames are handled one at a time; the camera analyzer asks [wantsFrame] before
 * it copies a frame, so a slow decode drops frames instead of queueing them.
 *
 * @param clock monotonic milliseconds (Android: `SystemClock::elapsedRealtime`).
 */
class ScanSession(
    private val scope: CoroutineScope,
    private val scanner: LabelScanner,
    private val messages: MessageCatalog,
    private val clock: () -> Long,
    guidanceConfig: ScanGuidance.Config = ScanGuidance.Config(),
    private val debouncer: ScanDebouncer = ScanDebouncer(),
    private val frameContext: CoroutineContext = Dispatchers.Default,
) {
    private val lock = Any()
    private val guidance = ScanGuidance(guidanceConfig)
    private val frameBusy = AtomicBoolean(false)
    private var checkJob: Job? = null
    private var duplicateText: String? = null

    /** Results shown lately, by QR text, for "show the result again" (bounded). */
    private val recent = object : LinkedHashMap<String, ScanResultView>(8, 0.75f, true) {
        override fun removeEldestEntry(eldest: MutableMap.MutableEntry<String, ScanResultView>?) = size > 8
    }

    private val _state = MutableStateFlow<ScanUiState>(scanningState(guidance.start(clock())))
    val state: StateFlow<ScanUiState> = _state.asStateFlow()

    private val _haptics = MutableSharedFlow<Haptic>(extraBufferCapacity = 4, onBufferOverflow = BufferOverflow.DROP_OLDEST)

    /** One-shot haptic cues for the UI to play. */
    val haptics: SharedFlow<Haptic> = _haptics.asSharedFlow()

    /** True when a new frame would be used now. Cheap; called by the analyzer for every frame. */
    fun wantsFrame(): Boolean = _state.value is ScanUiState.Scanning && !frameBusy.get()

    /** Hands one frame over; ignored unless [wantsFrame]. The frame's bytes must not be reused by the caller. */
    fun submitFrame(frame: LumaFrame) {
        if (_state.value !is ScanUiState.Scanning || !frameBusy.compareAndSet(false, true)) return
        scope.launch(frameContext) {
            try {
                val scan = scanner.scanFrame(frame)
                onFrameScanned(scan, meanLuma(frame))
            } catch (e: CancellationException) {
                throw e
            } catch (_: Exception) {
                // A frame the core could not handle is skipped; the next one may do.
            } finally {
                frameBusy.set(false)
            }
        }
    }

    private fun onFrameScanned(scan: FrameScan, luma: Int) {
        var check: Pair<String, ScanResultView?>? = null
        synchronized(lock) {
            if (_state.value !is ScanUiState.Scanning) return
            val now = clock()
            val sighting = when (scan) {
                FrameScan.Nothing -> Sighting.NONE
                FrameScan.CodeSeen -> Sighting.SEEN
                is FrameScan.Decoded -> {
                    val fresh = debouncer.offer(scan.text, now)
                    when {
                        fresh -> {
                            check = scan.text to scan.result
                            duplicateText = null
                            Sighting.DECODED
                        }
                        scan.text in recent -> {
                            duplicateText = scan.text
                            Sighting.DUPLICATE
                        }
                        else -> Sighting.SEEN // being checked, or checked and forgotten: wait
                    }
                }
            }
            val update = guidance.onFrame(sighting, luma, now) ?: return@synchronized
            if (update.haptic != Haptic.NONE) _haptics.tryEmit(update.haptic)
            _state.value = scanningState(update)
        }
        check?.let { (text, ready) -> startCheck(text, ready) }
    }

    private fun startCheck(text: String, ready: ScanResultView?) {
        synchronized(lock) {
            checkJob?.cancel()
            if (ready != null) {
                show(text, ready)
                return
            }
            _state.value = ScanUiState.Checking(text, messages.text(Msg.CHECKING))
            checkJob = scope.launch {
                try {
                    val result = scanner.check(text)
                    synchronized(lock) { show(text, result) }
                } catch (e: CancellationException) {
                    throw e
                } catch (e: Exception) {
                    val msg = if ((e as? CheckFailedException)?.reason == CheckFailedException.Reason.OFFLINE) {
                        Msg.CHECK_FAILED_OFFLINE
                    } else {
                        Msg.CHECK_FAILED
                    }
                    synchronized(lock) { _state.value = ScanUiState.Failed(text, messages.text(msg)) }
                }
            }
        }
    }

    private fun show(text: String, result: ScanResultView) {
        recent[text] = result
        _state.value = ScanUiState.Showing(text, ResultScreenModel.from(result, messages))
    }

    /** Back to the camera: after a result, a failure, or "cancel" while checking. */
    fun resume() {
        synchronized(lock) {
            checkJob?.cancel()
            checkJob = null
            duplicateText = null
            _state.value = scanningState(guidance.start(clock()))
        }
    }

    /** Checks the shown (or failed) code again, skipping the de-duplication. */
    fun checkAgain() {
        val text = when (val s = _state.value) {
            is ScanUiState.Showing -> s.text
            is ScanUiState.Failed -> s.text
            else -> return
        }
        debouncer.forget(text)
        startCheck(text, null)
    }

    /** Shows again the result of the code that is in view and was just checked. */
    fun showAgain() {
        synchronized(lock) {
            val text = duplicateText ?: return
            val result = recent[text] ?: return
            show(text, result)
        }
    }

    /** Checks a text the user typed or pasted (same path as a scanned code). */
    fun checkText(text: String) {
        val t = text.trim()
        if (t.isEmpty()) return
        debouncer.offer(t, clock())
        startCheck(t, null)
    }

    private fun scanningState(g: Guidance) = ScanUiState.Scanning(
        phase = g.phase,
        guidanceText = messages.text(g.message),
        canShowAgain = g.phase == GuidancePhase.ALREADY_SCANNED && duplicateText?.let { it in recent } == true,
        suggestLight = g.phase == GuidancePhase.TOO_DARK,
    )
}
