//! History: search by product or maker, the on/off switch (off writes nothing), clear.

use trustlabel_core::history::{self, HistoryEntry};
use trustlabel_tests::{block_on, Harness};

#[test]
fn history_off_writes_nothing_and_search_finds_products_and_makers() {
    let h = Harness::start();
    let ring = h.manifest.label("ringwraith-2000").unwrap().url.clone();
    let palantir = h.manifest.label("palantir-cam").unwrap().url.clone();
    {
        let scanner = h.scanner();
        history::set_enabled(scanner.store(), false).unwrap();
        block_on(scanner.scan_text(&ring)).unwrap();
        block_on(scanner.scan_text(&palantir)).unwrap();
        assert!(scanner.history().unwrap().is_empty());
        assert!(
            scanner.store().history::<HistoryEntry>().is_empty(),
            "not a byte written"
        );
    }
    // The switch survives a restart.
    let scanner = h.scanner();
    assert!(!history::enabled(scanner.store()).unwrap());
    block_on(scanner.scan_text(&ring)).unwrap();
    assert_eq!(scanner.store().history::<HistoryEntry>().recount(), 0);

    history::set_enabled(scanner.store(), true).unwrap();
    let ring_result = block_on(scanner.scan_text(&ring)).unwrap();
    block_on(scanner.scan_text(&palantir)).unwrap();
    assert_eq!(scanner.history().unwrap().len(), 2);
    let record = &ring_result.outcome.record().unwrap().statement().record;
    let name = record.product_name.clone().unwrap();
    let maker = record.manufacturer_name.clone().unwrap();
    let found = |q: &str| -> Vec<String> {
        history::search(scanner.store(), q)
            .unwrap()
            .into_iter()
            .map(|e| e.url)
            .collect()
    };
    assert_eq!(found(&name.to_uppercase()), vec![ring.clone()]);
    assert!(found(&maker).contains(&ring));
    assert!(found("no product is called this").is_empty());

    scanner.clear_history().unwrap();
    drop(scanner);
    let scanner = h.scanner();
    assert!(
        scanner.history().unwrap().is_empty(),
        "cleared, and it stayed cleared"
    );
}
