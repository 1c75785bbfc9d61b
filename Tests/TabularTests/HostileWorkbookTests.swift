import Foundation
import Tabular
import Testing

/// Workbooks made to hurt the server — a sheet that unpacks to hundreds of megabytes, a ZIP bomb,
/// a million empty cells, cells that never close — are refused with a message naming the limit
/// they broke, after reading no more than the limits allow.
@Suite struct HostileWorkbookTests {
    /// A minimal workbook whose sheet XML is `sheet`, written by Python's zipfile (deflated).
    static func workbook(sheet: String, repeat count: Int = 1, tail: String = "") async throws -> [UInt8] {
        let script = """
            import io, sys, zipfile
            sheet, count, tail = sys.argv[1], int(sys.argv[2]), sys.argv[3]
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
                book.writestr("[Content_Types].xml", "<Types/>")
                book.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>')
                book.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
                with book.open("xl/worksheets/sheet1.xml", "w") as part:
                    part.write(b"<worksheet><sheetData>")
                    chunk = sheet.encode()
                    for _ in range(count):
                        part.write(chunk)
                    part.write(tail.encode())
                    part.write(b"</sheetData></worksheet>")
            sys.stdout.buffer.write(buffer.getvalue())
            """
        let (status, data) = try await XLSXReaderTests.python(script, [sheet, String(count), tail])
        #expect(status == 0)
        return Array(data)
    }

    static func refusal(_ bytes: [UInt8], limits: SpreadsheetLimits = .upload) -> String? {
        switch XLSXReader.converted(bytes, limits: limits) {
        case .success: nil
        case .failure(let problem): problem.description
        }
    }

    @Test func aSheetUnpackingToTwoHundredMegabytesIsRefusedNamingThePart() async throws {
        // ~200 MB of XML, under a megabyte packed: the file of the report.
        let bytes = try await Self.workbook(
            sheet: "<row><c t=\"inlineStr\"><is><t>" + String(repeating: "A", count: 1000) + "</t></is></c></row>",
            repeat: 200_000
        )
        #expect(bytes.count < 2_000_000)
        let message = try #require(Self.refusal(bytes))
        #expect(message.contains("xl/worksheets/sheet1.xml"))
        #expect(message.contains("40 MB"))
    }

    @Test func aDeflateBombIsStoppedAtTheLimitNotAfterUnpacking() async throws {
        // 300 MB of zeros in well under a megabyte: refused at the 40 MB part limit, quickly.
        let bytes = try await Self.workbook(sheet: String(repeating: "A", count: 1 << 16), repeat: 4_800)
        #expect(bytes.count < 1_000_000)
        let started = ContinuousClock.now
        let message = try #require(Self.refusal(bytes))
        #expect(message.contains("40 MB"))
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func aDamagedStreamOrChecksumIsRefusedAsDamaged() async throws {
        var bytes = try await Self.workbook(sheet: "<row><c t=\"inlineStr\"><is><t>Nguyễn Văn An</t></is></c></row>", repeat: 2_000)
        // Flip bytes in the middle of the sheet's compressed data.
        let middle = bytes.count / 2
        for index in middle..<(middle + 16) { bytes[index] ^= 0x5A }
        let message = try #require(Self.refusal(bytes))
        #expect(message.contains("bị hỏng"))
    }

    @Test func aMillionEmptyCellsBeforeOneValueAreRefusedAsTooManyCells() async throws {
        // Cells far to the right in every row would become millions of empty CSV fields.
        let bytes = try await Self.workbook(sheet: "<row><c r=\"XFC1\"><v>1</v></c></row>", repeat: 500)
        let message = try #require(Self.refusal(bytes))
        #expect(message.contains("ô dữ liệu"))
    }

    @Test func aRowFarBelowTheLimitIsRefusedAsTooManyRows() async throws {
        let bytes = try await Self.workbook(sheet: "<row r=\"1\"><c><v>1</v></c></row><row r=\"900000\"><c><v>2</v></c></row>")
        let message = try #require(Self.refusal(bytes))
        #expect(message.contains("900.000"))
        // An operator's command line reads it.
        #expect(Self.refusal(bytes, limits: .commandLine) == nil)
    }

    @Test func cellsThatNeverCloseAreReadInOnePassAndRefused() async throws {
        // A search for each cell's end from each cell's start would be quadratic in this file.
        let bytes = try await Self.workbook(sheet: "<c r=\"A1\"><v>1</v>", repeat: 1_000_000, tail: "")
        #expect(Self.refusal(bytes) != nil)
    }

    @Test func entityDeclarationsAreNotExpanded() async throws {
        let bytes = try await Self.workbook(sheet: "", tail: "")
        // A DOCTYPE anywhere in the sheet is refused, so the billion laughs never expand.
        let laughs = try await Self.workbook(
            sheet: "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
        )
        #expect(Self.refusal(bytes) == nil)
        #expect(Self.refusal(laughs)?.contains("DOCTYPE") == true)
    }

    @Test func aNulCharacterReferenceInACellIsDropped() async throws {
        let bytes = try await Self.workbook(sheet: "<row r=\"1\"><c t=\"inlineStr\"><is><t>a&#0;b&#x1F;c</t></is></c></row>")
        #expect(try XLSXReader.rows(bytes) == [["abc"]])
    }

    @Test func aLimitStopsTheReadingClock() async throws {
        var limits = SpreadsheetLimits.upload
        limits.seconds = 0
        let bytes = try await Self.workbook(sheet: "<row><c><v>1</v></c></row>", repeat: 20_000)
        #expect(Self.refusal(bytes, limits: limits)?.contains("giây") == true)
    }
}
