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
