import Logging
import PostgresNIO

/// The smallest question the database can answer: whether a connection still reaches a server
/// that executes statements (the web application's availability monitor asks it twice a second).
public enum DatabaseProbe {
    public static func answers(_ connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query("SELECT 1", logger: logger)
        for try await _ in rows {}
    }
}
