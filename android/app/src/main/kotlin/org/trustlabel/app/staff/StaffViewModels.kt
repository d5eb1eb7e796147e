package org.trustlabel.app.staff

import android.content.ContentResolver
import android.net.Uri
import androidx.lifecycle.SavedStateHandle
import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider.AndroidViewModelFactory.Companion.APPLICATION_KEY
import androidx.lifecycle.createSavedStateHandle
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.CreationExtras
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import dev.trustlabel.core.Scanner
import java.io.IOException
import org.trustlabel.app.TrustLabelApplication
import org.trustlabel.app.core.AuditBindings
import org.trustlabel.app.scan.LumaAnalyzer
import org.trustlabel.logic.model.AuditModel
import org.trustlabel.logic.model.AuditsModel
import org.trustlabel.logic.model.CompareModel
import org.trustlabel.logic.model.PackModel
import org.trustlabel.logic.model.ScannerHost
import org.trustlabel.logic.model.WatchModel

// Thin holders: each keeps one app-logic model (which decides) alive across configuration
// changes and closes what it opened when its destination leaves the back stack.

class AuditsViewModel(host: ScannerHost<Scanner>) : ViewModel() {
    val model = AuditsModel(host, viewModelScope, list = { it.listAudits() }, delete = { s, name -> s.deleteAudit(name) })
}

class AuditViewModel(host: ScannerHost<Scanner>, saved: SavedStateHandle) : ViewModel() {
    val model = AuditModel(
        host, viewModelScope, AuditBindings,
        name = saved.get<String>("name").orEmpty(),
        isNew = saved.get<Boolean>("new") ?: false,
        keepIsNew = { saved["new"] = it },
    )
    val analyzer = LumaAnalyzer { model.session }

    override fun onCleared() = model.close()
}

class WatchViewModel(host: ScannerHost<Scanner>) : ViewModel() {
    val model = WatchModel(
        host, viewModelScope,
        list = { it.watchList() },
        alertsOf = { it.watchAlerts(ALERT_DAYS) },
        add = { s, url -> s.watchAdd(url) },
        remove = { s, url -> s.watchRemove(url) },
    )

    companion object {
        /** "Support ends soon" means within about six months, as the audit's bucket does. */
        const val ALERT_DAYS = 183u
    }
}

class PackViewModel(host: ScannerHost<Scanner>) : ViewModel() {
    val model = PackModel(host, viewModelScope) { s, bytes -> s.importPack(bytes) }

    fun importFile(resolver: ContentResolver, uri: Uri) = model.importFile {
        resolver.openInputStream(uri)?.use { it.readBytes() } ?: throw IOException("no stream for $uri")
    }
}

class CompareViewModel(host: ScannerHost<Scanner>, saved: SavedStateHandle) : ViewModel() {
    val model = CompareModel(
        host, viewModelScope,
        urls = saved.get<String>("urls").orEmpty().split('\n').filter { it.isNotBlank() },
    ) { s, urls -> s.compare(urls) }
}

object StaffFactories {
    private fun hostOf(extras: CreationExtras) = (extras[APPLICATION_KEY] as TrustLabelApplication).core.host

    val audits = viewModelFactory { initializer { AuditsViewModel(hostOf(this)) } }
    val audit = viewModelFactory { initializer { AuditViewModel(hostOf(this), createSavedStateHandle()) } }
    val watch = viewModelFactory { initializer { WatchViewModel(hostOf(this)) } }
    val pack = viewModelFactory { initializer { PackViewModel(hostOf(this)) } }
    val compare = viewModelFactory { initializer { CompareViewModel(hostOf(this), createSavedStateHandle()) } }
}
