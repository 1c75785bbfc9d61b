import Foundation
import Logging
import PostgresNIO

/// Reads `postgres://user:password@host:port/database?sslmode=…` into a client configuration.
/// A host that starts with `/` (or `?host=/path`) is a unix socket directory.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public let username: String
    public let password: String?
    public let host: String
    public let port: Int
    public let database: String
    public let requireTLS: Bool

    public enum ParseError: Error, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self {
            case .invalid(let why): "THIDUA_DATABASE_URL không hợp lệ: \(why) (expected postgres://user:password@host:port/database)"
            }
        }
    }

    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else { throw ParseError.invalid("cần bắt đầu bằng postgres://") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        guard let user = components.user ?? query["user"], !user.isEmpty else { throw ParseError.invalid("thiếu tên người dùng") }
        username = user.removingPercentEncoding ?? user
        password = (components.password ?? query["password"]).map { $0.removingPercentEncoding ?? $0 }
        host = query["host"] ?? (components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1")
        port = components.port ?? Int(query["port"] ?? "") ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty else { throw ParseError.invalid("thiếu tên cơ sở dữ liệu") }
        database = path
        requireTLS = ["require", "verify-ca", "verify-full"].contains(query["sslmode"] ?? "")
    }

    /// The URL with the password hidden, for logs.
    public var description: String { "postgres://\(username):***@\(host):\(port)/\(database)" }

    public func clientConfiguration(maximumConnections: Int = 20) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if host.hasPrefix("/") {
            configuration = .init(
                unixSocketPath: "\(host)/.s.PGSQL.\(port)",
                username: username,
                password: password,
                database: database
            )
        } else {
            configuration = .init(
                host: host,
                port: port,
                username: username,
                password: password,
                database: database,
                tls: requireTLS ? .require(.makeClientConfiguration()) : .disable
            )
        }
        configuration.options.maximumConnections = maximumConnections
        // At least one connection kept: postgres-nio 1.33 opens a replacement for a connection
        // that closed only below this minimum, so with 0 a request queued at a full pool could
        // wait for ever once a busy connection dropped (vapor/postgres-nio#657).
        configuration.options.minimumConnections = 1
        configuration.options.additionalStartupParameters = Self.startupParameters(application: "thidua")
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}

extension DatabaseURL {
    /// Sent with every connection we open. JIT compilation cost 150 ms and more on page queries
    /// the planner guesses to be large; ours are short transactions and indexed page queries, so it
    /// is off (a setting on the database would need its owner's rights). `application_name` lets
    /// the operators' views of pg_stat_activity (and /metrics) tell our connections apart.
    static func startupParameters(application: String) -> [(String, String)] {
        [("jit", "off"), ("application_name", application)]
    }

    /// The settings of one connection outside any pool: a probe that must fail at once when the
    /// server refuses, where a pool would wait and retry.
    public func connectionConfiguration(connectTimeout: Duration = .seconds(2)) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if host.hasPrefix("/") {
            configuration = .init(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        } else {
            configuration = .init(
                host: host,
                port: port,
                username: username,
                password: password,
                database: database,
                tls: requireTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
            )
        }
        configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout.components.seconds * 1000))
        configuration.options.additionalStartupParameters = Self.startupParameters(application: "thidua-probe")
        return configuration
    }
}

extension DatabaseURL {
    /// Runs `body` with a client connected to this database, the client's pool running beside it
    /// for the body's duration, then shut down: how commands, benchmarks and tests use a database.
    public func withClient<T: Sendable>(
        maximumConnections: Int,
        logger: Logger,
        _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: clientConfiguration(maximumConnections: maximumConnections), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
