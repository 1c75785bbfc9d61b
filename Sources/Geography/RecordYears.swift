/// The years a record of the movement may carry (the schema's CHECK constraints say the same):
/// one range, so a year typed as 20255 is refused by the rule and never reaches a smallint column.
public enum RecordYears {
    public static let range = 2000...2100

    public static func contains(_ year: Int) -> Bool { range.contains(year) }

    /// The refusal a clerk reads, naming the year given and the years accepted.
    public static func refusal(_ year: some CustomStringConvertible) -> String {
        "Năm không hợp lệ: \(year) (từ \(range.lowerBound) đến \(range.upperBound))."
    }
}
