import SwiftUI
import TrustLabelCore
import UIKit

/// The tone as a word, with colour and a symbol as extra cues (never the only one). Hidden from
/// VoiceOver: the row's label already says the word. The word is drawn in the primary text
/// colour on a light tint (contrast well above 4.5:1 in light and dark mode); the colour is
/// carried by the symbol and the border, dark enough for 3:1 against the background.
struct ToneBadge: View {
    let tone: Tone

    var body: some View {
        if let word = tone.word {
            Label {
                Text(word).foregroundStyle(.primary)
            } icon: {
                Image(systemName: symbol).foregroundStyle(color)
            }
            .font(.subheadline.weight(.semibold))
            .padding(.horizontal, 8)
            .padding(.vertical, 4)
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

    /// System green/orange are too light on white for 3:1; these adapt per appearance.
    private var color: Color {
        switch tone {
        case .good: Self.adaptive(light: 0x0B6B2A, dark: 0x6FDC8C)
        case .caution: Self.adaptive(light: 0x8A5300, dark: 0xFFC15E)
        case .bad: Self.adaptive(light: 0xB0000E, dark: 0xFF8A80)
        case .unknown, .neutral: Color(uiColor: .secondaryLabel)
        }
    }

    private static func adaptive(light: UInt32, dark: UInt32) -> Color {
        // Both colours are made before the provider closure, which UIKit may call on any thread:
        // it captures two (Sendable) UIColors, not a local function.
        let lightColor = uiColor(light)
        let darkColor = uiColor(dark)
        return Color(uiColor: UIColor { $0.userInterfaceStyle == .dark ? darkColor : lightColor })
    }

    private static func uiColor(_ rgb: UInt32) -> UIColor {
        UIColor(red: CGFloat((rgb >> 16) & 0xFF) / 255, green: CGFloat((rgb >> 8) & 0xFF) / 255,
                blue: CGFloat(rgb & 0xFF) / 255, alpha: 1)
    }
}

extension Tone {
    /// The tone as a word (the app's catalogue), or nil for neutral facts (no judgement).
    var word: String? {
        switch self {
        case .good: L("tone_good")
        case .caution: L("tone_caution")
        case .bad: L("tone_bad")
        case .unknown: L("tone_unknown")
        case .neutral: nil
        }
    }
}
