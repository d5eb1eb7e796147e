package org.trustlabel.bindings

// THE ONE FILE THAT CALLS THE GENERATED BINDINGS (package dev.trustlabel.core, set by
// ffi/uniffi.toml). Everything else in the app talks to org.trustlabel.logic.LabelScanner.
//
// Matches trustlabel-ffi as of its first version (ffi/src/scanner.rs, types.rs, config.rs):
//   Scanner(ScannerConfig(dataDir: String?, locale: String, ...defaults))     blocking: open off main
//   suspend Scanner.scanFrame(width: UInt, height: UInt, stride: UInt, luma: ByteArray): ScanResult?
//   suspend Scanner.scanText(text: String): ScanResult
//   ScanResult(text, url, outcome: Outcome, outcomeCode: String, notOfficial: NotOfficialInfo?, record: RecordInfo?, ...)
//   TrustLabelException.Offline / .NotCached / ...                            (errors: nothing to show)
//   ScanResult.summary: Summary(locale, outcome, verdict: Verdict(tone, text, spoken),
//                               facts: List<Fact(id, tone, title, text, spoken, link: FactLink(title, url)?)>)
//   Scanner.history(): List<HistoryItem(url, outcomeCode, productName, manufacturerName, headline, scannedAt)>
// This file is compiled against the generated bindings, and exercised, by ffi/kotlin-tests/run.sh.
// The suspend calls are cancelled with the calling coroutine (uniffi async): leaving the scan
// screen cancels a registry request in flight.

import dev.trustlabel.core.Fact
import dev.trustlabel.core.ScanResult
import dev.trustlabel.core.Scanner
import dev.trustlabel.core.ScannerConfig
import dev.trustlabel.core.TrustLabelException
import java.io.File
import java.util.Locale
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import org.trustlabel.logic.CheckFailedException
import org.trustlabel.logic.FactLink
import org.trustlabel.logic.FactView
import org.trustlabel.logic.FrameScan
import org.trustlabel.logic.HistoryEntry
import org.trustlabel.logic.LabelScanner
import org.trustlabel.logic.LumaFrame
import org.trustlabel.logic.ScanOutcome
import org.trustlabel.logic.ScanResultView
import org.trustlabel.logic.Tone
import org.trustlabel.logic.VerdictView

class CoreAdapter private constructor(private val scanner: Scanner) : LabelScanner, AutoCloseable {

    // uniffi polls the Rust future on the calling coroutine's thread, so the CPU work (decoding,
    // signature checks, cache reads) runs where these withContext blocks put it: never on Main.
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
        try {
            toView(scanner.scanText(text))
        } catch (e: TrustLabelException.Offline) {
            throw CheckFailedException(CheckFailedException.Reason.OFFLINE, e)
        } catch (e: TrustLabelException.NotCached) {
            throw CheckFailedException(CheckFailedException.Reason.OFFLINE, e)
        } catch (e: TrustLabelException) {
            throw CheckFailedException(CheckFailedException.Reason.OTHER, e)
        }
    }

    // Entries carry no registry details: opening one scans its link again (offline if need be).
    override suspend fun history(): List<HistoryEntry> = withContext(Dispatchers.IO) {
        scanner.history().map { item ->
            HistoryEntry(
                text = item.url,
                scannedAtEpochMs = item.scannedAt * 1000,
                outcome = ScanOutcome.fromWire(item.outcomeCode),
                tone = Tone.fromWire(item.headline.tone.name),
                productName = item.productName,
                verdictText = item.headline.text,
                verdictSpoken = item.headline.spoken,
            )
        }
    }

    override fun close() = scanner.close()

    companion object {
        /**
         * Opens the core and its offline cache. Blocking (disk): call it off the main thread.
         * TLS needs no Android setup: the core uses rustls + ring with bundled Mozilla roots
         * (webpki-roots), not rustls-platform-verifier, so there is no JNI Context to pass.
         * The time zone is read by the core at every scan (utcOffsetMinutes left null).
         */
        fun open(dataDir: File, locale: Locale = Locale.getDefault()): CoreAdapter =
            CoreAdapter(Scanner(ScannerConfig(dataDir = dataDir.absolutePath, locale = locale.toLanguageTag())))

        /** Wraps a Scanner opened elsewhere (a deployment's own trust list, or tests). */
        fun of(scanner: Scanner): CoreAdapter = CoreAdapter(scanner)

        private fun toView(r: ScanResult): ScanResultView {
            val summary = r.summary
            return ScanResultView(
                outcome = ScanOutcome.fromWire(r.outcomeCode),
                verdict = VerdictView(
                    tone = Tone.fromWire(summary.verdict.tone.name),
                    text = summary.verdict.text,
                    spoken = summary.verdict.spoken,
                ),
                facts = summary.facts.map(::toFact),
                scannedText = r.text,
                // Punycode, as in the link: a look-alike's disguise shows.
                host = r.notOfficial?.host,
            )
        }

        private fun toFact(f: Fact) = FactView(
            id = f.id,
            tone = Tone.fromWire(f.tone.name),
            title = f.title,
            text = f.text,
            spoken = f.spoken,
            link = f.link?.let { FactLink(it.title, it.url) },
        )
    }
}
