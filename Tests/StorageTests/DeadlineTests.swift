import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing
import Workflow

/// Deadlines in working days (weekends, public holidays and make-up Saturdays), overdue items
/// first in queues, and escalation by the step's rule, once per visit of the step.
@Suite struct DeadlineTests {
    @Test func workingDaysSkipWeekendsAndTetAndCountMakeUpSaturdays() async throws {
        try await TestDatabase.withFresh { db in
            let cases: [(start: String, days: Int, due: String)] = [
                // Friday 24/01/2025, then Tết (27–31/01): the next working day is Monday 03/02.
                ("2025-01-24", 1, "03/02/2025"), ("2025-01-24", 5, "07/02/2025"),
                // Friday 25/04/2025: Saturday 26/04 is worked in exchange for Friday 02/05.
                ("2025-04-25", 1, "26/04/2025"),
                // 26/04, 28/04, 29/04, then 30/04, 01/05 and 02/05 off and the weekend: 05/05 is the fourth.
                ("2025-04-25", 4, "05/05/2025"),
                // An ordinary week: Wednesday + 5 working days is next Wednesday.
                ("2025-11-12", 5, "19/11/2025"),
            ]
            for item in cases {
                let due = try await db.scalar(
                    "SELECT to_char(add_working_days(\(item.start)::date, \(item.days)::int), 'DD/MM/YYYY')",
                    as: String.self
                )
                #expect(due == item.due, "\(item.start) + \(item.days)")
            }
            #expect(try await db.scalar("SELECT working_days_between('2025-01-24', '2025-02-04')", as: Int.self) == 2)
        }
    }

    /// The 2-tier process with an escalation rule on the commune check step.
    static let escalating: (name: String, text: String) = {
        let shipped = try! String(
            contentsOf: TestDatabase.workflowsDirectory.appendingPathComponent("khen-thuong-2-cap@2025.yaml"),
            encoding: .utf8
        )
        let text = shipped.replacingOccurrences(of: "id: khen-thuong-2-cap", with: "id: khen-thuong-han")
            .replacingOccurrences(
                of: "    title: Cấp xã kiểm tra hồ sơ\n    level: commune\n    deadline_working_days: 5\n",
                with:
                    "    title: Cấp xã kiểm tra hồ sơ\n    level: commune\n    deadline_working_days: 5\n    escalate: {after_working_days: 2, to: [chair]}\n"
            )
        return ("khen-thuong-han@2025.yaml", text)
    }()

    @Test func overdueItemsComeFirstAndEscalateOncePerVisitOfTheStep() async throws {
        #expect(Self.escalating.text.contains("escalate:"))
        try await CouncilSessionTests.withNominationsAtCouncil(0, workflow: "khen-thuong-han@2025", extraWorkflow: Self.escalating) {
            db,
            _,
            _,
            unit in
            let store = try await db.nominationStore()
            let round = try #require(try await db.scalar("SELECT max(id) FROM rounds", as: Int.self))
            var submitted: [NominationStore.Nomination] = []
            for index in 1...3 {
                let nomination = try await store.create(
                    .init(
                        provinceCode: "88",
                        roundID: round,
                        award: "giay-khen-xa",
                        nomineeKind: "individual",
                        nomineeKey: "H-\(index)",
                        nomineeName: "Hồ sơ \(index)",
                        unitID: unit
                    ),
                    createdBy: nil
                )
                #expect(nomination.dueOn == nil, "the first step has no deadline")
                try await store.attachDocument(
                    to: NominationKey(provinceCode: "88", id: nomination.id),
                    kind: "bao_cao_thanh_tich",
                    bytes: CouncilSessionTests.report,
                    fileName: "b.pdf",
                    uploadedBy: nil,
                    roles: [.submitter]
                )
                let result = try await store.act(
                    NominationKey(provinceCode: "88", id: nomination.id),
                    action: .submit,
                    expectedVersion: 1,
                    actorID: nil,
                    roles: [.submitter],
                    comment: nil,
                    idempotencyKey: nil
                )
                submitted.append(result.nomination)
            }
            let expected = try await db.scalar(
                "SELECT to_char(add_working_days((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 5), 'DD/MM/YYYY')",
                as: String.self
            )
            #expect(submitted.map(\.dueOn) == Array(repeating: expected, count: 3))
            #expect(submitted.allSatisfy { !$0.overdue })

            // Time passes: the third is a month late, the second one working day late.
            try await db.client.query(
                """
                UPDATE nominations SET due_on = CASE id WHEN \(submitted[2].id) THEN current_date - 30
                                                        WHEN \(submitted[1].id) THEN current_date - 1 END
                WHERE id IN (\(submitted[1].id), \(submitted[2].id))
                """,
                logger: TestDatabase.logger
            )
            let items = try await NominationQueue(client: db.client, logger: TestDatabase.logger).list(.init(scopes: nil), page: 1, pageSize: 10)
                .items
            #expect(items.map(\.id) == [submitted[2].id, submitted[1].id, submitted[0].id])
            #expect(items.map(\.overdue) == [true, true, false])

            let escalations = try await store.escalateOverdue()
            #expect(escalations.map(\.id) == [submitted[2].id], "only the one late beyond 2 working days")
            #expect(escalations.first?.roles == ["chair"])
            #expect(try await store.escalateOverdue().isEmpty, "once per visit of the step")
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_records WHERE action = 'escalate'", as: Int.self) == 1)
            #expect(try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger).firstBreak == nil)
        }
    }
}
