import SwiftUI
import TrustLabelCore

/// A result or a failure as the core worded it: verdict first, then (not official) the real
/// host, large, or (not a label) the code's text, then the facts. Text styles only (Dynamic
/// Type); 44 pt targets inside the buttons' shapes. Nothing here decides what a result means.
struct ResultView: View {
    let summary: Summary
    /// The app's one reader (AppModel.reader): made once, not per view.
    let reader: ReadAloud
    var result: ScanResult?
    let onScanAnother: @MainActor () -> Void
    /// Saved to My devices: said only once the core has saved it (ScanModel.save).
    var saved = false
    var saveProblem: String?
    var onSave: (@MainActor (String) -> Void)?
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    var body: some View {
        ScrollView {
            VStack(alignment: .leading, spacing: 16) {
                VerdictCard(verdict: summary.verdict)
                if let info = result?.notOfficial {
                    VStack(alignment: .leading, spacing: 4) {
                        Text(L("not_official_leads_to")).font(.headline)
                        // The real host, large (punycode, as in the link): a look-alike must be seen.
                        Text(info.host).font(.largeTitle.bold()).textSelection(.enabled)
                    }
                }
                if let result, result.outcome == .notALabel, !result.text.isEmpty {
                    VStack(alignment: .leading, spacing: 4) {
                        Text(L("not_a_label_says")).font(.headline)
                        Text(result.text).font(.body).textSelection(.enabled)
                    }
                }
                wideButton(reader.speaking ? S("stop_reading") : S("read_aloud"), prominent: false) { reader.toggle(summary) }
                if let url = result?.url, result?.record != nil, let onSave {
                    wideButton(saved ? S("saved_device") : S("save_device"), prominent: false) { onSave(url) }
                        .disabled(saved)
                    if let saveProblem { Text(saveProblem).font(.callout) }
                }
                FactList(facts: summary.facts, linksAllowed: result?.linksAllowed ?? false)
                wideButton(L("scan_another"), prominent: true) { onScanAnother() }
            }
            .padding()
        }
        .navigationTitle(L("result_title"))
        .onDisappear { reader.stop() }
    }

    @ViewBuilder
    private func wideButton(_ title: String, prominent: Bool, _ action: @escaping @MainActor () -> Void) -> some View {
        // The frame is on the label, so the bordered shape itself is at least 44 pt high.
        let button = Button { action() } label: { Text(title).frame(maxWidth: .infinity, minHeight: minTouch) }
        if prominent { button.buttonStyle(.borderedProminent) } else { button.buttonStyle(.bordered) }
    }
}
