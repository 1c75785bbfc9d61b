import Foundation
import Logging
import PostgresNIO

/// Applies the numbered files of `sql/` in order, each once and in its own transaction, and records
/// each with its checksum in `schema_migrations`.
public struct Migrator: Sendable {
    public let client: PostgresClient
    public let files: [MigrationFile]
    public let logger: Logger

    public init(client: PostgresClient, files: [MigrationFile], logger: Logger) {
        self.client = client
        self.files = files
        self.logger = logger
    }

    /// Where the database stands against the files.
    public struct Status: Sendable, Equatable {
        public let applied: [Int]
        public let pending: [MigrationFile]
        public var isCurrent: Bool { pending.isEmpty }
    }

    /// Compares the recorded migrations with the files; a tampered or missing applied file throws.
    public func status() async throws -> Status {
        let applied = try await appliedMigrations()
        return try compare(applied: applied)
    }

    /// Applies what is pending and returns it; with `dryRun` only returns what would be applied.
    @discardableResult
    public func migrate(dryRun: Bool = false) async throws -> [MigrationFile] {
        if !dryRun {
            try await client.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                logger: logger
            )
        }
        let pending = try await status().pending
        if dryRun { return pending }
        for file in pending {
            try await apply(file)
        }
        return pending
    }

    private func apply(_ file: MigrationFile) async throws {
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            // Serialises concurrent migrators (two app servers starting at once).
            try await connection.query("SELECT pg_advisory_xact_lock(727274001)", logger: logger)
            let already = try await connection.query(
                "SELECT checksum FROM schema_migrations WHERE version = \(file.version)",
                logger: logger
            )
            for try await _ in already { return }
            for statement in SQLScript.statements(in: file.sql) {
                do {
                    // Rows are read to the end: a statement's error can arrive with them (a SELECT of
                    // a function that fails), and must name this statement, not the next one.
                    for try await _ in try await connection.query(PostgresQuery(unsafeSQL: statement.text), logger: logger) {}
                } catch let error as PSQLError {
                    throw MigrationError.statementFailed(
                        fileName: file.fileName,
                        line: statement.line,
                        message: error.serverInfo?[.message] ?? String(reflecting: error)
                    )
                }
            }
            try await connection.query(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(file.version), \(file.name), \(file.checksum))",
                logger: logger
            )
        }
        logger.info("migration applied", metadata: ["migration.version": "\(file.version)", "migration.file": "\(file.fileName)"])
    }

    private func appliedMigrations() async throws -> [(version: Int, name: String, checksum: String)] {
        let exists = try await client.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
        var tableExists = false
        for try await (flag) in exists.decode(Bool.self) { tableExists = flag }
        guard tableExists else { return [] }
        let rows = try await client.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version", logger: logger)
        var applied: [(Int, String, String)] = []
        for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
            applied.append((version, name, checksum))
        }
        return applied
    }

    private func compare(applied: [(version: Int, name: String, checksum: String)]) throws -> Status {
        let byVersion = Dictionary(uniqueKeysWithValues: files.map { ($0.version, $0) })
        for record in applied {
            guard let file = byVersion[record.version] else {
                throw MigrationError.appliedFileMissing(
                    version: record.version,
                    fileName: "\(String(format: "%03d", record.version))_\(record.name).sql"
                )
            }
            guard file.checksum == record.checksum else {
                throw MigrationError.checksumMismatch(
                    version: file.version,
                    fileName: file.fileName,
                    applied: record.checksum,
                    onDisk: file.checksum
                )
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        return Status(applied: applied.map(\.version), pending: files.filter { !appliedVersions.contains($0.version) })
    }
}
