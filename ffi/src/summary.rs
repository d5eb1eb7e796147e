//! The summary types, exported as the core defines them (`uniffi::remote`: no conversion).

pub use trustlabel_core::summary::{Fact, FactLink, Summary, Tone, Verdict};

/// How a fact or a verdict should feel. Always said in words too, never only by colour.
#[uniffi::remote(Enum)]
pub enum Tone {
    Good,
    Neutral,
    Unknown,
    Caution,
    Bad,
}

/// A scan in plain words: the verdict first, then the facts in the label's order.
#[uniffi::remote(Record)]
pub struct Summary {
    /// The catalogue used: `en-US` or `es-US`.
    pub locale: String,
    /// The outcome's code (`verified`, ...), or for an error `unreachable`, `not_cached`,
    /// `storage`, `decode`, `trust_list` or `network`.
    pub outcome: String,
    pub verdict: Verdict,
    pub facts: Vec<Fact>,
}

/// The first thing shown and said; reads well on its own and names the worst finding.
#[uniffi::remote(Record)]
pub struct Verdict {
    pub tone: Tone,
    pub text: String,
    pub spoken: String,
}

/// One finding: `id` is stable snake_case (`verification`, `support`, `sensors`, ...);
/// `spoken` is what a screen reader should say (dates in words, links as "link to <host>").
#[uniffi::remote(Record)]
pub struct Fact {
    pub id: String,
    pub tone: Tone,
    pub title: String,
    pub text: String,
    pub spoken: String,
    pub link: Option<FactLink>,
}

/// A link to open (`https://`, `http://` or `mailto:`), with a plain title.
#[uniffi::remote(Record)]
pub struct FactLink {
    pub title: String,
    pub url: String,
}
