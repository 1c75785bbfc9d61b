import Logging
import PostgresNIO

/// The smallest question the database can answer: whether a connection still reaches a server
/// that executes statements (the web application's availability monitor asks it twice a second).
public enum DatabaseProbe {
    public static func answers(_ connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query("SELECT 1", logger: logger)
        for try await _ in rows {}
    }

    /// The server's connections opened by ThiDua's pools, by state (active, idle, idle in
    /// transaction, …): the pool's use as the database sees it, for the operators' metrics.
    public static func connections(_ client: PostgresClient, logger: Logger) async throws -> [String: Int] {
        let rows = try await client.query(
            """
            SELECT coalesce(state, 'unknown'), count(*)::int FROM pg_stat_activity
            WHERE application_name = 'thidua' AND datname = current_database() GROUP BY 1
            """,
            logger: logger
        )
        var counts: [String: Int] = [:]
        for try await (state, count) in rows.decode((String, Int).self) { counts[state] = count }
        return counts
    }
}
