import Foundation
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
    /// The last open failed; `open()` tries again (the scan screen offers "Try again").
    private(set) var openFailed = false
    /// Why the last open failed, for logs and bug reports (English).
    private(set) var openError: String?
    var notices = Notices()
    @ObservationIgnored private var opening: Task<CoreScanner?, Never>?
    @ObservationIgnored private var network: (any NetworkPath)?
    private let config: @Sendable () -> ScannerConfig
    private let makeScanner: @Sendable (ScannerConfig) throws -> CoreScanner

    /// `network` reports the device's network path (NWPathMonitor on the device); `config` and
    /// `makeScanner` are the bundle's configuration and the core's constructor, replaced in tests.
    /// Making one does nothing else (SwiftUI may make a view's initial values more than once):
    /// the first `open()` starts watching the network.
    init(network: (any NetworkPath)? = nil,
         config: @escaping @Sendable () -> ScannerConfig = { AppCore.bundleConfig() },
         makeScanner: @escaping @Sendable (ScannerConfig) throws -> CoreScanner = { try CoreScanner(config: $0) }) {
        self.config = config
        self.makeScanner = makeScanner
        self.network = network
    }

    /// Opens the scanner once (concurrent callers share the one opening); later calls return
    /// it. After a failed open the next call tries again.
    func open() async -> CoreScanner? {
        if let network {
            self.network = nil
            // Called on the network path's queue, not on the main actor.
            network.start { [weak self] offline in
                Task { @MainActor [weak self] in self?.networkChanged(offline: offline) }
            }
        }
        if let scanner { return scanner }
        if let opening { return await opening.value }
        let config = config()
        let makeScanner = makeScanner
        let task = Task<CoreScanner?, Never> {
            // Disk work (the cache): off the main actor.
            let result = await Task.detached(priority: .userInitiated) {
                Result { try makeScanner(config) }
            }.value
            opening = nil
            switch result {
            case let .failure(error):
                openFailed = true
                openError = String(describing: error)
                return nil
            case let .success(opened):
                scanner = opened
                openFailed = false
                openError = nil
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
        }
        opening = task
        return await task.value
    }

    /// The network path changed. Back online: the core decides whether the trust list is due.
    func networkChanged(offline: Bool) {
        let cameBack = notices.offline && !offline
        notices.offline = offline
        if cameBack, let scanner { Task { await refreshTrustList(scanner) } }
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

    /// The deployment's configuration from the app bundle: the trust files and origins named in
    /// Info.plist, the cache under Application Support, the app's language.
    nonisolated static func bundleConfig(_ bundle: Bundle = .main) -> ScannerConfig {
        let info = bundle.infoDictionary ?? [:]
        func setting(_ key: String) -> String? {
            (info[key] as? String).flatMap { $0.isEmpty ? nil : $0 }
        }
        func resource(_ key: String) -> Data? {
            guard let name = setting(key), let url = bundle.url(forResource: name, withExtension: nil) else { return nil }
            return try? Data(contentsOf: url)
        }
        let support = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask).first
            ?? FileManager.default.temporaryDirectory
        // The other fields keep the core's defaults.
        return ScannerConfig(
            dataDir: support.appendingPathComponent("trustlabel", isDirectory: true).path,
            locale: coreLocale(bundle),
            trustList: resource("TLTrustList"),
            trustAnchor: resource("TLTrustAnchor"),
            trustListUrl: setting("TLTrustListURL"),
            registryOrigin: setting("TLRegistryOrigin")
        )
    }

    /// The language the app's screens are in (en or es), with the user's region: "es-US".
    nonisolated static func coreLocale(_ bundle: Bundle = .main, locale: Locale = .current) -> String {
        let language = bundle.preferredLocalizations.first ?? "en"
        let region = locale.region?.identifier ?? "US"
        return "\(language)-\(region)"
    }
}
