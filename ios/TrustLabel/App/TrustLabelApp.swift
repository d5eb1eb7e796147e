import SwiftUI

@main
struct TrustLabelApp: App {
    /// The Rust core, opened once (it opens the on-device store in Application Support).
    private let scanner: LabelScanner = LazyScanner {
        let dir = URL.applicationSupportDirectory.appending(path: "trustlabel", directoryHint: .isDirectory)
        return try CoreAdapter(dataDirectory: dir)
    }

    var body: some Scene {
        WindowGroup {
            NavigationStack {
                ScanView(scanner: scanner)
            }
        }
    }
}

/// Opens the real scanner on first use, off the main thread, exactly once.
actor LazyScanner: LabelScanner {
    private let open: @Sendable () throws -> LabelScanner
    private var core: LabelScanner?

    init(_ open: @escaping @Sendable () throws -> LabelScanner) { self.open = open }

    private func get() throws -> LabelScanner {
        if let core { return core }
        let opened = try open()
        core = opened
        return opened
    }

    // The actor only guards opening; the calls themselves run concurrently on the core.
    nonisolated func scanFrame(_ frame: LumaFrame) async throws -> FrameScan { try await get().scanFrame(frame) }
    nonisolated func check(_ text: String) async throws -> ScanResultView { try await get().check(text) }
    nonisolated func history() async throws -> [HistoryEntry] { try await get().history() }
}
