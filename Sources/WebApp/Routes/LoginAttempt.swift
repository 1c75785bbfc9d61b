import Hummingbird
import Storage

/// One sign-in attempt, shared by the login page and the JSON login: throttle check, password
/// check, session start. Attempts count against the user name from this address and the address.
struct LoginAttempt {
    let services: AppServices
    let context: AppRequestContext

    enum Outcome {
        case success(Account, token: String)
        case throttled(seconds: Int)
        case refused
    }

    /// `allowCitizens` false (the JSON API): a citizen's own account signs in on the web only, so
    /// no token exists for it; it is refused like a wrong password.
    func run(username: String, password: String, allowCitizens: Bool = true) async throws -> Outcome {
        // The throttle's key is a database index entry: bounded in bytes, not in characters (one
        // character can carry hundreds of combining marks). Real user names are short ASCII.
        let name = String(decoding: username.lowercased().utf8.prefix(200), as: UTF8.self)
        let rules = services.loginRules(username: name, address: clientAddress)
        if let seconds = try await services.loginThrottle.admit(rules) {
            context.logger.notice("login throttled", metadata: ["login.username": "\(name)"])
            StoreMetrics.signIn(.throttled)
            return .throttled(seconds: seconds)
        }
        guard !username.isEmpty, !password.isEmpty,
            let account = try await services.accounts.authenticate(username: username, password: password),
            allowCitizens || account.citizen == nil
        else {
            context.logger.notice("login failed", metadata: ["login.username": "\(name)"])
            StoreMetrics.signIn(.failed)
            return .refused
        }
        try await services.loginThrottle.succeeded(rules, forgetting: [rules[0].key])
        StoreMetrics.signIn(.succeeded)
        let token = try await services.sessions.create(userID: account.id)
        return .success(account, token: token)
    }

    /// The peer's address, or — when the peer is a trusted reverse proxy — the address it
    /// forwarded for (the last one it added).
    var clientAddress: String {
        let peer = context.remoteAddress?.ipAddress ?? "unknown"
        guard services.configuration.trustedProxies.contains(peer),
            let forwarded = context.forwardedFor?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
            !forwarded.isEmpty, forwarded.count <= 64
        else { return peer }
        return forwarded
    }

    /// The demo accounts present in this database, listed on the login page so that a visitor can
    /// try each role. Nothing is listed once the demo data is gone.
    static func demoAccounts(_ services: AppServices) async throws -> [[String: String]] {
        try await services.accounts.demoAccounts().map {
            ["username": $0.username, "fullName": $0.fullName, "role": Role(rawValue: $0.role)?.vietnamese ?? $0.role, "unit": $0.unit]
        }
    }
}
