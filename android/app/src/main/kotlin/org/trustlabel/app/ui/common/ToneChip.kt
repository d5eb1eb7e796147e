package org.trustlabel.app.ui.common

import androidx.compose.foundation.BorderStroke
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.Close
import androidx.compose.material.icons.filled.Info
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import org.trustlabel.app.R
import org.trustlabel.app.ui.theme.LocalToneColors
import dev.trustlabel.core.Tone

/**
 * The tone as a word, with colour and an icon as extra cues (never the only one). The icon is
 * decorative (no content description): the word is what a screen reader and a colour-blind
 * reader get, and the row's own description already says it.
 */
@Composable
fun ToneChip(tone: Tone, word: String, modifier: Modifier = Modifier) {
    val (container, content) = LocalToneColors.current.of(tone)
    Surface(
        modifier = modifier,
        shape = RoundedCornerShape(8.dp),
        color = container,
        contentColor = content,
        border = BorderStroke(1.dp, content),
    ) {
        Row(Modifier.padding(horizontal = 8.dp, vertical = 4.dp), verticalAlignment = Alignment.CenterVertically) {
            Icon(toneIcon(tone), contentDescription = null, modifier = Modifier.size(18.dp))
            Spacer(Modifier.width(6.dp))
            Text(word, style = MaterialTheme.typography.labelLarge)
        }
    }
}

/** The tone as a word (the core's tone words, in the app's catalogue); null for neutral facts. */
@Composable
fun toneWord(tone: Tone): String? = when (tone) {
    Tone.GOOD -> stringResource(R.string.tone_good)
    Tone.CAUTION -> stringResource(R.string.tone_caution)
    Tone.BAD -> stringResource(R.string.tone_bad)
    Tone.UNKNOWN -> stringResource(R.string.tone_unknown)
    Tone.NEUTRAL -> null
}

fun toneIcon(tone: Tone): ImageVector = when (tone) {
    Tone.GOOD -> Icons.Filled.CheckCircle
    Tone.CAUTION -> Icons.Filled.Warning
    Tone.BAD -> Icons.Filled.Close
    Tone.UNKNOWN, Tone.NEUTRAL -> Icons.Filled.Info
}
