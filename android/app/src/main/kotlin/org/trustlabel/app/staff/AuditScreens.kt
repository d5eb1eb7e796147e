package org.trustlabel.app.staff

import android.content.Context
import android.content.Intent
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.pluralStringResource
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.core.content.FileProvider
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import dev.trustlabel.core.Words
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.trustlabel.app.R
import org.trustlabel.app.scan.CameraPreview
import org.trustlabel.app.core.ScanUiState
import org.trustlabel.app.scan.CameraPermissionGate
import org.trustlabel.logic.model.AuditPhase
import org.trustlabel.logic.model.ScanState
import org.trustlabel.app.ui.common.BackScaffold
import org.trustlabel.app.ui.common.MinTouch

/** The audits the core keeps: reopen, delete, start a new one (by name). */
@Composable
fun AuditsRoute(vm: AuditsViewModel, onBack: () -> Unit, onOpen: (name: String, new: Boolean) -> Unit) {
    val model = vm.model
    val audits by model.audits.collectAsStateWithLifecycle()
    val problem by model.problem.collectAsStateWithLifecycle()
    var naming by rememberSaveable { mutableStateOf(false) }
    var deleting by rememberSaveable { mutableStateOf<String?>(null) }
    LifecycleResumeEffect(vm) {
        model.refresh()
        onPauseOrDispose { }
    }
    BackScaffold(stringResource(R.string.audits_title), onBack) { padding ->
        LazyColumn(Modifier.fillMaxSize(), contentPadding = padding) {
            item(key = "new") {
                Button(onClick = { naming = true }, modifier = Modifier.padding(16.dp).fillMaxWidth().heightIn(min = MinTouch)) {
                    Text(stringResource(R.string.audit_new))
                }
                problem?.let { p -> Text(p.text ?: stringResource(R.string.failed_generic), Modifier.padding(horizontal = 16.dp)) }
            }
            val list = audits
            when {
                list == null -> item(key = "loading") { CircularProgressIndicator(Modifier.padding(24.dp)) }
                list.isEmpty() -> item(key = "empty") { Text(stringResource(R.string.audits_empty), Modifier.padding(24.dp)) }
                else -> items(list, key = { it.name }) { info ->
                    val total = info.counts.sumOf { it.count.toInt() }
                    Row(Modifier.fillMaxWidth().padding(horizontal = 16.dp, vertical = 8.dp), verticalAlignment = Alignment.CenterVertically) {
                        Column(Modifier.weight(1f)) {
                            Text(info.name, style = MaterialTheme.typography.titleMedium)
                            Text(
                                info.counts.filter { it.count > 0u }.joinToString(", ") { "${it.title}: ${it.count}" }.ifEmpty { "$total" },
                                style = MaterialTheme.typography.bodyMedium,
                            )
                            if (info.closed) Text(stringResource(R.string.audit_finished), style = MaterialTheme.typography.bodySmall)
                        }
                        TextButton(onClick = { onOpen(info.name, false) }, modifier = Modifier.heightIn(min = MinTouch)) { Text(stringResource(R.string.open)) }
                        TextButton(onClick = { deleting = info.name }, modifier = Modifier.heightIn(min = MinTouch)) { Text(stringResource(R.string.delete)) }
                    }
                    HorizontalDivider()
                }
            }
        }
    }
    if (naming) {
        var name by rememberSaveable { mutableStateOf("") }
        AlertDialog(
            onDismissRequest = { naming = false },
            title = { Text(stringResource(R.string.audit_new)) },
            text = { OutlinedTextField(name, { name = it }, label = { Text(stringResource(R.string.audit_name)) }, singleLine = true) },
            confirmButton = {
                TextButton(onClick = { naming = false; onOpen(name.trim(), true) }, enabled = name.isNotBlank()) { Text(stringResource(R.string.audit_start)) }
            },
            dismissButton = { TextButton(onClick = { naming = false }) { Text(stringResource(R.string.cancel)) } },
        )
    }
    deleting?.let { name ->
        AlertDialog(
            onDismissRequest = { deleting = null },
            title = { Text(name) },
            text = { Text(stringResource(R.string.audit_delete_confirm)) },
            confirmButton = { TextButton(onClick = { deleting = null; model.delete(name) }) { Text(stringResource(R.string.delete)) } },
            dismissButton = { TextButton(onClick = { deleting = null }) { Text(stringResource(R.string.cancel)) } },
        )
    }
}

/**
 * A running shelf audit: the camera feeds the audit's shelf-mode session, which keeps going
 * after each label; the core's bucket counts and distinct labels are listed under it.
 */
@Composable
fun AuditRoute(vm: AuditViewModel, onBack: () -> Unit) {
    val model = vm.model
    val state by model.scan.collectAsStateWithLifecycle()
    val phase by model.phase.collectAsStateWithLifecycle()
    val counts by model.counts.collectAsStateWithLifecycle()
    val entries by model.entries.collectAsStateWithLifecycle()
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    var noCamera by rememberSaveable { mutableStateOf(false) }
    BackScaffold(model.name, onBack) { padding ->
        Column(Modifier.fillMaxSize().padding(padding)) {
            val refused = phase as? AuditPhase.Refused
            if (refused != null) {
                // A name already taken, not found...: the core's words; no camera, no lists.
                Text(
                    refused.problem.text ?: stringResource(R.string.failed_generic),
                    style = MaterialTheme.typography.bodyLarge,
                    modifier = Modifier.padding(16.dp).semantics { liveRegion = LiveRegionMode.Polite },
                )
            }
            if (phase == AuditPhase.Running && !noCamera) {
                Box(Modifier.fillMaxWidth().fillMaxHeight(0.4f)) {
                    // Explains and asks for the camera here too (an audit may be opened first).
                    CameraPermissionGate {
                        CameraPreview(vm.analyzer, torchOn = false, onTorchAvailable = {}, onNoCamera = { noCamera = true }, modifier = Modifier.fillMaxSize())
                    }
                }
            }
            if (refused == null) LazyColumn(Modifier.weight(1f), contentPadding = PaddingValues(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                item(key = "now") {
                    words(state)?.let { w ->
                        Text(w.text, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics {
                            contentDescription = w.spoken.ifBlank { w.text }
                            liveRegion = LiveRegionMode.Polite
                        })
                    }
                    if (state is ScanState.Checking) {
                        OutlinedButton(onClick = model::cancel, modifier = Modifier.heightIn(min = MinTouch)) { Text(stringResource(R.string.cancel)) }
                    }
                }
                item(key = "counts-h") {
                    Text(stringResource(R.string.audit_counts), style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
                }
                items(counts, key = { "c-${it.bucket}" }) { c ->
                    Row(Modifier.fillMaxWidth().heightIn(min = MinTouch).clearAndSetSemantics { contentDescription = "${c.title}: ${c.count}" },
                        verticalAlignment = Alignment.CenterVertically) {
                        Text(c.title, Modifier.weight(1f), style = MaterialTheme.typography.bodyLarge)
                        Text("${c.count}", style = MaterialTheme.typography.titleMedium)
                    }
                }
                item(key = "labels-h") {
                    Text(stringResource(R.string.audit_labels), style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
                }
                items(entries, key = { "e-${it.url}" }) { e ->
                    val scans = pluralStringResource(R.plurals.audit_scans, e.scanCount.toInt(), e.scanCount.toString())
                    Column(Modifier.fillMaxWidth().clearAndSetSemantics { contentDescription = "${e.spoken}. $scans" }) {
                        HorizontalDivider()
                        Text(e.title, style = MaterialTheme.typography.bodyLarge)
                        Text(scans, style = MaterialTheme.typography.bodySmall)
                    }
                }
                item(key = "actions") {
                    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                        for ((csv, label) in listOf(true to R.string.audit_share_sheet, false to R.string.audit_share_data)) {
                            OutlinedButton(
                                onClick = { scope.launch { model.export(csv)?.let { share(context, model.name, csv, it) } } },
                                modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch),
                            ) { Text(stringResource(label)) }
                        }
                        if (phase == AuditPhase.Running) {
                            Button(onClick = model::finish, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                                Text(stringResource(R.string.audit_finish))
                            }
                        }
                    }
                }
            }
        }
    }
}

private fun words(state: ScanUiState): Words? = when (state) {
    is ScanState.Searching -> state.words
    is ScanState.CodeSeen -> state.words
    is ScanState.Checking -> state.words
    is ScanState.Showing -> state.announcement
    is ScanState.Failed -> state.announcement
    is ScanState.Cancelled -> state.words
    ScanState.Opening, ScanState.Unavailable -> null
}

/** Writes the core's export to cache/exports and offers it to the share sheet. */
private suspend fun share(context: Context, name: String, csv: Boolean, text: String) {
    val safe = name.map { if (it.isLetterOrDigit() || it == '-' || it == '_') it else '_' }.joinToString("").ifEmpty { "audit" }
    val file = withContext(Dispatchers.IO) {
        File(context.cacheDir, "exports").apply { mkdirs() }.resolve("$safe.${if (csv) "csv" else "json"}").apply { writeText(text) }
    }
    val uri = FileProvider.getUriForFile(context, "${context.packageName}.exports", file)
    val send = Intent(Intent.ACTION_SEND)
        .setType(if (csv) "text/csv" else "application/json")
        .putExtra(Intent.EXTRA_STREAM, uri)
        .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    context.startActivity(Intent.createChooser(send, name))
}
