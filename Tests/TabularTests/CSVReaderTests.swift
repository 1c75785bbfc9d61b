import Testing

@testable import Tabular

@Suite struct CSVReaderTests {
    private func read(_ text: String, delimiter: Character? = nil) throws -> [CSVRecord] {
        try CSVReader.records(in: Array(text.utf8), delimiter: delimiter.map { UInt8(ascii: $0.unicodeScalars.first!) })
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws {
        let records = try read("a,b\n\"x, y\",\"he said \"\"hi\"\"\nnext line\"\n")
        #expect(records.count == 2)
        #expect(records[1].fields == ["x, y", "he said \"hi\"\nnext line"])
        #expect(records[1].line == 2)
    }

    @Test func recordsAfterAMultiLineFieldKeepTheirPhysicalLineNumber() throws {
        let records = try read("h\n\"a\nb\"\nc\n")
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func windowsLineEndingsAndByteOrderMarkAreHandled() throws {
        let records = try CSVReader.records(in: [0xEF, 0xBB, 0xBF] + Array("mã,tên\r\n1,Xã Ân Thi\r\n".utf8))
        #expect(records.map(\.fields) == [["mã", "tên"], ["1", "Xã Ân Thi"]])
    }

    @Test func lastRecordWithoutLineBreakIsRead() throws {
        #expect(try read("a,b\n1,2").last?.fields == ["1", "2"])
    }

    @Test func semicolonFilesFromVietnameseSpreadsheetsAreDetected() throws {
        #expect(CSVReader.detectDelimiter(firstLine: Array("mã;tên;cấp\n".utf8)) == UInt8(ascii: ";"))
        #expect(CSVReader.detectDelimiter(firstLine: Array("\"a;b\",c,d\n".utf8)) == UInt8(ascii: ","))
    }

    @Test func unterminatedQuoteNamesTheLineWhereTheFieldStarts() {
        #expect(throws: CSVError.unterminatedQuote(line: 3)) { try read("a\nb\n\"open\nmore\n") }
    }

    @Test func strayQuoteInsideAnUnquotedFieldIsRefused() {
        #expect(throws: CSVError.strayQuote(line: 2)) { try read("a,b\n1,ab\"c\n") }
    }

    @Test func invalidUTF8NamesItsLine() {
        // "Xã" in Windows-1258 is not UTF-8.
        let bytes = Array("mã,tên\n1,ok\n2,".utf8) + [0x58, 0xE3] + Array("\n".utf8)
        #expect(throws: CSVError.invalidUTF8(line: 3)) { try CSVReader.records(in: bytes, delimiter: UInt8(ascii: ",")) }
    }

    @Test func aNulByteIsRefusedNamingItsLine() {
        // A file saved as UTF-16 is full of NUL bytes; PostgreSQL refuses them in text.
        #expect(throws: CSVError.nulByte(line: 2)) { try read("a,b\n1,x\u{0}y\n") }
    }

    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        let text = "mã,tên\n\"1\",\"Thôn \"\"Đông\"\"\"\r\n2,Bản Phố\n"
        let whole = try read(text)
        var reader = CSVReader()
        var pieces: [CSVRecord] = []
        for byte in Array(text.utf8) { try reader.feed([byte]) { pieces.append($0) } }
        try reader.finish { pieces.append($0) }
        #expect(pieces == whole)
    }
}

@Suite struct TextFoldingTests {
    @Test func foldingRemovesVietnameseMarksAndSeparators() {
        #expect("Mã cấp trên".folded == "ma_cap_tren")
        #expect("ĐƯỜNG Đức".folded == "duong_duc")
        #expect("  Hiệu-lực  từ ".folded == "hieu_luc_tu")
    }

    @Test func normalizationComposesDecomposedText() {
        let decomposed = "Nguye\u{0302}\u{0303}n"
        #expect(decomposed.normalizedText == "Nguyễn")
        #expect(decomposed.normalizedText.unicodeScalars.count == 6)
    }
}
