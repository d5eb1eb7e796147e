// The app's own words: every key the Swift asks for exists in its table, in English and in
// Spanish, with the same placeholders; and the placeholders format as iOS formats them.
import Foundation
@testable import TrustLabel
import XCTest

private let iosDir = Fixtures.dir.deletingLastPathComponent().appendingPathComponent("ios/TrustLabel")

/// A .strings table: "key" = "value"; lines (comments skipped).
private func table(_ language: String, _ name: String) throws -> [String: String] {
    let text = try String(contentsOf: iosDir.appendingPathComponent("Resources/\(language).lproj/\(name).strings"), encoding: .utf8)
    let entry = try NSRegularExpression(pattern: #"^"([^"]+)"\s*=\s*"((?:[^"\\]|\\.)*)";\s*$"#, options: [.anchorsMatchLines])
    var out: [String: String] = [:]
    for match in entry.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let key = String(text[Range(match.range(at: 1), in: text)!])
        XCTAssertNil(out[key], "\(language)/\(name): \(key) twice")
        out[key] = String(text[Range(match.range(at: 2), in: text)!])
    }
    return out
}

private func placeholders(_ value: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: #"%(\d+\$)?[@dsf]"#)
    return regex.matches(in: value, range: NSRange(value.startIndex..., in: value))
        .map { String(value[Range($0.range, in: value)!]) }.sorted()
}

/// The keys the app's Swift asks for with L("..."), S("...") or SCount("...") (whose table keys
/// are `<key>_one` and `<key>_other`).
private func keysUsed() throws -> (l: Set<String>, s: Set<String>) {
    let call = try NSRegularExpression(pattern: #"\b(L|S|SCount)\("([a-z0-9_]+)""#)
    var l = Set<String>(), s = Set<String>()
    let files = FileManager.default.enumerator(at: iosDir, includingPropertiesForKeys: nil)!
    for case let file as URL in files where file.pathExtension == "swift" {
        let text = try String(contentsOf: file, encoding: .utf8)
        for match in call.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let key = String(text[Range(match.range(at: 2), in: text)!])
            switch text[Range(match.range(at: 1), in: text)!] {
            case "L": l.insert(key)
            case "S": s.insert(key)
            default: s.formUnion([pluralKey(key, 1), pluralKey(key, 2)])
            }
        }
    }
    return (l, s)
}

final class StringsTests: XCTestCase {
    func testEveryKeyTheAppUsesExistsInEnglishAndSpanishWithTheSamePlaceholders() throws {
        let used = try keysUsed()
        XCTAssertGreaterThan(used.l.count, 20)
        XCTAssertGreaterThan(used.s.count, 20)
        for (name, keys) in [("Localizable", used.l), ("Screens", used.s)] {
            let en = try table("en", name), es = try table("es", name)
            XCTAssertEqual(Set(en.keys), Set(es.keys), "\(name): the same keys in en and es")
            for key in keys.sorted() {
                XCTAssertNotNil(en[key], "\(name).strings (en) has no \(key)")
                XCTAssertNotNil(es[key], "\(name).strings (es) has no \(key)")
            }
            for (key, value) in en {
                XCTAssertEqual(placeholders(value), placeholders(es[key] ?? ""), "\(name): placeholders of \(key)")
                // Sentences are translated (names and bare placeholders may stay as they are).
                if placeholders(value).isEmpty, value.split(separator: " ").count >= 3 {
                    XCTAssertNotEqual(value, es[key], "\(name): \(key) is not translated")
                }
            }
        }
    }

    func testCountedMessagesPickTheOneOrOtherFormAsAndroidsPlurals() throws {
        XCTAssertEqual(pluralKey("audit_scans", 1), "audit_scans_one")
        for count in [0, 2, 11, 21, 101] { XCTAssertEqual(pluralKey("audit_scans", count), "audit_scans_other", "\(count)") }
        XCTAssertTrue(try keysUsed().s.isSuperset(of: ["audit_scans_one", "audit_scans_other"]), "AuditViews counts its scans")
        let en = try table("en", "Screens"), es = try table("es", "Screens")
        func say(_ table: [String: String], _ count: Int) -> String {
            String(format: table[pluralKey("audit_scans", count)] ?? "missing", locale: Locale(identifier: "en_US"), String(count))
        }
        XCTAssertEqual([1, 2, 0].map { say(en, $0) }, ["Scanned 1 time", "Scanned 2 times", "Scanned 0 times"])
        XCTAssertEqual([1, 3].map { say(es, $0) }, ["Escaneada 1 vez", "Escaneada 3 veces"])
        // Without the app's tables (as here on Linux) the key itself comes back: the right one.
        XCTAssertEqual(SCount("audit_scans", 1, "1"), "audit_scans_one")
    }

    func testPositionalPlaceholdersFormatAsOnIOS() {
        XCTAssertEqual(L("%1$@. %2$@. %3$@", "Support", "Good", "Until 2028"), "Support. Good. Until 2028")
        XCTAssertEqual(S("%2$@ before %1$@", "one", "two"), "two before one")
        XCTAssertEqual(L("plain"), "plain")
    }
}
