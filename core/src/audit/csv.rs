//! RFC 4180 CSV for spreadsheets: CRLF line ends, every field that needs it quoted with
//! doubled quotes, and cells a spreadsheet would run as a formula defused.

/// Starts of a cell that spreadsheets treat as a formula (or that hide one after a control
/// character): `=`, `+`, `-`, `@`, tab and carriage return (OWASP "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One cell: a text that could run as a formula gets a leading apostrophe (shown as text,
/// never evaluated); then it is quoted if it holds a comma, a quote, CR or LF.
pub fn cell(value: &str) -> String {
    let defused = if value.starts_with(FORMULA_STARTS) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if defused.contains([',', '"', '\r', '\n']) || defused != defused.trim_matches(' ') {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
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
        assert_eq!(cell("Cámara"), "Cámara");
        assert_eq!(line(["a", "b"]), "a,b\r\n");
    }
}
