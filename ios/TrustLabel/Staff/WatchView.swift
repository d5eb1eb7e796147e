import SwiftUI
import TrustLabelCore

/// My devices: the core's alerts first (worded by the core), then the saved products; open one
/// (back to the scan session) or pick two or more to compare.
struct WatchView: View {
    let core: AppCore
    let onOpen: @MainActor (String) -> Void
    let onCompare: @MainActor ([String]) -> Void
    @State private var items: [WatchItem]?
    @State private var alerts: [WatchAlert] = []
    @State private var picked: Set<String> = []
    @State private var failed = false
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    /// "Support ends soon" means within about six months, as the audit's bucket does.
    private static let alertDays: UInt32 = 183

    var body: some View {
        List {
            Section(S("watch_alerts")) {
                if alerts.isEmpty { Text(S("watch_no_alerts")) }
                ForEach(Array(alerts.enumerated()), id: \.offset) { _, alert in
                    VStack(alignment: .leading, spacing: 2) {
                        Text(alert.productName ?? alert.url).font(.headline)
                        Text(alert.words.text)
                    }
                    .accessibilityElement(children: .ignore)
                    .accessibilityLabel(alert.words.spoken.isEmpty ? alert.words.text : alert.words.spoken)
                }
            }
            Section(S("watch_title")) {
                if failed { Text(S("failed_generic")) }
                if picked.count >= 2 {
                    Button { onCompare(Array(picked)) } label: { Text(S("history_compare")).frame(minHeight: minTouch) }
                }
                if let items {
                    if items.isEmpty { Text(S("watch_empty")) }
                    ForEach(items, id: \.url) { item in
                        let isPicked = picked.contains(item.url)
                        HStack {
                            Button {
                                if isPicked { picked.remove(item.url) } else { picked.insert(item.url) }
                            } label: {
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
                        .swipeActions { Button(S("watch_remove"), role: .destructive) { remove(item.url) } }
                        .accessibilityAction(named: S("watch_remove")) { remove(item.url) }
                    }
                } else {
                    ProgressView()
                }
            }
        }
        .navigationTitle(S("watch_title"))
        .task { await load() }
        .refreshable { await load() }
    }

    private func load() async {
        guard let scanner = await core.open() else { return }
        do {
            items = try await Task.detached { try await scanner.watchList() }.value
            alerts = try await Task.detached { try await scanner.watchAlerts(days: Self.alertDays) }.value
            failed = false
        } catch is CancellationError {
        } catch {
            failed = true
        }
    }

    private func remove(_ url: String) {
        Task {
            guard let scanner = await core.open() else { return }
            _ = try? await Task.detached { try await scanner.watchRemove(url: url) }.value
            await load()
        }
    }
}
