import Foundation
import PropertyBased
import Tabular
import Testing

/// The CSV reader on bytes nobody meant: every input is read or refused with a line that exists,
/// and never traps; and any fields written by the rules of RFC 4180 come back as they were.
/// Bounded here; `THIDUA_FUZZ_RUNS` makes it longer.
@Suite struct CSVFuzzTests {
    static let runs = Int(ProcessInfo.processInfo.environment["THIDUA_FUZZ_RUNS"] ?? "") ?? 1_000
    /// The bytes a reader is most sensitive to, and text.
    static let alphabet: [UInt8] = Array("\",;\r\n\0 aĐ".utf8) + [0xC3, 0xA0, 0xFF, 0xE1, 0xBB, 0x87, 0xEF, 0xBB, 0xBF]

    @Test func anyBytesAreReadOrRefusedWithALineThatExists() async {
        await propertyCheck(count: Self.runs, input: Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...400)) { picks in
            let bytes = picks.map { Self.alphabet[$0] }
            // Lines as the reader and an editor count them: CRLF, a lone CR or a lone LF ends one.
            var lines = 1
            for (index, byte) in bytes.enumerated() {
                if byte == UInt8(ascii: "\n") && (index == 0 || bytes[index - 1] != UInt8(ascii: "\r")) { lines += 1 }
                if byte == UInt8(ascii: "\r") { lines += 1 }
            }
            do {
                _ = try CSVReader.records(in: bytes)
            } catch let error as CSVError {
                #expect((1...lines).contains(error.line), "\(error) of \(lines) lines")
            } catch {
                Issue.record("not a CSV error: \(error)")
            }
        }
    }

    @Test func fieldsWrittenByTheRulesComeBackAsTheyWere() async {
        let text = Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...12)
        await propertyCheck(count: Self.runs, input: text.array(of: 1...5).array(of: 1...6)) { table in
            let rows: [[String]] = table.map { row in
                row.map { picks in
                    // Valid UTF-8 only, without NUL (which the reader refuses by design).
                    String(decoding: picks.map { Self.alphabet[$0] }, as: UTF8.self).replacingOccurrences(of: "\0", with: "")
                }
            }
            let width = rows[0].count
            let even = rows.map { Array(($0 + Array(repeating: "", count: width)).prefix(width)) }
            let csv = even.map { row in
                row.map { field in "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            }.joined(separator: "\r\n")
            let read = try CSVReader.records(in: Array(csv.utf8), delimiter: UInt8(ascii: ","))
            #expect(read.map(\.fields) == even, "\(csv.debugDescription)")
        }
    }
}
