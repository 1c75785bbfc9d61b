import Foundation
import Hummingbird
import Storage

/// Sign-in and sign-out pages ("Đăng nhập", "Đăng xuất").
struct AuthPages {
    let services: AppServices

    struct LoginForm: Decodable {
        let username: String?
        let password: String?
        let next: String?
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("/login") { request, context in
            if let account = context.account { return Response.redirect(to: account.citizen == nil ? "/" : "/cong-dan", type: .found) }
            let next = request.uri.queryParameters.get("next") ?? "/"
            return try await loginPage(next: next, context: context).response(from: request, context: context)
        }
        routes.post("/login") { request, context in try await login(request, context: context) }
        routes.post("/logout") { request, context in try await logout(request, context: context) }
        return routes
    }

    private func loginPage(
        next: String,
        username: String = "",
        error: String? = nil,
        status: HTTPResponse.Status = .ok,
        context: AppRequestContext
    ) async throws -> HTMLPage {
        var values: [String: Any] = ["next": Self.safeNext(next), "username": username, "title": "Đăng nhập"]
        if let error { values["error"] = error }
        let demo = try await LoginAttempt.demoAccounts(services)
        if !demo.isEmpty {
            values["demo"] = true
            values["demoAccounts"] = demo.map { $0.merging(["role": services.localized($0["role"] ?? "", context)]) { $1 } }
            values["hasDemoAccounts"] = true
            values["demoPassword"] = DemoData.password
        }
        return services.page("login", values, context: context, status: status)
    }

    private func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormReader.read(LoginForm.self, request: request, context: context)
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces)
        let next = Self.safeNext(form.next ?? "/")
        let attempt = LoginAttempt(services: services, context: context)
        switch try await attempt.run(username: username, password: form.password ?? "") {
        case .success(let account, let token):
            context.logger.info("signed in", metadata: ["user.id": "\(account.id)"])
            // A citizen's account has one place to go, whatever the link they followed.
            var response = Response.redirect(to: account.citizen == nil ? next : "/cong-dan", type: .normal)
            response.setCookie(AppCookies.session(token, maxAge: services.configuration.sessionHours * 3600, secure: services.isSecure(request)))
            // A token planted before sign-in (login CSRF, a shared computer) is not carried into the session.
            response.setCookie(AppCookies.csrf(SessionStore.randomToken(), secure: services.isSecure(request)))
            return response
        case .throttled(let seconds):
            var response = try await loginPage(
                next: next,
                username: username,
                error: "Bạn đã đăng nhập sai nhiều lần. Vui lòng chờ \(seconds) giây rồi thử lại.",
                status: .tooManyRequests,
                context: context
            ).response(from: request, context: context)
            response.headers[.retryAfter] = "\(seconds)"
            return response
        case .refused:
            return try await loginPage(
                next: next,
                username: username,
                error: "Tên đăng nhập hoặc mật khẩu không đúng.",
                status: .unauthorized,
                context: context
            ).response(from: request, context: context)
        }
    }

    private func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        struct Empty: Decodable {}
        _ = try await FormReader.read(Empty.self, request: request, context: context)
        if let token = context.sessionToken { try await services.sessions.delete(token: token) }
        var response = Response.redirect(to: "/login", type: .normal)
        response.setCookie(AppCookies.clearedSession(secure: services.isSecure(request)))
        return response
    }

    /// Only paths on this site: `//evil.example` or `https://…` would send people elsewhere.
    static func safeNext(_ next: String) -> String {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.contains("\n") else { return "/" }
        return next
    }
}
