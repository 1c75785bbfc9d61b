import APIContract
import Hummingbird
import Storage

/// JSON sign-in for API clients (the token goes in `Authorization: Bearer …`), who is signed in,
/// and signing out.
extension APIHandler {
    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        let context = try app()
        guard case .json(let body) = input.body else { throw HTTPError(.badRequest) }
        switch try await LoginAttempt(services: services, context: context).run(
            username: body.username,
            password: body.password,
            allowCitizens: false
        ) {
        case .success(let account, let token):
            let result = Components.Schemas.LoginResult(
                token: token,
                expiresInSeconds: services.configuration.sessionHours * 3600,
                account: try .init(account)
            )
            return .ok(.init(body: .json(result)))
        case .throttled(let seconds):
            throw LoginThrottled(seconds: seconds)
        case .refused:
            throw HTTPError(.unauthorized, message: "Tên đăng nhập hoặc mật khẩu không đúng.")
        }
    }

    func logout(_ input: Operations.Logout.Input) async throws -> Operations.Logout.Output {
        let context = try signedIn()
        if let token = context.app.sessionToken { try await services.sessions.delete(token: token) }
        return .noContent(.init())
    }

    func me(_ input: Operations.Me.Input) async throws -> Operations.Me.Output {
        .ok(.init(body: .json(try .init(try signedIn().account))))
    }
}

extension Components.Schemas.Account {
    init(_ account: Account) throws {
        self.init(
            id: account.id,
            username: account.username,
            fullName: account.fullName,
            isDemo: account.isDemo,
            roles: try account.grants.map {
                .init(role: try contractValue($0.role.rawValue), roleName: $0.role.vietnamese, unitCode: $0.unitCode, unitName: $0.unitName)
            }
                + account.organisationGrants.map {
                    .init(
                        role: try contractValue($0.role.rawValue),
                        roleName: $0.role.vietnamese,
                        unitCode: $0.unitCode,
                        organisationCode: $0.organisationCode,
                        organisationName: $0.organisationName
                    )
                }
        )
    }
}
