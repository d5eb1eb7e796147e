import SwiftUI

/// The tone as a word, with colour and a symbol as extra cues (never the only one). Hidden from
/// VoiceOver: the row's label already says the word.
struct ToneBadge: View {
    let tone: Tone

    var body: some View {
        if let word = tone.word {
            Label(word, systemImage: symbol)
                .font(.subheadline.weight(.semibold))
                .padding(.horizontal, 8)
                .padding(.vertical, 4)
                .foregroundStyle(color)
                .background(color.opacity(0.12), in: RoundedRectangle(cornerRadius: 8))
                .overlay(RoundedRectangle(cornerRadius: 8).stroke(color, lineWidth: 1))
                .accessibilityHidden(true)
        }
    }

    private var symbol: String {
        switch tone {
        case .good: "checkmark.circle.fill"
        case .caution: "exclamationmark.triangle.fill"
        case .bad: "xmark.octagon.fill"
        case .unknown, .neutral: "questionmark.circle.fill"
        }
    }

    private var color: Color {
        switch tone {
        case .good: .green
        case .caution: .orange
        case .bad: .red
        case .unknown, .neutral: .secondary
        }
    }
}
