import SwiftUI
import TrustLabelCore
import UniformTypeIdentifiers

/// Pack import from a file (fileImporter); the core verifies every envelope and reports what
/// it imported and what it skipped, with reasons.
struct PackImportView: View {
    let core: AppCore
    @State private var choosing = false
    @State private var busy = false
    @State private var failed = false
    @State private var report: PackReport?
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    var body: some View {
        List {
            Section {
                Text(S("pack_intro"))
                Button { choosing = true } label: { Text(S("pack_choose")).frame(minHeight: minTouch) }
                    .disabled(busy)
                if busy { ProgressView() }
                if failed { Text(S("failed_generic")) }
            }
            if let report {
                Section {
                    Text(report.words.text).font(.headline)
                        .accessibilityLabel(report.words.spoken.isEmpty ? report.words.text : report.words.spoken)
                    Text(S("pack_imported", String(report.imported)))
                    Text(S("pack_skipped", String(report.skipped.count)))
                    if report.trustListInstalled { Text(S("pack_trust_list")) }
                }
                Section {
                    ForEach(report.skipped, id: \.index) { skipped in
                        // The core's reason, in words; the entry's link when it had one.
                        VStack(alignment: .leading) {
                            Text(skipped.reason)
                            if let url = skipped.url { Text(url).font(.footnote).foregroundStyle(.secondary) }
                        }
                    }
                }
            }
        }
        .navigationTitle(S("pack_title"))
        // Packs have no registered type of their own: any file; the core rejects what is not a pack.
        .fileImporter(isPresented: $choosing, allowedContentTypes: [.data]) { result in
            if case let .success(url) = result { importPack(url) }
        }
    }

    private func importPack(_ url: URL) {
        busy = true
        Task {
            defer { busy = false }
            guard let scanner = await core.open() else { failed = true; return }
            let scoped = url.startAccessingSecurityScopedResource()
            defer { if scoped { url.stopAccessingSecurityScopedResource() } }
            do {
                // Up to tens of megabytes: read off the main actor.
                let bytes = try await Task.detached { try Data(contentsOf: url) }.value
                report = try await Task.detached { try await scanner.importPack(bytes: bytes) }.value
                failed = false
            } catch {
                failed = true
            }
        }
    }
}
