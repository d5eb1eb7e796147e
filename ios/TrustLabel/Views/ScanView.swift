import AVFoundation
import SwiftUI

/// Camera + guidance until a code is read, then the check, then the result.
struct ScanView: View {
    @State private var model: ScanModel
    @State private var camera = CameraController()
    @State private var authorization = AVCaptureDevice.authorizationStatus(for: .video)
    @State private var torchOn = false
    @ScaledMetric(relativeTo: .body) private var minTouch: CGFloat = 44
    private let scanner: LabelScanner

    init(scanner: LabelScanner) {
        self.scanner = scanner
        _model = State(initialValue: ScanModel(scanner: scanner))
    }

    var body: some View {
        Group {
            switch model.state {
            case .scanning:
                scanning
            case .checking:
                VStack(spacing: 16) {
                    ProgressView().accessibilityHidden(true)
                    Text(L("checking")).font(.title2)
                    Button(L("cancel"), action: model.resume)
                        .buttonStyle(.bordered)
                        .frame(minHeight: minTouch)
                }
                .padding()
            case let .showing(_, result):
                ResultView(result: result, onScanAnother: model.resume, onCheckAgain: model.checkAgain)
            case let .failed(_, offline):
                VStack(spacing: 16) {
                    Text(L(offline ? "check_failed_offline" : "check_failed")).font(.title2)
                    Button(L("try_again"), action: model.checkAgain).buttonStyle(.borderedProminent).frame(minHeight: minTouch)
                    Button(L("scan_another"), action: model.resume).buttonStyle(.bordered).frame(minHeight: minTouch)
                }
                .padding()
            }
        }
        .navigationTitle(L("scan_title"))
        .toolbar {
            ToolbarItem(placement: .topBarTrailing) {
                // Symbol and word: no icon-only controls.
                NavigationLink { HistoryView(scanner: scanner) } label: {
                    Label(L("nav_history"), systemImage: "list.bullet").labelStyle(.titleAndIcon)
                }
            }
        }
        .sensoryFeedback(.success, trigger: model.hapticFound)
        .sensoryFeedback(.impact(weight: .light), trigger: model.hapticPulse)
        .task {
            // Tied to the view: leaving the screen cancels this task and any lookup.
            if authorization == .notDetermined {
                _ = await AVCaptureDevice.requestAccess(for: .video)
                authorization = AVCaptureDevice.authorizationStatus(for: .video)
            }
            guard authorization == .authorized else { return }
            let frames = AsyncStream<(LumaFrame, @Sendable () -> Void)> { continuation in
                camera.onFrame = { frame, done in continuation.yield((frame, done)) }
            }
            camera.start()
            defer { camera.stop(); model.stop() }
            for await (frame, done) in frames {
                await model.submit(frame)
                done()
            }
        }
    }

    @ViewBuilder
    private var scanning: some View {
        if authorization == .authorized {
            VStack(spacing: 0) {
                CameraPreview(session: camera.session)
                    .accessibilityLabel(L("camera_preview_description"))
                VStack(alignment: .leading, spacing: 12) {
                    // VoiceOver also hears it as an announcement when it changes (ScanModel).
                    Text(model.guidanceText)
                        .font(.title2)
                        .frame(maxWidth: .infinity, alignment: .leading)
                        .accessibilityAddTraits(.updatesFrequently)
                    if model.canShowAgain {
                        Button(L("show_result_again"), action: model.showAgain)
                            .buttonStyle(.borderedProminent)
                            .frame(maxWidth: .infinity, minHeight: minTouch)
                    }
                    if camera.hasTorch {
                        Button(L(torchOn ? "light_off" : "light_on")) {
                            torchOn.toggle()
                            camera.setTorch(torchOn)
                        }
                        .buttonStyle(.bordered)
                        .tint(model.suggestLight && !torchOn ? .accentColor : .secondary)
                        .frame(maxWidth: .infinity, minHeight: minTouch)
                    }
                }
                .padding()
            }
        } else {
            ScrollView {
                VStack(alignment: .leading, spacing: 16) {
                    Text(L("camera_permission_title")).font(.title2.bold())
                    Text(L(authorization == .notDetermined ? "camera_permission_rationale" : "camera_permission_denied"))
                    if authorization != .notDetermined, let settings = URL(string: UIApplication.openSettingsURLString) {
                        Link(L("open_settings"), destination: settings)
                            .frame(minHeight: minTouch)
                    }
                }
                .padding()
            }
        }
    }
}

/// The camera preview layer.
struct CameraPreview: UIViewRepresentable {
    let session: AVCaptureSession

    final class PreviewView: UIView {
        override class var layerClass: AnyClass { AVCaptureVideoPreviewLayer.self }
        var previewLayer: AVCaptureVideoPreviewLayer { layer as! AVCaptureVideoPreviewLayer }
    }

    func makeUIView(context: Context) -> PreviewView {
        let view = PreviewView()
        view.previewLayer.session = session
        view.previewLayer.videoGravity = .resizeAspectFill
        return view
    }

    func updateUIView(_ uiView: PreviewView, context: Context) {}
}
