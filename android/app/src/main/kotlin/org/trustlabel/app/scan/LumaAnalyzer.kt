package org.trustlabel.app.scan

import androidx.camera.core.ImageAnalysis
import androidx.camera.core.ImageProxy
import org.trustlabel.logic.LumaFrame
import org.trustlabel.logic.ScanSession

/**
 * CameraX analyzer (YUV_420_888, STRATEGY_KEEP_ONLY_LATEST): copies the Y plane of a frame and
 * hands it to the scan session, which passes it to the Rust core (CoreAdapter.scanFrame).
 * Frames that arrive while the previous one is still being decoded are dropped without a copy.
 */
class LumaAnalyzer(private val session: ScanSession) : ImageAnalysis.Analyzer {
    override fun analyze(image: ImageProxy) {
        image.use {
            if (!session.wantsFrame()) return
            // Plane 0 of YUV_420_888 is luma, one byte a pixel (pixelStride 1), rowStride >= width.
            val plane = it.planes[0]
            val buffer = plane.buffer.duplicate().apply { rewind() }
            val bytes = ByteArray(buffer.remaining())
            buffer.get(bytes)
            session.submitFrame(
                LumaFrame(
                    width = it.width,
                    height = it.height,
                    rowStride = plane.rowStride,
                    bytes = bytes, // a fresh array: the session reads it on another thread
                    timestampMs = it.imageInfo.timestamp / 1_000_000,
                ),
            )
        }
    }
}
