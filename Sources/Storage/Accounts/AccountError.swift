/// What can go wrong with accounts; each case reads as a sentence to the person concerned.
public enum AccountError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidUsername(String)
    case weakPassword
    case usernameTaken(String)
    case unknownUnit(String)
    case unitNeeded(Role)
    case noUnitForSystemAdmin
    case invalidFullName
    case noAdministratorAtOrganisation

    public var description: String {
        switch self {
        case .invalidUsername(let name):
            "Tên đăng nhập \"\(name)\" không hợp lệ: 3–64 ký tự chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang."
        case .weakPassword:
            "Mật khẩu phải có ít nhất 10 ký tự."
        case .usernameTaken(let name):
            "Tên đăng nhập \"\(name)\" đã được dùng."
        case .unknownUnit(let code):
            "Không có đơn vị hành chính hay tổ chức mã \(code)."
        case .unitNeeded(let role):
            "Vai trò \"\(role.vietnamese)\" phải gắn với một đơn vị."
        case .noUnitForSystemAdmin:
            "Vai trò \"\(Role.systemAdmin.vietnamese)\" áp dụng cho cả hệ thống: không chọn đơn vị."
        case .noAdministratorAtOrganisation:
            "Vai trò quản trị chỉ gắn với đơn vị hành chính, không gắn với tổ chức."
        case .invalidFullName:
            "Cần họ và tên, không quá \(TextBounds.name) ký tự."
        }
    }
}
