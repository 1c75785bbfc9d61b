/// How long a stored text may be, in code points (as PostgreSQL counts; one character can hold
/// many): one table for the stores and the importers, so a key too long for a database index or
/// a name past a CHECK is refused with its field named, never met as a database error.
public enum TextBounds {
    /// Identifiers (CCCD, household or unit codes): indexed, so short.
    public static let key = 100
    /// Names of people, households, clans, units.
    public static let name = 300
    /// Descriptions, positions, places.
    public static let detail = 2_000

    /// Whether `text` is longer than `most` code points.
    public static func exceeds(_ text: String, _ most: Int) -> Bool { text.unicodeScalars.count > most }

    /// "mã định danh dài quá 100 ký tự" — the words a refusal uses, after the field's name.
    public static func tooLong(_ most: Int) -> String { "dài quá \(most) ký tự" }
}
