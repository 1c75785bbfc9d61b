import Hummingbird
import Storage

/// JSON sign-in for API clients: the token it returns goes in `Authorization: Bearer …`.
struct AuthAPI {
    let services: AppServices

    struct LoginRequest: Decodable {
        let username: String
        let password: String
    }

    struct LoginResponse: ResponseEncodable {
        let token: String
        let expiresInSeconds: Int
        let account: AccountBody
    }

    struct AccountBody: ResponseEncodable {
        let id: Int
        let username: String
        let fullName: String
        let isDemo: Bool
        let roles: [RoleBody]

        init(_ account: Account) {
            id = account.id
            username = account.username
            fullName = account.fullName
            isDemo = account.isDemo
            roles = account.grants.map {
                RoleBody(role: $0.role.rawValue, roleName: $0.role.vietnamese, unitCode: $0.unitCode, unitName: $0.unitName)
            }
        }
    }

    struct RoleBody: Codable {
        let role: String
        let roleName: String
        let unitCode: String?
        let unitName: String?
    }

    var endpoints: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.post("/auth/login") { request, context in
            let body = try await request.decode(as: LoginRequest.self, context: context)
            switch try await LoginAttempt(services: services, request: request, context: context).run(
                username: body.username,
                password: body.password
            ) {
            case .success(let account, let token):
                return try LoginResponse(token: token, expiresInSeconds: services.configuration.sessionHours * 3600, account: AccountBody(account))
                    .response(from: request, context: context)
            case .throttled(let seconds):
                var response = Problem(
                    title: "Too Many Requests",
                    status: 429,
                    detail: "Đăng nhập sai nhiều lần. Vui lòng chờ \(seconds) giây rồi thử lại.",
                    instance: request.uri.path
                ).response(requestID: context.id)
                response.headers[.retryAfter] = "\(seconds)"
                return response
            case .refused:
                throw HTTPError(.unauthorized, message: "Tên đăng nhập hoặc mật khẩu không đúng.")
            }
        }
        return routes
    }

    /// What only a signed-in client reaches: who it is, and ending its session.
    var signedInEndpoints: RouteCollection<SignedInContext> {
        let routes = RouteCollection(context: SignedInContext.self)
        routes.post("/auth/logout") { _, context -> HTTPResponse.Status in
            if let token = context.app.sessionToken { try await services.sessions.delete(token: token) }
            return .noContent
        }
        routes.get("/me") { _, context in AccountBody(context.account) }
        return routes
    }
}
