import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import Storage

/// The database a command works on: `--database-url`, else `THIDUA_DATABASE_URL`, else the
/// private cluster `make run` keeps in `.data` of the working directory (saying so).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "postgres://user:password@host:port/database (default: $THIDUA_DATABASE_URL)")
    var databaseURL: String?

    @Option(help: "Folder of the numbered migration files.")
    var migrations: String = ProcessInfo.processInfo.environment["THIDUA_MIGRATIONS_DIR"] ?? "sql"

    func resolvedURL() throws -> String {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let url = ProcessInfo.processInfo.environment["THIDUA_DATABASE_URL"], !url.isEmpty { return url }
        if let local = Self.localCluster(in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
            let shown = (try? DatabaseURL(local)).map(String.init(describing:)) ?? "cụm cục bộ"
            FileHandle.standardError.write(Data("Dùng cơ sở dữ liệu của cụm cục bộ (make run): \(shown)\n".utf8))
            return local
        }
        throw ValidationError(
            "Chưa chỉ định cơ sở dữ liệu: đặt THIDUA_DATABASE_URL, dùng --database-url, hoặc chạy lệnh trong thư mục đã chạy make run."
        )
    }

    /// The URL of the cluster `make run` made in `folder/.data` (its password file, and the port
    /// its configuration names), or nil when there is none.
    static func localCluster(in folder: URL) -> String? {
        let data = folder.appendingPathComponent(".data")
        guard
            let password = try? String(contentsOf: data.appendingPathComponent("password"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines), !password.isEmpty
        else { return nil }
        var port = 54329
        if let configuration = try? String(contentsOf: data.appendingPathComponent("pg/postgresql.conf"), encoding: .utf8) {
            for line in configuration.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == "port", let value = Int(parts[1].prefix { $0.isNumber }) { port = value }
            }
        }
        let escaped = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password
        return "postgres://thidua:\(escaped)@127.0.0.1:\(port)/thidua"
    }

    /// Runs `body` with a connected client, then shuts the client down.
    func withClient<T: Sendable>(logger: Logger, _ body: @escaping @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let url = try DatabaseURL(try resolvedURL())
        // The pool's own chatter (a lease asked for a moment before run() starts) is not the user's concern.
        var background = logger
        background.logLevel = .error
        do {
            // One direct connection first, bounded: a database that is away is said at once,
            // not after the pool has retried for a minute.
            let probe = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration(connectTimeout: .seconds(5)),
                id: 0,
                logger: background
            )
            try? await probe.close()
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
