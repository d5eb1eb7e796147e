import Foundation

// The platform pieces the app's logic needs, as small protocols. The app target implements
// them with UIKit, Network and AVFoundation (TrustLabel/Platform/); the logic and its tests
// (ios/linux-check) see only these, so the logic compiles and runs on any Swift platform.

/// Says a sentence to the screen reader (VoiceOver), when one is running.
@MainActor
protocol Announcer {
    func announce(_ text: String)
}

/// Tells whether the device has a usable network path, now and whenever it changes.
protocol NetworkPath: Sendable {
    /// Starts watching; `onChange(offline)` is called on any thread, first with the current state.
    func start(_ onChange: @escaping @Sendable (_ offline: Bool) -> Void)
}

/// Speaks text aloud with the platform's synthesizer.
@MainActor
protocol SpeechOutput: AnyObject {
    /// Starts speaking `text` in `language` (BCP 47); `finished` is called on the main actor
    /// when the speech ends or is stopped.
    func speak(_ text: String, language: String, finished: @escaping @MainActor () -> Void)
    func stop()
}

/// An announcer that says nothing (previews, and a device without a screen reader running).
struct SilentAnnouncer: Announcer {
    func announce(_ text: String) {}
}

/// A value behind a lock, readable from any thread (the camera's frame queue and the main
/// actor). NSLock rather than OSAllocatedUnfairLock (Apple-only) or Mutex (iOS 18).
final class Locked<Value>: @unchecked Sendable {
    // @unchecked: every access to `value` holds `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
