// The iOS app's platform-free models with the real core and fake platform pieces: the scan
// model's states (searching, checking, result, failed, problem, photo import errors) with a
// fake announcer, events of a replaced session not drawn, cancel mid-lookup, the scanner's open
// retried, links that open the app, the staff and history models, read-aloud, the network path.
import Foundation
@testable import TrustLabel
import TrustLabelCore
import XCTest

/// Records what VoiceOver would have been told.
@MainActor
final class RecordingAnnouncer: Announcer {
    var said: [String] = []
    func announce(_ text: String) { said.append(text) }
}

@MainActor
final class FakeSpeech: SpeechOutput {
    var spoken: [(text: String, language: String)] = []
    var stops = 0
    var finished: (@MainActor () -> Void)?
    func speak(_ text: String, language: String, finished: @escaping @MainActor () -> Void) {
        spoken.append((text, language))
        self.finished = finished
    }
    func stop() { stops += 1 }
}

/// A network path the test changes by hand.
final class FakeNetworkPath: NetworkPath, @unchecked Sendable {
    // @unchecked: `onChange` is set once by start, before the test calls `set`.
    private var onChange: (@Sendable (Bool) -> Void)?
    let started = Locked(0)
    func start(_ onChange: @escaping @Sendable (Bool) -> Void) {
        self.onChange = onChange
        started.withLock { $0 += 1 }
        onChange(false)
    }
    func set(offline: Bool) { onChange?(offline) }
}

/// A listener in front of the model's own, so a test can send events as a replaced session would.
final class Tap: SessionListener, @unchecked Sendable {
    // @unchecked: set once before the session starts.
    var inner: SessionListener?
    func onEvent(event: SessionEvent) { inner?.onEvent(event: event) }
}

extension ScanState {
    var name: String {
        switch self {
        case .opening: "opening"
        case .searching: "searching"
        case .codeSeen: "codeSeen"
        case .checking: "checking"
        case .showing: "showing"
        case .failed: "failed"
        case .problem: "problem"
        case .cancelled: "cancelled"
        }
    }

    var result: ScanResult? { if case let .showing(result, _) = self { result } else { nil } }
}

@MainActor
private func appCore(_ dir: String?, origin: String? = Fixtures.registry, offline: Bool = false) -> AppCore {
    AppCore(config: { Fixtures.config(dir, origin: origin, offline: offline) })
}

/// The core's scanner, opened; fails the test when it does not open.
@MainActor
private func opened(_ core: AppCore) async throws -> CoreScanner {
    let scanner = await core.open()
    return try XCTUnwrap(scanner, "the scanner did not open: \(core.openError ?? "")")
}

final class AppTests: XCTestCase {
    let ringwraith = Fixtures.label("ringwraith-2000")
    let palantir = Fixtures.label("palantir-cam")

    @MainActor
    func testScanModelStatesFromSearchingToResultAnnounced() async throws {
        let announcer = RecordingAnnouncer()
        let model = ScanModel(announcer: announcer)
        XCTAssertEqual(model.state.name, "opening")
        let core = appCore(Fixtures.newDataDir("model-states"))
        let scanner = try await opened(core)
        var seen: [String] = []
        model.onEvent = { event in seen.append(event.brief) }
        model.start(scanner)
        XCTAssertEqual(model.state.name, "searching")
        XCTAssertTrue(model.state.wantsCamera)
        model.open("  \(ringwraith.url)\n")
        try await eventually("a result") { model.state.name == "showing" }
        XCTAssertEqual(model.state.result?.outcomeCode, "verified")
        XCTAssertFalse(model.state.wantsCamera, "the camera stops behind a result")
        XCTAssertEqual(model.done, 1)
        XCTAssertTrue(seen.contains("checking:\(ringwraith.url)"), "\(seen)")
        XCTAssertEqual(seen.last, "result:\(ringwraith.url):verified")
        let verdict = try XCTUnwrap(model.state.result?.summary.verdict)
        XCTAssertEqual(announcer.said.last, verdict.spoken, "VoiceOver hears the verdict's spoken form")
        XCTAssertTrue(announcer.said.count >= 2, "the check was announced too: \(announcer.said)")

        // Save to My devices: said saved only once the core has it.
        await model.save(ringwraith.url)
        XCTAssertEqual(model.savedURL, ringwraith.url)
        XCTAssertNil(model.saveProblem)
        XCTAssertEqual(try scanner.watchList().map(\.url), [ringwraith.url])
        await model.save(Fixtures.label("bad-forged-signature").url)
        XCTAssertNotNil(model.saveProblem, "a label without a record cannot be saved: the core's sentence")

        model.scanAgain()
        XCTAssertEqual(model.state.name, "searching")
        XCTAssertNil(model.savedURL)
        model.stop()
    }

    @MainActor
    func testScanModelFailedWithTheCoreSummaryWhenOfflineAndNotSaved() async throws {
        let announcer = RecordingAnnouncer()
        let model = ScanModel(announcer: announcer)
        let core = appCore(Fixtures.newDataDir("model-failed"), offline: true)
        model.start(try await opened(core)) { listener in
            core.scanner!.startSession(config: SessionConfig(mode: .shopper, repeatWindowMs: 10_000, offline: true), listener: listener)
        }
        model.open(palantir.url)
        try await eventually("failed") { model.state.name == "failed" }
        guard case let .failed(summary, announcement) = model.state else { return XCTFail() }
        XCTAssertEqual(summary.outcome, "not_cached")
        XCTAssertEqual(announcer.said.last, announcement.spoken)
        model.stop()
    }

    @MainActor
    func testPhotoImportErrorsAndCodes() async throws {
        let announcer = RecordingAnnouncer()
        let model = ScanModel(announcer: announcer)
        let core = appCore(Fixtures.newDataDir("model-photo"))
        model.start(try await opened(core))

        // The system could not hand the photo over: said, not silent.
        await model.openPhoto(nil)
        guard case let .problem(words) = model.state else { return XCTFail("\(model.state.name)") }
        XCTAssertEqual(words.text, S("failed_generic"))
        XCTAssertEqual(announcer.said.last, words.text)

        // Not an image: the core's worded InvalidImage summary.
        model.scanAgain()
        await model.openPhoto(Data([1, 2, 3]))
        guard case let .failed(summary, _) = model.state else { return XCTFail("\(model.state.name)") }
        XCTAssertEqual(summary.outcome, "decode")

        // A photo without a code.
        model.scanAgain()
        await model.openPhoto(try Data(contentsOf: Fixtures.luma.appendingPathComponent("blank.png")))
        XCTAssertTrue(model.photoHadNoCode)
        XCTAssertEqual(model.state.name, "searching")

        // A label photo: checked by the session like a camera frame.
        await model.openPhoto(Fixtures.bytes("label-photos/straight-480x360.jpg"))
        XCTAssertFalse(model.photoHadNoCode)
        try await eventually("the photo's label checked") { model.state.name == "showing" }
        XCTAssertEqual(model.state.result?.text, Fixtures.photoText("straight-480x360"))
        model.stop()
    }

    @MainActor
    func testErrorsWithoutASummaryAreShownInWords() async throws {
        let refused = TrustLabelError.Refused(code: "too_few", detail: "one url", text: "Pick two or more products.")
        XCTAssertNil(refused.summary)
        XCTAssertEqual(refused.refusal, "Pick two or more products.")
        XCTAssertEqual(shownError(refused), "Pick two or more products.")
        XCTAssertEqual(shownError(TrustLabelError.Internal(detail: "a bug")), S("failed_generic"))
        XCTAssertEqual(shownError(TrustLabelError.InvalidConfig(detail: "bad origin")), S("failed_generic"))
        XCTAssertEqual(shownError(CancellationError()), S("failed_generic"))
    }

    @MainActor
    func testEventsOfAReplacedSessionAreNotDrawn() async throws {
        let model = ScanModel()
        let core = appCore(Fixtures.newDataDir("model-replaced"))
        let scanner = try await opened(core)
        let oldTap = Tap()
        model.start(scanner) { listener in
            oldTap.inner = listener
            return scanner.startSession(config: SessionConfig(mode: .shopper, repeatWindowMs: 10_000, offline: false), listener: oldTap)
        }
        let newTap = Tap()
        var drawn: [String] = []
        model.onEvent = { drawn.append($0.brief) }
        model.start(scanner) { listener in
            newTap.inner = listener
            return scanner.startSession(config: SessionConfig(mode: .shopper, repeatWindowMs: 10_000, offline: false), listener: newTap)
        }
        // The new session says Searching when it starts; after that nothing else comes from it.
        try await eventually("the new session's Searching") { drawn == ["searching"] }
        // The first session, already replaced, sends a late event; then the current one sends its own.
        oldTap.onEvent(event: .cancelled(words: Words(text: "old session", spoken: "old session")))
        newTap.onEvent(event: .checking(qrText: "x", words: Words(text: "current session", spoken: "current session")))
        try await eventually("the current session's event drawn") { model.state.words?.text == "current session" }
        for _ in 0..<20 { await Task.yield() }
        XCTAssertEqual(model.state.words?.text, "current session")
        XCTAssertEqual(drawn, ["searching", "checking:x"], "the old session's event was never drawn")
        // After stop, nothing is drawn, not even the last session's.
        model.stop()
        newTap.onEvent(event: .cancelled(words: Words(text: "after stop", spoken: "after stop")))
        for _ in 0..<20 { await Task.yield() }
        XCTAssertEqual(model.state.words?.text, "current session")
    }

    @MainActor
    func testCancelMidLookupThroughTheModelLeavesTheStoreUnchanged() async throws {
        let hole = BlackHoleRegistry()
        defer { hole.close() }
        let dir = Fixtures.newDataDir("model-cancel")
        let core = AppCore(config: { Fixtures.config(dir, origin: hole.origin, requestTimeoutMs: 20_000) })
        let scanner = try await opened(core)
        let model = ScanModel()
        var seen: [String] = []
        model.onEvent = { seen.append($0.brief) }
        model.start(scanner)
        model.open(ringwraith.url)
        try await eventually("checking") { model.state.name == "checking" }
        try await eventually("the lookup reached the server") { hole.accepted > 0 }
        model.cancel()
        try await eventually("cancelled") { model.state.name == "cancelled" }
        try await waitUntil("the request dropped") { hole.dropped > 0 }
        // The core searches again at once: the camera runs, the words say it was cancelled.
        XCTAssertTrue(model.state.wantsCamera)
        XCTAssertEqual(seen.last, "cancelled")
        model.stop()
        XCTAssertEqual(scanner.cachedRecordCount(), 0)
        XCTAssertEqual(try scanner.history().count, 0)
    }

    @MainActor
    func testAFailedOpenIsRetriedAndTheSessionStartsThen() async throws {
        let attempts = Locked(0)
        let dir = Fixtures.newDataDir("model-retry")
        let core = AppCore(config: { Fixtures.config(dir) }, makeScanner: { config in
            if attempts.withLock({ $0 += 1; return $0 }) == 1 {
                throw TrustLabelError.Storage(detail: "disk full", summary: Summary(locale: "en-US", outcome: "storage",
                    verdict: Verdict(tone: .unknown, text: "x", spoken: "x"), facts: []))
            }
            return try CoreScanner(config: config)
        })
        let app = AppModel(core: core, scan: ScanModel(), reader: ReadAloud(speech: FakeSpeech()))
        await app.launch()
        XCTAssertTrue(core.openFailed)
        XCTAssertNotNil(core.openError)
        XCTAssertEqual(app.scan.state.name, "opening", "the scan screen shows the failure and Try again")
        await app.launch() // "Try again"
        XCTAssertFalse(core.openFailed)
        XCTAssertNotNil(core.scanner)
        XCTAssertEqual(app.scan.state.name, "searching")
        XCTAssertEqual(attempts.withLock { $0 }, 2)
        await app.launch() // a second launch starts no second session
        XCTAssertEqual(attempts.withLock { $0 }, 2)
        app.scan.stop()
    }

    @MainActor
    func testALinkThatOpenedTheAppIsScannedLikeAScannedCode() async throws {
        let dir = Fixtures.newDataDir("model-links")
        let app = AppModel(core: appCore(dir), scan: ScanModel(), reader: ReadAloud(speech: FakeSpeech()),
                           linkHosts: ["demo.trustlabel.dev"])
        app.path = [.history, .watch]
        // The link arrives before the scanner is open (it launched the app): kept until then.
        XCTAssertTrue(app.open(link: try XCTUnwrap(URL(string: ringwraith.url))))
        XCTAssertEqual(app.path, [], "back to the scan screen")
        await app.launch()
        try await eventually("the link's result") { app.scan.state.name == "showing" }
        XCTAssertEqual(app.scan.state.result?.outcomeCode, "verified")
        XCTAssertEqual(app.scan.state.result?.text, ringwraith.url)

        // Each kind of label link of the claimed host gets what the same text read from a QR code gets.
        let scanner = try XCTUnwrap(app.core.scanner)
        for text in [palantir.url, Fixtures.label("bad-forged-signature").url, "https://DEMO.trustlabel.dev:443/l/no-such-product"] {
            app.scan.scanAgain()
            app.path = [.audits]
            XCTAssertTrue(app.open(link: try XCTUnwrap(URL(string: text))))
            XCTAssertEqual(app.path, [])
            try await eventually("result for \(text)") { app.scan.state.result?.text == text }
            let direct = try await scanner.scanText(text: text)
            XCTAssertEqual(app.scan.state.result?.outcomeCode, direct.outcomeCode, text)
            XCTAssertEqual(app.scan.state.result?.reasonCode, direct.reasonCode, text)
            XCTAssertEqual(app.scan.state.result?.linksAllowed, direct.linksAllowed, text)
        }
        // Links the app does not claim open nothing and leave the screen where it was: other
        // schemes, plain http, a look-alike host, the registry's home page, another port.
        app.path = [.audits]
        for other in ["file:///tmp/a.png", "mailto:someone@example.com", "trustlabel:open",
                      "http://demo.trustlabel.dev/l/ringwraith-2000", "https://dem0.trustlabel.dev/l/ringwraith-2000",
                      "https://demo.trustlabel.dev/", "https://demo.trustlabel.dev:8443/l/ringwraith-2000"] {
            XCTAssertFalse(app.open(link: try XCTUnwrap(URL(string: other))), other)
        }
        XCTAssertEqual(app.path, [.audits])
        XCTAssertEqual(IncomingLink.scanText(try XCTUnwrap(URL(string: ringwraith.url)), claimedHosts: ["demo.trustlabel.dev"]),
                       ringwraith.url)
        // The hosts come from the bundle's TLLinkHost; a bundle without it claims nothing.
        XCTAssertEqual(IncomingLink.claimedHosts(try XCTUnwrap(Bundle(url: Fixtures.work))), [])
        let unclaimed = AppModel(core: appCore(dir), scan: ScanModel(), reader: ReadAloud(speech: FakeSpeech()),
                                 linkHosts: IncomingLink.claimedHosts(try XCTUnwrap(Bundle(url: Fixtures.work))))
        XCTAssertFalse(unclaimed.open(link: try XCTUnwrap(URL(string: ringwraith.url))))
        app.scan.stop()
    }

    @MainActor
    func testHistoryWatchAuditPackAndCompareModels() async throws {
        let dir = Fixtures.newDataDir("model-staff")
        let core = appCore(dir)
        let scanner = try await opened(core)
        _ = try await scanner.scanText(text: ringwraith.url)
        _ = try await scanner.scanText(text: palantir.url)

        let history = HistoryModel(core: core)
        await history.load()
        XCTAssertEqual(history.items?.count, 2)
        history.query = "palantir"
        await history.load()
        XCTAssertEqual(history.items?.map(\.url), [palantir.url])
        history.togglePick(palantir.url)
        XCTAssertEqual(history.picked, [palantir.url])
        await history.setEnabled(false)
        XCTAssertFalse(history.enabled)
        XCTAssertFalse(try scanner.historyEnabled())
        await history.setEnabled(true)
        await history.clear()
        XCTAssertEqual(history.items?.count, 0)
        XCTAssertEqual(history.picked, [])
        XCTAssertFalse(history.failed)

        let watch = WatchModel(core: core)
        _ = try await scanner.watchAdd(url: palantir.url)
        await watch.load()
        XCTAssertEqual(watch.items?.map(\.url), [palantir.url])
        XCTAssertEqual(watch.alerts.map(\.url), [palantir.url], "support ends within \(WatchModel.alertDays) days")
        await watch.remove(palantir.url)
        XCTAssertEqual(watch.items?.count, 0)

        let compare = CompareModel(core: core, urls: [ringwraith.url])
        await compare.load()
        XCTAssertNil(compare.comparison)
        XCTAssertFalse(compare.problem?.isEmpty ?? true, "too few: the core's sentence")
        XCTAssertNotEqual(compare.problem, S("failed_generic"))
        let two = CompareModel(core: core, urls: [ringwraith.url, palantir.url])
        await two.load()
        XCTAssertEqual(two.comparison?.products.count, 2)

        let pack = PackImportModel(core: core)
        let whole = packOf(Fixtures.bytes("envelopes/ringwraith-2000.jws.json"))
        await pack.importPack { whole.prefix(whole.count / 2) }
        XCTAssertNil(pack.report)
        XCTAssertTrue(pack.problem?.hasPrefix("This pack file is incomplete") ?? false, "\(String(describing: pack.problem))")
        await pack.importPack { whole }
        XCTAssertNil(pack.problem)
        XCTAssertEqual(pack.report?.imported, 1)
        XCTAssertFalse(pack.busy)
        await pack.importPack { throw CocoaError(.fileReadNoSuchFile) }
        XCTAssertEqual(pack.problem, S("failed_generic"))

        let audits = AuditListModel(core: core)
        await audits.load()
        XCTAssertEqual(audits.audits?.count, 0)
        let audit = AuditModel(core: core, name: "aisle 7", isNew: true)
        await audit.open()
        XCTAssertNil(audit.problem)
        XCTAssertEqual(audit.scan.state.name, "searching")
        audit.add(ringwraith.url)
        try await eventually("counted") { audit.entries.count == 1 }
        XCTAssertEqual(audit.counts.first { $0.bucket == .ok }?.count, 1)
        audit.add("hello")
        try await eventually("counted") { audit.entries.count == 2 }
        let csv = try await audit.export(json: false)
        XCTAssertEqual(csv.lastPathComponent, "aisle_7.csv")
        XCTAssertTrue(try String(contentsOf: csv, encoding: .utf8).contains(ringwraith.url))
        await audit.finish()
        XCTAssertTrue(audit.finished)
        // The same name again: the core's refusal in words, not a blank screen.
        let taken = AuditModel(core: core, name: "aisle 7", isNew: true)
        await taken.open()
        XCTAssertNil(taken.audit)
        XCTAssertFalse(taken.problem?.isEmpty ?? true)
        XCTAssertNotEqual(taken.problem, S("failed_generic"))
        await audits.load()
        XCTAssertEqual(audits.audits?.map(\.name), ["aisle 7"])
        await audits.delete("aisle 7")
        XCTAssertEqual(audits.audits?.count, 0)
    }

    @MainActor
    func testReadAloudSaysTheSummaryInItsLanguage() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(nil, locale: "es-US"))
        let summary = try await scanner.scanText(text: ringwraith.url).summary
        let speech = FakeSpeech()
        let reader = ReadAloud(speech: speech)
        reader.toggle(summary)
        XCTAssertTrue(reader.speaking)
        XCTAssertEqual(speech.spoken.first?.language, "es-US")
        let script = try XCTUnwrap(speech.spoken.first?.text)
        XCTAssertTrue(script.hasPrefix(summary.verdict.spoken), script)
        for fact in summary.facts { XCTAssertTrue(script.contains(fact.spoken), fact.id) }
        speech.finished?()
        XCTAssertFalse(reader.speaking, "the end of the speech is drawn")
        reader.toggle(summary)
        reader.toggle(summary)
        XCTAssertFalse(reader.speaking)
        XCTAssertEqual(speech.stops, 1)
    }

    @MainActor
    func testTheNetworkPathDrivesTheOfflineNotice() async throws {
        let network = FakeNetworkPath()
        let core = AppCore(network: network, config: { Fixtures.config(nil) })
        XCTAssertEqual(network.started.withLock { $0 }, 0, "making the core starts nothing")
        _ = await core.open()
        _ = await core.open()
        XCTAssertEqual(network.started.withLock { $0 }, 1, "watched once")
        network.set(offline: true)
        try await eventually("offline") { core.notices.offline }
        network.set(offline: false)
        try await eventually("online") { !core.notices.offline }
        XCTAssertFalse(core.notices.cacheTemporary)
        XCTAssertFalse(core.notices.trustListExpired)
    }

    @MainActor
    func testCameraFramesThroughTheScanModelAndTheSharedCameraTokens() async throws {
        let model = ScanModel()
        let core = appCore(Fixtures.newDataDir("model-camera"))
        model.start(try await opened(core))
        // Two screens share the camera: the later start wins, and the earlier screen's late stop
        // does not take the frames away from it.
        let consumers = FrameConsumers()
        let delivered = Locked(0)
        let scanScreen = consumers.start { _ in delivered.withLock { $0 += 100 } }
        let sink = model.frameSink()
        let auditScreen = consumers.start { frame in
            delivered.withLock { $0 += 1 }
            sink(frame)
        }
        XCTAssertFalse(consumers.stop(scanScreen), "not the current screen")
        XCTAssertFalse(consumers.idle)
        let frame = Frame.photo("straight-480x360", padding: 32)
        for i in 0..<3 {
            consumers.deliver(LumaFrame(width: frame.width, height: frame.height, stride: frame.stride,
                                        bytes: frame.luma, timestampMs: ScanModel.now() + UInt64(i)))
        }
        XCTAssertEqual(delivered.withLock { $0 }, 3, "only the current screen got the frames")
        try await eventually("the frame's label checked") { model.state.name == "showing" }
        XCTAssertEqual(model.state.result?.text, Fixtures.photoText("straight-480x360"))
        XCTAssertTrue(consumers.stop(auditScreen))
        XCTAssertTrue(consumers.idle)
        consumers.deliver(LumaFrame(width: 1, height: 1, stride: 1, bytes: Data([0]), timestampMs: 0))
        XCTAssertEqual(delivered.withLock { $0 }, 3)
        model.stop()
    }

    func testTheBundleConfigurationReadsTheTrustFilesAndOriginsNamedInInfoPlist() throws {
        // A bundle like the app's: Info.plist naming the trust files, which are resources.
        let dir = URL(fileURLWithPath: Fixtures.newDataDir("bundle")).appendingPathExtension("bundle")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let info: [String: Any] = [
            "CFBundleIdentifier": "org.trustlabel.test", "TLTrustList": "list.jws.json", "TLTrustAnchor": "anchor.json",
            "TLTrustListURL": "", "TLRegistryOrigin": "http://127.0.0.1:8080", "TLLinkHost": "demo.trustlabel.dev",
        ]
        try PropertyListSerialization.data(fromPropertyList: info, format: .xml, options: 0)
            .write(to: dir.appendingPathComponent("Info.plist"))
        try Fixtures.trustList.write(to: dir.appendingPathComponent("list.jws.json"))
        try Fixtures.anchor.write(to: dir.appendingPathComponent("anchor.json"))
        let bundle = try XCTUnwrap(Bundle(url: dir))
        let config = AppCore.bundleConfig(bundle)
        XCTAssertEqual(config.trustList, Fixtures.trustList)
        XCTAssertEqual(config.trustAnchor, Fixtures.anchor)
        XCTAssertNil(config.trustListUrl, "empty: no refresh")
        XCTAssertEqual(config.registryOrigin, "http://127.0.0.1:8080")
        XCTAssertEqual(IncomingLink.claimedHosts(bundle), ["demo.trustlabel.dev"])
        XCTAssertTrue(config.dataDir?.hasSuffix("/trustlabel") ?? false, "\(String(describing: config.dataDir))")
        XCTAssertTrue(config.locale.hasPrefix("en-"), config.locale)
        XCTAssertEqual(AppCore.coreLocale(bundle, locale: Locale(identifier: "es_MX")).split(separator: "-").last, "MX")
        // A bundle naming no trust files: the core's built-in ones (nil here).
        let empty = AppCore.bundleConfig(try XCTUnwrap(Bundle(url: Fixtures.work)))
        XCTAssertNil(empty.trustList)
        XCTAssertNil(empty.registryOrigin)
    }
}
