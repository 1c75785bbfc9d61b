/// A column a file must or may have, with the header spellings accepted for it.
public struct ColumnSpec: Sendable {
    public let key: String
    public let required: Bool
    /// Header texts that name this column; matched after folding (case, accents, spaces).
    public let aliases: [String]

    public init(_ key: String, required: Bool, aliases: [String]) {
        self.key = key
        self.required = required
        self.aliases = aliases
    }
}

/// Where each known column sits in a file, read from its header row.
public struct HeaderMap: Sendable {
    private let index: [String: Int]

    /// Problems found in a header row, each a Vietnamese sentence.
    public struct Problems: Error, Sendable {
        public let messages: [String]
    }

    public init(header: CSVRecord, columns: [ColumnSpec]) throws(Problems) {
        var index: [String: Int] = [:]
        var messages: [String] = []
        let byAlias = Dictionary(
            columns.flatMap { spec in spec.aliases.map { ($0.folded, spec.key) } },
            uniquingKeysWith: { first, _ in first }
        )
        for (position, title) in header.fields.enumerated() {
            let folded = title.folded
            guard !folded.isEmpty else { continue }
            guard let key = byAlias[folded] else {
                messages.append("Dòng \(header.line), cột \(position + 1): không nhận ra tiêu đề cột \"\(title.normalizedText)\".")
                continue
            }
            if index[key] != nil {
                messages.append("Dòng \(header.line), cột \(position + 1): cột \"\(title.normalizedText)\" bị lặp lại.")
            }
            index[key] = position
        }
        for spec in columns where spec.required && index[spec.key] == nil {
            messages.append("Dòng \(header.line): thiếu cột bắt buộc \"\(spec.aliases[0])\".")
        }
        guard messages.isEmpty else { throw Problems(messages: messages) }
        self.index = index
    }

    public func has(_ key: String) -> Bool { index[key] != nil }

    /// The column's 1-based number in the file, for error messages.
    public func columnNumber(_ key: String) -> Int? { index[key].map { $0 + 1 } }

    /// The field of `key` in a record, NFC-normalised and trimmed; empty when absent.
    public func value(_ key: String, in record: CSVRecord) -> String {
        guard let i = index[key], i < record.fields.count else { return "" }
        return record.fields[i].normalizedText
    }
}
