package org.trustlabel.app.ui.theme

import android.os.Build
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.dynamicDarkColorScheme
import androidx.compose.material3.dynamicLightColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.Immutable
import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.LocalContext
import dev.trustlabel.core.Tone

/** Container / content colour pairs for each tone (contrast >= 4.5:1 in both themes). */
@Immutable
data class ToneColors(
    val good: Pair<Color, Color>,
    val caution: Pair<Color, Color>,
    val bad: Pair<Color, Color>,
    val unknown: Pair<Color, Color>,
    val neutral: Pair<Color, Color>,
) {
    fun of(tone: Tone): Pair<Color, Color> = when (tone) {
        Tone.GOOD -> good
        Tone.CAUTION -> caution
        Tone.BAD -> bad
        Tone.UNKNOWN -> unknown
        Tone.NEUTRAL -> neutral
    }
}

private val LightTones = ToneColors(
    good = Color(0xFFD7F5DD) to Color(0xFF0B5A1F),
    caution = Color(0xFFFFE9B8) to Color(0xFF5C3F00),
    bad = Color(0xFFFFDAD6) to Color(0xFF8C0009),
    unknown = Color(0xFFE3E3EA) to Color(0xFF303038),
    neutral = Color(0xFFF0F0F4) to Color(0xFF1B1B1F),
)

private val DarkTones = ToneColors(
    good = Color(0xFF0F3D1A) to Color(0xFFB4F1C0),
    caution = Color(0xFF463100) to Color(0xFFFFDEA0),
    bad = Color(0xFF5C0007) to Color(0xFFFFDAD6),
    unknown = Color(0xFF303038) to Color(0xFFE3E3EA),
    neutral = Color(0xFF232327) to Color(0xFFE4E2E6),
)

val LocalToneColors = staticCompositionLocalOf { LightTones }

@Composable
fun TrustLabelTheme(dark: Boolean = isSystemInDarkTheme(), content: @Composable () -> Unit) {
    val scheme = when {
        Build.VERSION.SDK_INT >= Build.VERSION_CODES.S ->
            if (dark) dynamicDarkColorScheme(LocalContext.current) else dynamicLightColorScheme(LocalContext.current)
        dark -> darkColorScheme()
        else -> lightColorScheme()
    }
    CompositionLocalProvider(LocalToneColors provides if (dark) DarkTones else LightTones) {
        // Material 3 type scale is in sp, so the user's font size setting applies everywhere.
        MaterialTheme(colorScheme = scheme, content = content)
    }
}
