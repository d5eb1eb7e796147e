import AVFoundation
import SwiftUI
import TrustLabelCore
import UniformTypeIdentifiers

/// The audits the core keeps: reopen, delete, start a new one (by name). State: AuditListModel.
struct AuditListView: View {
    @State var model: AuditListModel
    let onOpen: @MainActor (String, Bool) -> Void
    @State private var naming = false
    @State private var name = ""
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    var body: some View {
        List {
            Section {
                Button { naming = true } label: { Text(S("audit_new")).frame(minHeight: minTouch) }
                if let problem = model.problem { Text(problem) }
            }
            if let audits = model.audits {
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
                    .swipeActions { Button(S("delete"), role: .destructive) { Task { await model.delete(info.name) } } }
                    // Swipe actions are hidden from VoiceOver users unless offered as actions too.
                    .accessibilityAction(named: S("delete")) { Task { await model.delete(info.name) } }
                }
            } else {
                ProgressView()
            }
        }
        .navigationTitle(S("audits_title"))
        .task { await model.load() }
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
}

/// A running shelf audit: the camera feeds the audit's shelf-mode session (AuditModel), which
/// keeps going after each label; the core's counts and labels are drawn as they change.
struct AuditView: View {
    @State var model: AuditModel
    private let camera = CameraController.shared
    @State private var cameraToken: Int?
    @State private var authorization = AVCaptureDevice.authorizationStatus(for: .video)
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    private var cameraOn: Bool {
        model.audit != nil && !model.finished && camera.device != nil && authorization == .authorized
    }

    var body: some View {
        VStack(spacing: 0) {
            if cameraOn {
                CameraPreview(session: camera.session)
                    .frame(maxHeight: 280)
                    .accessibilityLabel(L("camera_preview_description"))
            }
            List {
                if let problem = model.problem { Text(problem).font(.headline) }
                if let words = model.scan.state.words {
                    Text(words.text).font(.headline)
                        .accessibilityLabel(words.spoken.isEmpty ? words.text : words.spoken)
                        .accessibilityAddTraits(.updatesFrequently)
                }
                if case .checking = model.scan.state {
                    Button { model.scan.cancel() } label: { Text(L("cancel")).frame(minHeight: minTouch) }
                }
                Section(S("audit_counts")) {
                    ForEach(model.counts, id: \.bucket) { c in
                        HStack { Text(c.title); Spacer(); Text("\(c.count)").font(.headline) }
                            .frame(minHeight: minTouch)
                            .accessibilityElement(children: .combine)
                    }
                }
                Section(S("audit_labels")) {
                    ForEach(model.entries, id: \.url) { e in
                        VStack(alignment: .leading) {
                            Text(e.title)
                            Text(SCount("audit_scans", Int(e.scanCount), String(e.scanCount))).font(.footnote).foregroundStyle(.secondary)
                        }
                        .accessibilityElement(children: .ignore)
                        .accessibilityLabel("\(e.spoken). \(SCount("audit_scans", Int(e.scanCount), String(e.scanCount)))")
                    }
                }
                if model.audit != nil {
                    Section {
                        ShareLink(item: AuditCSV(model: model), preview: SharePreview(model.name)) {
                            Text(S("audit_share_sheet")).frame(minHeight: minTouch)
                        }
                        ShareLink(item: AuditJSON(model: model), preview: SharePreview(model.name)) {
                            Text(S("audit_share_data")).frame(minHeight: minTouch)
                        }
                        if !model.finished {
                            Button { Task { await model.finish() } } label: { Text(S("audit_finish")).frame(minHeight: minTouch) }
                        }
                    }
                }
            }
        }
        .navigationTitle(model.name)
        .task {
            // The scan screen usually asked already; an audit opened first asks here.
            if authorization == .notDetermined {
                _ = await AVCaptureDevice.requestAccess(for: .video)
                authorization = AVCaptureDevice.authorizationStatus(for: .video)
            }
            await model.open()
        }
        .onChange(of: cameraOn, initial: true) { _, on in
            if on {
                cameraToken = camera.start(model.scan.frameSink())
            } else if let token = cameraToken {
                camera.stop(token)
                cameraToken = nil
            }
        }
        .onDisappear {
            if let token = cameraToken { camera.stop(token) }
            cameraToken = nil
            model.leave()
        }
    }
}

/// The audit's CSV (RFC 4180, UTF-8), written by the core when the share sheet asks for it.
struct AuditCSV: Transferable {
    let model: AuditModel
    static var transferRepresentation: some TransferRepresentation {
        FileRepresentation(exportedContentType: .commaSeparatedText) { item in
            SentTransferredFile(try await item.model.export(json: false))
        }
    }
}

/// The audit as JSON, for other apps.
struct AuditJSON: Transferable {
    let model: AuditModel
    static var transferRepresentation: some TransferRepresentation {
        FileRepresentation(exportedContentType: .json) { item in
            SentTransferredFile(try await item.model.export(json: true))
        }
    }
}
