import Foundation
import Tabular
import TestSupport
import Testing

/// Spreadsheets written by another program (Python's openpyxl and zlib) are read back cell for
/// cell: deflated parts, shared strings, Vietnamese text, numbers, and Excel's row numbers.
@Suite struct XLSXReaderTests {
    static func python(_ script: String, _ arguments: [String] = []) async throws -> (Int32, Data) {
        let result = try await Program.run("python3", ["-c", script] + arguments)
        return (result.status, Data(result.bytes))
    }

    @Test func storedAndDeflatedPartsAtEveryLevelReadTheSame() async throws {
        // Python's zipfile writes the parts stored (level 0 has no compression) or deflated at 1 and 9.
        let script = """
            import io, sys, zipfile
            method, level = (zipfile.ZIP_STORED, None) if sys.argv[1] == "0" else (zipfile.ZIP_DEFLATED, int(sys.argv[1]))
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", method, compresslevel=level) as book:
                book.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>')
                book.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
                rows = "".join(f'<row r="{i}"><c t="inlineStr"><is><t>Hộ {i} — thôn Đông</t></is></c></row>' for i in range(1, 401))
                book.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + rows + "</sheetData></worksheet>")
            sys.stdout.buffer.write(buffer.getvalue())
            """
        for level in ["0", "1", "9"] {
            let (status, data) = try await Self.python(script, [level])
            #expect(status == 0)
            let rows = try XLSXReader.rows(Array(data))
            #expect(rows.count == 400, "level \(level)")
            #expect(rows.last == ["Hộ 400 — thôn Đông"], "level \(level)")
        }
    }

    @Test func aWorkbookWrittenByOpenpyxlIsReadWithExcelRowNumbers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("danh-sach.xlsx").path
        let script = """
            import openpyxl, sys
            book = openpyxl.Workbook()
            sheet = book.active
            sheet.append(["Mã hộ", "Họ tên chủ hộ", "Năm", "Ghi chú"])
            sheet.append(["HGD-01", "Nguyễn Thị Ánh", 2025, 'Có "dấu ngoặc", dấu phẩy'])
            sheet.append([])
            sheet.append(["HGD-03", "Đặng Văn Ứng & <Con>", 2024.5, None])
            sheet["F5"] = "xa"
            book.save(sys.argv[1])
            """
        let (status, _) = try await Self.python(script, [path])
        #expect(status == 0)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(XLSXReader.looksLikeWorkbook(bytes))
        let rows = try XLSXReader.rows(bytes)
        #expect(rows.count == 5)
        #expect(rows[0] == ["Mã hộ", "Họ tên chủ hộ", "Năm", "Ghi chú"])
        #expect(rows[1] == ["HGD-01", "Nguyễn Thị Ánh", "2025", "Có \"dấu ngoặc\", dấu phẩy"])
        #expect(rows[2] == [])
        #expect(rows[3] == ["HGD-03", "Đặng Văn Ứng & <Con>", "2024.5"])
        #expect(rows[4] == ["", "", "", "", "", "xa"])
        let records = try CSVReader.records(in: try XLSXReader.csv(bytes))
        #expect(records.first { $0.fields.first == "HGD-03" }?.line == 4, "the CSV keeps Excel's row numbers")
        #expect(records.first { $0.fields.first == "HGD-01" }?.fields[3] == "Có \"dấu ngoặc\", dấu phẩy")
        #expect(throws: XLSXReader.Problem.notAWorkbook) { try XLSXReader.rows(Array("PK\u{3}\u{4}not really".utf8)) }
    }
}
