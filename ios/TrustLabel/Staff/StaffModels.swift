import Foundation
import Observation
import TrustLabelCore

// The staff and history screens' state: what they load from the core, what they show when a
// call fails (the core's sentence for a refusal, else "Something went wrong"), and their
// actions. The SwiftUI views only draw these. The core's calls are made off the main actor.

/// The sentence to show for a failed core call.
func shownError(_ error: any Error) -> String {
    (error as? TrustLabelError)?.refusal ?? S("failed_generic")
}

/// History as the core keeps it: search, the on/off switch and clear are the core's calls.
@MainActor
@Observable
final class HistoryModel {
    private(set) var items: [HistoryItem]?
    private(set) var enabled = true
    private(set) var failed = false
    var query = ""
    var picked: Set<String> = []
    private let core: AppCore

    init(core: AppCore) { self.core = core }

    func load() async {
        guard let scanner = await core.open() else { failed = true; return }
        let q = query.trimmingCharacters(in: .whitespaces)
        do {
            let (found, on) = try await Task.detached {
                (q.isEmpty ? try scanner.history() : try scanner.historySearch(query: q), try scanner.historyEnabled())
            }.value
            guard !Task.isCancelled else { return } // a newer query is loading
            items = found
            enabled = on
            failed = false
        } catch is CancellationError {
        } catch {
            failed = true
        }
    }

    func setEnabled(_ on: Bool) async {
        guard let scanner = await core.open() else { return }
        do {
            try await Task.detached { try scanner.setHistoryEnabled(on: on) }.value
            enabled = on
        } catch {
            failed = true
        }
    }

    /// The core flushes before it returns: "cleared" is true when this succeeds.
    func clear() async {
        guard let scanner = await core.open() else { return }
        do {
            try await Task.detached { try scanner.clearHistory() }.value
            items = []
            picked = []
        } catch {
            failed = true
        }
    }

    func togglePick(_ url: String) {
        if picked.contains(url) { picked.remove(url) } else { picked.insert(url) }
    }
}

/// My devices: the core's alerts first, then the saved products.
@MainActor
@Observable
final class WatchModel {
    /// Alerts for support ending within half a year, as Android's screen.
    nonisolated static let alertDays: UInt32 = 183
    private(set) var items: [WatchItem]?
    private(set) var alerts: [WatchAlert] = []
    private(set) var problem: String?
    var picked: Set<String> = []
    private let core: AppCore

    init(core: AppCore) { self.core = core }

    func load() async {
        guard let scanner = await core.open() else { problem = S("failed_generic"); return }
        do {
            items = try await Task.detached { try scanner.watchList() }.value
            alerts = try await scanner.watchAlerts(days: Self.alertDays)
            problem = nil
        } catch is CancellationError {
        } catch {
            problem = shownError(error)
        }
    }

    func remove(_ url: String) async {
        guard let scanner = await core.open() else { return }
        do {
            _ = try await Task.detached { try scanner.watchRemove(url: url) }.value
            picked.remove(url)
        } catch {
            problem = shownError(error)
            return
        }
        await load()
    }

    func togglePick(_ url: String) {
        if picked.contains(url) { picked.remove(url) } else { picked.insert(url) }
    }
}

/// The audits the core keeps: list, delete; a new one is started by name (AuditModel).
@MainActor
@Observable
final class AuditListModel {
    private(set) var audits: [AuditInfo]?
    private(set) var problem: String?
    private let core: AppCore

    init(core: AppCore) { self.core = core }

    func load() async {
        guard let scanner = await core.open() else { problem = S("failed_generic"); return }
        do {
            audits = try await Task.detached { try scanner.listAudits() }.value
            problem = nil
        } catch {
            problem = shownError(error)
        }
    }

    func delete(_ name: String) async {
        guard let scanner = await core.open() else { return }
        do {
            try await Task.detached { try scanner.deleteAudit(name: name) }.value
        } catch {
            problem = shownError(error)
            return
        }
        await load()
    }
}

/// A running shelf audit: the audit's shelf-mode session (fed by the camera) keeps going after
/// each label; the core's counts and distinct labels are re-read after each result.
@MainActor
@Observable
final class AuditModel {
    let name: String
    let isNew: Bool
    let scan: ScanModel
    private(set) var audit: Audit?
    private(set) var counts: [BucketCount] = []
    private(set) var entries: [AuditEntry] = []
    /// Why the audit could not be opened or finished (e.g. the name is taken), in the core's words.
    private(set) var problem: String?
    private(set) var finished = false
    private let core: AppCore

    init(core: AppCore, name: String, isNew: Bool, announcer: any Announcer = SilentAnnouncer()) {
        self.core = core
        self.name = name
        self.isNew = isNew
        scan = ScanModel(mode: .shelf, announcer: announcer)
        scan.onEvent = { [weak self] event in
            // The audit records each lookup before the session reports it.
            switch event {
            case .result, .failed: Task { await self?.reload() }
            default: break
            }
        }
    }

    /// Opens (or starts) the audit and its shelf session; a refusal is shown in the core's words.
    func open() async {
        guard audit == nil, let scanner = await core.open() else { return }
        let (name, isNew) = (name, isNew)
        do {
            let opened = try await Task.detached {
                if isNew { try scanner.startAudit(name: name) } else { try scanner.openAudit(name: name) }
            }.value
            audit = opened
            problem = nil
            scan.start(scanner) { listener in
                opened.startSession(config: SessionConfig(mode: .shelf, repeatWindowMs: 10_000, offline: false), listener: listener)
            }
            await reload()
        } catch {
            problem = shownError(error)
        }
    }

    /// A typed link: counted like a scanned one.
    func add(_ text: String) { scan.open(text) }

    func reload() async {
        guard let audit else { return }
        (counts, entries) = await Task.detached { (audit.counts(), audit.entries()) }.value
    }

    func finish() async {
        guard let audit, !finished else { return }
        scan.stop()
        do {
            try await Task.detached { try audit.closeAudit() }.value
            finished = true
        } catch {
            problem = shownError(error)
        }
    }

    /// Leaving the screen: the session stops; the audit stays open to be reopened.
    func leave() { scan.stop() }

    /// The audit written by the core as CSV or JSON, in a temporary file named after it.
    func export(json: Bool) async throws -> URL {
        guard let audit else { throw CancellationError() }
        let text = await Task.detached { json ? audit.exportJson() : audit.exportCsv() }.value
        return try exportFile(name: name, ext: json ? "json" : "csv", text: text)
    }
}

/// A file in the temporary folder holding `text`, named after the audit with only letters,
/// digits, "-" and "_" kept (a name can hold anything, a file name cannot).
func exportFile(name: String, ext: String, text: String) throws -> URL {
    let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(safe.isEmpty ? "audit" : safe).\(ext)")
    try Data(text.utf8).write(to: url, options: .atomic)
    return url
}

/// Pack import: the core verifies every envelope and reports what it imported and skipped.
@MainActor
@Observable
final class PackImportModel {
    private(set) var busy = false
    private(set) var report: PackReport?
    /// Why the pack was refused (truncated, too large, not a pack), in the core's words.
    private(set) var problem: String?
    private let core: AppCore

    init(core: AppCore) { self.core = core }

    /// `read` gives the file's bytes (the screen opens the picked file); it runs off the main actor.
    func importPack(_ read: @escaping @Sendable () throws -> Data) async {
        busy = true
        defer { busy = false }
        problem = nil
        guard let scanner = await core.open() else { problem = S("failed_generic"); return }
        do {
            // Up to tens of megabytes: read and checked off the main actor.
            report = try await Task.detached { try scanner.importPack(bytes: try read()) }.value
        } catch {
            report = nil
            problem = shownError(error)
        }
    }
}

/// Products side by side, as the core lined them up.
@MainActor
@Observable
final class CompareModel {
    let urls: [String]
    private(set) var comparison: Comparison?
    private(set) var problem: String?
    private let core: AppCore

    init(core: AppCore, urls: [String]) {
        self.core = core
        self.urls = urls
    }

    func load() async {
        guard let scanner = await core.open() else { problem = S("failed_generic"); return }
        do {
            comparison = try await scanner.compare(urls: urls)
            problem = nil
        } catch {
            problem = shownError(error)
        }
    }
}
