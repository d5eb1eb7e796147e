package org.trustlabel.app

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.rememberNavController
import org.trustlabel.app.history.HistoryRoute
import org.trustlabel.app.scan.ScanRoute
import org.trustlabel.app.ui.theme.TrustLabelTheme

class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        enableEdgeToEdge()
        super.onCreate(savedInstanceState)
        setContent {
            TrustLabelTheme {
                val nav = rememberNavController()
                NavHost(navController = nav, startDestination = Routes.SCAN) {
                    // The scan destination owns the ScanViewModel: popping it cancels any lookup.
                    composable(Routes.SCAN) {
                        ScanRoute(onOpenHistory = { nav.navigate(Routes.HISTORY) { launchSingleTop = true } })
                    }
                    composable(Routes.HISTORY) {
                        HistoryRoute(onBack = { nav.popBackStack() })
                    }
                }
            }
        }
    }
}

object Routes {
    const val SCAN = "scan"
    const val HISTORY = "history"
}
