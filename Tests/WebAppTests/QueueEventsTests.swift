import Foundation
import Geography
import Storage
import TestSupport
import Testing
import Workflow

@testable import WebApp

/// Open queues learn of changes through one LISTEN connection, fanned out to every subscriber.
@Suite struct QueueEventsTests {
    /// `body`'s value, or nil after `limit` (the body is cancelled, and must end when it is).
    static func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async -> T?) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test func aTransitionReachesEverySubscriberThroughTheHub() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(provinceCode: "88", name: "2025", year: 2025, basis: "merit", workflow: "khen-thuong-2-cap@2025")
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            let hub = NotificationHub(client: db.client, logger: TestDatabase.logger)
            let running = Task { try await hub.run() }
            defer { running.cancel() }
            let first = hub.subscribe()
            let second = hub.subscribe()
            #expect(hub.subscriberCount == 2)
            // The listener connects in the background: create nominations until one is heard.
            let heard = Task { () -> [String] in
                var payloads: [String] = []
                for await payload in first where !payload.isEmpty {
                    payloads.append(payload)
                    if payload.hasSuffix(":xa_tham_dinh") { break }
                }
                return payloads
            }
            try await Task.sleep(for: .seconds(1))
            var nomination = try await store.create(
                .init(
                    provinceCode: "88",
                    roundID: round,
                    award: "giay-khen-xa",
                    nomineeKind: "individual",
                    nomineeKey: "A",
                    nomineeName: "An",
                    unitID: unit
                ),
                createdBy: nil
            )
            try await store.attachDocument(
                to: NominationKey(provinceCode: "88", id: nomination.id),
                kind: "bao_cao_thanh_tich",
                bytes: Array("%PDF-1.4\nx\n%%EOF\n".utf8),
                fileName: "b.pdf",
                uploadedBy: nil,
                roles: [.submitter]
            )
            nomination = try await store.act(
                NominationKey(provinceCode: "88", id: nomination.id),
                action: .submit,
                expectedVersion: 1,
                actorID: nil,
                roles: [.submitter],
                comment: nil,
                idempotencyKey: nil
            ).nomination
            // Bounded waits that end their reader: a missed notification fails the test, never hangs it.
            let payloads = try await Self.within(.seconds(10)) {
                await withTaskCancellationHandler {
                    await heard.value
                } onCancel: {
                    heard.cancel()
                }
            }
            #expect(payloads?.last == "88:\(nomination.id):xa_tham_dinh")
            let other = try await Self.within(.seconds(10)) { () -> String? in
                for await payload in second where payload != NotificationHub.heartbeat { return payload }
                return nil
            }
            running.cancel()
            #expect(other == "88:\(nomination.id):xa_tham_dinh")
        }
    }

    @Test func notificationsBecomeServerSentEvents() {
        let event = QueueEvent(payload: "88:42:xa_tham_dinh")
        #expect(event == QueueEvent(payload: "88:42:xa_tham_dinh"))
        #expect(event?.serverSentEvent == "event: nomination\nid: 88-42\ndata: {\"province\":\"88\",\"id\":42,\"state\":\"xa_tham_dinh\"}\n\n")
        #expect(QueueEvent(payload: "") == nil)
        #expect(QueueEvent(payload: "88:x:y") == nil)
    }
}

/// A decision awards its nominations in one transaction; their events follow its commit.
@Suite struct BulkQueueEventsTests {
    @Test func issuingADecisionSendsAnEventPerAwardeeAfterItCommits() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(provinceCode: "88", name: "2025", year: 2025, basis: "merit", workflow: "khen-thuong-2-cap@2025")
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            var ids: [Int] = []
            for index in 1...3 {
                ids.append(
                    try await store.individualWaitingForCommuneDecision(round: round, unitID: unit, name: "Người \(index)", key: "E\(index)").id
                )
            }
            let decisions = DecisionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
            let draft = try await decisions.draft(provinceCode: "88", unitID: unit, roundID: round, award: "giay-khen-xa", createdBy: nil)
            let hub = NotificationHub(client: db.client, logger: TestDatabase.logger)
            let running = Task { try await hub.run() }
            defer { running.cancel() }
            let events = hub.subscribe()
            let heard = Task { () -> Set<String> in
                var payloads: Set<String> = []
                for await payload in events where payload.hasSuffix(":da_khen_thuong") {
                    payloads.insert(payload)
                    if payloads.count == 3 { break }
                }
                return payloads
            }
            // The listener connects in the background.
            try await Task.sleep(for: .seconds(1))
            _ = try await decisions.issue(DecisionKey(provinceCode: "88", id: draft.id), on: Day(year: 2025, month: 12, day: 10)!, issuedBy: nil)
            let timeout = Task {
                try await Task.sleep(for: .seconds(20))
                heard.cancel()
            }
            defer { timeout.cancel() }
            #expect(await heard.value == Set(ids.map { "88:\($0):da_khen_thuong" }))
        }
    }
}
