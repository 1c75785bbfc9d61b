import Foundation
import Geography
import Storage
import TestSupport
import Testing
import Workflow

/// Issuing awards every nomination on the decision at once (one locked read, one set-based
/// write): each gets its transition after its earlier ones and its audit record on its own
/// chain; one that can no longer be decided stops the issue, named, with nothing written.
@Suite struct DecisionIssuingTests {
    @Test func issuingWritesEachNominationsNextTransitionAndAuditRecordOnItsChain() async throws {
        try await DecisionStoreTests.withRound { f in
            var waiting: [NominationStore.Nomination] = []
            for index in 1...12 {
                waiting.append(try await DecisionStoreTests.waitingForDecision(f, name: "Người \(index)", key: "K\(index)"))
            }
            // One nomination was put on hold and released on the way: its version is ahead of
            // its transitions, which numbering must not confuse.
            try await f.store.setHold(waiting[3].key, reason: "Chờ xác minh", actorID: nil)
            try await f.store.setHold(waiting[3].key, reason: nil, actorID: nil)
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            let before = try await f.db.scalar("SELECT count(*)::int FROM audit_records", as: Int.self) ?? 0
            _ = try await f.decisions.issue(DecisionKey(provinceCode: "88", id: draft.id), on: Day(year: 2025, month: 12, day: 10)!, issuedBy: nil)
            for nomination in waiting {
                let history = try await f.store.history(of: nomination.key)
                #expect(history.map(\.seq) == Array(0..<history.count), "numbered without gaps")
                #expect(history.last?.action == "decide" && history.last?.to == "da_khen_thuong")
                let after = try #require(try await f.store.nomination(nomination.key))
                #expect(after.version > nomination.version)
                #expect(after.state == "da_khen_thuong")
            }
            // One record per nomination's chain, and the decision's own.
            #expect(try await f.db.scalar("SELECT count(*)::int FROM audit_records", as: Int.self) == before + 12 + 1)
            #expect(
                try await f.db.scalar("SELECT count(DISTINCT chain)::int FROM audit_records WHERE action = 'decide'", as: Int.self) == 12
            )
            #expect(try await AuditTrail.verify(client: f.db.client, logger: TestDatabase.logger).firstBreak == nil)
        }
    }

    @Test func aNominationNoLongerAwaitingTheDecisionStopsTheIssueAndNothingIsWritten() async throws {
        try await DecisionStoreTests.withRound { f in
            var waiting: [NominationStore.Nomination] = []
            for (name, key) in [("Lê Văn A", "L1"), ("Lê Văn B", "L2"), ("Lê Văn C", "L3")] {
                waiting.append(try await DecisionStoreTests.waitingForDecision(f, name: name, key: key))
            }
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            // The chair refuses one after the draft was made.
            _ = try await f.store.act(
                waiting[1].key,
                action: .reject,
                expectedVersion: waiting[1].version,
                actorID: nil,
                roles: [.chair],
                comment: "Thành tích chưa được xác minh",
                idempotencyKey: nil
            )
            let transitions = try await f.db.scalar("SELECT count(*)::int FROM nomination_transitions", as: Int.self)
            let records = try await f.db.scalar("SELECT count(*)::int FROM audit_records", as: Int.self)
            do {
                _ = try await f.decisions.issue(
                    DecisionKey(provinceCode: "88", id: draft.id),
                    on: Day(year: 2025, month: 12, day: 10)!,
                    issuedBy: nil
                )
                Issue.record("issued a decision listing a refused nomination")
            } catch let DecisionError.cannotIssue(nomination, nominee, reason) {
                #expect(nomination == waiting[1].id)
                #expect(nominee == "Lê Văn B")
                #expect(!reason.isEmpty)
            }
            #expect(try await f.db.scalar("SELECT count(*)::int FROM nomination_transitions", as: Int.self) == transitions)
            #expect(try await f.db.scalar("SELECT count(*)::int FROM audit_records", as: Int.self) == records)
            for nomination in [waiting[0], waiting[2]] {
                let after = try #require(try await f.store.nomination(nomination.key))
                #expect(after.state == "xa_cho_quyet_dinh" && after.version == nomination.version)
            }
            #expect(try await f.decisions.decision(DecisionKey(provinceCode: "88", id: draft.id))?.isIssued == false)
        }
    }
}
