/// The result of scoring one subject against one criteria set, with a reason for every indicator.
public struct Evaluation: Sendable, Equatable {
    /// `id@version` of the set used: a stored result always says which table it was scored with.
    public let setReference: String
    public let recognised: Bool
    public let total: Int
    public let maximum: Int
    /// The level reached, for level-based sets.
    public let level: Int?
    public let criteria: [CriterionResult]
    public let indicators: [IndicatorResult]
    /// Why the subject is not recognised (empty when it is), in Vietnamese.
    public let shortfalls: [String]
    /// Whether the set recognises by points, by levels, or by indicators met.
    public let basis: Basis

    public enum Basis: String, Sendable, Equatable {
        case points
        case levels
        case indicators
    }

    public struct IndicatorResult: Sendable, Equatable {
        public let id: String
        public let points: Int
        public let maximum: Int
        public let met: Bool
        public let reason: String
    }

    public struct CriterionResult: Sendable, Equatable {
        public let id: String
        public let title: String
        public let points: Int
        public let maximum: Int
        public let passed: Bool
        public let reason: String
    }

    /// "Đạt" or "Chưa đạt", with the total or level.
    public var summary: String {
        let verdict = recognised ? "Đạt" : "Chưa đạt"
        switch basis {
        case .levels: return "\(verdict) — mức \(level ?? 0)"
        case .indicators: return "\(verdict) — \(indicators.filter(\.met).count)/\(indicators.count) chỉ số"
        case .points: return "\(verdict) — \(total)/\(maximum) điểm"
        }
    }
}
