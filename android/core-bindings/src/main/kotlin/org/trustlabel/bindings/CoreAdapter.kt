package org.trustlabel.bindings

// THE ONE FILE THAT CALLS THE GENERATED BINDINGS.
//
// Written before trustlabel-ffi existed, against the API we expect uniffi 0.32 to generate from
// it (package `uniffi.trustlabel_ffi`, the default for the crate's namespace; change the imports
// if ffi/uniffi.toml sets `[bindings.kotlin] package_name`). When the real bindings differ, fix
// this file only: everything else in the app talks to org.trustlabel.logic.LabelScanner.
//
// Expected shape (Rust names in brackets):
//   class Scanner(config: ScannerConfig)                         [Scanner::open / #[uniffi::constructor]]
//   Scanner.scanFrame(width: UInt, height: UInt, stride: UInt, luma: ByteArray): ScanResult?
//                                                                [scan_frame(w, h, stride, Vec<u8>)]
//   Scanner.scanText(text: String): ScanResult                   [scan_text]
//   Scanner.history(): List<HistoryItem>                         [history]
//   ScanResult(outcome: Outcome, text: String, host: String?, summary: Summary)
//   Summary(verdict: Verdict, facts: List<Fact>)
//   Verdict(tone: Tone, title, text, spoken) ; Fact(id, tone: Tone, title, text, spoken, link: String?)
//   HistoryItem(text, scannedAt: java.time.Instant, outcome: Outcome, tone: Tone, productName: String?,
//               verdictTitle, verdictSpoken)
//   enum Outcome { VERIFIED, VERIFIED_STALE, OFFLINE_CACHED, NOT_OFFICIAL, NOT_A_LABEL, UNKNOWN_PRODUCT, INVALID }
//   enum Tone { GOOD, CAUTION, BAD, UNKNOWN, NEUTRAL }
// Whether scan_frame / scan_text are `async fn` (Kotlin `suspend`, cancelled with the coroutine)
// or blocking, the calls below compile the same: they run inside withContext on a worker pool.
// Prefer async for scan_text: then leaving the screen really stops the network request.

import java.io.File
import java.util.Locale
import java.util.TimeZone
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import org.trustlabel.logic.FactView
import org.trustlabel.logic.FrameScan
import org.trustlabel.logic.HistoryEntry
import org.trustlabel.logic.LabelScanner
import org.trustlabel.logic.LumaFrame
import org.trustlabel.logic.ScanOutcome
import org.trustlabel.logic.ScanResultView
import org.trustlabel.logic.Tone
import org.trustlabel.logic.VerdictView
import uniffi.trustlabel_ffi.Fact
import uniffi.trustlabel_ffi.HistoryItem
import uniffi.trustlabel_ffi.ScanResult
import uniffi.trustlabel_ffi.Scanner
import uniffi.trustlabel_ffi.ScannerConfig

class CoreAdapter private constructor(private val scanner: Scanner) : LabelScanner, AutoCloseable {

    override suspend fun scanFrame(frame: LumaFrame): FrameScan = withContext(Dispatchers.Default) {
        val result = scanner.scanFrame(
            frame.width.toUInt(),
            frame.height.toUInt(),
            frame.rowStride.toUInt(),
            frame.bytes,
        ) ?: return@withContext FrameScan.Nothing
        FrameScan.Decoded(result.text, toView(result))
    }

    override suspend fun check(text: String): ScanResultView = withContext(Dispatchers.IO) {
        toView(scanner.scanText(text))
    }

    override suspend fun history(): List<HistoryEntry> = withContext(Dispatchers.IO) {
        scanner.history().map(::toEntry)
    }

    override fun close() = scanner.close()

    companion object {
        /**
         * Opens the core. Blocking (opens the on-device store): call it off the main thread.
         * TLS needs no Android setup: the core uses rustls + ring with bundled Mozilla roots
         * (webpki-roots), not rustls-platform-verifier, so there is no JNI Context to pass.
         */
        fun open(dataDir: File, locale: Locale = Locale.getDefault(), timeZone: TimeZone = TimeZone.getDefault()): CoreAdapter =
            CoreAdapter(
                Scanner(
                    ScannerConfig(
                        dataDir = dataDir.absolutePath,
                        locale = locale.toLanguageTag(),
                        timeZone = timeZone.id,
                    ),
                ),
            )

        private fun toView(r: ScanResult) = ScanResultView(
            outcome = ScanOutcome.fromWire(r.outcome.name),
            verdict = VerdictView(
                tone = Tone.fromWire(r.summary.verdict.tone.name),
                title = r.summary.verdict.title,
                text = r.summary.verdict.text,
                spoken = r.summary.verdict.spoken,
            ),
            facts = r.summary.facts.map(::toFact),
            scannedText = r.text,
            host = r.host,
        )

        private fun toFact(f: Fact) = FactView(
            id = f.id,
            tone = Tone.fromWire(f.tone.name),
            title = f.title,
            text = f.text,
            spoken = f.spoken,
            link = f.link,
        )

        private fun toEntry(h: HistoryItem) = HistoryEntry(
            text = h.text,
            scannedAtEpochMs = h.scannedAt.toEpochMilli(),
            outcome = ScanOutcome.fromWire(h.outcome.name),
            tone = Tone.fromWire(h.tone.name),
            productName = h.productName,
            verdictTitle = h.verdictTitle,
            verdictSpoken = h.verdictSpoken,
        )
    }
}
