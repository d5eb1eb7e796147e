//! Aligned text tables for results people compare.

use std::fmt;

use trustlabel_protocol::Untrusted;

pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<const N: usize>(header: [&str; N]) -> Self {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// A row. Cells hold registry, QR and file-name text: each is rendered for the terminal
    /// ([`Untrusted::terminal`]) here, so the table never holds a character that steers.
    pub fn row<const N: usize>(&mut self, cells: [String; N]) {
        self.rows.push(
            cells
                .iter()
                .map(|c| Untrusted::new(c.as_str()).terminal().into_owned())
                .collect(),
        );
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = |i: usize| {
            std::iter::once(&self.header)
                .chain(&self.rows)
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..self.header.len()).map(width).collect();
        let line = |f: &mut fmt::Formatter<'_>, cells: &[String]| {
            let padded: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}", w = *w))
                .collect();
            writeln!(f, "{}", padded.join("  ").trim_end())
        };
        line(f, &self.header)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(f, &rule)?;
        for row in &self.rows {
            line(f, row)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_to_the_widest_cell() {
        let mut t = Table::new(["A", "Outcome"]);
        t.row(["long-name".into(), "ok".into()]);
        assert_eq!(
            t.to_string(),
            "A          Outcome\n---------  -------\nlong-name  ok\n"
        );
        let mut t = Table::new(["Product"]);
        t.row(["Cam\u{1b}]0;title\u{7}\u{202E}".into()]);
        assert_eq!(
            t.to_string(),
            "Product\n--------------\nCam\u{FFFD}]0;title\u{FFFD}\u{FFFD}\n"
        );
    }
}
