package org.trustlabel.app.staff

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.trustlabel.app.R
import org.trustlabel.app.ui.common.BackScaffold
import org.trustlabel.app.ui.common.MinTouch

/** My devices: the core's alerts first (worded by the core), then the saved products. */
@Composable
fun WatchRoute(vm: WatchViewModel, onBack: () -> Unit, onOpen: (String) -> Unit, onCompare: (List<String>) -> Unit) {
    val model = vm.model
    val items by model.items.collectAsStateWithLifecycle()
    val alerts by model.alerts.collectAsStateWithLifecycle()
    val problem by model.problem.collectAsStateWithLifecycle()
    var picked by rememberSaveable { mutableStateOf(listOf<String>()) }
    LifecycleResumeEffect(vm) {
        model.refresh()
        onPauseOrDispose { }
    }
    BackScaffold(stringResource(R.string.watch_title), onBack) { padding ->
        LazyColumn(Modifier.fillMaxSize(), contentPadding = padding) {
            item(key = "alerts-h") {
                Text(
                    stringResource(R.string.watch_alerts),
                    style = MaterialTheme.typography.titleLarge,
                    modifier = Modifier.padding(16.dp).semantics { heading() },
                )
                problem?.let { p -> Text(p.text ?: stringResource(R.string.failed_generic), Modifier.padding(horizontal = 16.dp)) }
            }
            if (alerts.isEmpty()) {
                item(key = "no-alerts") { Text(stringResource(R.string.watch_no_alerts), Modifier.padding(horizontal = 16.dp)) }
            }
            items(alerts, key = { "a-${it.url}-${it.kind}" }) { a ->
                Column(
                    Modifier.fillMaxWidth().heightIn(min = MinTouch).padding(horizontal = 16.dp, vertical = 8.dp)
                        .clearAndSetSemantics { contentDescription = a.words.spoken.ifBlank { a.words.text } },
                ) {
                    Text(a.productName ?: a.url, style = MaterialTheme.typography.titleMedium)
                    Text(a.words.text, style = MaterialTheme.typography.bodyLarge)
                }
                HorizontalDivider()
            }
            item(key = "items-h") {
                Text(stringResource(R.string.watch_title), style = MaterialTheme.typography.titleLarge, modifier = Modifier.padding(16.dp).semantics { heading() })
                if (picked.size >= 2) {
                    Button(onClick = { onCompare(picked) }, modifier = Modifier.padding(horizontal = 16.dp).fillMaxWidth().heightIn(min = MinTouch)) {
                        Text(stringResource(R.string.history_compare))
                    }
                }
            }
            val list = items
            when {
                list == null -> item(key = "loading") { CircularProgressIndicator(Modifier.padding(24.dp)) }
                list.isEmpty() -> item(key = "empty") { Text(stringResource(R.string.watch_empty), Modifier.padding(16.dp)) }
                else -> items(list, key = { "w-${it.url}" }) { w ->
                    val name = w.productName ?: w.url
                    Row(Modifier.fillMaxWidth().padding(horizontal = 8.dp), verticalAlignment = Alignment.CenterVertically) {
                        Checkbox(checked = w.url in picked, onCheckedChange = { on -> picked = if (on) picked + w.url else picked - w.url },
                            modifier = Modifier.semantics { contentDescription = name })
                        Text(name, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.weight(1f))
                        TextButton(onClick = { onOpen(w.url) }, modifier = Modifier.heightIn(min = MinTouch)) { Text(stringResource(R.string.open)) }
                        TextButton(onClick = { model.remove(w.url) }, modifier = Modifier.heightIn(min = MinTouch)) { Text(stringResource(R.string.watch_remove)) }
                    }
                    HorizontalDivider()
                }
            }
        }
    }
}
