//! What the registry's HTTP answers mean, apart from any server: the media types, strong
//! ETags and `If-None-Match`, content negotiation by `Accept`, and the page language by
//! `Accept-Language`. [`crate::serve`] and the test kit's loopback registry both answer by
//! these rules, so an app sees the same registry from either.

use crate::page::PAGE_LOCALES;

/// Media type of a signed record or trust list (RFC 7515's JWS JSON serialisation).
pub const JOSE_JSON: &str = "application/jose+json";
/// Media type of a label's linkset (RFC 9264).
pub const LINKSET_JSON: &str = "application/linkset+json";
/// Media type of plain JSON: the pack, and the records of a registry that does not sign.
pub const PLAIN_JSON: &str = "application/json";
/// Media type of an error for a program (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";
/// Media type of a page.
pub const HTML: &str = "text/html; charset=utf-8";

/// The strong ETag of a body: its SHA-256 in hex, quoted.
pub fn etag_of(body: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, body);
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether `If-None-Match` names `etag` (or is `*`). The comparison is weak, as RFC 9110
/// asks for this header: `W/"x"` matches `"x"`.
pub fn etag_matches(if_none_match: Option<&str>, etag: &str) -> bool {
    if_none_match.is_some_and(|value| {
        value
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
    })
}

/// The media ranges of `Accept` with their `q`, lowercased.
fn ranges(value: &str) -> impl Iterator<Item = (String, f32)> + '_ {
    value.split(',').filter_map(|part| {
        let mut pieces = part.split(';');
        let media = pieces.next()?.trim().to_ascii_lowercase();
        let q = pieces
            .filter_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        (!media.is_empty()).then_some((media, q))
    })
}

/// The data type `Accept` asks for among those a server `offers` (each spelled as in the
/// constants above): the one listed by name with the highest `q` above 0, the first listed
/// on a tie. `None` means a page: a browser lists HTML and `*/*`, never a data type by
/// name, while an app lists only its type.
pub fn negotiate(accept: Option<&str>, offers: &[&'static str]) -> Option<&'static str> {
    let mut best: Option<(&'static str, f32)> = None;
    for (media, q) in ranges(accept?) {
        let Some(offered) = offers.iter().find(|o| **o == media) else {
            continue;
        };
        if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
            best = Some((offered, q));
        }
    }
    best.map(|(t, _)| t)
}

/// A page locale as the `'static` constant of [`PAGE_LOCALES`] (the first for any other).
pub fn page_locale(locale: &str) -> &'static str {
    PAGE_LOCALES
        .iter()
        .find(|l| **l == locale)
        .copied()
        .unwrap_or(PAGE_LOCALES[0])
}

/// The page language for `Accept-Language`, by the core's rules (the same as the apps' and
/// the CLI's `--lang`): the listed language with the highest `q` that has a catalogue
/// (zh-TW, zh-HK and zh-Hant get zh-Hant; zh-CN, zh-SG and bare zh zh-Hans; vi vi; any
/// `es-*` es-US; any `en-*` en-US); en-US when none does.
pub fn page_language(accept_language: Option<&str>) -> &'static str {
    match accept_language {
        Some(value) => page_locale(trustlabel_words::resolve_accept_language(value)),
        None => PAGE_LOCALES[0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVE: &[&str] = &[JOSE_JSON, LINKSET_JSON];

    #[test]
    fn accept_picks_a_data_type_only_when_asked_for() {
        assert_eq!(
            negotiate(Some("application/jose+json"), SERVE),
            Some(JOSE_JSON)
        );
        assert_eq!(
            negotiate(Some("text/html;q=0.9, Application/JOSE+JSON; q=1"), SERVE),
            Some(JOSE_JSON)
        );
        assert_eq!(
            negotiate(Some("application/linkset+json"), SERVE),
            Some(LINKSET_JSON)
        );
        assert_eq!(
            negotiate(Some("text/html,application/xhtml+xml,*/*;q=0.8"), SERVE),
            None
        );
        assert_eq!(negotiate(Some("application/jose+json;q=0"), SERVE), None);
        assert_eq!(negotiate(None, SERVE), None);
        // Only what the server offers: a plain JSON request to `serve` gets the page.
        assert_eq!(negotiate(Some("application/json"), SERVE), None);
        let plain = &[JOSE_JSON, PLAIN_JSON];
        assert_eq!(negotiate(Some("application/json"), plain), Some(PLAIN_JSON));
        // The higher q wins; on a tie, the first listed.
        assert_eq!(
            negotiate(Some("application/json;q=0.5, application/jose+json"), plain),
            Some(JOSE_JSON)
        );
        assert_eq!(
            negotiate(Some("application/json, application/jose+json"), plain),
            Some(PLAIN_JSON)
        );
    }

    #[test]
    fn if_none_match_compares_weakly() {
        assert!(etag_matches(Some("\"a\""), "\"a\""));
        assert!(etag_matches(Some("\"b\", W/\"a\""), "\"a\""));
        assert!(etag_matches(Some("*"), "\"a\""));
        assert!(!etag_matches(Some("\"b\""), "\"a\""));
        assert!(!etag_matches(None, "\"a\""));
        assert_eq!(etag_of(b"").len(), 66);
        assert!(etag_matches(Some(&etag_of(b"x")), &etag_of(b"x")));
    }

    #[test]
    fn accept_language_picks_the_best_listed_language() {
        assert_eq!(page_language(Some("es-MX,es;q=0.9,en;q=0.8")), "es-US");
        assert_eq!(page_language(Some("en-US,en;q=0.9,es;q=0.8")), "en-US");
        assert_eq!(page_language(Some("fr-FR, es;q=0.5")), "es-US");
        assert_eq!(page_language(Some("fr-FR")), "en-US");
        assert_eq!(page_language(Some("es;q=0, en;q=0.1")), "en-US");
        assert_eq!(page_language(None), "en-US");
        assert_eq!(page_language(Some("zh-TW,zh;q=0.9,en;q=0.8")), "zh-Hant");
        assert_eq!(page_language(Some("zh-HK")), "zh-Hant");
        assert_eq!(page_language(Some("zh-Hant-US")), "zh-Hant");
        assert_eq!(page_language(Some("zh-CN,zh;q=0.9")), "zh-Hans");
        assert_eq!(page_language(Some("zh-SG")), "zh-Hans");
        assert_eq!(page_language(Some("zh")), "zh-Hans");
        assert_eq!(page_language(Some("vi-VN,vi;q=0.9,en;q=0.5")), "vi");
        assert_eq!(page_language(Some("fr-FR, vi;q=0.4, es;q=0.3")), "vi");
        assert_eq!(page_language(Some("zh;q=0, vi;q=0.2")), "vi");
        assert_eq!(page_language(Some("de, *;q=0.5")), "en-US");
        assert_eq!(page_language(Some("")), "en-US");
        for locale in PAGE_LOCALES {
            assert_eq!(page_language(Some(locale)), locale);
        }
    }
}
