package org.trustlabel.app.staff

import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.trustlabel.app.R
import org.trustlabel.app.ui.common.BackScaffold
import org.trustlabel.app.ui.common.MinTouch

/** Pack import from a file (Storage Access Framework); the core verifies and reports. */
@Composable
fun PackRoute(vm: PackViewModel, onBack: () -> Unit) {
    val report by vm.model.report.collectAsStateWithLifecycle()
    val busy by vm.model.busy.collectAsStateWithLifecycle()
    val problem by vm.model.problem.collectAsStateWithLifecycle()
    val context = LocalContext.current
    // Any type: packs have no registered MIME type, and SAF filters by type only.
    val pick = rememberLauncherForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
        uri?.let { vm.importFile(context.contentResolver, it) }
    }
    BackScaffold(stringResource(R.string.pack_title), onBack) { padding ->
        LazyColumn(
            Modifier.fillMaxSize().padding(padding),
            contentPadding = PaddingValues(16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            item(key = "intro") {
                Text(stringResource(R.string.pack_intro), style = MaterialTheme.typography.bodyLarge)
                Button(onClick = { pick.launch(arrayOf("*/*")) }, enabled = !busy, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                    Text(stringResource(R.string.pack_choose))
                }
                if (busy) CircularProgressIndicator()
                // A refused pack (truncated, too large, malformed...) in the core's words.
                problem?.let { p ->
                    Text(p.text ?: stringResource(R.string.failed_generic), modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite })
                }
            }
            report?.let { r ->
                item(key = "summary") {
                    Text(
                        r.words.text,
                        style = MaterialTheme.typography.titleMedium,
                        modifier = Modifier.semantics { contentDescription = r.words.spoken.ifBlank { r.words.text }; liveRegion = LiveRegionMode.Polite },
                    )
                    Text(stringResource(R.string.pack_imported, r.imported.toString()), style = MaterialTheme.typography.bodyLarge)
                    Text(stringResource(R.string.pack_skipped, r.skipped.size.toString()), style = MaterialTheme.typography.bodyLarge)
                    if (r.trustListInstalled) Text(stringResource(R.string.pack_trust_list), style = MaterialTheme.typography.bodyLarge)
                }
                items(r.skipped, key = { "s-${it.index}" }) { s ->
                    // The core's reason, in words; the entry's link when it had one.
                    Text("${s.index + 1u}. ${s.url ?: ""} ${s.reason}".trim(), style = MaterialTheme.typography.bodyMedium)
                }
            }
        }
    }
}
