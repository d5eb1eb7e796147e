import Foundation

// The app's own view of what the Rust core returns (mirrors android/app-logic's Types.kt).
// The generated bindings (module TrustLabelCore) are mapped onto these types in ONE file,
// CoreAdapter.swift; nothing else imports TrustLabelCore.

/// How a fact or verdict reads. Never shown by colour alone: see `word`.
enum Tone: String, Sendable, CaseIterable {
    case good, caution, bad, unknown, neutral

    /// The tone as a word, or nil for neutral facts (no judgement).
    var word: String? {
        switch self {
        case .good: L("tone_good")
        case .caution: L("tone_caution")
        case .bad: L("tone_bad")
        case .unknown: L("tone_unknown")
        case .neutral: nil
        }
    }
}

/// What one scan came to. Raw values are the core's wire names.
enum ScanOutcome: String, Sendable {
    case verified, verifiedStale = "verified_stale", offlineCached = "offline_cached"
    case notOfficial = "not_official", notALabel = "not_a_label", unknownProduct = "unknown_product", invalid
    /// From a registry that does not sign: the core's words say so; never verified, no links.
    case unsigned

    /// Signed registry data is on screen (possibly old): only then are links offered.
    var showsRegistryData: Bool { self == .verified || self == .verifiedStale || self == .offlineCached }
}

/// A fact's link: a plain title and an https, http or mailto URL.
struct FactLink: Sendable, Hashable {
    let title: String
    let url: String
}

struct FactView: Sendable, Identifiable, Hashable {
    /// Stable snake_case id from the core: `verification`, `product`, `support`, ...
    let id: String
    let tone: Tone
    let title: String
    let text: String
    /// For VoiceOver: dates in words, links as "link to <host>".
    let spoken: String
    let link: FactLink?
}

/// The first thing shown and said: reads well on its own and names the worst finding.
struct VerdictView: Sendable, Hashable {
    let tone: Tone
    let text: String
    let spoken: String
}

struct ScanResultView: Sendable, Hashable {
    let outcome: ScanOutcome
    let verdict: VerdictView
    let facts: [FactView]
    /// The QR text (shown as text for `notALabel`, never opened).
    let scannedText: String
    /// The real host (shown large for `notOfficial`).
    let host: String?
}

/// The luma plane of one camera frame: one byte a pixel, `rowStride` bytes a row.
struct LumaFrame: Sendable {
    let width: Int
    let height: Int
    let rowStride: Int
    let bytes: Data
}

enum FrameScan: Sendable {
    case nothing
    /// A code was read; `result` is set when the core checked it in the same call.
    case decoded(text: String, result: ScanResultView?)
}

struct HistoryEntry: Sendable, Hashable {
    let text: String
    let scannedAt: Date
    let outcome: ScanOutcome
    let tone: Tone
    let productName: String?
    let verdictText: String
    let verdictSpoken: String
}

/// A check that produced nothing to show about the label; `offline` picks the message.
struct CheckFailed: Error {
    enum Reason: Sendable { case offline, other }
    let reason: Reason
}

/// The part of the core the app uses; implemented over the generated bindings by CoreAdapter.
protocol LabelScanner: Sendable {
    func scanFrame(_ frame: LumaFrame) async throws -> FrameScan
    func check(_ text: String) async throws -> ScanResultView
    func history() async throws -> [HistoryEntry]
}

/// A message from Localizable.strings (same keys as Android's strings.xml; checked by
/// android/app-logic's CatalogTest). Placeholders are positional: %1$@, %2$@.
func L(_ key: String, _ args: CVarArg...) -> String {
    let format = NSLocalizedString(key, comment: "")
    return args.isEmpty ? format : String(format: format, locale: Locale.current, arguments: args)
}
