import Foundation
import Logging
import PostgresNIO

/// Runs a periodic job at most once at a time across every server on the database, and at most
/// once per period: a session advisory lock held on one connection for the job's length (a
/// server that finds it held skips its turn), then `job_runs` says whether the job ran recently.
/// The job's own work uses the pool's other connections.
public struct JobRunner: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// Who runs it, as `job_runs.last_server` records: host and process.
    let server: String

    public init(client: PostgresClient, logger: Logger, server: String = JobRunner.thisServer) {
        self.client = client
        self.logger = logger
        self.server = server
    }

    public static var thisServer: String { "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)" }

    /// Advisory locks of jobs, apart from the migrator's (`pg_advisory_xact_lock(727274001)`).
    static let lockSpace: Int32 = 727_274_002

    public enum Outcome<Value: Sendable>: Sendable {
        case ran(Value)
        /// Another server runs it now.
        case runningElsewhere
        /// It ran within its period (by this server or another).
        case notDue(lastStarted: Date)
    }

    /// Runs `body` as the job `name` unless another server runs it now or it started less than
    /// `every` ago (`.zero`: whenever no other run holds it, as an operator's command does).
    public func run<Value: Sendable>(
        _ name: String,
        every: Duration = .zero,
        _ body: @Sendable () async throws -> Value
    ) async throws -> Outcome<Value> {
        let logger = logger
        let server = server
        let seconds = Double(every.components.seconds)
        return try await client.withConnection { connection in
            var taken = false
            for try await value in try await connection.query(
                "SELECT pg_try_advisory_lock(\(Self.lockSpace), hashtext(\(name)))",
                logger: logger
            ).decode(Bool.self) { taken = value }
            guard taken else { return .runningElsewhere }
            do {
                // Due by the database's clock; a run that failed does not count (retried next look).
                var last: (Date, Bool)?
                for try await row in try await connection.query(
                    """
                    SELECT last_started_at, last_outcome LIKE 'ok:%' AND now() - last_started_at < make_interval(secs => \(seconds))
                    FROM job_runs WHERE name = \(name)
                    """,
                    logger: logger
                ).decode((Date, Bool).self) { last = row }
                if let last, seconds > 0, last.1 {
                    try await Self.unlock(name, connection, logger: logger)
                    return .notDue(lastStarted: last.0)
                }
                try await connection.query(
                    """
                    INSERT INTO job_runs (name, last_started_at, last_finished_at, last_outcome, last_server)
                    VALUES (\(name), now(), NULL, '', \(Self.bounded(server, 200)))
                    ON CONFLICT (name) DO UPDATE SET last_started_at = now(), last_finished_at = NULL, last_outcome = '',
                        last_server = \(Self.bounded(server, 200))
                    """,
                    logger: logger
                )
                let value: Value
                do {
                    value = try await body()
                } catch {
                    try? await Self.finish(name, outcome: Self.bounded("lỗi: \(error)", 2_000), connection, logger: logger)
                    throw error
                }
                try await Self.finish(name, outcome: Self.bounded("ok: \(value)", 2_000), connection, logger: logger)
                try await Self.unlock(name, connection, logger: logger)
                return .ran(value)
            } catch {
                try? await Self.unlock(name, connection, logger: logger)
                throw error
            }
        }
    }

    /// At most `most` characters as PostgreSQL counts them (code points), for the table's checks.
    static func bounded(_ text: String, _ most: Int) -> String { String(String.UnicodeScalarView(text.unicodeScalars.prefix(most))) }

    static func finish(_ name: String, outcome: String, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "UPDATE job_runs SET last_finished_at = now(), last_outcome = \(outcome) WHERE name = \(name)",
            logger: logger
        )
    }

    static func unlock(_ name: String, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_unlock(\(lockSpace), hashtext(\(name)))", logger: logger)
    }

    /// The last run of every job, for operators.
    public func lastRuns() async throws -> [(name: String, started: Date, finished: Date?, outcome: String, server: String)] {
        var out: [(String, Date, Date?, String, String)] = []
        let rows = try await client.query(
            "SELECT name, last_started_at, last_finished_at, last_outcome, last_server FROM job_runs ORDER BY name",
            logger: logger
        )
        for try await row in rows.decode((String, Date, Date?, String, String).self) { out.append(row) }
        return out.map { (name: $0.0, started: $0.1, finished: $0.2, outcome: $0.3, server: $0.4) }
    }
}
