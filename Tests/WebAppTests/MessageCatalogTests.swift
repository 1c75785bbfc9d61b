import Foundation
import Testing

@testable import WebApp

@Suite struct MessageCatalogTests {
    let catalog = MessageCatalog(entries: [
        "Đã lưu {0} hồ sơ.": "Saved {0} nominations.",
        "Đã {0} {1} hồ sơ.": "{0}: {1} nominations.",
        "Chuyển cấp trên": "Forward to the next level",
        "Hồ sơ chờ xử lý": "My queue",
    ])

    @Test func wholeTextIsTranslatedAndUnknownTextStaysVietnamese() {
        #expect(catalog.translate("Hồ sơ chờ xử lý") == "My queue")
        #expect(catalog.translate("Nguyễn Văn An") == "Nguyễn Văn An")
    }

    @Test func valuesFillTheirPlacesAndAreTranslatedWhenTheCatalogHasThem() {
        #expect(catalog.translate("Đã lưu 12 hồ sơ.") == "Saved 12 nominations.")
        #expect(catalog.translate("Đã chuyển cấp trên 3 hồ sơ.") == "Forward to the next level: 3 nominations.")
        // A text that only starts like an entry is not a match.
        #expect(catalog.translate("Đã lưu 12 hồ sơ. Còn 3.") == "Đã lưu 12 hồ sơ. Còn 3.")
    }

    @Test func poFileIsReadWithContinuationsEscapesAndComments() throws {
        let url = try poFile(
            """
            # header
            msgid ""
            msgstr "Language: en\\n"

            msgid "Đã lưu hồ sơ. Bấm \\"Gửi hồ sơ\\"."
            msgstr "Saved. Press "
            "\\"Submit\\"."

            # not yet translated: shows in Vietnamese
            msgid "Chưa dịch"
            msgstr ""
            """
        )
        let catalog = try MessageCatalog(poFile: url)
        #expect(catalog.translate("Đã lưu hồ sơ. Bấm \"Gửi hồ sơ\".") == "Saved. Press \"Submit\".")
        #expect(catalog.sources == ["Đã lưu hồ sơ. Bấm \"Gửi hồ sơ\"."])
    }

    @Test(arguments: [
        ("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n", 4, "given twice"),
        ("msgstr \"b\"\n", 1, "msgstr without msgid"),
        ("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"\n", 1, "msgid without msgstr"),
        ("msgid \"a\"\nmsgstr \"say \"hi\"\"\n", 2, "unescaped quote"),
        ("msgid \"a\"\nmsgstr b\n", 2, "expected a quoted string"),
        ("msgid \"a\"\nmsgstr \"b\"\nhello\n", 3, "expected msgid, msgstr"),
    ])
    func malformedPOFileIsRefusedNamingTheLine(text: String, line: Int, problem: String) throws {
        let url = try poFile(text)
        #expect {
            try MessageCatalog(poFile: url)
        } throws: { error in
            guard let error = error as? MessageCatalog.FormatError else { return false }
            return error.line == line && error.description.contains(problem) && error.description.hasPrefix("test.po:")
        }
    }

    private func poFile(_ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("test.po")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
