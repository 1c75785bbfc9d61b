import Foundation
import Storage
import Synchronization
import TestSupport
import Testing

/// A periodic job runs once across servers: two runners on one database at the same moment —
/// one runs, the other finds it running elsewhere; within its period it is not run again; an
/// operator's run (no period) waits for no one but never overlaps another.
@Suite struct JobRunnerTests {
    final class Count: Sendable {
        let value = Mutex(0)
        func add() -> Int {
            value.withLock {
                $0 += 1; return $0
            }
        }
    }

    @Test func twoServersAtOnceRunTheJobOnceAndNotAgainWithinItsPeriod() async throws {
        try await TestDatabase.withFresh { db in
            let count = Count()
            let first = JobRunner(client: db.client, logger: TestDatabase.logger, server: "may-chu-1")
            let second = JobRunner(client: db.client, logger: TestDatabase.logger, server: "may-chu-2")
            let body: @Sendable () async throws -> Int = {
                let n = count.add()
                try await Task.sleep(for: .milliseconds(500))
                return n
            }
            async let a = first.run("thu-nghiem", every: .seconds(3_600), body)
            async let b = second.run("thu-nghiem", every: .seconds(3_600), body)
            let outcomes = [try await a, try await b]
            let ran = outcomes.filter { if case .ran = $0 { true } else { false } }.count
            let skipped = outcomes.filter {
                switch $0 {
                case .runningElsewhere, .notDue: true
                case .ran: false
                }
            }.count
            #expect(ran == 1)
            #expect(skipped == 1)
            #expect(count.value.withLock { $0 } == 1)

            // Later, within the period: not due, on either server.
            guard case .notDue = try await second.run("thu-nghiem", every: .seconds(3_600), body) else {
                Issue.record("ran again within its period")
                return
            }
            let runs = try await first.lastRuns()
            #expect(runs.map(\.name) == ["thu-nghiem"])
            #expect(runs.first?.outcome == "ok: 1")
            #expect(runs.first?.finished != nil)

            // An operator's run (no period) runs, once the lock is free.
            guard case .ran(let n) = try await second.run("thu-nghiem", body) else {
                Issue.record("the operator's run did not run")
                return
            }
            #expect(n == 2)
            #expect(try await db.scalar("SELECT last_server FROM job_runs", as: String.self) == "may-chu-2")
        }
    }

    @Test func aFailedJobSaysSoAndFreesTheLock() async throws {
        try await TestDatabase.withFresh { db in
            struct Broken: Error, CustomStringConvertible { var description: String { "hỏng" } }
            let runner = JobRunner(client: db.client, logger: TestDatabase.logger, server: "may-chu-1")
            await #expect(throws: Broken.self) {
                _ = try await runner.run("thu-nghiem", every: .seconds(3_600)) { () async throws -> Int in throw Broken() }
            }
            #expect(try await db.scalar("SELECT last_outcome FROM job_runs", as: String.self) == "lỗi: hỏng")
            guard case .ran(let value) = try await runner.run("thu-nghiem", { 7 }) else {
                Issue.record("the lock was not freed")
                return
            }
            #expect(value == 7)
        }
    }
}
