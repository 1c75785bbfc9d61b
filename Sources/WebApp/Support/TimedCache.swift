import Synchronization

/// Values kept for a while between requests: the public pages, read by anyone and changed only
/// when a decision is recorded, are computed once per `lifetime` rather than per visitor. Bounded:
/// past `capacity` keys the oldest half goes.
final class TimedCache<Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let at: ContinuousClock.Instant
    }

    private let entries = Mutex([String: Entry]())
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration, capacity: Int = 500) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func value(for key: String, compute: () async throws -> Value) async throws -> Value {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[key] }), now - entry.at < lifetime { return entry.value }
        let value = try await compute()
        entries.withLock { entries in
            if entries.count >= capacity {
                for old in entries.sorted(by: { $0.value.at < $1.value.at }).prefix(capacity / 2) { entries[old.key] = nil }
            }
            entries[key] = Entry(value: value, at: now)
        }
        return value
    }
}
