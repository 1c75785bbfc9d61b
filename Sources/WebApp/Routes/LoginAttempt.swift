import Hummingbird
import Storage

/// One sign-in attempt, shared by the login page and the JSON login: throttle check, password
/// check, session start. Failures count against the user name and the address.
struct LoginAttempt {
    let services: AppServices
    let request: Request
    let context: AppRequestContext

    enum Outcome {
        case success(Account, token: String)
        case throttled(seconds: Int)
        case refused
    }

    func run(username: String, password: String) async throws -> Outcome {
        let userKey = ["user:\(username.lowercased())"]
        let addressKey = ["ip:\(clientAddress)"]
        async let userWait = services.userThrottle.retryAfter(keys: userKey)
        async let addressWait = services.addressThrottle.retryAfter(keys: addressKey)
        if let seconds = [try await userWait, try await addressWait].compactMap({ $0 }).max() {
            context.logger.notice("login throttled", metadata: ["login.username": "\(username)"])
            return .throttled(seconds: seconds)
        }
        guard !username.isEmpty, !password.isEmpty,
            let account = try await services.accounts.authenticate(username: username, password: password)
        else {
            try await services.userThrottle.recordFailure(keys: userKey)
            try await services.addressThrottle.recordFailure(keys: addressKey)
            context.logger.notice("login failed", metadata: ["login.username": "\(username)"])
            return .refused
        }
        try await services.userThrottle.reset(keys: userKey)
        let token = try await services.sessions.create(userID: account.id)
        return .success(account, token: token)
    }

    private var clientAddress: String {
        context.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The demo accounts present in this database, listed on the login page so that a visitor can
    /// try each role. Nothing is listed once the demo data is gone.
    static func demoAccounts(_ services: AppServices) async throws -> [[String: String]] {
        let rows = try await services.client.query(
            """
            SELECT u.username, u.full_name, r.role, COALESCE(a.name, 'Toàn quốc')
            FROM users u JOIN user_roles r ON r.user_id = u.id LEFT JOIN admin_units a ON a.id = r.unit_id
            WHERE u.is_demo AND u.is_active ORDER BY u.id
            """,
            logger: services.logger
        )
        var accounts: [[String: String]] = []
        for try await (username, fullName, role, unit) in rows.decode((String, String, String, String).self) {
            accounts.append([
                "username": username, "fullName": fullName, "role": Role(rawValue: role)?.vietnamese ?? role, "unit": unit,
            ])
        }
        return accounts
    }
}
