// THE ONE FILE THAT CALLS THE GENERATED BINDINGS.
//
// Written before trustlabel-ffi existed, against the Swift API we expect uniffi 0.32 to generate
// (see android/core-bindings/.../CoreAdapter.kt for the same contract in Kotlin):
//   Scanner(config: ScannerConfig) throws
//   scanner.scanFrame(width: UInt32, height: UInt32, stride: UInt32, luma: Data) async throws -> ScanResult?
//   scanner.scanText(text: String) async throws -> ScanResult
//   scanner.history() throws -> [HistoryItem]
//   ScanResult { outcome: Outcome, text: String, host: String?, summary: Summary }
//   Summary { verdict: Verdict, facts: [Fact] } ; Fact { id, tone: Tone, title, text, spoken, link: String? }
// When the real bindings differ, fix this file only.

import Foundation
import TrustLabelFFI

final class CoreAdapter: LabelScanner, @unchecked Sendable { // the uniffi object is thread-safe
    private let scanner: TrustLabelFFI.Scanner

    /// Opens the core (and its on-device store). TLS needs no setup: rustls + bundled roots.
    init(dataDirectory: URL, locale: Locale = .current, timeZone: TimeZone = .current) throws {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        scanner = try TrustLabelFFI.Scanner(config: TrustLabelFFI.ScannerConfig(
            dataDir: dataDirectory.path,
            locale: locale.identifier(.bcp47),
            timeZone: timeZone.identifier
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
        Self.view(try await scanner.scanText(text: text))
    }

    func history() async throws -> [HistoryEntry] {
        try scanner.history().map { item in
            HistoryEntry(
                text: item.text,
                scannedAt: item.scannedAt,
                outcome: Self.outcome(item.outcome),
                tone: Self.tone(item.tone),
                productName: item.productName,
                verdictTitle: item.verdictTitle,
                verdictSpoken: item.verdictSpoken
            )
        }
    }

    private static func view(_ r: TrustLabelFFI.ScanResult) -> ScanResultView {
        ScanResultView(
            outcome: outcome(r.outcome),
            verdict: VerdictView(
                tone: tone(r.summary.verdict.tone),
                title: r.summary.verdict.title,
                text: r.summary.verdict.text,
                spoken: r.summary.verdict.spoken
            ),
            facts: r.summary.facts.map { f in
                FactView(id: f.id, tone: tone(f.tone), title: f.title, text: f.text, spoken: f.spoken, link: f.link)
            },
            scannedText: r.text,
            host: r.host
        )
    }

    private static func tone(_ t: TrustLabelFFI.Tone) -> Tone {
        switch t {
        case .good: .good
        case .caution: .caution
        case .bad: .bad
        case .unknown: .unknown
        case .neutral: .neutral
        }
    }

    /// An outcome this app does not know maps to `.invalid`: never to verified.
    private static func outcome(_ o: TrustLabelFFI.Outcome) -> ScanOutcome {
        switch o {
        case .verified: .verified
        case .verifiedStale: .verifiedStale
        case .offlineCached: .offlineCached
        case .notOfficial: .notOfficial
        case .notALabel: .notALabel
        case .unknownProduct: .unknownProduct
        case .invalid: .invalid
        }
    }
}
