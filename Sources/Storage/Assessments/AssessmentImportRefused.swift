/// An assessment file that was refused whole: nothing of it was stored.
public struct AssessmentImportRefused: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let column: String?
        public let message: String

        public init(line: Int, column: String? = nil, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String {
            if let column { return "Dòng \(line), cột \(column): \(message)" }
            return "Dòng \(line): \(message)"
        }
    }

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
