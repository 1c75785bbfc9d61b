import DataFiles
import Foundation
import Logging
import PostgresNIO
import Workflow

/// Moves nominations in flight from one workflow version to another by a mapping file, in one
/// transaction: each gets its new step, award and (where its unit was dissolved) the unit that
/// replaced it, a `migrate` transition and an audit record. A dry run computes the same under the
/// same locks and writes nothing.
public struct WorkflowMigrator: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    /// One nomination's move.
    public struct Move: Sendable, Equatable, CustomStringConvertible {
        public let provinceCode: String
        public let id: Int
        public let nominee: String
        public let fromState: String
        public let toState: String
        public let fromAward: String
        public let toAward: String
        public let fromUnit: String
        public let toUnit: String
        let toUnitID: Int
        let version: Int

        public var description: String {
            var parts = ["\(provinceCode)/\(id) \(nominee): \(fromState) → \(toState)"]
            if fromAward != toAward { parts.append("\(fromAward) → \(toAward)") }
            if fromUnit != toUnit { parts.append("đơn vị \(fromUnit) → \(toUnit)") }
            return parts.joined(separator: "; ")
        }
    }

    /// Nominations that cannot be moved as the file says, each named; nothing was moved.
    public struct Refused: Error, Sendable, CustomStringConvertible {
        public let problems: [String]
        public var description: String { (["Không chuyển hồ sơ nào:"] + problems.map { "  - " + $0 }).joined(separator: "\n") }
    }

    @discardableResult
    public func migrate(mapping text: String, file: String, provinceCode: String?, dryRun: Bool, actorID: Int?) async throws -> [Move] {
        let (fromReference, toReference) = try WorkflowMappingReader.references(text, file: file)
        let old = try await workflows.definition(fromReference)
        let new = try await workflows.definition(toReference)
        let mapping = try WorkflowMappingReader.read(text, file: file, from: old, to: new)
        let logger = logger
        let unitOverrides = mapping.units
        return try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT n.province_code, n.id, n.nominee_name, n.state, n.award, n.unit_id, u.code, u.valid_to IS NULL, n.version
                FROM nominations n JOIN admin_units u ON u.id = n.unit_id
                WHERE n.is_open AND n.workflow_id = \(old.id) AND n.workflow_version = \(old.version)
                  AND (\(provinceCode)::text IS NULL OR n.province_code = \(provinceCode))
                ORDER BY n.province_code, n.id
                FOR UPDATE OF n
                """,
                logger: logger
            )
            var found: [(String, Int, String, String, String, Int, String, Bool, Int)] = []
            for try await row in rows.decode((String, Int, String, String, String, Int, String, Bool, Int).self) { found.append(row) }

            var resolved: [Int: Result<(Int, String), UnitProblem>] = [:]
            var moves: [Move] = []
            var problems: [String] = []
            for (province, id, nominee, state, award, unitID, unitCode, isCurrent, version) in found {
                guard let target = mapping.target(state: state, award: award) else {
                    problems.append("\(province)/\(id) \(nominee): không có bước đích cho \(state) (\(award))")
                    continue
                }
                let unit: Result<(Int, String), UnitProblem>
                if isCurrent {
                    unit = .success((unitID, unitCode))
                } else if let known = resolved[unitID] {
                    unit = known
                } else {
                    unit = try await Self.replacement(of: unitID, code: unitCode, overrides: unitOverrides, connection, logger: logger)
                    resolved[unitID] = unit
                }
                switch unit {
                case .failure(let problem):
                    problems.append("\(province)/\(id) \(nominee): \(problem.message)")
                case .success(let (newUnitID, newUnitCode)):
                    moves.append(
                        Move(
                            provinceCode: province,
                            id: id,
                            nominee: nominee,
                            fromState: state,
                            toState: target.state,
                            fromAward: award,
                            toAward: target.award,
                            fromUnit: unitCode,
                            toUnit: newUnitCode,
                            toUnitID: newUnitID,
                            version: version
                        )
                    )
                }
            }
            guard problems.isEmpty else { throw Refused(problems: problems) }
            if dryRun || moves.isEmpty { return moves }

            let comment = "Chuyển từ quy trình \(old.reference) sang \(new.reference) theo tệp \(URL(fileURLWithPath: file).lastPathComponent)"
            let payloads = moves.map { move in
                NominationStore.json([
                    "action": "migrate", "from": move.fromState, "to": move.toState, "award": move.toAward, "unit": move.toUnit,
                    "version": String(move.version + 1), "workflow": new.reference, "previous_workflow": old.reference,
                ])
            }
            // Set-based: one statement moves them all, adds their transition rows and audit records.
            try await connection.query(
                """
                WITH moves AS (
                    SELECT * FROM unnest(\(moves.map(\.provinceCode)), \(moves.map(\.id)), \(moves.map(\.fromState)), \(moves.map(\.toState)),
                                         \(moves.map(\.toAward)), \(moves.map(\.toUnitID)), \(payloads),
                                         \(moves.map { new.state($0.toState)?.deadlineWorkingDays ?? 0 }))
                             AS m(province_code, id, from_state, to_state, award, unit_id, payload, deadline)
                ), updated AS (
                    UPDATE nominations n SET workflow_id = \(new.id), workflow_version = \(new.version), state = m.to_state, award = m.award,
                           unit_id = m.unit_id, version = n.version + 1, last_seq = n.last_seq + 1,
                           state_since = CASE WHEN n.state <> m.to_state THEN now() ELSE n.state_since END,
                           due_on = CASE WHEN n.state = m.to_state THEN n.due_on WHEN m.deadline > 0
                                         THEN add_working_days((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, m.deadline::int) END
                    FROM moves m WHERE n.province_code = m.province_code AND n.id = m.id
                    RETURNING n.province_code, n.id, n.last_seq
                ), transitions AS (
                    INSERT INTO nomination_transitions (province_code, nomination_id, seq, from_state, to_state, action, actor_id, comment)
                    SELECT m.province_code, m.id, u.last_seq, m.from_state, m.to_state, 'migrate', \(actorID), \(comment)
                    FROM moves m JOIN updated u ON u.province_code = m.province_code AND u.id = m.id
                )
                SELECT count(*) FROM (SELECT audit_append(m.province_code, 'nomination:' || m.id, \(actorID), 'migrate', m.payload) FROM moves m) a,
                       (SELECT count(*) FROM updated) u
                """,
                logger: logger
            )
            return moves
        }
    }

    struct UnitProblem: Error {
        let message: String
    }

    /// The current unit that took over a dissolved one: the mapping's override, else its only
    /// current successor (following merges), else the unit that replaced its parent (a district's
    /// nominations go to the province).
    static func replacement(
        of unitID: Int,
        code: String,
        overrides: [String: String],
        _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> Result<(Int, String), UnitProblem> {
        if let override = overrides[code] {
            let rows = try await connection.query("SELECT id, code FROM admin_units WHERE code = \(override) AND valid_to IS NULL", logger: logger)
            for try await row in rows.decode((Int, String).self) { return .success(row) }
            return .failure(UnitProblem(message: "đơn vị \(override) (thay cho \(code), khai báo ở units) không còn hiệu lực hoặc không có"))
        }
        let successors = try await connection.query(
            """
            WITH RECURSIVE later (id) AS (
                SELECT successor_id FROM admin_unit_replacements WHERE predecessor_id = \(unitID)
                UNION
                SELECT r.successor_id FROM admin_unit_replacements r JOIN later l ON r.predecessor_id = l.id
            )
            SELECT u.id, u.code FROM later l JOIN admin_units u ON u.id = l.id WHERE u.valid_to IS NULL ORDER BY u.code
            """,
            logger: logger
        )
        var current: [(Int, String)] = []
        for try await row in successors.decode((Int, String).self) { current.append(row) }
        if current.count == 1 { return .success(current[0]) }
        if current.count > 1 {
            return .failure(
                UnitProblem(
                    message: "đơn vị \(code) được thay bằng nhiều đơn vị (\(current.map(\.1).joined(separator: ", "))): khai báo đơn vị nhận ở units"
                )
            )
        }
        let parent = try await connection.query(
            "SELECT p.id, p.code, p.valid_to IS NULL FROM admin_units u JOIN admin_units p ON p.id = u.parent_id WHERE u.id = \(unitID)",
            logger: logger
        )
        for try await (parentID, parentCode, parentCurrent) in parent.decode((Int, String, Bool).self) {
            if parentCurrent { return .success((parentID, parentCode)) }
            return try await replacement(of: parentID, code: parentCode, overrides: overrides, connection, logger: logger)
        }
        return .failure(UnitProblem(message: "đơn vị \(code) đã hết hiệu lực và không có đơn vị thay thế: khai báo ở units"))
    }
}
