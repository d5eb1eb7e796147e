//! From a QR code's text to a normalised label link (protocol section 1).
//!
//! Normalisation happens before any decision: the `url` crate's WHATWG parser lowercases the
//! scheme and host, converts IDNA hosts to punycode and drops the default port; the path and
//! query are kept exactly. What is left to decide here is what is not a label at all, what is
//! deceptive (userinfo), and why a host that is not trusted looks like one that is.

use serde::{Deserialize, Serialize};
use url::{Host, Url};

/// Longest QR text considered a link. A version-40 QR code holds at most 4,296 characters;
/// CTA-2120 caps `QR_code_url` at 2,048.
pub const MAX_LINK_CHARS: usize = 4096;

/// A label link after normalisation. Invariant: absolute `http` or `https` URL with a host,
/// no userinfo, no fragment, at most [`MAX_LINK_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LabelLink {
    url: Url,
}

/// Why a QR text did not become a [`LabelLink`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Not an absolute http(s) URL: outcome "not a label".
    #[error("this code does not hold a web link")]
    NotALink,
    /// A URL with userinfo (`https://registry.example@evil.example/`): the text before `@`
    /// is made to look like the host. Outcome "not official", showing the real host.
    #[error("this link hides its real address ({host})")]
    Userinfo {
        /// The real host, after the `@`.
        host: String,
    },
}

impl LabelLink {
    /// Normalises QR text into a label link, refusing what is not an http(s) link or hides its host.
    pub fn parse(text: &str) -> Result<Self, LinkError> {
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_LINK_CHARS {
            return Err(LinkError::NotALink);
        }
        // A label link is plain text; control characters mean binary data or a trick.
        if text.chars().any(|c| c.is_control()) {
            return Err(LinkError::NotALink);
        }
        let mut url = Url::parse(text).map_err(|_| LinkError::NotALink)?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(LinkError::NotALink);
        }
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or(LinkError::NotALink)?
            .to_owned();
        if !url.username().is_empty() || url.password().is_some() {
            return Err(LinkError::Userinfo { host });
        }
        // The fragment never reaches the server; dropping it keeps one record per label.
        url.set_fragment(None);
        // `host.example.` and `host.example` are the same host; the dot would otherwise
        // make an official link look like a look-alike.
        if let Some(stripped) = host
            .strip_suffix('.')
            .filter(|h| !h.is_empty())
            .map(str::to_owned)
        {
            url.set_host(Some(&stripped))
                .map_err(|_| LinkError::NotALink)?;
        }
        // `%2f` and `%2F` are the same byte; one spelling keeps one cache entry per label
        // and lets a registry's `sub` match however it was written.
        let path = uppercase_escapes(url.path());
        url.set_path(&path);
        if let Some(query) = url.query().map(uppercase_escapes) {
            url.set_query(Some(&query));
        }
        Ok(LabelLink { url })
    }

    /// The normalised link as text: the cache key and what a record's `sub` must equal.
    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }

    /// The normalised link as a parsed URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// `https`, or `http` (allowed only for loopback registries).
    pub fn scheme(&self) -> &str {
        self.url.scheme()
    }

    /// The host in ASCII (punycode) form.
    pub fn host(&self) -> &str {
        self.url.host_str().unwrap_or_default()
    }

    /// The host as people read it (IDNA decoded), for display next to the ASCII form.
    pub fn display_host(&self) -> String {
        let unicode = url::quirks::domain_to_unicode(self.host());
        if unicode.is_empty() {
            self.host().to_owned()
        } else {
            unicode
        }
    }

    /// True for an `https` link.
    pub fn is_https(&self) -> bool {
        self.url.scheme() == "https"
    }

    /// True for `localhost`, 127.0.0.0/8 and `::1`: the only hosts a trust list may allow
    /// over plain http (demo and tests).
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(&self.url)
    }

    /// Whether this link falls under a registry URL prefix: same scheme, host and port,
    /// and the path starts with the prefix's path at a segment boundary.
    pub fn matches_prefix(&self, prefix: &Url) -> bool {
        if self.url.scheme() != prefix.scheme()
            || self.url.host() != prefix.host()
            || self.url.port_or_known_default() != prefix.port_or_known_default()
        {
            return false;
        }
        let path = self.url.path();
        let prefix_path = prefix.path();
        path.starts_with(prefix_path)
            && (prefix_path.ends_with('/')
                || path.len() == prefix_path.len()
                || path[prefix_path.len()..].starts_with('/'))
    }
}

/// The path under which a registry host's label links live, the part of the host the apps
/// claim (Android App Links' `pathPrefix`, iOS Universal Links' `/l/*`).
pub const LABEL_PATH_PREFIX: &str = "/l/";

/// A link that opened the app (a label's QR link read by the phone's own camera and handed
/// over by Android App Links or iOS Universal Links): the text the scan session should check,
/// or `None` when the link is not one the app claims, and the app just opens.
///
/// Taken: `https`, a host in `claimed_hosts` (compared after URL parsing: case, IDNA and a
/// trailing dot do not matter; blank or unparsable entries claim nothing), the default port,
/// no userinfo, and a label under [`LABEL_PATH_PREFIX`] (something after it, not starting
/// with `/`). Everything else, a link that does not parse or holds whitespace or control
/// characters included, is refused: a link the app does not claim is never checked on the
/// user's behalf.
///
/// The text returned is the link as given (trimmed), exactly what a QR read would give the
/// session, so the core judges it (official or look-alike, which registry) the same way.
pub fn incoming_link(url: &str, claimed_hosts: &[String]) -> Option<String> {
    let text = url.trim();
    // A link the system hands over is one URI: whitespace inside means it is not one (the URL
    // parser would quietly drop tabs and newlines, or escape spaces).
    if text.chars().any(char::is_whitespace) {
        return None;
    }
    let link = LabelLink::parse(text).ok()?;
    // `port()` is `None` for the scheme's default port, written or not.
    if !link.is_https() || link.url().port().is_some() {
        return None;
    }
    if !claimed_hosts
        .iter()
        .filter_map(|h| claimed_host(h))
        .any(|h| h == link.host())
    {
        return None;
    }
    let label = link.url().path().strip_prefix(LABEL_PATH_PREFIX)?;
    if label.is_empty() || label.starts_with('/') {
        return None;
    }
    Some(text.to_owned())
}

/// A configured host in the form [`LabelLink::host`] gives: lowercase ASCII (punycode), no
/// trailing dot, IPv6 in brackets. `None` for a blank or unparsable entry (a port or a path
/// in it included).
fn claimed_host(host: &str) -> Option<String> {
    let host = host.trim();
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() {
        return None;
    }
    Host::parse(host).ok().map(|h| h.to_string())
}

/// True when `url`'s host is `localhost`, in 127.0.0.0/8 or `::1`.
pub fn is_loopback_host(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(d)) => d == "localhost",
        None => false,
    }
}

/// Uppercases the hex digits of percent-escapes (`%2f` -> `%2F`), leaving the rest alone.
fn uppercase_escapes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            out.push('%');
            out.push(bytes[i + 1].to_ascii_uppercase() as char);
            out.push(bytes[i + 2].to_ascii_uppercase() as char);
            i += 3;
        } else {
            // Copy one whole character (the text is valid UTF-8).
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + len]);
            i += len;
        }
    }
    out
}

/// Why an untrusted host looks like a registry host. Shown with the real host so people
/// see why they should not trust it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LookalikeWarning {
    /// The host is internationalised (punycode `xn--`), often used to imitate a known name.
    Punycode,
    /// The host mixes letters from different scripts (e.g. Latin and Cyrillic).
    MixedScripts,
    /// One letter away from a trusted host.
    OneEditFromTrusted {
        /// The trusted registry host it resembles.
        trusted_host: String,
    },
    /// Same host as a trusted registry, but over plain http.
    InsecureHttp {
        /// The trusted registry host it resembles.
        trusted_host: String,
    },
    /// Trusted host name, but on a port the registry does not use.
    UnexpectedPort {
        /// The trusted registry host it resembles.
        trusted_host: String,
    },
    /// The link carried a user name before `@` to disguise its host.
    Userinfo,
}

/// The host for the headline of a "not official" verdict. When any look-alike warning
/// fires it is the ASCII (punycode) form: a mixed-script host such as `dеmo.example` (with a
/// Cyrillic "е") reads exactly like the trusted one when drawn in Unicode, which is the whole
/// trick. Otherwise the Unicode form people can read.
pub fn headline_host(link: &LabelLink, warnings: &[LookalikeWarning]) -> String {
    if warnings.is_empty() {
        link.display_host()
    } else {
        link.host().to_owned()
    }
}

/// Reasons the link's host resembles one of `trusted` (registry URL prefixes).
pub fn lookalike_warnings(link: &LabelLink, trusted: &[Url]) -> Vec<LookalikeWarning> {
    let host = link.host();
    let mut warnings = Vec::new();
    if host.split('.').any(|label| label.starts_with("xn--")) {
        warnings.push(LookalikeWarning::Punycode);
        if has_mixed_scripts(&link.display_host()) {
            warnings.push(LookalikeWarning::MixedScripts);
        }
    }
    for prefix in trusted {
        let Some(trusted_host) = prefix.host_str() else {
            continue;
        };
        let warning = if trusted_host == host {
            if link.scheme() != prefix.scheme() && link.scheme() == "http" {
                Some(LookalikeWarning::InsecureHttp {
                    trusted_host: trusted_host.into(),
                })
            } else if link.url.port_or_known_default() != prefix.port_or_known_default() {
                Some(LookalikeWarning::UnexpectedPort {
                    trusted_host: trusted_host.into(),
                })
            } else {
                None
            }
        } else if within_one_edit(host, trusted_host)
            || within_one_edit(&link.display_host(), trusted_host)
            || skeleton(&link.display_host()) == skeleton(trusted_host)
        {
            Some(LookalikeWarning::OneEditFromTrusted {
                trusted_host: trusted_host.into(),
            })
        } else {
            None
        };
        if let Some(w) = warning {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    }
    warnings
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Other,
}

fn script_of(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c as u32 {
        0x0041..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        _ => Script::Other,
    })
}

fn has_mixed_scripts(host: &str) -> bool {
    host.split('.').any(|label| {
        let mut scripts = label.chars().filter_map(script_of);
        match scripts.next() {
            Some(first) => scripts.any(|s| s != first),
            None => false,
        }
    })
}

/// Maps look-alike characters to a common form (Cyrillic "а" to Latin "a", "0" to "o", ...)
/// so that a host spelled with confusables compares equal to the one it imitates.
fn skeleton(host: &str) -> String {
    host.chars()
        .map(|c| match c {
            'а' => 'a',
            'е' => 'e',
            'о' | '0' | 'ο' => 'o',
            'р' => 'p',
            'с' => 'c',
            'х' => 'x',
            'у' => 'y',
            'і' | 'ı' | '1' | 'l' => 'l',
            'ѕ' => 's',
            'ј' => 'j',
            'ԁ' => 'd',
            'ɡ' => 'g',
            other => other,
        })
        .collect()
}

/// True when `a` and `b` differ by exactly one insertion, deletion, substitution or
/// swap of adjacent characters.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str) -> LabelLink {
        LabelLink::parse(text).unwrap()
    }

    fn prefix(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn uppercase_scheme_and_host_are_lowercased_path_kept() {
        let l = link("HTTPS://Registry.Example.GOV/L/AbC?Q=Yes");
        assert_eq!(l.as_str(), "https://registry.example.gov/L/AbC?Q=Yes");
    }

    #[test]
    fn idna_hosts_become_punycode() {
        let l = link("https://bücher.example/p/1");
        assert_eq!(l.host(), "xn--bcher-kva.example");
        assert_eq!(l.display_host(), "bücher.example");
    }

    #[test]
    fn default_port_dropped_other_ports_kept() {
        assert_eq!(
            link("https://r.example:443/x").as_str(),
            "https://r.example/x"
        );
        assert_eq!(link("http://r.example:80/x").as_str(), "http://r.example/x");
        assert_eq!(
            link("https://r.example:8443/x").as_str(),
            "https://r.example:8443/x"
        );
    }

    #[test]
    fn userinfo_is_rejected_with_the_real_host() {
        assert_eq!(
            LabelLink::parse("https://registry.example.gov@evil.example/l/1"),
            Err(LinkError::Userinfo {
                host: "evil.example".into()
            })
        );
        assert_eq!(
            LabelLink::parse("https://user:pw@evil.example/"),
            Err(LinkError::Userinfo {
                host: "evil.example".into()
            })
        );
    }

    #[test]
    fn not_links() {
        for text in [
            "",
            "   ",
            "hello world",
            "WIFI:S:shop;T:WPA;P:secret;;",
            "mailto:a@b.example",
            "ftp://files.example/x",
            "javascript:alert(1)",
            "/relative/path",
            "https://",
            "data:text/html,hi",
        ] {
            assert_eq!(LabelLink::parse(text), Err(LinkError::NotALink), "{text:?}");
        }
    }

    #[test]
    fn very_long_and_binary_payloads_are_not_links() {
        let long = format!("https://r.example/{}", "a".repeat(MAX_LINK_CHARS));
        assert_eq!(LabelLink::parse(&long), Err(LinkError::NotALink));
        let binary = "https://r.example/\u{0}\u{1}\u{7f}";
        assert_eq!(LabelLink::parse(binary), Err(LinkError::NotALink));
        let bytes: Vec<u8> = (0u8..=255).collect();
        assert_eq!(
            LabelLink::parse(&String::from_utf8_lossy(&bytes)),
            Err(LinkError::NotALink)
        );
        // At the limit, still a link.
        let at_limit = format!("https://r.example/{}", "a".repeat(MAX_LINK_CHARS - 18));
        assert!(LabelLink::parse(&at_limit).is_ok());
    }

    #[test]
    fn trailing_dot_and_escape_case_do_not_change_the_label() {
        assert_eq!(
            link("https://registry.example.gov./l/a%2fb?x=%3d").as_str(),
            "https://registry.example.gov/l/a%2Fb?x=%3D"
        );
        assert_eq!(
            link("https://r.example/l/%c3%bc").as_str(),
            "https://r.example/l/%C3%BC"
        );
        assert_eq!(
            link("https://r.example/l/ü%").as_str(),
            "https://r.example/l/%C3%BC%"
        );
        assert_eq!(
            link("https://r.example/l/%2").as_str(),
            "https://r.example/l/%2"
        );
    }

    #[test]
    fn fragment_is_dropped() {
        assert_eq!(
            link("https://r.example/l/1#top").as_str(),
            "https://r.example/l/1"
        );
    }

    #[test]
    fn prefix_matching_respects_segments_scheme_and_port() {
        let p = prefix("https://r.example/l/");
        assert!(link("https://R.EXAMPLE/l/abc").matches_prefix(&p));
        assert!(!link("https://r.example/lx/abc").matches_prefix(&p));
        assert!(!link("http://r.example/l/abc").matches_prefix(&p));
        assert!(!link("https://r.example:8443/l/abc").matches_prefix(&p));
        let no_slash = prefix("https://r.example/l");
        assert!(link("https://r.example/l/abc").matches_prefix(&no_slash));
        assert!(!link("https://r.example/labc").matches_prefix(&no_slash));
    }

    #[test]
    fn loopback_hosts() {
        assert!(link("http://127.0.0.1:8080/l/1").is_loopback());
        assert!(link("http://[::1]:8080/l/1").is_loopback());
        assert!(link("http://localhost/l/1").is_loopback());
        assert!(!link("http://10.0.0.1/l/1").is_loopback());
    }

    #[test]
    fn lookalikes_say_why() {
        let trusted = [prefix("https://registry.example.gov/l/")];
        let cases = [
            (
                "https://registy.example.gov/l/1",
                LookalikeWarning::OneEditFromTrusted {
                    trusted_host: "registry.example.gov".into(),
                },
            ),
            (
                "https://rgeistry.example.gov/l/1",
                LookalikeWarning::OneEditFromTrusted {
                    trusted_host: "registry.example.gov".into(),
                },
            ),
            (
                "http://registry.example.gov/l/1",
                LookalikeWarning::InsecureHttp {
                    trusted_host: "registry.example.gov".into(),
                },
            ),
            (
                "https://registry.example.gov:444/l/1",
                LookalikeWarning::UnexpectedPort {
                    trusted_host: "registry.example.gov".into(),
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                lookalike_warnings(&link(text), &trusted),
                vec![expected],
                "{text}"
            );
        }
        // Cyrillic "е" in place of Latin "e": punycode, mixed scripts and a confusable.
        let spoofed = link("https://rеgistry.example.gov/l/1");
        let warnings = lookalike_warnings(&spoofed, &trusted);
        assert!(
            warnings.contains(&LookalikeWarning::Punycode),
            "{warnings:?}"
        );
        assert!(
            warnings.contains(&LookalikeWarning::MixedScripts),
            "{warnings:?}"
        );
        assert!(warnings
            .iter()
            .any(|w| matches!(w, LookalikeWarning::OneEditFromTrusted { .. })));
        // A host with nothing in common gets no warning.
        assert!(lookalike_warnings(&link("https://shop.example.com/x"), &trusted).is_empty());
    }

    #[test]
    fn a_lookalike_headline_shows_the_ascii_host() {
        let trusted = [prefix("https://demo.trustlabel.dev/l/")];
        let fake = link("https://d\u{0435}mo.trustlabel.dev/l/x");
        let warnings = lookalike_warnings(&fake, &trusted);
        assert!(!warnings.is_empty());
        let shown = headline_host(&fake, &warnings);
        assert!(shown.is_ascii() && shown.starts_with("xn--"), "{shown}");
        let plain = link("https://shop.example/x");
        assert_eq!(headline_host(&plain, &[]), "shop.example");
    }

    fn claimed() -> Vec<String> {
        vec!["demo.trustlabel.dev".into(), " Registry.Example ".into()]
    }

    #[test]
    fn an_incoming_label_link_of_a_claimed_host_is_checked_as_it_is() {
        for text in [
            "https://demo.trustlabel.dev/l/ringwraith-2000",
            // Case, the default port written out, a query and a fragment: the core's scan
            // normalises them as it does for a QR read.
            "https://DEMO.trustlabel.dev:443/l/a?x=1#f",
            "HTTPS://demo.trustlabel.dev/l/a",
            "https://registry.example/l/x",
            "https://demo.trustlabel.dev./l/a",
            "https://demo.trustlabel.dev/l/a/b",
            "https://demo.trustlabel.dev/l/%2Fa",
        ] {
            assert_eq!(
                incoming_link(text, &claimed()),
                Some(text.to_owned()),
                "{text}"
            );
        }
        // Surrounding whitespace is trimmed, as for a QR read.
        assert_eq!(
            incoming_link("  https://demo.trustlabel.dev/l/a\n", &claimed()),
            Some("https://demo.trustlabel.dev/l/a".into())
        );
    }

    #[test]
    fn incoming_links_the_app_does_not_claim_are_not_checked() {
        for text in [
            "",
            "   ",
            "hello",
            // The App Link / Universal Link is https only; so is a registry.
            "http://demo.trustlabel.dev/l/a",
            // No label, or not under the label prefix.
            "https://demo.trustlabel.dev/l/",
            "https://demo.trustlabel.dev/l",
            "https://demo.trustlabel.dev/l//a",
            "https://demo.trustlabel.dev/lx/a",
            "https://demo.trustlabel.dev/L/a",
            "https://demo.trustlabel.dev/",
            "https://demo.trustlabel.dev",
            "https://demo.trustlabel.dev/x/../l/",
            // Another host: a suffix, a prefix, one letter off, a look-alike in Cyrillic.
            "https://demo.trustlabel.dev.evil.example/l/a",
            "https://evil.demo.trustlabel.dev/l/a",
            "https://evil.example/l/a",
            "https://dem0.trustlabel.dev/l/a",
            "https://d\u{0435}mo.trustlabel.dev/l/a",
            // Userinfo: the real host is evil.example (or the claimed one, disguised).
            "https://demo.trustlabel.dev@evil.example/l/a",
            "https://user@demo.trustlabel.dev/l/a",
            "https://:pw@demo.trustlabel.dev/l/a",
            // Another port.
            "https://demo.trustlabel.dev:8443/l/a",
            "https://demo.trustlabel.dev:80/l/a",
            // Other schemes.
            "intent://demo.trustlabel.dev/l/a",
            "trustlabel://demo.trustlabel.dev/l/a",
            "ftp://demo.trustlabel.dev/l/a",
            // Not one URI: whitespace or control characters inside.
            "https://demo.trustlabel.dev/l/a b",
            "https://demo.trust\tlabel.dev/l/a",
            "https://demo.trustlabel.dev/l/a\nb",
            "https://demo.trustlabel.dev/l/a\u{0}",
            "https://demo.trustlabel.dev/l/a\u{a0}b",
        ] {
            assert_eq!(incoming_link(text, &claimed()), None, "{text:?}");
        }
        let long = format!(
            "https://demo.trustlabel.dev/l/{}",
            "a".repeat(MAX_LINK_CHARS)
        );
        assert_eq!(incoming_link(&long, &claimed()), None);
    }

    #[test]
    fn claimed_hosts_are_compared_after_url_parsing() {
        let link = "https://xn--bcher-kva.example/l/a";
        assert_eq!(
            incoming_link(link, &["Bücher.Example.".into()]),
            Some(link.into())
        );
        assert_eq!(
            incoming_link(
                "https://BÜCHER.example/l/a",
                &["xn--bcher-kva.example".into()]
            ),
            Some("https://BÜCHER.example/l/a".into())
        );
        assert_eq!(
            incoming_link("https://[::1]/l/a", &["[::1]".into()]),
            Some("https://[::1]/l/a".into())
        );
        // Nothing claimed, or only entries that are not hosts: nothing is taken.
        for hosts in [
            vec![],
            vec![String::new()],
            vec!["  ".into(), ".".into()],
            vec!["demo.trustlabel.dev:443".into()],
            vec!["demo.trustlabel.dev/l/".into()],
            vec!["https://demo.trustlabel.dev".into()],
        ] {
            assert_eq!(
                incoming_link("https://demo.trustlabel.dev/l/a", &hosts),
                None,
                "{hosts:?}"
            );
        }
    }

    #[test]
    fn edit_distance_one() {
        assert!(within_one_edit("abc", "abd"));
        assert!(within_one_edit("abc", "ab"));
        assert!(within_one_edit("abc", "abxc"));
        assert!(within_one_edit("abcd", "abdc"));
        assert!(!within_one_edit("abc", "abc"));
        assert!(!within_one_edit("abc", "xyz"));
        assert!(!within_one_edit("abcd", "ab"));
    }
}

/// Properties of [`incoming_link`] over hostile input (proptest): it never panics, and a link
/// it takes always leads to a claimed host, over https, on the default port, without
/// userinfo, under the label prefix. The check of what it takes is written out again here
/// with `Url` directly, so a mistake in `incoming_link` fails it.
#[cfg(test)]
mod incoming_properties {
    use super::*;
    use proptest::prelude::*;

    const CLAIMED: &str = "demo.trustlabel.dev";

    /// Links built from pieces near a claimed one (scheme, userinfo, host, port and path
    /// variants), with `expected`: whether the app claims it.
    fn near_links() -> impl Strategy<Value = (String, bool)> {
        let scheme = prop::sample::select(vec![
            ("https://", true),
            ("HTTPS://", true),
            ("http://", false),
            ("ftp://", false),
            ("intent://", false),
            ("https:/", true),
        ]);
        let userinfo = prop::sample::select(vec![
            ("", true),
            ("user@", false),
            ("demo.trustlabel.dev@", false),
            (":@", true), // empty userinfo: the parser drops it
        ]);
        let host = prop::sample::select(vec![
            ("demo.trustlabel.dev", true),
            ("DEMO.TrustLabel.dev", true),
            ("demo.trustlabel.dev.", true),
            ("demo.trustlabel.dev.evil.example", false),
            ("evil.demo.trustlabel.dev", false),
            ("dem0.trustlabel.dev", false),
            ("d\u{0435}mo.trustlabel.dev", false),
            ("demo-trustlabel.dev", false),
            ("evil.example", false),
        ]);
        let port = prop::sample::select(vec![
            ("", true),
            (":443", true),
            (":", true),
            (":8443", false),
            (":80", false),
        ]);
        let path = prop::sample::select(vec![
            ("/l/a", true),
            ("/l/ringwraith-2000?x=1#f", true),
            ("/l/", false),
            ("/l", false),
            ("/l//a", false),
            ("/L/a", false),
            ("/lx/a", false),
            ("/", false),
            ("", false),
            ("/l/a b", false),
            ("/l/a\tb", false),
        ]);
        (scheme, userinfo, host, port, path).prop_map(|(s, u, h, p, q)| {
            (
                format!("{}{}{}{}{}", s.0, u.0, h.0, p.0, q.0),
                s.1 && u.1 && h.1 && p.1 && q.1,
            )
        })
    }

    /// Any text, with URL syntax far more often than uniform characters would give it.
    fn hostile_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            any::<char>().prop_map(String::from),
            prop::sample::select(vec![
                "https://",
                "http://",
                "//",
                "@",
                ":",
                ":443",
                "/l/",
                "?",
                "#",
                "%",
                "%2F",
                "%00",
                "[",
                "]",
                "\\",
                ".",
                "xn--",
                "demo.trustlabel.dev",
                " ",
                "\t",
                "\n",
                "\u{0}",
                "\u{202E}",
                "\u{FEFF}",
                "\u{0435}",
            ])
            .prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    /// What a taken link must be, checked with `Url` itself.
    fn leads_to_a_claimed_label(text: &str) -> bool {
        let Ok(url) = Url::parse(text) else {
            return false;
        };
        let host = url.host_str().map(|h| h.trim_end_matches('.'));
        url.scheme() == "https"
            && host == Some(CLAIMED)
            && url.port().is_none()
            && url.username().is_empty()
            && url.password().is_none()
            && url
                .path()
                .strip_prefix("/l/")
                .is_some_and(|label| !label.is_empty() && !label.starts_with('/'))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn links_near_a_claimed_one_are_taken_exactly_when_claimed((text, expected) in near_links()) {
            let taken = incoming_link(&text, &[CLAIMED.to_owned()]);
            prop_assert_eq!(taken.is_some(), expected, "{:?}", text);
            if let Some(taken) = taken {
                prop_assert_eq!(&taken, &text);
                prop_assert!(leads_to_a_claimed_label(&taken), "{:?}", taken);
            }
        }

        #[test]
        fn hostile_text_never_panics_and_never_leads_elsewhere(text in hostile_text()) {
            if let Some(taken) = incoming_link(&text, &[CLAIMED.to_owned()]) {
                prop_assert!(leads_to_a_claimed_label(&taken), "{:?}", taken);
            }
        }

        #[test]
        fn any_claimed_hosts_never_panic(text in hostile_text(), hosts in prop::collection::vec(hostile_text(), 0..4)) {
            if let Some(taken) = incoming_link(&text, &hosts) {
                prop_assert!(LabelLink::parse(&taken).is_ok_and(|l| l.is_https()), "{:?}", taken);
            }
        }
    }
}
