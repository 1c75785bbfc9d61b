/// Reads the first sheet of an XLSX workbook as rows of text, so that a spreadsheet goes through
/// the same checks as a CSV file, with the same row numbers as in Excel. Handles shared and inline
/// strings, numbers, booleans, stored and deflated parts.
public enum XLSXReader {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notAWorkbook
        case corrupt(String)

        public var description: String {
            switch self {
            case .notAWorkbook: "Tệp không phải bảng tính Excel (.xlsx)."
            case .corrupt(let part): "Tệp .xlsx bị hỏng (không đọc được \(part)); mở bằng Excel, lưu lại rồi thử lại."
            }
        }
    }

    /// Whether the bytes start like a ZIP archive (every XLSX does).
    public static func looksLikeWorkbook(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The first sheet's rows, indexed from Excel's row 1; missing rows are empty.
    public static func rows(_ bytes: [UInt8]) throws(Problem) -> [[String]] {
        let entries = try centralDirectory(bytes)
        func part(_ name: String) throws(Problem) -> String? {
            guard let entry = entries[name] else { return nil }
            return String(decoding: try content(of: entry, in: bytes, name: name), as: UTF8.self)
        }
        guard entries["xl/workbook.xml"] != nil else { throw .notAWorkbook }
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let workbook = try part("xl/workbook.xml"), let relations = try part("xl/_rels/workbook.xml.rels"),
            let sheet = elements("sheet", in: workbook).first, let id = attribute("r:id", in: sheet),
            let relation = elements("Relationship", in: relations).first(where: { attribute("Id", in: $0) == id }),
            let target = attribute("Target", in: relation)
        {
            sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        guard let sheet = try part(sheetPath) else { throw .corrupt(sheetPath) }
        var shared: [String] = []
        if let strings = try part("xl/sharedStrings.xml") {
            for item in blocks("si", in: strings) {
                // Rich text holds several runs; phonetic guides (rPh) are not part of the value.
                let visible = item.replacing(/<rPh[\s\S]*?<\/rPh>/, with: "")
                shared.append(blocks("t", in: visible).map(unescape).joined())
            }
        }
        var rows: [[String]] = []
        for row in elementsWithBody("row", in: sheet) {
            guard let number = attribute("r", in: row.open).flatMap(Int.init), number >= 1, number <= 1_048_576 else { continue }
            var cells: [String] = []
            for cell in elementsWithBody("c", in: row.body) {
                guard let reference = attribute("r", in: cell.open) else { continue }
                let column = columnIndex(reference)
                let type = attribute("t", in: cell.open) ?? "n"
                let value: String
                switch type {
                case "s": value = blocks("v", in: cell.body).first.flatMap { Int($0) }.flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
                case "inlineStr": value = blocks("t", in: cell.body).map(unescape).joined()
                case "b": value = blocks("v", in: cell.body).first == "1" ? "TRUE" : "FALSE"
                default: value = blocks("v", in: cell.body).first.map(unescape) ?? ""
                }
                while cells.count < column { cells.append("") }
                if cells.count == column { cells.append(value) } else { cells[column] = value }
            }
            while rows.count < number - 1 { rows.append([]) }
            rows.append(cells)
        }
        return rows
    }

    /// The rows as CSV (UTF-8, comma, quoted where needed), blank lines where Excel has none, so
    /// that line numbers in error messages are Excel's row numbers.
    public static func csv(_ bytes: [UInt8]) throws(Problem) -> [UInt8] {
        var out: [UInt8] = []
        for row in try rows(bytes) {
            out += Array(
                row.map { field in
                    field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                        ? "\"" + field.replacing("\"", with: "\"\"") + "\"" : field
                }.joined(separator: ",").utf8
            )
            out.append(10)
        }
        return out
    }

    /// `csv` as a result, for callers that cannot catch a typed error.
    public static func converted(_ bytes: [UInt8]) -> Result<[UInt8], Problem> {
        Result { () throws(Problem) in try csv(bytes) }
    }

    // MARK: ZIP

    struct Entry {
        let method: Int
        let compressedSize: Int
        let localHeader: Int
    }

    static func centralDirectory(_ bytes: [UInt8]) throws(Problem) -> [String: Entry] {
        guard looksLikeWorkbook(bytes), bytes.count >= 22 else { throw .notAWorkbook }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var end = bytes.count - 22
        while end >= max(0, bytes.count - 22 - 65_535), u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= 0, u32(end) == 0x0605_4B50 else { throw .corrupt("mục lục ZIP") }
        let count = u16(end + 10)
        var at = u32(end + 16)
        var entries: [String: Entry] = [:]
        for _ in 0..<count {
            guard at + 46 <= bytes.count, u32(at) == 0x0201_4B50 else { throw .corrupt("mục lục ZIP") }
            let nameLength = u16(at + 28)
            let extraLength = u16(at + 30)
            let commentLength = u16(at + 32)
            guard at + 46 + nameLength <= bytes.count else { throw .corrupt("mục lục ZIP") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(method: u16(at + 10), compressedSize: u32(at + 20), localHeader: u32(at + 42))
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    static func content(of entry: Entry, in bytes: [UInt8], name: String) throws(Problem) -> [UInt8] {
        let at = entry.localHeader
        guard at + 30 <= bytes.count else { throw .corrupt(name) }
        let nameLength = Int(bytes[at + 26]) | Int(bytes[at + 27]) << 8
        let extraLength = Int(bytes[at + 28]) | Int(bytes[at + 29]) << 8
        let start = at + 30 + nameLength + extraLength
        guard start + entry.compressedSize <= bytes.count else { throw .corrupt(name) }
        let data = Array(bytes[start..<(start + entry.compressedSize)])
        switch entry.method {
        case 0: return data
        case 8:
            do { return try Inflate.decompress(data) } catch { throw .corrupt(name) }
        default: throw .corrupt(name)
        }
    }

    // MARK: XML, just enough for SpreadsheetML

    /// The opening tags `<name …>` or `<name …/>`.
    static func elements(_ name: String, in xml: String) -> [Substring] {
        var out: [Substring] = []
        var rest = xml[...]
        while let start = rest.range(of: "<" + name) {
            let after = rest[start.upperBound...]
            guard let next = after.first, next == " " || next == ">" || next == "/" || next == "\n" || next == "\t" || next == "\r",
                let close = after.firstIndex(of: ">")
            else {
                rest = after
                continue
            }
            out.append(rest[start.lowerBound...close])
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    /// Each `<name …>body</name>` (or `<name …/>` with an empty body).
    static func elementsWithBody(_ name: String, in xml: Substring) -> [(open: Substring, body: Substring)] {
        var out: [(Substring, Substring)] = []
        var rest = xml
        while let start = rest.range(of: "<" + name) {
            let after = rest[start.upperBound...]
            guard let next = after.first, next == " " || next == ">" || next == "/", let close = after.firstIndex(of: ">") else {
                rest = after
                continue
            }
            let open = rest[start.lowerBound...close]
            if open.hasSuffix("/>") {
                out.append((open, rest[close..<close]))
                rest = rest[rest.index(after: close)...]
                continue
            }
            let bodyStart = rest.index(after: close)
            guard let end = rest[bodyStart...].range(of: "</" + name + ">") else { break }
            out.append((open, rest[bodyStart..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    static func elementsWithBody(_ name: String, in xml: String) -> [(open: Substring, body: Substring)] {
        elementsWithBody(name, in: xml[...])
    }

    /// The texts of `<name>…</name>` elements.
    static func blocks(_ name: String, in xml: some StringProtocol) -> [String] {
        elementsWithBody(name, in: Substring(xml)).map { String($0.body) }
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: " " + name + "=\"") ?? tag.range(of: "\n" + name + "=\"") else { return nil }
        let rest = tag[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return unescape(String(rest[..<end]))
    }

    /// "AB12" → 27.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return max(index - 1, 0)
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else {
                out += rest[amp...]
                return out
            }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number =
                    entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += "&" + entity + ";" }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }
}
