package org.trustlabel.app.ui.common

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.foundation.lazy.itemsIndexed
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.unit.dp
import dev.trustlabel.core.Fact
import dev.trustlabel.core.Summary
import dev.trustlabel.core.Verdict
import dev.trustlabel.core.Words
import org.trustlabel.app.R
import org.trustlabel.app.ui.theme.LocalToneColors

val MinTouch = 48.dp

/**
 * The verdict card. TalkBack hears [announcement] (the event's spoken words) once, politely, when
 * it appears: the live region's description changes from "" to it after the first frame.
 */
@Composable
fun VerdictCard(verdict: Verdict, announcement: Words?) {
    val said = announcement?.spoken?.ifBlank { null } ?: verdict.spoken.ifBlank { verdict.text }
    var spoken by remember(said) { mutableStateOf("") }
    LaunchedEffect(said) { spoken = said }
    val (container, content) = LocalToneColors.current.of(verdict.tone)
    Card(
        modifier = Modifier.fillMaxWidth().clearAndSetSemantics {
            heading()
            contentDescription = spoken
            liveRegion = LiveRegionMode.Polite
        },
        colors = CardDefaults.cardColors(containerColor = container, contentColor = content),
    ) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            toneWord(verdict.tone)?.let { ToneChip(verdict.tone, it) }
            Text(verdict.text, style = MaterialTheme.typography.headlineSmall)
        }
    }
}

/** The facts in the core's order (the CTA-2120 consumer page's), one TalkBack stop each. */
fun LazyListScope.factItems(summary: Summary, linksAllowed: Boolean) {
    itemsIndexed(summary.facts, key = { i, f -> "${f.id}-$i" }) { _, f -> FactRow(f, linksAllowed) }
    if (!linksAllowed && summary.facts.any { it.link != null }) {
        item(key = "links-closed") { Text(stringResource(R.string.links_closed), style = MaterialTheme.typography.bodyLarge) }
    }
}

@Composable
private fun FactRow(fact: Fact, linksAllowed: Boolean) {
    val context = LocalContext.current
    val word = toneWord(fact.tone)
    val title = fact.title.trim().trimEnd('.', ':')
    val spoken = fact.spoken.ifBlank { fact.text }
    val description = if (word != null) {
        stringResource(R.string.fact_spoken_with_tone, title, word, spoken)
    } else {
        stringResource(R.string.fact_spoken, title, spoken)
    }
    val link = fact.link?.takeIf { linksAllowed }
    val target = link?.let { linkTarget(it.url) }
    Column(Modifier.fillMaxWidth()) {
        HorizontalDivider()
        Column(
            Modifier.fillMaxWidth().heightIn(min = MinTouch).padding(vertical = 8.dp)
                .clearAndSetSemantics { contentDescription = description },
            verticalArrangement = Arrangement.spacedBy(4.dp),
        ) {
            Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                Text(fact.title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.weight(1f, fill = false))
                word?.let { ToneChip(fact.tone, it) }
            }
            Text(fact.text, style = MaterialTheme.typography.bodyLarge)
            // Links of data that was not verified are shown as text, never offered as a button.
            if (link == null) fact.link?.let { Text(it.url, style = MaterialTheme.typography.bodyMedium) }
        }
        if (link != null && target != null) {
            OutlinedButton(onClick = { openLink(context, link.url) }, modifier = Modifier.heightIn(min = MinTouch)) {
                Column {
                    if (link.title.isNotBlank()) Text(link.title)
                    val where = if (link.url.startsWith("mailto:", ignoreCase = true)) {
                        stringResource(R.string.link_email, target)
                    } else {
                        stringResource(R.string.link_open, target)
                    }
                    Text(where, style = MaterialTheme.typography.bodySmall)
                }
            }
        }
    }
}
