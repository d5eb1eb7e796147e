import Foundation
import Observation
import TrustLabelCore
import UIKit
import os

/// The core's session events as the screen draws them.
enum ScanState {
    case opening
    case searching(Words)
    case codeSeen(Guidance, Words)
    case checking(Words)
    case showing(ScanResult, announcement: Words)
    case failed(Summary, announcement: Words)
    case cancelled(Words)

    /// The camera runs only in these states: not behind a check or a result.
    var wantsCamera: Bool {
        switch self {
        case .searching, .codeSeen, .cancelled: true
        default: false
        }
    }

    /// The core asked for more light: the light button is shown as the main action.
    var suggestsLight: Bool {
        if case .codeSeen(.moreLight, _) = self { true } else { false }
    }

    /// The words on screen and for VoiceOver, whatever the state.
    var words: Words? {
        switch self {
        case .opening: nil
        case let .searching(w), let .codeSeen(_, w), let .checking(w), let .cancelled(w): w
        case let .showing(_, w), let .failed(_, w): w
        }
    }
}

/// The listener handed to the core. The core calls it on its own thread; it only forwards the
/// (Sendable) event to the main actor.
final class SessionEvents: SessionListener, Sendable {
    private let deliver: @Sendable (SessionEvent) -> Void
    init(_ deliver: @escaping @Sendable (SessionEvent) -> Void) { self.deliver = deliver }
    func onEvent(event: SessionEvent) { deliver(event) }
}

/// Holds one core `ScanSession` and mirrors its events; decides nothing. Cancellation is the
/// session's `cancel()` (uniffi's Swift async calls have no cancellation handler, uniffi-rs
/// #2771), and leaving the screen calls `stop()`, after which no event arrives.
@MainActor
@Observable
final class ScanModel {
    private(set) var state: ScanState = .opening
    /// Bumped on each haptic cue; views use `.sensoryFeedback(trigger:)`.
    private(set) var tick = 0
    private(set) var done = 0
    private(set) var photoHadNoCode = false

    /// Read by the camera's queue too, hence the lock (ScanSession itself is thread-safe).
    private let current = OSAllocatedUnfairLock<ScanSession?>(initialState: nil)
    private var session: ScanSession? { current.withLock { $0 } }
    @ObservationIgnored private var scanner: CoreScanner?
    private let mode: ScanMode
    private let onEvent: @MainActor (SessionEvent) -> Void

    /// `onEvent` lets the audit screen re-read its counts after each result.
    init(mode: ScanMode = .shopper, onEvent: @escaping @MainActor (SessionEvent) -> Void = { _ in }) {
        self.mode = mode
        self.onEvent = onEvent
    }

    /// A session on `scanner` (shopper), or one made by `start` (an audit's shelf session).
    func start(_ scanner: CoreScanner, make: ((SessionListener) -> ScanSession)? = nil) {
        stop()
        self.scanner = scanner
        // DispatchQueue.main keeps the events in the order the core sent them.
        let listener = SessionEvents { [weak self] event in
            DispatchQueue.main.async { [weak self] in MainActor.assumeIsolated { self?.handle(event) } }
        }
        let started = make?(listener)
            ?? scanner.startSession(config: SessionConfig(mode: mode, repeatWindowMs: 10_000, offline: false), listener: listener)
        current.withLock { $0 = started }
        state = .searching(Words(text: L("guide_point"), spoken: L("guide_point")))
    }

    /// The frame consumer for the camera, called synchronously on the camera's queue: the
    /// core decodes, de-duplicates and decides.
    func frameSink() -> @Sendable (LumaFrame) -> Void {
        let current = self.current
        return { frame in
            current.withLock { $0 }?.pushFrame(width: frame.width, height: frame.height, stride: frame.stride,
                                               luma: frame.bytes, timestampMs: frame.timestampMs)
        }
    }

    private func handle(_ event: SessionEvent) {
        guard session != nil else { return } // stopped: late hops from the core's thread are dropped
        switch event {
        case let .searching(words):
            state = .searching(words)
        case let .codeSeen(guidance, words):
            if case .codeSeen = state {} else { tick += 1 }
            state = .codeSeen(guidance, words)
        case let .checking(_, words):
            state = .checking(words)
        case let .result(result, announcement):
            done += 1
            state = .showing(result, announcement: announcement)
        case let .failed(_, summary, announcement):
            state = .failed(summary, announcement: announcement)
        case let .cancelled(words):
            state = .cancelled(words)
            // ASSUMED: a shopper session waits after Cancelled as after a result; resume() is harmless otherwise.
            session?.resume()
        }
        announce(state.words)
        onEvent(event)
    }

    /// A typed link, a history entry or a photo's code: the same path as a camera frame.
    func open(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, let session else { return }
        session.resume()
        session.pushText(text: t, timestampMs: Self.now())
    }

    /// A photo: the core finds the codes (decode only), the session checks the first.
    func openPhoto(_ data: Data) async {
        guard let scanner else { return }
        do {
            let texts = try await Task.detached { try await scanner.decodeImage(bytes: data) }.value
            photoHadNoCode = texts.isEmpty
            if let first = texts.first { open(first) }
        } catch let error as TrustLabelError {
            if let summary = error.summary {
                state = .failed(summary, announcement: Words(text: summary.verdict.text, spoken: summary.verdict.spoken))
            }
        } catch {
            photoHadNoCode = true
        }
    }

    func cancel() { session?.cancel() }

    func scanAgain() {
        photoHadNoCode = false
        session?.resume()
    }

    /// Leaving the screen: the session stops (no events after it returns).
    func stop() {
        let stopped = current.withLock { s in defer { s = nil }; return s }
        stopped?.close()
    }

    private func announce(_ words: Words?) {
        guard let words, UIAccessibility.isVoiceOverRunning else { return }
        UIAccessibility.post(notification: .announcement, argument: words.spoken.isEmpty ? words.text : words.spoken)
    }

    /// The same clock for frames and text: the core's repeat window compares them.
    nonisolated static func now() -> UInt64 { UInt64(ProcessInfo.processInfo.systemUptime * 1000) }
}

extension TrustLabelError {
    /// The core's worded summary carried by an error, when it has one.
    var summary: Summary? {
        switch self {
        case let .Offline(_, _, summary), let .NotCached(_, summary), let .InvalidImage(_, summary),
             let .Storage(_, summary), let .TrustList(_, summary):
            summary
        default:
            nil
        }
    }
}
