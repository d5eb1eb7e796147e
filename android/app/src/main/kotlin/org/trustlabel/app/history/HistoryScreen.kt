package org.trustlabel.app.history

import android.text.format.DateUtils
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalLayoutDirection
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.paneTitle
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import dev.trustlabel.core.HistoryItem
import org.trustlabel.app.R
import org.trustlabel.app.ui.common.MinTouch
import org.trustlabel.app.ui.common.ToneChip
import org.trustlabel.app.ui.common.toneWord

/**
 * History: search (the core's), the on/off switch, clear, reopen an entry (its link goes back to
 * the scan session, which checks it again, from the cache when offline) and pick entries to compare.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun HistoryRoute(vm: HistoryViewModel, onBack: () -> Unit, onOpen: (String) -> Unit, onCompare: (List<String>) -> Unit) {
    val model = vm.model
    val ui by model.state.collectAsStateWithLifecycle()
    val direction = LocalLayoutDirection.current
    var query by rememberSaveable { mutableStateOf("") }
    var picked by rememberSaveable { mutableStateOf(listOf<String>()) }
    var confirmClear by rememberSaveable { mutableStateOf(false) }
    LifecycleResumeEffect(vm) {
        model.refresh()
        onPauseOrDispose { }
    }
    val title = stringResource(R.string.history_title)
    Scaffold(
        modifier = Modifier.semantics { paneTitle = title },
        topBar = {
            TopAppBar(
                title = { Text(title) },
                navigationIcon = {
                    IconButton(onClick = onBack) {
                        Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = stringResource(R.string.nav_back))
                    }
                },
            )
        },
    ) { padding ->
        LazyColumn(
            Modifier.fillMaxSize(),
            // All four sides: in landscape the navigation bar is at a side.
            contentPadding = PaddingValues(
                start = padding.calculateStartPadding(direction),
                end = padding.calculateEndPadding(direction),
                top = padding.calculateTopPadding(),
                bottom = padding.calculateBottomPadding() + 24.dp,
            ),
        ) {
            item(key = "tools") {
                Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
                    Row(
                        Modifier.fillMaxWidth().heightIn(min = MinTouch)
                            .toggleable(value = ui.enabled, role = Role.Switch, onValueChange = model::setEnabled),
                        verticalAlignment = Alignment.CenterVertically,
                    ) {
                        Text(stringResource(R.string.history_switch), style = MaterialTheme.typography.bodyLarge, modifier = Modifier.weight(1f))
                        Switch(checked = ui.enabled, onCheckedChange = null)
                    }
                    if (!ui.enabled) Text(stringResource(R.string.history_off), style = MaterialTheme.typography.bodyMedium)
                    OutlinedTextField(
                        value = query,
                        onValueChange = { query = it; model.refresh(it) },
                        label = { Text(stringResource(R.string.history_search)) },
                        singleLine = true,
                        modifier = Modifier.fillMaxWidth(),
                    )
                    if (picked.size >= 2) {
                        Button(onClick = { onCompare(picked) }, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                            Text(stringResource(R.string.history_compare))
                        }
                    }
                    if (ui.cleared) Text(stringResource(R.string.history_cleared), style = MaterialTheme.typography.bodyMedium)
                    ui.problem?.let { p -> Text(p.text ?: stringResource(R.string.history_failed), style = MaterialTheme.typography.bodyMedium) }
                }
            }
            val items = ui.items
            when {
                items == null -> item(key = "loading") { CircularProgressIndicator(Modifier.padding(24.dp)) }
                items.isEmpty() -> item(key = "empty") {
                    Text(stringResource(R.string.history_empty), style = MaterialTheme.typography.bodyLarge, modifier = Modifier.padding(24.dp))
                }
                else -> {
                    items(items, key = { it.url + it.scannedAt }) { item ->
                        Row_(item, checked = item.url in picked, onOpen = { onOpen(item.url) }, onPick = { on ->
                            picked = if (on) picked + item.url else picked - item.url
                        })
                        HorizontalDivider()
                    }
                    item(key = "clear") {
                        OutlinedButton(onClick = { confirmClear = true }, modifier = Modifier.padding(16.dp).fillMaxWidth().heightIn(min = MinTouch)) {
                            Text(stringResource(R.string.history_clear))
                        }
                    }
                }
            }
        }
    }
    if (confirmClear) {
        AlertDialog(
            onDismissRequest = { confirmClear = false },
            text = { Text(stringResource(R.string.history_clear_confirm)) },
            confirmButton = { TextButton(onClick = { confirmClear = false; model.clear() }) { Text(stringResource(R.string.delete)) } },
            dismissButton = { TextButton(onClick = { confirmClear = false }) { Text(stringResource(R.string.cancel)) } },
        )
    }
}

@Composable
private fun Row_(item: HistoryItem, checked: Boolean, onOpen: () -> Unit, onPick: (Boolean) -> Unit) {
    val context = LocalContext.current
    val name = item.productName?.takeIf { it.isNotBlank() } ?: stringResource(R.string.history_no_product)
    val whenText = DateUtils.getRelativeDateTimeString(context, item.scannedAt * 1000, DateUtils.DAY_IN_MILLIS, DateUtils.WEEK_IN_MILLIS, 0).toString()
    Row(Modifier.fillMaxWidth().padding(horizontal = 8.dp), verticalAlignment = Alignment.CenterVertically) {
        Checkbox(checked = checked, onCheckedChange = onPick, modifier = Modifier.semantics {
            contentDescription = "${context.getString(R.string.history_select)}: $name"
        })
        Row(
            Modifier.weight(1f).heightIn(min = MinTouch).padding(vertical = 8.dp)
                .clearAndSetSemantics { contentDescription = "$name. ${item.headline.spoken.ifBlank { item.headline.text }}. $whenText" },
            verticalAlignment = Alignment.CenterVertically,
            horizontalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            Column(Modifier.weight(1f), verticalArrangement = Arrangement.spacedBy(2.dp)) {
                Text(name, style = MaterialTheme.typography.titleMedium)
                Text(item.headline.text, style = MaterialTheme.typography.bodyMedium)
                Text(whenText, style = MaterialTheme.typography.bodySmall)
            }
            toneWord(item.headline.tone)?.let { ToneChip(item.headline.tone, it) }
        }
        TextButton(onClick = onOpen, modifier = Modifier.heightIn(min = MinTouch)) { Text(stringResource(R.string.open)) }
    }
}
