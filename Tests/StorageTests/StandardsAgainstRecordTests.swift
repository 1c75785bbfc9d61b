import Foundation
import Geography
import Storage
import TestSupport
import Testing
import Workflow

/// The eligible guard checks the award's standards against the record of merit: a nominee for
/// the Prime Minister's Bằng khen without an earlier ministry or provincial Bằng khen is refused
/// naming the condition; the ministry's decision recorded from elsewhere makes it pass.
@Suite struct StandardsAgainstRecordTests {
    @Test func aPrimeMinisterNominationNeedsAnEarlierProvincialOrMinistryAwardOnRecord() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2026",
                year: 2026,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2026"
            )
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            var nomination = try await store.create(
                .init(
                    provinceCode: "88",
                    roundID: round,
                    award: "bang-khen-thu-tuong",
                    nomineeKind: "individual",
                    nomineeKey: "CD-9",
                    nomineeName: "Hà Văn Chín",
                    unitID: unit,
                    achievement: "Nhiều năm liền tích cực học tập"
                ),
                createdBy: nil
            )
            try await store.attachDocument(
                to: nomination.key,
                kind: "bao_cao_thanh_tich",
                bytes: Array("%PDF-1.4\nBC\n%%EOF\n".utf8),
                fileName: "bc.pdf",
                uploadedBy: nil,
                roles: [.submitter]
            )
            nomination = try await store.walk(nomination, [(.submit, .submitter)])
            let refusal = await #expect(throws: NominationStore.NominationError.self) {
                _ = try await store.walk(nomination, [(.toCouncil, .reviewer)])
            }
            #expect(refusal?.description.contains("Đã được tặng Bằng khen cấp bộ, ngành, tỉnh, đoàn thể Trung ương trong 10 năm trước") == true)
            let before = try await store.standards(of: nomination)
            #expect(before.map(\.met) == [false, true])

            // The Ministry's Bằng khen of 2023, recorded from elsewhere with the nominee's identifier.
            _ = try await ExternalDecisionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger).record(
                .init(
                    provinceCode: "88",
                    issuerKind: .ministry,
                    issuer: "Bộ Giáo dục và Đào tạo",
                    number: "456/QĐ-BGDĐT",
                    issuedOn: Day(year: 2023, month: 5, day: 4)!,
                    awardTitle: "Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo",
                    awardees: [.init(name: "Hà Văn Chín", kind: "individual", key: "CD-9", unitID: unit)],
                    document: (Array("%PDF-1.4\nQĐ\n%%EOF\n".utf8), "qd.pdf")
                ),
                by: nil
            )
            let after = try await store.standards(of: nomination)
            #expect(after.map(\.met) == [true, true])
            #expect(after.first?.evidence.first?.hasPrefix("456/QĐ-BGDĐT ngày 04/05/2023") == true)
            #expect(try await store.walk(nomination, [(.toCouncil, .reviewer)]).state == "xa_hoi_dong")
        }
    }
}
