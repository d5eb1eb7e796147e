// The staff features through the generated Swift bindings: shelf audits (buckets, a repeat
// counted, CSV, reopening), pack import (forged entry, truncated file), the watchlist and its
// alerts, history search and switch, compare. The same story as ffi/kotlin-tests/src/StaffTest.kt.
import Foundation
@testable import TrustLabel
import TrustLabelCore
import XCTest

/// A pack file of the given envelopes (each already JSON).
func packOf(_ envelopes: Data...) -> Data {
    let body = envelopes.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
    return Data(#"{"pack_version":1,"created":"2026-11-23T08:00:00Z","records":[\#(body)]}"#.utf8)
}

final class StaffTests: XCTestCase {
    let ringwraith = Fixtures.label("ringwraith-2000")
    let palantir = Fixtures.label("palantir-cam")
    let morgul = Fixtures.label("morgul-camera")
    let forged = Fixtures.label("bad-forged-signature")

    func testAuditBucketsRepeatCountedCsvReopenedAndDeleted() async throws {
        let dir = Fixtures.newDataDir("audit")
        do {
            let scanner = try CoreScanner(config: Fixtures.config(dir))
            let audit = try scanner.startAudit(name: "aisle 3")
            var bucket = try await audit.addText(text: ringwraith.url).bucket
            XCTAssertEqual(bucket, .ok)
            bucket = try await audit.addText(text: palantir.url).bucket
            XCTAssertEqual(bucket, .supportEndsSoon)
            bucket = try await audit.addText(text: morgul.url).bucket
            XCTAssertEqual(bucket, .authorizationWithdrawn)
            let bad = try await audit.addText(text: forged.url)
            XCTAssertEqual(bad.bucket, .invalid)
            XCTAssertEqual(bad.reasonCode, "bad_signature")
            XCTAssertNil(bad.productName)
            bucket = try await audit.addText(text: "hello").bucket
            XCTAssertEqual(bucket, .notALabel)
            let again = try await audit.addText(text: ringwraith.url)
            XCTAssertEqual(again.scanCount, 2)
            XCTAssertTrue(again.title.hasPrefix("RingWraith2000"), again.title)
            XCTAssertEqual(audit.entries().count, 5)
            let counts = Dictionary(uniqueKeysWithValues: audit.counts().map { ($0.bucket, $0.count) })
            XCTAssertEqual(counts.count, 9, "every bucket listed")
            XCTAssertEqual(counts[.ok], 1)
            XCTAssertEqual(counts[.notChecked], 0)
            let csv = audit.exportCsv().components(separatedBy: "\r\n")
            XCTAssertEqual(csv[0], "product,model,maker,url,bucket,outcome,reason,support_date,scan_count,first_scan_at,last_scan_at")
            XCTAssertTrue(csv.contains { $0.contains(ringwraith.url) && $0.contains(",ok,verified,") }, "\(csv)")
            XCTAssertTrue(audit.exportJson().contains(#""support_ends_soon":1"#))
            let taken = await caught { try scanner.startAudit(name: "aisle 3") }
            guard case let .Refused(code, _, text)? = taken else { return XCTFail("\(String(describing: taken))") }
            XCTAssertEqual(code, "audit_exists")
            XCTAssertFalse(text.isEmpty)
        }
        let scanner = try CoreScanner(config: Fixtures.config(dir, offline: true))
        let info = try XCTUnwrap(try scanner.listAudits().first)
        XCTAssertEqual(info.name, "aisle 3")
        XCTAssertEqual(info.counts.reduce(0) { $0 + $1.count }, 5)
        let audit = try scanner.openAudit(name: "aisle 3")
        // Offline now: the saved copy answers, the label is still counted once.
        let third = try await audit.addText(text: ringwraith.url)
        XCTAssertEqual(third.scanCount, 3)
        try audit.closeAudit()
        XCTAssertEqual(try scanner.listAudits().first?.closed, true)
        let refused = await caught { try await audit.addText(text: self.palantir.url) }
        guard case .Refused("audit_closed", _, _)? = refused else { return XCTFail("\(String(describing: refused))") }
        try scanner.deleteAudit(name: "aisle 3")
        XCTAssertEqual(try scanner.listAudits().count, 0)
        let gone = await caught { try scanner.openAudit(name: "aisle 3") }
        guard case .Refused("audit_not_found", _, _)? = gone else { return XCTFail("\(String(describing: gone))") }
    }

    func testPackImportSkipsAForgedEntryByItsReason() async throws {
        let good = Fixtures.bytes("envelopes/ringwraith-2000.jws.json")
        let other = Fixtures.bytes("envelopes/palantir-cam.jws.json")
        let bad = Fixtures.bytes("bad/forged-signature.jws.json")
        let scanner = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("pack"), offline: true))
        let whole = packOf(good, bad, other)
        let truncated = await caught { try scanner.importPack(bytes: whole.prefix(whole.count / 2)) }
        guard case let .Refused(code, _, text)? = truncated else { return XCTFail("\(String(describing: truncated))") }
        XCTAssertEqual(code, "pack_truncated")
        XCTAssertTrue(text.hasPrefix("This pack file is incomplete"), text)
        XCTAssertEqual(scanner.cachedRecordCount(), 0, "nothing half-imported")
        let report = try scanner.importPack(bytes: whole)
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.skipped.count, 1)
        XCTAssertEqual(report.skipped.first?.index, 1)
        XCTAssertEqual(report.skipped.first?.reasonCode, "bad_signature")
        XCTAssertEqual(report.skipped.first?.url, forged.url)
        XCTAssertTrue(report.words.text.hasPrefix("Imported 2 labels"), report.words.text)
        let result = try await scanner.scanText(text: ringwraith.url)
        XCTAssertEqual(result.outcomeCode, "offline_cached")
        XCTAssertTrue(result.summary.facts.first { $0.id == "verification" }?.text.contains("last checked") ?? false)
        let exported = String(decoding: try scanner.exportPack(), as: UTF8.self)
        XCTAssertTrue(exported.hasPrefix(#"{"pack_version":1"#), String(exported.prefix(40)))
    }

    func testWatchlistAlertsForSupportEnding() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("watch")))
        let item = try await scanner.watchAdd(url: palantir.url)
        XCTAssertEqual(item.authorization, "active")
        _ = try await scanner.watchAdd(url: ringwraith.url)
        XCTAssertEqual(try scanner.watchList().count, 2)
        let none = try await scanner.watchAlerts(days: 30)
        XCTAssertEqual(none.count, 0, "nothing within 30 days")
        let soon = try await scanner.watchAlerts(days: 365)
        XCTAssertEqual(soon.count, 1)
        XCTAssertEqual(soon.first?.kind, .supportEndsSoon)
        XCTAssertEqual(soon.first?.url, palantir.url)
        XCTAssertTrue(soon.first?.words.text.contains("March 31, 2027") ?? false, "\(soon)")
        let refused = await caught { try await scanner.watchAdd(url: self.forged.url) }
        guard case .Refused("no_record", _, _)? = refused else { return XCTFail("\(String(describing: refused))") }
        XCTAssertTrue(try scanner.watchRemove(url: palantir.url))
        XCTAssertEqual(try scanner.watchList().count, 1)
    }

    func testHistorySearchAndSwitch() async throws {
        let dir = Fixtures.newDataDir("history-switch")
        do {
            let scanner = try CoreScanner(config: Fixtures.config(dir))
            XCTAssertTrue(try scanner.historyEnabled())
            try scanner.setHistoryEnabled(on: false)
            _ = try await scanner.scanText(text: ringwraith.url)
            XCTAssertEqual(try scanner.history().count, 0)
            try scanner.setHistoryEnabled(on: true)
            _ = try await scanner.scanText(text: ringwraith.url)
            _ = try await scanner.scanText(text: palantir.url)
            XCTAssertEqual(try scanner.historySearch(query: "ringWRAITH").map(\.url), [ringwraith.url])
            XCTAssertEqual(try scanner.historySearch(query: "").count, 2)
        }
        XCTAssertTrue(try CoreScanner(config: Fixtures.config(dir)).historyEnabled())
    }

    func testCompareRowsCellsAndTones() async throws {
        let scanner = try CoreScanner(config: Fixtures.config(Fixtures.newDataDir("compare")))
        let table = try await scanner.compare(urls: [ringwraith.url, palantir.url])
        XCTAssertEqual(table.products.map(\.name), ["RingWraith2000", "Palantir Cam"])
        XCTAssertEqual(table.rows.count, 7)
        XCTAssertEqual(table.rows.first { $0.id == "support" }?.cells.map(\.tone), [.good, .caution])
    }
}
