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

private func format(_ format: String, _ args: [CVarArg]) -> String {
    args.isEmpty ? format : String(format: format, locale: Locale.current, arguments: args)
}
