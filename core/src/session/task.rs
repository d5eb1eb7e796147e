//! Where a session's checks run, and the handle that stops one.
//!
//! Cancellation does not rely on any platform's async cancellation (uniffi 0.32's Swift
//! futures have none): the check is a tokio task, and cancelling aborts it, in the manner of
//! matrix-rust-sdk's `TaskHandle`. An aborted task stops at its next await; the scanner
//! writes the store only after a complete, verified answer and with no await in between, so
//! an aborted check leaves the store as it was.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};

use tokio::runtime::{Handle, Runtime};
use tokio::task::JoinHandle;

/// A running check. Dropping the handle does not stop it; `cancel` does.
#[derive(Debug)]
pub struct TaskHandle {
    handle: JoinHandle<()>,
}

impl TaskHandle {
    pub(crate) fn spawn(runtime: &Handle, task: impl Future<Output = ()> + Send + 'static) -> Self {
        TaskHandle {
            handle: runtime.spawn(task),
        }
    }

    /// Stops the task at its next await point.
    pub fn cancel(&self) {
        self.handle.abort();
    }

    /// True once the task has ended, cancelled or not.
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }
}

/// The runtime sessions use when the caller gives none: one worker thread, started on first
/// use and shared by every session in the process. `Err` when the OS refused the thread.
pub(crate) fn shared_runtime() -> Result<Handle, String> {
    static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("trustlabel-session")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map(|rt| rt.handle().clone())
        .map_err(Clone::clone)
}

/// A future that turns a panic while polling into `Err`, so a bug in a check ends the check
/// instead of leaving the session waiting for it forever.
pub(crate) struct CatchUnwind<F> {
    inner: Pin<Box<F>>,
}

impl<F: Future> CatchUnwind<F> {
    pub(crate) fn new(future: F) -> Self {
        CatchUnwind {
            inner: Box::pin(future),
        }
    }
}

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.inner.as_mut();
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(payload) => Poll::Ready(Err(panic_message(payload.as_ref()))),
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
