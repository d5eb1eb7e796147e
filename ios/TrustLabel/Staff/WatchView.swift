import SwiftUI
import TrustLabelCore

/// My devices: the core's alerts first (worded by the core), then the saved products; open one
/// (back to the scan session) or pick two or more to compare. State and calls: WatchModel.
struct WatchView: View {
    @State var model: WatchModel
    let onOpen: @MainActor (String) -> Void
    let onCompare: @MainActor ([String]) -> Void
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    var body: some View {
        List {
            Section(S("watch_alerts")) {
                if model.alerts.isEmpty { Text(S("watch_no_alerts")) }
                ForEach(Array(model.alerts.enumerated()), id: \.offset) { _, alert in
                    VStack(alignment: .leading, spacing: 2) {
                        Text(alert.productName ?? alert.url).font(.headline)
                        Text(alert.words.text)
                    }
                    .accessibilityElement(children: .ignore)
                    .accessibilityLabel(alert.words.spoken.isEmpty ? alert.words.text : alert.words.spoken)
                }
            }
            Section(S("watch_title")) {
                if let problem = model.problem { Text(problem) }
                if model.picked.count >= 2 {
                    Button { onCompare(Array(model.picked)) } label: { Text(S("history_compare")).frame(minHeight: minTouch) }
                }
                if let items = model.items {
                    if items.isEmpty { Text(S("watch_empty")) }
                    ForEach(items, id: \.url) { item in row(item) }
                } else {
                    ProgressView()
                }
            }
        }
        .navigationTitle(S("watch_title"))
        .task { await model.load() }
        .refreshable { await model.load() }
    }

    private func row(_ item: WatchItem) -> some View {
        let isPicked = model.picked.contains(item.url)
        return HStack {
            Button { model.togglePick(item.url) } label: {
                Image(systemName: isPicked ? "checkmark.circle.fill" : "circle").frame(minWidth: minTouch, minHeight: minTouch)
            }
            .buttonStyle(.borderless)
            .accessibilityLabel("\(S("history_select")): \(item.productName ?? item.url)")
            .accessibilityAddTraits(isPicked ? .isSelected : [])
            Button { onOpen(item.url) } label: {
                Text(item.productName ?? item.url).frame(maxWidth: .infinity, minHeight: minTouch, alignment: .leading)
            }
            .buttonStyle(.plain)
        }
        .swipeActions { Button(S("watch_remove"), role: .destructive) { Task { await model.remove(item.url) } } }
        .accessibilityAction(named: S("watch_remove")) { Task { await model.remove(item.url) } }
    }
}
