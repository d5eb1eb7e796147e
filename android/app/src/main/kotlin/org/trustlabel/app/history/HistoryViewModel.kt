package org.trustlabel.app.history

import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider.AndroidViewModelFactory.Companion.APPLICATION_KEY
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import dev.trustlabel.core.HistoryItem
import dev.trustlabel.core.Scanner
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.trustlabel.app.TrustLabelApplication
import org.trustlabel.app.core.Core

data class HistoryUi(
    val items: List<HistoryItem>? = null,
    val enabled: Boolean = true,
    val failed: Boolean = false,
    val cleared: Boolean = false,
)

/** History as the core keeps it: search, the on/off switch and clear are the core's calls. */
class HistoryViewModel(private val core: Core) : ViewModel() {
    private val _state = MutableStateFlow(HistoryUi())
    val state: StateFlow<HistoryUi> = _state.asStateFlow()
    private var query = ""
    private var loading: Job? = null

    fun refresh(newQuery: String = query) {
        query = newQuery
        loading?.cancel()
        loading = launchCore { s ->
            val items = if (query.isBlank()) s.history() else s.historySearch(query.trim())
            _state.value = _state.value.copy(items = items, enabled = s.historyEnabled(), failed = false)
        }
    }

    fun setEnabled(on: Boolean) {
        launchCore { s ->
            s.setHistoryEnabled(on)
            _state.value = _state.value.copy(enabled = s.historyEnabled())
        }
    }

    fun clear() {
        launchCore { s ->
            s.clearHistory() // the core flushes before it returns
            _state.value = _state.value.copy(items = emptyList(), cleared = true)
        }
    }

    private fun launchCore(block: suspend (Scanner) -> Unit) = viewModelScope.launch {
        try {
            val s = core.scanner.filterNotNull().first()
            withContext(Dispatchers.IO) { block(s) }
        } catch (e: CancellationException) {
            throw e
        } catch (_: Exception) {
            // TrustLabelException, or a handle freed by a scanner reopen: say so, never crash.
            _state.value = _state.value.copy(failed = true)
        }
    }

    companion object {
        val Factory = viewModelFactory {
            initializer { HistoryViewModel((this[APPLICATION_KEY] as TrustLabelApplication).core) }
        }
    }
}
