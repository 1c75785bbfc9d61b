/// Reads the first sheet of an XLSX workbook as rows of text, so that a spreadsheet goes through
/// the same checks as a CSV file, with the same row numbers as in Excel. Handles shared and inline
/// strings, numbers, booleans, stored and deflated parts.
public enum XLSXReader {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notAWorkbook
        case corrupt(String)
        /// Over one of `SpreadsheetLimits`: what and where, in Vietnamese.
        case tooLarge(String)

        public var description: String {
            switch self {
            case .notAWorkbook: "Tệp không phải bảng tính Excel (.xlsx)."
            case .corrupt(let part): "Tệp .xlsx bị hỏng (không đọc được \(part)); mở bằng Excel, lưu lại rồi thử lại."
            case .tooLarge(let what):
                "Tệp .xlsx vượt giới hạn xử lý: \(what). Chia thành nhiều tệp nhỏ hơn, hoặc lưu thành CSV rồi thử lại."
            }
        }
    }

    /// Whether the bytes start like a ZIP archive (every XLSX does).
    public static func looksLikeWorkbook(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The first sheet's rows, indexed from Excel's row 1; missing rows are empty.
    public static func rows(_ bytes: [UInt8], limits: SpreadsheetLimits = .upload) throws(Problem) -> [[String]] {
        var rows: [[String]] = []
        try readSheet(bytes, limits: limits) { number, cells in
            while rows.count < number - 1 { rows.append([]) }
            var row: [String] = []
            for (column, value) in cells {
                while row.count < column { row.append("") }
                row.append(String(decoding: value, as: UTF8.self))
            }
            rows.append(row)
        }
        return rows
    }

    /// The rows as CSV (UTF-8, comma, quoted where needed), blank lines where Excel has none, so
    /// that line numbers in error messages are Excel's row numbers.
    public static func csv(_ bytes: [UInt8], limits: SpreadsheetLimits = .upload) throws(Problem) -> [UInt8] {
        var out: [UInt8] = []
        var line = 0
        try readSheet(bytes, limits: limits) { number, cells in
            while line < number - 1 {
                out.append(10)
                line += 1
            }
            var column = 0
            for (index, value) in cells {
                while column < index {
                    if column > 0 { out.append(44) }
                    column += 1
                }
                if column > 0 { out.append(44) }
                if value.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                    out.append(34)
                    for byte in value {
                        if byte == 34 { out.append(34) }
                        out.append(byte)
                    }
                    out.append(34)
                } else {
                    out.append(contentsOf: value)
                }
                column += 1
            }
            out.append(10)
            line += 1
        }
        return out
    }

    /// `csv` as a result, for callers that cannot catch a typed error.
    public static func converted(_ bytes: [UInt8], limits: SpreadsheetLimits = .upload) -> Result<[UInt8], Problem> {
        Result { () throws(Problem) in try csv(bytes, limits: limits) }
    }

    /// Reads the first sheet row by row, in one pass over its XML, calling `row` with each row's
    /// number and its cells (column index from 0, value as UTF-8). Every limit is checked as the
    /// file is read, so a hostile workbook is refused before it costs more than the limits allow.
    static func readSheet(
        _ bytes: [UInt8],
        limits: SpreadsheetLimits,
        row: (Int, [(Int, [UInt8])]) -> Void
    ) throws(Problem) {
        var budget = SheetBudget(limits: limits)
        let entries = try centralDirectory(bytes, limits: limits)
        func part(_ name: String, maximum: Int) throws(Problem) -> [UInt8]? {
            guard let entry = entries[name] else { return nil }
            return try content(of: entry, in: bytes, name: name, budget: &budget, maximum: maximum)
        }
        guard entries["xl/workbook.xml"] != nil else { throw .notAWorkbook }
        var sheetPath = "xl/worksheets/sheet1.xml"
        // Workbook and relations are small parts: read as text, capped at a megabyte each.
        if let workbook = try part("xl/workbook.xml", maximum: 1 << 20).map({ String(decoding: $0, as: UTF8.self) }),
            let relations = try part("xl/_rels/workbook.xml.rels", maximum: 1 << 20).map({ String(decoding: $0, as: UTF8.self) }),
            let sheet = elements("sheet", in: workbook).first, let id = attribute("r:id", in: sheet),
            let relation = elements("Relationship", in: relations).first(where: { attribute("Id", in: $0) == id }),
            let target = attribute("Target", in: relation)
        {
            sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        var shared = SharedStrings()
        if let strings = try part("xl/sharedStrings.xml", maximum: limits.unpackedBytesPerPart) {
            try shared.read(strings, budget: &budget)
        }
        guard let sheet = try part(sheetPath, maximum: limits.unpackedBytesPerPart) else { throw .corrupt(sheetPath) }
        try SheetScanner.scan(sheet, shared: shared, budget: &budget, row: row)
    }

    // MARK: ZIP

    struct Entry {
        let method: Int
        let compressedSize: Int
        let localHeader: Int
    }

    static func centralDirectory(_ bytes: [UInt8], limits: SpreadsheetLimits) throws(Problem) -> [String: Entry] {
        guard looksLikeWorkbook(bytes), bytes.count >= 22 else { throw .notAWorkbook }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var end = bytes.count - 22
        while end >= max(0, bytes.count - 22 - 65_535), u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= 0, u32(end) == 0x0605_4B50 else { throw .corrupt("mục lục ZIP") }
        let count = u16(end + 10)
        guard count <= limits.entries else { throw .tooLarge("có \(count) phần, quá \(limits.entries) phần cho phép") }
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

    static func content(of entry: Entry, in bytes: [UInt8], name: String, budget: inout SheetBudget, maximum: Int) throws(Problem) -> [UInt8] {
        let at = entry.localHeader
        guard at + 30 <= bytes.count else { throw .corrupt(name) }
        let nameLength = Int(bytes[at + 26]) | Int(bytes[at + 27]) << 8
        let extraLength = Int(bytes[at + 28]) | Int(bytes[at + 29]) << 8
        let start = at + 30 + nameLength + extraLength
        guard start + entry.compressedSize <= bytes.count else { throw .corrupt(name) }
        let data = Array(bytes[start..<(start + entry.compressedSize)])
        let allowed = min(maximum, budget.unpackedLeft)
        let unpacked: [UInt8]
        switch entry.method {
        case 0: unpacked = data
        case 8:
            do { unpacked = try Inflate.decompress(data, limit: allowed) } catch {
                if error.exceededLimit { throw budget.unpackedRefusal(name, allowed: allowed) }
                throw .corrupt(name)
            }
        default: throw .corrupt(name)
        }
        guard unpacked.count <= allowed else { throw budget.unpackedRefusal(name, allowed: allowed) }
        budget.unpackedLeft -= unpacked.count
        return unpacked
    }

    // MARK: The small parts (workbook, relations), read as text

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

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: " " + name + "=\"") ?? tag.range(of: "\n" + name + "=\"") else { return nil }
        let rest = tag[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return unescape(String(rest[..<end]))
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
