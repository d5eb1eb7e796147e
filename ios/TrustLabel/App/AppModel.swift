import Foundation
import Observation
import TrustLabelCore

/// Where the scan screen's toolbar and lists lead.
enum Route: Hashable {
    case history
    case watch
    case audits
    case audit(name: String, new: Bool)
    case pack
    case compare([String])
}

/// A link that opened the app: a Universal Link (the phone's camera read a label's QR code and
/// iOS handed its link to the app), or the app's own URL opened from another app.
enum IncomingLink {
    /// The text the scan session checks for `url`, or nil when the app does not claim it. The
    /// core decides (`incomingLink`, the same function the Android app calls): https, a claimed
    /// host, the default port, no userinfo, a label under `/l/`. The text is the link itself,
    /// exactly as a QR code read by the camera would give it, so the core judges everything
    /// (official or not, look-alike hosts, which registry) the same way.
    static func scanText(_ url: URL, claimedHosts: [String]) -> String? {
        incomingLink(url: url.absoluteString, claimedHosts: claimedHosts)
    }

    /// The hosts whose label links open the app: Info.plist's `TLLinkHost` (build setting
    /// `TL_LINK_HOST`, the host the associated-domains entitlement claims); none when unset.
    static func claimedHosts(_ bundle: Bundle = .main) -> [String] {
        guard let host = bundle.object(forInfoDictionaryKey: "TLLinkHost") as? String, !host.isEmpty else { return [] }
        return [host]
    }
}

/// The app's state above the screens: the core, the shopper scan session and the navigation
/// path. The session lives here, not in a view's task: pushing History during a check does
/// not cancel it, and the result is there when the user comes back.
@MainActor
@Observable
final class AppModel {
    let core: AppCore
    let scan: ScanModel
    /// The one read-aloud for every result screen.
    let reader: ReadAloud
    var path: [Route] = []
    /// The hosts whose label links open the app (Universal Links).
    let linkHosts: [String]

    /// `linkHosts`: the bundle's `TLLinkHost` unless a test gives its own.
    init(core: AppCore, scan: ScanModel, reader: ReadAloud, linkHosts: [String] = IncomingLink.claimedHosts()) {
        self.core = core
        self.scan = scan
        self.reader = reader
        self.linkHosts = linkHosts
    }

    /// Opens the scanner and starts the shopper session; after a failed open, "Try again"
    /// calls this again.
    func launch() async {
        guard case .opening = scan.state, let scanner = await core.open() else { return }
        guard case .opening = scan.state else { return } // two launches raced: one session
        scan.start(scanner)
    }

    /// A history or My devices entry: back to the scan screen, whose session checks it again
    /// (from the cache when offline).
    func reopen(_ url: String) {
        path.removeAll()
        scan.open(url)
    }

    /// A link that opened the app (onOpenURL / NSUserActivityTypeBrowsingWeb): the scan screen
    /// checks it like a scanned code, once the session exists. Returns whether it was taken: a
    /// link the app does not claim opens nothing.
    @discardableResult
    func open(link url: URL) -> Bool {
        guard let text = IncomingLink.scanText(url, claimedHosts: linkHosts) else { return false }
        path.removeAll()
        scan.open(text)
        return true
    }
}
