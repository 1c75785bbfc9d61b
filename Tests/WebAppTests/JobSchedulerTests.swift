import Foundation
import Storage
import TestSupport
import Testing

@testable import WebApp

/// Two servers' schedulers on one database, looking for due jobs at the same moment: the audit
/// anchors are written once, not twice; the escalation runs once; a second look finds nothing due.
@Suite struct JobSchedulerTests {
    @Test func twoServersRunEachPeriodicJobOnce() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            // Something to anchor: one audited change in the province.
            _ = try await db.client.withConnection { connection in
                try await AuditTrail.append(
                    connection,
                    logger: TestDatabase.logger,
                    provinceCode: "88",
                    chain: "test:1",
                    actorID: nil,
                    action: "test",
                    payload: "{}"
                )
            }
            let first = JobScheduler(client: db.client, logger: TestDatabase.logger, tick: .seconds(60), server: "may-chu-1")
            let second = JobScheduler(client: db.client, logger: TestDatabase.logger, tick: .seconds(60), server: "may-chu-2")
            async let a = first.runDueJobs()
            async let b = second.runDueJobs()
            let (ranOnFirst, ranOnSecond) = await (a, b)
            // Each job ran on exactly one of them.
            for job in JobScheduler.jobs.map(\.name) {
                #expect((ranOnFirst[job] == nil) != (ranOnSecond[job] == nil), "\(job): \(ranOnFirst) / \(ranOnSecond)")
            }
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_anchors", as: Int.self) == 1)
            #expect(await first.runDueJobs().isEmpty)
            #expect(await second.runDueJobs().isEmpty)
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_anchors", as: Int.self) == 1)
            #expect(try await db.scalar("SELECT count(*)::int FROM job_runs WHERE last_finished_at IS NOT NULL", as: Int.self) == 2)
        }
    }
}
