import Workflow

/// A sitting of an emulation and commendation council (phiên họp Hội đồng Thi đua – Khen thưởng):
/// its members and who attended, the nominations put to it, and for each the votes so far and the
/// result the step's rule gives them.
public struct CouncilSession: Sendable, Equatable, Codable {
    public let provinceCode: String
    public let id: Int
    public let unitID: Int
    public let unitName: String
    public let title: String
    /// dd/MM/yyyy.
    public let heldOn: String
    public let place: String
    /// HH:mm, as the minutes state the hours; nil when not recorded.
    public let startsAt: String?
    public let endsAt: String?
    /// The minutes' number in the council's series of the year, given when the session closes.
    public let minutesNumber: Int?
    /// The decision founding the council the session sat under, as the minutes cite it.
    public let foundingDecision: String
    public let isClosed: Bool
    public let members: [Member]
    public let agenda: [Item]
    /// The organisation whose council sat (the Hội Khuyến học's Ban Thường vụ), nil for the
    /// People's Committee's Hội đồng Thi đua – Khen thưởng.
    public var organisation: Body? = nil

    public struct Body: Sendable, Equatable, Codable {
        public let id: Int
        public let name: String
        /// Its decisions' symbol ("QĐ-HKH"): the minutes take its last part ("BB-HKH").
        public let symbol: String
    }

    public struct Member: Sendable, Equatable, Codable {
        public let number: Int
        public let fullName: String
        public let position: String
        public let role: CouncilRole
        public let userID: Int?
        public let present: Bool
    }

    public var chair: Member? { members.first { $0.role == .chair } }
    public var secretary: Member? { members.first { $0.role == .secretary } }
    /// "03/BB-HĐTĐKT", or nil before the session closes.
    public var minutesNumberText: String? { minutesNumber.map { String(format: "%02d", $0) + "/" + minutesSymbol } }

    /// "BB-HĐTĐKT" for the People's Committee's council; "BB-HKH" for an organisation whose decisions are "QĐ-HKH".
    public var minutesSymbol: String {
        guard let organisation else { return "BB-HĐTĐKT" }
        let own = organisation.symbol.split(separator: "-").dropFirst().joined(separator: "-")
        return "BB-" + (own.isEmpty ? organisation.symbol : own)
    }

    public struct Item: Sendable, Equatable, Codable {
        public let nominationID: Int
        public let nomineeName: String
        public let award: String
        /// The council step the nomination was put to the session from.
        public let step: String
        public let secretBallot: Bool
        /// The rule of the step, in words ("quá bán tổng số thành viên", …).
        public let rule: String
        public let yes: Int
        public let no: Int
        public let abstain: Int
        /// Each member's vote (open ballot only), by member number.
        public let votes: [Int: String]
        /// What the rule gives for the votes so far: `passed`, `failed`, `no_quorum` or `invalid`.
        public let result: String
        public let reason: String
    }

    public var tallyBase: (members: Int, present: Int) { (members.count, members.filter(\.present).count) }
}

extension VoteRule {
    /// The rule in words, as the minutes state it.
    public var vietnamese: String {
        let share = "\(strictlyMore ? "trên" : "từ") \(threshold) \(base == .allMembers ? "tổng số thành viên" : "thành viên có mặt")"
        return "Có mặt tối thiểu \(quorum) tổng số thành viên; đồng ý \(share); \(secretBallot ? "bỏ phiếu kín" : "biểu quyết công khai")"
    }
}

extension VoteRule.Outcome {
    var code: String {
        switch self {
        case .passed: "passed"
        case .failed: "failed"
        case .noQuorum: "no_quorum"
        case .invalid: "invalid"
        }
    }

    var reason: String {
        switch self {
        case .passed: "Đạt: đủ số phiếu đồng ý theo quy chế."
        case .failed(let why), .noQuorum(let why), .invalid(let why): why
        }
    }
}
