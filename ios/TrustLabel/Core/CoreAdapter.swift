// THE ONE FILE THAT CALLS THE GENERATED BINDINGS (module TrustLabelCore, named by
// ffi/uniffi.toml; built by build-xcframework.sh into the TrustLabelCore framework target).
//
// Matches trustlabel-ffi as of its first version:
//   Scanner(config: ScannerConfig(dataDir: String?, locale: String, ...defaults)) throws   (opens the cache)
//   scanner.scanFrame(width: UInt32, height: UInt32, stride: UInt32, luma: Data) async throws -> ScanResult?
//   scanner.scanText(text: String) async throws -> ScanResult
//   ScanResult { text, outcomeCode, notOfficial: NotOfficialInfo?, ... } ; TrustLabelError.Offline / .NotCached
// Still ASSUMED (not exported yet; the core has them): ScanResult.summary (verdict, facts with
// spoken forms and links) and the scan history. Async calls stop when the Swift task is cancelled.

import Foundation
import TrustLabelCore

final class CoreAdapter: LabelScanner, @unchecked Sendable { // the uniffi object is thread-safe
    private let scanner: TrustLabelCore.Scanner

    /// Opens the core and its offline cache (disk: call off the main thread). TLS needs no
    /// setup: rustls + ring with bundled Mozilla roots. The core reads the time zone per scan.
    init(dataDirectory: URL, locale: Locale = .current) throws {
        scanner = try TrustLabelCore.Scanner(config: TrustLabelCore.ScannerConfig(
            dataDir: dataDirectory.path,
            locale: locale.identifier(.bcp47)
        ))
    }

    func scanFrame(_ frame: LumaFrame) async throws -> FrameScan {
        guard let result = try await scanner.scanFrame(
            width: UInt32(frame.width),
            height: UInt32(frame.height),
            stride: UInt32(frame.rowStride),
            luma: frame.bytes
        ) else { return .nothing }
        return .decoded(text: result.text, result: Self.view(result))
    }

    func check(_ text: String) async throws -> ScanResultView {
        do {
            return Self.view(try await scanner.scanText(text: text))
        } catch TrustLabelCore.TrustLabelError.Offline, TrustLabelCore.TrustLabelError.NotCached {
            throw CheckFailed(reason: .offline)
        } catch is TrustLabelCore.TrustLabelError {
            throw CheckFailed(reason: .other)
        }
    }

    // Entries carry no registry details: opening one scans its link again (offline if need be).
    func history() async throws -> [HistoryEntry] {
        try scanner.history().map { item in
            HistoryEntry(
                text: item.url,
                scannedAt: Date(timeIntervalSince1970: TimeInterval(item.scannedAt)),
                // An outcome this version does not know is never shown as verified.
                outcome: ScanOutcome(rawValue: item.outcomeCode) ?? .invalid,
                tone: Self.tone(item.headline.tone),
                productName: item.productName,
                verdictText: item.headline.text,
                verdictSpoken: item.headline.spoken
            )
        }
    }

    private static func view(_ r: TrustLabelCore.ScanResult) -> ScanResultView {
        ScanResultView(
            outcome: ScanOutcome(rawValue: r.outcomeCode) ?? .invalid, // unknown: never "verified"
            verdict: VerdictView(
                tone: tone(r.summary.verdict.tone),
                text: r.summary.verdict.text,
                spoken: r.summary.verdict.spoken
            ),
            facts: r.summary.facts.map { f in
                FactView(id: f.id, tone: tone(f.tone), title: f.title, text: f.text, spoken: f.spoken,
                         link: f.link.map { FactLink(title: $0.title, url: $0.url) })
            },
            scannedText: r.text,
            host: r.notOfficial?.host // punycode, as in the link: a look-alike's disguise shows
        )
    }

    private static func tone(_ t: TrustLabelCore.Tone) -> Tone {
        switch t {
        case .good: .good
        case .caution: .caution
        case .bad: .bad
        case .unknown: .unknown
        case .neutral: .neutral
        }
    }
}
