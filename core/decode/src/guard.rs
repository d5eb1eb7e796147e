//! Containment of panics raised inside third-party decoders.
//!
//! `contain` runs a closure under `catch_unwind`. While it runs, a
//! thread-local flag tells our panic hook to stay silent, so a contained panic
//! does not print the default "thread panicked at ..." message. The hook is
//! installed once and wraps (forwards to) whatever hook was set before, so
//! panics anywhere else — other threads, or this thread outside `contain` —
//! are reported exactly as before. If the application replaces the hook later,
//! contained panics are merely printed again; they are still contained.
//!
//! Containment needs `panic = "unwind"` (the default, and what every profile
//! of this workspace uses). With `panic = "abort"` nothing can be contained.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        // take_hook/set_hook panic only when called while panicking, which
        // cannot be the case here (we are about to run decoder code).
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let quiet = QUIET.try_with(|q| q.get()).unwrap_or(false);
            if !quiet {
                previous(info);
            }
        }));
    });
}

/// Run `f`, turning a panic into `None`.
pub(crate) fn contain<T>(silence: bool, f: impl FnOnce() -> T) -> Option<T> {
    if silence {
        install_hook();
    }
    let was = QUIET.with(|q| q.replace(silence));
    let r = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    r.ok()
}
