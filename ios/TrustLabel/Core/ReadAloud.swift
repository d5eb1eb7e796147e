import Foundation
import Observation
import TrustLabelCore

/// Read-aloud of a summary, for people who do not use VoiceOver: the core's spoken forms
/// (dates in words, links as "link to <host>"), verdict first, with the platform's speech.
@MainActor
@Observable
final class ReadAloud {
    private(set) var speaking = false
    private let speech: any SpeechOutput

    init(speech: any SpeechOutput) {
        self.speech = speech
    }

    func toggle(_ summary: Summary) {
        if speaking {
            stop()
            return
        }
        speaking = true
        speech.speak(Self.script(summary), language: summary.locale) { [weak self] in self?.speaking = false }
    }

    func stop() {
        guard speaking else { return }
        speech.stop()
        speaking = false
    }

    /// What is said: the verdict, then each fact's title and spoken form, in the core's order.
    nonisolated static func script(_ summary: Summary) -> String {
        var parts = [summary.verdict.spoken.isEmpty ? summary.verdict.text : summary.verdict.spoken]
        for fact in summary.facts {
            parts.append(fact.title.trimmingCharacters(in: CharacterSet(charactersIn: " .:")))
            parts.append(fact.spoken.isEmpty ? fact.text : fact.spoken)
        }
        return parts.joined(separator: ". ")
    }
}
