import Synchronization

/// The queue's counts per step, kept between requests until a nomination moves.
///
/// Counting a province's open nominations by step reads every one of them (100,000 index
/// entries: tens of milliseconds), and every page of the queue shows the counts. They change only
/// when a nomination moves, and every move reaches every server as a queue event
/// (`NotificationHub`), which empties this cache; `lifetime` bounds what a lost event could leave
/// (a listener reconnecting empties it too). A count computed while a move committed is not kept:
/// each emptying starts a new generation, and only a count begun in the current one is stored.
/// Concurrent requests for the same counts wait for one computation.
public final class QueueCountsCache: Sendable {
    public typealias Counts = [String: Int]

    private enum Entry {
        case ready(Counts, at: ContinuousClock.Instant)
        case pending(Task<Counts, any Error>)
    }

    private struct State {
        var generation = 0
        var entries: [String: Entry] = [:]
    }

    private let state = Mutex(State())
    private let lifetime: Duration
    private let capacity: Int

    public init(lifetime: Duration = .seconds(10), capacity: Int = 5_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// A nomination moved (or events may have been missed): every count is recomputed.
    public func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }

    public var count: Int { state.withLock { $0.entries.count } }

    public func counts(for key: String, compute: @escaping @Sendable () async throws -> Counts) async throws -> Counts {
        let now = ContinuousClock.now
        enum Found {
            case counts(Counts)
            case task(Task<Counts, any Error>, generation: Int)
        }
        let found: Found = state.withLock { state in
            switch state.entries[key] {
            case .ready(let counts, let at) where now - at < lifetime:
                return .counts(counts)
            case .pending(let task):
                return .task(task, generation: state.generation)
            default:
                if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
                let task = Task { try await compute() }
                state.entries[key] = .pending(task)
                return .task(task, generation: state.generation)
            }
        }
        guard case .task(let task, let generation) = found else {
            if case .counts(let counts) = found { return counts }
            return [:]
        }
        do {
            let counts = try await task.value
            state.withLock { state in
                guard state.generation == generation, case .pending = state.entries[key] else { return }
                state.entries[key] = .ready(counts, at: ContinuousClock.now)
            }
            return counts
        } catch {
            state.withLock { state in
                if case .pending = state.entries[key] { state.entries[key] = nil }
            }
            throw error
        }
    }
}
