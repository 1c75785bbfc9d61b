import Foundation
import Logging
import PostgresNIO
import Storage

/// A database of its own for one test, in the throw-away cluster that `make test` starts.
///
/// Without `THIDUA_TEST_DATABASE_URL` a test that needs PostgreSQL fails with a message saying
/// how to run it; it never skips.
public struct TestDatabase: Sendable {
    public let name: String
    public let url: String
    public let client: PostgresClient

    public struct NotConfigured: Error, CustomStringConvertible {
        public let description =
            "THIDUA_TEST_DATABASE_URL is not set: run the tests with `make test`, which starts a throw-away PostgreSQL cluster."
    }

    public static var logger: Logger {
        var logger = Logger(label: "thidua.test")
        logger.logLevel = .warning
        return logger
    }

    /// The repository's `sql/` folder.
    public static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sql")
    }

    public static func adminURL() throws -> DatabaseURL {
        guard let text = ProcessInfo.processInfo.environment["THIDUA_TEST_DATABASE_URL"], !text.isEmpty else {
            throw NotConfigured()
        }
        return try DatabaseURL(text)
    }

    /// Creates an empty database (migrated unless `migrated` is false), runs `body` with a client
    /// connected to it, and drops it afterwards.
    public static func withFresh<T: Sendable>(
        migrated: Bool = true,
        on cluster: DatabaseURL? = nil,
        _ body: @Sendable (TestDatabase) async throws -> T
    ) async throws -> T {
        let admin = try cluster ?? adminURL()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await withAdmin(admin) { client in
            try await client.query("CREATE DATABASE \(unescaped: name)", logger: logger)
        }
        let url = "postgres://\(admin.username)\(admin.password.map { ":" + $0 } ?? "")@\(admin.host):\(admin.port)/\(name)"
        let client = PostgresClient(configuration: try DatabaseURL(url).clientConfiguration(maximumConnections: 10), backgroundLogger: logger)
        let database = TestDatabase(name: String(name), url: url, client: client)
        let result: Result<T, any Error> = await withTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            do {
                if migrated {
                    let files = try MigrationFile.load(from: migrationsDirectory)
                    try await Migrator(client: client, files: files, logger: logger).migrate()
                }
                return .success(try await body(database))
            } catch {
                return .failure(error)
            }
        }
        try? await withAdmin(admin) { client in
            try await client.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: logger)
        }
        return try result.get()
    }

    private static func withAdmin(_ url: DatabaseURL, _ body: @Sendable (PostgresClient) async throws -> Void) async throws {
        try await url.withClient(maximumConnections: 1, logger: logger, body)
    }

    /// Runs one query and returns the first column of the first row.
    public func scalar<T: PostgresDecodable & Sendable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T? {
        let rows = try await client.query(query, logger: Self.logger)
        for try await value in rows.decode(T.self) { return value }
        return nil
    }
}
