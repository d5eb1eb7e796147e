package org.trustlabel.app.result

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.itemsIndexed
import androidx.compose.foundation.text.selection.SelectionContainer
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.automirrored.filled.List
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalUriHandler
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.paneTitle
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import org.trustlabel.app.R
import org.trustlabel.app.ui.common.ToneChip
import org.trustlabel.app.ui.theme.LocalToneColors
import org.trustlabel.logic.FactRow
import org.trustlabel.logic.ResultAction
import org.trustlabel.logic.ResultScreenModel
import org.trustlabel.logic.VerdictBlock

private val MinTouch = 48.dp

/**
 * Verdict first, then the facts in the CTA-2120 consumer-page order. Every row is read as one
 * sentence group (title, tone word, spoken form); the verdict is announced politely when the
 * screen appears. All text is in sp (Material type scale): the user's font size applies.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ResultScreen(
    model: ResultScreenModel,
    onScanAnother: () -> Unit,
    onCheckAgain: () -> Unit,
    onOpenHistory: () -> Unit,
) {
    val title = stringResource(R.string.result_title)
    Scaffold(
        modifier = Modifier.semantics { paneTitle = title },
        topBar = {
            TopAppBar(
                title = { Text(title) },
                navigationIcon = {
                    IconButton(onClick = onScanAnother) {
                        Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = stringResource(R.string.nav_back))
                    }
                },
                actions = {
                    TextButton(onClick = onOpenHistory, modifier = Modifier.heightIn(min = MinTouch)) {
                        Icon(Icons.AutoMirrored.Filled.List, contentDescription = null)
                        Text(stringResource(R.string.nav_history), Modifier.padding(start = 8.dp))
                    }
                },
            )
        },
    ) { padding ->
        LazyColumn(
            modifier = Modifier.fillMaxSize(),
            contentPadding = PaddingValues(
                start = 16.dp,
                end = 16.dp,
                top = padding.calculateTopPadding() + 8.dp,
                bottom = padding.calculateBottomPadding() + 24.dp,
            ),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            item(key = "verdict") { Verdict(model.verdict, model.announcement) }
            model.hostWarning?.let { (heading, host) ->
                item(key = "host") {
                    Column(Modifier.fillMaxWidth()) {
                        Text(heading, style = MaterialTheme.typography.titleMedium)
                        // The real host, large: a look-alike must be visible, not summarised.
                        SelectionContainer {
                            Text(host, style = MaterialTheme.typography.displaySmall, fontWeight = FontWeight.Bold)
                        }
                    }
                }
            }
            model.rawText?.let { (heading, text) ->
                item(key = "raw") {
                    Column(Modifier.fillMaxWidth()) {
                        Text(heading, style = MaterialTheme.typography.titleMedium)
                        SelectionContainer { Text(text, style = MaterialTheme.typography.bodyLarge) }
                    }
                }
            }
            model.linksNote?.let { note ->
                item(key = "links-note") { Text(note, style = MaterialTheme.typography.bodyLarge) }
            }
            itemsIndexed(model.facts, key = { i, row -> "${row.id}-$i" }) { _, row -> Fact(row) }
            item(key = "actions") {
                Column(Modifier.fillMaxWidth(), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    if (ResultAction.CHECK_AGAIN in model.actions) {
                        OutlinedButton(onClick = onCheckAgain, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                            Text(stringResource(R.string.check_again))
                        }
                    }
                    Button(onClick = onScanAnother, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                        Text(stringResource(R.string.scan_another))
                    }
                }
            }
        }
    }
}

@Composable
private fun Verdict(verdict: VerdictBlock, announcement: String) {
    // The live region's text changes from "" to the announcement after the first frame, so
    // TalkBack says it once when the result appears (politely, after what it is saying).
    var spoken by remember(announcement) { mutableStateOf("") }
    LaunchedEffect(announcement) { spoken = announcement }
    val (container, content) = LocalToneColors.current.of(verdict.tone)
    Card(
        modifier = Modifier
            .fillMaxWidth()
            .clearAndSetSemantics {
                heading()
                contentDescription = spoken
                liveRegion = LiveRegionMode.Polite
            },
        colors = CardDefaults.cardColors(containerColor = container, contentColor = content),
    ) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            verdict.toneWord?.let { ToneChip(verdict.tone, it) }
            Text(verdict.text, style = MaterialTheme.typography.headlineSmall)
        }
    }
}

@Composable
private fun Fact(row: FactRow) {
    val uriHandler = LocalUriHandler.current
    Column(Modifier.fillMaxWidth()) {
        HorizontalDivider()
        Column(
            Modifier
                .fillMaxWidth()
                .heightIn(min = MinTouch)
                .padding(vertical = 8.dp)
                // One stop for TalkBack, read as: title, tone word, spoken form (no digits-only dates).
                .clearAndSetSemantics { contentDescription = row.contentDescription },
            verticalArrangement = Arrangement.spacedBy(4.dp),
        ) {
            Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                Text(row.title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.weight(1f, fill = false))
                row.toneWord?.let { ToneChip(row.tone, it) }
            }
            Text(row.text, style = MaterialTheme.typography.bodyLarge)
            // Links of unchecked data are shown as text, not offered as a button.
            row.inertLinkText?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
        }
        row.link?.let { link ->
            OutlinedButton(
                onClick = { uriHandler.openUri(link.uri) },
                modifier = Modifier.heightIn(min = MinTouch),
            ) {
                // The core's plain title, and where the link goes ("Open gamgee.tech").
                Column {
                    if (link.title.isNotBlank()) Text(link.title)
                    Text(link.label, style = MaterialTheme.typography.bodySmall)
                }
            }
        }
    }
}
