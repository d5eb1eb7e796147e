// The test harness: the fixtures (api-fixtures/manifest.json), scanner configurations against
// the loopback fixture registry that run.sh serves, label photos as luma planes, a "registry"
// that accepts and never answers, and waiting for asynchronous state without timing asserts.
import Foundation
@testable import TrustLabel
import TrustLabelCore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

struct Label: Sendable {
    let slug: String
    let url: String
    let outcome: String
    let reason: String?
}

private struct Manifest: Decodable {
    struct Trust: Decodable { let anchor: String; let list: String; let list_v2: String }
    struct Entry: Decodable {
        struct Expect: Decodable { let outcome: String; let reason: String? }
        let slug: String
        let url: String
        let expect: Expect
    }
    let now_reference: String
    let trust: Trust
    let labels: [Entry]
}

enum Fixtures {
    private static func env(_ name: String) -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            fatalError("\(name) is not set: run the tests with ios/linux-check/run.sh")
        }
        return value
    }

    static let dir = URL(fileURLWithPath: env("TRUSTLABEL_FIXTURES"))
    static let registry = env("TRUSTLABEL_REGISTRY")
    static let luma = URL(fileURLWithPath: env("TRUSTLABEL_LUMA"))
    static let work = URL(fileURLWithPath: env("TRUSTLABEL_WORK"))

    private static let manifest: Manifest = {
        do {
            return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: dir.appendingPathComponent("manifest.json")))
        } catch {
            fatalError("manifest.json: \(error)")
        }
    }()

    static let labels: [Label] = manifest.labels.map {
        Label(slug: $0.slug, url: $0.url, outcome: $0.expect.outcome, reason: $0.expect.reason)
    }

    static func label(_ slug: String) -> Label {
        guard let label = labels.first(where: { $0.slug == slug }) else { fatalError("no label \(slug)") }
        return label
    }

    static var verified: [Label] { labels.filter { $0.outcome == "verified" } }

    /// The manifest's reference date, noon UTC: every expectation holds then.
    static let now: Int64 = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = manifest.now_reference.split(separator: "-").compactMap { Int($0) }
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))!
        return Int64(date.timeIntervalSince1970)
    }()

    static func bytes(_ relative: String) -> Data {
        do { return try Data(contentsOf: dir.appendingPathComponent(relative)) } catch { fatalError("\(relative): \(error)") }
    }

    static var trustList: Data { bytes(manifest.trust.list) }
    static var trustListV2: Data { bytes(manifest.trust.list_v2) }
    static var anchor: Data { bytes(manifest.trust.anchor) }

    private static let dirs = Locked(0)

    /// A new, empty folder for a store.
    static func newDataDir(_ name: String) -> String {
        let n = dirs.withLock { $0 += 1; return $0 }
        let url = work.appendingPathComponent("\(n)-\(name)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        return url.path
    }

    /// A configuration against the loopback registry (or `origin`), with the fixture trust.
    static func config(_ dataDir: String?, origin: String? = registry, offline: Bool = false,
                       locale: String = "en-US", requestTimeoutMs: UInt32? = nil) -> ScannerConfig {
        ScannerConfig(
            dataDir: dataDir,
            locale: locale,
            trustList: trustList,
            trustAnchor: anchor,
            offline: offline,
            registryOrigin: origin,
            connectTimeoutMs: 1_000,
            requestTimeoutMs: requestTimeoutMs,
            maxRetries: 1,
            utcOffsetMinutes: -300,
            fixedTimeUnix: now
        )
    }

    /// A label photo's expected text (label-photos/NAME.txt).
    static func photoText(_ name: String) -> String {
        String(decoding: bytes("label-photos/\(name).txt"), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// One camera frame's luma plane.
struct Frame: Sendable {
    let width: UInt32
    let height: UInt32
    let stride: UInt32
    let luma: Data

    /// A label photo as the camera hands it over: its grey plane (run.sh wrote it as PGM from
    /// the JPEG) with `padding` junk bytes a row, so the stride is wider than the image.
    static func photo(_ name: String, padding: Int = 0) -> Frame {
        let pgm = try! Data(contentsOf: Fixtures.luma.appendingPathComponent("\(name).pgm"))
        // "P5\n<w> <h>\n255\n" then w*h bytes.
        var index = pgm.startIndex
        func token() -> String {
            while pgm[index] == 0x20 || pgm[index] == 0x0A { index += 1 }
            var text = ""
            while pgm[index] != 0x20 && pgm[index] != 0x0A {
                text.append(Character(UnicodeScalar(pgm[index])))
                index += 1
            }
            return text
        }
        precondition(token() == "P5", "\(name).pgm is not a binary PGM")
        let w = Int(token())!, h = Int(token())!
        _ = token()
        index += 1 // the one whitespace after the maximum value
        let pixels = pgm[index...]
        precondition(pixels.count == w * h, "\(name).pgm: \(pixels.count) bytes for \(w)x\(h)")
        let stride = w + padding
        var plane = Data(repeating: 0x55, count: stride * h) // padding bytes hold junk, as real buffers may
        for y in 0..<h {
            let row = pixels.index(pixels.startIndex, offsetBy: y * w)
            plane.replaceSubrange(y * stride..<(y * stride + w), with: pixels[row..<(row + w)])
        }
        return Frame(width: UInt32(w), height: UInt32(h), stride: UInt32(stride), luma: plane)
    }

    /// No code: a grey gradient with a little noise.
    static func empty(width: Int = 1280, height: Int = 720) -> Frame {
        var seed: UInt32 = 7
        var bytes = Data(count: width * height)
        for i in 0..<(width * height) {
            seed = seed &* 1_103_515_245 &+ 12345
            bytes[i] = UInt8(110 + (i % width) * 40 / width + Int((seed >> 16) % 9))
        }
        return Frame(width: UInt32(width), height: UInt32(height), stride: UInt32(width), luma: bytes)
    }

    /// Too dark to read anything.
    static func dark(width: Int = 1280, height: Int = 720) -> Frame {
        Frame(width: UInt32(width), height: UInt32(height), stride: UInt32(width), luma: Data(repeating: 8, count: width * height))
    }
}

/// Feeds frames to a session with a camera-like clock.
final class Camera {
    let session: ScanSession
    private var clock: UInt64 = 1_000
    init(_ session: ScanSession) { self.session = session }

    func show(_ frame: Frame, times: Int = 1) {
        for _ in 0..<times {
            clock += 33
            session.pushFrame(width: frame.width, height: frame.height, stride: frame.stride, luma: frame.luma, timestampMs: clock)
        }
    }
}

/// Collects a session's events in the order the core called the listener.
final class Recorder: SessionListener, @unchecked Sendable {
    // @unchecked: `events` is only touched under its lock.
    private let events = Locked<[SessionEvent]>([])

    func onEvent(event: SessionEvent) {
        events.withLock { $0.append(event) }
    }

    /// The next event, waiting up to `seconds` for it.
    func next(_ seconds: Double = 30, file: StaticString = #filePath, line: UInt = #line) async throws -> SessionEvent {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let event = events.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return event }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        XCTFail("no event within \(seconds) s", file: file, line: line)
        throw CancellationError()
    }

    /// What has arrived and not been taken.
    func drain() -> [SessionEvent] { events.withLock { e in defer { e = [] }; return e } }
}

extension SessionEvent {
    var brief: String {
        switch self {
        case .searching: "searching"
        case let .codeSeen(guidance, _): "code_seen:\(guidance)"
        case let .checking(qrText, _): "checking:\(qrText)"
        case let .result(result, _): "result:\(result.text):\(result.outcomeCode)"
        case let .failed(_, summary, _): "failed:\(summary.outcome)"
        case .cancelled: "cancelled"
        }
    }
}

/// An origin nothing listens on: connections are refused.
func closedOrigin() -> String {
    let server = BlackHoleRegistry()
    let origin = server.origin
    server.close()
    return origin
}

/// A "registry" that accepts connections, reads the request and never answers: a fetch to it
/// hangs until the client gives up. `accepted` counts connections, `dropped` the ones the
/// client closed (the Rust future was dropped, and reqwest with it).
final class BlackHoleRegistry: @unchecked Sendable {
    // @unchecked: the counters and the client list are behind locks; `listener` is set once.
    let origin: String
    private let listener: Int32
    private let acceptedCount = Locked(0)
    private let droppedCount = Locked(0)
    private let closed = Locked(false)
    private let clients = Locked<[Int32]>([])

    var accepted: Int { acceptedCount.withLock { $0 } }
    var dropped: Int { droppedCount.withLock { $0 } }

    init() {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, size) }
        }
        precondition(bound == 0 && listen(listener, 50) == 0, "black hole: bind/listen failed")
        var actual = sockaddr_in()
        var length = size
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        origin = "http://127.0.0.1:\(UInt16(bigEndian: actual.sin_port))"
        Thread { [self] in acceptLoop() }.start()
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            clients.withLock { $0.append(client) }
            acceptedCount.withLock { $0 += 1 }
            Thread { [self] in
                var buffer = [UInt8](repeating: 0, count: 4096)
                while read(client, &buffer, buffer.count) > 0 {} // swallow the request, answer nothing
                if !closed.withLock({ $0 }) { droppedCount.withLock { $0 += 1 } }
            }.start()
        }
    }

    func close() {
        closed.withLock { $0 = true }
        shutdown(listener, Int32(SHUT_RDWR))
        _ = Glibc.close(listener)
        for client in clients.withLock({ $0 }) {
            shutdown(client, Int32(SHUT_RDWR))
            _ = Glibc.close(client)
        }
    }
}

/// Waits until `condition` holds (polling; no timing is asserted), failing after `seconds`.
@MainActor
func eventually(_ what: String, seconds: Double = 30, file: StaticString = #filePath, line: UInt = #line,
                _ condition: @MainActor () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > deadline {
            XCTFail("not within \(seconds) s: \(what)", file: file, line: line)
            throw CancellationError()
        }
        try await Task.sleep(nanoseconds: 5_000_000)
    }
}

/// The same, off the main actor.
func waitUntil(_ what: String, seconds: Double = 30, file: StaticString = #filePath, line: UInt = #line,
                _ condition: @Sendable () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > deadline {
            XCTFail("not within \(seconds) s: \(what)", file: file, line: line)
            throw CancellationError()
        }
        try await Task.sleep(nanoseconds: 5_000_000)
    }
}
