//! `Words`: a text as shown and as a screen reader should say it (or read-aloud speaks):
//! the session's guidance and announcements, pack reports and watchlist alerts.

/// A text as shown and as a screen reader should say it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Words {
    /// What to show.
    pub text: String,
    /// What a screen reader should say: the same words, dates in words, links named.
    pub spoken: String,
}

impl From<trustlabel_words::Words> for Words {
    fn from(w: trustlabel_words::Words) -> Self {
        Words {
            text: w.text,
            spoken: w.spoken,
        }
    }
}
