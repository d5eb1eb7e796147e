import Foundation
import Observation
import UIKit

/// The scan flow for SwiftUI (port of app-logic's ScanSession): frames in, guidance and a
/// result out. Work is tied to the view with `.task`: when the view goes away the task is
/// cancelled, and so is a lookup in flight.
@MainActor
@Observable
final class ScanModel {
    enum State {
        case scanning
        case checking(text: String)
        case showing(text: String, result: ResultPresentation)
        case failed(text: String, offline: Bool)
    }

    private(set) var state: State = .scanning
    private(set) var guidanceText = L("guide_point")
    private(set) var canShowAgain = false
    private(set) var suggestLight = false
    /// Bumped on each haptic cue; views use `.sensoryFeedback(trigger:)`.
    private(set) var hapticFound = 0
    private(set) var hapticPulse = 0

    private let scanner: LabelScanner
    private var guidance = ScanGuidance()
    private var debouncer = ScanDebouncer()
    private var recent: [String: ScanResultView] = [:]
    private var duplicateText: String?
    private var checkTask: Task<Void, Never>?
    private var frameBusy = false

    init(scanner: LabelScanner) {
        self.scanner = scanner
        guidance.searchPulseEvery = UIAccessibility.isVoiceOverRunning ? 1.5 : 0
        apply(guidance.start(now: Self.now()))
    }

    private static func now() -> TimeInterval { ProcessInfo.processInfo.systemUptime }

    /// Called on the main actor for frames the camera kept; frames arriving while one is being
    /// decoded are dropped by the camera (`wantsFrame`).
    var wantsFrame: Bool { if case .scanning = state { return !frameBusy } else { return false } }

    func submit(_ frame: LumaFrame) async {
        guard wantsFrame else { return }
        frameBusy = true
        defer { frameBusy = false }
        let luma = meanLuma(frame)
        guard let scan = try? await scanner.scanFrame(frame), case .scanning = state else { return }
        let now = Self.now()
        var sighting = Sighting.none
        var toCheck: (String, ScanResultView?)?
        if case let .decoded(text, result) = scan {
            if debouncer.offer(text, now: now) {
                sighting = .decoded
                toCheck = (text, result)
                duplicateText = nil
            } else if recent[text] != nil {
                sighting = .duplicate
                duplicateText = text
            }
        }
        if let update = guidance.onFrame(sighting, meanLuma: luma, now: now) { apply(update) }
        if let pending = toCheck { check(pending.0, ready: pending.1) }
    }

    private func check(_ text: String, ready: ScanResultView?) {
        checkTask?.cancel()
        if let ready { show(text, ready); return }
        state = .checking(text: text)
        checkTask = Task { [scanner] in
            do {
                let result = try await scanner.check(text)
                try Task.checkCancellation()
                show(text, result)
            } catch is CancellationError {
                // Left the screen or cancelled: nothing to show.
            } catch let failure as CheckFailed {
                state = .failed(text: text, offline: failure.reason == .offline)
            } catch {
                state = .failed(text: text, offline: false)
            }
        }
    }

    private func show(_ text: String, _ result: ScanResultView) {
        recent[text] = result
        state = .showing(text: text, result: ResultPresentation(result))
    }

    func resume() {
        checkTask?.cancel()
        checkTask = nil
        duplicateText = nil
        state = .scanning
        apply(guidance.start(now: Self.now()))
    }

    func checkAgain() {
        switch state {
        case let .showing(text, _), let .failed(text, _):
            debouncer.forget(text)
            check(text, ready: nil)
        default:
            break
        }
    }

    func showAgain() {
        if let text = duplicateText, let result = recent[text] { show(text, result) }
    }

    /// The view is going away: stop any lookup (structured: nothing outlives the screen).
    func stop() {
        checkTask?.cancel()
        checkTask = nil
    }

    private func apply(_ g: Guidance) {
        guidanceText = L(g.messageKey)
        canShowAgain = g.phase == .alreadyScanned && duplicateText.flatMap { recent[$0] } != nil
        suggestLight = g.phase == .tooDark
        switch g.haptic {
        case .found: hapticFound += 1
        case .searchPulse: hapticPulse += 1
        case .none: break
        }
        if g.speak && UIAccessibility.isVoiceOverRunning {
            UIAccessibility.post(notification: .announcement, argument: guidanceText)
        }
    }
}
