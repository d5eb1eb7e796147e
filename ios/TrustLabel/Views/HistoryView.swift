import SwiftUI
import TrustLabelCore

/// History as the core keeps it: search, the on/off switch and clear are the core's calls.
/// Opening an entry hands its link back to the scan session, which checks it again (from the
/// cache when offline); entries can be picked to compare.
struct HistoryView: View {
    let core: AppCore
    let onOpen: @MainActor (String) -> Void
    let onCompare: @MainActor ([String]) -> Void
    @State private var items: [HistoryItem]?
    @State private var enabled = true
    @State private var query = ""
    @State private var picked: Set<String> = []
    @State private var confirmClear = false
    @State private var failed = false
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    var body: some View {
        List {
            Section {
                Toggle(S("history_switch"), isOn: $enabled)
                    .frame(minHeight: minTouch)
                    .onChange(of: enabled) { _, on in setEnabled(on) }
                if !enabled { Text(S("history_off")).font(.callout) }
                if picked.count >= 2 {
                    Button { onCompare(Array(picked)) } label: { Text(S("history_compare")).frame(minHeight: minTouch) }
                }
                if failed { Text(L("history_failed")).font(.callout) }
            }
            if let items {
                if items.isEmpty {
                    Text(L("history_empty"))
                } else {
                    Section {
                        ForEach(items, id: \.self) { item in row(item) }
                    }
                    Section {
                        Button(S("history_clear"), role: .destructive) { confirmClear = true }
                            .frame(minHeight: minTouch)
                    }
                }
            } else {
                ProgressView()
            }
        }
        .navigationTitle(L("history_title"))
        .searchable(text: $query, prompt: S("history_search"))
        .task(id: query) { await load() }
        .confirmationDialog(S("history_clear_confirm"), isPresented: $confirmClear, titleVisibility: .visible) {
            Button(S("delete"), role: .destructive) { clear() }
        }
    }

    private func row(_ item: HistoryItem) -> some View {
        let name = item.productName.flatMap { $0.isEmpty ? nil : $0 } ?? L("history_no_product")
        let date = Date(timeIntervalSince1970: TimeInterval(item.scannedAt))
        let when = date.formatted(date: .long, time: .shortened)
        let isPicked = picked.contains(item.url)
        return HStack(spacing: 12) {
            Button {
                if isPicked { picked.remove(item.url) } else { picked.insert(item.url) }
            } label: {
                Image(systemName: isPicked ? "checkmark.circle.fill" : "circle")
                    .frame(minWidth: minTouch, minHeight: minTouch)
            }
            .buttonStyle(.borderless)
            .accessibilityLabel("\(S("history_select")): \(name)")
            .accessibilityAddTraits(isPicked ? .isSelected : [])
            Button { onOpen(item.url) } label: {
                HStack {
                    VStack(alignment: .leading, spacing: 2) {
                        Text(name).font(.headline)
                        Text(item.headline.text).font(.subheadline)
                        Text(when).font(.footnote).foregroundStyle(.secondary)
                    }
                    Spacer()
                    ToneBadge(tone: item.headline.tone)
                }
                .frame(minHeight: minTouch)
            }
            .buttonStyle(.plain)
            .accessibilityLabel("\(name). \(item.headline.spoken.isEmpty ? item.headline.text : item.headline.spoken). \(when)")
        }
    }

    private func load() async {
        guard let scanner = await core.open() else { failed = true; return }
        let q = query.trimmingCharacters(in: .whitespaces)
        do {
            let found = try await Task.detached {
                if q.isEmpty { try await scanner.history() } else { try await scanner.historySearch(query: q) }
            }.value
            let on = try await Task.detached { try await scanner.historyEnabled() }.value
            guard !Task.isCancelled else { return } // a newer query is loading
            items = found
            enabled = on
            failed = false
        } catch is CancellationError {
        } catch {
            failed = true
        }
    }

    private func setEnabled(_ on: Bool) {
        Task {
            guard let scanner = await core.open() else { return }
            _ = try? await Task.detached { try await scanner.setHistoryEnabled(on: on) }.value
        }
    }

    private func clear() {
        Task {
            guard let scanner = await core.open() else { return }
            do {
                // The core flushes before it returns: "cleared" is true when this succeeds.
                try await Task.detached { try await scanner.clearHistory() }.value
                items = []
                picked = []
            } catch {
                failed = true
            }
        }
    }
}
