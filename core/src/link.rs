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
