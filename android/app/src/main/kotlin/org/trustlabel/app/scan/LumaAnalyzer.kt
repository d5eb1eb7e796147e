package org.trustlabel.app.scan

import android.os.SystemClock
import androidx.camera.core.ImageAnalysis
import androidx.camera.core.ImageProxy
import org.trustlabel.logic.model.SessionPort

/**
 * CameraX analyzer (YUV_420_888, STRATEGY_KEEP_ONLY_LATEST): copies the Y plane into one
 * reused buffer and pushes it to the core's session, synchronously on the analysis thread
 * (the core copies what it keeps before pushFrame returns, so the buffer can be refilled).
 *
 * The clock is elapsedRealtime for frames and typed text alike: the core's repeat window
 * compares them, and CameraX image timestamps may use another time base.
 */
class LumaAnalyzer(private val session: () -> SessionPort?) : ImageAnalysis.Analyzer {
    private var buffer = ByteArray(0)

    override fun analyze(image: ImageProxy) {
        image.use {
            val s = session() ?: return
            // Plane 0 of YUV_420_888 is luma, one byte a pixel (pixelStride 1), rowStride >= width.
            val plane = it.planes[0]
            val source = plane.buffer.duplicate().apply { rewind() }
            val size = source.remaining()
            if (buffer.size != size) buffer = ByteArray(size) // once per resolution, not per frame
            source.get(buffer, 0, size)
            // The session may be closed on another thread (screen closed, language change):
            // a call on a freed handle throws, and an analyzer must not crash the app.
            runCatching { s.pushFrame(it.width, it.height, plane.rowStride, buffer, SystemClock.elapsedRealtime()) }
        }
    }
}
