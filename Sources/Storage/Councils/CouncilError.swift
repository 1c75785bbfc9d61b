import Geography

/// Why a council session refused a change, in Vietnamese, naming the item.
public enum CouncilError: Error, Equatable, CustomStringConvertible {
    case notFound
    case closed
    case noMembers
    case memberUnknown(Int)
    case memberAbsent(Int)
    case notYourVote(Int)
    case notOnAgenda(Int)
    case notAtCouncil(nomination: Int, nominee: String, state: String)
    case outsideUnit(nomination: Int, nominee: String)
    case alreadyOnSession(nomination: Int, nominee: String, session: String)
    case secretBallot(nomination: Int, nominee: String)
    case openBallot(nomination: Int, nominee: String)
    case invalidTally(nomination: Int, nominee: String, String)
    case cannotClose(nomination: Int, nominee: String, String)
    case emptyTitle
    case tooLong(field: String, most: Int)
    case tooMany(what: String, most: Int)
    case unknownUser(Int)
    case dateOutOfRange(Day)

    public var description: String {
        switch self {
        case .notFound: "Không tìm thấy phiên họp Hội đồng."
        case .closed: "Phiên họp đã kết thúc: không thể thay đổi."
        case .noMembers: "Phiên họp cần danh sách thành viên Hội đồng."
        case .memberUnknown(let number): "Không có thành viên số \(number) trong phiên họp."
        case .memberAbsent(let number): "Thành viên số \(number) vắng mặt: không được biểu quyết."
        case .notYourVote(let number): "Bạn chỉ được ghi phiếu của chính mình (thành viên số \(number) không phải là bạn)."
        case .notOnAgenda: "Hồ sơ đã chọn không có trong chương trình phiên họp (có thể vừa được rút ra); hãy tải lại trang."
        case .notAtCouncil(_, let nominee, let state): "Hồ sơ của \(nominee) không ở bước Hội đồng xét (đang ở bước: \(state))."
        case .outsideUnit(_, let nominee): "Hồ sơ của \(nominee) không thuộc phạm vi của Hội đồng này."
        case .alreadyOnSession(_, let nominee, let session): "Hồ sơ của \(nominee) đã có trong phiên họp “\(session)” chưa kết thúc."
        case .secretBallot(_, let nominee): "Hồ sơ của \(nominee) được bỏ phiếu kín: chỉ ghi kết quả kiểm phiếu, không ghi phiếu từng người."
        case .openBallot(_, let nominee): "Hồ sơ của \(nominee) được biểu quyết công khai: ghi phiếu của từng thành viên."
        case .invalidTally(_, let nominee, let why): "Kết quả kiểm phiếu của hồ sơ \(nominee) không hợp lệ: \(why)"
        case .cannotClose(_, let nominee, let why): "Chưa thể kết thúc phiên họp: hồ sơ của \(nominee): \(why)"
        case .emptyTitle: "Cần tên phiên họp."
        case .tooLong(let field, let most): "\(field) dài quá \(most) ký tự."
        case .tooMany(let what, let most): "Một phiên họp có nhiều nhất \(most) \(what)."
        case .unknownUser(let id): "Không có tài khoản số \(id) để gắn với thành viên Hội đồng."
        case .dateOutOfRange(let day):
            "Ngày họp \(day.vietnamese) không hợp lệ: năm họp phải từ \(RecordYears.range.lowerBound) đến \(RecordYears.range.upperBound)."
        }
    }
}
