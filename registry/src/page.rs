//! The consumer page: what a shopper sees after scanning a label with the phone's own camera.
//!
//! It is the apps' summary ([`trustlabel_words::summarize`]) drawn as HTML, with the
//! page's own few words from `words/locales/<locale>/page.ftl`: no second copy of any text. The
//! registry verifies its own envelope against its trust list before drawing, so a record that
//! fails a check is drawn as the apps draw it (a warning, nothing from the record).
//!
//! The page is offered in every language the core has a catalogue for ([`PAGE_LOCALES`] is
//! the core's [`LOCALES`]). The record's own words (product and maker names, the maker's
//! text) are quoted as the record gives them, isolated and marked with their language
//! (`<bdi lang="en">`), so a screen reader reading a Chinese page switches voice for them and
//! a right-to-left name cannot reorder the words around it. Control characters in any text
//! are replaced ([`trustlabel_protocol::Untrusted`]), and the page carries its own Content
//! Security Policy (`<meta>`), so a static host without headers serves it as safely.
//!
//! The page needs no JavaScript and no images; every tone is written as a word before the
//! text, never carried by colour alone; the layout is one column in `rem` units that reflows
//! at 320 px and at 200% zoom.

use chrono::{DateTime, FixedOffset, Utc};
use trustlabel_protocol::{
    verify_record, LabelLink, Outcome, RecordView, ScanResult, Tone, TrustList, TrustListStatus,
    Untrusted,
};
use trustlabel_words::{
    self as summary, date_in_words, message, tone_word, Fact, FactId, QuotedSpan, Summary, Words,
    LOCALES, RECORD_LANG,
};

/// The page's languages, in the order of the language switch: every catalogue of the core
/// (en-US, es-US, zh-Hans, zh-Hant, vi), the first one the fallback.
pub const PAGE_LOCALES: [&str; LOCALES.len()] = LOCALES;

/// What the page is drawn from: the label's URL, its envelope, and the registry's trust list.
pub struct PageInput<'a> {
    /// The label's QR URL.
    pub url: &'a str,
    /// The envelope the registry serves for it, verified before the page shows anything.
    pub envelope: &'a [u8],
    /// The registry's trust list, to verify the envelope against.
    pub trust: &'a TrustList,
    /// The label's page path on this site (`/l/<slug>`), for the language switch.
    pub path: &'a str,
    /// Whether this site publishes the registry's transparency log. Then the envelope is
    /// checked as the apps check it, log checks L1 to L4 and L6 included (the site serves
    /// an envelope its log holds with its `log_proof`), so a statement the registry signed
    /// but never logged is not drawn as verified: the apps refuse it (`not_logged`).
    pub site_logs: bool,
}

/// The scan result the registry itself gets for its own envelope, as an app would on fetch.
pub fn self_check(input: &PageInput<'_>, now: DateTime<Utc>) -> ScanResult {
    let trust_list = TrustListStatus {
        version: input.trust.version(),
        expired: input.trust.is_expired(now),
    };
    let outcome = match LabelLink::parse(input.url) {
        Err(_) => Outcome::NotALabel,
        Ok(link) => match input.trust.match_link(&link) {
            None => Outcome::NotOfficial {
                host: link.host().to_owned(),
                display_host: link.display_host(),
                warnings: Vec::new(),
            },
            Some(found) => {
                let registry = found.registry;
                // A browser cannot check the log, but the registry can: a site that publishes
                // its log draws only what the log holds as verified. A site without one (an
                // export without `--log`) draws the registry's signed word, checked without
                // the log. L5 (a device's kept heads) has no meaning for the registry itself.
                let unlogged;
                let checked_as = if input.site_logs {
                    registry
                } else {
                    unlogged = registry.without_log();
                    &unlogged
                };
                match verify_record(input.envelope, checked_as, &link, now, None) {
                    Ok(verified) => {
                        let record =
                            RecordView::verified(verified, now.timestamp(), now.timestamp());
                        if record.expired() {
                            Outcome::VerifiedStale { record }
                        } else {
                            Outcome::Verified { record }
                        }
                    }
                    Err(reason) => Outcome::Invalid {
                        reason,
                        registry_id: registry.id().to_owned(),
                    },
                }
            }
        },
    };
    ScanResult {
        text: input.url.to_owned(),
        url: Some(input.url.to_owned()),
        outcome,
        trust_list,
        scanned_at: now.timestamp(),
    }
}

/// The page in `locale`, drawn on `now` (the registry's local time).
pub fn render(input: &PageInput<'_>, locale: &str, now: DateTime<FixedOffset>) -> String {
    let result = self_check(input, now.with_timezone(&Utc));
    let summary = summary::summarize(&result, locale, now);
    let product = result
        .outcome
        .record()
        .and_then(|r| r.statement().record.product_name.clone())
        .filter(|n| !n.trim().is_empty());
    draw(&summary, product.as_deref(), input, now)
}

fn words(id: &str, locale: &str) -> String {
    message(id, locale, &[]).text
}

fn words_with(id: &str, locale: &str, args: &[(&str, Words)]) -> String {
    message(id, locale, args).text
}

fn draw(
    summary: &Summary,
    product: Option<&str>,
    input: &PageInput<'_>,
    now: DateTime<FixedOffset>,
) -> String {
    let locale = summary.locale.as_str();
    // The product name is the record's own words: drawn in the heading inside a `lang` span.
    let (title, heading) = match product {
        Some(name) => {
            let framed = words_with("page-title", locale, &[("product", Words::same(NAME_SLOT))]);
            // The title cannot hold markup: the name goes between the isolate marks FSI and
            // PDI, which do for plain text what `<bdi>` does in the page.
            (
                esc(&framed).replace(NAME_SLOT, &format!("\u{2068}{}\u{2069}", esc(name))),
                esc(&framed).replace(NAME_SLOT, &quote_html(name, RECORD_LANG)),
            )
        }
        None => {
            let title = esc(&words("page-title-no-product", locale));
            (title.clone(), title)
        }
    };
    let verified = summary.outcome.is_verified();
    let mut body = String::new();
    body.push_str(&format!(
        "<header>\n<p class=\"brand\">{}</p>\n<nav aria-label=\"{}\">{}</nav>\n</header>\n",
        esc(&words("page-brand", locale)),
        esc(&words("page-language", locale)),
        language_switch(locale, input.path),
    ));
    body.push_str("<main>\n");
    body.push_str(&format!("<h1>{heading}</h1>\n"));
    body.push_str(&format!(
        "<section class=\"verdict tone-{tone}\" aria-labelledby=\"verdict\">\n\
         <h2 id=\"verdict\">{heading}</h2>\n<p><strong>{tone_label}</strong> {text}</p>\n</section>\n",
        tone = summary.verdict.tone.code(),
        heading = esc(&words("page-verdict-heading", locale)),
        tone_label = esc(&tone_label(summary.verdict.tone, locale)),
        text = esc(&summary.verdict.text),
    ));
    body.push_str(&format!(
        "<section class=\"about\" aria-labelledby=\"about\">\n<h2 id=\"about\">{}</h2>\n\
         <p>{}</p>\n<p>{}</p>\n<p class=\"address\">{}</p>\n</section>\n",
        esc(&words("page-browser-heading", locale)),
        esc(&words("page-browser-cannot-check", locale)),
        esc(&words("page-app-checks", locale)),
        esc(&words_with(
            "page-address",
            locale,
            &[("url", Words::same(input.url))]
        )),
    ));
    body.push_str(&format!(
        "<section aria-labelledby=\"facts\">\n<h2 id=\"facts\">{}</h2>\n",
        esc(&words("page-facts-heading", locale))
    ));
    // The app's "we checked this with the registry" is not true of a web page: the page's
    // own words above say what a browser can and cannot know.
    for fact in summary
        .facts
        .iter()
        .filter(|f| !(verified && f.id == FactId::Verification))
    {
        body.push_str(&fact_section(fact, locale));
    }
    body.push_str("</section>\n</main>\n");
    let made = date_in_words(now.date_naive(), locale);
    let when = message("day-on", locale, &[("date", made)]);
    body.push_str(&format!(
        "<footer>\n<p>{}</p>\n<p><a href=\"{}\" type=\"application/jose+json\">{}</a></p>\n</footer>\n",
        esc(&words_with("page-made", locale, &[("when", when)])),
        esc(&format!("{}/record.jws", input.path)),
        esc(&words("page-record-link", locale)),
    ));
    document(locale, &title, &body)
}

/// One fact of the summary as a section: its tone in words, its text with the record's own
/// words marked, and its link with where it goes (a host or an e-mail address).
fn fact_section(fact: &Fact, locale: &str) -> String {
    let mut section = String::new();
    section.push_str(&format!(
        "<section class=\"fact tone-{tone}\" id=\"fact-{id}\">\n<h3>{title}</h3>\n\
         <p><strong>{tone_label}</strong> {text}</p>\n",
        tone = fact.tone.code(),
        id = esc(fact.id.code()),
        title = esc(&fact.title),
        tone_label = esc(&tone_label(fact.tone, locale)),
        text = with_quotes(&fact.text, &fact.quotes),
    ));
    if let Some(link) = &fact.link {
        let goes_to = match link.url.strip_prefix("mailto:") {
            Some(address) => words_with(
                "page-link-email",
                locale,
                &[("address", Words::same(address))],
            ),
            None => {
                let host = url::Url::parse(&link.url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_owned))
                    .unwrap_or_else(|| link.url.clone());
                words_with("page-link-host", locale, &[("host", Words::same(host))])
            }
        };
        section.push_str(&format!(
            "<p><a href=\"{href}\">{title}</a> <span class=\"host\">{host}</span></p>\n",
            href = esc(&link.url),
            title = with_quotes(&link.title, &link.quotes),
            host = esc(&goes_to),
        ));
    }
    section.push_str("</section>\n");
    section
}

/// "Good:" before a text, so a tone never depends on colour.
fn tone_label(tone: Tone, locale: &str) -> String {
    words_with(
        "page-tone",
        locale,
        &[("tone", Words::same(tone_word(tone, locale)))],
    )
}

/// Stands for the product name in the page title while it is formatted (a private-use
/// character: never in a catalogue, and record text given to the page never needs it).
const NAME_SLOT: &str = "\u{E0F0}";

/// Record words quoted as they are: escaped, control characters replaced, inside a `<bdi>`
/// marked with their language. `<bdi>` isolates their direction: a name in a right-to-left
/// script (or one that ends with a left-to-right mark) cannot reorder the page's own words
/// around it.
fn quote_html(words: &str, lang: &str) -> String {
    format!("<bdi lang=\"{}\">{}</bdi>", esc(lang), esc(words))
}

/// `text` escaped for HTML, each quoted span (UTF-8 byte offsets into `text`) inside a
/// `<bdi lang>`. A span out of range, not on character boundaries, empty, or overlapping
/// an earlier one is skipped: its words are still shown, only without the mark.
pub fn with_quotes(text: &str, quotes: &[QuotedSpan]) -> String {
    let mut spans: Vec<&QuotedSpan> = quotes.iter().collect();
    spans.sort_by_key(|q| (q.start, q.end));
    let mut out = String::with_capacity(text.len() + quotes.len() * 24);
    let mut at = 0usize;
    for span in spans {
        let (start, end) = (span.start as usize, span.end as usize);
        let fits = start >= at
            && start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
            && !span.lang.trim().is_empty();
        if !fits {
            continue;
        }
        out.push_str(&esc(&text[at..start]));
        out.push_str(&quote_html(&text[start..end], span.lang.trim()));
        at = end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// Links to the same page in the other languages, each named in its own language, as a
/// short list.
fn language_switch(locale: &str, path: &str) -> String {
    let items: String = PAGE_LOCALES
        .iter()
        .filter(|l| **l != locale)
        .map(|other| {
            format!(
                "<li><a href=\"{href}\" hreflang=\"{other}\" lang=\"{other}\">{text}</a></li>\n",
                href = esc(&format!("{path}/{other}")),
                text = esc(&words("page-read-in", other)),
            )
        })
        .collect();
    format!("\n<ul class=\"languages\">\n{items}</ul>\n")
}

/// The page for an address the registry has no label at.
pub fn not_found(locale: &str) -> String {
    let locale = summary::resolve_locale(locale);
    let title = words("page-not-found-title", locale);
    let body = format!(
        "<header>\n<p class=\"brand\">{}</p>\n</header>\n<main>\n<h1>{}</h1>\n\
         <section class=\"verdict tone-bad\"><p><strong>{}</strong> {}</p></section>\n</main>\n",
        esc(&words("page-brand", locale)),
        esc(&title),
        esc(&tone_label(Tone::Bad, locale)),
        esc(&words("page-not-found", locale)),
    );
    document(locale, &esc(&title), &body)
}

/// The site's front page: a plain list of its labels (`(path, name)`), in the fallback
/// language (en-US), the records' names as they are.
pub fn index(labels: &[(String, String)]) -> String {
    let locale = PAGE_LOCALES[0];
    let title = words("page-index-title", locale);
    let mut body = format!("<main>\n<h1>{}</h1>\n<ul>\n", esc(&title));
    for (path, name) in labels {
        body.push_str(&format!(
            "<li><a href=\"{}\"><bdi>{}</bdi></a></li>\n",
            esc(path),
            esc(name)
        ));
    }
    body.push_str("</ul>\n</main>\n");
    document(locale, &esc(&title), &body)
}

/// Colours: every foreground/background pair has a contrast of at least 7:1 except the tone
/// borders (decoration only; the tone is the word in front of the text).
const STYLE: &str = "\
html{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;line-height:1.5;\
color:#1a1a1a;background:#fff;-webkit-text-size-adjust:100%;text-size-adjust:100%}\
body{margin:0 auto;padding:1rem;max-width:42rem}\
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}\
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}\
h3{font-size:1.05rem;margin:0 0 .25rem}\
p{margin:.25rem 0 .5rem;overflow-wrap:anywhere}\
a{color:#0b4a8b;text-decoration:underline;text-underline-offset:.15em}\
a:focus-visible{outline:3px solid #0b4a8b;outline-offset:2px}\
.brand{font-weight:700;margin:0}\
nav{margin:.5rem 0}\
.languages{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}\
.verdict{border:3px solid #555;border-radius:.5rem;padding:.5rem 1rem;font-size:1.1rem}\
.verdict h2{font-size:1rem;margin:.25rem 0}\
.fact{border-left:.4rem solid #767676;padding:.25rem 0 .25rem .75rem;margin:1rem 0}\
.tone-good{border-color:#1b6e20}.tone-caution{border-color:#8a5a00}\
.tone-bad{border-color:#a4161a}.tone-unknown{border-color:#5c5c5c}.tone-neutral{border-color:#3f5f8a}\
.host{color:#444}\
.about{background:#f3f3f3;padding:.5rem 1rem;border-radius:.5rem;margin-top:1rem}\
footer{margin-top:2rem;border-top:1px solid #767676;padding-top:.5rem;font-size:.95rem}\
@media (prefers-color-scheme:dark){html{color:#f0f0f0;background:#121212}\
a{color:#9cc8ff}a:focus-visible{outline-color:#9cc8ff}.host{color:#ccc}.about{background:#252525}}";

/// The page's own Content Security Policy, for any static host (`serve` and the exported
/// nginx send the same as a header, with `frame-ancestors`, which a `<meta>` cannot carry):
/// no script, no images, no fetches, no forms; only the inline style.
pub const PAGE_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

/// The whole page; `title` is HTML already (escaped).
fn document(locale: &str, title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{locale}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{PAGE_POLICY}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
    )
}

/// HTML escaping for text and attribute values, every control and bidirectional character
/// replaced ([`Untrusted::html`]): all text on a page goes through this.
pub fn esc(text: &str) -> String {
    Untrusted::new(text).html()
}
