/// The kinds of nominee the law names (individuals, households, clans, collectives, enterprises,
/// administrative units), as stored in `nominations.nominee_kind`.
public enum NomineeKind: String, Sendable, Codable, CaseIterable {
    case individual, household, clan, collective, enterprise
    case administrativeUnit = "administrative_unit"
}

/// Why a round's awards are given: for merit (công trạng), a theme (chuyên đề), a sudden deed
/// (đột xuất), by the simplified procedure (thủ tục đơn giản), or otherwise — stored in
/// `rounds.basis` and copied onto each nomination.
public enum AwardBasis: String, Sendable, Codable, CaseIterable {
    case merit, thematic, sudden, simplified, other

    /// Why a round's awards are given, as pages and records name it.
    public var vietnamese: String {
        switch self {
        case .merit: "Công trạng"
        case .thematic: "Chuyên đề, theo đợt"
        case .sudden: "Đột xuất"
        case .simplified: "Thủ tục đơn giản"
        case .other: "Khác"
        }
    }
}
