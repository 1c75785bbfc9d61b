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
    case noCouncil(unit: String)
    case rosterEmpty
    case rosterDuplicateRole(CouncilRole, first: String, second: String)
    case rosterUnknownAccount(member: String, username: String)
    case rosterAccountOutsideProvince(member: String, username: String)
    case rosterAccountTwice(username: String)
    case badTime(field: String, String)
    case noOrganisationMembers(organisation: String)
    case memberAccountElsewhere(member: String, body: String)
    case otherBodysProcess(nominee: String, process: String)

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
        case .noCouncil(let unit):
            "\(unit) chưa có danh sách thành viên Hội đồng Thi đua – Khen thưởng: nhập tại trang “Hội đồng” hoặc ghi thành viên cho phiên họp này."
        case .rosterEmpty: "Danh sách Hội đồng cần ít nhất một thành viên (họ tên không được để trống)."
        case .rosterDuplicateRole(let role, let first, let second):
            "Hội đồng chỉ có một \(role.vietnamese): \(first) và \(second) cùng được ghi là \(role.vietnamese)."
        case .rosterUnknownAccount(let member, let username): "Không có tài khoản “\(username)” (ghi cho thành viên \(member))."
        case .rosterAccountOutsideProvince(let member, let username):
            "Tài khoản “\(username)” (ghi cho thành viên \(member)) không thuộc tỉnh của Hội đồng này."
        case .rosterAccountTwice(let username): "Tài khoản “\(username)” được gắn cho hai thành viên."
        case .noOrganisationMembers(let organisation):
            "Ghi danh sách thành viên Ban Thường vụ \(organisation) dự phiên họp (mỗi dòng: Họ tên | Chức vụ | Vai trò)."
        case .memberAccountElsewhere(let member, let body):
            "Tài khoản gắn với thành viên \(member) không thuộc \(body) này (tài khoản của cơ quan, tổ chức khác không biểu quyết ở đây)."
        case .otherBodysProcess(let nominee, let process):
            "Hồ sơ của \(nominee) thuộc quy trình “\(process)”: do Hội đồng (Ban Thường vụ) của chính tổ chức đó xét, không xét ở phiên họp này."
        case .badTime(let field, let text): "\(field) “\(text)” không hợp lệ (dạng giờ:phút, ví dụ 08:30)."
        case .dateOutOfRange(let day):
            "Ngày họp \(day.vietnamese) không hợp lệ: năm họp phải từ \(RecordYears.range.lowerBound) đến \(RecordYears.range.upperBound)."
        }
    }
}
