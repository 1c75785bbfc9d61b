/// Writes the list of a decision as CSV that spreadsheet programs open correctly: UTF-8 with a
/// byte-order mark (without it, Excel reads Vietnamese as Windows-1252), CRLF line ends, fields
/// quoted where RFC 4180 asks.
public enum CSVWriter {
    public static func write(_ document: DecisionDocument) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(1024 + document.sections.reduce(0) { $0 + $1.awardees.count } * 200)
        func append(_ fields: [String]) {
            out.append(contentsOf: line(fields).utf8)
            out.append(contentsOf: [13, 10])
        }
        append(XlsxWriter.headers)
        for section in document.sections {
            for awardee in section.awardees {
                append([String(awardee.number), awardee.name, awardee.detail, awardee.unit, awardee.achievement, section.heading])
            }
        }
        return out
    }

    /// One CSV line of `fields`, each quoted where RFC 4180 asks, without the line end.
    public static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",")
    }

    static func quoted(_ field: String) -> String {
        // A leading = + - @ would make a spreadsheet evaluate the cell as a formula.
        var field = field
        if let first = field.first, "=+-@".contains(first) { field = "'" + field }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        var out = "\""
        for character in field {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out + "\""
    }
}
