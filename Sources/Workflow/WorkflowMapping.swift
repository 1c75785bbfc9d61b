/// How nominations in flight move from one workflow version to another (for the 2025 reform: from
/// the 3-tier to the 2-tier process): the step each one lands on, per award where an award takes
/// another path, the award it becomes, and the units that replace dissolved ones where the unit
/// list alone does not say (a commune split in two).
public struct WorkflowMapping: Sendable, Equatable {
    public let from: String
    public let to: String
    /// The step a nomination lands on, by the step it left.
    public let states: [String: String]
    /// Overrides of `states` for one award of the old process.
    public let awardStates: [String: [String: String]]
    /// The award a nomination carries after the move, where it changes.
    public let awards: [String: String]
    /// Unit codes to use for nominations of units that no longer exist, by old code.
    public let units: [String: String]

    public init(
        from: String,
        to: String,
        states: [String: String],
        awardStates: [String: [String: String]] = [:],
        awards: [String: String] = [:],
        units: [String: String] = [:]
    ) {
        self.from = from
        self.to = to
        self.states = states
        self.awardStates = awardStates
        self.awards = awards
        self.units = units
    }

    /// Where a nomination at `state` for `award` lands: its new step and award.
    public func target(state: String, award: String) -> (state: String, award: String)? {
        guard let state = awardStates[award]?[state] ?? states[state] else { return nil }
        return (state, awards[award] ?? award)
    }
}
