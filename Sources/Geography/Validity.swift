/// The days on which a unit exists: from `from` to `to` inclusive, open-ended when `to` is nil.
public struct Validity: Hashable, Sendable {
    public let from: Day
    public let to: Day?

    public init(from: Day, to: Day?) {
        self.from = from
        self.to = to
    }

    public func contains(_ day: Day) -> Bool {
        day >= from && (to.map { day <= $0 } ?? true)
    }

    public func overlaps(_ other: Validity) -> Bool {
        let startsBeforeOtherEnds = other.to.map { from <= $0 } ?? true
        let otherStartsBeforeThisEnds = to.map { other.from <= $0 } ?? true
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds
    }

    /// `01/07/2025 – nay` or `01/01/2008 – 30/06/2025`.
    public var vietnamese: String { "\(from.vietnamese) – \(to?.vietnamese ?? "nay")" }
}
