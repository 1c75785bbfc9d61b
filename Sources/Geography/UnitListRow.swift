/// A unit read from one row of a unit list, before it is checked against the others.
public struct UnitListRow: Hashable, Sendable {
    public let line: Int
    public let unit: AdminUnit
}
