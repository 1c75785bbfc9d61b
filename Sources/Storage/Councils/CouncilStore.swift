import Foundation
import Logging
import PostgresNIO

/// The councils' standing rosters in PostgreSQL. Saving replaces the whole roster in one
/// transaction under the council's row lock, audited on the chain `council-roster:<unit>`.
public struct CouncilStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// A member as the council page or the API sends it; `role` and `username` in words.
    public struct NewMember: Sendable, Equatable, Decodable {
        public var fullName: String
        public var position: String
        public var role: CouncilRole
        public var username: String?

        public init(fullName: String, position: String = "", role: CouncilRole = .member, username: String? = nil) {
            self.fullName = fullName
            self.position = position
            self.role = role
            self.username = username
        }
    }

    /// The council of a unit (with no members when none was saved yet); nil when no such unit.
    public func council(unitID: Int) async throws -> Council? {
        try await client.withConnection { connection in try await Self.read(connection, unitID: unitID, logger: logger) }
    }

    static func read(_ connection: PostgresConnection, unitID: Int, logger: Logger) async throws -> Council? {
        let head = try await connection.query(
            """
            SELECT u.code, u.name, u.province_code, coalesce(c.founding_decision, '')
            FROM admin_units u LEFT JOIN councils c ON c.unit_id = u.id WHERE u.id = \(unitID)
            """,
            logger: logger
        )
        var found: (String, String, String, String)?
        for try await row in head.decode((String, String, String, String).self) { found = row }
        guard let (code, name, provinceCode, founding) = found else { return nil }
        let rows = try await connection.query(
            """
            SELECT r.member_no::int, r.full_name, r.position, r.council_role, r.user_id, u.username
            FROM council_roster r LEFT JOIN users u ON u.id = r.user_id
            WHERE r.unit_id = \(unitID) ORDER BY r.member_no
            """,
            logger: logger
        )
        var members: [Council.Member] = []
        for try await (number, fullName, position, role, userID, username) in rows.decode((Int, String, String, String, Int?, String?).self) {
            members.append(
                .init(
                    number: number,
                    fullName: fullName,
                    position: position,
                    role: try CouncilRole(stored: role, column: "council_roster.council_role"),
                    userID: userID,
                    username: username
                )
            )
        }
        return Council(unitID: unitID, unitCode: code, unitName: name, provinceCode: provinceCode, foundingDecision: founding, members: members)
    }

    /// Replaces the council's founding decision and roster. Refused whole, naming the member,
    /// when a name is missing or too long, a role is taken twice, or an account is unknown or
    /// belongs to another province.
    public func save(unitID: Int, foundingDecision: String, members: [NewMember], by actorID: Int?) async throws -> Council {
        let founding = foundingDecision.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard founding.unicodeScalars.count <= 500 else { throw CouncilError.tooLong(field: "Quyết định thành lập Hội đồng", most: 500) }
        let members = members.map { member in
            NewMember(
                fullName: member.fullName.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping,
                position: member.position.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping,
                role: member.role,
                username: member.username.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
            )
        }.filter { !$0.fullName.isEmpty }
        guard !members.isEmpty else { throw CouncilError.rosterEmpty }
        guard members.count <= 500 else { throw CouncilError.tooMany(what: "thành viên", most: 500) }
        for member in members where member.fullName.unicodeScalars.count > 200 || member.position.unicodeScalars.count > 200 {
            throw CouncilError.tooLong(field: "Họ tên hoặc chức vụ của thành viên \(member.fullName.prefix(40))", most: 200)
        }
        for role in [CouncilRole.chair, .secretary] {
            let holders = members.filter { $0.role == role }
            if holders.count > 1 { throw CouncilError.rosterDuplicateRole(role, first: holders[0].fullName, second: holders[1].fullName) }
        }
        var seen: Set<String> = []
        for username in members.compactMap(\.username) where !seen.insert(username).inserted {
            throw CouncilError.rosterAccountTwice(username: username)
        }
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            guard let unit = try await Self.read(connection, unitID: unitID, logger: logger) else { throw CouncilError.notFound }
            // Accounts by username, with whether each holds a role in the council's province.
            var accounts: [String: (id: Int, inProvince: Bool)] = [:]
            let usernames = members.compactMap(\.username)
            if !usernames.isEmpty {
                let rows = try await connection.query(
                    """
                    SELECT u.username, u.id, EXISTS (
                        SELECT 1 FROM user_roles r JOIN admin_units a ON a.id = r.unit_id
                        WHERE r.user_id = u.id AND a.province_code = \(unit.provinceCode))
                    FROM users u WHERE u.username = ANY(\(usernames)) AND u.is_active
                    """,
                    logger: logger
                )
                for try await (username, id, inProvince) in rows.decode((String, Int, Bool).self) { accounts[username] = (id, inProvince) }
            }
            for member in members {
                guard let username = member.username else { continue }
                guard let account = accounts[username] else {
                    throw CouncilError.rosterUnknownAccount(member: member.fullName, username: username)
                }
                guard account.inProvince else { throw CouncilError.rosterAccountOutsideProvince(member: member.fullName, username: username) }
            }
            try await connection.query(
                """
                INSERT INTO councils (unit_id, province_code, founding_decision, updated_by)
                VALUES (\(unitID), \(unit.provinceCode), \(founding), \(actorID))
                ON CONFLICT (unit_id) DO UPDATE SET founding_decision = EXCLUDED.founding_decision,
                    updated_by = EXCLUDED.updated_by, updated_at = now()
                """,
                logger: logger
            )
            try await connection.query("DELETE FROM council_roster WHERE unit_id = \(unitID)", logger: logger)
            for (index, member) in members.enumerated() {
                let userID = member.username.flatMap { accounts[$0]?.id }
                try await connection.query(
                    """
                    INSERT INTO council_roster (unit_id, member_no, full_name, position, council_role, user_id)
                    VALUES (\(unitID), \(index + 1), \(member.fullName), \(member.position), \(member.role.rawValue), \(userID))
                    """,
                    logger: logger
                )
            }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: unit.provinceCode,
                chain: "council-roster:\(unitID)",
                actorID: actorID,
                action: "save_roster",
                payload: NominationStore.json([
                    "founding_decision": founding,
                    "members": members.map { "\($0.fullName) (\($0.role.rawValue)\($0.username.map { ", " + $0 } ?? ""))" }
                        .joined(separator: "; "),
                ])
            )
            guard let saved = try await Self.read(connection, unitID: unitID, logger: logger) else { throw CouncilError.notFound }
            return saved
        }
    }
}
