import Foundation
import Logging

/// Server settings, read from environment variables (see docs/operations.md for the list).
public struct AppConfiguration: Sendable {
    /// `THIDUA_HOST`, default 127.0.0.1.
    public var host: String = "127.0.0.1"
    /// `THIDUA_PORT`, default 8080.
    public var port: Int = 8080
    /// `THIDUA_DATABASE_URL`, required: `postgres://user:password@host:port/database`.
    public var databaseURL: String
    /// `THIDUA_MIGRATIONS_DIR`, default `sql` (relative to the working directory).
    public var migrationsDirectory: String = "sql"
    /// `THIDUA_PUBLIC_URL`: the address people use; an `https` one makes cookies `Secure`.
    public var publicURL: String = "http://127.0.0.1:8080"
    /// `THIDUA_LOG_LEVEL`: trace, debug, info (default), notice, warning, error, critical.
    public var logLevel: Logger.Level = .info
    /// `THIDUA_LOG_FORMAT`: `text` (default, one readable line per event) or `json` (one JSON
    /// object per line, for log collectors).
    public var logFormat: LogFormat = .text

    public enum LogFormat: String, Sendable { case text, json }
    /// `THIDUA_BCRYPT_COST`, default 12.
    public var bcryptCost: UInt8 = 12
    /// `THIDUA_SESSION_HOURS`, default 12: a working day.
    public var sessionHours: Int = 12
    /// `THIDUA_DB_POOL_SIZE`, default 20 connections.
    public var databasePoolSize: Int = 20
    /// The longest a request may take before it is cancelled and answered 503 (THIDUA_REQUEST_DEADLINE_SECONDS):
    /// above the slowest honest work (a PDF conversion may take up to 90 s).
    public var requestDeadline: Duration = .seconds(120)
    /// How long `/ready` waits for the database before answering 503 (THIDUA_READY_TIMEOUT_SECONDS):
    /// short, for a load balancer to move on.
    public var readyTimeout: Duration = .seconds(3)

    /// `THIDUA_TRUSTED_PROXIES`: comma-separated addresses of reverse proxies whose
    /// `X-Forwarded-For` names the client (for the login throttle and logs); none by default, so a
    /// client cannot choose its own address.
    public var trustedProxies: Set<String> = []

    /// `THIDUA_METRICS_TOKEN`: a bearer token that opens `/metrics` to a scraper on another
    /// machine; without it `/metrics` answers only to the loopback address, not through a proxy.
    public var metricsToken: String?

    /// `THIDUA_JOBS`: `on` (default for `thidua serve`) runs the periodic jobs — overdue
    /// escalation, audit anchors — once across every server (`JobScheduler`); `off` leaves them to
    /// another server or to cron (`thidua nominations escalate`, `thidua audit anchor`).
    public var runsJobs = false
    /// `THIDUA_JOBS_TICK_SECONDS`, default 300: how often a server looks for a due job.
    public var jobsTick: Duration = .seconds(300)

    /// `THIDUA_READ_DATABASE_URL`: a streaming replica of the database. Reports, the public
    /// pages, lookup and exports read there while it follows the primary closely enough.
    public var readDatabaseURL: String?
    /// `THIDUA_READ_MAX_LAG_SECONDS`, default 30: beyond this lag reads go back to the primary.
    public var readMaxLag: Duration = .seconds(30)
    /// How often the replica's lag is looked at (`THIDUA_READ_CHECK_SECONDS`, default 5).
    public var readCheckInterval: Duration = .seconds(5)

    public init(databaseURL: String) {
        self.databaseURL = databaseURL
    }

    public enum ConfigurationError: Error, CustomStringConvertible {
        case missing(String)
        case invalid(String, String)
        public var description: String {
            switch self {
            case .missing(let name): "Thiếu biến môi trường \(name) (missing environment variable)."
            case .invalid(let name, let value): "Giá trị \"\(value)\" của \(name) không hợp lệ (invalid value)."
            }
        }
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        guard let url = env["THIDUA_DATABASE_URL"], !url.isEmpty else { throw ConfigurationError.missing("THIDUA_DATABASE_URL") }
        var configuration = AppConfiguration(databaseURL: url)
        func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let value = Int(text), range.contains(value) else { throw ConfigurationError.invalid(name, text) }
            return value
        }
        if let host = env["THIDUA_HOST"], !host.isEmpty { configuration.host = host }
        if let port = try integer("THIDUA_PORT", in: 1...65535) { configuration.port = port }
        if let dir = env["THIDUA_MIGRATIONS_DIR"], !dir.isEmpty { configuration.migrationsDirectory = dir }
        configuration.publicURL = env["THIDUA_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://\(configuration.host):\(configuration.port)"
        if let format = env["THIDUA_LOG_FORMAT"], !format.isEmpty {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else { throw ConfigurationError.invalid("THIDUA_LOG_FORMAT", format) }
            configuration.logFormat = parsed
        }
        if let level = env["THIDUA_LOG_LEVEL"], !level.isEmpty {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else { throw ConfigurationError.invalid("THIDUA_LOG_LEVEL", level) }
            configuration.logLevel = parsed
        }
        if let cost = try integer("THIDUA_BCRYPT_COST", in: 4...31) { configuration.bcryptCost = UInt8(cost) }
        if let hours = try integer("THIDUA_SESSION_HOURS", in: 1...720) { configuration.sessionHours = hours }
        if let size = try integer("THIDUA_DB_POOL_SIZE", in: 1...500) { configuration.databasePoolSize = size }
        if let seconds = try integer("THIDUA_REQUEST_DEADLINE_SECONDS", in: 1...3600) { configuration.requestDeadline = .seconds(seconds) }
        if let seconds = try integer("THIDUA_READY_TIMEOUT_SECONDS", in: 1...60) { configuration.readyTimeout = .seconds(seconds) }
        configuration.runsJobs = true
        if let url = env["THIDUA_READ_DATABASE_URL"], !url.isEmpty { configuration.readDatabaseURL = url }
        if let seconds = try integer("THIDUA_READ_MAX_LAG_SECONDS", in: 1...3_600) { configuration.readMaxLag = .seconds(seconds) }
        if let seconds = try integer("THIDUA_READ_CHECK_SECONDS", in: 1...600) { configuration.readCheckInterval = .seconds(seconds) }
        if let jobs = env["THIDUA_JOBS"], !jobs.isEmpty {
            switch jobs.lowercased() {
            case "on", "1", "true": configuration.runsJobs = true
            case "off", "0", "false": configuration.runsJobs = false
            default: throw ConfigurationError.invalid("THIDUA_JOBS", jobs)
            }
        }
        if let seconds = try integer("THIDUA_JOBS_TICK_SECONDS", in: 10...86_400) { configuration.jobsTick = .seconds(seconds) }
        // A job holds one connection for its lock and works on another: a pool of one would wait for ever.
        if configuration.runsJobs, configuration.databasePoolSize < 2 {
            throw ConfigurationError.invalid("THIDUA_DB_POOL_SIZE", "\(configuration.databasePoolSize) (THIDUA_JOBS=on cần ít nhất 2 kết nối)")
        }
        if let token = env["THIDUA_METRICS_TOKEN"], !token.isEmpty {
            guard token.count >= 16 else { throw ConfigurationError.invalid("THIDUA_METRICS_TOKEN", "(ít hơn 16 ký tự)") }
            configuration.metricsToken = token
        }
        if let proxies = env["THIDUA_TRUSTED_PROXIES"] {
            configuration.trustedProxies = Set(proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return configuration
    }

    /// Cookies carry `Secure` when people reach the app over HTTPS.
    public var servesTLS: Bool { publicURL.lowercased().hasPrefix("https://") }
}
