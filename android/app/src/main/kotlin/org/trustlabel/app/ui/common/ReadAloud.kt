package org.trustlabel.app.ui.common

import android.content.Context
import android.speech.tts.TextToSpeech
import android.speech.tts.UtteranceProgressListener
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.platform.LocalConfiguration
import androidx.compose.ui.platform.LocalContext
import dev.trustlabel.core.Summary

/**
 * Read-aloud with the platform's text-to-speech, for people who do not use a screen reader.
 * It says the core's spoken forms (dates in words, links as "link to <host>"), verdict first.
 */
class ReadAloud(context: Context) {
    var speaking by mutableStateOf(false)
        private set
    @Volatile
    private var ready = false
    private val tts = TextToSpeech(context.applicationContext) { status -> ready = status == TextToSpeech.SUCCESS }

    init {
        tts.setOnUtteranceProgressListener(object : UtteranceProgressListener() {
            override fun onStart(utteranceId: String?) { speaking = true }
            override fun onDone(utteranceId: String?) { speaking = false }

            @Deprecated("Deprecated in Java")
            override fun onError(utteranceId: String?) { speaking = false }
        })
    }

    fun speak(text: String, locale: java.util.Locale) {
        if (!ready) return
        tts.setLanguage(locale)
        tts.speak(text, TextToSpeech.QUEUE_FLUSH, null, "trustlabel")
        speaking = true
    }

    fun stop() {
        tts.stop()
        speaking = false
    }

    fun shutdown() = tts.shutdown()

    companion object {
        /** The verdict, then each fact's title and spoken form, as the core worded them. */
        fun script(summary: Summary): String = buildString {
            append(summary.verdict.spoken.ifBlank { summary.verdict.text })
            for (f in summary.facts) append(". ").append(f.title.trimEnd('.', ':')).append(". ").append(f.spoken.ifBlank { f.text })
        }
    }
}

@Composable
fun rememberReadAloud(): ReadAloud {
    val context = LocalContext.current
    val reader = remember { ReadAloud(context) }
    DisposableEffect(reader) { onDispose { reader.shutdown() } }
    return reader
}

/** The language the app is showing now (per-app language included). */
@Composable
fun currentLocale(): java.util.Locale = LocalConfiguration.current.locales[0]
