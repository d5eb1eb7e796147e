import AVFoundation
import SwiftUI
import TrustLabelCore
import UniformTypeIdentifiers

/// The audits the core keeps: reopen, delete, start a new one (by name).
struct AuditListView: View {
    let core: AppCore
    let onOpen: @MainActor (String, Bool) -> Void
    @State private var audits: [AuditInfo]?
    @State private var naming = false
    @State private var name = ""
    @State private var failed = false
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    var body: some View {
        List {
            Section {
                Button { naming = true } label: { Text(S("audit_new")).frame(minHeight: minTouch) }
                if failed { Text(S("failed_generic")) }
            }
            if let audits {
                if audits.isEmpty { Text(S("audits_empty")) }
                ForEach(audits, id: \.name) { info in
                    Button { onOpen(info.name, false) } label: {
                        VStack(alignment: .leading, spacing: 2) {
                            Text(info.name).font(.headline)
                            Text(info.counts.filter { $0.count > 0 }.map { "\($0.title): \($0.count)" }.joined(separator: ", "))
                                .font(.subheadline)
                            if info.closed { Text(S("audit_finished")).font(.footnote).foregroundStyle(.secondary) }
                        }
                        .frame(maxWidth: .infinity, minHeight: minTouch, alignment: .leading)
                    }
                    .buttonStyle(.plain)
                    .swipeActions { Button(S("delete"), role: .destructive) { delete(info.name) } }
                    // Swipe actions are hidden from VoiceOver users unless offered as actions too.
                    .accessibilityAction(named: S("delete")) { delete(info.name) }
                }
            } else {
                ProgressView()
            }
        }
        .navigationTitle(S("audits_title"))
        .task { await load() }
        .alert(S("audit_new"), isPresented: $naming) {
            TextField(S("audit_name"), text: $name)
            Button(S("audit_start")) {
                let n = name.trimmingCharacters(in: .whitespaces)
                name = ""
                if !n.isEmpty { onOpen(n, true) }
            }
            Button(L("cancel"), role: .cancel) { name = "" }
        }
    }

    private func load() async {
        guard let scanner = await core.open() else { return }
        do {
            audits = try await Task.detached { try await scanner.listAudits() }.value
            failed = false
        } catch { failed = true }
    }

    private func delete(_ name: String) {
        Task {
            guard let scanner = await core.open() else { return }
            _ = try? await Task.detached { try await scanner.deleteAudit(name: name) }.value
            await load()
        }
    }
}

/// A running shelf audit: the camera feeds the audit's shelf-mode session, which keeps going
/// after each label; the core's counts and distinct labels are re-read after each result.
struct AuditView: View {
    let core: AppCore
    let name: String
    let isNew: Bool
    @State private var model: ScanModel?
    @State private var audit: Audit?
    @State private var counts: [BucketCount] = []
    @State private var entries: [AuditEntry] = []
    @State private var camera = CameraController()
    @State private var finished = false
    @State private var failed = false
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    var body: some View {
        VStack(spacing: 0) {
            if !finished, CameraController.camera != nil, AVAuthorized.now {
                CameraPreview(session: camera.session)
                    .frame(maxHeight: 280)
                    .accessibilityLabel(L("camera_preview_description"))
            }
            List {
                if let words = model?.state.words {
                    Text(words.text).font(.headline)
                        .accessibilityLabel(words.spoken.isEmpty ? words.text : words.spoken)
                        .accessibilityAddTraits(.updatesFrequently)
                }
                if case .checking? = model?.state {
                    Button { model?.cancel() } label: { Text(L("cancel")).frame(minHeight: minTouch) }
                }
                if failed { Text(S("failed_generic")) }
                Section(S("audit_counts")) {
                    ForEach(counts, id: \.bucket) { c in
                        HStack { Text(c.title); Spacer(); Text("\(c.count)").font(.headline) }
                            .frame(minHeight: minTouch)
                            .accessibilityElement(children: .combine)
                    }
                }
                Section(S("audit_labels")) {
                    ForEach(entries, id: \.url) { e in
                        VStack(alignment: .leading) {
                            Text(e.title)
                            Text(S("audit_scans", String(e.scanCount))).font(.footnote).foregroundStyle(.secondary)
                        }
                        .accessibilityElement(children: .ignore)
                        .accessibilityLabel("\(e.spoken). \(S("audit_scans", String(e.scanCount)))")
                    }
                }
                if let audit {
                    Section {
                        ShareLink(item: AuditCSV(audit: audit, name: name), preview: SharePreview(name)) {
                            Text(S("audit_share_sheet")).frame(minHeight: minTouch)
                        }
                        ShareLink(item: AuditJSON(audit: audit, name: name), preview: SharePreview(name)) {
                            Text(S("audit_share_data")).frame(minHeight: minTouch)
                        }
                        if !finished {
                            Button { finish() } label: { Text(S("audit_finish")).frame(minHeight: minTouch) }
                        }
                    }
                }
            }
        }
        .navigationTitle(name)
        .task { await open() }
        .onDisappear {
            camera.stop()
            model?.stop()
        }
    }

    private func open() async {
        guard audit == nil, let scanner = await core.open() else { return }
        let (name, isNew) = (name, isNew)
        do {
            let opened = try await Task.detached {
                if isNew { try await scanner.startAudit(name: name) } else { try await scanner.openAudit(name: name) }
            }.value
            audit = opened
            let shelf = ScanModel(mode: .shelf) { event in
                // The audit records each lookup before the session reports it.
                switch event {
                case .result, .failed: Task { await reload() }
                default: break
                }
            }
            shelf.start(scanner) { listener in opened.startSession(config: SessionConfig(mode: .shelf, repeatWindowMs: 10_000, offline: false), listener: listener) }
            model = shelf
            if CameraController.camera != nil { camera.start(shelf.frameSink()) }
            await reload()
        } catch {
            failed = true
        }
    }

    private func reload() async {
        guard let audit else { return }
        counts = (try? await Task.detached { try await audit.counts() }.value) ?? counts
        entries = (try? await Task.detached { try await audit.entries() }.value) ?? entries
    }

    private func finish() {
        finished = true
        camera.stop()
        model?.stop()
        guard let audit else { return }
        Task.detached { try? audit.closeAudit() }
    }
}

/// Whether the camera may be used now (the scan screen asked already).
enum AVAuthorized {
    static var now: Bool { AVCaptureDevice.authorizationStatus(for: .video) == .authorized }
}

/// The audit's CSV, written by the core when the share sheet asks for it (RFC 4180, UTF-8).
struct AuditCSV: Transferable {
    let audit: Audit
    let name: String
    static var transferRepresentation: some TransferRepresentation {
        FileRepresentation(exportedContentType: .commaSeparatedText) { item in
            SentTransferredFile(try await exportFile(name: item.name, ext: "csv") { try await item.audit.exportCsv() })
        }
    }
}

/// The audit as JSON, for other apps.
struct AuditJSON: Transferable {
    let audit: Audit
    let name: String
    static var transferRepresentation: some TransferRepresentation {
        FileRepresentation(exportedContentType: .json) { item in
            SentTransferredFile(try await exportFile(name: item.name, ext: "json") { try await item.audit.exportJson() })
        }
    }
}

private func exportFile(name: String, ext: String, _ text: @Sendable () async throws -> String) async throws -> URL {
    let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    let url = URL.temporaryDirectory.appending(path: "\(safe.isEmpty ? "audit" : safe).\(ext)")
    try Data(try await text().utf8).write(to: url, options: .atomic)
    return url
}
