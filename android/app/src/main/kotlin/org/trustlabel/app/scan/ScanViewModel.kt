package org.trustlabel.app.scan

import android.os.SystemClock
import android.view.accessibility.AccessibilityManager
import androidx.core.content.getSystemService
import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider.AndroidViewModelFactory.Companion.APPLICATION_KEY
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import kotlinx.coroutines.flow.SharedFlow
import kotlinx.coroutines.flow.StateFlow
import org.trustlabel.app.TrustLabelApplication
import org.trustlabel.logic.Haptic
import org.trustlabel.logic.LabelScanner
import org.trustlabel.logic.MessageCatalog
import org.trustlabel.logic.ScanGuidance
import org.trustlabel.logic.ScanSession
import org.trustlabel.logic.ScanUiState

/**
 * Thin: the flow lives in app-logic's [ScanSession], run in [viewModelScope]. When the scan
 * destination leaves the back stack the scope is cancelled, and with it any lookup in flight.
 */
class ScanViewModel(
    scanner: LabelScanner,
    messages: MessageCatalog,
    screenReaderOn: Boolean,
) : ViewModel() {
    private val session = ScanSession(
        scope = viewModelScope,
        scanner = scanner,
        messages = messages,
        clock = SystemClock::elapsedRealtime,
        // With a screen reader on, a light pulse tells the user the app is still looking.
        guidanceConfig = ScanGuidance.Config(searchPulseMs = if (screenReaderOn) 1_500L else 0L),
    )

    val state: StateFlow<ScanUiState> = session.state
    val haptics: SharedFlow<Haptic> = session.haptics

    /** Hand this to CameraX; it copies a frame only when the session wants one. */
    val analyzer = LumaAnalyzer(session)

    fun resume() = session.resume()
    fun checkAgain() = session.checkAgain()
    fun showAgain() = session.showAgain()

    companion object {
        val Factory = viewModelFactory {
            initializer {
                val app = this[APPLICATION_KEY] as TrustLabelApplication
                val a11y = app.getSystemService<AccessibilityManager>()
                ScanViewModel(app.scanner, app.messages, screenReaderOn = a11y?.isTouchExplorationEnabled == true)
            }
        }
    }
}
