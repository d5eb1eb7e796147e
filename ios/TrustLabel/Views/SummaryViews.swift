import SwiftUI
import TrustLabelCore

/// The verdict card: tone word, verdict text; VoiceOver reads the spoken form as a header.
struct VerdictCard: View {
    let verdict: Verdict

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            ToneBadge(tone: verdict.tone)
            Text(verdict.text).font(.title2.bold())
        }
        .frame(maxWidth: .infinity, alignment: .leading)
        .padding()
        .background(.thinMaterial, in: RoundedRectangle(cornerRadius: 12))
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(verdict.spoken.isEmpty ? verdict.text : verdict.spoken)
        .accessibilityAddTraits(.isHeader)
    }
}

/// The facts in the core's order (the CTA-2120 consumer page's), one VoiceOver element each.
/// Links are buttons only when the core allows them (`ScanResult.linksAllowed`: records verified
/// with a registry's signature, never an unsigned one, cached or not).
struct FactList: View {
    let facts: [Fact]
    let linksAllowed: Bool
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44
    @Environment(\.openURL) private var openURL

    var body: some View {
        if !linksAllowed && facts.contains(where: { $0.link != nil }) {
            Text(L("links_closed")).font(.body)
        }
        ForEach(Array(facts.enumerated()), id: \.offset) { _, fact in
            Divider()
            row(fact)
        }
    }

    private func row(_ fact: Fact) -> some View {
        let title = fact.title.trimmingCharacters(in: CharacterSet(charactersIn: " .:"))
        let spoken = fact.spoken.isEmpty ? fact.text : fact.spoken
        let label = fact.tone.word.map { L("fact_spoken_with_tone", title, $0, spoken) } ?? L("fact_spoken", title, spoken)
        let link = linksAllowed ? fact.link.flatMap { l in URL(string: l.url).map { (l, $0) } } : nil
        return VStack(alignment: .leading, spacing: 6) {
            VStack(alignment: .leading, spacing: 4) {
                // Title and badge side by side, or stacked at large text sizes.
                ViewThatFits(in: .horizontal) {
                    HStack(alignment: .firstTextBaseline) { Text(fact.title).font(.headline); Spacer(); ToneBadge(tone: fact.tone) }
                    VStack(alignment: .leading, spacing: 4) { Text(fact.title).font(.headline); ToneBadge(tone: fact.tone) }
                }
                Text(fact.text).font(.body)
                // Links of data that was not verified are shown as text, never offered as a button.
                if link == nil, let inert = fact.link?.url { Text(inert).font(.callout).foregroundStyle(.secondary) }
            }
            .frame(maxWidth: .infinity, alignment: .leading)
            .accessibilityElement(children: .ignore)
            .accessibilityLabel(label)
            if case let (factLink, url)? = link {
                Button { openURL(url) } label: {
                    VStack(alignment: .leading) {
                        if !factLink.title.isEmpty { Text(factLink.title) }
                        Text(Self.target(url)).font(.callout)
                    }
                    // The 44 pt minimum belongs to the label, inside the bordered button's shape.
                    .frame(minHeight: minTouch)
                }
                .buttonStyle(.bordered)
            }
        }
    }

    /// Where a link goes, said on its button: "Open gamgee.tech" / "Email security@…".
    private static func target(_ url: URL) -> String {
        if url.scheme?.lowercased() == "mailto" {
            return L("link_email", url.absoluteString.dropFirst("mailto:".count).split(separator: "?").first.map(String.init) ?? "")
        }
        let host = url.host(percentEncoded: false) ?? url.absoluteString
        return L("link_open", host.hasPrefix("www.") ? String(host.dropFirst(4)) : host)
    }
}

/// Offline / expired trust list / recreated or temporary cache banners.
struct NoticeBanners: View {
    let core: AppCore

    var body: some View {
        let n = core.notices
        VStack(spacing: 1) {
            if core.openFailed { banner(S("failed_generic")) }
            if n.offline { banner(S("notice_offline")) }
            if n.trustListExpired { banner(S("notice_trust_expired")) }
            if n.cacheRecreated { banner(S("notice_cache_recreated"), dismiss: { core.notices.cacheRecreated = false }) }
            if n.cacheTemporary { banner(S("notice_cache_temporary")) }
        }
    }

    private func banner(_ text: String, dismiss: (@MainActor () -> Void)? = nil) -> some View {
        HStack(spacing: 12) {
            Image(systemName: "info.circle").accessibilityHidden(true)
            Text(text).font(.callout).frame(maxWidth: .infinity, alignment: .leading)
            if let dismiss {
                Button(S("close")) { dismiss() }.buttonStyle(.bordered)
            }
        }
        .padding(.horizontal)
        .padding(.vertical, 8)
        .background(Color(uiColor: .secondarySystemBackground))
    }
}
