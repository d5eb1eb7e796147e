import Foundation

// Swift ports of android/app-logic's ScanGuidance and ScanDebouncer (same rules, same message
// keys). The Kotlin versions are the tested reference: change both together.

enum GuidancePhase: Sendable { case searching, tooDark, alreadyScanned, found }

enum Haptic: Sendable { case none, searchPulse, found }

struct Guidance: Sendable, Equatable {
    var phase: GuidancePhase
    var messageKey: String
    var haptic: Haptic = .none
    var speak: Bool = false
}

enum Sighting: Sendable { case none, duplicate, decoded }

/// What to say and which haptic to play while looking for a code (times in seconds, monotonic).
struct ScanGuidance {
    var repeatAfter: TimeInterval = 6
    var searchPulseEvery: TimeInterval = 0   // 0 = off; on when VoiceOver runs
    var darkLuma = 35
    var darkAfter: TimeInterval = 1
    var lostAfter: TimeInterval = 1.2

    private(set) var current = Guidance(phase: .searching, messageKey: "guide_point")
    private var lastSpoken: TimeInterval = 0
    private var lastPulse: TimeInterval = 0
    private var lastCode: TimeInterval = -.infinity
    private var darkSince: TimeInterval?

    mutating func start(now: TimeInterval) -> Guidance {
        lastSpoken = now; lastPulse = now; lastCode = -.infinity; darkSince = nil
        current = Guidance(phase: .searching, messageKey: "guide_point", speak: true)
        return current
    }

    /// Returns the update to apply, or nil when nothing changes.
    mutating func onFrame(_ sighting: Sighting, meanLuma: Int, now: TimeInterval) -> Guidance? {
        if current.phase == .found { return nil }
        if meanLuma < darkLuma { darkSince = darkSince ?? now } else if meanLuma >= darkLuma + 10 { darkSince = nil }
        switch sighting {
        case .decoded:
            return emit(Guidance(phase: .found, messageKey: "guide_found", haptic: .found, speak: true), now)
        case .duplicate:
            lastCode = now
            return current.phase == .alreadyScanned ? nil
                : emit(Guidance(phase: .alreadyScanned, messageKey: "guide_already_scanned", speak: true), now)
        case .none:
            if current.phase == .alreadyScanned && now - lastCode < lostAfter { return nil }
            let dark = darkSince.map { now - $0 >= darkAfter } ?? false
            if dark && current.phase != .tooDark {
                return emit(Guidance(phase: .tooDark, messageKey: "guide_dark", speak: true), now)
            }
            if !dark && current.phase != .searching {
                return emit(Guidance(phase: .searching, messageKey: "guide_point", speak: true), now)
            }
            if now - lastSpoken >= repeatAfter {
                // A changed text is what makes VoiceOver speak again: alternate with the hint.
                let primary = current.phase == .tooDark ? "guide_dark" : "guide_point"
                var next = current
                next.messageKey = current.messageKey == primary ? "guide_hint" : primary
                next.haptic = .none
                next.speak = true
                return emit(next, now)
            }
            if searchPulseEvery > 0 && now - lastPulse >= searchPulseEvery {
                lastPulse = now
                current.haptic = .searchPulse
                current.speak = false
                return current
            }
            return nil
        }
    }

    private mutating func emit(_ g: Guidance, _ now: TimeInterval) -> Guidance {
        if g.speak { lastSpoken = now }
        lastPulse = now
        current = g
        return g
    }
}

/// Many frames of one label make one scan: a code counts again only after it was out of view
/// for `quiet` seconds (sliding window). Bounded memory.
struct ScanDebouncer {
    var quiet: TimeInterval = 2.5
    var capacity = 64
    private var lastSeen: [String: TimeInterval] = [:]

    mutating func offer(_ code: String, now: TimeInterval) -> Bool {
        let key = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { return false }
        let previous = lastSeen[key]
        lastSeen[key] = max(now, previous ?? now)
        if lastSeen.count > capacity, let oldest = lastSeen.min(by: { $0.value < $1.value })?.key {
            lastSeen.removeValue(forKey: oldest)
        }
        guard let previous else { return true }
        return now - previous > quiet
    }

    mutating func forget(_ code: String) {
        lastSeen.removeValue(forKey: code.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Mean brightness (0...255) from a sparse grid of samples.
func meanLuma(_ frame: LumaFrame, samplesPerSide: Int = 32) -> Int {
    let stepX = max(1, frame.width / samplesPerSide), stepY = max(1, frame.height / samplesPerSide)
    return frame.bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
        var sum = 0, n = 0
        var y = stepY / 2
        while y < frame.height {
            var x = stepX / 2
            while x < frame.width {
                let i = y * frame.rowStride + x
                if i < raw.count { sum += Int(raw[i]); n += 1 }
                x += stepX
            }
            y += stepY
        }
        return n == 0 ? 0 : sum / n
    }
}
