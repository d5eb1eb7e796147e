package org.trustlabel.app.scan

import android.content.ContentResolver
import android.net.Uri
import android.os.SystemClock
import androidx.lifecycle.SavedStateHandle
import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider.AndroidViewModelFactory.Companion.APPLICATION_KEY
import androidx.lifecycle.createSavedStateHandle
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import dev.trustlabel.core.Scanner
import java.io.IOException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import org.trustlabel.app.TrustLabelApplication
import org.trustlabel.app.core.ShopperBindings
import org.trustlabel.logic.model.ScanModel
import org.trustlabel.logic.model.ScannerHost

/**
 * Holds app-logic's [ScanModel] (which decides) for the scan destination, so the session
 * outlives configuration changes; closes it when the destination leaves the back stack.
 * Process death: the last result's link is kept in [SavedStateHandle] and checked again.
 */
class ScanViewModel(host: ScannerHost<Scanner>, private val saved: SavedStateHandle) : ViewModel() {
    val model = ScanModel(
        host, viewModelScope, ShopperBindings,
        clock = SystemClock::elapsedRealtime,
        keptLink = saved.get<String>(LAST_LINK),
        // From the core's thread; SavedStateHandle is main-thread only.
        keepLink = { link -> viewModelScope.launch(Dispatchers.Main) { saved[LAST_LINK] = link } },
    )

    /** Hand this to CameraX: frames go to the current session. */
    val analyzer = LumaAnalyzer { model.session }

    /** A photo from the picker; read off the main thread by the model. */
    fun openPhoto(resolver: ContentResolver, uri: Uri) = model.openPhoto {
        resolver.openInputStream(uri)?.use { it.readBytes() } ?: throw IOException("no stream for $uri")
    }

    override fun onCleared() = model.close()

    companion object {
        const val LAST_LINK = "last_link"

        /** Set by History, My devices and App Links on the scan entry's handle to check a link. */
        const val OPEN_LINK = "open_link"

        val Factory = viewModelFactory {
            initializer {
                val app = this[APPLICATION_KEY] as TrustLabelApplication
                ScanViewModel(app.core.host, createSavedStateHandle())
            }
        }
    }
}
