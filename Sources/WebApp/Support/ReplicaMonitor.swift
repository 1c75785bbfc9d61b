import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Storage
import Synchronization

/// Watches the read replica (`THIDUA_READ_DATABASE_URL`) every few seconds: how far its replay is
/// behind the primary. Reads that tolerate a few seconds of lag — reports, the public pages,
/// lookup, exports — go to it while it is reachable and within `maxLag`; otherwise to the primary,
/// and `/ready` says which.
final class ReplicaMonitor: Service, Sendable {
    enum State: Sendable, Equatable {
        /// Not looked at yet: reads stay on the primary.
        case unknown
        case following(lagSeconds: Double)
        case lagging(lagSeconds: Double)
        case unreachable(String)
    }

    let primary: PostgresClient
    let replica: PostgresClient
    let maxLag: Duration
    let interval: Duration
    let logger: Logger
    private let current = Mutex(State.unknown)

    init(primary: PostgresClient, replica: PostgresClient, maxLag: Duration, interval: Duration, logger: Logger) {
        self.primary = primary
        self.replica = replica
        self.maxLag = maxLag
        self.interval = interval
        self.logger = logger
    }

    var state: State { current.withLock { $0 } }

    /// Whether reads go to the replica now.
    var serves: Bool {
        if case .following = state { return true }
        return false
    }

    /// How far the replica is behind: nothing when it has replayed what the primary has written;
    /// else the age of the last transaction it replayed.
    func look() async -> State {
        do {
            let replayed = try await withTimeout(.seconds(3)) { [replica, logger] in try await ReplicaLag.replayed(on: replica, logger: logger) }
            guard let found = replayed else { return .unreachable("không phải bản sao đang theo bản chính (not in recovery)") }
            let behind = try await ReplicaLag.bytesBehind(found.position, on: primary, logger: logger)
            // Behind, with no commit replayed since it started (restarted, or cut off from the
            // WAL it needs): its age is unknown — never counted as up to date.
            if behind > 0, found.lastCommitAge == nil { return .lagging(lagSeconds: .infinity) }
            let lag = behind <= 0 ? 0 : max(0, found.lastCommitAge ?? 0)
            return Double(maxLag.components.seconds) < lag ? .lagging(lagSeconds: lag) : .following(lagSeconds: lag)
        } catch {
            return .unreachable(String(describing: error).prefix(200).description)
        }
    }

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                while !Task.isCancelled {
                    let next = await look()
                    let previous = current.withLock { state in
                        defer { state = next }
                        return state
                    }
                    if Self.kind(previous) != Self.kind(next) {
                        logger.notice("read replica", metadata: ["state": "\(next)"])
                    }
                    try? await Task.sleep(for: interval)
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    private static func kind(_ state: State) -> Int {
        switch state {
        case .unknown: 0
        case .following: 1
        case .lagging: 2
        case .unreachable: 3
        }
    }

    /// `/ready`'s words for it.
    var description: String {
        switch state {
        case .unknown: "bản sao chưa kiểm tra: đọc từ bản chính (replica not checked yet: reads on the primary)"
        case .following(let lag): "đọc từ bản sao, trễ \(String(format: "%.1f", lag)) giây (reads on the replica)"
        case .lagging(let lag):
            "bản sao trễ \(lag.isFinite ? String(Int(lag)) : "chưa rõ bao nhiêu") giây, quá \(maxLag.components.seconds) giây: đọc từ bản chính (replica lagging: reads on the primary)"
        case .unreachable(let why): "không kết nối được bản sao: đọc từ bản chính (replica unreachable: reads on the primary) — \(why)"
        }
    }
}

/// Runs `body`, or throws when it takes longer than `limit` (the replica may hang, not refuse).
func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw CancellationError() }
        return value
    }
}
