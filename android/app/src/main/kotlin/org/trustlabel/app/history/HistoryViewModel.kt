package org.trustlabel.app.history

import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider.AndroidViewModelFactory.Companion.APPLICATION_KEY
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import java.time.Instant
import java.time.ZoneId
import java.util.Locale
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import org.trustlabel.app.TrustLabelApplication
import org.trustlabel.logic.HistoryScreenModel
import org.trustlabel.logic.LabelScanner
import org.trustlabel.logic.MessageCatalog
import org.trustlabel.logic.Msg

class HistoryViewModel(
    private val scanner: LabelScanner,
    private val messages: MessageCatalog,
) : ViewModel() {
    private val _state = MutableStateFlow<HistoryScreenModel?>(null)

    /** Null while loading. */
    val state: StateFlow<HistoryScreenModel?> = _state.asStateFlow()

    /** Loads (again); the screen calls it on every resume, so days stay right ("Today"). */
    fun refresh() {
        viewModelScope.launch {
            _state.value = try {
                // Zone and locale are read now: relative days follow the device's current settings.
                HistoryScreenModel.from(scanner.history(), messages, Instant.now(), ZoneId.systemDefault(), Locale.getDefault())
            } catch (e: CancellationException) {
                throw e
            } catch (_: Exception) {
                HistoryScreenModel(emptyList(), messages.text(Msg.HISTORY_FAILED))
            }
        }
    }

    companion object {
        val Factory = viewModelFactory {
            initializer {
                val app = this[APPLICATION_KEY] as TrustLabelApplication
                HistoryViewModel(app.scanner, app.messages)
            }
        }
    }
}
