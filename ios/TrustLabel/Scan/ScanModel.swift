import Foundation
import Observation
import TrustLabelCore

/// The core's session events as the screen draws them.
enum ScanState {
    case opening
    case searching(Words)
    case codeSeen(Guidance, Words)
    case checking(Words)
    case showing(ScanResult, announcement: Words)
    case failed(Summary, announcement: Words)
    /// An error the core did not word as a scan result (a refused request, a bug, a photo the
    /// system could not hand over): a sentence to show, then "Scan another label".
    case problem(Words)
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
        case let .searching(w), let .codeSeen(_, w), let .checking(w), let .cancelled(w), let .problem(w): w
        case let .showing(_, w), let .failed(_, w): w
        }
    }
}

/// The listener handed to the core. The core calls it on its own thread; it only forwards the
/// (Sendable) event, in order, to the model's stream.
final class SessionEvents: SessionListener, Sendable {
    private let deliver: @Sendable (SessionEvent) -> Void
    init(_ deliver: @escaping @Sendable (SessionEvent) -> Void) { self.deliver = deliver }
    func onEvent(event: SessionEvent) { deliver(event) }
}

/// Holds one core `ScanSession` and mirrors its events; decides nothing. Cancellation is the
/// session's `cancel()` (uniffi's Swift async calls have no cancellation handler, uniffi-rs
/// #2771), and leaving the screen calls `stop()`, after which no event is drawn.
@MainActor
@Observable
final class ScanModel {
    private(set) var state: ScanState = .opening
    /// Bumped on each haptic cue; views use `.sensoryFeedback(trigger:)`.
    private(set) var tick = 0
    private(set) var done = 0
    private(set) var photoHadNoCode = false

    /// Read by the camera's queue too, hence the lock (ScanSession itself is thread-safe).
    private let current = Locked<ScanSession?>(nil)
    private var session: ScanSession? { current.withLock { $0 } }
    @ObservationIgnored private var scanner: CoreScanner?
    /// Which session's events are drawn: bumped by every `start` and `stop`, so events that a
    /// replaced or stopped session sent before it went are dropped, never drawn.
    @ObservationIgnored private var generation = 0
    @ObservationIgnored private var events: AsyncStream<SessionEvent>.Continuation?
    @ObservationIgnored private var consumer: Task<Void, Never>?
    /// A link opened before the session exists (a Universal Link that launched the app).
    @ObservationIgnored private var pending: String?
    /// The result last saved to My devices, or why saving it failed (the core's words).
    private(set) var savedURL: String?
    private(set) var saveProblem: String?
    private let mode: ScanMode
    private let announcer: any Announcer
    /// Called after each event is drawn (the audit screen re-reads its counts).
    @ObservationIgnored var onEvent: @MainActor (SessionEvent) -> Void

    /// `onEvent` lets the audit screen re-read its counts after each result.
    init(mode: ScanMode = .shopper, announcer: any Announcer = SilentAnnouncer(),
         onEvent: @escaping @MainActor (SessionEvent) -> Void = { _ in }) {
        self.mode = mode
        self.announcer = announcer
        self.onEvent = onEvent
    }

    /// A session on `scanner` (shopper), or one made by `make` (an audit's shelf session).
    func start(_ scanner: CoreScanner, make: ((SessionListener) -> ScanSession)? = nil) {
        stop()
        self.scanner = scanner
        let id = generation
        // The stream keeps the core's order (it calls the listener from one thread at a time);
        // one main-actor task draws the events as they come.
        let (stream, continuation) = AsyncStream.makeStream(of: SessionEvent.self)
        let listener = SessionEvents { continuation.yield($0) }
        let started = make?(listener)
            ?? scanner.startSession(config: SessionConfig(mode: mode, repeatWindowMs: 10_000, offline: false), listener: listener)
        current.withLock { $0 = started }
        events = continuation
        consumer = Task { [weak self] in
            for await event in stream {
                self?.handle(event, from: id)
            }
        }
        state = .searching(Words(text: L("guide_point"), spoken: L("guide_point")))
        if let text = pending {
            pending = nil
            open(text)
        }
    }

    /// The frame consumer for the camera, called synchronously on the camera's queue: the
    /// core decodes, de-duplicates and decides.
    nonisolated func frameSink() -> @Sendable (LumaFrame) -> Void {
        let current = self.current
        return { frame in
            current.withLock { $0 }?.pushFrame(width: frame.width, height: frame.height, stride: frame.stride,
                                               luma: frame.bytes, timestampMs: frame.timestampMs)
        }
    }

    private func handle(_ event: SessionEvent, from id: Int) {
        // A stopped or replaced session: its late events are not drawn.
        guard id == generation, session != nil else { return }
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
            // The core searches again right after Cancelled (no resume needed): the camera runs.
            state = .cancelled(words)
        }
        announce(state.words)
        onEvent(event)
    }

    /// A typed link, a history entry, an opened link or a photo's code: the same path as a
    /// camera frame. Before the session exists (the app is still opening) it waits for it.
    func open(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return }
        photoHadNoCode = false
        guard let session else {
            pending = t
            return
        }
        session.resume()
        session.pushText(text: t, timestampMs: Self.now())
    }

    /// A photo: the core finds the codes (decode only), the session checks the first. `nil`:
    /// the system could not hand the photo over.
    func openPhoto(_ data: Data?) async {
        photoHadNoCode = false
        guard let data else {
            show(problem: S("failed_generic"))
            return
        }
        guard let scanner else { return }
        do {
            let texts = try await Task.detached { try scanner.decodeImage(bytes: data) }.value
            if let first = texts.first { open(first) } else { photoHadNoCode = true }
        } catch let error as TrustLabelError {
            if let summary = error.summary {
                state = .failed(summary, announcement: Words(text: summary.verdict.text, spoken: summary.verdict.spoken))
                announce(state.words)
            } else {
                show(problem: error.refusal ?? S("failed_generic"))
            }
        } catch {
            show(problem: S("failed_generic"))
        }
    }

    func cancel() { session?.cancel() }

    /// "Save to My devices": said saved only once the core has saved it.
    func save(_ url: String) async {
        guard let scanner else { return }
        saveProblem = nil
        do {
            _ = try await scanner.watchAdd(url: url)
            savedURL = url
        } catch let error as TrustLabelError {
            saveProblem = error.refusal ?? S("failed_generic")
        } catch {
            saveProblem = S("failed_generic")
        }
    }

    /// "Scan another label": searching again, whatever ended the last scan.
    func scanAgain() {
        photoHadNoCode = false
        savedURL = nil
        saveProblem = nil
        guard let session else { return }
        state = .searching(Words(text: L("guide_point"), spoken: L("guide_point")))
        session.resume()
    }

    /// Leaving the screen: the session stops (no events after it returns) and nothing it sent
    /// is drawn any more.
    func stop() {
        generation += 1
        let stopped = current.withLock { s in defer { s = nil }; return s }
        events?.finish()
        events = nil
        consumer?.cancel()
        consumer = nil
        stopped?.close()
    }

    private func show(problem text: String) {
        state = .problem(Words(text: text, spoken: text))
        announce(state.words)
    }

    private func announce(_ words: Words?) {
        guard let words else { return }
        announcer.announce(words.spoken.isEmpty ? words.text : words.spoken)
    }

    /// The same clock for frames and text: the core's repeat window compares them.
    nonisolated static func now() -> UInt64 { UInt64(ProcessInfo.processInfo.systemUptime * 1000) }
}

extension TrustLabelError {
    /// The core's worded summary carried by an error, when it has one.
    var summary: Summary? {
        switch self {
        case let .Offline(_, _, summary), let .NotCached(_, summary), let .InvalidImage(_, summary),
             let .Storage(_, summary), let .TrustList(_, summary), let .TrustListFault(_, _, summary):
            summary
        case .Refused, .InvalidConfig, .Internal:
            nil
        }
    }

    /// The sentence the core wrote for a refused request, in the scanner's locale.
    var refusal: String? {
        if case let .Refused(_, _, text) = self { text } else { nil }
    }
}
