package org.trustlabel.app

import android.app.Application
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import org.trustlabel.bindings.CoreAdapter
import org.trustlabel.logic.FrameScan
import org.trustlabel.logic.HistoryEntry
import org.trustlabel.logic.LabelScanner
import org.trustlabel.logic.LumaFrame
import org.trustlabel.logic.MessageCatalog
import org.trustlabel.logic.ScanResultView

/** The app's few singletons. No DI framework: there are two objects to share. */
class TrustLabelApplication : Application() {
    val messages: MessageCatalog by lazy { AndroidMessages(this) }

    /** The Rust core, opened on first use on a background thread (it opens the on-device store). */
    val scanner: LabelScanner by lazy {
        LazyLabelScanner { CoreAdapter.open(File(noBackupFilesDir, "trustlabel")) }
    }
}

/** Opens the real scanner on the first call, off the main thread, exactly once. */
class LazyLabelScanner(private val open: () -> LabelScanner) : LabelScanner {
    private val mutex = Mutex()

    @Volatile
    private var core: LabelScanner? = null

    private suspend fun core(): LabelScanner =
        core ?: mutex.withLock { core ?: withContext(Dispatchers.IO) { open() }.also { core = it } }

    override suspend fun scanFrame(frame: LumaFrame): FrameScan = core().scanFrame(frame)
    override suspend fun check(text: String): ScanResultView = core().check(text)
    override suspend fun history(): List<HistoryEntry> = core().history()
}
