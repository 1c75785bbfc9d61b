/// Walks the tags and texts of an XML part once, front to back: every search starts where the last
/// one ended, so reading is linear in the part's size whatever its shape (a sheet of unclosed
/// cells cannot make it quadratic). Just enough XML for SpreadsheetML: namespace prefixes are
/// dropped from names, comments and processing instructions skipped, CDATA kept as raw text, and
/// a DOCTYPE (entity declarations, the "billion laughs") refused.
struct XMLCursor {
    enum Token {
        case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case end(name: Range<Int>)
        case text(Range<Int>)
        case cdata(Range<Int>)
    }

    let bytes: [UInt8]
    let part: String
    private(set) var position = 0

    init(_ bytes: [UInt8], part: String) {
        self.bytes = bytes
        self.part = part
    }

    mutating func next() throws(XLSXReader.Problem) -> Token? {
        let count = bytes.count
        while position < count {
            let start = position
            guard bytes[start] == UInt8(ascii: "<") else {
                var end = start
                while end < count, bytes[end] != UInt8(ascii: "<") { end += 1 }
                position = end
                return .text(start..<end)
            }
            guard start + 1 < count else { throw .corrupt(part) }
            switch bytes[start + 1] {
            case UInt8(ascii: "/"):
                let nameStart = start + 2
                var end = nameStart
                while end < count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                guard end < count else { throw .corrupt(part) }
                var nameEnd = nameStart
                while nameEnd < end, !Self.isSpace(bytes[nameEnd]) { nameEnd += 1 }
                position = end + 1
                return .end(name: localName(nameStart..<nameEnd))
            case UInt8(ascii: "?"):
                position = try after("?>", from: start + 2)
            case UInt8(ascii: "!"):
                if matches("<!--", at: start) {
                    position = try after("-->", from: start + 4)
                } else if matches("<![CDATA[", at: start) {
                    let end = try after("]]>", from: start + 9)
                    position = end
                    return .cdata((start + 9)..<(end - 3))
                } else {
                    throw .corrupt(part + " (DOCTYPE)")
                }
            default:
                let nameStart = start + 1
                var nameEnd = nameStart
                while nameEnd < count, !Self.isSpace(bytes[nameEnd]), bytes[nameEnd] != UInt8(ascii: ">"), bytes[nameEnd] != UInt8(ascii: "/") {
                    nameEnd += 1
                }
                // Attribute values may hold '>' in quotes.
                var end = nameEnd
                var quote: UInt8 = 0
                while end < count {
                    let byte = bytes[end]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        break
                    }
                    end += 1
                }
                guard end < count else { throw .corrupt(part) }
                let selfClosing = bytes[end - 1] == UInt8(ascii: "/")
                position = end + 1
                return .start(name: localName(nameStart..<nameEnd), attributes: nameEnd..<(selfClosing ? end - 1 : end), selfClosing: selfClosing)
            }
        }
        return nil
    }

    /// Whether the name (without its prefix) is `name`.
    func isName(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { expected in
            var index = range.lowerBound
            for byte in expected {
                if bytes[index] != byte { return false }
                index += 1
            }
            return true
        }
    }

    /// The raw value of an attribute (by local name) in a start tag's attribute range.
    func attribute(_ name: StaticString, in range: Range<Int>) -> Range<Int>? {
        var index = range.lowerBound
        while index < range.upperBound {
            while index < range.upperBound, Self.isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < range.upperBound, bytes[index] != UInt8(ascii: "="), !Self.isSpace(bytes[index]) { index += 1 }
            let nameRange = localName(nameStart..<index)
            while index < range.upperBound, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") { index += 1 }
            guard index < range.upperBound else { return nil }
            let quote = bytes[index]
            let valueStart = index + 1
            index = valueStart
            while index < range.upperBound, bytes[index] != quote { index += 1 }
            if isName(nameRange, name) { return valueStart..<index }
            index += 1
        }
        return nil
    }

    /// Appends the text with XML's entities resolved; control characters XML does not allow
    /// (NUL among them) are dropped.
    func appendUnescaped(_ range: Range<Int>, to out: inout [UInt8]) {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&"), let semicolon = (index..<min(range.upperBound, index + 12)).first(where: { bytes[$0] == UInt8(ascii: ";") })
            {
                if let scalar = entity((index + 1)..<semicolon) {
                    if scalar.value >= 0x20 || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                        out.append(contentsOf: Array(String(scalar).utf8))
                    }
                    index = semicolon + 1
                    continue
                }
            }
            if Self.isTextByte(byte) { out.append(byte) }
            index += 1
        }
    }

    /// Whether a byte of text may be kept: control characters other than tab and line breaks
    /// (a NUL above all, which PostgreSQL refuses) are dropped, in entities and CDATA alike.
    static func isTextByte(_ byte: UInt8) -> Bool { byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func entity(_ range: Range<Int>) -> Unicode.Scalar? {
        let name = String(decoding: bytes[range], as: UTF8.self)
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let number = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
            return number.flatMap(Unicode.Scalar.init)
        }
    }

    private func localName(_ range: Range<Int>) -> Range<Int> {
        var index = range.upperBound
        while index > range.lowerBound {
            if bytes[index - 1] == UInt8(ascii: ":") { return index..<range.upperBound }
            index -= 1
        }
        return range
    }

    private func matches(_ text: StaticString, at index: Int) -> Bool {
        guard index + text.utf8CodeUnitCount <= bytes.count else { return false }
        return text.withUTF8Buffer { expected in
            for (offset, byte) in expected.enumerated() where bytes[index + offset] != byte { return false }
            return true
        }
    }

    /// The index just after the next `text` from `index` on.
    private func after(_ text: StaticString, from index: Int) throws(XLSXReader.Problem) -> Int {
        let first = text.withUTF8Buffer { $0[0] }
        var index = index
        while index < bytes.count {
            if bytes[index] == first, matches(text, at: index) { return index + text.utf8CodeUnitCount }
            index += 1
        }
        throw .corrupt(part)
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
