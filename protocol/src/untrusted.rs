//! Text and links that came from outside: registry fields, QR text, file names, pack
//! contents, request paths. Such text can steer what shows it: a terminal runs escape
//! sequences (clear the screen, set the window title, OSC 8 hyperlinks), bidirectional
//! controls reorder the line around them, HTML runs markup, a spreadsheet runs formulas.
//!
//! [`Untrusted`] holds such text and has no `Display`: it is written only through one of its
//! renderers, each of which replaces every character that steers ([`steers`]) with U+FFFD
//! and escapes what its medium needs. [`checked_link`] is the one rule for links the registry
//! publishes or the apps open: `https:` (and `mailto:` for contacts), nothing else.

use std::borrow::Cow;
use std::fmt;

/// Drawn in place of a character that could steer a terminal or reorder text.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether `c` can steer a terminal or reorder the text around it: C0 controls (ESC starts
/// escape sequences, CR rewrites the line), DEL, C1 controls (CSI, OSC as single code
/// points), the bidirectional marks, embeddings, overrides and isolates, and the Unicode line
/// and paragraph separators.
pub fn steers(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `text` with every character that [`steers`] replaced by U+FFFD (borrowed when there is
/// none, the common case).
pub fn replace_steering(text: &str) -> Cow<'_, str> {
    replace_steering_except(text, |_| false)
}

fn replace_steering_except(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let bad = |c: char| steers(c) && !keep(c);
    if text.chars().any(bad) {
        text.chars()
            .map(|c| if bad(c) { REPLACEMENT } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Text that came from outside. It cannot be printed as it is (there is no `Display`):
/// only through [`Untrusted::terminal`], [`Untrusted::html`], [`Untrusted::csv`] or
/// [`Untrusted::log`]. `Debug` shows the terminal form.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Untrusted<'a>(Cow<'a, str>);

impl<'a> Untrusted<'a> {
    /// Marks `text` as coming from outside.
    pub fn new(text: impl Into<Cow<'a, str>>) -> Self {
        Untrusted(text.into())
    }

    /// A file name or path (lossy for bytes that are not UTF-8).
    pub fn path(path: &'a std::path::Path) -> Self {
        Untrusted(path.to_string_lossy())
    }

    /// For a terminal (or any text output read by people): one line, every character that
    /// [`steers`] replaced by U+FFFD, also when the output is a pipe or a file (it is shown
    /// by `cat` and `less -R` later).
    pub fn terminal(&self) -> Cow<'_, str> {
        replace_steering(&self.0)
    }

    /// For HTML text or a quoted attribute value: [`steers`] replaced, then `& < > " '`
    /// escaped. Bidirectional isolation of the text as a whole is the page's markup
    /// (`<bdi>`), which this cannot add inside an attribute.
    pub fn html(&self) -> String {
        let clean = replace_steering(&self.0);
        let mut out = String::with_capacity(clean.len());
        for c in clean.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        out
    }

    /// One RFC 4180 CSV cell for a spreadsheet: [`steers`] replaced, except the whitespace a
    /// cell may hold as data (a tab, a line feed, and a carriage return that starts a CRLF line
    /// break: a quoted cell may span lines; a lone CR, which rewrites a terminal line, is
    /// replaced); a text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a leading
    /// tab) given a leading apostrophe; quoted when it holds a comma, a quote or a line break,
    /// or starts or ends with a space.
    pub fn csv(&self) -> String {
        let text = self.0.as_ref();
        let mut clean = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let data = match c {
                '\t' | '\n' => true,
                '\r' => chars.peek() == Some(&'\n'),
                _ => !steers(c),
            };
            clean.push(if data { c } else { REPLACEMENT });
        }
        let defused = if clean.starts_with(['=', '+', '-', '@', '\t']) {
            format!("'{clean}")
        } else {
            clean
        };
        if defused.contains([',', '"', '\n']) || defused != defused.trim_matches(' ') {
            format!("\"{}\"", defused.replace('"', "\"\""))
        } else {
            defused
        }
    }

    /// For a log line (a JSON string value): [`steers`] replaced, so a log read in a terminal
    /// is as safe as the terminal form. JSON escaping is the serialiser's.
    pub fn log(&self) -> Cow<'_, str> {
        replace_steering(&self.0)
    }

    /// The text as it came, for checks and comparisons, never for output.
    pub fn as_unchecked_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Untrusted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Untrusted({:?})", self.terminal())
    }
}

impl<'a> From<&'a str> for Untrusted<'a> {
    fn from(text: &'a str) -> Self {
        Untrusted::new(text)
    }
}

impl From<String> for Untrusted<'static> {
    fn from(text: String) -> Self {
        Untrusted::new(text)
    }
}

impl<'a> From<&'a String> for Untrusted<'a> {
    fn from(text: &'a String) -> Self {
        Untrusted::new(text.as_str())
    }
}

/// Output we styled ourselves (ANSI colours around our words and rendered untrusted text):
/// every character that [`steers`] is replaced except a line feed and complete SGR
/// sequences (`ESC [ digits ; ... m`, colour and weight only). The last line of defence
/// behind [`Untrusted::terminal`]: text that skipped it can at most change a colour, never
/// move the cursor, clear the screen, set a title or make a link.
pub fn styled_for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| steers(c) && c != '\n') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' {
            if let Some(len) = sgr_len(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        out.push(if steers(c) && c != '\n' {
            REPLACEMENT
        } else {
            c
        });
        rest = &rest[c.len_utf8()..];
    }
    out.into()
}

/// The length of the SGR sequence `text` starts with, if it starts with one.
fn sgr_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\u{1b}[")?;
    let params = body
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (params <= 32 && body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// JSON text (one serialised value) with every character that [`steers`] written as a
/// `\uXXXX` escape. serde_json escapes C0 controls itself but writes C1 controls and
/// bidirectional controls as they are; outside a string no such character can occur, so the
/// value a parser reads is unchanged and only the bytes on the terminal differ.
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    if !json.chars().any(steers) {
        return json.into();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if steers(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// What a link is for: a web page (`https:` only) or a contact (`https:` or `mailto:`; a bare
/// e-mail address is taken as `mailto:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A page people open in a browser.
    Web,
    /// A way to reach someone: a page or an e-mail address.
    Contact,
}

/// Why a link is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LinkRefusal {
    /// Not a URL with a host, nor (for a contact) an e-mail address.
    #[error("is not an https: link")]
    NotALink,
    /// A scheme other than `https:` (`http:`, `javascript:`, `data:`...), or for a contact
    /// other than `https:` and `mailto:`.
    #[error("uses the {0}: scheme; only https: is allowed")]
    Scheme(String),
    /// `https://user@host/`: the text before `@` reads as the site, the host is elsewhere.
    #[error("has user info before its host (text before @), which hides the real host")]
    UserInfo,
    /// Holds a control or bidirectional character (a link that reads differently than it
    /// goes).
    #[error("holds control or bidirectional characters")]
    Control,
    /// A `mailto:` that is not one plain e-mail address.
    #[error("is not one plain e-mail address")]
    BadAddress,
}

/// The link as it may be published or opened (`https://...`, or `mailto:address` for a
/// contact), or why not.
pub fn checked_link(text: &str, kind: LinkKind) -> Result<String, LinkRefusal> {
    let text = text.trim();
    if text.chars().any(steers) {
        return Err(LinkRefusal::Control);
    }
    if kind == LinkKind::Contact {
        if let Some(address) = text.strip_prefix("mailto:") {
            return plain_email(address)
                .map(|a| format!("mailto:{a}"))
                .ok_or(LinkRefusal::BadAddress);
        }
        if !text.contains(':') {
            return plain_email(text)
                .map(|a| format!("mailto:{a}"))
                .ok_or(LinkRefusal::NotALink);
        }
    }
    let url = url::Url::parse(text).map_err(|_| LinkRefusal::NotALink)?;
    if url.scheme() != "https" {
        return Err(LinkRefusal::Scheme(url.scheme().to_owned()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(LinkRefusal::NotALink);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(LinkRefusal::UserInfo);
    }
    Ok(url.to_string())
}

/// One plain address `user@domain.tld`: no spaces, slashes, quotes, query or second `@`.
fn plain_email(text: &str) -> Option<&str> {
    let (user, domain) = text.split_once('@')?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || "._%+-".contains(c))
    };
    (plain(user)
        && plain(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.'))
    .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_controls_are_replaced() {
        let hostile = "Cam\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202E}gpj.exe\u{2067}x\r\n";
        let shown = Untrusted::new(hostile).terminal().into_owned();
        assert_eq!(
            shown,
            "Cam\u{FFFD}]0;owned\u{FFFD}\u{FFFD}[2J\u{FFFD}31m\u{FFFD}gpj.exe\u{FFFD}x\u{FFFD}\u{FFFD}"
        );
        assert!(matches!(
            Untrusted::new("Cámara 2000").terminal(),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            Untrusted::new("<b a='1'>&\u{202E}").html(),
            "&lt;b a=&#39;1&#39;&gt;&amp;\u{FFFD}"
        );
        assert_eq!(Untrusted::new("=1+2").csv(), "'=1+2");
        assert_eq!(Untrusted::new("a,\"b\"").csv(), "\"a,\"\"b\"\"\"");
        assert_eq!(Untrusted::new("\u{1b}[2J").csv(), "\u{FFFD}[2J");
        assert_eq!(Untrusted::new("M-1\r\nrev B").csv(), "\"M-1\r\nrev B\"");
        assert_eq!(Untrusted::new("\rCR").csv(), "\u{FFFD}CR");
        assert_eq!(Untrusted::new("\tTab").csv(), "'\tTab");
        assert_eq!(
            format!("{:?}", Untrusted::new("\u{1b}")),
            "Untrusted(\"\u{FFFD}\")"
        );
    }

    #[test]
    fn our_colours_stay_and_nothing_else_steers() {
        let ours = "\u{1b}[1m\u{1b}[32mGood:\u{1b}[0m Cam\u{1b}]8;;https://evil\u{7}x\u{1b}[2J\n";
        assert_eq!(
            styled_for_terminal(ours),
            "\u{1b}[1m\u{1b}[32mGood:\u{1b}[0m Cam\u{FFFD}]8;;https://evil\u{FFFD}x\u{FFFD}[2J\n"
        );
    }

    #[test]
    fn json_keeps_its_value_and_loses_the_raw_controls() {
        let value = serde_json::json!({"name": "a\u{9b}b\u{202E}c\u{1b}"});
        let text = value.to_string();
        assert!(text.contains('\u{9b}'), "serde_json writes C1 as it is");
        let safe = json_for_terminal(&text);
        assert!(!safe.chars().any(steers), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn only_https_and_mailto_contacts_are_links() {
        use LinkKind::*;
        assert_eq!(
            checked_link("https://maker.example/security", Web).unwrap(),
            "https://maker.example/security"
        );
        assert_eq!(
            checked_link("javascript:alert(document.domain)//@x.example", Contact),
            Err(LinkRefusal::Scheme("javascript".into()))
        );
        assert_eq!(
            checked_link("javascript:alert(1)", Web),
            Err(LinkRefusal::Scheme("javascript".into()))
        );
        assert_eq!(
            checked_link("http://maker.example/", Web),
            Err(LinkRefusal::Scheme("http".into()))
        );
        assert_eq!(
            checked_link("data:text/html,<script>", Web),
            Err(LinkRefusal::Scheme("data".into()))
        );
        assert_eq!(
            checked_link("https://maker.example@evil.example/", Web),
            Err(LinkRefusal::UserInfo)
        );
        assert_eq!(
            checked_link("security@maker.example", Contact).unwrap(),
            "mailto:security@maker.example"
        );
        assert_eq!(
            checked_link("mailto:security@maker.example", Contact).unwrap(),
            "mailto:security@maker.example"
        );
        assert_eq!(
            checked_link("mailto:a@b.example?body=x", Contact),
            Err(LinkRefusal::BadAddress)
        );
        assert_eq!(
            checked_link("mailto:security@maker.example", Web),
            Err(LinkRefusal::Scheme("mailto".into()))
        );
        assert_eq!(
            checked_link("https://maker.example/\u{202E}", Web),
            Err(LinkRefusal::Control)
        );
    }
}

/// Properties of the renderers over any text (proptest): the predicate below is written out
/// again on purpose, so a mistake in [`steers`] fails here.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// C0, DEL, C1, and the bidirectional marks, embeddings, overrides and isolates.
    fn forbidden(c: char) -> bool {
        let n = u32::from(c);
        n < 0x20
            || (0x7F..=0x9F).contains(&n)
            || matches!(
                c,
                '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
    }

    /// Any text, with escape sequences, controls, bidi controls and markup far more often
    /// than uniformly random characters would give them.
    fn hostile_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            any::<char>().prop_map(String::from),
            (0u32..0x20).prop_map(|n| char::from_u32(n).map(String::from).unwrap_or_default()),
            (0x7Fu32..0xA0).prop_map(|n| char::from_u32(n).map(String::from).unwrap_or_default()),
            prop::sample::select(vec![
                "\u{1b}[2J",
                "\u{1b}]0;title\u{7}",
                "\u{1b}]8;;https://x\u{1b}\\",
                "\u{9b}31m",
                "\u{202E}",
                "\u{2066}",
                "\u{2069}",
                "\u{200F}",
                "\u{061C}",
                "<script>",
                "</bdi>",
                "&amp;",
                "&",
                "\"",
                "'",
                "=cmd|",
                "\r\n",
                "\u{1b}[32m",
            ])
            .prop_map(String::from),
            "[a-zA-Z0-9 ]{0,8}",
        ];
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn terminal_output_has_no_control_and_no_bidi_control(text in hostile_text()) {
            let untrusted = Untrusted::new(text.as_str());
            let shown = untrusted.terminal();
            prop_assert!(!shown.chars().any(forbidden), "{:?}", shown);
            prop_assert_eq!(shown.chars().count(), text.chars().count());
            let log = untrusted.log();
            prop_assert!(!log.chars().any(forbidden));
        }

        #[test]
        fn styled_output_keeps_only_colour_sequences(text in hostile_text()) {
            let shown = styled_for_terminal(&text);
            let mut rest: &str = &shown;
            while let Some(c) = rest.chars().next() {
                if c == '\u{1b}' {
                    let len = sgr_len(rest);
                    prop_assert!(len.is_some(), "ESC outside SGR: {:?}", shown);
                    rest = &rest[len.unwrap_or(1)..];
                    continue;
                }
                prop_assert!(c == '\n' || !forbidden(c), "{:?}", shown);
                rest = &rest[c.len_utf8()..];
            }
        }

        #[test]
        fn html_output_has_no_unescaped_markup(text in hostile_text()) {
            let html = Untrusted::new(text.as_str()).html();
            prop_assert!(!html.contains(['<', '>', '"', '\'']), "{:?}", html);
            prop_assert!(!html.chars().any(forbidden), "{:?}", html);
            // Every `&` starts one of the five entities written.
            for (at, _) in html.match_indices('&') {
                let rest = &html[at..];
                prop_assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| rest.starts_with(e)),
                    "{:?}", html
                );
            }
        }

        #[test]
        fn csv_cells_steer_nothing_and_run_no_formula(text in hostile_text()) {
            let cell = Untrusted::new(text.as_str()).csv();
            prop_assert!(
                !cell.chars().any(|c| !matches!(c, '\t' | '\n' | '\r') && forbidden(c)),
                "{:?}",
                cell
            );
            prop_assert!(!cell.replace("\r\n", "").contains('\r'), "a lone CR: {:?}", cell);
            let inner = cell.strip_prefix('"').unwrap_or(&cell);
            prop_assert!(!inner.starts_with(['=', '+', '-', '@', '\t']), "{:?}", cell);
        }

        #[test]
        fn json_for_the_terminal_keeps_the_value(text in hostile_text()) {
            let json = serde_json::Value::from(text.as_str()).to_string();
            let safe = json_for_terminal(&json);
            prop_assert!(!safe.chars().any(forbidden), "{:?}", safe);
            let back: String = serde_json::from_str(&safe).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back, text);
        }
    }
}
