//! The repeat window: a label seen again within it is not looked up again.

use std::collections::HashMap;

/// Entries kept before expired ones are swept out (a shelf audit sees a few hundred labels).
const SWEEP_ABOVE: usize = 512;

/// QR texts and when each was last in view. The window slides: a label held in view stays
/// "seen" for as long as it is in view, plus the window.
#[derive(Debug)]
pub(crate) struct RepeatWindow {
    window_ms: u64,
    last_seen: HashMap<String, u64>,
}

impl RepeatWindow {
    pub(crate) fn new(window_ms: u64) -> Self {
        RepeatWindow {
            window_ms,
            last_seen: HashMap::new(),
        }
    }

    /// Notes `text` as in view at `now_ms`; true when it was already in view within the
    /// window. A timestamp earlier than the last one (a restarted camera clock) counts as
    /// within the window.
    pub(crate) fn sight(&mut self, text: &str, now_ms: u64) -> bool {
        let recent = self
            .last_seen
            .get(text)
            .is_some_and(|&at| now_ms.saturating_sub(at) < self.window_ms);
        if self.last_seen.len() >= SWEEP_ABOVE {
            let window = self.window_ms;
            self.last_seen
                .retain(|_, &mut at| now_ms.saturating_sub(at) < window);
        }
        self.last_seen.insert(text.to_owned(), now_ms);
        recent
    }

    pub(crate) fn forget(&mut self, text: &str) {
        self.last_seen.remove(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slides_with_each_sighting() {
        let mut w = RepeatWindow::new(10_000);
        assert!(!w.sight("a", 0));
        assert!(w.sight("a", 9_999));
        assert!(w.sight("a", 19_000), "seen at 9,999: still within");
        assert!(!w.sight("a", 29_000), "out of view for 10 s");
        assert!(!w.sight("b", 29_000));
        w.forget("b");
        assert!(!w.sight("b", 29_001), "forgotten");
        assert!(w.sight("a", 5), "clock went back: within");
    }

    #[test]
    fn bounded() {
        let mut w = RepeatWindow::new(10);
        for i in 0..10_000u64 {
            w.sight(&i.to_string(), i * 100);
        }
        assert!(w.last_seen.len() <= SWEEP_ABOVE + 1);
    }
}
