package org.trustlabel.app.staff

import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.trustlabel.app.R
import org.trustlabel.app.ui.common.BackScaffold
import org.trustlabel.app.ui.common.ToneChip
import org.trustlabel.app.ui.common.toneWord

/**
 * Products side by side, as the core lined them up: one row per aspect, one cell per product.
 * Scrolls both ways; each cell is read as "aspect, product: spoken form".
 */
@Composable
fun CompareRoute(vm: CompareViewModel, onBack: () -> Unit) {
    val model = vm.model
    val comparison by model.comparison.collectAsStateWithLifecycle()
    val problem by model.problem.collectAsStateWithLifecycle()
    BackScaffold(stringResource(R.string.compare_title), onBack) { padding ->
        val c = comparison
        Column(Modifier.fillMaxSize().padding(padding).padding(16.dp).verticalScroll(rememberScrollState())) {
            when {
                model.needMore -> Text(stringResource(R.string.compare_need_two))
                // The core's refusal (too_few, no_record) in its words.
                problem != null -> Text(problem?.text ?: stringResource(R.string.failed_generic))
                c == null -> CircularProgressIndicator()
                else -> Row(Modifier.horizontalScroll(rememberScrollState()), horizontalArrangement = Arrangement.spacedBy(16.dp)) {
                    c.products.forEachIndexed { i, p ->
                        val name = listOfNotNull(p.name, p.maker).joinToString(", ").ifEmpty { p.url }
                        Column(Modifier.width(220.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                            Text(name, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
                            for (row in c.rows) {
                                val cell = row.cells.getOrNull(i) ?: continue
                                HorizontalDivider()
                                Column(Modifier.clearAndSetSemantics { contentDescription = "${row.title}, $name: ${cell.spoken.ifBlank { cell.text }}" }) {
                                    Text(row.title, style = MaterialTheme.typography.labelLarge)
                                    Text(cell.text, style = MaterialTheme.typography.bodyLarge)
                                    toneWord(cell.tone)?.let { ToneChip(cell.tone, it) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
