/// An award decision as the documents print it (Nghị định 30/2020/NĐ-CP layout): the issuing
/// body, number and date, title, legal bases, the articles, the signature block, and the attached
/// list of awardees in sections (collectives, households, individuals), numbered as read out.
public struct DecisionDocument: Sendable, Equatable {
    /// "ỦY BAN NHÂN DÂN" then the unit, e.g. ["ỦY BAN NHÂN DÂN", "XÃ AN HÒA"].
    public var authority: [String]
    /// "123/QĐ-UBND", or "   /QĐ-UBND" on a draft.
    public var number: String
    /// "An Hòa, ngày 10 tháng 12 năm 2025" (or "ngày   tháng   năm 2025" on a draft).
    public var placeAndDate: String
    /// "Về việc tặng Giấy khen …".
    public var title: String
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN HÒA".
    public var issuerTitle: String
    /// "Căn cứ …;" lines, then "Xét đề nghị …".
    public var bases: [String]
    public var proposal: String
    public var articles: [String]
    public var recipients: [String]
    public var signerTitle: String
    public var signerName: String
    /// "(Kèm theo Quyết định số 123/QĐ-UBND ngày 10/12/2025 của …)".
    public var listCaption: String
    public var sections: [Section]
    public var isDraft: Bool
    /// "QUYẾT ĐỊNH", or "TỜ TRÌNH" for a proposal to the level above.
    public var heading = "QUYẾT ĐỊNH"
    /// "QUYẾT ĐỊNH:" before the articles of a decision; none in a proposal.
    public var operativeHeading: String? = "QUYẾT ĐỊNH:"
    public var listHeading = "DANH SÁCH KHEN THƯỞNG"

    public struct Section: Sendable, Equatable {
        /// "I. TẬP THỂ", …
        public var heading: String
        public var awardees: [Awardee]

        public init(heading: String, awardees: [Awardee]) {
            self.heading = heading
            self.awardees = awardees
        }
    }

    public struct Awardee: Sendable, Equatable {
        public var number: Int
        public var name: String
        public var detail: String
        public var unit: String
        public var achievement: String

        public init(number: Int, name: String, detail: String, unit: String, achievement: String) {
            self.number = number
            self.name = name
            self.detail = detail
            self.unit = unit
            self.achievement = achievement
        }
    }

    public init(
        authority: [String],
        number: String,
        placeAndDate: String,
        title: String,
        issuerTitle: String,
        bases: [String],
        proposal: String,
        articles: [String],
        recipients: [String],
        signerTitle: String,
        signerName: String,
        listCaption: String,
        sections: [Section],
        isDraft: Bool
    ) {
        self.authority = authority
        self.number = number
        self.placeAndDate = placeAndDate
        self.title = title
        self.issuerTitle = issuerTitle
        self.bases = bases
        self.proposal = proposal
        self.articles = articles
        self.recipients = recipients
        self.signerTitle = signerTitle
        self.signerName = signerName
        self.listCaption = listCaption
        self.sections = sections
        self.isDraft = isDraft
    }

    /// The columns of the list, as printed and as exported.
    public static let listHeaders = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, địa chỉ", "Đơn vị", "Thành tích"]
}
