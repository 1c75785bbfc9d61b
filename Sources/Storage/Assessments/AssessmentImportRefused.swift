import Tabular

/// An assessment file that was refused whole: nothing of it was stored.
public struct AssessmentImportRefused: Error, Sendable, CustomStringConvertible {
    public typealias Problem = RowProblem

    /// The problems, at most `AssessmentImporter.problemLimit` of them, in file order.
    public let problems: [Problem]
    /// More problems were found than are listed.
    public let truncated: Bool

    public init(problems: [Problem], truncated: Bool = false) {
        self.problems = problems.sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        self.truncated = truncated
    }

    public var description: String {
        var lines = ["Tệp đánh giá bị từ chối, không có dòng nào được lưu (\(problems.count)\(truncated ? "+" : "") lỗi):"]
        lines += problems.map { "  - \($0)" }
        if truncated { lines.append("  … và các lỗi khác; sửa các lỗi trên rồi nhập lại.") }
        return lines.joined(separator: "\n")
    }
}
