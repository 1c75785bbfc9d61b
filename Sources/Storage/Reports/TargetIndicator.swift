/// What the program targets of QĐ 387/QĐ-TTg and QĐ 677/QĐ-TTg measure.
public enum TargetIndicator: String, CaseIterable, Sendable, Codable {
    /// Families recognised "Gia đình học tập", of all households.
    case household
    /// Clans recognised "Dòng họ học tập", of all clans.
    case clan
    /// Villages and residential groups recognised "Cộng đồng học tập", of all villages in force.
    case community
    /// Organisations recognised "Đơn vị học tập", of all organisations.
    case unit
    /// Working-age adults of recognised learning families holding "Công dân học tập".
    case adult
    /// Staff of recognised learning units holding "Công dân học tập".
    case staff

    public var vietnamese: String {
        switch self {
        case .household: "Gia đình học tập"
        case .clan: "Dòng họ học tập"
        case .community: "Cộng đồng học tập"
        case .unit: "Đơn vị học tập"
        case .adult: "Người lớn trong gia đình học tập đạt Công dân học tập"
        case .staff: "Cán bộ trong đơn vị học tập đạt Công dân học tập"
        }
    }
}
