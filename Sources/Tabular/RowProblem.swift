/// One reason a file is refused, tied to its line (and column where there is one): what every
/// import reports, so a person can fix the file in one pass.
public struct RowProblem: Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: String?
    public let message: String

    public init(line: Int, column: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// "Dòng 7, cột mã cấp trên: …" — what the person who sent the file reads.
    /// Line 0 is about the whole file or the form sent with it, not one row.
    public var description: String {
        if line == 0 { return message }
        if let column { return "Dòng \(line), cột \(column): \(message)" }
        return "Dòng \(line): \(message)"
    }
}
