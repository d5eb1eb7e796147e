//! CPU-bound work split over the cores, answers in input order: for the signature checks of
//! a whole pack (import and export), where checking one by one leaves all but one core idle.

/// At most this many threads: signature checks are all the work there is, and a phone's
/// small cores add little past this.
pub const MAX_THREADS: usize = 8;

/// Items one thread takes per call at the least: starting a thread costs about what a few
/// dozen signature checks do, so fewer items are mapped on the calling thread.
pub const MIN_ITEMS_PER_THREAD: usize = 32;

/// Threads worth using here: the cores, at most [`MAX_THREADS`].
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(MAX_THREADS)
}

/// `f` of every item, in the items' order, on up to `threads` scoped threads (each taking a
/// contiguous run of items). A panic in `f` is the caller's, as if `f` had run on its thread.
pub fn map_in_order<T, R, F>(items: &[T], threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let threads = threads.min(items.len() / MIN_ITEMS_PER_THREAD).max(1);
    if threads == 1 {
        return items.iter().map(&f).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let running: Vec<_> = items
            .chunks(per_thread)
            .map(|run| scope.spawn(move || run.iter().map(f).collect::<Vec<R>>()))
            .collect();
        running
            .into_iter()
            .flat_map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_come_back_in_input_order_whatever_the_split() {
        let items: Vec<u32> = (0..1_000).collect();
        for threads in [1, 2, 3, 7, 8] {
            let doubled = map_in_order(&items, threads, |n| n * 2);
            assert_eq!(
                doubled,
                items.iter().map(|n| n * 2).collect::<Vec<_>>(),
                "{threads}"
            );
        }
        assert!(map_in_order(&[] as &[u32], 4, |n| *n).is_empty());
    }

    #[test]
    fn a_panic_in_a_thread_is_the_callers() {
        let items: Vec<u32> = (0..200).collect();
        let caught = std::panic::catch_unwind(|| {
            map_in_order(&items, 4, |n| {
                assert!(*n != 150, "item 150");
                *n
            })
        });
        assert!(caught.is_err());
    }
}
