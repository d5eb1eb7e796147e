package org.trustlabel.app.scan

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.provider.Settings
import androidx.activity.compose.BackHandler
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.List
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.Icon
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
import androidx.compose.ui.unit.dp
import androidx.core.content.ContextCompat
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import org.trustlabel.app.R
import org.trustlabel.app.result.ResultScreen
import org.trustlabel.logic.Haptic
import org.trustlabel.logic.ScanUiState

private val MinTouch = 48.dp

/** The scan destination: camera and guidance, then the check, then the result. */
@Composable
fun ScanRoute(onOpenHistory: () -> Unit, vm: ScanViewModel = viewModel(factory = ScanViewModel.Factory)) {
    val state by vm.state.collectAsStateWithLifecycle()
    val haptic = LocalHapticFeedback.current
    LaunchedEffect(vm) {
        vm.haptics.collect { cue ->
            when (cue) {
                Haptic.SEARCH_PULSE -> haptic.performHapticFeedback(HapticFeedbackType.SegmentFrequentTick)
                Haptic.CODE_SEEN -> haptic.performHapticFeedback(HapticFeedbackType.SegmentTick)
                Haptic.FOUND -> haptic.performHapticFeedback(HapticFeedbackType.Confirm)
                Haptic.NONE -> Unit
            }
        }
    }

    when (val s = state) {
        is ScanUiState.Scanning -> CameraPermissionGate {
            ScanScreen(s, vm, onOpenHistory)
        }
        is ScanUiState.Checking -> {
            BackHandler(onBack = vm::resume)
            CheckingScreen(s, onCancel = vm::resume)
        }
        is ScanUiState.Showing -> {
            BackHandler(onBack = vm::resume)
            ResultScreen(s.result, onScanAnother = vm::resume, onCheckAgain = vm::checkAgain, onOpenHistory = onOpenHistory)
        }
        is ScanUiState.Failed -> {
            BackHandler(onBack = vm::resume)
            FailedScreen(s, onTryAgain = vm::checkAgain, onScanAnother = vm::resume)
        }
    }
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
private fun ScanScreen(s: ScanUiState.Scanning, vm: ScanViewModel, onOpenHistory: () -> Unit) {
    var torchOn by rememberSaveable { mutableStateOf(false) }
    var torchAvailable by rememberSaveable { mutableStateOf(false) }
    val title = stringResource(R.string.scan_title)
    Scaffold(
        modifier = Modifier.semantics { paneTitle = title },
        topBar = {
            TopAppBar(
                title = { Text(title) },
                actions = {
                    // Icon and word: no icon-only controls.
                    TextButton(onClick = onOpenHistory, modifier = Modifier.heightIn(min = MinTouch)) {
                        Icon(Icons.AutoMirrored.Filled.List, contentDescription = null)
                        Text(stringResource(R.string.nav_history), Modifier.padding(start = 8.dp))
                    }
                },
            )
        },
    ) { padding ->
        Column(Modifier.fillMaxSize().padding(padding)) {
            val previewDescription = stringResource(R.string.camera_preview_description)
            Box(
                Modifier
                    .weight(1f)
                    .fillMaxWidth()
                    .semantics { contentDescription = previewDescription },
            ) {
                CameraPreview(
                    analyzer = vm.analyzer,
                    torchOn = torchOn,
                    onTorchAvailable = { torchAvailable = it },
                    modifier = Modifier.fillMaxSize(),
                )
            }
            Column(
                Modifier
                    .fillMaxWidth()
                    .background(MaterialTheme.colorScheme.surface)
                    .padding(16.dp),
                verticalArrangement = Arrangement.spacedBy(12.dp),
            ) {
                // Spoken by TalkBack whenever it changes (the session changes it only when it
                // has something new to say, and alternates instruction and hint to repeat it).
                Text(
                    s.guidanceText,
                    style = MaterialTheme.typography.headlineSmall,
                    modifier = Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
                )
                if (s.canShowAgain) {
                    Button(onClick = vm::showAgain, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
                        Text(stringResource(R.string.show_result_again))
                    }
                }
                if (torchAvailable) {
                    val label = stringResource(if (torchOn) R.string.light_off else R.string.light_on)
                    if (s.suggestLight && !torchOn) {
                        Button(onClick = { torchOn = true }, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(label) }
                    } else {
                        FilledTonalButton(onClick = { torchOn = !torchOn }, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) { Text(label) }
                    }
                }
            }
        }
    }
}

@Composable
private fun CheckingScreen(s: ScanUiState.Checking, onCancel: () -> Unit) {
    CenteredPanel {
        CircularProgressIndicator() // decorative: the text below says what is happening
        Text(
            s.message,
            style = MaterialTheme.typography.headlineSmall,
            modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
        )
        OutlinedButton(onClick = onCancel, modifier = Modifier.heightIn(min = MinTouch)) {
            Text(stringResource(R.string.cancel))
        }
    }
}

@Composable
private fun FailedScreen(s: ScanUiState.Failed, onTryAgain: () -> Unit, onScanAnother: () -> Unit) {
    CenteredPanel {
        Text(
            s.message,
            style = MaterialTheme.typography.headlineSmall,
            modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
        )
        Button(onClick = onTryAgain, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
            Text(stringResource(R.string.try_again))
        }
        OutlinedButton(onClick = onScanAnother, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch)) {
            Text(stringResource(R.string.scan_another))
        }
    }
}

/**
 * Explains why the camera is needed before asking, and what to do after a refusal. The
 * permission is checked again on every resume (the user may have changed it in Settings).
 */
@Composable
private fun CameraPermissionGate(content: @Composable () -> Unit) {
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
    CenteredPanel {
        Text(stringResource(R.string.camera_permission_title), style = MaterialTheme.typography.headlineSmall)
        Text(
            stringResource(if (refused) R.string.camera_permission_denied else R.string.camera_permission_rationale),
            style = MaterialTheme.typography.bodyLarge,
        )
        Button(
            onClick = { launcher.launch(Manifest.permission.CAMERA) },
            modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch),
        ) { Text(stringResource(R.string.camera_permission_allow)) }
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

@Composable
private fun CenteredPanel(content: @Composable () -> Unit) {
    Scaffold { padding ->
        Column(
            Modifier
                .fillMaxSize()
                .padding(padding)
                .verticalScroll(rememberScrollState()) // large font sizes must still fit
                .padding(24.dp),
            verticalArrangement = Arrangement.spacedBy(16.dp, Alignment.CenterVertically),
            horizontalAlignment = Alignment.CenterHorizontally,
        ) { content() }
    }
}
