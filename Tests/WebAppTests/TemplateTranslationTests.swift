import Foundation
import Testing

@testable import WebApp

/// The shipped templates and the English catalog agree: every marked text is translated, nothing
/// Vietnamese is left unmarked, and translations keep the values they print.
@Suite struct TemplateTranslationTests {
    /// Official documents, printed in Vietnamese whatever the reader's language.
    static let officialDocuments: Set<String> = ["council-minutes", "ceremony"]

    let templates: [(String, String)]
    let english: MessageCatalog
    let entries: [String: String]

    init() throws {
        let folders = try #require(AppServices.resourceDirectories)
        templates = try LocalizedTemplates.sources(in: folders.templates)
        let poFile = folders.locales.appendingPathComponent("en.po")
        english = try MessageCatalog(poFile: poFile)
        entries = try Self.entries(poFile)
    }

    @Test func everyMarkedTextHasAnEnglishTranslation() {
        for (name, text) in templates {
            for marked in LocalizedTemplates.marked(in: text) {
                #expect(english.sources.contains(marked), "\(name).mustache: no English for \"\(marked)\"")
            }
        }
    }

    @Test func noVietnameseTextIsLeftOutsideTheMarks() {
        let vietnameseLetter = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/.ignoresCase()
        for (name, text) in templates where !Self.officialDocuments.contains(name) {
            let rest = text.replacing(LocalizedTemplates.translatable, with: "")
                .replacing(LocalizedTemplates.keptVietnamese, with: "")
                .replacing(/\{\{.*?\}\}/, with: "")
            for line in rest.split(separator: "\n") where line.contains(vietnameseLetter) {
                Issue.record("\(name).mustache: Vietnamese text outside {{#t}}: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    @Test func officialDocumentsHaveNoMarksAndStayInVietnamese() {
        for (name, text) in templates where Self.officialDocuments.contains(name) {
            #expect(LocalizedTemplates.marked(in: text).isEmpty, "\(name) is an official document")
            #expect(text.contains("lang=\"vi\""))
        }
    }

    @Test func translationsKeepEveryValueTheyPrint() {
        let place = /\{\{[^}]+\}\}|\{\d+\}/
        for (source, translation) in entries {
            let wanted = source.matches(of: place).map { String($0.output) }.sorted()
            let given = translation.matches(of: place).map { String($0.output) }.sorted()
            #expect(wanted == given, "\"\(source)\" → \"\(translation)\"")
        }
    }

    @Test func englishTemplatesStillParseAndRender() throws {
        let folders = try #require(AppServices.resourceDirectories)
        let localized = try LocalizedTemplates(templatesDirectory: folders.templates, localesDirectory: folders.locales)
        let values: [String: Any] = ["title": "x", "lang": "en", "english": true, "page": 2, "pages": 5, "previous": "/queue?page=1"]
        let queue = try #require(localized.render(values, template: "queue", language: .english))
        #expect(queue.contains("<h1>My queue</h1>"))
        #expect(queue.contains("Page 2 of 5"))
        #expect(queue.contains("<html lang=\"en\">"))
        #expect(!queue.contains("{{#t}}"))
        let vietnamese = try #require(
            localized.render(values.merging(["lang": "vi", "english": false]) { $1 }, template: "queue", language: .vietnamese)
        )
        #expect(vietnamese.contains("<h1>Hồ sơ chờ xử lý</h1>"))
        #expect(vietnamese.contains("Trang 2/5"))
    }

    /// The raw entries of the PO file, so that untranslated ones are checked too.
    private static func entries(_ url: URL) throws -> [String: String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [String: String] = [:]
        var source: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("msgid \"") { source = String(line.dropFirst(7).dropLast()) }
            if line.hasPrefix("msgstr \""), let key = source { result[key] = String(line.dropFirst(8).dropLast()) }
        }
        result[""] = nil
        return result
    }
}
