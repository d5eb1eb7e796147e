package org.trustlabel.logic.model

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** What the history screen draws. [I] is the core's history item. */
data class HistoryUi<I>(
    /** Null while the first answer is on its way. */
    val items: List<I>? = null,
    val enabled: Boolean = true,
    val problem: Problem? = null,
    val cleared: Boolean = false,
)

/** The history calls, over the bindings on Android. */
interface HistoryPort<S, I> {
    fun history(scanner: S): List<I>
    fun search(scanner: S, query: String): List<I>
    fun enabled(scanner: S): Boolean
    fun setEnabled(scanner: S, on: Boolean)

    /** Flushed before it returns. */
    fun clear(scanner: S)
}

/**
 * History as the core keeps it (what `HistoryViewModel` decided): the search replaces the one
 * before it; every change of state is an atomic update, so answers of calls that overlap
 * (a search, the switch, clear) never undo each other.
 */
class HistoryListModel<S : Any, I>(
    host: ScannerHost<S>,
    scope: CoroutineScope,
    private val port: HistoryPort<S, I>,
) : CoreCallModel<S>(host, scope) {
    private val _state = MutableStateFlow(HistoryUi<I>())
    val state: StateFlow<HistoryUi<I>> = _state.asStateFlow()
    private var query = ""
    private var loading: Job? = null

    init {
        scope.launch { problem.collect { p -> _state.update { it.copy(problem = p) } } }
    }

    fun refresh(newQuery: String = query) {
        query = newQuery
        loading?.cancel()
        val q = query.trim()
        loading = call({ s -> (if (q.isEmpty()) port.history(s) else port.search(s, q)) to port.enabled(s) }) { (items, on) ->
            _state.update { it.copy(items = items, enabled = on) }
        }
    }

    fun setEnabled(on: Boolean) {
        call({ s -> port.setEnabled(s, on); port.enabled(s) }) { enabled -> _state.update { it.copy(enabled = enabled) } }
    }

    fun clear() {
        loading?.cancel() // an older answer must not bring the cleared items back
        call({ s -> port.clear(s) }) { _state.update { it.copy(items = emptyList(), cleared = true) } }
    }
}
