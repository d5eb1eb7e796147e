package org.trustlabel.app.result

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.text.selection.SelectionContainer
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalLayoutDirection
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import dev.trustlabel.core.Outcome
import dev.trustlabel.core.ScanResult
import dev.trustlabel.core.Summary
import dev.trustlabel.core.Words
import org.trustlabel.app.R
import org.trustlabel.app.ui.common.MinTouch
import org.trustlabel.app.ui.common.ReadAloud
import org.trustlabel.app.ui.common.VerdictCard
import org.trustlabel.app.ui.common.currentLocale
import org.trustlabel.app.ui.common.factItems
import org.trustlabel.app.ui.common.linksOffered
import org.trustlabel.app.ui.common.rememberReadAloud
import org.trustlabel.logic.model.SaveState

/**
 * A result as the core worded it: verdict first, then (not official) the real host large, or
 * (not a label) the code's text, then the facts. Nothing here decides what a result means;
 * [linksOffered] only reads the core's "not signed" marker.
 */
@Composable
fun ResultBody(
    result: ScanResult,
    announcement: Words,
    padding: PaddingValues,
    onScanAnother: () -> Unit,
    saveState: SaveState = SaveState.Idle,
    onSave: ((String) -> Unit)? = null,
) {
    val saveable = result.url.takeIf { result.record != null && onSave != null }
    SummaryList(result.summary, announcement, padding, linksOffered(result), onScanAnother) {
        result.notOfficial?.let { info ->
            item(key = "host") {
                Column(Modifier.fillMaxWidth()) {
                    Text(stringResource(R.string.not_official_leads_to), style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
                    // The real host, large: a look-alike must be visible, not summarised (punycode as in the link).
                    SelectionContainer { Text(info.host, style = MaterialTheme.typography.displaySmall, fontWeight = FontWeight.Bold) }
                }
            }
        }
        if (result.outcome == Outcome.NOT_A_LABEL && result.text.isNotBlank()) {
            item(key = "raw") {
                Column(Modifier.fillMaxWidth()) {
                    Text(stringResource(R.string.not_a_label_says), style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
                    SelectionContainer { Text(result.text, style = MaterialTheme.typography.bodyLarge) }
                }
            }
        }
        if (saveable != null) {
            item(key = "save") {
                // "Saved" only once the core saved it (app-logic's WatchModel); a refusal in its words.
                Column(Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite }) {
                    OutlinedButton(
                        onClick = { onSave?.invoke(saveable) },
                        enabled = saveState == SaveState.Idle || saveState is SaveState.Failed,
                        modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch),
                    ) { Text(stringResource(if (saveState == SaveState.Saved) R.string.saved_device else R.string.save_device)) }
                    if (saveState is SaveState.Failed) {
                        Text(saveState.problem.text ?: stringResource(R.string.failed_generic), style = MaterialTheme.typography.bodyMedium)
                    }
                }
            }
        }
    }
}

/** A failure (offline and not saved, unreachable, unreadable photo): the core's worded summary. */
@Composable
fun FailedBody(summary: Summary, announcement: Words, padding: PaddingValues, onScanAnother: () -> Unit) {
    SummaryList(summary, announcement, padding, linksAllowed = false, onScanAnother = onScanAnother) {}
}

@Composable
private fun SummaryList(
    summary: Summary,
    announcement: Words,
    padding: PaddingValues,
    linksAllowed: Boolean,
    onScanAnother: () -> Unit,
    extra: androidx.compose.foundation.lazy.LazyListScope.() -> Unit,
) {
    val reader = rememberReadAloud()
    val locale = currentLocale()
    val direction = LocalLayoutDirection.current
    LazyColumn(
        modifier = Modifier.fillMaxSize(),
        // All four sides: in landscape the navigation bar is at a side.
        contentPadding = PaddingValues(
            start = padding.calculateStartPadding(direction) + 16.dp,
            end = padding.calculateEndPadding(direction) + 16.dp,
            top = padding.calculateTopPadding() + 8.dp,
            bottom = padding.calculateBottomPadding() + 24.dp,
        ),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        item(key = "verdict") { VerdictCard(summary.verdict, announcement) }
        extra()
        item(key = "read") {
            OutlinedButton(
                onClick = { if (reader.speaking) reader.stop() else reader.speak(ReadAloud.script(summary), locale) },
                modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch),
            ) { Text(stringResource(if (reader.speaking) R.string.stop_reading else R.string.read_aloud)) }
        }
        factItems(summary, linksAllowed)
        item(key = "again") {
            Button(onClick = onScanAnother, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                Text(stringResource(R.string.scan_another))
            }
        }
    }
}
