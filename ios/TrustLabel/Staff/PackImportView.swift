import SwiftUI
import TrustLabelCore
import UniformTypeIdentifiers

/// Pack import from a file (fileImporter); the core verifies every envelope and reports what
/// it imported and what it skipped, with reasons. State and the call: PackImportModel.
struct PackImportView: View {
    @State var model: PackImportModel
    @State private var choosing = false
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    var body: some View {
        List {
            Section {
                Text(S("pack_intro"))
                Button { choosing = true } label: { Text(S("pack_choose")).frame(minHeight: minTouch) }
                    .disabled(model.busy)
                if model.busy { ProgressView() }
                // A refused pack (truncated, too large, not a pack): the core's sentence.
                if let problem = model.problem { Text(problem) }
            }
            if let report = model.report {
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
            guard case let .success(url) = result else { return }
            Task {
                await model.importPack {
                    let scoped = url.startAccessingSecurityScopedResource()
                    defer { if scoped { url.stopAccessingSecurityScopedResource() } }
                    return try Data(contentsOf: url)
                }
            }
        }
    }
}
