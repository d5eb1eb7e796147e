import SwiftUI
import UIKit

/// Verdict first, then the facts in the CTA-2120 consumer-page order. Each fact is one VoiceOver
/// element labelled with its spoken form; the result is announced once when it appears. Text
/// styles only (Dynamic Type), 44 pt minimum touch targets scaled with the text.
struct ResultView: View {
    let result: ResultPresentation
    let onScanAnother: () -> Void
    let onCheckAgain: () -> Void
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44
    @Environment(\.openURL) private var openURL

    var body: some View {
        ScrollView {
            VStack(alignment: .leading, spacing: 16) {
                verdict
                if let warning = result.hostWarning {
                    VStack(alignment: .leading, spacing: 4) {
                        Text(warning.heading).font(.headline)
                        // The real host, large: a look-alike must be seen, not summarised.
                        Text(warning.host).font(.largeTitle.bold()).textSelection(.enabled)
                    }
                }
                if let raw = result.rawText {
                    VStack(alignment: .leading, spacing: 4) {
                        Text(raw.heading).font(.headline)
                        Text(raw.text).font(.body).textSelection(.enabled)
                    }
                }
                if let note = result.linksNote { Text(note).font(.body) }
                ForEach(result.facts) { row in
                    Divider()
                    fact(row)
                }
                if result.offerCheckAgain {
                    Button(L("check_again"), action: onCheckAgain)
                        .buttonStyle(.bordered)
                        .frame(maxWidth: .infinity, minHeight: minTouch)
                }
                Button(L("scan_another"), action: onScanAnother)
                    .buttonStyle(.borderedProminent)
                    .frame(maxWidth: .infinity, minHeight: minTouch)
            }
            .padding()
        }
        .navigationTitle(L("result_title"))
        .task(id: result.announcement) {
            // Let VoiceOver finish the screen change first, then say the result once.
            try? await Task.sleep(for: .milliseconds(600))
            UIAccessibility.post(notification: .announcement, argument: result.announcement)
        }
    }

    private var verdict: some View {
        VStack(alignment: .leading, spacing: 8) {
            ToneBadge(tone: result.verdict.tone)
            Text(result.verdict.text).font(.title2.bold())
        }
        .frame(maxWidth: .infinity, alignment: .leading)
        .padding()
        .background(.thinMaterial, in: RoundedRectangle(cornerRadius: 12))
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(result.verdict.spoken.isEmpty ? result.verdict.text : result.verdict.spoken)
        .accessibilityAddTraits(.isHeader)
    }

    private func fact(_ row: FactRow) -> some View {
        VStack(alignment: .leading, spacing: 6) {
            VStack(alignment: .leading, spacing: 4) {
                // ViewThatFits: title and badge side by side, or stacked at large text sizes.
                ViewThatFits(in: .horizontal) {
                    HStack(alignment: .firstTextBaseline) { Text(row.title).font(.headline); Spacer(); ToneBadge(tone: row.tone) }
                    VStack(alignment: .leading, spacing: 4) { Text(row.title).font(.headline); ToneBadge(tone: row.tone) }
                }
                Text(row.text).font(.body)
                if let inert = row.inertLinkText { Text(inert).font(.callout).foregroundStyle(.secondary) }
            }
            .frame(maxWidth: .infinity, minHeight: minTouch, alignment: .leading)
            .accessibilityElement(children: .ignore)
            .accessibilityLabel(row.accessibilityLabel)
            if let link = row.link {
                Button { openURL(link.url) } label: {
                    VStack(alignment: .leading) {
                        if !link.title.isEmpty { Text(link.title) }
                        Text(link.label).font(.callout)
                    }
                }
                .buttonStyle(.bordered)
                .frame(minHeight: minTouch)
            }
        }
    }
}
