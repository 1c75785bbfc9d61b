import Foundation
import Mustache

/// The page templates, once per language. Templates are written in Vietnamese; a text to translate
/// is marked `{{#t}}…{{/t}}` and a text that stays Vietnamese in every language (a column heading a
/// spreadsheet must carry, a default that becomes an official record) is marked `{{#vi}}…{{/vi}}`.
/// The marks are resolved once at start-up, so rendering costs the same in every language.
/// Templates without marks (the minutes, the ceremony list) are official documents and stay Vietnamese.
struct LocalizedTemplates: Sendable {
    private let libraries: [Language: MustacheLibrary]
    let catalogs: [Language: MessageCatalog]

    /// `{{#t}}text{{/t}}` and `{{#vi}}text{{/vi}}`; texts never span a mark of their own kind.
    static var translatable: Regex<(Substring, Substring)> { /\{\{#t\}\}(.*?)\{\{\/t\}\}/.dotMatchesNewlines() }
    static var keptVietnamese: Regex<(Substring, Substring)> { /\{\{#vi\}\}(.*?)\{\{\/vi\}\}/.dotMatchesNewlines() }

    init(templatesDirectory: URL, localesDirectory: URL) throws {
        var catalogs: [Language: MessageCatalog] = [.vietnamese: MessageCatalog(entries: [:])]
        for language in Language.allCases where language != .vietnamese {
            catalogs[language] = try MessageCatalog(poFile: localesDirectory.appendingPathComponent("\(language.code).po"))
        }
        let sources = try Self.sources(in: templatesDirectory)
        var libraries: [Language: MustacheLibrary] = [:]
        for language in Language.allCases {
            var library = MustacheLibrary()
            for (name, text) in sources {
                try library.register(Self.resolve(text, with: catalogs[language]!), named: name)
            }
            libraries[language] = library
        }
        self.libraries = libraries
        self.catalogs = catalogs
    }

    func render(_ values: Any, template: String, language: Language) -> String? {
        libraries[language]?.render(values, withTemplate: template)
    }

    /// The template text with its marks replaced by the catalog's translations.
    static func resolve(_ text: String, with catalog: MessageCatalog) -> String {
        text.replacing(translatable) { catalog.translate(String($0.output.1)) }
            .replacing(keptVietnamese) { String($0.output.1) }
    }

    /// Every `.mustache` file of the folder, by name without the extension.
    static func sources(in directory: URL) throws -> [(String, String)] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mustache" }
            .map { ($0.deletingPathExtension().lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// The texts marked for translation in one template.
    static func marked(in text: String) -> [String] {
        text.matches(of: translatable).map { String($0.output.1) }
    }
}
