/// The minutes (biên bản) of a council session as an official signs them: the council named,
/// number and date, the founding decision, hours and place, who chaired and who kept the
/// minutes, attendance, each nomination's result under the rule, and the two signatures with
/// the names under them.
public struct MinutesDocument: Sendable, Equatable {
    /// ["ỦY BAN NHÂN DÂN XÃ AN HÒA", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"].
    public var authority: [String]
    /// "03/BB-HĐTĐKT", or "   /BB-HĐTĐKT" while the session is open.
    public var number: String
    /// "An Hòa, ngày 10 tháng 12 năm 2026".
    public var placeAndDate: String
    /// "Họp Hội đồng Thi đua – Khen thưởng xã An Hòa xét khen thưởng năm 2026".
    public var title: String
    /// "Căn cứ Quyết định số 45/QĐ-UBND … thành lập Hội đồng …", or nil when none is recorded.
    public var basis: String?
    /// "Vào lúc 08 giờ 30 phút, ngày 10/12/2026, tại …".
    public var opening: String
    public var chair: String
    public var secretary: String
    /// "Thành viên Hội đồng: 7 người; có mặt 6 người; vắng 1 người (Lê Văn C)."
    public var attendance: String
    /// The members present, "Nguyễn Văn A — Chủ tịch UBND xã, Chủ tịch Hội đồng".
    public var present: [String]
    /// "Quy chế biểu quyết: …".
    public var rule: String
    public var results: [Result]
    /// "Phiên họp kết thúc lúc 10 giờ 15 phút cùng ngày …".
    public var closing: String
    public var secretaryName: String
    public var chairName: String
    /// "BIÊN BẢN TẠM" while the session is open.
    public var isDraft: Bool
    /// What the sitting body is called in a sentence: "Hội đồng", or an organisation's "Ban Thường vụ".
    public var councilWord = "Hội đồng"

    public struct Result: Sendable, Equatable {
        public var nominee: String
        public var award: String
        public var yes: Int
        public var no: Int
        public var outcome: String

        public init(nominee: String, award: String, yes: Int, no: Int, outcome: String) {
            self.nominee = nominee
            self.award = award
            self.yes = yes
            self.no = no
            self.outcome = outcome
        }
    }

    public init(
        authority: [String],
        number: String,
        placeAndDate: String,
        title: String,
        basis: String?,
        opening: String,
        chair: String,
        secretary: String,
        attendance: String,
        present: [String],
        rule: String,
        results: [Result],
        closing: String,
        secretaryName: String,
        chairName: String,
        isDraft: Bool
    ) {
        self.authority = authority
        self.number = number
        self.placeAndDate = placeAndDate
        self.title = title
        self.basis = basis
        self.opening = opening
        self.chair = chair
        self.secretary = secretary
        self.attendance = attendance
        self.present = present
        self.rule = rule
        self.results = results
        self.closing = closing
        self.secretaryName = secretaryName
        self.chairName = chairName
        self.isDraft = isDraft
    }

    public static let resultHeaders = ["STT", "Đối tượng", "Hình thức đề nghị", "Đồng ý", "Không đồng ý", "Kết quả"]
}
