/// A value read from the database that none of its enumeration's cases names: the table's check
/// constraint and the code disagree, a defect to report, never to paper over with a default.
public struct StoredValueError: Error, CustomStringConvertible {
    public let column: String
    public let value: String
    public var description: String { "Giá trị “\(value)” của cột \(column) trong cơ sở dữ liệu không hợp lệ." }
}

extension RawRepresentable where RawValue == String {
    /// The case a stored text names, or `StoredValueError` naming the column.
    init(stored value: String, column: String) throws {
        guard let known = Self(rawValue: value) else { throw StoredValueError(column: column, value: value) }
        self = known
    }
}
