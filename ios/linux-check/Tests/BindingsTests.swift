// The generated Swift bindings of trustlabel-ffi against the host-built library and the
// loopback fixture registry: the same story as ffi/kotlin-tests/src/BindingsTest.kt.
import Foundation
@testable import TrustLabel
import TrustLabelCore
import XCTest

/// Every summary reads on its own: a verdict and facts with words in every field.
func assertWellFormed(_ summary: Summary, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(summary.verdict.text.isEmpty || summary.verdict.spoken.isEmpty, "verdict of \(what)", file: file, line: line)
    XCTAssertFalse(summary.facts.isEmpty, "facts of \(what)", file: file, line: line)
    XCTAssertEqual(summary.facts.count, Set(summary.facts.map(\.id)).count, "fact ids unique in \(what)", file: file, line: line)
    for fact in summary.facts {
        XCTAssertFalse(fact.title.isEmpty || fact.text.isEmpty || fact.spoken.isEmpty, "fact \(fact.id) of \(what)", file: file, line: line)
        if let link = fact.link {
            XCTAssertTrue(link.url.hasPrefix("https:") || link.url.hasPrefix("http:") || link.url.hasPrefix("mailto:"),
                          "link of \(fact.id): \(link.url)", file: file, line: line)
        }
    }
}

func assertOutcome(_ label: Label, _ result: ScanResult, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(result.outcomeCode, label.outcome, "outcome of \(label.slug)", file: file, line: line)
    XCTAssertEqual(result.summary.outcome, label.outcome, "summary outcome of \(label.slug)", file: file, line: line)
    XCTAssertEqual(result.reasonCode, label.reason, "reason of \(label.slug)", file: file, line: line)
    XCTAssertEqual(result.text, label.url, file: file, line: line)
    assertWellFormed(result.summary, label.slug, file: file, line: line)
    switch result.outcome {
    case .verified, .verifiedStale, .offlineCached:
        guard let record = result.record else { return XCTFail("record of \(label.slug)", file: file, line: line) }
        XCTAssertEqual(record.registryId, "demo", file: file, line: line)
        XCTAssertEqual(record.expired, result.outcome == .verifiedStale, file: file, line: line)
        XCTAssertTrue(record.statementJson.contains("\"sub\":\"\(label.url)\""), "statement of \(label.slug)", file: file, line: line)
    case .invalid:
        XCTAssertNotNil(result.reason, file: file, line: line)
        XCTAssertNil(result.record, file: file, line: line)
        XCTAssertEqual(result.registryId, "demo", file: file, line: line)
    default:
        XCTAssertNil(result.record, file: file, line: line)
    }
}

/// The error a throwing call ended with, failing the test when it returned.
func caught<T>(_ body: () async throws -> T, file: StaticString = #filePath, line: UInt = #line) async -> TrustLabelError? {
    do {
        _ = try await body()
        XCTFail("expected an error", file: file, line: line)
    } catch let error as TrustLabelError {
        return error
    } catch {
        XCTFail("not a TrustLabelError: \(error)", file: file, line: line)
    }
    return nil
}

final class BindingsTests: XCTestCase {
    let ringwraith = Fixtures.label("ringwraith-2000")
    let palantir = Fixtures.label("palantir-cam")

    func testEveryManifestLabelGetsItsOutcomeAndReason() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("manifest")))
        XCTAssertEqual(scanner.storeState(), .opened)
        var reasons = Set<String>()
        for label in Fixtures.labels {
            let result = try await scanner.scanText(text: label.url)
            assertOutcome(label, result)
            if let reason = label.reason { reasons.insert(reason) }
            XCTAssertEqual(result.trustList.version, 1)
            XCTAssertEqual(result.scannedAt, Fixtures.now)
        }
        XCTAssertEqual(Set(Fixtures.labels.map(\.outcome)), ["verified", "verified_stale", "unknown_product", "invalid"])
        XCTAssertGreaterThanOrEqual(reasons.count, 10, "several invalid reasons covered: \(reasons)")
        print("        \(Fixtures.labels.count) labels, \(reasons.count) invalid reasons")
    }

    func testInvalidReasonsArriveAsTheCheckFailureEnum() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(nil))
        let expected: [(String, CheckFailure)] = [
            ("bad-forged-signature", .badSignature), ("bad-revoked-key", .revokedKey), ("bad-wrong-subject", .wrongSubject),
            ("bad-alg-none", .unsupportedAlgorithm), ("bad-oversized", .tooLarge), ("bad-future-iat", .issuedInFuture),
        ]
        for (slug, reason) in expected {
            let result = try await scanner.scanText(text: Fixtures.label(slug).url)
            XCTAssertEqual(result.outcome, .invalid, slug)
            XCTAssertEqual(result.reason, reason, slug)
        }
    }

    func testSummaryOrderSpokenFormsAndLocales() async throws {
        let english = try CoreScanner(config: Fixtures.config(nil))
        let summary = try await english.scanText(text: ringwraith.url).summary
        XCTAssertEqual(summary.locale, "en-US")
        XCTAssertEqual(summary.verdict.tone, .good)
        let ids = summary.facts.map(\.id)
        XCTAssertEqual(ids.first, "verification")
        for id in ["product", "support", "updates", "sensors", "data_location", "software_origin", "authorization"] {
            XCTAssertTrue(ids.contains(id), "\(id) in \(ids)")
        }
        XCTAssertLessThan(ids.firstIndex(of: "product")!, ids.firstIndex(of: "support")!)
        let support = summary.facts.first { $0.id == "support" }!
        XCTAssertTrue(support.text.contains("August 31, 2028"), support.text)
        XCTAssertNil(support.spoken.range(of: #"\d{1,2}/\d{1,2}/\d{2}"#, options: .regularExpression), "no numeric dates: \(support.spoken)")

        let spanish = try CoreScanner(config: Fixtures.config(nil, locale: "es-MX"))
        let es = try await spanish.scanText(text: palantir.url).summary
        let en = try await english.scanText(text: palantir.url).summary
        XCTAssertEqual(es.locale, "es-US")
        XCTAssertEqual(es.facts.map(\.id), en.facts.map(\.id))
        XCTAssertNotEqual(es.verdict.text, en.verdict.text)
        assertWellFormed(es, "palantir-cam (es)")
    }

    func testNotALabelAndNotOfficialWithTheRealHostAndWarnings() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(nil))
        let text = try await scanner.scanText(text: "WIFI:S:home;T:WPA;P:secret;;")
        XCTAssertEqual(text.outcome, .notALabel)
        XCTAssertNil(text.url)
        let lookalike = try await scanner.scanText(text: "https://dem0.trustlabel.dev/l/ringwraith-2000")
        XCTAssertEqual(lookalike.outcome, .notOfficial)
        XCTAssertEqual(lookalike.notOfficial?.host, "dem0.trustlabel.dev")
        XCTAssertTrue(lookalike.notOfficial?.warnings.contains(.oneEditFromTrusted(trustedHost: "demo.trustlabel.dev")) ?? false,
                      "\(String(describing: lookalike.notOfficial))")
        XCTAssertFalse(lookalike.linksAllowed)
        let http = try await scanner.scanText(text: "http://demo.trustlabel.dev/l/ringwraith-2000")
        XCTAssertTrue(http.notOfficial?.warnings.contains(.insecureHttp(trustedHost: "demo.trustlabel.dev")) ?? false,
                      "\(String(describing: http.notOfficial))")
        let userinfo = try await scanner.scanText(text: "https://demo.trustlabel.dev@evil.example/l/ringwraith-2000")
        XCTAssertEqual(userinfo.outcome, .notOfficial)
        XCTAssertTrue(userinfo.notOfficial?.warnings.contains(.userinfo) ?? false)
    }

    // The same cases as ffi/kotlin-tests/src/BindingsTest.kt and the core's link.rs tests.
    func testIncomingLinksTheCoreTakesOnlyTheClaimedHostsLabelLinksAsGiven() async throws {
        let ringwraith = Fixtures.label("ringwraith-2000").url
        let hosts = ["demo.trustlabel.dev", " Registry.Example "]
        for link in [
            ringwraith,
            "https://DEMO.trustlabel.dev:443/l/a?x=1#f",
            "https://registry.example/l/x",
            "https://demo.trustlabel.dev./l/a",
        ] {
            XCTAssertEqual(incomingLink(url: link, claimedHosts: hosts), link, link)
        }
        XCTAssertEqual(incomingLink(url: "https://xn--bcher-kva.example/l/a", claimedHosts: ["Bücher.example"]),
                       "https://xn--bcher-kva.example/l/a")
        for link in [
            "",
            "hello",
            "http://demo.trustlabel.dev/l/a", // https only, like the associated domain
            "https://demo.trustlabel.dev/l/", // no label
            "https://demo.trustlabel.dev/lx/a",
            "https://demo.trustlabel.dev/", // the registry's home: the browser's job
            "https://demo.trustlabel.dev.evil.example/l/a",
            "https://dem0.trustlabel.dev/l/a", // a look-alike is not claimed
            "https://demo.trustlabel.dev@evil.example/l/a", // userinfo: the host is evil.example
            "https://user@demo.trustlabel.dev/l/a",
            "https://evil.example/l/a",
            "https://demo.trustlabel.dev:8443/l/a",
            "intent://demo.trustlabel.dev/l/a",
            "https://demo.trustlabel.dev/l/a b", // not one URI
            "https://demo.trustlabel.dev/l/a\u{0}",
        ] {
            XCTAssertNil(incomingLink(url: link, claimedHosts: hosts), link)
        }
        XCTAssertNil(incomingLink(url: ringwraith, claimedHosts: []))
        XCTAssertNil(incomingLink(url: ringwraith, claimedHosts: ["", "https://demo.trustlabel.dev"]))
        // What is taken scans exactly like the QR read of the same text.
        let scanner = try CoreScanner(config: Fixtures.config(nil))
        let taken = try XCTUnwrap(incomingLink(url: "https://DEMO.trustlabel.dev:443/l/ringwraith-2000#x", claimedHosts: hosts))
        let result = try await scanner.scanText(text: taken)
        XCTAssertEqual(result.outcome, .verified)
        XCTAssertEqual(result.url, ringwraith)
    }

    func testOfflineCopyAfterReopening() async throws {
        let dir = Fixtures.newDataDir("offline")
        do {
            let online = try CoreScanner(config: Fixtures.config(dir))
            let verified = try await online.scanText(text: ringwraith.url)
            XCTAssertEqual(verified.outcome, .verified)
            XCTAssertTrue(verified.linksAllowed)
            let expired = try await online.scanText(text: Fixtures.label("bad-expired").url)
            XCTAssertEqual(expired.outcome, .verifiedStale)
            XCTAssertEqual(online.cachedRecordCount(), 2)
        } // the last reference goes: the store is released
        do {
            let offline = try CoreScanner(config: Fixtures.config(dir, offline: true))
            XCTAssertEqual(offline.storeState(), .opened)
            let result = try await offline.scanText(text: ringwraith.url)
            XCTAssertEqual(result.outcome, .offlineCached)
            XCTAssertEqual(result.offlineReason, .offlineMode)
            XCTAssertEqual(result.record?.productName, "RingWraith2000")
            XCTAssertTrue(result.linksAllowed, "a signed copy keeps its links")
            let stale = try await offline.scanText(text: Fixtures.label("bad-expired").url)
            XCTAssertEqual(stale.outcome, .offlineCached)
            XCTAssertEqual(stale.record?.expired, true)
            let error = await caught { try await offline.scanText(text: self.palantir.url) }
            guard case let .NotCached(url, summary)? = error else { return XCTFail("\(String(describing: error))") }
            XCTAssertEqual(url, palantir.url)
            assertWellFormed(summary, "NotCached")
            let hello = try await offline.scanText(text: "hello")
            XCTAssertEqual(hello.outcome, .notALabel)
        } // released: the next Scanner opens the same store
        // The registry unreachable with a saved copy: offline_cached, the network error as reason.
        let unreachable = try CoreScanner(config: Fixtures.config(dir, origin: closedOrigin()))
        let cached = try await unreachable.scanText(text: ringwraith.url)
        XCTAssertEqual(cached.outcome, .offlineCached)
        guard case .unreachable? = cached.offlineReason else { return XCTFail("\(String(describing: cached.offlineReason))") }
    }

    func testErrorsCarryTheirWordedSummary() async throws {
        let unreachable = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("unreachable"), origin: closedOrigin()))
        let offline = await caught { try await unreachable.scanText(text: self.ringwraith.url) }
        guard case let .Offline(url, detail, summary)? = offline else { return XCTFail("\(String(describing: offline))") }
        XCTAssertEqual(url, ringwraith.url)
        XCTAssertFalse(detail.isEmpty)
        XCTAssertEqual(summary.outcome, "unreachable")
        XCTAssertEqual(offline?.summary, summary, "the app's accessor finds it")
        assertWellFormed(summary, "Offline")

        let spanish = try CoreScanner(config: Fixtures.config(nil, offline: true, locale: "es-US"))
        let notCached = await caught { try await spanish.scanText(text: self.ringwraith.url) }
        XCTAssertEqual(notCached?.summary?.outcome, "not_cached")
        XCTAssertEqual(notCached?.summary?.locale, "es-US")

        let scanner = try CoreScanner(config: Fixtures.config(nil))
        let image = await caught { try await scanner.scanImage(image: Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) })) }
        guard case .InvalidImage? = image else { return XCTFail("\(String(describing: image))") }
        XCTAssertEqual(image?.summary?.outcome, "decode")
        assertWellFormed(image!.summary!, "InvalidImage")
        // Buffer shorter than stride * (height - 1) + width, stride < width, zero size.
        for (w, h, s, n) in [(640, 480, 640, 1000), (640, 480, 600, 640 * 480), (0, 0, 0, 0)] {
            let frame = await caught { try await scanner.scanFrame(width: UInt32(w), height: UInt32(h), stride: UInt32(s), luma: Data(count: n)) }
            guard case .InvalidImage? = frame else { return XCTFail("\(w)x\(h)/\(s): \(String(describing: frame))") }
        }
        // Nothing in view is not an error.
        let nothing = try await scanner.scanFrame(width: 320, height: 240, stride: 336, luma: Data(repeating: 0x7F, count: 336 * 240))
        XCTAssertNil(nothing)

        let rollback = await caught { () -> TrustListStatus in
            let status = try scanner.installTrustList(envelope: Fixtures.trustListV2)
            XCTAssertEqual(status.version, 2)
            return try scanner.installTrustList(envelope: Fixtures.trustList)
        }
        guard case let .TrustList(reason, summary)? = rollback else { return XCTFail("\(String(describing: rollback))") }
        XCTAssertEqual(reason, CheckFailure.rollback)
        XCTAssertEqual(summary.outcome, "trust_list")

        let config = await caught { try CoreScanner(config: Fixtures.config(nil, origin: "not a url")) }
        guard case .InvalidConfig? = config else { return XCTFail("\(String(describing: config))") }
        XCTAssertNil(config?.summary, "a configuration error has no summary: the app shows its own words")

        let refused = await caught { try await scanner.compare(urls: [self.ringwraith.url]) }
        guard case let .Refused(code, _, text)? = refused else { return XCTFail("\(String(describing: refused))") }
        XCTAssertEqual(code, "too_few")
        XCTAssertEqual(refused?.refusal, text)
        XCTAssertFalse(text.isEmpty)
    }

    func testFrameScanOfALumaPlaneWithStrideWiderThanTheImage() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(nil))
        let frame = Frame.photo("straight-480x360", padding: 64)
        XCTAssertGreaterThan(frame.stride, frame.width)
        let result = try await scanner.scanFrame(width: frame.width, height: frame.height, stride: frame.stride, luma: frame.luma)
        assertOutcome(ringwraith, try XCTUnwrap(result))
        let camera = Frame.photo("frame-1280x720", padding: 128)
        let morgul = try await scanner.scanFrame(width: camera.width, height: camera.height, stride: camera.stride, luma: camera.luma)
        XCTAssertEqual(morgul?.text, Fixtures.photoText("frame-1280x720"))
        assertOutcome(Fixtures.label("morgul-camera"), try XCTUnwrap(morgul))
        XCTAssertEqual(morgul?.summary.verdict.tone, .bad)
        // And the JPEG itself, as a photo picked from the library.
        let photo = try await scanner.scanImage(image: Fixtures.bytes("label-photos/straight-480x360.jpg"))
        assertOutcome(ringwraith, try XCTUnwrap(photo))
    }

    func testEightConcurrentScansOnOneScanner() async throws {
        let labels = Array(Fixtures.verified.prefix(8))
        XCTAssertEqual(labels.count, 8)
        let scanner = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("concurrent")))
        let results = try await withThrowingTaskGroup(of: (Label, ScanResult).self) { group in
            for label in labels {
                group.addTask { (label, try await scanner.scanText(text: label.url)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(results.count, 8)
        for (label, result) in results {
            XCTAssertEqual(result.outcome, .verified, label.slug)
            XCTAssertEqual(result.text, label.url)
        }
        XCTAssertEqual(scanner.cachedRecordCount(), 8)
        // The same label from 8 tasks at once.
        let url = ringwraith.url
        let same = try await withThrowingTaskGroup(of: Outcome.self) { group in
            for _ in 0..<8 { group.addTask { try await scanner.scanText(text: url).outcome } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(same, Array(repeating: .verified, count: 8))
        XCTAssertEqual(scanner.cachedRecordCount(), 8)
    }

    func testReopeningTwentyTimesKeepsTheCache() async throws {
        let dir = Fixtures.newDataDir("reopen")
        do {
            let first = try CoreScanner(config: Fixtures.config(dir))
            let verified = try await first.scanText(text: ringwraith.url)
            XCTAssertEqual(verified.outcome, .verified)
        }
        for round in 0..<20 {
            let scanner = try CoreScanner(config: Fixtures.config(dir, offline: true))
            XCTAssertEqual(scanner.storeState(), .opened, "round \(round): the store was not released")
            XCTAssertEqual(scanner.cachedRecordCount(), 1)
            let cached = try await scanner.scanText(text: ringwraith.url)
            XCTAssertEqual(cached.outcome, .offlineCached, "round \(round)")
        }
        // Two Scanners open on one data dir: the second gets a temporary store, and says so.
        let first = try CoreScanner(config: Fixtures.config(dir))
        let second = try CoreScanner(config: Fixtures.config(dir))
        XCTAssertEqual(first.storeState(), .opened)
        guard case .temporary = second.storeState() else { return XCTFail("\(second.storeState())") }
    }

    func testTrustListInstalledAndKeptAcrossReopening() async throws {
        let dir = Fixtures.newDataDir("trust")
        do {
            let scanner = try CoreScanner(config: Fixtures.config(dir))
            XCTAssertEqual(scanner.trustListVersion(), 1)
            XCTAssertEqual(try scanner.installTrustList(envelope: Fixtures.trustListV2).version, 2)
            let scanned = try await scanner.scanText(text: ringwraith.url)
            XCTAssertEqual(scanned.trustList.version, 2)
            let garbage = await caught { try scanner.installTrustList(envelope: Data("not json".utf8)) }
            guard case let .TrustList(reason, _)? = garbage, reason == CheckFailure.malformedJson else {
                return XCTFail("\(String(describing: garbage))")
            }
        }
        XCTAssertEqual(try CoreScanner(config: Fixtures.config(dir)).trustListVersion(), 2)
    }
}
