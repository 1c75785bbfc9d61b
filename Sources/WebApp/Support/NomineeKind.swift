import Storage

/// The kinds of nominee, as the pages show them.
extension NomineeKind {
    var vietnamese: String {
        switch self {
        case .individual: "Cá nhân"
        case .household: "Hộ gia đình"
        case .clan: "Dòng họ"
        case .collective: "Tập thể"
        case .enterprise: "Doanh nghiệp"
        case .administrativeUnit: "Đơn vị hành chính"
        }
    }

    /// What the list prints beside the name, and what the form asks for.
    var detailLabel: String {
        switch self {
        case .individual: "Chức vụ, nơi công tác"
        case .household: "Địa chỉ (thôn, tổ dân phố)"
        default: "Địa chỉ trụ sở"
        }
    }

    /// The key that identifies the nominee across rounds (citizen ID, household code, …).
    var keyLabel: String {
        switch self {
        case .individual: "Số định danh cá nhân (CCCD)"
        case .household: "Mã hộ (như trong bảng đánh giá Gia đình học tập)"
        case .clan: "Mã dòng họ"
        default: "Mã số (mã số thuế, mã đơn vị…)"
        }
    }

    static func title(_ raw: String) -> String { NomineeKind(rawValue: raw)?.vietnamese ?? raw }
}
