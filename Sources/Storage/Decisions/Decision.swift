import Geography

/// An award decision (quyết định khen thưởng) as stored: a draft until issued, then immutable.
public struct Decision: Sendable, Equatable, Codable {
    public let provinceCode: String
    public let id: Int
    public let unitID: Int
    public let roundID: Int
    public let roundName: String
    /// The round's year: the year of the movement the achievements belong to.
    public let roundYear: Int
    public let award: String
    public let awardTitle: String
    public let kind: Kind
    public let refersTo: Int?
    /// "12/QĐ-UBND ngày 10/12/2025", for a correction or revocation.
    public let refersToText: String?
    public let status: Status
    public let authorityName: String
    public let place: String
    public let symbol: String
    public let title: String
    public let bases: [String]
    public let proposal: String
    /// The articles as the drafter edited them; empty: the text written from the list (`document`).
    public let editedArticles: [String]
    public let signerName: String
    public let signerTitle: String
    public let number: Int?
    public let year: Int?
    /// dd/MM/yyyy.
    public let issuedOn: String?
    /// The level of the issuing People's Committee (commune, district or province).
    public let issuerLevel: AdminLevel
    /// The province's wording of its level when it was drafted (nil: drafted before wording was data).
    public var texts: DecisionTexts.Level? = nil
    public let awardees: [Awardee]
    /// The organisation that issues it in its own name and register (the Hội Khuyến học), nil
    /// for the People's Committee's decisions.
    public var organisation: Issuer? = nil

    public struct Issuer: Sendable, Equatable, Codable {
        public let id: Int
        /// "Hội Khuyến học xã An Hòa".
        public let name: String
        /// "CHỦ TỊCH HỘI KHUYẾN HỌC XÃ AN HÒA".
        public let issuerTitle: String
    }

    public struct Awardee: Sendable, Equatable, Codable {
        public let nominationID: Int
        /// `collective`, `household` or `individual`.
        public let section: String
        public let position: Int
        public let name: String
        public let detail: String
        public let unitName: String
        public let achievement: String
    }

    public var isIssued: Bool { status == .issued }

    /// What a decision does: awards, or corrects or revokes an earlier award decision.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case award, correction, revocation
    }

    /// A draft may change; an issued decision never does (a later one corrects or revokes it).
    public enum Status: String, Sendable, Codable, CaseIterable {
        case draft, issued
    }
    /// "12/QĐ-UBND" once issued.
    public var numberText: String? { number.map { "\($0)/\(symbol)" } }

    /// The sections in the order a ceremony reads them.
    public static let sectionOrder = ["collective", "household", "individual"]
    public static func sectionTitle(_ section: String) -> String {
        switch section {
        case "collective": "Tập thể"
        case "household": "Hộ gia đình"
        default: "Cá nhân"
        }
    }
}
