import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle
import Storage

/// Whether the database answers, asked twice a second on a connection of its own, outside the
/// pool: a refused or closed connection is seen at once (a pool would queue and retry), and a
/// busy main pool never looks like an outage. postgres-nio's pool waits for ever for a
/// connection while the database is away; with this, requests are refused at once with 503
/// instead, and served again as soon as a probe succeeds.
final class DatabaseMonitor: Service, @unchecked Sendable {
    // @unchecked: the one mutable field is read and written under `lock`.
    private let lock = NSLock()
    private var reachable = true
    private let configuration: PostgresConnection.Configuration
    private let interval: Duration
    private let timeout: Duration
    private let logger: Logger

    /// A refused or closed connection fails the probe at once. `timeout` bounds a probe that
    /// gets no answer at all (a network that drops packets); it is long, so that a database slow
    /// under load is never taken for one that is away (which would refuse every request).
    init(configuration: PostgresConnection.Configuration, interval: Duration = .milliseconds(500), timeout: Duration = .seconds(10), logger: Logger) {
        self.configuration = configuration
        self.interval = interval
        self.timeout = timeout
        self.logger = logger
    }

    var isReachable: Bool { lock.withLock { reachable } }

    func run() async throws {
        let last = try await cancelWhenGracefulShutdown {
            var connection: PostgresConnection?
            while !Task.isCancelled {
                connection = await self.probe(connection)
                let answered = connection != nil
                let changed = self.lock.withLock {
                    defer { self.reachable = answered }
                    return self.reachable != answered
                }
                if changed {
                    if answered { self.logger.notice("database reachable again") } else { self.logger.error("database unreachable") }
                }
                try? await Task.sleep(for: self.interval)
            }
            return connection
        }
        try? await last?.close()
    }

    private enum ProbeResult: Sendable {
        case answered(PostgresConnection)
        case failed
        case timedOut
    }

    /// `DatabaseProbe` on the probe's connection (opened first if there is none), given `timeout` to
    /// answer; the connection to keep, or nil when the database did not answer. Every connection
    /// this opens is closed unless it is kept, also when the answer comes after the timeout.
    private func probe(_ existing: PostgresConnection?) async -> PostgresConnection? {
        let configuration = configuration
        let logger = logger
        let timeout = timeout
        let kept = await withTaskGroup(of: ProbeResult.self) { group -> PostgresConnection? in
            group.addTask {
                var opened: PostgresConnection?
                do {
                    let connection: PostgresConnection
                    if let existing, !existing.isClosed {
                        connection = existing
                    } else {
                        connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                        opened = connection
                    }
                    try await DatabaseProbe.answers(connection, logger: logger)
                    return .answered(connection)
                } catch {
                    try? await opened?.close()
                    return .failed
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .timedOut
            }
            var kept: PostgresConnection?
            var decided = false
            for await result in group {
                if !decided {
                    decided = true
                    group.cancelAll()
                    if case .answered(let connection) = result { kept = connection }
                } else if case .answered(let late) = result {
                    // Answered after the timeout: not trusted, closed.
                    try? await late.close()
                }
            }
            return kept
        }
        if kept == nil, let existing, !existing.isClosed { try? await existing.close() }
        return kept
    }
}

/// Answers 503 at once, as a problem document or a page, while the database is unreachable —
/// rather than letting the request wait for a connection that will not come — and cancels a
/// request already waiting when the database goes away under it. Static files, the anonymous
/// `/health` (the process answers), `/ready` (which says why it is not ready) and `/metrics`
/// (which says `thidua_database_up 0`) pass.
struct DatabaseAvailabilityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let monitor: DatabaseMonitor
    /// How often a waiting request looks at the monitor.
    var poll: Duration = .milliseconds(100)

    struct Unavailable: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // `/ready` answers for itself within its own timeout, as a problem document.
        if path.hasPrefix("/static/") || path == "/metrics" || ((path == "/health" || path == "/ready") && request.headers[.authorization] == nil) {
            return try await next(request, context)
        }
        guard monitor.isReachable else { throw Unavailable() }
        let monitor = monitor
        let poll = poll
        return try await withoutActuallyEscaping(next) { next in
            // The route runs in a child task so that the watchdog can cancel it (a connection
            // lease gives up when its task is cancelled); it is called once, while this waits.
            nonisolated(unsafe) let route = next
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await route(request, context) }
                group.addTask {
                    while monitor.isReachable { try await Task.sleep(for: poll) }
                    return nil
                }
                defer { group.cancelAll() }
                guard let response = try await group.next() ?? nil else { throw Unavailable() }
                return response
            }
        }
    }
}
