import SwiftUI
import TrustLabelCore

/// History as the core keeps it: search, the on/off switch and clear are the core's calls.
/// Opening an entry hands its link back to the scan session, which checks it again (from the
/// cache when offline); entries can be picked to compare.
struct HistoryView: View {
    @State var model: HistoryModel
    let onOpen: @MainActor (String) -> Void
    let onCompare: @MainActor ([String]) -> Void
    @State private var confirmClear = false
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    var body: some View {
        List {
            Section {
                Toggle(S("history_switch"), isOn: Binding(get: { model.enabled }, set: { on in Task { await model.setEnabled(on) } }))
                    .frame(minHeight: minTouch)
                if !model.enabled { Text(S("history_off")).font(.callout) }
                if model.picked.count >= 2 {
                    Button { onCompare(Array(model.picked)) } label: { Text(S("history_compare")).frame(minHeight: minTouch) }
                }
                if model.failed { Text(L("history_failed")).font(.callout) }
            }
            if let items = model.items {
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
        .searchable(text: $model.query, prompt: S("history_search"))
        .task(id: model.query) { await model.load() }
        .confirmationDialog(S("history_clear_confirm"), isPresented: $confirmClear, titleVisibility: .visible) {
            Button(S("delete"), role: .destructive) { Task { await model.clear() } }
        }
    }

    private func row(_ item: HistoryItem) -> some View {
        let name = item.productName.flatMap { $0.isEmpty ? nil : $0 } ?? L("history_no_product")
        let date = Date(timeIntervalSince1970: TimeInterval(item.scannedAt))
        let when = date.formatted(date: .long, time: .shortened)
        let isPicked = model.picked.contains(item.url)
        return HStack(spacing: 12) {
            Button { model.togglePick(item.url) } label: {
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
}
