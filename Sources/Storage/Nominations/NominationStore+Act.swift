import Crypto
import Foundation
import Logging
import PostgresNIO
import Workflow

extension NominationStore {
    /// What an action did: the nomination after it, the engine's outcome, and whether this was a
    /// replay of an earlier request with the same idempotency key.
    public struct ActResult: Sendable {
        public let nomination: Nomination
        public let toState: String
        public let effects: [Effect]
        public let vote: VoteRule.Outcome?
        public let replayed: Bool

        /// The queue event of this transition, sent once it has committed (`QueueNotifications`);
        /// nil for a replay, which changed nothing.
        public var queueEvent: String? {
            replayed ? nil : QueueNotifications.payload(provinceCode: nomination.provinceCode, id: nomination.id, state: toState)
        }
    }

    /// One action, as one statement: the nomination and its facts are read, the engine decides,
    /// and the write applies only if the nomination is still at that version (else the caller gets
    /// the current state, as for any stale request). Two round trips, no explicit transaction;
    /// then the queue event, once the write has committed.
    public func act(
        _ key: NominationKey,
        action: Action,
        expectedVersion: Int,
        actorID: Int?,
        roles: Set<Workflow.Role>,
        comment: String?,
        idempotencyKey: String?,
        tally: VoteRule.Tally? = nil,
        eligible: Bool = true,
        requestedDocuments: [String]? = nil
    ) async throws -> ActResult {
        let logger = logger
        let workflows = workflows
        do {
            // Without an idempotency key (whose replay is looked up first), concurrent requests
            // are written together (`TransitionBatcher`); the answer is the same.
            if idempotencyKey == nil {
                let result = try await workflows.transitions.act(
                    { answer in
                        .init(
                            key: key,
                            action: action,
                            expectedVersion: expectedVersion,
                            actorID: actorID,
                            roles: roles,
                            comment: comment,
                            tally: tally,
                            eligible: eligible,
                            requestedDocuments: requestedDocuments,
                            answer: answer
                        )
                    },
                    client: client,
                    workflows: workflows,
                    logger: logger
                )
                StoreMetrics.transition(action, .applied)
                return result
            }
            let result = try await client.withConnection { connection in
                let result = try await Self.act(
                    connection,
                    locking: false,
                    workflows: workflows,
                    logger: logger,
                    key,
                    action: action,
                    expectedVersion: expectedVersion,
                    actorID: actorID,
                    roles: roles,
                    comment: comment,
                    idempotencyKey: idempotencyKey,
                    tally: tally,
                    eligible: eligible,
                    requestedDocuments: requestedDocuments
                )
                if let event = result.queueEvent { await QueueNotifications.send([event], on: connection, logger: logger) }
                return result
            }
            StoreMetrics.transition(action, result.replayed ? .replayed : .applied)
            return result
        } catch let error as NominationError {
            switch error {
            case .stale: StoreMetrics.transition(action, .conflict)
            case .notFound: StoreMetrics.transition(action, .notFound)
            default: StoreMetrics.transition(action, .refused)
            }
            throw error
        }
    }

    /// One action. Inside the caller's transaction (a council session closes many at once, a
    /// decision awards many) the row is locked with the facts the guards need (`locking`); alone,
    /// the facts are read without a lock and the writing statement checks the version. Either way
    /// state, due date, transition row and audit record are one statement. The caller sends the
    /// result's `queueEvent` once its transaction has committed.
    static func act(
        _ connection: PostgresConnection,
        locking: Bool = true,
        workflows: WorkflowRepository,
        logger: Logger,
        _ key: NominationKey,
        action: Action,
        expectedVersion: Int,
        actorID: Int?,
        roles: Set<Workflow.Role>,
        comment: String?,
        idempotencyKey: String?,
        tally: VoteRule.Tally?,
        eligible: Bool,
        requestedDocuments: [String]? = nil
    ) async throws -> ActResult {
        let (provinceCode, id) = (key.provinceCode, key.id)
        // A retried request finds the first one's transition: checked before taking the lock and,
        // when the version moved while this one waited, again after it. A key is the caller's own,
        // and answers only the very request it first came with.
        let fingerprint = idempotencyKey.map { _ in
            requestFingerprint(id: id, action: action, expectedVersion: expectedVersion, comment: comment, tally: tally)
        }
        func replay() async throws -> ActResult? {
            guard let key = idempotencyKey else { return nil }
            let earlier = try await connection.query(
                """
                SELECT nomination_id, to_state, idempotency_fingerprint FROM nomination_transitions
                WHERE province_code = \(provinceCode) AND actor_id IS NOT DISTINCT FROM \(actorID) AND idempotency_key = \(key)
                """,
                logger: logger
            )
            for try await (nominationID, toState, stored) in earlier.decode((Int, String, String?).self) {
                guard nominationID == id, stored == fingerprint else { throw NominationError.idempotencyKeyReused(key) }
                let current = try await load(connection, logger: logger, provinceCode: provinceCode, id: nominationID, lock: false)!
                return ActResult(nomination: current, toState: toState, effects: [], vote: nil, replayed: true)
            }
            return nil
        }
        if let earlier = try await replay() { return earlier }
        guard
            let (current, attachedKinds, daysInState) = try await readWithFacts(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                id: id,
                locking: locking
            )
        else { throw NominationError.notFound }
        guard current.version == expectedVersion else {
            if let earlier = try await replay() { return earlier }
            throw NominationError.stale(current: current)
        }
        let plan = try await Self.plan(
            connection,
            workflows: workflows,
            logger: logger,
            current: current,
            attachedKinds: attachedKinds,
            daysInState: daysInState,
            action: action,
            roles: roles,
            comment: comment,
            tally: tally,
            eligible: eligible,
            requestedDocuments: requestedDocuments
        )
        let (outcome, isOpen, deadline, payload, requested) = (plan.outcome, plan.isOpen, plan.deadline, plan.payload, plan.requested)
        let written = try await connection.execute(
            TransitionStatements.Write(
                toState: outcome.to,
                isOpen: isOpen,
                deadline: deadline,
                provinceCode: provinceCode,
                id: id,
                fromState: outcome.from,
                action: action.rawValue,
                actorID: actorID,
                comment: comment,
                idempotencyKey: idempotencyKey,
                idempotencyFingerprint: fingerprint,
                chain: "nomination:\(id)",
                auditPayload: json(payload),
                expectedVersion: current.version,
                requestedDocuments: action.goesBack ? requested : nil
            ),
            logger: logger
        )
        var after: Nomination?
        for try await row in written { after = try nomination(row) }
        guard let after else {
            // Someone else moved it between the read and the write: a retry of this very request
            // finds its first answer, anyone else gets the state as it now is.
            if let earlier = try await replay() { return earlier }
            guard let now = try await load(connection, logger: logger, provinceCode: provinceCode, id: id, lock: false) else {
                throw NominationError.notFound
            }
            throw NominationError.stale(current: now)
        }
        return ActResult(nomination: after, toState: outcome.to, effects: outcome.effects, vote: outcome.vote, replayed: false)
    }

    /// What an action would do to a nomination read with its facts: the guards' facts completed
    /// from the database (never from the request, but for the council's tally and the comment),
    /// the engine's outcome, the step's clock and the audit payload. Throws the engine's refusal.
    struct Plan {
        let outcome: WorkflowEngine.Outcome
        let isOpen: Bool
        let deadline: Int?
        let payload: [String: String]
        let requested: [String]?

        /// The row of a set-based write.
        func entry(for current: Nomination, actorID: Int?, comment: String?) -> TransitionStatements.WriteRows.Entry {
            .init(
                key: current.key,
                toState: outcome.to,
                isOpen: isOpen,
                deadline: deadline,
                version: current.version,
                fromState: outcome.from,
                payload: json(payload),
                action: outcome.action.rawValue,
                actorID: actorID,
                comment: comment,
                requested: outcome.action.goesBack ? requested : nil
            )
        }
    }

    static func plan(
        _ connection: PostgresConnection,
        workflows: WorkflowRepository,
        logger: Logger,
        current: Nomination,
        attachedKinds: Set<String>,
        daysInState: Int,
        action: Action,
        roles: Set<Workflow.Role>,
        comment: String?,
        tally: VoteRule.Tally?,
        eligible: Bool,
        requestedDocuments: [String]?
    ) async throws -> Plan {
        let (provinceCode, id) = (current.provinceCode, current.id)
        let key = current.key
        let definition = try await workflows.definition(current.workflow, on: connection)
        // The guards' facts come from the database, never from the request: only the council's
        // tally and the comment are the caller's input.
        var facts = WorkflowEngine.Facts()
        facts.onHold = current.holdReason != nil
        facts.holdReason = current.holdReason
        if current.holdReason != nil {
            let since = try await connection.query(
                "SELECT to_char(held_since, 'DD/MM/YYYY') FROM nominations WHERE province_code = \(provinceCode) AND id = \(id)",
                logger: logger
            )
            for try await day in since.decode(String?.self) { facts.heldSince = day }
        }
        let award = definition.award(current.award)
        let level = definition.state(current.state)?.level ?? .commune
        let missingKinds = (award?.requiredDocuments(at: level) ?? []).filter { !attachedKinds.contains($0) }
        facts.documentsComplete = missingKinds.isEmpty
        facts.missingDocuments = missingKinds.map(DocumentKinds.title)
        if let title = award?.requiredTitles[current.nomineeKind.rawValue] {
            facts.titleRecognised = try await holdsTitle(connection, logger: logger, nomination: current, title: title)
            if facts.titleRecognised == false {
                let names = try await connection.query(
                    "SELECT title FROM criteria_sets WHERE id = \(title) ORDER BY version DESC LIMIT 1",
                    logger: logger
                )
                for try await name in names.decode(String.self) { facts.requiredTitleName = name }
            }
        }
        if let days = definition.state(current.state)?.postingDays { facts.postingOver = daysInState >= days }
        facts.tally = tally
        facts.comment = comment
        // What the last return asked for and has not been added since: the resubmission waits.
        if action == .resubmit {
            facts.missingSupplements = try await missingSupplements(connection, logger: logger, key: key).map(DocumentKinds.title)
        }
        facts.eligible = eligible
        if eligible, definition.mayCheck(.eligible, taking: action, from: current.state),
            let earlier = try await earlierAward(connection, logger: logger, nomination: current, awardedStates: definition.awardedStates)
        {
            facts.eligible = false
            facts.ineligibleReason = earlier
        }
        // The award's standards against the record of merit (prior awards, intervals).
        if facts.eligible, definition.mayCheck(.eligible, taking: action, from: current.state) {
            let unmet = try await Self.standards(connection, workflows: workflows, logger: logger, nomination: current).filter { !$0.met }
            if !unmet.isEmpty {
                facts.eligible = false
                facts.ineligibleReason =
                    "Chưa đủ tiêu chuẩn: " + unmet.map { "\($0.standard.text) — \($0.reason)" }.joined(separator: " ")
            }
        }
        let outcome: WorkflowEngine.Outcome
        switch WorkflowEngine.apply(definition, .init(state: current.state, award: current.award), action: action, roles: roles, facts: facts) {
        case .success(let result): outcome = result
        case .failure(let refusal): throw NominationError.refused(refusal)
        }
        let isOpen = !(definition.state(outcome.to)?.isFinal ?? false)
        // The clock of the step entered (null: no deadline; add_working_days is strict).
        let deadline = isOpen ? definition.state(outcome.to)?.deadlineWorkingDays : nil
        var payload = ["action": action.rawValue, "from": outcome.from, "to": outcome.to, "version": String(current.version + 1)]
        if let comment { payload["comment"] = comment }
        let requested = requestedDocuments.map { Array(Set($0)).sorted() }.flatMap { $0.isEmpty ? nil : $0 }
        if let unknown = requested?.first(where: { kind in !DocumentKinds.all.contains { $0.id == kind } }) {
            throw NominationError.unknownDocumentKind(unknown)
        }
        if action.goesBack, let requested { payload["requested"] = requested.joined(separator: ",") }
        if let vote = outcome.vote { payload["vote"] = "\(vote)" }
        if let tally { payload["tally"] = "\(tally.yes)/\(tally.no)/\(tally.present)/\(tally.members)" }
        return Plan(outcome: outcome, isOpen: isOpen, deadline: deadline, payload: payload, requested: requested)
    }

    /// What makes a request the same request: the nomination, the action, the version it was
    /// taken on, the comment and the tally, hashed.
    static func requestFingerprint(id: Int, action: Action, expectedVersion: Int, comment: String?, tally: VoteRule.Tally?) -> String {
        let tallyText = tally.map { "\($0.members)/\($0.present)/\($0.yes)/\($0.no)" } ?? "-"
        let text = "\(id)\u{1F}\(action.rawValue)\u{1F}\(expectedVersion)\u{1F}\(comment ?? "\u{0}")\u{1F}\(tallyText)"
        return SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The nomination (locked, when `locking`), with the kinds of dossier documents attached and
    /// the whole days it has spent in its step.
    static func readWithFacts(
        _ connection: PostgresConnection,
        logger: Logger,
        provinceCode: String,
        id: Int,
        locking: Bool
    ) async throws -> (Nomination, Set<String>, Int)? {
        let rows =
            locking
            ? try await connection.execute(TransitionStatements.Lock(provinceCode: provinceCode, id: id), logger: logger)
            : try await connection.execute(TransitionStatements.Read(provinceCode: provinceCode, id: id), logger: logger)
        for try await row in rows {
            return try withFacts(row)
        }
        return nil
    }

    /// A nomination read with its facts: the nomination, the kinds of documents attached, the
    /// whole days in its step.
    static func withFacts(_ row: TransitionStatements.ReadRow) throws -> (Nomination, Set<String>, Int) {
        let base: Row = (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13, row.14)
        return (try nomination(base), Set(row.15), row.16)
    }

    /// One achievement is rewarded once (Luật TĐKT 2022): a merit nomination is not eligible when
    /// the nominee already received the same award on merit for the same year. Awards of thematic
    /// or sudden rounds do not count (NĐ 152/2025/NĐ-CP). Returns the reason, or nil.
    static func earlierAward(
        _ connection: PostgresConnection,
        logger: Logger,
        nomination: Nomination,
        awardedStates: Set<String>
    ) async throws -> String? {
        guard nomination.basis == .merit, !awardedStates.isEmpty else { return nil }
        let rows = try await connection.query(
            """
            SELECT r.name FROM nominations m
            JOIN rounds r ON r.province_code = m.province_code AND r.id = m.round_id
            JOIN rounds mine ON mine.province_code = \(nomination.provinceCode) AND mine.id = \(nomination.roundID)
            WHERE m.province_code = \(nomination.provinceCode) AND m.nominee_key = \(nomination.nomineeKey) AND m.award = \(nomination.award)
              AND m.basis = 'merit' AND m.id <> \(nomination.id) AND m.state = ANY(\(Array(awardedStates).sorted())) AND r.year = mine.year
            LIMIT 1
            """,
            logger: logger
        )
        for try await round in rows.decode(String.self) {
            return "Đối tượng đã được khen cùng hình thức về thành tích năm này (đợt \(round)): một thành tích chỉ được khen một lần."
        }
        return nil
    }

    /// Whether the nominee holds the learning-model title the award asks for, recognised for the
    /// round's year or the year before — or earlier in the recognition stage, where the province
    /// recognises the title by stage.
    static func holdsTitle(_ connection: PostgresConnection, logger: Logger, nomination: Nomination, title: String) async throws -> Bool {
        let held = try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM assessments a JOIN rounds r ON r.province_code = a.province_code AND r.id = \(nomination.roundID)
                           WHERE a.province_code = \(nomination.provinceCode) AND a.subject_key = \(nomination.nomineeKey)
                             AND a.set_id = \(title) AND a.state = 'recognised'
                             AND (a.year BETWEEN r.year - 1 AND r.year OR a.year::int <@ recognition_window(a.province_code, a.set_id, r.year)))
            """,
            logger: logger
        )
        for try await holds in held.decode(Bool.self) { return holds }
        return false
    }
}

extension NominationStore {
    /// The document kinds the last return named that have had no file uploaded since.
    static func missingSupplements(_ connection: PostgresConnection, logger: Logger, key: NominationKey) async throws -> [String] {
        let rows = try await connection.query(
            """
            WITH last_return AS (
                SELECT requested_documents, at FROM nomination_transitions
                WHERE province_code = \(key.provinceCode) AND nomination_id = \(key.id) AND action IN ('return', 'central_return')
                ORDER BY seq DESC LIMIT 1
            )
            SELECT kind FROM last_return, unnest(coalesce(last_return.requested_documents, '{}')) AS kind
            WHERE NOT EXISTS (SELECT 1 FROM nomination_documents d WHERE d.province_code = \(key.provinceCode)
                              AND d.nomination_id = \(key.id) AND d.kind = kind AND d.uploaded_at > last_return.at)
            ORDER BY kind
            """,
            logger: logger
        )
        var missing: [String] = []
        for try await kind in rows.decode(String.self) { missing.append(kind) }
        return missing
    }

    /// The last return's comment, day and named documents, while the nomination waits for its
    /// supplement: the banner at the top of the dossier.
    public func pendingReturn(of key: NominationKey) async throws -> (comment: String, day: String, requested: [String], missing: [String])? {
        try await client.withConnection { connection in
            // The last move, if it was a return and the nomination still stands where it left it.
            let rows = try await connection.query(
                """
                SELECT t.comment, to_char(t.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY'), coalesce(t.requested_documents, '{}')
                FROM nomination_transitions t JOIN nominations n ON n.province_code = t.province_code AND n.id = t.nomination_id
                WHERE t.province_code = \(key.provinceCode) AND t.nomination_id = \(key.id)
                  AND t.seq = (SELECT max(seq) FROM nomination_transitions WHERE province_code = \(key.provinceCode) AND nomination_id = \(key.id))
                  AND t.action IN ('return', 'central_return') AND t.to_state = n.state
                """,
                logger: logger
            )
            var found: (String?, String, [String])?
            for try await row in rows.decode((String?, String, [String]).self) { found = row }
            guard let (comment, day, requested) = found else { return nil }
            let missing = try await Self.missingSupplements(connection, logger: logger, key: key)
            return (comment ?? "", day, requested, missing)
        }
    }
}

extension NominationStore {
    /// A nomination of a bulk transition that could not take it, with the reason.
    struct BulkRefusal: Error {
        let id: Int
        let nomination: Nomination?
        let error: NominationError
    }

    /// The same action on many nominations of one province inside the caller's transaction
    /// (a decision awarding thousands): the rows locked and read with their facts in one
    /// statement, the engine asked for each, then states, transition rows and audit records
    /// written set-based in one more. All or none: the first refusal stops it, named.
    static func actOnAll(
        _ connection: PostgresConnection,
        workflows: WorkflowRepository,
        logger: Logger,
        provinceCode: String,
        ids: [Int],
        action: Action,
        actorID: Int?,
        roles: Set<Workflow.Role>,
        comment: String?
    ) async throws -> [ActResult] {
        guard !ids.isEmpty else { return [] }
        var read: [Int: (Nomination, Set<String>, Int)] = [:]
        for try await row in try await connection.execute(TransitionStatements.LockMany(provinceCode: provinceCode, ids: ids), logger: logger) {
            let facts = try withFacts(row)
            read[facts.0.id] = facts
        }
        var plans: [(Nomination, Plan)] = []
        plans.reserveCapacity(ids.count)
        for id in ids {
            guard let (current, kinds, days) = read[id] else { throw BulkRefusal(id: id, nomination: nil, error: .notFound) }
            do {
                let plan = try await Self.plan(
                    connection,
                    workflows: workflows,
                    logger: logger,
                    current: current,
                    attachedKinds: kinds,
                    daysInState: days,
                    action: action,
                    roles: roles,
                    comment: comment,
                    tally: nil,
                    eligible: true,
                    requestedDocuments: nil
                )
                plans.append((current, plan))
            } catch let error as NominationError {
                throw BulkRefusal(id: id, nomination: current, error: error)
            }
        }
        let written = try await connection.execute(
            TransitionStatements.WriteRows(entries: plans.map { current, plan in plan.entry(for: current, actorID: actorID, comment: comment) }),
            logger: logger
        )
        var after: [Int: Nomination] = [:]
        for try await row in written {
            let nomination = try nomination(row)
            after[nomination.id] = nomination
        }
        // The rows were locked: each was written at the version read.
        return try plans.map { current, plan in
            guard let nomination = after[current.id] else { throw BulkRefusal(id: current.id, nomination: current, error: .stale(current: current)) }
            return ActResult(
                nomination: nomination,
                toState: plan.outcome.to,
                effects: plan.outcome.effects,
                vote: plan.outcome.vote,
                replayed: false
            )
        }
    }
}
