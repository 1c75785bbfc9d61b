import Foundation
import Storage
import TestSupport
import Testing
import Workflow

/// One achievement is rewarded once; awards of thematic rounds are not grounds (NĐ 152/2025).
@Suite struct EligibilityTests {
    @Test func aSecondMeritAwardForTheSameYearIsRefusedButAThematicOneIsNot() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            func nominate(round: Int) async throws -> NominationStore.Nomination {
                let nomination = try await store.create(
                    .init(
                        provinceCode: "88",
                        roundID: round,
                        award: "giay-khen-xa",
                        nomineeKind: "individual",
                        nomineeKey: "CD-7",
                        nomineeName: "Lý Thị Bảy",
                        unitID: unit
                    ),
                    createdBy: nil
                )
                try await store.attachDocument(
                    to: NominationKey(provinceCode: "88", id: nomination.id),
                    kind: "bao_cao_thanh_tich",
                    bytes: CouncilSessionTests.report,
                    fileName: "b.pdf",
                    uploadedBy: nil,
                    roles: [.submitter]
                )
                return try await store.act(
                    NominationKey(provinceCode: "88", id: nomination.id),
                    action: .submit,
                    expectedVersion: 1,
                    actorID: nil,
                    roles: [.submitter],
                    comment: nil,
                    idempotencyKey: nil
                ).nomination
            }
            func step(_ nomination: NominationStore.Nomination, _ action: Action, _ role: Workflow.Role) async throws -> NominationStore.Nomination {
                try await store.act(
                    NominationKey(provinceCode: "88", id: nomination.id),
                    action: action,
                    expectedVersion: nomination.version,
                    actorID: nil,
                    roles: [role],
                    comment: nil,
                    idempotencyKey: nil,
                    tally: .init(members: 5, present: 5, yes: 5, no: 0)
                ).nomination
            }
            let yearly = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            var first = try await nominate(round: yearly)
            for (action, role) in [(Action.toCouncil, Workflow.Role.reviewer), (.recordVote, .councilSecretary), (.decide, .chair)] {
                first = try await step(first, action, role)
            }
            #expect(first.state == "da_khen_thuong")

            let additional = try await store.createRound(
                provinceCode: "88",
                name: "Bổ sung 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let second = try await nominate(round: additional)
            let refusal = await #expect(throws: NominationStore.NominationError.self) { _ = try await step(second, .toCouncil, .reviewer) }
            #expect(refusal?.description.contains("một thành tích chỉ được khen một lần") == true)
            #expect(refusal?.description.contains("Năm 2025") == true)

            let campaign = try await store.createRound(
                provinceCode: "88",
                name: "Chuyên đề học tập suốt đời",
                year: 2025,
                basis: "thematic",
                workflow: "khen-thuong-2-cap@2025"
            )
            let thematic = try await nominate(round: campaign)
            #expect(try await step(thematic, .toCouncil, .reviewer).state == "xa_hoi_dong")
        }
    }
}
