import SwiftUI

/// Where the scan screen's toolbar and lists lead.
enum Route: Hashable {
    case history
    case watch
    case audits
    case audit(name: String, new: Bool)
    case pack
    case compare([String])
}

@main
struct TrustLabelApp: App {
    var body: some Scene {
        WindowGroup { RootView() }
    }
}

/// Owns the core, the shopper scan session and the navigation path. The session lives here,
/// not in a view's task: pushing History during a check does not cancel it, and the result
/// is there when the user comes back.
struct RootView: View {
    @State private var core = AppCore()
    @State private var scan = ScanModel()
    @State private var path: [Route] = []

    var body: some View {
        NavigationStack(path: $path) {
            ScanView(core: core, model: scan, navigate: { path.append($0) })
                .navigationDestination(for: Route.self) { route in
                    switch route {
                    case .history:
                        HistoryView(core: core, onOpen: { reopen($0) }, onCompare: { path.append(.compare($0)) })
                    case .watch:
                        WatchView(core: core, onOpen: { reopen($0) }, onCompare: { path.append(.compare($0)) })
                    case .audits:
                        AuditListView(core: core, onOpen: { path.append(.audit(name: $0, new: $1)) })
                    case let .audit(name, new):
                        AuditView(core: core, name: name, isNew: new)
                    case .pack:
                        PackImportView(core: core)
                    case let .compare(urls):
                        CompareView(core: core, urls: urls)
                    }
                }
        }
        .task {
            guard case .opening = scan.state, let scanner = await core.open() else { return }
            scan.start(scanner)
        }
    }

    /// A history or My devices entry: back to the scan screen, whose session checks it again
    /// (from the cache when offline).
    private func reopen(_ url: String) {
        path.removeAll()
        scan.open(url)
    }
}
