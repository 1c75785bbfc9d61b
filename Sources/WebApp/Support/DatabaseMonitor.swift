import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle

/// Whether the database answers, asked twice a second on a one-connection pool of its own (so a
/// busy main pool never looks like an outage). postgres-nio's pool waits for ever for a connection
/// while the database is away; with this, requests are refused at once with 503 instead, and
/// served again as soon as a probe succeeds.
final class DatabaseMonitor: Service, @unchecked Sendable {
    // @unchecked: the one mutable field is read and written under `lock`.
    private let lock = NSLock()
    private var reachable = true
    private let probe: PostgresClient
    private let interval: Duration
    private let timeout: Duration
    private let logger: Logger

    init(probe: PostgresClient, interval: Duration = .milliseconds(500), timeout: Duration = .milliseconds(1500), logger: Logger) {
        self.probe = probe
        self.interval = interval
        self.timeout = timeout
        self.logger = logger
    }

    var isReachable: Bool { lock.withLock { reachable } }

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.probe.run() }
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    let answered = await self.answers()
                    let changed = self.lock.withLock {
                        defer { self.reachable = answered }
                        return self.reachable != answered
                    }
                    if changed {
                        if answered { self.logger.notice("database reachable again") } else { self.logger.error("database unreachable") }
                    }
                    try? await Task.sleep(for: self.interval)
                }
            }
            group.cancelAll()
        }
    }

    /// One `SELECT 1`, given `timeout` to answer.
    private func answers() async -> Bool {
        let probe = probe
        let logger = logger
        let timeout = timeout
        return await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do {
                    let rows = try await probe.query("SELECT 1", logger: logger)
                    for try await _ in rows {}
                    return true
                } catch {
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
    }
}

/// Answers 503 at once, as a problem document or a page, while the database is unreachable —
/// rather than letting the request wait for a connection that will not come — and cancels a
/// request already waiting when the database goes away under it. Static files, the anonymous
/// `/health` (the process answers) and `/ready` (which says why it is not ready) pass.
struct DatabaseAvailabilityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let monitor: DatabaseMonitor
    /// How often a waiting request looks at the monitor.
    var poll: Duration = .milliseconds(250)

    struct Unavailable: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // `/ready` answers for itself within its own timeout, as a problem document.
        if path.hasPrefix("/static/") || ((path == "/health" || path == "/ready") && request.headers[.authorization] == nil) {
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
