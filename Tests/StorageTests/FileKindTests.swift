import Storage
import TestSupport
import Testing

@Suite struct FileKindTests {
    /// A ZIP local file header naming one part, as Office files begin.
    private func zip(naming part: String) -> [UInt8] {
        [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00] + [UInt8](repeating: 0, count: 16) + [UInt8(part.utf8.count), 0, 0, 0]
            + Array(part.utf8)
    }

    @Test func documentsAreRecognisedByContentNotName() {
        #expect(FileKind.detect(Array("%PDF-1.7\n".utf8)) == .pdf)
        #expect(FileKind.detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0]) == .jpeg)
        #expect(FileKind.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(FileKind.detect(zip(naming: "word/document.xml")) == .docx)
        #expect(FileKind.detect(zip(naming: "xl/workbook.xml")) == .xlsx)
        #expect(FileKind.detect(zip(naming: "payload.exe")) == nil)
        #expect(FileKind.detect(Array("MZ\u{90}".utf8)) == nil)
        #expect(FileKind.detect([UInt8]()) == nil)
    }
}

@Suite struct TitleLookupTests {
    @Test func householdHoldsTheTitleOnlyForTheYearItWasRecognised() async throws {
        try await AssessmentImportTests.withProvince { db, set in
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1").raw("88101001,H2,Lê Thị Hoa,2025,2,1,2/2,có,2/2,1/2,có,có,có,10,không").bytes,
                set: set,
                options: .init(fileName: "x.csv", recognisedBy: "Quyết định số 1/QĐ-UBND")
            )
            let repository = AssessmentRepository(client: db.client, logger: TestDatabase.logger)
            #expect(try await repository.holdsTitle(provinceCode: "88", subjectKey: "H1", setID: "gia-dinh-hoc-tap", year: 2025))
            #expect(try await !repository.holdsTitle(provinceCode: "88", subjectKey: "H1", setID: "gia-dinh-hoc-tap", year: 2024))
            #expect(try await !repository.holdsTitle(provinceCode: "88", subjectKey: "H2", setID: "gia-dinh-hoc-tap", year: 2025))
            #expect(try await !repository.holdsTitle(provinceCode: "88", subjectKey: "H9", setID: "gia-dinh-hoc-tap", year: 2025))
        }
    }
}
