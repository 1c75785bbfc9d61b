/// What importing a checked unit list changes: units to add, units to close (a validity end date set
/// on a unit that had none, as when districts were abolished), and rows already stored as they are.
public struct UnitImportPlan: Sendable, Equatable {
    /// New units, parents before children.
    public var inserts: [AdminUnit]
    /// Existing open-ended units that the list gives an end date.
    public var closes: [Closure]
    /// Rows identical to what is already stored: importing the same list twice changes nothing.
    public var unchanged: Int

    public struct Closure: Sendable, Equatable {
        public let code: String
        public let validFrom: Day
        public let validTo: Day
    }

    public var isEmpty: Bool { inserts.isEmpty && closes.isEmpty }
}
