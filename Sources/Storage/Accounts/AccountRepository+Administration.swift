import PostgresNIO

extension AccountRepository {
    /// A user as administrators see it: name, roles with their units.
    public struct UserSummary: Sendable, Equatable {
        public let id: Int
        public let username: String
        public let fullName: String
        public let isActive: Bool
        public let grants: [RoleGrant]
    }

    /// Users holding a role at a unit within `scopes` (nil: every user), by name in Vietnamese order.
    public func users(scopes: [Int]?) async throws -> [UserSummary] {
        let rows = try await client.query(
            """
            SELECT u.id, u.username, u.full_name, u.is_active, r.role, r.unit_id, a.code, a.name
            FROM users u
            JOIN user_roles r ON r.user_id = u.id
            LEFT JOIN admin_units a ON a.id = r.unit_id
            WHERE \(scopes == nil) OR EXISTS (SELECT 1 FROM user_roles mine JOIN admin_unit_scope s ON s.unit_id = mine.unit_id
                                          WHERE mine.user_id = u.id AND s.scope_id = ANY(\(scopes ?? [])))
            ORDER BY u.full_name, u.id, r.role, a.code
            """,
            logger: logger
        )
        var order: [Int] = []
        var heads: [Int: (String, String, Bool)] = [:]
        var grants: [Int: [RoleGrant]] = [:]
        for try await (id, username, fullName, active, role, unitID, code, name) in rows.decode(
            (Int, String, String, Bool, String, Int?, String?, String?).self
        ) {
            if heads[id] == nil {
                order.append(id)
                heads[id] = (username, fullName, active)
            }
            if let role = Role(rawValue: role) {
                grants[id, default: []].append(RoleGrant(role: role, unitID: unitID, unitCode: code, unitName: name))
            }
        }
        return order.map { id in
            let head = heads[id]!
            return UserSummary(id: id, username: head.0, fullName: head.1, isActive: head.2, grants: grants[id] ?? [])
        }
    }
}
