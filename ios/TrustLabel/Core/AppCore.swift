import Foundation
import Network
import Observation
import TrustLabelCore

/// The Rust core's scanner (Foundation has a `Scanner` too).
typealias CoreScanner = TrustLabelCore.Scanner

/// What the app tells the user about the core's state, drawn as banners.
struct Notices: Equatable, Sendable {
    var offline = false
    var trustListExpired = false
    /// The cache would not open and was made new: saved labels are gone (said once).
    var cacheRecreated = false
    /// Another process holds the cache: nothing is kept this time.
    var cacheTemporary = false
}

/// Owns the one scanner, opened off the main actor with the deployment's trust list and root
/// key (bundle resources named in Info.plist) and the app's language. iOS restarts an app when
/// its language changes, so the locale read at open stays right for the process.
@MainActor
@Observable
final class AppCore {
    private(set) var scanner: CoreScanner?
    private(set) var openFailed = false
    var notices = Notices()
    private let monitor = NWPathMonitor()
    private var opening: Task<CoreScanner?, Never>?

    init() {
        // @Sendable: called on the monitor's queue, not on the main actor.
        monitor.pathUpdateHandler = { @Sendable [weak self] path in
            let offline = path.status != .satisfied
            Task { @MainActor [weak self] in
                guard let self else { return }
                let cameBack = notices.offline && !offline
                notices.offline = offline
                // Back online: the core decides whether the trust list is due.
                if cameBack, let scanner { await refreshTrustList(scanner) }
            }
        }
        monitor.start(queue: DispatchQueue(label: "org.trustlabel.network"))
    }

    /// Opens the scanner once (concurrent callers share the one opening); later calls return it.
    func open() async -> CoreScanner? {
        if let scanner { return scanner }
        if let opening { return await opening.value }
        let config = Self.config()
        let task = Task<CoreScanner?, Never> {
            // Disk work (the cache): off the main actor.
            guard let opened = try? await Task.detached(priority: .userInitiated, operation: { try CoreScanner(config: config) }).value else {
                openFailed = true
                return nil
            }
            scanner = opened
            notices.trustListExpired = opened.trustListStatus().expired
            switch opened.storeState() {
            case .recreated: notices.cacheRecreated = true
            case .temporary: notices.cacheTemporary = true
            case .opened: break
            }
            // Not awaited: callers get the scanner without waiting for the network.
            Task { await self.refreshTrustList(opened) }
            return opened
        }
        opening = task
        return await task.value
    }

    /// Asks the core for a newer trust list. The core decides whether a request is due (at
    /// open, then once a day, or while the list has expired) and checks what comes back like
    /// any installed list; a failure leaves the list in use, and the next call decides again.
    private func refreshTrustList(_ scanner: CoreScanner) async {
        guard !notices.offline else { return }
        if (try? await scanner.refreshTrustListIfDue()) != nil {
            notices.trustListExpired = scanner.trustListStatus().expired
        }
    }

    private static func config() -> ScannerConfig {
        let info = Bundle.main.infoDictionary ?? [:]
        func resource(_ key: String) -> Data? {
            guard let name = info[key] as? String, !name.isEmpty,
                  let url = Bundle.main.url(forResource: name, withExtension: nil) else { return nil }
            return try? Data(contentsOf: url)
        }
        let origin = (info["TLRegistryOrigin"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let trustListUrl = (info["TLTrustListURL"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let dir = URL.applicationSupportDirectory.appending(path: "trustlabel", directoryHint: .isDirectory)
        // The other fields keep the core's defaults.
        return ScannerConfig(
            dataDir: dir.path(percentEncoded: false),
            locale: coreLocale(),
            trustList: resource("TLTrustList"),
            trustAnchor: resource("TLTrustAnchor"),
            trustListUrl: trustListUrl,
            registryOrigin: origin
        )
    }

    /// The language the app's screens are in (en or es), with the user's region: "es-US".
    private static func coreLocale() -> String {
        let language = Bundle.main.preferredLocalizations.first ?? "en"
        let region = Locale.current.region?.identifier ?? "US"
        return "\(language)-\(region)"
    }
}
