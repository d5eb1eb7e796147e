package org.trustlabel.app.history

import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider.AndroidViewModelFactory.Companion.APPLICATION_KEY
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import dev.trustlabel.core.Scanner
import org.trustlabel.app.TrustLabelApplication
import org.trustlabel.app.core.HistoryBindings
import org.trustlabel.logic.model.HistoryListModel
import org.trustlabel.logic.model.ScannerHost

/** Holds app-logic's [HistoryListModel] for the history destination (it decides). */
class HistoryViewModel(host: ScannerHost<Scanner>) : ViewModel() {
    val model = HistoryListModel(host, viewModelScope, HistoryBindings)

    companion object {
        val Factory = viewModelFactory {
            initializer { HistoryViewModel((this[APPLICATION_KEY] as TrustLabelApplication).core.host) }
        }
    }
}
