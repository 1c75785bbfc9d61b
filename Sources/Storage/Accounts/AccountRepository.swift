import Foundation
import Logging
import PostgresNIO

/// Users, their scoped roles, and password checks.
public struct AccountRepository: Sendable {
    public let client: PostgresClient
    public let hasher: PasswordHasher
    public let logger: Logger

    public static let minimumPasswordLength = 10

    public init(client: PostgresClient, hasher: PasswordHasher, logger: Logger) {
        self.client = client
        self.hasher = hasher
        self.logger = logger
    }

    /// Creates a user with roles at the units given by code (nil for system administrators).
    /// Refuses a user name the schema's CHECK would: checked byte by byte (a regular expression's
    /// `$` would let a final line break through). Staff and citizens' accounts alike.
    static func requireValidUsername(_ username: String) throws(AccountError) {
        guard (3...64).contains(username.utf8.count), username.utf8.allSatisfy(isUsernameByte) else {
            throw .invalidUsername(username)
        }
    }

    private static func isUsernameByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2E || byte == 0x5F || byte == 0x2D
    }

    @discardableResult
    public func create(
        username: String,
        fullName: String,
        password: String,
        roles: [(Role, unitCode: String?)],
        isDemo: Bool = false
    ) async throws -> Int {
        let username = username.lowercased()
        try Self.requireValidUsername(username)
        guard password.count >= Self.minimumPasswordLength else { throw AccountError.weakPassword }
        for (role, code) in roles where role != .systemAdmin && code == nil { throw AccountError.unitNeeded(role) }
        for (role, code) in roles where role == .systemAdmin && code != nil { throw AccountError.noUnitForSystemAdmin }
        let fullName = fullName.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !fullName.isEmpty, !TextBounds.exceeds(fullName, TextBounds.name) else { throw AccountError.invalidFullName }
        let hash = try await hasher.hash(password)
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            let taken = try await connection.query("SELECT 1 FROM users WHERE username = \(username)", logger: logger)
            for try await _ in taken { throw AccountError.usernameTaken(username) }
            let inserted = try await connection.query(
                """
                INSERT INTO users (username, full_name, password_hash, is_demo)
                VALUES (\(username), \(fullName), \(hash), \(isDemo)) RETURNING id
                """,
                logger: logger
            )
            var userID = 0
            for try await id in inserted.decode(Int.self) { userID = id }
            for (role, code) in roles {
                var unitID: Int?
                var organisationID: Int?
                // An organisation's code (HKH-99010): the role is held at the organisation, scoped
                // to the unit it serves.
                if let code {
                    for try await (id, unit) in try await connection.query(
                        "SELECT id, unit_id FROM organisations WHERE code = \(code)",
                        logger: logger
                    ).decode((Int, Int).self) { (organisationID, unitID) = (id, unit) }
                }
                if organisationID != nil, [.provinceAdmin, .systemAdmin].contains(role) { throw AccountError.noAdministratorAtOrganisation }
                if let code, organisationID == nil {
                    // The unit version in force today, else its latest one.
                    let found = try await connection.query(
                        """
                        SELECT id FROM admin_units WHERE code = \(code)
                        ORDER BY (daterange(valid_from, valid_to, '[]') @> current_date) DESC, valid_from DESC LIMIT 1
                        """,
                        logger: logger
                    )
                    for try await id in found.decode(Int.self) { unitID = id }
                    guard unitID != nil else { throw AccountError.unknownUnit(code) }
                }
                try await connection.query(
                    """
                    INSERT INTO user_roles (user_id, role, unit_id, organisation_id)
                    VALUES (\(userID), \(role.rawValue), \(unitID), \(organisationID))
                    """,
                    logger: logger
                )
            }
            return userID
        }
    }

    /// The account when `password` is right for an active user, else nil. Takes as long for an
    /// unknown user as for a known one.
    public func authenticate(username: String, password: String) async throws -> Account? {
        let rows = try await client.query(
            "SELECT id, password_hash FROM users WHERE username = \(username.lowercased()) AND is_active",
            logger: logger
        )
        var found: (Int, String)?
        for try await row in rows.decode((Int, String).self) { found = row }
        guard let (id, hash) = found else {
            _ = try await hasher.verify(password, hash: PasswordHasher.decoyHash)
            return nil
        }
        guard try await hasher.verify(password, hash: hash) else { return nil }
        try await client.query("UPDATE users SET last_login_at = now() WHERE id = \(id)", logger: logger)
        return try await account(id: id)
    }

    /// Changes a password after checking the current one.
    public func changePassword(userID: Int, current: String, new: String) async throws -> Bool {
        guard new.count >= Self.minimumPasswordLength else { throw AccountError.weakPassword }
        let rows = try await client.query("SELECT password_hash FROM users WHERE id = \(userID)", logger: logger)
        var hash: String?
        for try await h in rows.decode(String.self) { hash = h }
        guard let hash, try await hasher.verify(current, hash: hash) else { return false }
        let newHash = try await hasher.hash(new)
        try await client.query(
            "UPDATE users SET password_hash = \(newHash), password_changed_at = now() WHERE id = \(userID)",
            logger: logger
        )
        return true
    }

    public func account(id: Int) async throws -> Account? {
        let rows = try await client.query(
            """
            SELECT u.id, u.username, u.full_name, u.is_demo, r.role, r.unit_id, a.code, a.name, u.citizen_province, u.citizen_key,
                   r.organisation_id, o.code, o.name, o.kind
            FROM users u
            LEFT JOIN user_roles r ON r.user_id = u.id
            LEFT JOIN admin_units a ON a.id = r.unit_id
            LEFT JOIN organisations o ON o.id = r.organisation_id
            WHERE u.id = \(id) AND u.is_active
            ORDER BY r.role, a.code
            """,
            logger: logger
        )
        return try await Self.account(from: rows)
    }

    /// The person signed in with a session token, with their grants, in one statement — which
    /// writes only when the session's last use is more than five minutes old, so a signed-in
    /// read commits nothing durable.
    public func account(sessionToken token: String) async throws -> Account? {
        guard token.utf8.count == 43 else { return nil }
        let digest = SessionStore.digest(token)
        let rows = try await client.query(
            """
            WITH session AS (
                SELECT user_id FROM sessions WHERE token_hash = \(digest) AND expires_at > now()
            ), touched AS (
                UPDATE sessions SET last_seen_at = now()
                WHERE token_hash = \(digest) AND expires_at > now() AND last_seen_at < now() - interval '5 minutes'
            )
            SELECT u.id, u.username, u.full_name, u.is_demo, r.role, r.unit_id, a.code, a.name, u.citizen_province, u.citizen_key,
                   r.organisation_id, o.code, o.name, o.kind
            FROM session s
            JOIN users u ON u.id = s.user_id
            LEFT JOIN user_roles r ON r.user_id = u.id
            LEFT JOIN admin_units a ON a.id = r.unit_id
            LEFT JOIN organisations o ON o.id = r.organisation_id
            WHERE u.is_active
            ORDER BY r.role, a.code
            """,
            logger: logger
        )
        return try await Self.account(from: rows)
    }

    private static func account(from rows: PostgresRowSequence) async throws -> Account? {
        var head: (Int, String, String, Bool)?
        var citizen: CitizenLink?
        var grants: [RoleGrant] = []
        var organisationGrants: [OrganisationGrant] = []
        for try await (id, username, fullName, isDemo, role, unitID, code, name, citizenProvince, citizenKey, orgID, orgCode, orgName, orgKind)
            in rows.decode((Int, String, String, Bool, String?, Int?, String?, String?, String?, String?, Int?, String?, String?, String?).self)
        {
            head = (id, username, fullName, isDemo)
            if let citizenProvince, let citizenKey { citizen = CitizenLink(provinceCode: citizenProvince, subjectKey: citizenKey) }
            guard let role = role.flatMap(Role.init(rawValue:)) else { continue }
            if let organisationID = orgID, let orgCode, let orgName, let kind = orgKind, let unitID {
                organisationGrants.append(
                    OrganisationGrant(
                        role: role,
                        organisationID: organisationID,
                        organisationCode: orgCode,
                        organisationName: orgName,
                        kind: kind,
                        unitID: unitID,
                        unitCode: code
                    )
                )
            } else {
                grants.append(RoleGrant(role: role, unitID: unitID, unitCode: code, unitName: name))
            }
        }
        guard let head else { return nil }
        var account = Account(id: head.0, username: head.1, fullName: head.2, isDemo: head.3, grants: grants, citizen: citizen)
        account.organisationGrants = organisationGrants
        return account
    }

    /// The demo accounts present in this database (user name, full name, role, unit name), for
    /// the sign-in page; none once the demo data is gone.
    public func demoAccounts() async throws -> [(username: String, fullName: String, role: String, unit: String)] {
        let rows = try await client.query(
            """
            SELECT u.username, u.full_name, r.role, COALESCE(o.name, a.name, 'Toàn quốc')
            FROM users u JOIN user_roles r ON r.user_id = u.id LEFT JOIN admin_units a ON a.id = r.unit_id
            LEFT JOIN organisations o ON o.id = r.organisation_id
            WHERE u.is_demo AND u.is_active ORDER BY u.id
            """,
            logger: logger
        )
        var accounts: [(username: String, fullName: String, role: String, unit: String)] = []
        for try await row in rows.decode((String, String, String, String).self) { accounts.append(row) }
        return accounts
    }

    /// Whether `account` may see and act on the unit version `unitID`.
    public func canAccess(_ account: Account, unitID: Int) async throws -> Bool {
        if account.isSystemAdmin { return true }
        return try await UnitRepository(client: client, logger: logger).isWithin(unitID: unitID, scopes: account.scopeUnitIDs)
    }
}
