import AVFoundation
import os

/// The luma plane of one camera frame: one byte a pixel, `stride` bytes a row.
struct LumaFrame: Sendable {
    let width: UInt32
    let height: UInt32
    let stride: UInt32
    let bytes: Data
    let timestampMs: UInt64
}

/// AVFoundation capture: the back camera (else any), 720p, 420YpCbCr8BiPlanarFullRange; the
/// luma plane (plane 0) of each frame goes to `sink`, synchronously on the frame queue (late
/// frames are discarded by the output meanwhile). Platform glue only: no decisions.
final class CameraController: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate, @unchecked Sendable {
    // @unchecked: `session` and `device` are touched only on `sessionQueue`; `sink` is behind a lock.
    let session = AVCaptureSession()
    private let sessionQueue = DispatchQueue(label: "org.trustlabel.camera.session")
    private let frameQueue = DispatchQueue(label: "org.trustlabel.camera.frames")
    private let sink = OSAllocatedUnfairLock<(@Sendable (LumaFrame) -> Void)?>(initialState: nil)
    private var device: AVCaptureDevice?

    /// The camera the controller uses, or nil on a device without one (the screen says so).
    /// (Computed: AVCaptureDevice is not Sendable, so it cannot be a shared static.)
    static var camera: AVCaptureDevice? {
        AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back)
            ?? AVCaptureDevice.default(for: .video)
    }

    var hasTorch: Bool { Self.camera?.hasTorch ?? false }

    func start(_ consumer: @escaping @Sendable (LumaFrame) -> Void) {
        sink.withLock { $0 = consumer }
        sessionQueue.async { [self] in
            if session.inputs.isEmpty { configure() }
            if !session.inputs.isEmpty, !session.isRunning { session.startRunning() }
        }
    }

    func stop() {
        sink.withLock { $0 = nil }
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
        guard let camera = Self.camera,
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
        guard let consume = sink.withLock({ $0 }), let pixels = CMSampleBufferGetImageBuffer(sampleBuffer) else { return }
        CVPixelBufferLockBaseAddress(pixels, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
        guard let base = CVPixelBufferGetBaseAddressOfPlane(pixels, 0) else { return }
        let height = CVPixelBufferGetHeightOfPlane(pixels, 0)
        let bytesPerRow = CVPixelBufferGetBytesPerRowOfPlane(pixels, 0)
        // Copy: the buffer goes back to the camera's pool when this method returns.
        consume(LumaFrame(
            width: UInt32(CVPixelBufferGetWidthOfPlane(pixels, 0)),
            height: UInt32(height),
            stride: UInt32(bytesPerRow),
            bytes: Data(bytes: base, count: bytesPerRow * height),
            timestampMs: ScanModel.now()
        ))
    }
}
