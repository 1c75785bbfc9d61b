import Foundation
import Tabular

/// What a list query may be asked for: a page number and a search text from a URL are the
/// visitor's, so both are bounded here, once, before they reach arithmetic or a LIKE pattern.
enum ListWindow {
    /// Past this page every list is empty anyway; the bound keeps `(page - 1) × size` far from overflow.
    static let lastPage = 100_000

    /// The rows to skip for `page` (from 1) of `size` rows; any page number, however large, is safe.
    static func offset(page: Int, size: Int) -> Int {
        (min(max(page, 1), lastPage) - 1) * min(max(size, 1), 1_000)
    }

    /// A LIKE pattern containing `text` (trimmed, at most 100 characters, wildcards and escapes
    /// removed so a visitor's `%` or `_` is no wildcard), folded to match the `*_folded` columns
    /// when `folded`; nil when nothing is left to search for.
    static func containsPattern(_ text: String?, folded: Bool) -> String? {
        guard let text else { return nil }
        let cleaned = String(text.trimmingCharacters(in: .whitespaces).prefix(100))
            .replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "\\", with: "")
        guard !cleaned.isEmpty else { return nil }
        return "%" + (folded ? cleaned.folded : cleaned) + "%"
    }
}
