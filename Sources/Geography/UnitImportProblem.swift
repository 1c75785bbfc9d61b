import Tabular

/// One reason a unit list is refused, with its row (and column).
public typealias UnitImportProblem = RowProblem

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
