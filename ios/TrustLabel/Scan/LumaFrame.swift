import Foundation

/// The luma plane of one camera frame: one byte a pixel, `stride` bytes a row. The camera
/// (CameraController, on the device) makes them; the scan session decodes them.
struct LumaFrame: Sendable {
    let width: UInt32
    let height: UInt32
    let stride: UInt32
    let bytes: Data
    let timestampMs: UInt64
}

/// Which screen's consumer gets the camera's frames. Screens share one camera; a screen pushed
/// over another starts before the one below has stopped, so each start returns a token and
/// only the holder of the current token can stop the frames.
final class FrameConsumers: Sendable {
    private let current = Locked<(token: Int, consume: @Sendable (LumaFrame) -> Void)?>(nil)
    private let tokens = Locked(0)

    /// Frames go to `consume` from now on; the returned token stops them.
    func start(_ consume: @escaping @Sendable (LumaFrame) -> Void) -> Int {
        let token = tokens.withLock { $0 += 1; return $0 }
        current.withLock { $0 = (token, consume) }
        return token
    }

    /// Stops the frames if `token` is the current one; true when nobody wants frames any more.
    @discardableResult
    func stop(_ token: Int) -> Bool {
        current.withLock { now in
            guard now?.token == token else { return false }
            now = nil
            return true
        }
    }

    /// Nobody wants frames: the camera may stop, and a frame need not be copied.
    var idle: Bool { current.withLock { $0 == nil } }

    /// Hands a frame to the current consumer, if any.
    func deliver(_ frame: LumaFrame) {
        current.withLock { $0?.consume }?(frame)
    }
}
