package org.trustlabel.app.scan

import android.os.SystemClock
import androidx.camera.core.ImageAnalysis
import androidx.camera.core.ImageProxy
import dev.trustlabel.core.ScanSession

/**
 * CameraX analyzer (YUV_420_888, STRATEGY_KEEP_ONLY_LATEST): copies the Y plane and pushes it to
 * the core's session, synchronously on the analysis thread (the core decodes, de-duplicates and
 * decides; frames that arrive meanwhile are dropped by CameraX).
 *
 * The clock is elapsedRealtime for frames and typed text alike: the core's repeat window
 * compares them, and CameraX image timestamps may use another time base.
 */
class LumaAnalyzer(private val session: () -> ScanSession?) : ImageAnalysis.Analyzer {
    override fun analyze(image: ImageProxy) {
        image.use {
            val s = session() ?: return
            // Plane 0 of YUV_420_888 is luma, one byte a pixel (pixelStride 1), rowStride >= width.
            val plane = it.planes[0]
            val buffer = plane.buffer.duplicate().apply { rewind() }
            val bytes = ByteArray(buffer.remaining())
            buffer.get(bytes)
            // The session may be stopped and freed on another thread (screen closed, language
            // change): a call on a freed handle throws, and an analyzer must not crash the app.
            runCatching {
                s.pushFrame(
                    it.width.toUInt(),
                    it.height.toUInt(),
                    plane.rowStride.toUInt(),
                    bytes,
                    SystemClock.elapsedRealtime().toULong(),
                )
            }
        }
    }
}
