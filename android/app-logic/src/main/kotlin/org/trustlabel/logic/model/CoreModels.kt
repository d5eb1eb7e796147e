package org.trustlabel.logic.model

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch

/**
 * A screen model that calls the core on the open scanner ([ScannerHost.withScanner]: off the
 * main thread, safe across a reopen). A failed call sets [problem] with the core's words when
 * the error carries them; it never throws into the caller's scope.
 */
abstract class CoreCallModel<S : Any>(
    protected val host: ScannerHost<S>,
    protected val scope: CoroutineScope,
) {
    private val _problem = MutableStateFlow<Problem?>(null)
    val problem: StateFlow<Problem?> = _problem.asStateFlow()

    protected fun <T> call(
        block: suspend (S) -> T,
        always: () -> Unit = {},
        onProblem: (Problem) -> Unit = {},
        then: (T) -> Unit = {},
    ): Job = scope.launch {
        try {
            val value = host.withScanner(block)
            _problem.value = null
            then(value)
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            val p = host.problemOf(e)
            _problem.value = p
            onProblem(p)
        } finally {
            always()
        }
    }
}
