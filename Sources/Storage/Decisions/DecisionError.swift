import Geography

/// Why a decision could not be drafted, changed or issued, in Vietnamese.
public enum DecisionError: Error, Equatable, CustomStringConvertible {
    case notFound
    case unknownAward(String)
    case notDecidedHere(award: String, level: String)
    case nothingToDecide
    case alreadyIssued
    case notIssued
    case cannotIssue(nomination: Int, nominee: String, reason: String)
    case notOnDecision(Int)
    case emptyReason
    case nothingToCorrect
    case issueDateOutOfRange(Day)
    case correctedTwice(Int)
    case numberTaken(String, year: Int)
    case badNumber(Int)
    case emptyText(String)
    case tooLong(field: String, most: Int)
    case otherBody(award: String, body: String)

    public var description: String {
        switch self {
        case .notFound: "Không tìm thấy quyết định."
        case .unknownAward(let award): "Hình thức khen thưởng \(award) không có trong quy trình của đợt."
        case .notDecidedHere(let award, let level): "\(award) không do Chủ tịch UBND \(level) quyết định."
        case .nothingToDecide: "Không có hồ sơ nào đang chờ quyết định của cấp này trong đợt."
        case .alreadyIssued: "Quyết định đã ban hành: không sửa được; muốn đính chính hoặc thu hồi, hãy lập quyết định mới."
        case .notIssued: "Quyết định chưa ban hành: sửa dự thảo thay vì thu hồi."
        case .cannotIssue(let id, let nominee, let reason): "Chưa ban hành được: hồ sơ \(id) (\(nominee)): \(reason)"
        case .notOnDecision(let id): "Hồ sơ \(id) không có trong quyết định."
        case .emptyReason: "Cần ghi rõ lý do thu hồi hoặc đính chính."
        case .nothingToCorrect: "Chưa có nội dung đính chính nào."
        case .correctedTwice(let id): "Hồ sơ \(id) được đính chính hai lần trong cùng một quyết định: gộp thành một dòng."
        case .numberTaken(let number, let year):
            "Số \(number) năm \(year) đã được dùng cho một quyết định khác của cơ quan này: kiểm tra lại sổ văn bản."
        case .badNumber(let number): "Số quyết định \(number) không hợp lệ (từ 1 đến 999999)."
        case .emptyText(let field): "\(field) không được để trống."
        case .tooLong(let field, let most): "\(field) dài quá \(most) ký tự."
        case .otherBody(let award, let body): "\(award) do \(body) quyết định, không phải cơ quan này."
        case .issueDateOutOfRange(let day):
            "Ngày ký \(day.vietnamese) không hợp lệ: năm ký phải từ \(RecordYears.range.lowerBound) đến \(RecordYears.range.upperBound)."
        }
    }
}
