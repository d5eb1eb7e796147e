import AVFoundation

/// AVFoundation capture: the back camera (else any), 720p, 420YpCbCr8BiPlanarFullRange; the
/// luma plane (plane 0) of each frame goes to the current consumer, synchronously on the frame
/// queue (late frames are discarded by the output meanwhile). Platform glue only: no decisions.
/// One for the app (`shared`): one capture session, the device looked up once.
final class CameraController: NSObject, AVCaptureVideoDataOutputSampleBufferDelegate, @unchecked Sendable {
    // @unchecked: `session`'s configuration and the device's are touched only on
    // `sessionQueue`; `consumers` is thread-safe; `device` is set once in init.
    static let shared = CameraController()

    let session = AVCaptureSession()
    /// The camera the controller uses, or nil on a device without one (the screen says so).
    let device: AVCaptureDevice?
    private let sessionQueue = DispatchQueue(label: "org.trustlabel.camera.session")
    private let frameQueue = DispatchQueue(label: "org.trustlabel.camera.frames")
    /// Which screen gets the frames (FrameConsumers, tested on Linux).
    private let consumers = FrameConsumers()

    private override init() {
        device = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back)
            ?? AVCaptureDevice.default(for: .video)
        super.init()
    }

    var hasTorch: Bool { device?.hasTorch ?? false }

    /// Sends frames to `consumer` until `stop(token)` with the token returned here. A screen
    /// pushed over another starts before the one below stops: the later start wins.
    @discardableResult
    func start(_ consumer: @escaping @Sendable (LumaFrame) -> Void) -> Int {
        let token = consumers.start(consumer)
        sessionQueue.async { [self] in
            if session.inputs.isEmpty { configure() }
            if !session.inputs.isEmpty, !session.isRunning { session.startRunning() }
        }
        return token
    }

    /// Stops the frames of the screen that got `token`; another screen's frames go on.
    func stop(_ token: Int) {
        guard consumers.stop(token) else { return }
        sessionQueue.async { [self] in
            // A screen may have started again meanwhile.
            if session.isRunning, consumers.idle { session.stopRunning() }
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
        guard let camera = device,
              let input = try? AVCaptureDeviceInput(device: camera), session.canAddInput(input) else { return }
        session.addInput(input)
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
        guard !consumers.idle, let pixels = CMSampleBufferGetImageBuffer(sampleBuffer) else { return }
        CVPixelBufferLockBaseAddress(pixels, .readOnly)
        defer { CVPixelBufferUnlockBaseAddress(pixels, .readOnly) }
        guard let base = CVPixelBufferGetBaseAddressOfPlane(pixels, 0) else { return }
        let height = CVPixelBufferGetHeightOfPlane(pixels, 0)
        let bytesPerRow = CVPixelBufferGetBytesPerRowOfPlane(pixels, 0)
        // Copy: the buffer goes back to the camera's pool when this method returns.
        consumers.deliver(LumaFrame(
            width: UInt32(CVPixelBufferGetWidthOfPlane(pixels, 0)),
            height: UInt32(height),
            stride: UInt32(bytesPerRow),
            bytes: Data(bytes: base, count: bytesPerRow * height),
            timestampMs: ScanModel.now()
        ))
    }
}
