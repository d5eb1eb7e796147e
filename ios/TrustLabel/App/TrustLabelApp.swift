import SwiftUI

@main
struct TrustLabelApp: App {
    var body: some Scene {
        WindowGroup { RootView() }
    }
}

/// Draws the app model's navigation; the platform pieces (VoiceOver, the network path) are
/// made here, once, and handed to the platform-free models.
struct RootView: View {
    @State private var app = AppModel(
        core: AppCore(network: SystemNetworkPath()),
        scan: ScanModel(announcer: VoiceOverAnnouncer()),
        reader: ReadAloud(speech: SystemSpeech())
    )

    var body: some View {
        @Bindable var app = app
        NavigationStack(path: $app.path) {
            ScanView(app: app, navigate: { app.path.append($0) })
                .navigationDestination(for: Route.self) { route in
                    switch route {
                    case .history:
                        HistoryView(model: HistoryModel(core: app.core), onOpen: { app.reopen($0) },
                                    onCompare: { app.path.append(.compare($0)) })
                    case .watch:
                        WatchView(model: WatchModel(core: app.core), onOpen: { app.reopen($0) },
                                  onCompare: { app.path.append(.compare($0)) })
                    case .audits:
                        AuditListView(model: AuditListModel(core: app.core), onOpen: { app.path.append(.audit(name: $0, new: $1)) })
                    case let .audit(name, new):
                        AuditView(model: AuditModel(core: app.core, name: name, isNew: new,
                                                    announcer: VoiceOverAnnouncer()))
                    case .pack:
                        PackImportView(model: PackImportModel(core: app.core))
                    case let .compare(urls):
                        CompareView(model: CompareModel(core: app.core, urls: urls))
                    }
                }
        }
        .task { await app.launch() }
        // A label's link opened from the phone's camera (Universal Link) or another app.
        .onOpenURL { app.open(link: $0) }
        .onContinueUserActivity(NSUserActivityTypeBrowsingWeb) { activity in
            if let url = activity.webpageURL { app.open(link: url) }
        }
    }
}
