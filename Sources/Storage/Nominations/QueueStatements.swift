import PostgresNIO

/// The queue's two statements, prepared once per connection: a page of the queue is requested far
/// more often than anything else, and planning the list (a lateral read per unit in scope) cost
/// about a millisecond each time — as much as running it.
enum QueueStatements {
    /// Which units (the person's scope, narrowed to a unit when one is chosen) and which of their
    /// open nominations (every filter but the state): $1 to $10 of both statements, and $11 "all
    /// units" for system administrators.
    static let inScope = """
        ($11 OR n.unit_id = ANY(ARRAY(SELECT s.unit_id FROM admin_unit_scope s WHERE s.scope_id = ANY($1))))
        AND ($7::bigint IS NULL OR n.unit_id = ANY(ARRAY(SELECT s.unit_id FROM admin_unit_scope s WHERE s.scope_id = $7)))
        """
    static let matchingSQL = """
        n.is_open
        AND ($2::text IS NULL OR n.award = $2) AND ($3::text IS NULL OR n.nominee_folded LIKE $3 OR n.nominee_key = $4)
        AND ($5::bigint IS NULL OR n.round_id = $5) AND ($6::text IS NULL OR n.nominee_kind = $6)
        AND (NOT $8 OR n.due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
        AND ($9::text[] IS NULL OR n.state = ANY($9))
        AND (NOT $10 OR (SELECT t.action FROM nomination_transitions t WHERE t.province_code = n.province_code
                         AND t.nomination_id = n.id ORDER BY t.seq DESC LIMIT 1) IN ('return', 'central_return'))
        """
    static let matchingTypes: [PostgresDataType] = [.int8Array, .text, .text, .text, .int8, .text, .int8, .bool, .textArray, .bool, .bool]

    struct Matching: Sendable {
        let filter: NominationQueue.Filter
        let pattern: String?
        let search: String?

        func append(to bindings: inout PostgresBindings) {
            bindings.append(filter.scopes ?? [])
            bindings.append(filter.award)
            bindings.append(pattern)
            bindings.append(search)
            bindings.append(filter.roundID)
            bindings.append(filter.nomineeKind)
            bindings.append(filter.unitID)
            bindings.append(filter.overdueOnly)
            bindings.append(filter.states)
            bindings.append(filter.returnedOnly)
            bindings.append(filter.scopes == nil)
        }
    }

    struct Counts: PostgresPreparedStatement {
        static let name = "thidua_queue_counts"
        static let sql = "SELECT n.state, count(*)::int FROM nominations n WHERE \(QueueStatements.inScope) AND \(matchingSQL) GROUP BY n.state"
        static let bindingDataTypes = matchingTypes
        typealias Row = (String, Int)
        let matching: Matching

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 11)
            matching.append(to: &bindings)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The page's keys first: each unit in scope gives its first rows in queue order from the
    /// queue index (unit, due date, time in step, id; the step included) of its province's
    /// partition (pruned for each unit as the loop runs), and the page is the
    /// first of those — a province of 100,000 open nominations reads a few hundred index entries,
    /// not all of them and a sort. Then the rows by primary key.
    struct List: PostgresPreparedStatement {
        static let name = "thidua_queue_list"
        static let sql = """
            WITH units AS (
                SELECT u.id AS unit_id, u.province_code FROM admin_units u
                WHERE ($11 OR u.id IN (SELECT s.unit_id FROM admin_unit_scope s WHERE s.scope_id = ANY($1)))
                  AND ($7::bigint IS NULL OR u.id IN (SELECT s.unit_id FROM admin_unit_scope s WHERE s.scope_id = $7))
            ), page AS (
                SELECT first.* FROM units CROSS JOIN LATERAL (
                    SELECT n.province_code, n.id, n.due_on, n.state_since FROM nominations n
                    WHERE n.unit_id = units.unit_id AND n.province_code = units.province_code AND \(QueueStatements.matchingSQL) AND ($12::text IS NULL OR n.state = $12)
                    ORDER BY n.due_on NULLS LAST, n.state_since, n.id
                    LIMIT $13 + $14
                ) first
                ORDER BY first.due_on NULLS LAST, first.state_since, first.id
                LIMIT $13 OFFSET $14
            )
            SELECT \(NominationStore.qualifiedColumns)
            FROM page JOIN nominations n ON n.province_code = page.province_code AND n.id = page.id
            ORDER BY page.due_on NULLS LAST, page.state_since, page.id
            """
        static let bindingDataTypes = matchingTypes + [.text, .int8, .int8]
        typealias Row = NominationStore.Row
        let matching: Matching
        let state: String?
        let limit: Int
        let offset: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 14)
            matching.append(to: &bindings)
            bindings.append(state)
            bindings.append(limit)
            bindings.append(offset)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}
