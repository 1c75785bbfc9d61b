import Logging
import Metrics
import PostgresNIO
import Synchronization
import Tracing

extension PostgresClient {
    /// `withTransaction`, but a domain error thrown by `body` reaches the caller as itself rather
    /// than wrapped in `PostgresTransactionError`, so callers can match on it. Every write goes
    /// through here, so here the pool is watched: how many transactions wait for a connection
    /// now, and how long each waited (`/metrics`).
    public func transaction<Result>(
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        function: String = #function,
        file: String = #fileID,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        // A trace shows each transaction under the command that ran it, named by the store
        // function that opened it (nothing is recorded unless tracing is configured).
        let span = startSpan("db.transaction", ofKind: .client, function: function, file: file)
        span.attributes["db.system.name"] = "postgresql"
        span.attributes["code.function.name"] = function
        span.attributes["code.file.path"] = file
        defer { span.end() }
        let wait = LeaseWait()
        defer { wait.end() }
        do {
            // The span is a child of the command's; nothing inside starts a span of its own, so
            // it need not become the current context (which would cost the result's `sending`).
            return try await withTransaction(logger: logger, isolation: isolation) { connection in
                wait.end()
                return try await body(connection)
            }
        } catch let error as PostgresTransactionError {
            span.recordError(error.closureError ?? error)
            if let inner = error.closureError, error.rollbackError == nil { throw inner }
            throw error
        } catch {
            span.recordError(error)
            throw error
        }
    }
}

/// One transaction's wait for a pooled connection: counted as waiting from the call until its
/// body starts (or it fails first), and its duration recorded once.
private final class LeaseWait: Sendable {
    private let started = ContinuousClock.now
    private let ended = Mutex(false)

    init() { StoreMetrics.transactionsWaiting.increment() }

    func end() {
        let first = ended.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        StoreMetrics.transactionsWaiting.decrement()
        let elapsed = ContinuousClock.now - started
        StoreMetrics.leaseWait.recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
