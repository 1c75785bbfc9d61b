import Storage
import Synchronization
import Testing

/// The queue's counts are computed once for concurrent readers, kept until a move empties the
/// cache or their lifetime ends, and never kept when a move happened while they were counted.
@Suite struct QueueCountsCacheTests {
    final class Counter: Sendable {
        let value = Mutex(0)
        func next() -> Int {
            value.withLock {
                $0 += 1; return $0
            }
        }
        var current: Int { value.withLock { $0 } }
    }

    @Test func concurrentReadersShareOneCountAndLaterOnesReuseIt() async throws {
        let cache = QueueCountsCache()
        let computed = Counter()
        let results = try await withThrowingTaskGroup(of: [String: Int].self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.counts(for: "k") {
                        try await Task.sleep(for: .milliseconds(100))
                        return ["xa_tham_dinh": computed.next()]
                    }
                }
            }
            var all: [[String: Int]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(computed.current == 1)
        #expect(results.allSatisfy { $0 == ["xa_tham_dinh": 1] })
        #expect(try await cache.counts(for: "k") { ["xa_tham_dinh": computed.next()] } == ["xa_tham_dinh": 1])
        #expect(try await cache.counts(for: "other") { ["xa_tham_dinh": computed.next()] } == ["xa_tham_dinh": 2])
    }

    @Test func aMoveEmptiesTheCacheAndACountBegunBeforeItIsNotKept() async throws {
        let cache = QueueCountsCache()
        let computed = Counter()
        #expect(try await cache.counts(for: "k") { ["a": computed.next()] } == ["a": 1])
        cache.invalidate()
        #expect(try await cache.counts(for: "k") { ["a": computed.next()] } == ["a": 2])

        // A count that was running when a nomination moved answers its reader, and is dropped.
        let started = AsyncStream<Void>.makeStream()
        let slow = Task {
            try await cache.counts(for: "slow") {
                started.continuation.yield()
                try await Task.sleep(for: .milliseconds(200))
                return ["a": computed.next()]
            }
        }
        for await _ in started.stream { break }
        cache.invalidate()
        #expect(try await slow.value == ["a": 3])
        #expect(try await cache.counts(for: "slow") { ["a": computed.next()] } == ["a": 4])
    }

    @Test func countsOlderThanTheirLifetimeAreCountedAgain() async throws {
        let cache = QueueCountsCache(lifetime: .milliseconds(50))
        let computed = Counter()
        #expect(try await cache.counts(for: "k") { ["a": computed.next()] } == ["a": 1])
        #expect(try await cache.counts(for: "k") { ["a": computed.next()] } == ["a": 1])
        try await Task.sleep(for: .milliseconds(80))
        #expect(try await cache.counts(for: "k") { ["a": computed.next()] } == ["a": 2])
    }

    @Test func aFailedCountIsNotKept() async throws {
        struct Down: Error {}
        let cache = QueueCountsCache()
        await #expect(throws: Down.self) { try await cache.counts(for: "k") { throw Down() } }
        #expect(try await cache.counts(for: "k") { ["a": 1] } == ["a": 1])
    }
}
