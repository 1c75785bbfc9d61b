/// A condition an award's nominee must meet against the record of merit, as the workflow file
/// states it with its legal source (`standards:` of an award). Evaluated here, purely: the
/// storage layer gathers the nominee's earlier awards, this says which condition holds and why.
public struct AwardStandard: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// At least `count` awards of `tier` within the `years` before the round's year.
        case priorAwards(tier: AwardTier, count: Int, years: Int)
        /// No award of `tier` within the `years` before the round's year (the interval between two).
        case interval(tier: AwardTier, years: Int)
    }

    public let id: String
    /// The condition in the words of the law, for the checklist.
    public let text: String
    /// Where it comes from ("Luật Thi đua, khen thưởng 2022, Điều 72").
    public let source: String
    /// Not yet checked against the official text: shown as such.
    public let provisional: Bool
    public let rule: Rule
    /// The bases of round it applies to (empty: every round). Thematic and sudden awards are
    /// given without these conditions.
    public let bases: Set<String>

    public init(id: String, text: String, source: String, provisional: Bool, rule: Rule, bases: Set<String>) {
        self.id = id
        self.text = text
        self.source = source
        self.provisional = provisional
        self.rule = rule
        self.bases = bases
    }
}

/// The tiers the law compares awards by: Giấy khen; Bằng khen of a ministry, sector, province or
/// central organisation (one tier); the Prime Minister's Bằng khen.
public enum AwardTier: String, Sendable, CaseIterable {
    case certificate = "giay-khen"
    case ministryOrProvince = "bang-khen-bo-tinh"
    case primeMinister = "bang-khen-thu-tuong"

    public var vietnamese: String {
        switch self {
        case .certificate: "Giấy khen"
        case .ministryOrProvince: "Bằng khen cấp bộ, ngành, tỉnh, đoàn thể Trung ương"
        case .primeMinister: "Bằng khen của Thủ tướng Chính phủ"
        }
    }

    /// The tier of an award decided at `level`.
    public init(decidedAt level: WorkflowDefinition.Level) {
        switch level {
        case .commune, .district: self = .certificate
        case .province: self = .ministryOrProvince
        case .central: self = .primeMinister
        }
    }
}

/// An award on the nominee's record, as the standards count it.
public struct PriorAward: Sendable, Equatable {
    public let tier: AwardTier
    public let year: Int
    /// "12/QĐ-UBND ngày 10/12/2025 — Bằng khen của Chủ tịch UBND tỉnh".
    public let reference: String
    /// Given in a thematic or sudden round: not a ground for a merit award.
    public let thematic: Bool

    public init(tier: AwardTier, year: Int, reference: String, thematic: Bool) {
        self.tier = tier
        self.year = year
        self.reference = reference
        self.thematic = thematic
    }
}

/// One condition's verdict, with the reason in words and the record entries it rests on.
public struct StandardResult: Sendable, Equatable {
    public let standard: AwardStandard
    public let met: Bool
    public let reason: String
    public let evidence: [String]
}

extension AwardStandard {
    /// The verdict of each standard that applies to a round of `basis` in `year`.
    public static func evaluate(_ standards: [AwardStandard], record: [PriorAward], year: Int, basis: String) -> [StandardResult] {
        standards.filter { $0.bases.isEmpty || $0.bases.contains(basis) }.map { standard in
            switch standard.rule {
            case .priorAwards(let tier, let count, let years):
                let grounds = record.filter { $0.tier == tier && !$0.thematic && $0.year < year && $0.year >= year - years }
                let met = grounds.count >= count
                let reason =
                    met
                    ? "Đạt: \(grounds.count) \(tier.vietnamese) trong \(years) năm trước năm \(year)."
                    : "Chưa đạt: cần \(count) \(tier.vietnamese) trong \(years) năm trước năm \(year) (không tính khen thưởng chuyên đề, đột xuất); hồ sơ có \(grounds.count)."
                return StandardResult(standard: standard, met: met, reason: reason, evidence: grounds.map(\.reference))
            case .interval(let tier, let years):
                let recent = record.filter { $0.tier == tier && !$0.thematic && $0.year < year && $0.year > year - years }
                let met = recent.isEmpty
                let reason =
                    met
                    ? "Đạt: không có \(tier.vietnamese) trong \(years) năm gần đây."
                    : "Chưa đạt: đã được tặng \(tier.vietnamese) năm \(recent.map { String($0.year) }.joined(separator: ", ")), chưa đủ \(years) năm."
                return StandardResult(standard: standard, met: met, reason: reason, evidence: recent.map(\.reference))
            }
        }
    }
}
