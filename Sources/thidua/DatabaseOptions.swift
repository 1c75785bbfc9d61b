import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import Storage

/// The database a command works on: `--database-url`, else `THIDUA_DATABASE_URL`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "postgres://user:password@host:port/database (default: $THIDUA_DATABASE_URL)")
    var databaseURL: String?

    @Option(help: "Folder of the numbered migration files.")
    var migrations: String = ProcessInfo.processInfo.environment["THIDUA_MIGRATIONS_DIR"] ?? "sql"

    func resolvedURL() throws -> String {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let url = ProcessInfo.processInfo.environment["THIDUA_DATABASE_URL"], !url.isEmpty { return url }
        throw ValidationError("Chưa chỉ định cơ sở dữ liệu: đặt THIDUA_DATABASE_URL hoặc dùng --database-url.")
    }

    /// Runs `body` with a connected client, then shuts the client down.
    func withClient<T: Sendable>(logger: Logger, _ body: @escaping @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let url = try DatabaseURL(try resolvedURL())
        // The pool's own chatter (a lease asked for a moment before run() starts) is not the user's concern.
        var background = logger
        background.logLevel = .error
        do {
            return try await url.withClient(maximumConnections: 4, logger: background, body)
        } catch let error as PSQLError {
            throw CommandFailure(Self.explain(error, url: url))
        }
    }

    static func explain(_ error: PSQLError, url: DatabaseURL) -> String {
        if let message = error.serverInfo?[.message] {
            return "Lỗi cơ sở dữ liệu: \(message)"
        }
        return "Không kết nối được cơ sở dữ liệu \(url) (\(error.code)). Kiểm tra PostgreSQL đang chạy (make run khởi động cụm riêng)."
    }
}

/// A failure to report as one line, with exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Logger {
    static func cli(level: Logger.Level = .warning) -> Logger {
        var logger = Logger(label: "thidua")
        logger.logLevel = ProcessInfo.processInfo.environment["THIDUA_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? level
        return logger
    }
}
