/// One indicator (chỉ số) of a criterion, with how it is answered and scored.
public struct Indicator: Sendable, Equatable {
    public let id: String
    public let text: String
    public let kind: Kind
    /// Must be met for the subject to be recognised, whatever the total.
    public let mandatory: Bool
    /// For level-based sets: the level this indicator belongs to (1, 2, …).
    public let level: Int?
    /// The kinds of evidence (minh chứng) expected, as shown to the person assessing.
    public let evidence: [String]

    public enum Kind: Sendable, Equatable {
        /// Answered yes or no; yes earns `points`.
        case yesNo(points: Int)
        /// Answered with a number of points in `range`; met from `passAt` points.
        case score(range: ClosedRange<Int>, passAt: Int)
        /// Answered by choosing an option (questionnaires); met from `passAt` points.
        case choice(options: [Option], passAt: Int)
        /// A share that must reach `atLeast`: answered as "k/n", or read from the fact `fact`
        /// (e.g. the members of a unit holding "Công dân học tập"). Met earns `points`.
        /// `metWhenEmpty`: a subject with nobody to count (a household without school-age
        /// children) meets the indicator rather than failing it.
        case share(atLeast: Percent, points: Int, fact: String?, counted: String?, shortfall: String?, metWhenEmpty: Bool)
        /// A yes/no fact about the subject from other records (a title held in a year). Met earns `points`.
        case fact(name: String, points: Int)
    }

    public struct Option: Sendable, Equatable {
        public let value: String
        public let label: String
        public let points: Int

        public init(value: String, label: String, points: Int) {
            self.value = value
            self.label = label
            self.points = points
        }
    }

    public init(id: String, text: String, kind: Kind, mandatory: Bool = false, level: Int? = nil, evidence: [String] = []) {
        self.id = id
        self.text = text
        self.kind = kind
        self.mandatory = mandatory
        self.level = level
        self.evidence = evidence
    }

    public var maximumPoints: Int {
        switch kind {
        case .yesNo(let points), .share(_, let points, _, _, _, _), .fact(_, let points): points
        case .score(let range, _): range.upperBound
        case .choice(let options, _): options.map(\.points).max() ?? 0
        }
    }

    /// Whether the person assessing answers it (as opposed to a fact from other records).
    public var isAnswered: Bool {
        switch kind {
        case .fact: false
        case .share(_, _, let fact, _, _, _): fact == nil
        default: true
        }
    }
}
