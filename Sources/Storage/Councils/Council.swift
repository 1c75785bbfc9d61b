/// A unit's emulation and commendation council (Hội đồng Thi đua – Khen thưởng) as its founding
/// decision set it up: the decision cited in every minutes, and the standing members each
/// session starts from.
public struct Council: Sendable, Equatable, Codable {
    public let unitID: Int
    public let unitCode: String
    public let unitName: String
    public let provinceCode: String
    public let foundingDecision: String
    public let members: [Member]

    public struct Member: Sendable, Equatable, Codable {
        public let number: Int
        public let fullName: String
        public let position: String
        public let role: CouncilRole
        public let userID: Int?
        /// The account's username, shown and typed on the council page.
        public let username: String?
    }

    public var chair: Member? { members.first { $0.role == .chair } }
    public var secretary: Member? { members.first { $0.role == .secretary } }
}

/// A member's place in the council, as the founding decision names it.
public enum CouncilRole: String, Sendable, Codable, CaseIterable {
    case chair = "chair"
    case viceChair = "vice_chair"
    case secretary = "secretary"
    case member = "member"

    public var vietnamese: String {
        switch self {
        case .chair: "Chủ tịch Hội đồng"
        case .viceChair: "Phó Chủ tịch Hội đồng"
        case .secretary: "Ủy viên thư ký"
        case .member: "Ủy viên"
        }
    }

    /// The role a clerk typed or picked, in the words people use ("Chủ tịch", "Thư ký", "Ủy viên").
    public init?(words: String) {
        let folded = words.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d").trimmingCharacters(in: .whitespaces)
        if let exact = CouncilRole(rawValue: folded) {
            self = exact
        } else if folded.hasPrefix("pho chu tich") {
            self = .viceChair
        } else if folded.hasPrefix("chu tich") {
            self = .chair
        } else if folded.contains("thu ky") {
            self = .secretary
        } else if folded.isEmpty || folded.hasPrefix("uy vien") || folded == "thanh vien" {
            self = .member
        } else {
            return nil
        }
    }
}
