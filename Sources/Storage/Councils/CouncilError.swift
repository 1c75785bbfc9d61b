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
    case notAtCouncil(nomination: Int, state: String)
    case outsideUnit(nomination: Int)
    case alreadyOnSession(nomination: Int, session: Int)
    case secretBallot(nomination: Int)
    case openBallot(nomination: Int)
    case invalidTally(nomination: Int, String)
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
        case .notOnAgenda(let id): "Hồ sơ \(id) không có trong chương trình phiên họp."
        case .notAtCouncil(let id, let state): "Hồ sơ \(id) không ở bước Hội đồng xét (đang ở: \(state))."
        case .outsideUnit(let id): "Hồ sơ \(id) không thuộc phạm vi của Hội đồng này."
        case .alreadyOnSession(let id, let session): "Hồ sơ \(id) đã có trong phiên họp số \(session) chưa kết thúc."
        case .secretBallot(let id): "Hồ sơ \(id) được bỏ phiếu kín: chỉ ghi kết quả kiểm phiếu, không ghi phiếu từng người."
        case .openBallot(let id): "Hồ sơ \(id) được biểu quyết công khai: ghi phiếu của từng thành viên."
        case .invalidTally(let id, let why): "Kết quả kiểm phiếu của hồ sơ \(id) không hợp lệ: \(why)"
        case .cannotClose(let id, let nominee, let why): "Chưa thể kết thúc phiên họp: hồ sơ \(id) (\(nominee)): \(why)"
        case .emptyTitle: "Cần tên phiên họp."
        case .tooLong(let field, let most): "\(field) dài quá \(most) ký tự."
        case .tooMany(let what, let most): "Một phiên họp có nhiều nhất \(most) \(what)."
        case .unknownUser(let id): "Không có tài khoản số \(id) để gắn với thành viên Hội đồng."
        case .dateOutOfRange(let day):
            "Ngày họp \(day.vietnamese) không hợp lệ: năm họp phải từ \(RecordYears.range.lowerBound) đến \(RecordYears.range.upperBound)."
        }
    }
}
