import AVFoundation
import SwiftUI
import UIKit

/// The camera preview layer, kept upright as the device rotates (iOS 17's RotationCoordinator
/// gives the angle for a level preview; it is observed, not read once).
struct CameraPreview: UIViewRepresentable {
    let session: AVCaptureSession

    final class PreviewView: UIView {
        override class var layerClass: AnyClass { AVCaptureVideoPreviewLayer.self }
        var previewLayer: AVCaptureVideoPreviewLayer {
            // layerClass above makes this cast always succeed.
            layer as! AVCaptureVideoPreviewLayer // swiftlint:disable:this force_cast
        }
        private var coordinator: AVCaptureDevice.RotationCoordinator?
        private var observation: NSKeyValueObservation?

        func follow(_ device: AVCaptureDevice?) {
            guard let device, coordinator == nil else { return }
            let rotation = AVCaptureDevice.RotationCoordinator(device: device, previewLayer: previewLayer)
            coordinator = rotation
            apply(rotation.videoRotationAngleForHorizonLevelPreview)
            observation = rotation.observe(\.videoRotationAngleForHorizonLevelPreview, options: [.new]) { @Sendable [weak self] _, change in
                guard let angle = change.newValue else { return }
                DispatchQueue.main.async { [weak self] in MainActor.assumeIsolated { self?.apply(angle) } }
            }
        }

        // The preview's connection exists only once the session is configured: apply again then.
        override func layoutSubviews() {
            super.layoutSubviews()
            if let coordinator { apply(coordinator.videoRotationAngleForHorizonLevelPreview) }
        }

        private func apply(_ angle: CGFloat) {
            guard let connection = previewLayer.connection, connection.isVideoRotationAngleSupported(angle) else { return }
            connection.videoRotationAngle = angle
        }
    }

    func makeUIView(context: Context) -> PreviewView {
        let view = PreviewView()
        view.previewLayer.session = session
        view.previewLayer.videoGravity = .resizeAspectFill
        view.follow(CameraController.shared.device)
        return view
    }

    func updateUIView(_ uiView: PreviewView, context: Context) {}
}
