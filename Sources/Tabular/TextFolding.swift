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
        String(self).precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
