package org.trustlabel.app.scan

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.provider.Settings
import androidx.activity.compose.BackHandler
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.PickVisualMediaRequest
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardActions
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.List
import androidx.compose.material.icons.filled.MoreVert
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.DropdownMenu
import androidx.compose.material3.DropdownMenuItem
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.hapticfeedback.HapticFeedbackType
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.platform.LocalHapticFeedback
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.paneTitle
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.core.content.ContextCompat
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import dev.trustlabel.core.Guidance
import dev.trustlabel.core.Words
import kotlinx.coroutines.delay
import org.trustlabel.app.R
import org.trustlabel.app.core.ScanUiState
import org.trustlabel.logic.model.Cue
import org.trustlabel.logic.model.Notices
import org.trustlabel.logic.model.SaveState
import org.trustlabel.logic.model.ScanState
import org.trustlabel.logic.model.cameraOn
import org.trustlabel.app.result.FailedBody
import org.trustlabel.app.result.ResultBody
import org.trustlabel.app.ui.common.MinTouch
import org.trustlabel.app.ui.common.NoticeBanners
import org.trustlabel.app.ui.common.talkBackOn

/** Where the scan screen's menu leads. */
class ScanNav(
    val history: () -> Unit,
    val audits: () -> Unit,
    val watch: () -> Unit,
    val pack: () -> Unit,
)

/**
 * The scan destination: it draws the session's state and forwards taps to it. The camera is
 * composed only while the session is searching, so it stops behind a check or a result.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ScanRoute(
    vm: ScanViewModel,
    notices: Notices,
    onDismissCacheNotice: () -> Unit,
    onRetryOpen: () -> Unit,
    saves: Map<String, SaveState>,
    onSave: (String) -> Unit,
    nav: ScanNav,
) {
    val model = vm.model
    val state by model.state.collectAsStateWithLifecycle()
    val photoEmpty by model.photoNotice.collectAsStateWithLifecycle()
    val haptic = LocalHapticFeedback.current
    val talkBack = talkBackOn()
    LaunchedEffect(vm) {
        model.cues.collect { cue ->
            haptic.performHapticFeedback(if (cue == Cue.TICK) HapticFeedbackType.SegmentTick else HapticFeedbackType.Confirm)
        }
    }
    // With TalkBack on, a light pulse now and then says "still looking" without words.
    if (talkBack && state is ScanState.Searching) {
        LaunchedEffect(state) {
            while (true) {
                delay(1_500)
                haptic.performHapticFeedback(HapticFeedbackType.SegmentFrequentTick)
            }
        }
    }
    when (state) {
        is ScanState.Checking -> BackHandler(onBack = model::cancel)
        is ScanState.Showing, is ScanState.Failed -> BackHandler(onBack = model::scanAgain)
        else -> Unit
    }

    val title = stringResource(R.string.scan_title)
    var menu by rememberSaveable { mutableStateOf(false) }
    Scaffold(
        modifier = Modifier.semantics { paneTitle = title },
        topBar = {
            Column {
                TopAppBar(
                    title = { Text(title) },
                    actions = {
                        // History stays reachable in every state, permission screen included.
                        TextButton(onClick = nav.history, modifier = Modifier.heightIn(min = MinTouch)) {
                            Icon(Icons.AutoMirrored.Filled.List, contentDescription = null)
                            Text(stringResource(R.string.nav_history), Modifier.padding(start = 8.dp))
                        }
                        Box {
                            TextButton(onClick = { menu = true }, modifier = Modifier.heightIn(min = MinTouch)) {
                                Icon(Icons.Filled.MoreVert, contentDescription = null)
                                Text(stringResource(R.string.more), Modifier.padding(start = 4.dp))
                            }
                            DropdownMenu(expanded = menu, onDismissRequest = { menu = false }) {
                                DropdownMenuItem(text = { Text(stringResource(R.string.watch_title)) }, onClick = { menu = false; nav.watch() })
                                DropdownMenuItem(text = { Text(stringResource(R.string.audits_title)) }, onClick = { menu = false; nav.audits() })
                                DropdownMenuItem(text = { Text(stringResource(R.string.pack_title)) }, onClick = { menu = false; nav.pack() })
                            }
                        }
                    },
                )
                NoticeBanners(notices, onDismissCacheNotice)
            }
        },
    ) { padding ->
        val s = state
        // One call site for the three camera states, so the camera is not rebound between them.
        if (s.cameraOn) {
            Camera(vm, cameraWords(s), (s as? ScanState.CodeSeen)?.guidance, padding, photoEmpty)
        } else {
            when (s) {
                // A pane title: TalkBack announces the new pane (a live region that just
                // appeared is not announced), so "Checking" is said as it starts.
                is ScanState.Checking -> Centered(padding, Modifier.semantics { paneTitle = s.words.spoken.ifBlank { s.words.text } }) {
                    CircularProgressIndicator() // decorative: the words say what is happening
                    Spoken(s.words, MaterialTheme.typography.headlineSmall)
                    OutlinedButton(onClick = model::cancel, modifier = Modifier.heightIn(min = MinTouch)) {
                        Text(stringResource(R.string.cancel))
                    }
                }
                is ScanState.Showing -> ResultBody(
                    s.result, s.announcement, padding, onScanAnother = model::scanAgain,
                    saveState = s.result.url?.let { saves[it] } ?: SaveState.Idle, onSave = onSave,
                )
                is ScanState.Failed -> FailedBody(s.summary, s.announcement, padding, onScanAnother = model::scanAgain)
                ScanState.Unavailable -> Centered(padding) {
                    Text(stringResource(R.string.failed_generic), style = MaterialTheme.typography.bodyLarge)
                    Button(onClick = onRetryOpen, modifier = Modifier.heightIn(min = MinTouch)) { Text(stringResource(R.string.try_again)) }
                }
                else -> Centered(padding) {
                    CircularProgressIndicator()
                    Text(stringResource(R.string.loading), style = MaterialTheme.typography.bodyLarge)
                }
            }
        }
    }
}

/** Camera (or why there is none) above a scrolling panel: the core's words, light, photo, typed link. */
@Composable
private fun Camera(
    vm: ScanViewModel,
    words: Words,
    guidance: Guidance?,
    padding: androidx.compose.foundation.layout.PaddingValues,
    photoEmpty: Boolean,
) {
    val context = LocalContext.current
    var torchOn by rememberSaveable { mutableStateOf(false) }
    var torchAvailable by rememberSaveable { mutableStateOf(false) }
    var noCamera by rememberSaveable { mutableStateOf(false) }
    var typing by rememberSaveable { mutableStateOf(false) }
    val photo = rememberLauncherForActivityResult(ActivityResultContracts.PickVisualMedia()) { uri ->
        uri?.let { vm.openPhoto(context.contentResolver, it) }
    }
    Column(Modifier.fillMaxSize().padding(padding)) {
        Box(Modifier.weight(1f).fillMaxWidth()) {
            CameraPermissionGate {
                if (noCamera) {
                    Text(stringResource(R.string.no_camera), style = MaterialTheme.typography.bodyLarge, modifier = Modifier.padding(24.dp))
                } else {
                    val description = stringResource(R.string.camera_preview_description)
                    CameraPreview(
                        analyzer = vm.analyzer,
                        torchOn = torchOn,
                        onTorchAvailable = { torchAvailable = it },
                        onNoCamera = { noCamera = true },
                        modifier = Modifier.fillMaxSize().semantics { contentDescription = description },
                    )
                }
            }
        }
        // Scrolls, so that at the largest font sizes every button can still be reached.
        Column(
            Modifier.fillMaxWidth().heightIn(max = 360.dp).verticalScroll(rememberScrollState()).padding(16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            Spoken(words, MaterialTheme.typography.headlineSmall)
            if (photoEmpty) Text(stringResource(R.string.photo_no_code), style = MaterialTheme.typography.bodyLarge)
            if (torchAvailable && !noCamera) {
                val label = stringResource(if (torchOn) R.string.light_off else R.string.light_on)
                if (guidance == Guidance.MORE_LIGHT && !torchOn) {
                    Button(onClick = { torchOn = true }, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(label) }
                } else {
                    FilledTonalButton(onClick = { torchOn = !torchOn }, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(label) }
                }
            }
            OutlinedButton(
                onClick = { vm.model.dismissPhotoNotice(); photo.launch(PickVisualMediaRequest(ActivityResultContracts.PickVisualMedia.ImageOnly)) },
                modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch),
            ) { Text(stringResource(R.string.pick_photo)) }
            OutlinedButton(onClick = { typing = true }, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                Text(stringResource(R.string.type_link))
            }
        }
    }
    if (typing) TypeLinkDialog(onDismiss = { typing = false }, onCheck = { typing = false; vm.model.open(it) })
}

/** Words from the core: shown as text, and said by TalkBack (politely) in their spoken form. */
@Composable
private fun Spoken(words: Words, style: androidx.compose.ui.text.TextStyle) {
    Text(
        words.text,
        style = style,
        modifier = Modifier.fillMaxWidth().semantics {
            contentDescription = words.spoken.ifBlank { words.text }
            liveRegion = LiveRegionMode.Polite
        },
    )
}

@Composable
private fun TypeLinkDialog(onDismiss: () -> Unit, onCheck: (String) -> Unit) {
    var text by rememberSaveable { mutableStateOf("") }
    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(stringResource(R.string.type_link_title)) },
        text = {
            OutlinedTextField(
                value = text,
                onValueChange = { text = it },
                label = { Text(stringResource(R.string.type_link_field)) },
                singleLine = true,
                keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Uri, imeAction = ImeAction.Go),
                keyboardActions = KeyboardActions(onGo = { if (text.isNotBlank()) onCheck(text) }),
            )
        },
        confirmButton = {
            TextButton(onClick = { onCheck(text) }, enabled = text.isNotBlank(), modifier = Modifier.heightIn(min = MinTouch)) {
                Text(stringResource(R.string.type_link_check))
            }
        },
        dismissButton = {
            TextButton(onClick = onDismiss, modifier = Modifier.heightIn(min = MinTouch)) { Text(stringResource(R.string.cancel)) }
        },
    )
}

/**
 * Explains why the camera is needed before asking, and what to do after a refusal. It covers
 * only the camera area: History, the menu, photo import and typing a link stay available.
 */
@Composable
internal fun CameraPermissionGate(content: @Composable () -> Unit) {
    val context = LocalContext.current
    fun granted() = ContextCompat.checkSelfPermission(context, Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED
    var hasCamera by rememberSaveable { mutableStateOf(granted()) }
    var refused by rememberSaveable { mutableStateOf(false) }
    val launcher = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { ok ->
        hasCamera = ok
        refused = !ok
    }
    LifecycleResumeEffect(Unit) {
        hasCamera = granted()
        onPauseOrDispose { }
    }
    if (hasCamera) {
        content()
        return
    }
    Column(
        Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(24.dp),
        verticalArrangement = Arrangement.spacedBy(16.dp, Alignment.CenterVertically),
    ) {
        Text(stringResource(R.string.camera_permission_title), style = MaterialTheme.typography.headlineSmall)
        Text(
            stringResource(if (refused) R.string.camera_permission_denied else R.string.camera_permission_rationale),
            style = MaterialTheme.typography.bodyLarge,
        )
        Button(onClick = { launcher.launch(Manifest.permission.CAMERA) }, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
            Text(stringResource(R.string.camera_permission_allow))
        }
        if (refused) {
            OutlinedButton(
                onClick = {
                    context.startActivity(
                        Intent(Settings.ACTION_APPLICATION_DETAILS_SETTINGS, Uri.fromParts("package", context.packageName, null))
                            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK),
                    )
                },
                modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch),
            ) { Text(stringResource(R.string.open_settings)) }
        }
    }
}

/** The words under the camera: only called for the camera states. */
private fun cameraWords(s: ScanUiState): Words = when (s) {
    is ScanState.Searching -> s.words
    is ScanState.CodeSeen -> s.words
    is ScanState.Cancelled -> s.words
    else -> Words("", "")
}

@Composable
private fun Centered(
    padding: androidx.compose.foundation.layout.PaddingValues,
    modifier: Modifier = Modifier,
    content: @Composable ColumnScope.() -> Unit,
) {
    Column(
        modifier.fillMaxSize().padding(padding).verticalScroll(rememberScrollState()).padding(24.dp),
        verticalArrangement = Arrangement.spacedBy(16.dp, Alignment.CenterVertically),
        horizontalAlignment = Alignment.CenterHorizontally,
        content = content,
    )
}
