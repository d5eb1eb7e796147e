import SwiftUI
import TrustLabelCore

/// Products side by side, as the core lined them up: one row per aspect, one column per
/// product. Scrolls both ways; each cell is read as "aspect, product: spoken form".
struct CompareView: View {
    @State var model: CompareModel

    var body: some View {
        ScrollView([.vertical, .horizontal]) {
            if let problem = model.problem {
                // Fewer than two products, or another refusal: the core's sentence.
                Text(problem).padding()
            } else if let comparison = model.comparison {
                HStack(alignment: .top, spacing: 16) {
                    ForEach(Array(comparison.products.enumerated()), id: \.offset) { index, product in
                        let name = [product.name, product.maker].compactMap { $0 }.joined(separator: ", ")
                        VStack(alignment: .leading, spacing: 8) {
                            Text(name.isEmpty ? product.url : name).font(.headline).accessibilityAddTraits(.isHeader)
                            ForEach(Array(comparison.rows.enumerated()), id: \.offset) { _, row in
                                if index < row.cells.count {
                                    let cell = row.cells[index]
                                    Divider()
                                    VStack(alignment: .leading, spacing: 2) {
                                        Text(row.title).font(.caption.bold())
                                        Text(cell.text)
                                        ToneBadge(tone: cell.tone)
                                    }
                                    .accessibilityElement(children: .ignore)
                                    .accessibilityLabel("\(row.title), \(name): \(cell.spoken.isEmpty ? cell.text : cell.spoken)")
                                }
                            }
                        }
                        .frame(width: 240, alignment: .leading)
                    }
                }
                .padding()
            } else {
                ProgressView().padding()
            }
        }
        .navigationTitle(S("compare_title"))
        .task { await model.load() }
    }
}
