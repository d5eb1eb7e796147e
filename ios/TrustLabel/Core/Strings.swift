import Foundation

/// A message from Localizable.strings (same keys as Android's strings.xml; checked by
/// android/app-logic's CatalogTest). Placeholders are positional: %1$@, %2$@.
func L(_ key: String, _ args: CVarArg...) -> String {
    format(NSLocalizedString(key, comment: ""), args)
}

/// A message of the app's own screens (Screens.strings; same keys as Android's strings_screens.xml).
func S(_ key: String, _ args: CVarArg...) -> String {
    format(NSLocalizedString(key, tableName: "Screens", comment: ""), args)
}

/// A message of the app's own screens that depends on a count (Android's `<plurals>`):
/// Screens.strings has `<key>_one` and `<key>_other`, picked by [pluralKey]. Kept in the
/// .strings table, not a .stringsdict, so the same platform-free code runs (and is tested) on
/// Linux, and android/app-logic's CatalogTest compares both forms with Android's plurals.
func SCount(_ key: String, _ count: Int, _ args: CVarArg...) -> String {
    format(NSLocalizedString(pluralKey(key, count), tableName: "Screens", comment: ""), args)
}

/// The Screens.strings key for `count`: English and Spanish (the app's languages) use the
/// "one" form for exactly 1 and "other" for everything else, 0 included.
func pluralKey(_ key: String, _ count: Int) -> String {
    key + (count == 1 ? "_one" : "_other")
}

private func format(_ format: String, _ args: [CVarArg]) -> String {
    args.isEmpty ? format : String(format: format, locale: Locale.current, arguments: args)
}
