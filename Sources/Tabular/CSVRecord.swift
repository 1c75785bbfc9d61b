/// One record of a delimited file, with the physical line it starts on (1-based) for error messages.
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// True for a record with no content (a blank line, or only empty fields such as `;;;`).
    public var isBlank: Bool { fields.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
}

/// What makes a delimited file unreadable, with the line where it happens.
public enum CSVError: Error, Equatable, Sendable {
    /// A quoted field that the file never closes.
    case unterminatedQuote(line: Int)
    /// A quote character inside a field that did not start with one.
    case strayQuote(line: Int)
    /// Bytes that are not UTF-8 (often a file saved as Windows-1258 or TCVN3).
    case invalidUTF8(line: Int)
    /// A NUL byte: no text holds one (often a file saved as UTF-16, or not a CSV at all).
    case nulByte(line: Int)

    public var line: Int {
        switch self {
        case .unterminatedQuote(let line), .strayQuote(let line), .invalidUTF8(let line), .nulByte(let line): line
        }
    }

    /// The problem in Vietnamese, as shown to the person who sent the file.
    public var vietnamese: String {
        switch self {
        case .unterminatedQuote(let line):
            "Dòng \(line): dấu ngoặc kép mở nhưng không đóng."
        case .strayQuote(let line):
            "Dòng \(line): dấu ngoặc kép đặt sai chỗ trong một ô không được bao bởi ngoặc kép."
        case .invalidUTF8(let line):
            "Dòng \(line): văn bản không phải mã UTF-8 (hãy lưu tệp dưới dạng \"CSV UTF-8\")."
        case .nulByte(let line):
            "Dòng \(line): tệp chứa ký tự NUL, không phải văn bản CSV (hãy lưu tệp dưới dạng \"CSV UTF-8\")."
        }
    }
}
