import Foundation
import ZIPFoundation

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
        guard looksLikeWorkbook(bytes) else { throw .notAWorkbook }
        let directory = try ZipDirectory(bytes, mostEntries: limits.entries)
        let entries = directory.entries
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

    // MARK: ZIP (our checked directory; ZIPFoundation's inflate and CRC over zlib)

    /// One entry unpacked by zlib in chunks, stopped as soon as it passes what the budget allows
    /// (whatever size its header declares) or the clock runs out; the CRC is checked.
    static func content(of entry: ZipDirectory.Entry, in bytes: [UInt8], name: String, budget: inout SheetBudget, maximum: Int) throws(Problem)
        -> [UInt8]
    {
        struct Stop: Error { let problem: Problem }
        struct RanDry: Error {}
        let allowed = min(maximum, budget.unpackedLeft)
        // Reserved once, to the declared size but never past the limit: grown by doubling, a part
        // refused at 40 MB would have held 64 MB.
        var unpacked: [UInt8] = []
        unpacked.reserveCapacity(max(0, min(allowed, entry.declaredSize)))
        let clock = budget
        func take(_ chunk: some Collection<UInt8>) throws(Stop) {
            guard unpacked.count + chunk.count <= allowed else { throw Stop(problem: clock.unpackedRefusal(name, allowed: allowed)) }
            if let late = clock.overTime() { throw Stop(problem: late) }
            // A part larger than it declared: room for the limit at once, never a doubling past it.
            if unpacked.count + chunk.count > unpacked.capacity { unpacked.reserveCapacity(allowed) }
            unpacked.append(contentsOf: chunk)
        }
        do {
            switch entry.method {
            case 0:
                try take(bytes[entry.data])
            case 8:
                // The packed bytes in chunks; asked for more than there is, the stream was damaged
                // (ZIPFoundation's loop would otherwise ask for ever).
                _ = try Data.decompress(
                    size: Int64(entry.data.count),
                    bufferSize: 1 << 16,
                    skipCRC32: true,
                    provider: { position, size in
                        let start = entry.data.lowerBound + Int(position)
                        guard start < entry.data.upperBound else { throw RanDry() }
                        return Data(bytes[start..<min(entry.data.upperBound, start + size)])
                    },
                    consumer: { chunk in try take(chunk) }
                )
            default:
                throw Problem.corrupt(name + " (kiểu nén không hỗ trợ)")
            }
        } catch let stop as Stop {
            throw stop.problem
        } catch let problem as Problem {
            throw problem
        } catch {
            throw .corrupt(name)
        }
        guard Data(unpacked).crc32(checksum: 0) == entry.crc32 else { throw .corrupt(name) }
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
