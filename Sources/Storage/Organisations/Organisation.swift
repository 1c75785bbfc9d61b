/// An organisation that reviews, recognises or issues beside the People's Committees (the Hội
/// Khuyến học of a commune or province, the education department…), set up at the unit it serves.
public struct Organisation: Sendable, Equatable, Codable {
    public let id: Int
    public let provinceCode: String
    public let code: String
    public let kind: String
    public let name: String
    public let unitID: Int
    public let unitCode: String
    public let parentName: String?
    public let symbol: String
    public let issuerTitle: String
    public let signerTitle: String
    public let charterBasis: String

    /// The kinds ThiDua knows by name; any other kind is the province's own (a lowercase code).
    public static let knownKinds: [String: String] = [
        "hoi-khuyen-hoc": "Hội Khuyến học",
        "so-giao-duc": "Sở Giáo dục và Đào tạo",
        "mat-tran": "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "hoi-lien-hiep-phu-nu": "Hội Liên hiệp Phụ nữ",
        "doan-thanh-nien": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    ]
}

/// A role held at an organisation: the person acts for it within the scope of the unit it serves.
public struct OrganisationGrant: Sendable, Equatable, Codable {
    public let role: Role
    public let organisationID: Int
    public let organisationCode: String
    public let organisationName: String
    public let kind: String
    /// The unit the organisation serves: the grant's scope.
    public let unitID: Int
    public var unitCode: String? = nil
}
