import SwiftUI

struct HistoryView: View {
    let scanner: LabelScanner
    @State private var sections: [HistorySection]?
    @State private var failed = false

    var body: some View {
        Group {
            if let sections, !sections.isEmpty {
                List {
                    ForEach(sections) { section in
                        Section {
                            ForEach(section.rows) { row in
                                HStack(alignment: .center, spacing: 12) {
                                    VStack(alignment: .leading, spacing: 2) {
                                        Text(row.title).font(.headline)
                                        Text(row.verdictText).font(.subheadline)
                                        Text(row.time).font(.footnote).foregroundStyle(.secondary)
                                    }
                                    Spacer()
                                    ToneBadge(tone: row.tone)
                                }
                                .accessibilityElement(children: .ignore)
                                .accessibilityLabel(row.accessibilityLabel)
                            }
                        } header: {
                            Text(section.heading).accessibilityAddTraits(.isHeader)
                        }
                    }
                }
            } else if sections != nil || failed {
                ContentUnavailableView(L(failed ? "history_failed" : "history_empty"), systemImage: "clock")
            } else {
                ProgressView()
            }
        }
        .navigationTitle(L("history_title"))
        .task {
            do {
                sections = historySections(try await scanner.history())
                failed = false
            } catch is CancellationError {
            } catch {
                failed = true
            }
        }
    }
}
