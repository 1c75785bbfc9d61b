import PostgresNIO

/// The two statements of every transition, prepared once per connection: planning them on each
/// call cost as much as running them (pgbench, 8 clients: 1,930 tps unprepared, 3,700 prepared).
enum TransitionStatements {
    /// The nomination with the kinds of dossier documents attached and the whole days it has spent
    /// in its step; `Lock` takes its row lock (inside a larger transaction), `Read` does not (the
    /// single-statement path, where the write checks the version instead).
    static let readSQL = """
        SELECT \(NominationStore.columns),
               coalesce((SELECT array_agg(DISTINCT d.kind) FROM nomination_documents d
                         WHERE d.province_code = n.province_code AND d.nomination_id = n.id), '{}'),
               floor(extract(epoch FROM now() - n.state_since) / 86400)::int
        FROM nominations n WHERE n.province_code = $1 AND n.id = $2
        """
    typealias ReadRow = (
        String, Int, Int, String, String, String, String, String, String, Int, String, Int, String?, String?, Bool, [String], Int
    )

    struct Lock: NominationRead {
        static let name = "thidua_transition_lock"
        static let sql = readSQL + " FOR UPDATE OF n"
        let provinceCode: String
        let id: Int
    }

    struct Read: NominationRead {
        static let name = "thidua_transition_read"
        static let sql = readSQL
        let provinceCode: String
        let id: Int
    }

    /// State, due date, transition row, notification for open queues and the audit record, in one
    /// statement, only if the nomination is still at the version the decision was taken on;
    /// returns the nomination after it, or no row when someone else moved it first. One statement
    /// is one transaction: without an explicit one, a transition is two round trips.
    struct Write: PostgresPreparedStatement {
        static let name = "thidua_transition_write"
        static let sql = """
            WITH updated AS (
                UPDATE nominations SET state = $1, version = version + 1, is_open = $2,
                       state_since = CASE WHEN state <> $1 THEN now() ELSE state_since END,
                       due_on = CASE WHEN state = $1 THEN due_on
                                     ELSE add_working_days((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, $3::integer) END
                WHERE province_code = $4 AND id = $5 AND version = $14
                RETURNING \(NominationStore.columns)
            ), transition AS (
                INSERT INTO nomination_transitions (province_code, nomination_id, seq, from_state, to_state, action, actor_id, comment, idempotency_key,
                                                    idempotency_fingerprint, requested_documents)
                SELECT $4, $5, (SELECT coalesce(max(seq), 0) + 1 FROM nomination_transitions WHERE province_code = $4 AND nomination_id = $5),
                       $6, $1, $7, $8::bigint, $9::text, $10::text, $15::text, $16::text[]
                FROM updated
            ), notified AS (
                SELECT pg_notify('nominations', $11) FROM updated
            ), audited AS (
                SELECT audit_append($4, $12, $8::bigint, $7, $13) AS seq FROM updated
            )
            SELECT updated.* FROM updated, notified, audited
            """
        typealias Row = NominationStore.Row
        /// Declared, not inferred from the first call's values: a null deadline must not fix a type.
        static let bindingDataTypes: [PostgresDataType] = [
            .text, .bool, .int8, .text, .int8, .text, .text, .int8, .text, .text, .text, .text, .text, .int4, .text, .textArray,
        ]

        let toState: String
        let isOpen: Bool
        let deadline: Int?
        let provinceCode: String
        let id: Int
        let fromState: String
        let action: String
        let actorID: Int?
        let comment: String?
        let idempotencyKey: String?
        let idempotencyFingerprint: String?
        let notification: String
        let chain: String
        let auditPayload: String
        let expectedVersion: Int
        /// For a return: the document kinds the submitter must add (nil: none named).
        let requestedDocuments: [String]?

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 16)
            bindings.append(toState)
            bindings.append(isOpen)
            bindings.append(deadline)
            bindings.append(provinceCode)
            bindings.append(id)
            bindings.append(fromState)
            bindings.append(action)
            bindings.append(actorID)
            bindings.append(comment)
            bindings.append(idempotencyKey)
            bindings.append(notification)
            bindings.append(chain)
            bindings.append(auditPayload)
            bindings.append(Int32(expectedVersion))
            bindings.append(idempotencyFingerprint)
            bindings.append(requestedDocuments)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

/// A read of one nomination by its key with the guards' facts: `Lock` and `Read` differ only in
/// their SQL.
protocol NominationRead: PostgresPreparedStatement where Row == TransitionStatements.ReadRow {
    var provinceCode: String { get }
    var id: Int { get }
}

extension NominationRead {
    static var bindingDataTypes: [PostgresDataType] { [.text, .int8] }

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(provinceCode)
        bindings.append(id)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
