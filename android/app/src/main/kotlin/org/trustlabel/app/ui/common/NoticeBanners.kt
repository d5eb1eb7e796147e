package org.trustlabel.app.ui.common

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Info
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.trustlabel.app.R
import org.trustlabel.logic.model.Notices

/** Offline / expired trust list / recreated or temporary cache, one line each, above the screen. */
@Composable
fun NoticeBanners(notices: Notices, onDismissCache: () -> Unit) {
    val lines = buildList {
        if (notices.openFailed) add(R.string.failed_generic to false)
        if (notices.offline) add(R.string.notice_offline to false)
        if (notices.trustListExpired) add(R.string.notice_trust_expired to false)
        if (notices.cacheRecreated) add(R.string.notice_cache_recreated to true)
        if (notices.cacheTemporary) add(R.string.notice_cache_temporary to false)
    }
    // Always composed, as a polite live region: TalkBack says a banner as it appears (a live
    // region composed together with its text is not announced).
    Column(Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite }, verticalArrangement = Arrangement.spacedBy(1.dp)) {
        for ((text, dismissable) in lines) {
            Surface(color = MaterialTheme.colorScheme.secondaryContainer, modifier = Modifier.fillMaxWidth()) {
                Row(
                    Modifier.padding(horizontal = 16.dp, vertical = 8.dp),
                    verticalAlignment = Alignment.CenterVertically,
                    horizontalArrangement = Arrangement.spacedBy(12.dp),
                ) {
                    Icon(Icons.Filled.Info, contentDescription = null)
                    Text(stringResource(text), style = MaterialTheme.typography.bodyMedium, modifier = Modifier.weight(1f))
                    if (dismissable) {
                        TextButton(onClick = onDismissCache, modifier = Modifier.heightIn(min = MinTouch)) {
                            Text(stringResource(R.string.close))
                        }
                    }
                }
            }
        }
    }
}
