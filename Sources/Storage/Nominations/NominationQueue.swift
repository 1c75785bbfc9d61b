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

    /// Open nominations whose unit lies in `scopes` (nil: everywhere): overdue ones first, then the
    /// oldest in their step.
    /// `search` matches names without diacritics too ("nguyen van an" finds "Nguyễn Văn An").
    public func list(
        scopes: [Int]?,
        state: String?,
        award: String?,
        search: String?,
        overdueOnly: Bool = false,
        page: Int,
        pageSize: Int
    ) async throws -> ([NominationStore.Nomination], [String: Int]) {
        let pattern = search.map { "%" + $0.folded.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "\\", with: "") + "%" }
        let visible = """
            n.is_open AND (\(scopes == nil) OR EXISTS (SELECT 1 FROM admin_unit_scope s WHERE s.unit_id = n.unit_id AND s.scope_id = ANY($1)))
            AND ($2::text IS NULL OR n.award = $2) AND ($3::text IS NULL OR n.nominee_folded LIKE $3 OR n.nominee_key = $4)
            """
        var bindings = PostgresBindings()
        bindings.append(scopes ?? [])
        bindings.append(award)
        bindings.append(pattern)
        bindings.append(search)
        let countsQuery = PostgresQuery(
            unsafeSQL: "SELECT n.state, count(*)::int FROM nominations n WHERE \(visible) GROUP BY n.state",
            binds: bindings
        )
        var counts: [String: Int] = [:]
        for try await (state, count) in try await client.query(countsQuery, logger: logger).decode((String, Int).self) { counts[state] = count }

        var listBindings = bindings
        listBindings.append(state)
        listBindings.append(pageSize)
        listBindings.append((page - 1) * pageSize)
        listBindings.append(overdueOnly)
        // Overdue first (by how long they have been due), then the oldest in their step.
        let listQuery = PostgresQuery(
            unsafeSQL: """
                SELECT \(NominationStore.columns) FROM nominations n
                WHERE \(visible) AND ($5::text IS NULL OR n.state = $5)
                  AND (NOT $8 OR n.due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                ORDER BY coalesce(n.due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, false) DESC, n.due_on, n.state_since, n.id
                LIMIT $6 OFFSET $7
                """,
            binds: listBindings
        )
        var items: [NominationStore.Nomination] = []
        for try await row in try await client.query(listQuery, logger: logger).decode(NominationStore.Row.self) {
            items.append(NominationStore.nomination(row))
        }
        return (items, counts)
    }
}
