import Foundation

// What the result and history screens show and say (port of ResultScreenModel / HistoryModel).

struct FactRow: Identifiable, Sendable {
    let id: String
    let tone: Tone
    let toneWord: String?
    let title: String
    let text: String
    /// VoiceOver label for the whole row: title, tone word, spoken form.
    let accessibilityLabel: String
    let link: LinkAction?
    let inertLinkText: String?
}

struct LinkAction: Sendable {
    let url: URL
    /// The core's plain title for the link.
    let title: String
    /// e.g. "Open gamgee.tech": the user sees where a link goes before opening it.
    let label: String
}

struct ResultPresentation: Sendable {
    let outcome: ScanOutcome
    let verdict: VerdictView
    let verdictToneWord: String?
    let hostWarning: (heading: String, host: String)?
    let rawText: (heading: String, text: String)?
    let linksNote: String?
    let facts: [FactRow]
    /// Posted once as a VoiceOver announcement when the result appears.
    let announcement: String
    let offerCheckAgain: Bool

    init(_ r: ScanResultView) {
        outcome = r.outcome
        verdict = r.verdict
        verdictToneWord = r.verdict.tone.word
        let linksAllowed = r.outcome.showsRegistryData
        facts = r.facts.enumerated().map { index, f in
            let spoken = f.spoken.trimmingCharacters(in: .whitespaces).isEmpty ? f.text : f.spoken
            let title = f.title.trimmingCharacters(in: CharacterSet(charactersIn: " .:"))
            let label = f.tone.word.map { L("fact_spoken_with_tone", title, $0, spoken) } ?? L("fact_spoken", title, spoken)
            let action = linksAllowed ? f.link.flatMap { Self.linkAction($0.url, title: $0.title) } : nil
            return FactRow(id: "\(f.id)-\(index)", tone: f.tone, toneWord: f.tone.word, title: f.title, text: f.text,
                           accessibilityLabel: label, link: action, inertLinkText: action == nil ? f.link?.url : nil)
        }
        if r.outcome == .notOfficial, let host = r.host, !host.isEmpty {
            hostWarning = (L("not_official_leads_to"), host)
        } else { hostWarning = nil }
        rawText = r.outcome == .notALabel && !r.scannedText.isEmpty ? (L("not_a_label_says"), r.scannedText) : nil
        linksNote = !linksAllowed && r.facts.contains { $0.link != nil } ? L("links_closed") : nil
        var parts = [r.verdict.spoken.isEmpty ? r.verdict.text : r.verdict.spoken]
        if let w = hostWarning { parts.append(L("not_official_spoken", w.host)) }
        if linksAllowed {
            for id in ["product", "support"] {
                if let f = r.facts.first(where: { $0.id == id }) { parts.append(f.spoken) }
            }
        }
        announcement = parts.joined(separator: " ")
        offerCheckAgain = [.verifiedStale, .offlineCached, .invalid].contains(r.outcome)
    }

    /// https, http and mailto only; no user info (https://trusted@evil/); the label names the host.
    static func linkAction(_ link: String, title: String = "") -> LinkAction? {
        guard let url = URL(string: link.trimmingCharacters(in: .whitespaces)),
              let scheme = url.scheme?.lowercased() else { return nil }
        switch scheme {
        case "mailto":
            let address = String(link.dropFirst("mailto:".count).prefix { $0 != "?" })
            return address.contains("@") ? LinkAction(url: url, title: title, label: L("link_email", address)) : nil
        case "https", "http":
            guard url.user == nil, url.password == nil, var host = url.host?.lowercased(), !host.isEmpty else { return nil }
            if host.hasPrefix("www.") { host.removeFirst(4) }
            return LinkAction(url: url, title: title, label: L("link_open", host))
        default:
            return nil
        }
    }
}

struct HistoryRow: Identifiable, Sendable {
    let id: Int
    let title: String
    let verdictText: String
    let tone: Tone
    let time: String
    let accessibilityLabel: String
}

struct HistorySection: Identifiable, Sendable {
    var id: String { heading }
    let heading: String
    let rows: [HistoryRow]
}

/// Groups by the user's local day, newest first; days and dates as words ("Today", "August 31, 2026").
func historySections(_ entries: [HistoryEntry], now: Date = .now, calendar: Calendar = .current) -> [HistorySection] {
    let dateFormat = Date.FormatStyle(date: .long, time: .omitted)
    let timeFormat = Date.FormatStyle(date: .omitted, time: .shortened)
    let sorted = entries.sorted { $0.scannedAt > $1.scannedAt }
    var sections: [HistorySection] = []
    var index = 0
    for (day, group) in Dictionary(grouping: sorted, by: { calendar.startOfDay(for: $0.scannedAt) }).sorted(by: { $0.key > $1.key }) {
        let isToday = calendar.isDate(day, inSameDayAs: now)
        let yesterday = calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: now)) ?? now
        let isYesterday = calendar.isDate(day, inSameDayAs: yesterday)
        let heading = isToday ? L("history_today") : isYesterday ? L("history_yesterday") : day.formatted(dateFormat)
        let rows = group.map { e -> HistoryRow in
            index += 1
            let title = (e.productName?.isEmpty == false ? e.productName! : L("history_no_product"))
            let verdict = (e.verdictSpoken.isEmpty ? e.verdictText : e.verdictSpoken).trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            let time = e.scannedAt.formatted(timeFormat)
            let spokenTitle = title.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            let label = isToday ? L("history_row_today", spokenTitle, verdict, time)
                : isYesterday ? L("history_row_yesterday", spokenTitle, verdict, time)
                : L("history_row_date", spokenTitle, verdict, day.formatted(dateFormat), time)
            return HistoryRow(id: index, title: title, verdictText: e.verdictText, tone: e.tone, time: time, accessibilityLabel: label)
        }
        sections.append(HistorySection(heading: heading, rows: rows))
    }
    return sections
}
