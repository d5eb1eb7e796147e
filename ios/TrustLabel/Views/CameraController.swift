import AVFoundation
import os

/// AVFoundation capture: back camera, 720p, `kCVPixelFormatType_420YpCbCr8BiPlanarFullRange`;
/// hands the luma plane (plane 0) of each kept frame to `onFrame`. Late frames are discarded
/// by the output, and frames are skipped while the previous one is still being handled.
final class CameraController: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate, @unchecked Sendable {
    let session = AVCaptureSession()
    private let sessionQueue = DispatchQueue(label: "org.trustlabel.camera.session")
    private let frameQueue = DispatchQueue(label: "org.trustlabel.camera.frames")
    private let busy = OSAllocatedUnfairLock(initialState: false)
    private var device: AVCaptureDevice?

    /// Called on a background queue; must call `done` when the frame has been handled.
    var onFrame: (@Sendable (LumaFrame, _ done: @escaping @Sendable () -> Void) -> Void)?

    var hasTorch: Bool {
        AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back)?.hasTorch ?? false
    }

    func start() {
        release() // a frame abandoned by a cancelled consumer must not block the next run
        sessionQueue.async { [self] in
            if session.inputs.isEmpty { configure() }
            if !session.isRunning { session.startRunning() }
        }
    }

    func stop() {
        sessionQueue.async { [self] in
            if session.isRunning { session.stopRunning() }
        }
    }

    func setTorch(_ on: Bool) {
        sessionQueue.async { [self] in
            guard let device, device.hasTorch, (try? device.lockForConfiguration()) != nil else { return }
            device.torchMode = on ? .on : .off
            device.unlockForConfiguration()
        }
    }

    private func configure() {
        session.beginConfiguration()
        defer { session.commitConfiguration() }
        if session.canSetSessionPreset(.hd1280x720) { session.sessionPreset = .hd1280x720 } // bounds decode work
        guard let camera = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back),
              let input = try? AVCaptureDeviceInput(device: camera), session.canAddInput(input) else { return }
        session.addInput(input)
        device = camera
        if (try? camera.lockForConfiguration()) != nil {
            if camera.isFocusModeSupported(.continuousAutoFocus) { camera.focusMode = .continuousAutoFocus }
            if camera.isAutoFocusRangeRestrictionSupported { camera.autoFocusRangeRestriction = .near }
            camera.unlockForConfiguration()
        }
        let output = AVCaptureVideoDataOutput()
        output.videoSettings = [kCVPixelBufferPixelFormatTypeKey as String: kCVPixelFormatType_420YpCbCr8BiPlanarFullRange]
        output.alwaysDiscardsLateVideoFrames = true
        output.setSampleBufferDelegate(self, queue: frameQueue)
        if session.canAddOutput(output) { session.addOutput(output) }
    }

    func captureOutput(_ output: AVCaptureOutput, didOutput sampleBuffer: CMSampleBuffer, from connection: AVCaptureConnection) {
        guard let onFrame, busy.withLock({ busy in
            if busy { return false }
            busy = true
            return true
        }) else { return }
        guard let pixels = CMSampleBufferGetImageBuffer(sampleBuffer) else { release(); return }
        CVPixelBufferLockBaseAddress(pixels, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
        guard let base = CVPixelBufferGetBaseAddressOfPlane(pixels, 0) else { release(); return }
        let width = CVPixelBufferGetWidthOfPlane(pixels, 0)
        let height = CVPixelBufferGetHeightOfPlane(pixels, 0)
        let bytesPerRow = CVPixelBufferGetBytesPerRowOfPlane(pixels, 0)
        // Copy: the buffer goes back to the camera's pool when this method returns.
        let frame = LumaFrame(width: width, height: height, rowStride: bytesPerRow,
                              bytes: Data(bytes: base, count: bytesPerRow * height))
        onFrame(frame) { [weak self] in self?.release() }
    }

    private func release() { busy.withLock { $0 = false } }
}
