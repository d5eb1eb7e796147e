//! Compare: products side by side, in the summary's words and tones.

use trustlabel_core::compare::{compare, CompareError, ROWS};
use trustlabel_protocol::Tone;
use trustlabel_tests::{block_on, Harness};
use trustlabel_words::summarize;

#[test]
fn products_side_by_side_with_the_summary_words() {
    let h = Harness::start();
    let scanner = h.scanner();
    let now = h.manifest.now().fixed_offset();
    let urls: Vec<String> = ["ringwraith-2000", "palantir-cam", "bad-forged-signature"]
        .iter()
        .map(|s| h.manifest.label(s).unwrap().url.clone())
        .collect();
    let table = block_on(compare(&scanner, &urls, "en-US", now)).unwrap();
    assert_eq!(table.products.len(), 3);
    assert!(
        scanner.history().unwrap().is_empty(),
        "comparing links is not scanning them: no history entries"
    );
    assert_eq!(table.rows.len(), ROWS.len());
    let ids: Vec<_> = table.rows.iter().map(|r| r.id).collect();
    assert_eq!(ids, ROWS);
    assert_eq!(table.products[2].outcome, "invalid");
    assert_eq!(
        table.products[2].name, urls[2],
        "no registry data for a failed check"
    );
    assert!(table.products[2].maker.is_none());

    // The cells are the facts the summary gives each product.
    let palantir = block_on(scanner.scan_text(&urls[1])).unwrap();
    let summary = summarize(&palantir, "en-US", now);
    for row in &table.rows {
        assert_eq!(row.cells.len(), 3);
        assert!(!row.title.is_empty());
        let fact = summary.fact(row.id).unwrap();
        assert_eq!(row.cells[1].text, fact.text, "{}", row.id);
        assert_eq!(row.cells[1].tone, fact.tone, "{}", row.id);
        // The failed check says so in every row.
        assert_eq!(row.cells[2].tone, Tone::Bad, "{}", row.id);
    }
    let support = &table.rows[0];
    assert_eq!(support.cells[0].tone, Tone::Good);
    assert_eq!(support.cells[1].tone, Tone::Caution, "ends within 6 months");
    assert_ne!(support.cells[0].text, support.cells[1].text);

    let es = block_on(compare(&scanner, &urls[..2], "es-US", now)).unwrap();
    assert_eq!(es.rows[1].title, "Cómo se instalan las actualizaciones");
    assert!(matches!(
        block_on(compare(&scanner, &urls[..1], "en-US", now)),
        Err(CompareError::TooFew)
    ));
}
