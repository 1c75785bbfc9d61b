import Foundation
import Logging
import PostgresNIO
import Tabular
import Workflow

/// Nominations in PostgreSQL. Every action is one transaction: the row is locked, its version
/// compared with the one the caller saw (a stale one is refused with the current state), the
/// engine decides, and the new state, the transition and the audit record commit together.
/// An idempotency key makes a retried request return the first answer instead of acting twice.
public struct NominationStore: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    public struct Nomination: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let id: Int
        public let roundID: Int
        public let workflow: String
        public let award: String
        public let basis: String
        public let nomineeKind: String
        public let nomineeKey: String
        public let nomineeName: String
        public let unitID: Int
        public let state: String
        public let version: Int
        public let holdReason: String?
    }

    public struct NewNomination: Sendable {
        public var provinceCode: String
        public var roundID: Int
        public var award: String
        public var nomineeKind: String
        public var nomineeKey: String
        public var nomineeName: String
        public var unitID: Int
        public var achievement: String

        public init(
            provinceCode: String,
            roundID: Int,
            award: String,
            nomineeKind: String,
            nomineeKey: String,
            nomineeName: String,
            unitID: Int,
            achievement: String = ""
        ) {
            self.provinceCode = provinceCode
            self.roundID = roundID
            self.award = award
            self.nomineeKind = nomineeKind
            self.nomineeKey = nomineeKey
            self.nomineeName = nomineeName
            self.unitID = unitID
            self.achievement = achievement
        }
    }

    public enum NominationError: Error, Equatable, CustomStringConvertible {
        case notFound
        /// The caller acted on an old version; here is the current one.
        case stale(current: Nomination)
        case refused(WorkflowEngine.Refusal)
        case duplicateOpen
        case unknownAward(String)
        case unknownRound

        public var description: String {
            switch self {
            case .notFound: "Không tìm thấy hồ sơ."
            case .stale(let current):
                "Hồ sơ vừa được người khác cập nhật (phiên bản \(current.version), bước \(current.state)); hãy tải lại rồi thao tác."
            case .refused(let refusal): refusal.description
            case .duplicateOpen: "Đối tượng đang có hồ sơ khác đề nghị cùng hình thức khen thưởng trong đợt này."
            case .unknownAward(let award): "Hình thức khen thưởng \(award) không có trong quy trình của đợt."
            case .unknownRound: "Không tìm thấy đợt thi đua, khen thưởng."
            }
        }
    }

    public func createRound(provinceCode: String, name: String, year: Int, basis: String, workflow: String) async throws -> Int {
        let definition = try await workflows.definition(workflow)
        let rows = try await client.query(
            """
            INSERT INTO rounds (province_code, name, year, basis, workflow_id, workflow_version)
            VALUES (\(provinceCode), \(name), \(year), \(basis), \(definition.id), \(definition.version)) RETURNING id
            """,
            logger: logger
        )
        for try await id in rows.decode(Int.self) { return id }
        throw NominationError.unknownRound
    }

    /// Starts a nomination in its round's workflow, at the initial state, audited.
    public func create(_ new: NewNomination, createdBy: Int?) async throws -> Nomination {
        let logger = logger
        let round = try await client.query(
            "SELECT workflow_id || '@' || workflow_version, basis FROM rounds WHERE province_code = \(new.provinceCode) AND id = \(new.roundID)",
            logger: logger
        )
        var found: (String, String)?
        for try await row in round.decode((String, String).self) { found = row }
        guard let (reference, basis) = found else { throw NominationError.unknownRound }
        let definition = try await workflows.definition(reference)
        guard definition.award(new.award) != nil else { throw NominationError.unknownAward(new.award) }
        let name = new.nomineeName.precomposedStringWithCanonicalMapping
        do {
            return try await client.transaction(logger: logger) { connection in
                let rows = try await connection.query(
                    """
                    INSERT INTO nominations (province_code, round_id, workflow_id, workflow_version, award, basis, nominee_kind, nominee_key,
                                             nominee_name, nominee_folded, unit_id, achievement, state, created_by)
                    VALUES (\(new.provinceCode), \(new.roundID), \(definition.id), \(definition.version), \(new.award), \(basis),
                            \(new.nomineeKind), \(new.nomineeKey), \(name), \(name.folded), \(new.unitID), \(new.achievement), \(definition.initial),
                            \(createdBy))
                    RETURNING id
                    """,
                    logger: logger
                )
                var id = 0
                for try await value in rows.decode(Int.self) { id = value }
                try await connection.query(
                    """
                    INSERT INTO nomination_transitions (province_code, nomination_id, seq, from_state, to_state, action, actor_id)
                    VALUES (\(new.provinceCode), \(id), 0, NULL, \(definition.initial), 'create', \(createdBy))
                    """,
                    logger: logger
                )
                try await AuditTrail.append(
                    connection,
                    logger: logger,
                    provinceCode: new.provinceCode,
                    chain: "nomination:\(id)",
                    actorID: createdBy,
                    action: "create",
                    payload: Self.json([
                        "award": new.award, "nominee": name, "nominee_key": new.nomineeKey, "state": definition.initial, "workflow": reference,
                    ])
                )
                return try await Self.load(connection, logger: logger, provinceCode: new.provinceCode, id: id, lock: false)!
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw NominationError.duplicateOpen
        }
    }

    /// What an action did: the nomination after it, the engine's outcome, and whether this was a
    /// replay of an earlier request with the same idempotency key.
    public struct ActResult: Sendable {
        public let nomination: Nomination
        public let toState: String
        public let effects: [Effect]
        public let replayed: Bool
    }

    public func act(
        provinceCode: String,
        id: Int,
        action: Action,
        expectedVersion: Int,
        actorID: Int?,
        roles: Set<Workflow.Role>,
        comment: String?,
        idempotencyKey: String?,
        tally: VoteRule.Tally? = nil,
        eligible: Bool = true
    ) async throws -> ActResult {
        let logger = logger
        let workflows = workflows
        return try await client.transaction(logger: logger) { connection in
            // A retried request finds the first one's transition: checked before and again after
            // taking the lock, since the first may commit while this one waits for it.
            func replay() async throws -> ActResult? {
                guard let key = idempotencyKey else { return nil }
                let earlier = try await connection.query(
                    """
                    SELECT nomination_id, to_state FROM nomination_transitions
                    WHERE province_code = \(provinceCode) AND idempotency_key = \(key)
                    """,
                    logger: logger
                )
                for try await (nominationID, toState) in earlier.decode((Int, String).self) {
                    let current = try await Self.load(connection, logger: logger, provinceCode: provinceCode, id: nominationID, lock: false)!
                    return ActResult(nomination: current, toState: toState, effects: [], replayed: true)
                }
                return nil
            }
            if let earlier = try await replay() { return earlier }
            guard let current = try await Self.load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true) else {
                throw NominationError.notFound
            }
            if let earlier = try await replay() { return earlier }
            guard current.version == expectedVersion else { throw NominationError.stale(current: current) }
            let definition = try await workflows.definition(current.workflow)
            // The guards' facts come from the database, never from the request: only the council's
            // tally and the comment are the caller's input.
            var facts = try await Self.facts(connection, logger: logger, nomination: current, definition: definition)
            facts.tally = tally
            facts.comment = comment
            facts.eligible = eligible
            let outcome: WorkflowEngine.Outcome
            switch WorkflowEngine.apply(definition, .init(state: current.state, award: current.award), action: action, roles: roles, facts: facts) {
            case .success(let result): outcome = result
            case .failure(let refusal): throw NominationError.refused(refusal)
            }
            let isOpen = !(definition.state(outcome.to)?.isFinal ?? false)
            // State, transition row and the notification for open queues in one round trip.
            let written = try await connection.query(
                """
                WITH updated AS (
                    UPDATE nominations SET state = \(outcome.to), version = version + 1, is_open = \(isOpen),
                           state_since = CASE WHEN state <> \(outcome.to) THEN now() ELSE state_since END
                    WHERE province_code = \(provinceCode) AND id = \(id)
                    RETURNING \(unescaped: Self.columns)
                ), transition AS (
                    INSERT INTO nomination_transitions (province_code, nomination_id, seq, from_state, to_state, action, actor_id, comment, idempotency_key)
                    SELECT \(provinceCode), \(id), coalesce(max(seq), 0) + 1, \(outcome.from), \(outcome.to), \(action.rawValue), \(actorID),
                           \(comment), \(idempotencyKey)
                    FROM nomination_transitions WHERE province_code = \(provinceCode) AND nomination_id = \(id)
                ), notified AS (
                    SELECT pg_notify('nominations', \(provinceCode + ":" + String(id) + ":" + outcome.to))
                )
                SELECT updated.* FROM updated, notified
                """,
                logger: logger
            )
            var after: Nomination?
            for try await row in written.decode(Self.Row.self) { after = Self.nomination(row) }
            var payload = ["action": action.rawValue, "from": outcome.from, "to": outcome.to, "version": String(current.version + 1)]
            if let comment { payload["comment"] = comment }
            if let vote = outcome.vote { payload["vote"] = "\(vote)" }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "nomination:\(id)",
                actorID: actorID,
                action: action.rawValue,
                payload: Self.json(payload)
            )
            guard let after else { throw NominationError.notFound }
            return ActResult(nomination: after, toState: outcome.to, effects: outcome.effects, replayed: false)
        }
    }

    /// What the rest of the system says about a nomination, for the guards.
    static func facts(
        _ connection: PostgresConnection,
        logger: Logger,
        nomination: Nomination,
        definition: WorkflowDefinition
    ) async throws -> WorkflowEngine.Facts {
        var facts = WorkflowEngine.Facts()
        facts.onHold = nomination.holdReason != nil
        let award = definition.award(nomination.award)
        let required = award?.requiredDocuments ?? []
        let attached = try await connection.query(
            """
            SELECT count(DISTINCT kind)::int FROM nomination_documents
            WHERE province_code = \(nomination.provinceCode) AND nomination_id = \(nomination.id) AND kind = ANY(\(required))
            """,
            logger: logger
        )
        for try await count in attached.decode(Int.self) { facts.documentsComplete = count == Set(required).count }
        if let title = award?.requiredTitles[nomination.nomineeKind] {
            let held = try await connection.query(
                """
                SELECT EXISTS (SELECT 1 FROM assessments a JOIN rounds r ON r.province_code = a.province_code AND r.id = \(nomination.roundID)
                               WHERE a.province_code = \(nomination.provinceCode) AND a.subject_key = \(nomination.nomineeKey)
                                 AND a.set_id = \(title) AND a.year BETWEEN r.year - 1 AND r.year AND a.state = 'recognised')
                """,
                logger: logger
            )
            for try await holds in held.decode(Bool.self) { facts.titleRecognised = holds }
        }
        if let days = definition.state(nomination.state)?.postingDays {
            let over = try await connection.query(
                """
                SELECT state_since + make_interval(days => \(days)) <= now() FROM nominations
                WHERE province_code = \(nomination.provinceCode) AND id = \(nomination.id)
                """,
                logger: logger
            )
            for try await done in over.decode(Bool.self) { facts.postingOver = done }
        }
        return facts
    }

    /// Attaches a dossier document (checked by content, stored once).
    public func attachDocument(provinceCode: String, id: Int, kind: String, bytes: [UInt8], fileName: String, uploadedBy: Int?) async throws {
        let (fileKind, digest) = try EvidenceStore.check(bytes, fileName: fileName)
        let name = EvidenceStore.safeName(fileName, kind: fileKind)
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            // The row lock serialises the nomination's audit chain.
            guard try await Self.load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true) != nil else {
                throw NominationError.notFound
            }
            try await EvidenceStore.storeContent(connection, logger: logger, bytes: bytes, digest: digest, kind: fileKind)
            try await connection.query(
                """
                INSERT INTO nomination_documents (province_code, nomination_id, kind, sha256, file_name, uploaded_by)
                VALUES (\(provinceCode), \(id), \(kind), \(ByteBuffer(bytes: digest)), \(name), \(uploadedBy))
                ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "nomination:\(id)",
                actorID: uploadedBy,
                action: "attach_document",
                payload: Self.json(["file": name, "kind": kind, "sha256": digest.map { String(format: "%02x", $0) }.joined()])
            )
        }
    }

    public func nomination(provinceCode: String, id: Int) async throws -> Nomination? {
        try await Self.read(client: client, logger: logger, provinceCode: provinceCode, id: id)
    }

    static func read(client: PostgresClient, logger: Logger, provinceCode: String, id: Int) async throws -> Nomination? {
        try await client.withConnection { connection in
            try await load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false)
        }
    }

    /// Records (with its reason) or lifts (nil) a hold on the nominee: discipline, inspection or an
    /// open complaint. A held nomination is not proposed upward (the `no_hold` guard). Audited,
    /// and it bumps the version so that nobody acts on a view from before the hold.
    @discardableResult
    public func setHold(provinceCode: String, id: Int, reason: String?, actorID: Int?) async throws -> Nomination {
        let logger = logger
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await client.transaction(logger: logger) { connection in
            guard try await Self.load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: true) != nil else {
                throw NominationError.notFound
            }
            let rows = try await connection.query(
                """
                UPDATE nominations SET hold_reason = \(reason), version = version + 1
                WHERE province_code = \(provinceCode) AND id = \(id)
                RETURNING \(unescaped: Self.columns)
                """,
                logger: logger
            )
            var updated: Nomination?
            for try await row in rows.decode(Row.self) { updated = Self.nomination(row) }
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "nomination:\(id)",
                actorID: actorID,
                action: reason == nil ? "lift_hold" : "hold",
                payload: Self.json(reason.map { ["reason": $0] } ?? [:])
            )
            return updated!
        }
    }

    /// The steps a nomination went through, oldest first.
    public func history(provinceCode: String, id: Int) async throws -> [(seq: Int, action: String, from: String?, to: String, comment: String?)] {
        let rows = try await client.query(
            """
            SELECT seq, action, from_state, to_state, comment FROM nomination_transitions
            WHERE province_code = \(provinceCode) AND nomination_id = \(id) ORDER BY seq
            """,
            logger: logger
        )
        var out: [(Int, String, String?, String, String?)] = []
        for try await row in rows.decode((Int, String, String?, String, String?).self) { out.append(row) }
        return out.map { (seq: $0.0, action: $0.1, from: $0.2, to: $0.3, comment: $0.4) }
    }

    static let columns = """
        province_code, id, round_id, workflow_id || '@' || workflow_version AS workflow, award, basis, nominee_kind, nominee_key,
        nominee_name, unit_id, state, version, hold_reason
        """

    typealias Row = (String, Int, Int, String, String, String, String, String, String, Int, String, Int, String?)

    static func nomination(_ row: Row) -> Nomination {
        Nomination(
            provinceCode: row.0,
            id: row.1,
            roundID: row.2,
            workflow: row.3,
            award: row.4,
            basis: row.5,
            nomineeKind: row.6,
            nomineeKey: row.7,
            nomineeName: row.8,
            unitID: row.9,
            state: row.10,
            version: row.11,
            holdReason: row.12
        )
    }

    static func load(_ connection: PostgresConnection, logger: Logger, provinceCode: String, id: Int, lock: Bool) async throws -> Nomination? {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: columns)
            FROM nominations WHERE province_code = \(provinceCode) AND id = \(id) \(unescaped: lock ? "FOR UPDATE" : "")
            """,
            logger: logger
        )
        for try await row in rows.decode(Row.self) { return nomination(row) }
        return nil
    }

    /// A small JSON object with sorted keys: the audit payload, hashed exactly as stored.
    static func json(_ fields: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(fields)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
