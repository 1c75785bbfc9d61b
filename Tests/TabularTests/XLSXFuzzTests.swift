import Documents
import Foundation
import FuzzSupport
import PropertyBased
import Tabular
import Testing

/// The XLSX reader on workbooks nobody meant: tables our own writer makes come back cell for
/// cell; sheets damaged where XML is most sensitive, and archives with bytes changed or cut, are
/// read or refused with a problem in Vietnamese — never a trap, never more rows than the sheet
/// could hold. Bounded here; `THIDUA_FUZZ_RUNS` makes it longer.
@Suite struct XLSXFuzzTests {
    static let runs = Int(ProcessInfo.processInfo.environment["THIDUA_FUZZ_RUNS"] ?? "") ?? 300
    static let alphabet = ["a", "Đ", "ệ", "ừ", "<", ">", "&", "\"", "'", " ", "1", "0", ",", "-", ";", "/", "\n", "x"]

    static func text(_ picks: [Int]) -> String { picks.map { alphabet[$0] }.joined() }

    @Test func tablesOurWriterMakesComeBackCellForCell() async {
        let cell = Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 1...10)
        await propertyCheck(count: Self.runs, input: cell.array(of: 1...4).array(of: 0...6)) { table in
            let width = table.map(\.count).max() ?? 1
            let rows = table.map { row in (row.map(Self.text) + Array(repeating: "x", count: width)).prefix(width).map { $0 } }
            let headers = (1...width).map { "Cột \($0)" }
            let bytes = XlsxWriter.table(
                headers: headers,
                rows: rows.map { $0.map { XlsxCell.text($0) } },
                widths: Array(repeating: 12, count: width),
                sheetName: "Dữ liệu"
            )
            let read = try XLSXReader.rows(bytes)
            #expect(read == [headers] + rows, "\(rows)")
        }
    }

    /// A small valid sheet: header and rows of inline and shared strings, numbers and booleans,
    /// one tag to a line so that damage lands between or inside tags.
    static let sheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <sheetData>
        <row r="1">
        <c r="A1" t="inlineStr"><is><t>Mã đơn vị</t></is></c>
        <c r="B1" t="s"><v>0</v></c>
        <c r="C1" t="inlineStr"><is><t xml:space="preserve"> Năm </t></is></c>
        </row>
        <row r="2">
        <c r="A2" t="inlineStr"><is><t>99010001</t></is></c>
        <c r="B2" t="s"><v>1</v></c>
        <c r="C2"><v>2025</v></c>
        <c r="D2" t="b"><v>1</v></c>
        </row>
        <row r="4">
        <c r="C4"><v>2.5E3</v></c>
        <c r="AA4" t="inlineStr"><is><r><t>Nguyễn &amp; </t></r><r><t>Văn &#1234;</t></r></is></c>
        </row>
        </sheetData>
        </worksheet>
        """
    static let strings = """
        <?xml version="1.0" encoding="UTF-8"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
        <si><t>Họ tên chủ hộ</t></si>
        <si><r><t>Trần Thị </t></r><r><t>Lan</t></r></si>
        </sst>
        """

    static func workbook(sheet: String, strings: String) -> [UInt8] {
        var archive = ZipArchive()
        archive.add("[Content_Types].xml", "<Types/>")
        archive.add("xl/workbook.xml", #"<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>"#)
        archive.add("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#)
        archive.add("xl/worksheets/sheet1.xml", sheet)
        archive.add("xl/sharedStrings.xml", strings)
        return archive.finish()
    }

    /// The row count a damaged sheet may give: its highest row number, within the limits.
    static func expectReadOrRefused(_ bytes: [UInt8]) {
        switch XLSXReader.converted(bytes, limits: .upload) {
        case .success(let csv):
            let lines = csv.count { $0 == 10 }
            #expect(lines <= SpreadsheetLimits.upload.rows, "\(lines) lines")
        case .failure(let problem):
            #expect(problem.description.contains("xlsx"), "\(problem)")
        }
    }

    @Test func theUndamagedSheetReadsAsExcelShowsIt() throws {
        let rows = try XLSXReader.rows(Self.workbook(sheet: Self.sheet, strings: Self.strings))
        #expect(rows.count == 4)
        #expect(rows[0] == ["Mã đơn vị", "Họ tên chủ hộ", " Năm "])
        #expect(rows[1].prefix(3) == ["99010001", "Trần Thị Lan", "2025"])
        #expect(rows[2] == [])
        #expect(rows[3].last == "Nguyễn & Văn \u{04D2}")
    }

    @Test func aDamagedSheetOrStringTableIsReadOrRefused() async {
        let sensitive = TextDamage.sensitive + ["<", "</c>", "<row r=\"0\">", "r=\"XFD1048577\"", "&#0;", "&bogus;", "<v>", "t=\"s\"", "<![CDATA["]
        await propertyCheck(count: Self.runs, input: Gen.int(in: 0...1_000_000).array(of: 1...6)) { seeds in
            let damagesSheet = seeds[0] % 3 != 0
            let sheet = damagesSheet ? TextDamage.apply(seeds, to: Self.sheet, sensitive: sensitive) : Self.sheet
            let strings = damagesSheet ? Self.strings : TextDamage.apply(seeds, to: Self.strings, sensitive: sensitive)
            Self.expectReadOrRefused(Self.workbook(sheet: sheet, strings: strings))
        }
    }

    @Test func anArchiveWithBytesChangedOrCutIsReadOrRefused() async {
        let good = Self.workbook(sheet: Self.sheet, strings: Self.strings)
        await propertyCheck(count: Self.runs, input: Gen.int(in: 0...1_000_000).array(of: 1...5)) { seeds in
            var bytes = good
            for seed in seeds {
                let at = seed % max(bytes.count, 1)
                switch (seed / 7) % 4 {
                case 0: bytes[at] = UInt8((seed / 11) % 256)
                case 1: bytes = Array(bytes.prefix(at))
                case 2: bytes.insert(UInt8((seed / 13) % 256), at: at)
                default: if !bytes.isEmpty { bytes.remove(at: at) }
                }
                if bytes.isEmpty { break }
            }
            Self.expectReadOrRefused(bytes)
        }
    }
}
