import Foundation

extension StringProtocol {
    /// Lower-case, without Vietnamese tone and vowel marks, `đ` as `d`, spaces and underscores
    /// collapsed to one `_`: "Mã cấp trên" and "ma_cap_tren" fold to the same key. Used to match
    /// column headers and to search names typed without diacritics.
    public var folded: String {
        var out = String.UnicodeScalarView()
        var pendingSeparator = false
        for scalar in String(self).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F:
                continue
            case 0x0111, 0x0110:
                if pendingSeparator, !out.isEmpty { out.append("_") }
                pendingSeparator = false
                out.append("d")
            case 0x20, 0x5F, 0x09, 0x2D:
                pendingSeparator = true
            default:
                if pendingSeparator, !out.isEmpty { out.append("_") }
                pendingSeparator = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The text in Unicode NFC with surrounding spaces removed: the one form we store, so that
    /// the same name typed on two machines compares equal.
    public var normalizedText: String {
        let text = String(self)
        // Fast path, taken by nearly every cell: no combining marks (so already NFC, as text
        // typed on Vietnamese keyboards is) — only the surrounding spaces, tabs, line breaks and
        // no-break spaces (which spreadsheets leave) are cut.
        var hasCombining = false
        var first: String.UnicodeScalarView.Index?
        var last: String.UnicodeScalarView.Index?
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let value = scalars[index].value
            if value >= 0x300 && value <= 0x36F { hasCombining = true }
            let isSpace = value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D || value == 0xA0
            if !isSpace {
                if first == nil { first = index }
                last = index
            }
            index = scalars.index(after: index)
        }
        if hasCombining {
            return text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let first, let last else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}
