import AVFoundation
import Observation
import TrustLabelCore

/// Read-aloud with the platform's speech synthesizer, for people who do not use VoiceOver. It
/// says the core's spoken forms (dates in words, links as "link to <host>"), verdict first.
@MainActor
@Observable
final class ReadAloud: NSObject, AVSpeechSynthesizerDelegate {
    private(set) var speaking = false
    private let synthesizer = AVSpeechSynthesizer()

    override init() {
        super.init()
        synthesizer.delegate = self
    }

    func toggle(_ summary: Summary) {
        if speaking {
            synthesizer.stopSpeaking(at: .immediate)
            speaking = false
            return
        }
        let utterance = AVSpeechUtterance(string: Self.script(summary))
        utterance.voice = AVSpeechSynthesisVoice(language: summary.locale)
        synthesizer.speak(utterance)
        speaking = true
    }

    func stop() {
        synthesizer.stopSpeaking(at: .immediate)
        speaking = false
    }

    static func script(_ summary: Summary) -> String {
        var parts = [summary.verdict.spoken.isEmpty ? summary.verdict.text : summary.verdict.spoken]
        for fact in summary.facts {
            parts.append(fact.title.trimmingCharacters(in: CharacterSet(charactersIn: " .:")))
            parts.append(fact.spoken.isEmpty ? fact.text : fact.spoken)
        }
        return parts.joined(separator: ". ")
    }

    // The delegate is called on an arbitrary queue.
    nonisolated func speechSynthesizer(_ synthesizer: AVSpeechSynthesizer, didFinish utterance: AVSpeechUtterance) {
        Task { @MainActor in self.speaking = false }
    }

    nonisolated func speechSynthesizer(_ synthesizer: AVSpeechSynthesizer, didCancel utterance: AVSpeechUtterance) {
        Task { @MainActor in self.speaking = false }
    }
}
