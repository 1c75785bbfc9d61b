import Logging
import PostgresNIO
import Workflow

extension NominationStore {
    /// An overdue nomination escalated by the rule of its step.
    public struct Escalation: Sendable, Equatable, CustomStringConvertible {
        public let provinceCode: String
        public let id: Int
        public let nominee: String
        public let state: String
        /// dd/MM/yyyy.
        public let dueOn: String
        public let workingDaysLate: Int
        public let roles: [String]

        public var description: String {
            "\(provinceCode)/\(id) \(nominee): bước \(state) quá hạn \(workingDaysLate) ngày làm việc (hạn \(dueOn)), báo \(roles.joined(separator: ", "))"
        }
    }

    /// Escalates every nomination late beyond its step's `escalate` rule, once per visit of the
    /// step: recorded, audited and notified (open queues refresh). Run daily, like the audit anchor.
    public func escalateOverdue() async throws -> [Escalation] {
        let logger = logger
        let references = try await client.query(
            """
            SELECT DISTINCT workflow_id || '@' || workflow_version FROM nominations
            WHERE is_open AND due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
            """,
            logger: logger
        )
        var workflowReferences: [String] = []
        for try await reference in references.decode(String.self) { workflowReferences.append(reference) }
        var escalated: [Escalation] = []
        for reference in workflowReferences.sorted() {
            let definition = try await workflows.definition(reference)
            for state in definition.states {
                guard let rule = state.escalation else { continue }
                let roles = rule.roles.map(\.rawValue)
                let rows = try await client.transaction(logger: logger) { connection in
                    let result = try await connection.query(
                        """
                        WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day),
                        late AS (
                            SELECT n.province_code, n.id, n.nominee_name, n.due_on,
                                   working_days_between(n.due_on, (SELECT day FROM today)) AS days_late,
                                   (SELECT max(t.seq) FROM nomination_transitions t WHERE t.province_code = n.province_code AND t.nomination_id = n.id) AS seq
                            FROM nominations n
                            WHERE n.is_open AND n.workflow_id = \(definition.id) AND n.workflow_version = \(definition.version)
                              AND n.state = \(state.id) AND n.due_on < (SELECT day FROM today)
                            FOR UPDATE OF n
                        ), inserted AS (
                            INSERT INTO nomination_escalations (province_code, nomination_id, transition_seq, state, due_on, escalated_to)
                            SELECT province_code, id, seq, \(state.id), due_on, \(roles.joined(separator: ","))
                            FROM late WHERE days_late > \(rule.afterWorkingDays)
                            ON CONFLICT DO NOTHING
                            RETURNING province_code, nomination_id
                        )
                        SELECT l.province_code, l.id, l.nominee_name, to_char(l.due_on, 'DD/MM/YYYY'), l.days_late,
                               audit_append(l.province_code, 'nomination:' || l.id, NULL, 'escalate',
                                            jsonb_build_object('state', \(state.id)::text, 'due_on', l.due_on::text, 'days_late', l.days_late,
                                                               'to', \(roles.joined(separator: ","))::text)::text) AS seq
                        FROM inserted i JOIN late l ON l.province_code = i.province_code AND l.id = i.nomination_id
                        ORDER BY l.province_code, l.id
                        """,
                        logger: logger
                    )
                    var rows: [(String, Int, String, String, Int, Int)] = []
                    for try await row in result.decode((String, Int, String, String, Int, Int).self) { rows.append(row) }
                    return rows
                }
                await QueueNotifications.send(
                    rows.map { QueueNotifications.payload(provinceCode: $0.0, id: $0.1, state: "escalate") },
                    client: client,
                    logger: logger
                )
                for (province, id, nominee, dueOn, daysLate, _) in rows {
                    escalated.append(
                        Escalation(
                            provinceCode: province,
                            id: id,
                            nominee: nominee,
                            state: state.title,
                            dueOn: dueOn,
                            workingDaysLate: daysLate,
                            roles: roles
                        )
                    )
                }
            }
        }
        return escalated
    }
}
