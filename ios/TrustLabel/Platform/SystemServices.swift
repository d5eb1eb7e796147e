import AVFoundation
import Network
import UIKit

// The app target's implementations of the platform protocols in Core/Platform.swift. Each is
// cheap to make (SwiftUI may make a view's initial values more than once); the system object
// behind it is made on first use.

/// VoiceOver announcements, only while VoiceOver runs.
struct VoiceOverAnnouncer: Announcer {
    func announce(_ text: String) {
        guard UIAccessibility.isVoiceOverRunning else { return }
        UIAccessibility.post(notification: .announcement, argument: text)
    }
}

/// The network path from NWPathMonitor: offline while no path is satisfied.
final class SystemNetworkPath: NetworkPath, @unchecked Sendable {
    // @unchecked: the monitor is only touched in start(), called once by AppCore; NWPathMonitor
    // itself calls the handler on its own queue.
    private let monitor = NWPathMonitor()

    func start(_ onChange: @escaping @Sendable (Bool) -> Void) {
        monitor.pathUpdateHandler = { path in onChange(path.status != .satisfied) }
        monitor.start(queue: DispatchQueue(label: "org.trustlabel.network"))
    }
}

/// Speech with AVSpeechSynthesizer, for people who do not use VoiceOver.
@MainActor
final class SystemSpeech: NSObject, SpeechOutput, AVSpeechSynthesizerDelegate {
    private lazy var synthesizer: AVSpeechSynthesizer = {
        let synthesizer = AVSpeechSynthesizer()
        synthesizer.delegate = self
        return synthesizer
    }()
    private var finished: (@MainActor () -> Void)?

    func speak(_ text: String, language: String, finished: @escaping @MainActor () -> Void) {
        self.finished = finished
        let utterance = AVSpeechUtterance(string: text)
        utterance.voice = AVSpeechSynthesisVoice(language: language)
        synthesizer.speak(utterance)
    }

    func stop() {
        finished = nil // the cancelled utterance's callback must not end a later one
        synthesizer.stopSpeaking(at: .immediate)
    }

    // The delegate is called on an arbitrary queue.
    nonisolated func speechSynthesizer(_ synthesizer: AVSpeechSynthesizer, didFinish utterance: AVSpeechUtterance) {
        Task { @MainActor in self.ended() }
    }

    nonisolated func speechSynthesizer(_ synthesizer: AVSpeechSynthesizer, didCancel utterance: AVSpeechUtterance) {
        Task { @MainActor in self.ended() }
    }

    private func ended() {
        let done = finished
        finished = nil
        done?()
    }
}
