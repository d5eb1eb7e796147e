//! The summary types, exported as the core defines them (`uniffi::remote`: no conversion).

pub use trustlabel_words::{Fact, FactId, FactLink, QuotedSpan, Summary, SummaryOutcome, Verdict};

pub use trustlabel_protocol::Tone;

// A fact's id crosses as its snake_case name (`verification`, `sign_in`, ...), as in JSON:
// the apps keep plain strings, and this is the one place the two meet.
uniffi::custom_type!(FactId, String, {
    remote,
    lower: |id| id.code().to_owned(),
    try_lift: |name| FactId::from_code(&name)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("unknown fact id {name:?}")),
});

// A summary's outcome crosses as its code (`verified`, `not_cached`, ...), the same text as in
// JSON and as `ScanResult.outcome`'s names: the apps keep it as a plain string, as they do
// fact ids; the Rust side is the enum.
uniffi::custom_type!(SummaryOutcome, String, {
    remote,
    lower: |outcome| outcome.code().to_owned(),
    try_lift: |code| SummaryOutcome::from_code(&code)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("unknown summary outcome {code:?}")),
});

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
    /// The catalogue used: `en-US`, `es-US`, `zh-Hans`, `zh-Hant` or `vi`.
    pub locale: String,
    /// The outcome's code (`verified`, ...), or for an error `unreachable`, `not_cached`,
    /// `storage`, `decode`, `trust_list` or `network`.
    pub outcome: SummaryOutcome,
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
    pub id: FactId,
    pub tone: Tone,
    pub title: String,
    pub text: String,
    pub spoken: String,
    pub link: Option<FactLink>,
    /// The record's own words in `text`, with their language: a screen reader should switch
    /// voice for them.
    pub quotes: Vec<QuotedSpan>,
    /// The same for `spoken`.
    pub spoken_quotes: Vec<QuotedSpan>,
}

/// A link to open (`https://`, `http://` or `mailto:`), with a plain title.
#[uniffi::remote(Record)]
pub struct FactLink {
    pub title: String,
    pub url: String,
    /// The record's own words in `title`, with their language.
    pub quotes: Vec<QuotedSpan>,
}

/// Words quoted as the record gives them (usually English), marked with their language.
/// `start_utf16`/`end_utf16` index Kotlin and Java strings; Swift can use `start`/`end`
/// (UTF-8 bytes) on `String.utf8`.
#[uniffi::remote(Record)]
pub struct QuotedSpan {
    pub start: u32,
    pub end: u32,
    pub start_utf16: u32,
    pub end_utf16: u32,
    pub lang: String,
}
