//! Charset choice for raw QR payload bytes.
//!
//! rqrr hands out the payload bytes (byte mode verbatim, kanji mode as
//! Shift_JIS byte pairs) and drops ECI designators, so the charset must be
//! guessed. The rules follow ZXing's `StringUtils.guessEncoding`, in the order
//! UTF-8, then Shift_JIS, then Latin-1:
//!
//! * pure ASCII, or valid UTF-8 with at least one multi-byte sequence: UTF-8;
//! * valid Shift_JIS with a run of >= 3 double-byte or half-width katakana
//!   characters: Shift_JIS;
//! * valid as both Latin-1 and Shift_JIS: Latin-1 unless the bytes look like
//!   short katakana or hold many Latin-1 symbols that are rare in text;
//! * otherwise whichever of Latin-1, Shift_JIS, UTF-8 is valid.

use crate::Charset;

/// The charset in which `raw` reads as `text` (given by a decoder that chose
/// it itself, e.g. from an ECI designator): UTF-8, Latin-1, Shift_JIS, or
/// `Other` when none of them gives that text.
pub(crate) fn naming(raw: &[u8], text: &str) -> Charset {
    if std::str::from_utf8(raw).is_ok_and(|s| s.strip_prefix('\u{feff}').unwrap_or(s) == text) {
        Charset::Utf8
    } else if latin1(raw) == text {
        Charset::Latin1
    } else if decode_sjis(raw).is_some_and(|s| s == text) {
        Charset::ShiftJis
    } else {
        Charset::Other
    }
}

/// Pick a charset for `raw` and decode it.
pub(crate) fn decode_text(raw: &[u8]) -> (String, Charset) {
    if raw.is_ascii() {
        // Every byte < 0x80: identical in all three charsets.
        return (String::from_utf8_lossy(raw).into_owned(), Charset::Utf8);
    }
    let utf8 = std::str::from_utf8(raw).ok();
    if let Some(s) = utf8 {
        // Valid and non-ASCII, so it has a multi-byte sequence (or a BOM).
        return (
            s.strip_prefix('\u{feff}').unwrap_or(s).to_owned(),
            Charset::Utf8,
        );
    }

    let sj = sjis_stats(raw);
    let latin1_ok = raw.iter().all(|&b| !(0x80..0xA0).contains(&b));
    let iso_high_other = raw
        .iter()
        .filter(|&&b| b > 0x9F && (b < 0xC0 || b == 0xD7 || b == 0xF7))
        .count();

    let pick_sjis = if sj.valid && (sj.max_katakana_run >= 3 || sj.max_double_run >= 3) {
        true
    } else if latin1_ok && sj.valid {
        (sj.max_katakana_run == 2 && sj.katakana_chars == 2) || iso_high_other * 10 >= raw.len()
    } else {
        !latin1_ok && sj.valid
    };

    if pick_sjis {
        if let Some(s) = decode_sjis(raw) {
            return (s, Charset::ShiftJis);
        }
    }
    if latin1_ok {
        return (latin1(raw), Charset::Latin1);
    }
    if let Some(s) = decode_sjis(raw) {
        return (s, Charset::ShiftJis);
    }
    // C1 control bytes and not Shift_JIS: still representable as Latin-1
    // code points, which never loses a byte.
    (latin1(raw), Charset::Latin1)
}

fn latin1(raw: &[u8]) -> String {
    raw.iter().map(|&b| b as char).collect()
}

fn decode_sjis(raw: &[u8]) -> Option<String> {
    encoding_rs::SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(raw)
        .map(|c| c.into_owned())
}

struct SjisStats {
    valid: bool,
    katakana_chars: usize,
    max_katakana_run: usize,
    max_double_run: usize,
}

fn sjis_stats(raw: &[u8]) -> SjisStats {
    let mut st = SjisStats {
        valid: true,
        katakana_chars: 0,
        max_katakana_run: 0,
        max_double_run: 0,
    };
    let mut bytes_left = 0usize;
    let mut kata_run = 0usize;
    let mut double_run = 0usize;
    for &b in raw {
        if bytes_left > 0 {
            if b < 0x40 || b == 0x7F || b > 0xFC {
                st.valid = false;
                break;
            }
            bytes_left -= 1;
        } else if b == 0x80 || b == 0xA0 || b > 0xEF {
            st.valid = false;
            break;
        } else if b > 0xA0 && b < 0xE0 {
            st.katakana_chars += 1;
            double_run = 0;
            kata_run += 1;
            st.max_katakana_run = st.max_katakana_run.max(kata_run);
        } else if b > 0x7F {
            bytes_left += 1;
            kata_run = 0;
            double_run += 1;
            st.max_double_run = st.max_double_run.max(double_run);
        } else {
            kata_run = 0;
            double_run = 0;
        }
    }
    if bytes_left > 0 {
        st.valid = false;
    }
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_utf8() {
        assert_eq!(
            decode_text(b"https://x"),
            ("https://x".into(), Charset::Utf8)
        );
    }

    #[test]
    fn utf8_multibyte() {
        let s = "Grüße 日本";
        assert_eq!(decode_text(s.as_bytes()), (s.into(), Charset::Utf8));
    }

    #[test]
    fn shift_jis_kanji() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のテキスト");
        assert_eq!(
            decode_text(&bytes),
            ("日本語のテキスト".into(), Charset::ShiftJis)
        );
    }

    #[test]
    fn latin1_text() {
        let raw: Vec<u8> = "Grüße aus Köln, café".chars().map(|c| c as u8).collect();
        assert_eq!(
            decode_text(&raw),
            ("Grüße aus Köln, café".into(), Charset::Latin1)
        );
    }
}
