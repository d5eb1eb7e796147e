import AVFoundation
import PhotosUI
import SwiftUI
import TrustLabelCore

/// Draws the session's state and forwards taps to it. The camera runs only while this screen
/// is visible and the session is searching: it stops behind a check, a result, or a pushed screen.
struct ScanView: View {
    let app: AppModel
    let navigate: @MainActor (Route) -> Void
    private var model: ScanModel { app.scan }
    private var core: AppCore { app.core }
    private let camera = CameraController.shared
    @State private var cameraToken: Int?
    @State private var authorization = AVCaptureDevice.authorizationStatus(for: .video)
    @State private var visible = false
    @State private var torchOn = false
    @State private var typing = false
    @State private var typed = ""
    @State private var photo: PhotosPickerItem?
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44

    private var cameraOn: Bool {
        visible && authorization == .authorized && camera.device != nil && model.state.wantsCamera
    }

    var body: some View {
        VStack(spacing: 0) {
            NoticeBanners(core: core)
            content
        }
        .navigationTitle(L("scan_title"))
        .toolbar { toolbar }
        .sensoryFeedback(.selection, trigger: model.tick)
        .sensoryFeedback(.success, trigger: model.done)
        .onAppear { visible = true }
        .onDisappear { visible = false }
        .onChange(of: cameraOn, initial: true) { _, on in
            if on {
                cameraToken = camera.start(model.frameSink())
            } else if let token = cameraToken {
                camera.stop(token)
                cameraToken = nil
            }
        }
        .onChange(of: photo) { _, item in
            guard let item else { return }
            photo = nil
            // nil: the system could not hand the photo over; the model says so.
            Task { await model.openPhoto(try? await item.loadTransferable(type: Data.self)) }
        }
        .alert(S("type_link_title"), isPresented: $typing) {
            TextField(S("type_link_field"), text: $typed)
                .textInputAutocapitalization(.never)
                .keyboardType(.URL)
                .autocorrectionDisabled()
            Button(S("type_link_check")) { model.open(typed); typed = "" }
            Button(L("cancel"), role: .cancel) { typed = "" }
        }
        .task {
            if authorization == .notDetermined {
                _ = await AVCaptureDevice.requestAccess(for: .video)
                authorization = AVCaptureDevice.authorizationStatus(for: .video)
            }
        }
    }

    @ViewBuilder
    private var content: some View {
        switch model.state {
        case .opening where core.openFailed:
            // The scanner would not open: say so, and offer to try again (not a spinner forever).
            VStack(spacing: 16) {
                Text(L("check_failed")).font(.title2)
                Button { Task { await app.launch() } } label: { Text(L("try_again")).frame(minWidth: minTouch, minHeight: minTouch) }
                    .buttonStyle(.borderedProminent)
            }
            .padding()
            .frame(maxWidth: .infinity, maxHeight: .infinity)
        case .opening:
            ProgressView().frame(maxWidth: .infinity, maxHeight: .infinity)
        case .searching, .codeSeen, .cancelled:
            searching
        case let .checking(words):
            ScrollView {
                VStack(spacing: 16) {
                    ProgressView().accessibilityHidden(true)
                    spoken(words).font(.title2)
                    // Cancel is the session's: the core stops the lookup and leaves its store as it was.
                    Button { model.cancel() } label: { Text(L("cancel")).frame(minWidth: minTouch, minHeight: minTouch) }
                        .buttonStyle(.bordered)
                }
                .padding()
            }
        case let .showing(result, _):
            ResultView(summary: result.summary, reader: app.reader, result: result, onScanAnother: { model.scanAgain() },
                       saved: result.url != nil && model.savedURL == result.url, saveProblem: model.saveProblem,
                       onSave: { url in Task { await model.save(url) } })
        case let .failed(summary, _):
            ResultView(summary: summary, reader: app.reader, onScanAnother: { model.scanAgain() })
        case let .problem(words):
            VStack(alignment: .leading, spacing: 16) {
                spoken(words).font(.title2)
                wide(L("scan_another"), prominent: true) { model.scanAgain() }
            }
            .padding()
            .frame(maxWidth: .infinity, maxHeight: .infinity, alignment: .top)
        }
    }

    private var searching: some View {
        VStack(spacing: 0) {
            Group {
                if camera.device == nil {
                    Text(S("no_camera")).font(.body).padding()
                } else if authorization == .authorized {
                    CameraPreview(session: camera.session)
                        .accessibilityLabel(L("camera_preview_description"))
                } else {
                    permission
                }
            }
            .frame(maxWidth: .infinity, maxHeight: .infinity)
            // Scrolls, so that at the largest text sizes every button can still be reached.
            ScrollView {
                VStack(alignment: .leading, spacing: 12) {
                    if let words = model.state.words { spoken(words).font(.title2) }
                    if model.photoHadNoCode { Text(S("photo_no_code")).font(.body) }
                    if camera.hasTorch && authorization == .authorized {
                        wide(L(torchOn ? "light_off" : "light_on"), prominent: model.state.suggestsLight && !torchOn) {
                            torchOn.toggle()
                            camera.setTorch(torchOn)
                        }
                    }
                    PhotosPicker(selection: $photo, matching: .images) {
                        Text(S("pick_photo")).frame(maxWidth: .infinity, minHeight: minTouch)
                    }
                    .buttonStyle(.bordered)
                    wide(S("type_link"), prominent: false) { typing = true }
                }
                .padding()
            }
            .frame(maxHeight: 320)
        }
    }

    private var permission: some View {
        ScrollView {
            VStack(alignment: .leading, spacing: 16) {
                Text(L("camera_permission_title")).font(.title2.bold())
                Text(L(authorization == .denied || authorization == .restricted ? "camera_permission_denied" : "camera_permission_rationale"))
                if let settings = URL(string: UIApplication.openSettingsURLString) {
                    Link(destination: settings) { Text(L("open_settings")).frame(minHeight: minTouch) }
                        .buttonStyle(.bordered)
                }
            }
            .padding()
        }
    }

    @ToolbarContentBuilder
    private var toolbar: some ToolbarContent {
        ToolbarItemGroup(placement: .topBarTrailing) {
            // Symbol and word: no icon-only controls. History is reachable in every state.
            Button { navigate(.history) } label: {
                Label(L("nav_history"), systemImage: "list.bullet").labelStyle(.titleAndIcon)
            }
            Menu {
                Button { navigate(.watch) } label: { Label(S("watch_title"), systemImage: "star") }
                Button { navigate(.audits) } label: { Label(S("audits_title"), systemImage: "checklist") }
                Button { navigate(.pack) } label: { Label(S("pack_title"), systemImage: "square.and.arrow.down") }
            } label: {
                Label(S("more"), systemImage: "ellipsis.circle").labelStyle(.titleAndIcon)
            }
        }
    }

    /// The core's words: shown as text, read by VoiceOver in their spoken form.
    private func spoken(_ words: Words) -> some View {
        Text(words.text)
            .frame(maxWidth: .infinity, alignment: .leading)
            .accessibilityLabel(words.spoken.isEmpty ? words.text : words.spoken)
            .accessibilityAddTraits(.updatesFrequently)
    }

    @ViewBuilder
    private func wide(_ title: String, prominent: Bool, _ action: @escaping @MainActor () -> Void) -> some View {
        let button = Button { action() } label: { Text(title).frame(maxWidth: .infinity, minHeight: minTouch) }
        if prominent { button.buttonStyle(.borderedProminent) } else { button.buttonStyle(.bordered) }
    }
}
