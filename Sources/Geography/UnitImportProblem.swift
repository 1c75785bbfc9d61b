/// One reason a unit list is refused, tied to a row (and column where there is one).
public struct UnitImportProblem: Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: String?
    public let message: String

    public init(line: Int, column: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// "Dòng 7, cột mã cấp trên: …" — what the person who sent the file reads.
    public var description: String {
        if let column { return "Dòng \(line), cột \(column): \(message)" }
        return "Dòng \(line): \(message)"
    }
}

/// A unit list that cannot be imported, with every problem found; nothing of it was stored.
public struct UnitImportRefused: Error, Sendable, CustomStringConvertible {
    public let problems: [UnitImportProblem]

    public init(problems: [UnitImportProblem]) {
        self.problems = problems.sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
    }

    public var description: String {
        (["Tệp danh mục đơn vị hành chính bị từ chối, không có dòng nào được nhập (\(problems.count) lỗi):"]
            + problems.map { "  - \($0)" }).joined(separator: "\n")
    }
}
