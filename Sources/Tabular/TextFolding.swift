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
        // Most cells (codes, numbers, "có") are ASCII: trimming them needs no Unicode tables.
        let text = String(self)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = text.utf8
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
                return ""
            }
            if first == bytes.startIndex && bytes.index(after: last) == bytes.endIndex { return text }
            return String(text[first...last])
        }
        return text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
