import Logging
import PostgresNIO

/// How far a streaming replica's replay is behind its primary: the two catalog reads
/// `ReplicaMonitor` compares.
public enum ReplicaLag {
    /// On the replica: the WAL position it has replayed and the age in seconds of the last commit
    /// it replayed (nil when none since it started); nil when it is not a standby.
    public static func replayed(on replica: PostgresClient, logger: Logger) async throws -> (position: String, lastCommitAge: Double?)? {
        var row: (String?, Double?)?
        for try await value in try await replica.query(
            """
            SELECT pg_last_wal_replay_lsn()::text, extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
            WHERE pg_is_in_recovery()
            """,
            logger: logger
        ).decode((String?, Double?).self) { row = value }
        guard let row, let position = row.0 else { return nil }
        return (position, row.1)
    }

    /// On the primary: how many bytes of WAL it has written past `position`.
    public static func bytesBehind(_ position: String, on primary: PostgresClient, logger: Logger) async throws -> Double {
        var behind: Double = 0
        for try await bytes in try await primary.query(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), \(position)::pg_lsn)::float8",
            logger: logger
        ).decode(Double.self) { behind = bytes }
        return behind
    }
}
