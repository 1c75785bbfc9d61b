import Foundation
import Geography
import Logging
import PostgresNIO

/// Administrative units in PostgreSQL: the list importer and the look-ups pages and scope checks use.
public struct UnitRepository: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// What an accepted import changed.
    public struct ImportSummary: Sendable, Equatable {
        public let inserted: Int
        public let closed: Int
        public let unchanged: Int

        public init(inserted: Int, closed: Int, unchanged: Int) {
            self.inserted = inserted
            self.closed = closed
            self.unchanged = unchanged
        }
    }

    /// Imports a unit list: the file is read and checked whole first, then applied in one
    /// transaction. A refused file changes nothing.
    @discardableResult
    public func importList(_ bytes: [UInt8], isDemo: Bool = false) async throws -> ImportSummary {
        let rows = try UnitListReader.read(bytes)
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            // Readers go on; a second importer waits, so both never plan against the same state.
            try await connection.query("LOCK TABLE admin_units IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            let existing = try await Self.loadAll(connection, logger: logger)
            let plan = try UnitListValidator.plan(rows: rows, existing: existing)
            guard !plan.isEmpty else { return ImportSummary(inserted: 0, closed: 0, unchanged: plan.unchanged) }

            if !plan.closes.isEmpty {
                let codes = plan.closes.map(\.code)
                let froms = plan.closes.map(\.validFrom.iso)
                let tos = plan.closes.map(\.validTo.iso)
                try await connection.query(
                    """
                    UPDATE admin_units u SET valid_to = c.valid_to::date
                    FROM unnest(\(codes)::text[], \(froms)::text[], \(tos)::text[]) AS c(code, valid_from, valid_to)
                    WHERE u.code = c.code AND u.valid_from = c.valid_from::date
                    """,
                    logger: logger
                )
            }
            // Level by level, so that each level finds its parents already stored.
            for level in AdminLevel.allCases.sorted() {
                let units = plan.inserts.filter { $0.level == level }
                guard !units.isEmpty else { continue }
                let codes = units.map(\.code)
                let names = units.map(\.name)
                let parents = units.map { $0.parentCode ?? "" }
                let froms = units.map(\.validity.from.iso)
                let tos = units.map { $0.validity.to?.iso ?? "" }
                try await connection.query(
                    """
                    INSERT INTO admin_units (code, name, level, parent_id, province_code, valid_from, valid_to, is_demo)
                    SELECT r.code, r.name, \(level.rawValue), p.id, COALESCE(p.province_code, r.code),
                           r.valid_from::date, NULLIF(r.valid_to, '')::date, \(isDemo)
                    FROM unnest(\(codes)::text[], \(names)::text[], \(parents)::text[], \(froms)::text[], \(tos)::text[])
                         AS r(code, name, parent_code, valid_from, valid_to)
                    LEFT JOIN admin_units p
                           ON p.code = r.parent_code
                          AND daterange(p.valid_from, p.valid_to, '[]') @> r.valid_from::date
                    """,
                    logger: logger
                )
            }
            let replacing = plan.inserts.flatMap { unit in unit.replaces.map { (unit, $0) } }
            if !replacing.isEmpty {
                let successors = replacing.map(\.0.code)
                let successorFroms = replacing.map(\.0.validity.from.iso)
                let predecessors = replacing.map(\.1)
                try await connection.query(
                    """
                    INSERT INTO admin_unit_replacements (successor_id, predecessor_id)
                    SELECT s.id, p.id
                    FROM unnest(\(successors)::text[], \(successorFroms)::text[], \(predecessors)::text[]) AS r(code, valid_from, predecessor)
                    JOIN admin_units s ON s.code = r.code AND s.valid_from = r.valid_from::date
                    JOIN admin_units p ON p.code = r.predecessor
                                      AND daterange(p.valid_from, p.valid_to, '[]') @> (r.valid_from::date - 1)
                    """,
                    logger: logger
                )
            }
            try await connection.query("SELECT rebuild_admin_unit_scope()", logger: logger)
            return ImportSummary(inserted: plan.inserts.count, closed: plan.closes.count, unchanged: plan.unchanged)
        }
    }

    /// Every stored unit version, with its parent's code and the codes it replaced.
    public func allUnits() async throws -> [AdminUnit] {
        try await client.withConnection { try await Self.loadAll($0, logger: logger) }
    }

    static func loadAll(_ connection: PostgresConnection, logger: Logger) async throws -> [AdminUnit] {
        let rows = try await connection.query(
            """
            SELECT u.code, u.name, u.level, p.code, to_char(u.valid_from, 'YYYY-MM-DD'), to_char(u.valid_to, 'YYYY-MM-DD'),
                   COALESCE((SELECT array_agg(pr.code ORDER BY pr.code) FROM admin_unit_replacements r
                             JOIN admin_units pr ON pr.id = r.predecessor_id WHERE r.successor_id = u.id), '{}')
            FROM admin_units u LEFT JOIN admin_units p ON p.id = u.parent_id
            """,
            logger: logger
        )
        var units: [AdminUnit] = []
        for try await (code, name, level, parent, from, to, replaces) in rows.decode(
            (String, String, String, String?, String, String?, [String]).self
        ) {
            guard let level = AdminLevel(rawValue: level), let from = Day(parsing: from) else { continue }
            units.append(
                AdminUnit(
                    code: code,
                    name: name,
                    level: level,
                    parentCode: parent,
                    validity: Validity(from: from, to: to.flatMap { Day(parsing: $0) }),
                    replaces: replaces
                )
            )
        }
        return units
    }

    /// One stored unit version, as pages and the API show it.
    public struct UnitRecord: Sendable, Equatable, Codable {
        public let id: Int
        public let code: String
        public let name: String
        public let level: AdminLevel
        public let provinceCode: String
        public let parentCode: String?
        public let parentName: String?
        public let validFrom: String
        public let validTo: String?
        public let isDemo: Bool
    }

    private static let recordColumns = """
        u.id, u.code, u.name, u.level, u.province_code, p.code, p.name,
        to_char(u.valid_from, 'DD/MM/YYYY'), to_char(u.valid_to, 'DD/MM/YYYY'), u.is_demo
        """

    private func records(_ query: PostgresQuery, on connection: PostgresConnection? = nil) async throws -> [UnitRecord] {
        let rows = try await client.query(query, logger: logger)
        var out: [UnitRecord] = []
        for try await (id, code, name, level, province, parentCode, parentName, from, to, isDemo) in rows.decode(
            (Int, String, String, String, String, String?, String?, String, String?, Bool).self
        ) {
            out.append(
                UnitRecord(
                    id: id,
                    code: code,
                    name: name,
                    level: AdminLevel(rawValue: level) ?? .village,
                    provinceCode: province,
                    parentCode: parentCode,
                    parentName: parentName,
                    validFrom: from,
                    validTo: to,
                    isDemo: isDemo
                )
            )
        }
        return out
    }

    /// The version of `code` in force today, else its latest version.
    public func unit(code: String) async throws -> UnitRecord? {
        try await records(
            """
            SELECT \(unescaped: Self.recordColumns)
            FROM admin_units u LEFT JOIN admin_units p ON p.id = u.parent_id
            WHERE u.code = \(code)
            ORDER BY (daterange(u.valid_from, u.valid_to, '[]') @> current_date) DESC, u.valid_from DESC
            LIMIT 1
            """
        ).first
    }

    public func unit(id: Int) async throws -> UnitRecord? {
        try await records(
            """
            SELECT \(unescaped: Self.recordColumns)
            FROM admin_units u LEFT JOIN admin_units p ON p.id = u.parent_id
            WHERE u.id = \(id)
            """
        ).first
    }

    /// Several units by id at once (a page naming the units of its rows), in no order.
    public func units(ids: [Int]) async throws -> [UnitRecord] {
        guard !ids.isEmpty else { return [] }
        return try await records(
            """
            SELECT \(unescaped: Self.recordColumns)
            FROM admin_units u LEFT JOIN admin_units p ON p.id = u.parent_id
            WHERE u.id = ANY(\(Array(Set(ids)).sorted()))
            """
        )
    }

    /// The units directly under `id`, those in force first, in Vietnamese name order.
    public func children(of id: Int) async throws -> [UnitRecord] {
        try await records(
            """
            SELECT \(unescaped: Self.recordColumns)
            FROM admin_units u LEFT JOIN admin_units p ON p.id = u.parent_id
            WHERE u.parent_id = \(id)
            ORDER BY (u.valid_to IS NULL) DESC, u.name, u.code
            """
        )
    }

    /// The units `id` took over, and the ones that took it over.
    public func replacements(of id: Int) async throws -> (predecessors: [UnitRecord], successors: [UnitRecord]) {
        let predecessors = try await records(
            """
            SELECT \(unescaped: Self.recordColumns)
            FROM admin_unit_replacements r JOIN admin_units u ON u.id = r.predecessor_id
            LEFT JOIN admin_units p ON p.id = u.parent_id
            WHERE r.successor_id = \(id) ORDER BY u.name
            """
        )
        let successors = try await records(
            """
            SELECT \(unescaped: Self.recordColumns)
            FROM admin_unit_replacements r JOIN admin_units u ON u.id = r.successor_id
            LEFT JOIN admin_units p ON p.id = u.parent_id
            WHERE r.predecessor_id = \(id) ORDER BY u.name
            """
        )
        return (predecessors, successors)
    }

    /// Units whose scope includes `unitID`: what a role granted on any of them may see.
    public func isWithin(unitID: Int, scopes: [Int]) async throws -> Bool {
        guard !scopes.isEmpty else { return false }
        let rows = try await client.query(
            "SELECT EXISTS (SELECT 1 FROM admin_unit_scope WHERE unit_id = \(unitID) AND scope_id = ANY(\(scopes)))",
            logger: logger
        )
        for try await flag in rows.decode(Bool.self) { return flag }
        return false
    }
}
