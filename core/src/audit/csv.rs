//! RFC 4180 CSV for spreadsheets: CRLF line ends, every field that needs it quoted with
//! doubled quotes, and cells a spreadsheet would run as a formula defused.

use trustlabel_protocol::Untrusted;

/// One cell: [`Untrusted::csv`]: control and bidirectional characters replaced (a tab, a line
/// feed and a CRLF line break kept as data), a text that could run as a formula (`=`, `+`,
/// `-`, `@`, a leading tab) given a leading apostrophe (shown as text, never evaluated),
/// quoted if it holds a comma, a quote or a line break.
pub fn cell(value: &str) -> String {
    Untrusted::new(value).csv()
}

/// One record, CRLF-terminated.
pub fn line<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = cells.into_iter().map(cell).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_defuses() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=1+2"), "'=1+2");
        assert_eq!(cell("-3,4"), "\"'-3,4\"");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "\u{FFFD}x");
        assert_eq!(cell("\u{1b}]0;x\u{7}"), "\u{FFFD}]0;x\u{FFFD}");
        assert_eq!(cell("Cámara"), "Cámara");
        assert_eq!(line(["a", "b"]), "a,b\r\n");
    }
}
