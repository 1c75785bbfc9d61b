/// Who a criteria set assesses.
public enum SubjectKind: String, CaseIterable, Sendable, Codable {
    case household
    case clan
    case community
    case unit
    case commune
    case district
    case province
    case citizen

    public var vietnamese: String {
        switch self {
        case .household: "Hộ gia đình"
        case .clan: "Dòng họ"
        case .community: "Cộng đồng (thôn, tổ dân phố)"
        case .unit: "Đơn vị"
        case .commune: "Cấp xã"
        case .district: "Cấp huyện"
        case .province: "Cấp tỉnh"
        case .citizen: "Công dân"
        }
    }
}
