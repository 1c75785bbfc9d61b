/// A problem in a data file (criteria set, workflow definition), located for the person fixing it.
public struct DataFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `criteria/gia-dinh.yaml:12:5: …`, the form editors and CI logs link to.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found in one or more data files.
public struct DataFileErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [DataFileError]

    public init(_ errors: [DataFileError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
