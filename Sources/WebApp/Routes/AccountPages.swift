import Hummingbird
import Storage

/// "Tài khoản": my roles, and changing my password.
struct AccountPages {
    let services: AppServices

    struct PasswordForm: Decodable {
        let current: String?
        let new: String?
        let confirm: String?
    }

    var endpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.get("/account") { request, context in
            let (account, context) = (context.account, context.app)
            return try page(account, context: context).response(from: request, context: context)
        }
        routes.post("/account/password") { request, context in
            let (account, context) = (context.account, context.app)
            if let error = try await Self.changePassword(account, request: request, context: context, services: services) {
                return try page(account, error: error, status: .unprocessableContent, context: context).response(from: request, context: context)
            }
            return try page(account, notice: "Đã đổi mật khẩu. Các phiên đăng nhập khác đã được đăng xuất.", context: context)
                .response(from: request, context: context)
        }
        return routes
    }

    /// The password form read and applied: the refusal to show, or nil once changed — and then
    /// the person's other sessions (another browser, a stolen cookie) end with the old password.
    /// Staff's account page and a citizen's own page both change passwords through this.
    static func changePassword(
        _ account: Account,
        request: Request,
        context: AppRequestContext,
        services: AppServices
    ) async throws -> String? {
        let form = try await FormReader.read(PasswordForm.self, request: request, context: context)
        let new = form.new ?? ""
        if new.count < AccountRepository.minimumPasswordLength {
            return "Mật khẩu mới phải có ít nhất \(AccountRepository.minimumPasswordLength) ký tự."
        }
        if new != form.confirm { return "Mật khẩu nhập lại không khớp với mật khẩu mới." }
        if try await !services.accounts.changePassword(userID: account.id, current: form.current ?? "", new: new) {
            return "Mật khẩu hiện tại không đúng."
        }
        try await services.sessions.deleteAll(userID: account.id, except: context.sessionToken)
        return nil
    }

    private func page(
        _ account: Account,
        error: String? = nil,
        notice: String? = nil,
        status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) throws -> HTMLPage {
        var values: [String: Any] = [
            "title": "Tài khoản",
            "fullName": account.fullName,
            "username": account.username,
            "grants": account.grants.map {
                [
                    "role": services.localized($0.role.vietnamese, context), "unitName": $0.unitName ?? services.localized("Toàn quốc", context),
                    "unitCode": $0.unitCode ?? "",
                ]
            },
            "minLength": AccountRepository.minimumPasswordLength,
        ]
        if let error { values["error"] = error }
        if let notice { values["notice"] = notice }
        return services.page("account", values, context: context, status: status)
    }
}
