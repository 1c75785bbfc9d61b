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

    /// State, due date, transition row and the audit record, in one statement, only if the nomination is still at the version the decision was taken on;
    /// returns the nomination after it, or no row when someone else moved it first. One statement
    /// is one transaction: without an explicit one, a transition is two round trips.
    struct Write: PostgresPreparedStatement {
        static let name = "thidua_transition_write"
        static let sql = """
            WITH updated AS (
                UPDATE nominations SET state = $1, version = version + 1, last_seq = last_seq + 1, is_open = $2,
                       state_since = CASE WHEN state <> $1 THEN now() ELSE state_since END,
                       due_on = CASE WHEN state = $1 THEN due_on
                                     ELSE add_working_days((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, $3::integer) END
                WHERE province_code = $4 AND id = $5 AND version = $13
                RETURNING \(NominationStore.columns), last_seq
            ), transition AS (
                INSERT INTO nomination_transitions (province_code, nomination_id, seq, from_state, to_state, action, actor_id, comment, idempotency_key,
                                                    idempotency_fingerprint, requested_documents)
                SELECT $4, $5, updated.last_seq, $6, $1, $7, $8::bigint, $9::text, $10::text, $14::text, $15::text[]
                FROM updated
            ), audited AS (
                SELECT audit_append($4, $11, $8::bigint, $7, $12) AS seq FROM updated
            )
            SELECT updated.* FROM updated, audited
            """
        typealias Row = NominationStore.Row
        /// Declared, not inferred from the first call's values: a null deadline must not fix a type.
        static let bindingDataTypes: [PostgresDataType] = [
            .text, .bool, .int8, .text, .int8, .text, .text, .int8, .text, .text, .text, .text, .int4, .text, .textArray,
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
        let chain: String
        let auditPayload: String
        let expectedVersion: Int
        /// For a return: the document kinds the submitter must add (nil: none named).
        let requestedDocuments: [String]?

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 15)
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
            bindings.append(chain)
            bindings.append(auditPayload)
            bindings.append(Int32(expectedVersion))
            bindings.append(idempotencyFingerprint)
            bindings.append(requestedDocuments)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try TransitionStatements.droppingCounter(row) }
    }

    /// The nomination's columns of a written row, without the transition number after them.
    static func droppingCounter(_ row: PostgresRow) throws -> NominationStore.Row {
        let r = try row.decode((String, Int, Int, String, String, String, String, String, String, Int, String, Int, String?, String?, Bool, Int).self)
        return (r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11, r.12, r.13, r.14)
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

extension TransitionStatements {
    /// Many nominations of one province with their facts, locked in id order (so two bulk
    /// transitions over overlapping sets cannot deadlock).
    struct LockMany: PostgresPreparedStatement {
        static let name = "thidua_transition_lock_many"
        static let sql =
            readSQL.replacingOccurrences(of: "n.id = $2", with: "n.id = ANY($2::bigint[])") + " ORDER BY n.id FOR UPDATE OF n"
        typealias Row = ReadRow
        static let bindingDataTypes: [PostgresDataType] = [.text, .int8Array]
        let provinceCode: String
        let ids: [Int]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(provinceCode)
            bindings.append(ids)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Many nominations, of any province, with their facts, without locks: the batched path,
    /// where each row's write checks its version.
    struct ReadRows: PostgresPreparedStatement {
        static let name = "thidua_transition_read_rows"
        static let sql = """
            SELECT \(NominationStore.qualifiedColumns),
                   coalesce((SELECT array_agg(DISTINCT d.kind) FROM nomination_documents d
                             WHERE d.province_code = n.province_code AND d.nomination_id = n.id), '{}'),
                   floor(extract(epoch FROM now() - n.state_since) / 86400)::int
            FROM unnest($1::text[], $2::bigint[]) AS k(province_code, id)
            JOIN nominations n ON n.province_code = k.province_code AND n.id = k.id
            """
        typealias Row = ReadRow
        static let bindingDataTypes: [PostgresDataType] = [.textArray, .int8Array]
        let keys: [NominationKey]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(keys.map(\.provinceCode))
            bindings.append(keys.map(\.id))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Transitions of many nominations, each with its own action, actor, comment and version,
    /// set-based: states, due dates, transition rows and one audit record per nomination's chain,
    /// in one statement. A row still at the version it was decided on is written; the others are
    /// left as they are and not returned (someone else moved them first).
    struct WriteRows: PostgresPreparedStatement {
        static let name = "thidua_transition_write_rows"
        static let sql = """
            WITH v AS (
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bool[], $5::int[], $6::int[], $7::text[], $8::text[],
                                     $9::text[], $10::bigint[], $11::text[], $12::text[])
                    AS v(v_province, v_id, v_to, v_open, v_deadline, v_version, v_from, v_payload, v_action, v_actor, v_comment, v_requested)
            ), updated AS (
                UPDATE nominations n SET state = v.v_to, version = n.version + 1, last_seq = n.last_seq + 1, is_open = v.v_open,
                       state_since = CASE WHEN n.state <> v.v_to THEN now() ELSE n.state_since END,
                       due_on = CASE WHEN n.state = v.v_to THEN n.due_on
                                     ELSE add_working_days((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, nullif(v.v_deadline, -1)) END
                FROM v WHERE n.province_code = v.v_province AND n.id = v.v_id AND n.version = v.v_version
                RETURNING \(NominationStore.columns), n.last_seq
            ), written AS (
                SELECT v.*, u.last_seq FROM v JOIN updated u ON u.province_code = v.v_province AND u.id = v.v_id
            ), transition AS (
                INSERT INTO nomination_transitions (province_code, nomination_id, seq, from_state, to_state, action, actor_id, comment,
                                                    requested_documents)
                SELECT w.v_province, w.v_id, w.last_seq, w.v_from, w.v_to, w.v_action, nullif(w.v_actor, -1), nullif(w.v_comment, ''),
                       string_to_array(nullif(w.v_requested, ''), ',')
                FROM written w
            ), audited AS (
                SELECT count(audit_append(w.v_province, 'nomination:' || w.v_id, nullif(w.v_actor, -1), w.v_action, w.v_payload)) AS records
                FROM written w
            )
            SELECT updated.* FROM updated, audited
            """
        typealias Row = NominationStore.Row
        static let bindingDataTypes: [PostgresDataType] = [
            .textArray, .int8Array, .textArray, .boolArray, .int4Array, .int4Array, .textArray, .textArray, .textArray, .int8Array,
            .textArray, .textArray,
        ]

        /// One nomination's transition.
        struct Entry {
            let key: NominationKey
            let toState: String
            let isOpen: Bool
            /// nil: the step entered has no deadline.
            let deadline: Int?
            let version: Int
            let fromState: String
            let payload: String
            let action: String
            let actorID: Int?
            let comment: String?
            /// For a return: the document kinds the submitter must add.
            let requested: [String]?
        }

        let entries: [Entry]

        func makeBindings() throws -> PostgresBindings {
            // PostgresNIO binds arrays of non-optional elements: no actor travels as -1, no comment
            // and no requested kinds as empty text (kinds joined by commas; ids have none).
            var bindings = PostgresBindings(capacity: 12)
            bindings.append(entries.map(\.key.provinceCode))
            bindings.append(entries.map(\.key.id))
            bindings.append(entries.map(\.toState))
            bindings.append(entries.map(\.isOpen))
            bindings.append(entries.map { Int32($0.deadline ?? -1) })
            bindings.append(entries.map { Int32($0.version) })
            bindings.append(entries.map(\.fromState))
            bindings.append(entries.map(\.payload))
            bindings.append(entries.map(\.action))
            bindings.append(entries.map { $0.actorID ?? -1 })
            bindings.append(entries.map { $0.comment ?? "" })
            bindings.append(entries.map { $0.requested?.joined(separator: ",") ?? "" })
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try TransitionStatements.droppingCounter(row) }
    }
}
