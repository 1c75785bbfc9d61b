import Documents
import Foundation
import Geography
import Storage
import TestSupport
import Testing
import Workflow

/// Round reports and the yearly award statistics equal a hand count on a small province.
@Suite struct CommendationReportTests {
    @Test func figuresMatchAHandCountIncludingARevocationAndAThematicRound() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let decisions = DecisionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            let yearly = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let campaign = try await store.createRound(
                provinceCode: "88",
                name: "Chuyên đề",
                year: 2025,
                basis: "thematic",
                workflow: "khen-thuong-2-cap@2025"
            )
            var awarded: [NominationStore.Nomination] = []
            for (index, name) in ["An", "Bình", "Chi"].enumerated() {
                awarded.append(try await store.individualWaitingForCommuneDecision(round: yearly, unitID: unit, name: name, key: "Y\(index)"))
            }
            _ = try await store.individualWaitingForCommuneDecision(round: campaign, unitID: unit, name: "Dũng", key: "T1")
            // One still being checked, and late.
            let late = try await store.create(
                .init(
                    provinceCode: "88",
                    roundID: yearly,
                    award: "giay-khen-xa",
                    nomineeKind: "individual",
                    nomineeKey: "L1",
                    nomineeName: "Giang",
                    unitID: unit
                ),
                createdBy: nil
            )
            try await store.attachDocument(
                to: NominationKey(provinceCode: "88", id: late.id),
                kind: "bao_cao_thanh_tich",
                bytes: CouncilSessionTests.report,
                fileName: "b.pdf",
                uploadedBy: nil,
                roles: [.submitter]
            )
            _ = try await store.walk(late, [(.submit, .submitter)])
            try await db.client.query("UPDATE nominations SET due_on = current_date - 3 WHERE id = \(late.id)", logger: TestDatabase.logger)

            let day = Day(year: 2025, month: 12, day: 10)!
            let first = try await decisions.draft(provinceCode: "88", unitID: unit, roundID: yearly, award: "giay-khen-xa", createdBy: nil)
            let issued = try await decisions.issue(DecisionKey(provinceCode: "88", id: first.id), on: day, issuedBy: nil)
            let second = try await decisions.draft(provinceCode: "88", unitID: unit, roundID: campaign, award: "giay-khen-xa", createdBy: nil)
            _ = try await decisions.issue(DecisionKey(provinceCode: "88", id: second.id), on: day, issuedBy: nil)
            let revocation = try await decisions.draftRevocation(
                of: DecisionKey(provinceCode: "88", id: issued.id),
                nominationIDs: [awarded[2].id],
                reason: "Khai sai",
                createdBy: nil
            )
            _ = try await decisions.issue(DecisionKey(provinceCode: "88", id: revocation.id), on: Day(year: 2025, month: 12, day: 20)!, issuedBy: nil)

            let statistics = try await AwardStatistics.build(client: db.client, logger: TestDatabase.logger, provinceCode: "88", year: 2025)
            #expect(statistics.rows.count == 1)
            let row = try #require(statistics.rows.first)
            // 3 + 1 awarded, 1 revoked; merit 3 − 1, thematic 1.
            #expect([row.total, row.collectives, row.households, row.individuals] as [Int] == [3, 0, 0, 3])
            #expect([row.merit, row.thematic, row.sudden, row.other] as [Int] == [2, 1, 0, 0])
            #expect(
                statistics.cells.last == [
                    .text("Tổng cộng"), .number(3), .number(0), .number(0), .number(3), .number(2), .number(1), .number(0), .number(0),
                ]
            )
            // CSV as RFC 4180 asks: the comma in a heading is quoted, the rest is plain.
            #expect(
                statistics.csv.hasPrefix(
                    "\u{FEFF}Hình thức khen thưởng,Tổng số,Tập thể,Hộ gia đình,Cá nhân,Theo công trạng,\"Theo chuyên đề, đợt\",Đột xuất,Khác\r\n"
                )
            )
            #expect(statistics.csv.hasSuffix("Tổng cộng,3,0,0,3,2,1,0,0\r\n"))
            #expect(try await AwardStatistics.build(client: db.client, logger: TestDatabase.logger, provinceCode: "88", year: 2024).rows.isEmpty)

            let report = try await RoundReport.build(
                client: db.client,
                workflows: store.workflows,
                logger: TestDatabase.logger,
                provinceCode: "88",
                roundID: yearly
            )
            #expect(report.total == 4)
            #expect(report.overdue == 1)
            #expect(report.byStep.map { "\($0.state):\($0.count):\($0.overdue)" } == ["xa_tham_dinh:1:1", "da_khen_thuong:3:0"])
            #expect(report.byStep.map(\.level) == ["commune", "central"])
            #expect(report.awardsByUnit.map { "\($0.unitCode):\($0.count)" } == ["88101:2"], "the revoked award is not counted")
            #expect(report.timeAtLevel.first?.level == "commune")
            #expect(report.timeAtLevel.first?.nominations == 4)

            // The interim review adds up both rounds of the year.
            let review = try await RoundReport.review(
                client: db.client,
                workflows: store.workflows,
                logger: TestDatabase.logger,
                provinceCode: "88",
                fromYear: 2023,
                toYear: 2025
            )
            #expect(review.total == 5)
            #expect(review.byStep.map { "\($0.state):\($0.count)" } == ["xa_tham_dinh:1", "da_khen_thuong:4"])
            #expect(review.awardsByUnit.map { "\($0.unitCode):\($0.count)" } == ["88101:3"])
            #expect(review.timeAtLevel.first?.nominations == 5)
        }
    }
}
