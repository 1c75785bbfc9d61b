/// A versioned set of criteria for one learning-model title ("Gia đình học tập", …): data, loaded
/// from `criteria/*.yaml`, never code. Results keep the set id and version they were scored with.
public struct CriteriaSet: Sendable, Equatable {
    public let id: String
    public let version: String
    /// The title granted, e.g. "Gia đình học tập".
    public let title: String
    public let subject: SubjectKind
    public let issuer: String
    public let legalBasis: String
    public let status: Status
    public let criteria: [Criterion]
    public let recognition: RecognitionRule
    /// Every indicator id, for rejecting answers to indicators the set does not have.
    let indicatorIDs: Set<String>

    public enum Status: Sendable, Equatable {
        case official
        /// Not the official table (it was not found); `source` says what it is built from.
        case provisional(source: String)
    }

    public init(
        id: String,
        version: String,
        title: String,
        subject: SubjectKind,
        issuer: String,
        legalBasis: String,
        status: Status,
        criteria: [Criterion],
        recognition: RecognitionRule
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.subject = subject
        self.issuer = issuer
        self.legalBasis = legalBasis
        self.status = status
        self.criteria = criteria
        self.recognition = recognition
        self.indicators = criteria.flatMap(\.indicators)
        self.indicatorIDs = Set(indicators.map(\.id))
    }

    /// `gia-dinh-hoc-tap@2021`: how sets are named on the command line and in stored results.
    public var reference: String { "\(id)@\(version)" }

    /// Every indicator, criterion by criterion (kept, not recomputed: bulk scoring reads it per cell).
    public let indicators: [Indicator]

    /// The most points the set can give.
    public var maximumPoints: Int { indicators.reduce(0) { $0 + $1.maximumPoints } }

    /// The highest level an indicator names; 0 when the set does not recognise by levels.
    public var levelCount: Int { indicators.compactMap(\.level).max() ?? 0 }
}

/// A criterion: a group of indicators, optionally with its own minimum or pass rule.
public struct Criterion: Sendable, Equatable {
    public let id: String
    public let title: String
    public let indicators: [Indicator]
    /// Points the criterion must reach for the subject to be recognised.
    public let minimumPoints: Int?
    /// For pass/fail criteria: how many of its indicators must be met (nil: no such rule).
    public let requiredMet: RequiredMet?

    public enum RequiredMet: Sendable, Equatable {
        case all
        case atLeast(Int)
    }

    public init(id: String, title: String, indicators: [Indicator], minimumPoints: Int? = nil, requiredMet: RequiredMet? = nil) {
        self.id = id
        self.title = title
        self.indicators = indicators
        self.minimumPoints = minimumPoints
        self.requiredMet = requiredMet
    }

    public var maximumPoints: Int { indicators.reduce(0) { $0 + $1.maximumPoints } }
}

/// When a subject is recognised.
public struct RecognitionRule: Sendable, Equatable {
    /// Total points needed (points-based sets).
    public let totalAtLeast: Int?
    /// Level needed (level-based sets: level k holds when every indicator of levels 1…k is met).
    public let minimumLevel: Int?

    public init(totalAtLeast: Int? = nil, minimumLevel: Int? = nil) {
        self.totalAtLeast = totalAtLeast
        self.minimumLevel = minimumLevel
    }
}
