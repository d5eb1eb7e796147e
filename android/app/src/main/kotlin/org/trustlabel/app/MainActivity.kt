package org.trustlabel.app

import android.content.Intent
import android.net.Uri
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import androidx.navigation.NavHostController
import androidx.navigation.NavType
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.rememberNavController
import androidx.navigation.navArgument
import org.trustlabel.app.core.deepLinkRouter
import org.trustlabel.app.history.HistoryRoute
import org.trustlabel.app.history.HistoryViewModel
import org.trustlabel.app.scan.ScanNav
import org.trustlabel.app.scan.ScanRoute
import org.trustlabel.app.scan.ScanViewModel
import org.trustlabel.app.staff.AuditRoute
import org.trustlabel.app.staff.AuditsRoute
import org.trustlabel.app.staff.CompareRoute
import org.trustlabel.app.staff.PackRoute
import org.trustlabel.app.staff.StaffFactories
import org.trustlabel.app.staff.WatchRoute
import org.trustlabel.app.ui.theme.TrustLabelTheme
import kotlinx.coroutines.flow.MutableStateFlow
import org.trustlabel.logic.model.DeepLink

class MainActivity : ComponentActivity() {
    /** A label link to check, from an App Link (the phone's camera, a browser): the core decides, app-logic routes it. */
    private val incoming = MutableStateFlow<String?>(null)
    private val router = deepLinkRouter(BuildConfig.LABEL_HOST)

    override fun onCreate(savedInstanceState: Bundle?) {
        enableEdgeToEdge()
        super.onCreate(savedInstanceState)
        val core = (application as TrustLabelApplication).core
        // A per-app language change recreates this activity: the core must word things in it too.
        core.ensureOpen()
        take(intent, restored = savedInstanceState != null)
        setContent {
            TrustLabelTheme {
                val nav = rememberNavController()
                val notices by core.host.notices.collectAsStateWithLifecycle()
                val link by incoming.collectAsStateWithLifecycle()
                LaunchedEffect(link) {
                    link?.let { url ->
                        incoming.value = null
                        nav.reopen(url)
                    }
                }
                NavHost(navController = nav, startDestination = Routes.SCAN) {
                    // The scan destination owns the session: popping it stops the session.
                    composable(Routes.SCAN) { entry ->
                        val scanVm: ScanViewModel = viewModel(factory = ScanViewModel.Factory)
                        // History and My devices hand an entry back through this destination's handle.
                        LaunchedEffect(entry) {
                            entry.savedStateHandle.getStateFlow<String?>(ScanViewModel.OPEN_LINK, null).collect { link ->
                                if (link != null) {
                                    entry.savedStateHandle[ScanViewModel.OPEN_LINK] = null
                                    scanVm.model.open(link)
                                }
                            }
                        }
                        val watch = viewModel<org.trustlabel.app.staff.WatchViewModel>(factory = StaffFactories.watch)
                        val saves by watch.model.saves.collectAsStateWithLifecycle()
                        ScanRoute(
                            vm = scanVm,
                            notices = notices,
                            onDismissCacheNotice = core.host::dismissCacheNotice,
                            onRetryOpen = { core.host.retry() },
                            saves = saves,
                            onSave = watch.model::save,
                            nav = ScanNav(
                                history = { nav.navigate(Routes.HISTORY) { launchSingleTop = true } },
                                audits = { nav.navigate(Routes.AUDITS) { launchSingleTop = true } },
                                watch = { nav.navigate(Routes.WATCH) { launchSingleTop = true } },
                                pack = { nav.navigate(Routes.PACK) { launchSingleTop = true } },
                            ),
                        )
                    }
                    composable(Routes.HISTORY) {
                        HistoryRoute(
                            vm = viewModel<HistoryViewModel>(factory = HistoryViewModel.Factory),
                            onBack = { nav.popBackStack() },
                            onOpen = { url -> nav.reopen(url) },
                            onCompare = { urls -> nav.navigate(Routes.compare(urls)) },
                        )
                    }
                    composable(Routes.AUDITS) {
                        AuditsRoute(viewModel(factory = StaffFactories.audits), onBack = { nav.popBackStack() }) { name, new ->
                            nav.navigate(Routes.audit(name, new))
                        }
                    }
                    composable(
                        Routes.AUDIT,
                        arguments = listOf(
                            navArgument("name") { type = NavType.StringType },
                            navArgument("new") { type = NavType.BoolType; defaultValue = false },
                        ),
                    ) {
                        AuditRoute(viewModel(factory = StaffFactories.audit), onBack = { nav.popBackStack() })
                    }
                    composable(Routes.WATCH) {
                        WatchRoute(
                            viewModel(factory = StaffFactories.watch),
                            onBack = { nav.popBackStack() },
                            onOpen = { url -> nav.reopen(url) },
                            onCompare = { urls -> nav.navigate(Routes.compare(urls)) },
                        )
                    }
                    composable(Routes.PACK) { PackRoute(viewModel(factory = StaffFactories.pack), onBack = { nav.popBackStack() }) }
                    composable(Routes.COMPARE, arguments = listOf(navArgument("urls") { type = NavType.StringType })) {
                        CompareRoute(viewModel(factory = StaffFactories.compare), onBack = { nav.popBackStack() })
                    }
                }
            }
        }
    }

    /** The activity is running and gets a new link (launchMode singleTask). */
    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        take(intent, restored = false)
    }

    private fun take(intent: Intent?, restored: Boolean) {
        val fromHistory = (intent?.flags ?: 0) and Intent.FLAG_ACTIVITY_LAUNCHED_FROM_HISTORY != 0
        when (val route = router.route(intent?.dataString, restored, fromHistory)) {
            is DeepLink.Scan -> incoming.value = route.url
            null -> Unit
        }
    }
}

/** Back to the scan destination, whose session checks [url] again (from the cache when offline). */
private fun NavHostController.reopen(url: String) {
    getBackStackEntry(Routes.SCAN).savedStateHandle[ScanViewModel.OPEN_LINK] = url
    popBackStack(Routes.SCAN, inclusive = false)
}

object Routes {
    const val SCAN = "scan"
    const val HISTORY = "history"
    const val AUDITS = "audits"
    const val AUDIT = "audit/{name}?new={new}"
    const val WATCH = "watch"
    const val PACK = "pack"
    const val COMPARE = "compare/{urls}"

    fun audit(name: String, new: Boolean) = "audit/${Uri.encode(name)}?new=$new"
    fun compare(urls: List<String>) = "compare/${Uri.encode(urls.joinToString("\n"))}"
}
