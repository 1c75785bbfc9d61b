import Logging
import PostgresNIO
import Tabular

/// The open nominations a person may see, with filters, paging and counts per state.
public struct NominationQueue: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public struct Filter: Sendable, Equatable {
        /// Units whose scope the person works in; nil: everywhere (system administrators).
        public var scopes: [Int]?
        public var state: String?
        public var award: String?
        public var roundID: Int?
        public var nomineeKind: String?
        /// A unit (and what lies under it) to narrow the queue to.
        public var unitID: Int?
        /// Matches names without diacritics too ("nguyen van an" finds "Nguyễn Văn An"), or a key.
        public var search: String?
        public var overdueOnly = false
        /// Only these steps (the person's own: "Việc của tôi"); nil: every step.
        public var states: [String]?
        /// Only nominations whose last move sent them back for supplement.
        public var returnedOnly = false

        public init(scopes: [Int]?) { self.scopes = scopes }
    }

    public struct Page: Sendable {
        public let items: [NominationStore.Nomination]
        /// Per state, over every filter but the state (to show beside the state filter).
        public let countsByState: [String: Int]
        /// Items matching every filter, for paging.
        public let total: Int
    }

    /// By due date: overdue first (the longest overdue first), then what falls due soonest, then
    /// steps without a deadline, oldest in their step first. Answered from the queue indexes.
    public func list(_ filter: Filter, page: Int, pageSize: Int) async throws -> Page {
        let search = filter.search?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        // Only wildcards typed: match the identifier exactly and no name, never every name.
        let pattern = ListWindow.containsPattern(search, folded: true) ?? search.map { _ in "" }
        let visible = """
            n.is_open AND (\(filter.scopes == nil) OR n.unit_id = ANY(ARRAY(SELECT s.unit_id FROM admin_unit_scope s WHERE s.scope_id = ANY($1))))
            AND ($2::text IS NULL OR n.award = $2) AND ($3::text IS NULL OR n.nominee_folded LIKE $3 OR n.nominee_key = $4)
            AND ($5::bigint IS NULL OR n.round_id = $5) AND ($6::text IS NULL OR n.nominee_kind = $6)
            AND ($7::bigint IS NULL OR n.unit_id = ANY(ARRAY(SELECT s.unit_id FROM admin_unit_scope s WHERE s.scope_id = $7)))
            AND (NOT $8 OR n.due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
            AND ($9::text[] IS NULL OR n.state = ANY($9))
            AND (NOT $10 OR (SELECT t.action FROM nomination_transitions t WHERE t.province_code = n.province_code
                             AND t.nomination_id = n.id ORDER BY t.seq DESC LIMIT 1) IN ('return', 'central_return'))
            """
        var bindings = PostgresBindings()
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
        let countsQuery = PostgresQuery(
            unsafeSQL: "SELECT n.state, count(*)::int FROM nominations n WHERE \(visible) GROUP BY n.state",
            binds: bindings
        )
        var counts: [String: Int] = [:]
        for try await (state, count) in try await client.query(countsQuery, logger: logger).decode((String, Int).self) { counts[state] = count }

        var listBindings = bindings
        listBindings.append(filter.state)
        listBindings.append(pageSize)
        listBindings.append(ListWindow.offset(page: page, size: pageSize))
        // The page's keys first, from the queue index alone (an index-only scan of the units in
        // scope), then their rows by primary key: no scan of the whole table.
        let listQuery = PostgresQuery(
            unsafeSQL: """
                WITH page AS (
                    SELECT n.province_code, n.id, n.due_on, n.state_since FROM nominations n
                    WHERE \(visible) AND ($11::text IS NULL OR n.state = $11)
                    ORDER BY n.due_on NULLS LAST, n.state_since, n.id
                    LIMIT $12 OFFSET $13
                )
                SELECT \(NominationStore.qualifiedColumns)
                FROM page JOIN nominations n ON n.province_code = page.province_code AND n.id = page.id
                ORDER BY page.due_on NULLS LAST, page.state_since, page.id
                """,
            binds: listBindings
        )
        var items: [NominationStore.Nomination] = []
        for try await row in try await client.query(listQuery, logger: logger).decode(NominationStore.Row.self) {
            items.append(try NominationStore.nomination(row))
        }
        let total = filter.state.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
        return Page(items: items, countsByState: counts, total: total)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
