// The live scan session through the generated Swift bindings: a camera stream of luma planes
// made from the fixture label photos, events received by a Swift SessionListener on a core
// thread, in order. The same story as ffi/kotlin-tests/src/SessionTest.kt.
import Foundation
@testable import TrustLabel
import TrustLabelCore
import XCTest

final class SessionTests: XCTestCase {
    let aText = Fixtures.photoText("frame-1280x720")
    let bText = Fixtures.photoText("straight-480x360")

    func testShelfModeOneCheckPerLabelEventsInOrder() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("session-shelf")))
        let recorder = Recorder()
        let session = scanner.startSession(config: SessionConfig(mode: .shelf, repeatWindowMs: 10_000, offline: false), listener: recorder)
        let camera = Camera(session)
        let a = Frame.photo("frame-1280x720", padding: 64), b = Frame.photo("straight-480x360"), empty = Frame.empty()
        camera.show(empty, times: 3)
        camera.show(a)
        let first = try await recorder.next()
        XCTAssertEqual(first.brief, "searching")
        let checking = try await recorder.next()
        XCTAssertEqual(checking.brief, "checking:\(aText)")
        guard case let .result(result, announcement) = try await recorder.next() else { return XCTFail("no result") }
        assertOutcome(Fixtures.labels.first { $0.url == aText }!, result)
        XCTAssertEqual(announcement.text, result.summary.verdict.text)
        camera.show(a, times: 5)
        camera.show(empty, times: 2)
        camera.show(b)
        let checkingB = try await recorder.next()
        XCTAssertEqual(checkingB.brief, "checking:\(bText)")
        let resultB = try await recorder.next()
        XCTAssertEqual(resultB.brief, "result:\(bText):verified")
        camera.show(b, times: 3)
        camera.show(a, times: 3)
        session.close()
        XCTAssertEqual(recorder.drain().map(\.brief), [], "no second check of A or B")
        let history = try scanner.history()
        XCTAssertEqual(Set(history.map(\.url)), [aText, bText])
    }

    func testShopperModeStopsAtTheResultUntilResumeWithGuidanceInWords() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("session-shopper")))
        let recorder = Recorder()
        let session = scanner.startSession(config: SessionConfig(mode: .shopper, repeatWindowMs: 10_000, offline: false), listener: recorder)
        defer { session.close() }
        let camera = Camera(session)
        camera.show(.dark())
        let searching = try await recorder.next()
        XCTAssertEqual(searching.brief, "searching")
        guard case let .codeSeen(guidance, words) = try await recorder.next() else { return XCTFail("no guidance") }
        XCTAssertEqual(guidance, .moreLight)
        XCTAssertFalse(words.text.isEmpty || words.spoken.isEmpty)
        camera.show(Frame.photo("frame-1280x720"))
        let checking = try await recorder.next()
        XCTAssertEqual(checking.brief, "checking:\(aText)")
        guard case .result = try await recorder.next() else { return XCTFail("no result") }
        camera.show(Frame.photo("straight-480x360"), times: 3)
        try await Task.sleep(nanoseconds: 300_000_000)
        XCTAssertEqual(recorder.drain().map(\.brief), [], "stopped until resume")
        session.resume()
        let again = try await recorder.next()
        XCTAssertEqual(again.brief, "searching")
        camera.show(Frame.photo("straight-480x360"))
        let checkingB = try await recorder.next()
        XCTAssertEqual(checkingB.brief, "checking:\(bText)")
        let resultB = try await recorder.next()
        XCTAssertEqual(resultB.brief, "result:\(bText):verified")
    }

    func testOfflineLabelNotSavedFailsWithTheWordedSummary() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("session-offline")))
        let recorder = Recorder()
        let session = scanner.startSession(config: SessionConfig(mode: .shopper, repeatWindowMs: 10_000, offline: true), listener: recorder)
        Camera(session).show(Frame.photo("frame-1280x720"))
        let searching = try await recorder.next()
        XCTAssertEqual(searching.brief, "searching")
        let checking = try await recorder.next()
        XCTAssertEqual(checking.brief, "checking:\(aText)")
        guard case let .failed(error, summary, announcement) = try await recorder.next() else { return XCTFail("not failed") }
        guard case .NotCached = error else { return XCTFail("\(error)") }
        XCTAssertEqual(summary.outcome, "not_cached")
        assertWellFormed(summary, "not cached")
        XCTAssertFalse(announcement.spoken.isEmpty)
        session.close()
        XCTAssertEqual(scanner.cachedRecordCount(), 0)
    }

    func testCancelMidLookupLeavesTheStoreUnchanged() async throws {
        let hole = BlackHoleRegistry()
        defer { hole.close() }
        let dir = Fixtures.newDataDir("session-cancel")
        let scanner = try CoreScanner(config: Fixtures.config(dir, origin: hole.origin, requestTimeoutMs: 20_000))
        let recorder = Recorder()
        let session = scanner.startSession(config: SessionConfig(mode: .shopper, repeatWindowMs: 10_000, offline: false), listener: recorder)
        Camera(session).show(Frame.photo("frame-1280x720"))
        let searching = try await recorder.next()
        XCTAssertEqual(searching.brief, "searching")
        let checking = try await recorder.next()
        XCTAssertEqual(checking.brief, "checking:\(aText)")
        try await waitUntil("the lookup reached the server") { hole.accepted > 0 }
        session.cancel()
        let cancelled = try await recorder.next()
        XCTAssertEqual(cancelled.brief, "cancelled")
        try await waitUntil("the request was dropped") { hole.dropped > 0 }
        session.close()
        XCTAssertEqual(scanner.cachedRecordCount(), 0)
        XCTAssertEqual(try scanner.history().count, 0)
    }

    func testGalleryPhotoDecodedThenPushedAsText() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("session-photo")))
        let recorder = Recorder()
        let session = scanner.startSession(config: SessionConfig(mode: .shelf, repeatWindowMs: 10_000, offline: false), listener: recorder)
        defer { session.close() }
        let searching = try await recorder.next()
        XCTAssertEqual(searching.brief, "searching")
        let texts = try scanner.decodeImage(bytes: Fixtures.bytes("label-photos/straight-480x360.jpg"))
        XCTAssertEqual(texts, [bText])
        session.pushText(text: texts[0], timestampMs: 5_000)
        let checking = try await recorder.next()
        XCTAssertEqual(checking.brief, "checking:\(bText)")
        let result = try await recorder.next()
        XCTAssertEqual(result.brief, "result:\(bText):verified")
        let blank = try Data(contentsOf: Fixtures.luma.appendingPathComponent("blank.png"))
        XCTAssertEqual(try scanner.decodeImage(bytes: blank), [])
        let garbage = await caught { try scanner.decodeImage(bytes: Data([1, 2, 3])) }
        guard case let .InvalidImage(_, summary)? = garbage else { return XCTFail("\(String(describing: garbage))") }
        XCTAssertFalse(summary.verdict.text.isEmpty)
    }
}
