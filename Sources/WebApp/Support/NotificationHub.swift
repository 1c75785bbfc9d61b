import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Storage
import Synchronization

/// One `LISTEN nominations` connection for the whole server, fanned out to every open queue
/// (server-sent events): a queue of 10,000 reviewers does not hold 10,000 database connections.
/// Reconnects after a failure; a heartbeat every 20 seconds keeps proxies from closing idle
/// streams and lets a stream notice that its reader has gone.
public final class NotificationHub: Service, Sendable {
    public static let channel = QueueNotifications.channel
    /// What subscribers receive when nothing happened.
    public static let heartbeat = ""

    private let client: PostgresClient
    private let logger: Logger
    private let subscribers = Mutex<[UUID: AsyncStream<String>.Continuation]>([:])
    /// Told of every change heard, and of a (re)connection of the listener — when changes may
    /// have been missed — with an empty payload: what the server keeps derived from nominations.
    private let observer: @Sendable (String) -> Void

    public init(client: PostgresClient, logger: Logger, observer: @escaping @Sendable (String) -> Void = { _ in }) {
        self.client = client
        self.logger = logger
        self.observer = observer
    }

    /// The payloads (`province:id:state`) of notifications from now on, and heartbeats.
    public func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(256))
        let id = UUID()
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    public var subscriberCount: Int { subscribers.withLock { $0.count } }

    func broadcast(_ payload: String) {
        let continuations = subscribers.withLock { Array($0.values) }
        for continuation in continuations { continuation.yield(payload) }
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                while !Task.isCancelled {
                    do {
                        try await client.withConnection { connection in
                            try await connection.listen(on: Self.channel) { notifications in
                                self.observer("")
                                for try await notification in notifications {
                                    self.observer(notification.payload)
                                    self.broadcast(notification.payload)
                                }
                            }
                        }
                    } catch {
                        if Task.isCancelled { break }
                        logger.warning("notification listener failed; reconnecting", metadata: ["error": "\(String(reflecting: error))"])
                        try? await Task.sleep(for: .seconds(2))
                    }
                }
            }
            group.addTask { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(20))
                    broadcast(Self.heartbeat)
                }
            }
            // Stop on graceful shutdown (SIGTERM) as on cancellation.
            try? await gracefulShutdown()
            group.cancelAll()
        }
        let continuations = subscribers.withLock { state in
            defer { state.removeAll() }
            return Array(state.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
