import Foundation

/// Translations of the Vietnamese interface texts into one other language, read from a gettext PO
/// file (`msgid` is the Vietnamese text, `msgstr` its translation) so that translators can use the
/// tools they know.
///
/// A text with values in it is written with numbered places: `msgid "Đã lưu {0} hồ sơ."` translates
/// "Đã lưu 12 hồ sơ." to "Saved 12 nominations.". The values themselves are translated too when the
/// catalog has them (an action's name, say) and kept as they are otherwise (a person's name).
struct MessageCatalog: Sendable {
    private let exact: [String: String]
    private let patterns: [Pattern]

    private struct Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
        /// For each capture group of `regex`, the number of the place it fills in the translation.
        let places: [Int]
        let translation: String
        /// How much of the source is fixed text: the more, the more specific the pattern.
        let fixedLength: Int
    }

    struct FormatError: Error, CustomStringConvertible {
        let file: String
        let line: Int
        let problem: String
        var description: String { "\(file):\(line): \(problem)" }
    }

    init(entries: [String: String]) {
        exact = entries
        patterns = entries.compactMap { source, translation in Self.pattern(source, translation) }
            // More fixed text first: "Đã lưu {0} hồ sơ." wins over "Đã {0} {1} hồ sơ.", which also fits.
            .sorted { $0.fixedLength > $1.fixedLength }
    }

    /// Every Vietnamese text the catalog translates.
    var sources: Set<String> { Set(exact.keys) }

    /// The translation of a whole text, or the text itself where the catalog has none.
    func translate(_ text: String) -> String {
        if let translation = exact[text] { return translation }
        let whole = NSRange(text.startIndex..., in: text)
        for pattern in patterns {
            guard let match = pattern.regex.firstMatch(in: text, range: whole) else { continue }
            var result = pattern.translation
            for (group, place) in pattern.places.enumerated() {
                guard let range = Range(match.range(at: group + 1), in: text) else { continue }
                let value = String(text[range])
                result = result.replacingOccurrences(of: "{\(place)}", with: valueTranslation(value))
            }
            return result
        }
        return text
    }

    /// A value put into a text: its translation when the catalog has it, also when the sentence
    /// wrote it in lower case ("Đã trả lại để bổ sung." holds "Trả lại để bổ sung").
    private func valueTranslation(_ value: String) -> String {
        if let translation = exact[value] { return translation }
        if let first = value.first, let translation = exact[first.uppercased() + value.dropFirst()] { return translation }
        return value
    }

    /// A text with numbered places becomes an anchored expression with one group per place.
    private static func pattern(_ source: String, _ translation: String) -> Pattern? {
        let place = /\{(\d+)\}/
        guard source.contains(place) else { return nil }
        var expression = "^"
        var places: [Int] = []
        var rest = source[...]
        var fixedLength = 0
        while let match = rest.firstMatch(of: place) {
            fixedLength += rest[..<match.range.lowerBound].count
            expression += NSRegularExpression.escapedPattern(for: String(rest[..<match.range.lowerBound]))
            // Greedy: where two places meet ("Đã {0} {1} hồ sơ."), the earlier takes the words and
            // the later the last one, which is where a count stands.
            expression += "(.+)"
            places.append(Int(match.output.1)!)
            rest = rest[match.range.upperBound...]
        }
        expression += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
        fixedLength += rest.count
        guard let regex = try? NSRegularExpression(pattern: expression, options: [.dotMatchesLineSeparators]) else { return nil }
        return Pattern(regex: regex, places: places, translation: translation, fixedLength: fixedLength)
    }
}

extension MessageCatalog {
    /// Reads a PO file: entries of `msgid` and `msgstr`, each a quoted string that may go on over
    /// following quoted lines; comments start with `#`. Untranslated entries (empty `msgstr`) and the
    /// header entry are left out, so the Vietnamese text shows.
    init(poFile url: URL) throws {
        let name = url.lastPathComponent
        let text = try String(contentsOf: url, encoding: .utf8)
        var entries: [String: String] = [:]
        var field: WritableKeyPath<(String?, String?), String?>?
        var current: (String?, String?) = (nil, nil)
        var entryLine = 0

        func finish() throws {
            defer { current = (nil, nil); field = nil }
            guard let source = current.0 else {
                if current.1 != nil { throw FormatError(file: name, line: entryLine, problem: "msgstr without msgid") }
                return
            }
            guard let translation = current.1 else { throw FormatError(file: name, line: entryLine, problem: "msgid without msgstr") }
            guard !source.isEmpty, !translation.isEmpty else { return }
            if entries[source] != nil { throw FormatError(file: name, line: entryLine, problem: "msgid \"\(source)\" is given twice") }
            entries[source] = translation
        }

        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") {
                if line.isEmpty { try finish() }
                continue
            }
            if line.hasPrefix("msgid ") {
                try finish()
                entryLine = number
                current.0 = try Self.quoted(line.dropFirst(6), file: name, line: number)
                field = \.0
            } else if line.hasPrefix("msgstr ") {
                guard current.0 != nil else { throw FormatError(file: name, line: number, problem: "msgstr without msgid") }
                current.1 = try Self.quoted(line.dropFirst(7), file: name, line: number)
                field = \.1
            } else if line.hasPrefix("\""), let field {
                current[keyPath: field]! += try Self.quoted(line[...], file: name, line: number)
            } else {
                throw FormatError(file: name, line: number, problem: "expected msgid, msgstr or a quoted continuation")
            }
        }
        try finish()
        self.init(entries: entries)
    }

    /// The text of one quoted PO string, with its escapes (\" \\ \n \t) undone.
    private static func quoted(_ text: Substring, file: String, line: Int) throws -> String {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
            throw FormatError(file: file, line: line, problem: "expected a quoted string")
        }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\"", "\\": result.append(character)
                default: throw FormatError(file: file, line: line, problem: "unknown escape \\\(character)")
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                throw FormatError(file: file, line: line, problem: "unescaped quote inside a string")
            } else {
                result.append(character)
            }
        }
        if escaped { throw FormatError(file: file, line: line, problem: "string ends in a backslash") }
        return result
    }
}
