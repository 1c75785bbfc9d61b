import Documents
import Foundation
import Geography
import PostgresNIO
import Storage
import TestSupport
import Testing
import Workflow

/// Decisions: drafted from the nominations waiting for the chair, numbered per authority and year
/// without repeats, issued in one transaction with the nominations' awards, immutable after.
@Suite struct DecisionStoreTests {
    struct Fixture: Sendable {
        let db: TestDatabase
        let store: NominationStore
        let decisions: DecisionStore
        let round: Int
        let commune: Int
    }

    static func withRound(_ body: @Sendable (Fixture) async throws -> Void) async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let commune = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            try await body(
                Fixture(
                    db: db,
                    store: store,
                    decisions: DecisionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger),
                    round: round,
                    commune: commune
                )
            )
        }
    }

    /// A nomination of Xã An Hòa brought to "waiting for the commune chair's decision".
    @discardableResult
    static func waitingForDecision(_ f: Fixture, name: String, kind: String = "individual", key: String) async throws -> NominationStore.Nomination {
        var nomination = try await f.store.create(
            .init(
                provinceCode: "88",
                roundID: f.round,
                award: "giay-khen-xa",
                nomineeKind: kind,
                nomineeKey: key,
                nomineeName: name,
                unitID: f.commune,
                achievement: "Tích cực học tập"
            ),
            createdBy: nil
        )
        try await f.store.attachDocument(
            to: NominationKey(provinceCode: "88", id: nomination.id),
            kind: "bao_cao_thanh_tich",
            bytes: CouncilSessionTests.report,
            fileName: "b.pdf",
            uploadedBy: nil,
            roles: [.submitter]
        )
        for (action, role) in [(Action.submit, Workflow.Role.submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary)] {
            nomination = try await f.store.act(
                NominationKey(provinceCode: "88", id: nomination.id),
                action: action,
                expectedVersion: nomination.version,
                actorID: nil,
                roles: [role],
                comment: nil,
                idempotencyKey: nil,
                tally: .init(members: 5, present: 5, yes: 4, no: 1)
            ).nomination
        }
        #expect(nomination.state == "xa_cho_quyet_dinh")
        return nomination
    }

    @Test func draftListsCollectivesThenIndividualsInVietnameseOrderAndIssuingAwardsThem() async throws {
        try await Self.withRound { f in
            for (name, kind, key) in [
                ("Đỗ Văn Bình", "individual", "C1"), ("Âu Thị Hà", "individual", "C2"), ("An Văn Tú", "individual", "C3"),
                ("Trường Tiểu học An Hòa", "collective", "T1"), ("Dương Văn Em", "individual", "C4"),
            ] {
                try await Self.waitingForDecision(f, name: name, kind: kind, key: key)
            }
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            #expect(draft.status == .draft)
            #expect(draft.number == nil)
            #expect(draft.awardees.map(\.name) == ["Trường Tiểu học An Hòa", "An Văn Tú", "Âu Thị Hà", "Dương Văn Em", "Đỗ Văn Bình"])
            #expect(draft.awardees.map(\.position) == [1, 1, 2, 3, 4])
            #expect(draft.authorityName == "ỦY BAN NHÂN DÂN\nXÃ AN HÒA")
            #expect(draft.place == "An Hòa")
            await #expect(throws: DecisionError.nothingToDecide) {
                _ = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            }

            let signed = try await f.decisions.updateDraft(
                DecisionKey(provinceCode: "88", id: draft.id),
                title: nil,
                bases: nil,
                proposal: nil,
                signerName: "Nguyễn Văn Chủ",
                signerTitle: nil
            )
            #expect(signed.signerName == "Nguyễn Văn Chủ")
            let issued = try await f.decisions.issue(
                DecisionKey(provinceCode: "88", id: draft.id),
                on: Day(year: 2025, month: 12, day: 10)!,
                issuedBy: nil
            )
            #expect(issued.numberText == "1/QĐ-UBND")
            #expect(issued.issuedOn == "10/12/2025")
            #expect(try await f.db.scalar("SELECT count(*)::int FROM nominations WHERE state = 'da_khen_thuong'", as: Int.self) == 5)
            let comment = try await f.db.scalar("SELECT comment FROM nomination_transitions WHERE action = 'decide' LIMIT 1", as: String.self)
            #expect(comment == "Quyết định số 1/QĐ-UBND ngày 10/12/2025")

            let document = issued.document
            #expect(document.number == "1/QĐ-UBND")
            #expect(document.placeAndDate == "An Hòa, ngày 10 tháng 12 năm 2025")
            #expect(document.sections.map(\.heading) == ["I. TẬP THỂ", "II. CÁ NHÂN"])
            #expect(document.articles[0].hasPrefix("Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã An Hòa cho 1 tập thể, 4 cá nhân"))
            #expect(document.listCaption == "(Kèm theo Quyết định số 1/QĐ-UBND ngày 10/12/2025 của Chủ tịch Ủy ban nhân dân xã An Hòa)")

            // Issued means immutable: through the store and through SQL.
            await #expect(throws: DecisionError.alreadyIssued) {
                _ = try await f.decisions.updateDraft(
                    DecisionKey(provinceCode: "88", id: draft.id),
                    title: "Khác",
                    bases: nil,
                    proposal: nil,
                    signerName: nil,
                    signerTitle: nil
                )
            }
            await #expect(throws: PSQLError.self) {
                try await f.db.client.query("UPDATE decisions SET title = 'Sửa lén' WHERE id = \(draft.id)", logger: TestDatabase.logger)
            }
            await #expect(throws: PSQLError.self) {
                try await f.db.client.query("DELETE FROM decision_awardees WHERE decision_id = \(draft.id)", logger: TestDatabase.logger)
            }
            #expect(try await AuditTrail.verify(client: f.db.client, logger: TestDatabase.logger).firstBreak == nil)
        }
    }

    @Test func numbersNeverRepeatUnderConcurrentIssuingAndRestartEachYear() async throws {
        try await Self.withRound { f in
            var drafts: [Int] = []
            for index in 1...8 {
                try await Self.waitingForDecision(f, name: "Người \(index)", key: "N\(index)")
                drafts.append(
                    try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil).id
                )
            }
            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for id in drafts.prefix(7) {
                    group.addTask {
                        try await f.decisions.issue(DecisionKey(provinceCode: "88", id: id), on: Day(year: 2025, month: 12, day: 20)!, issuedBy: nil)
                            .number!
                    }
                }
                var all: [Int] = []
                for try await number in group { all.append(number) }
                return all
            }
            #expect(numbers.sorted() == Array(1...7))
            let nextYear = try await f.decisions.issue(
                DecisionKey(provinceCode: "88", id: drafts[7]),
                on: Day(year: 2026, month: 1, day: 5)!,
                issuedBy: nil
            )
            #expect(nextYear.numberText == "1/QĐ-UBND")
            await #expect(throws: DecisionError.alreadyIssued) {
                _ = try await f.decisions.issue(DecisionKey(provinceCode: "88", id: drafts[0]), on: Day(year: 2026, month: 1, day: 5)!, issuedBy: nil)
            }
        }
    }

    @Test func aRevocationIsANewDecisionReferringToTheOldOne() async throws {
        try await Self.withRound { f in
            let kept = try await Self.waitingForDecision(f, name: "Lê Văn Giữ", key: "K1")
            let revoked = try await Self.waitingForDecision(f, name: "Phan Văn Thu", key: "K2")
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            await #expect(throws: DecisionError.notIssued) {
                _ = try await f.decisions.draftRevocation(
                    of: DecisionKey(provinceCode: "88", id: draft.id),
                    nominationIDs: nil,
                    reason: "Khai man",
                    createdBy: nil
                )
            }
            let issued = try await f.decisions.issue(
                DecisionKey(provinceCode: "88", id: draft.id),
                on: Day(year: 2025, month: 12, day: 1)!,
                issuedBy: nil
            )
            let revocation = try await f.decisions.draftRevocation(
                of: DecisionKey(provinceCode: "88", id: issued.id),
                nominationIDs: [revoked.id],
                reason: "Kê khai thành tích không trung thực",
                createdBy: nil
            )
            #expect(revocation.kind == .revocation)
            #expect(revocation.refersToText == "1/QĐ-UBND ngày 01/12/2025")
            #expect(revocation.awardees.map(\.name) == ["Phan Văn Thu"])
            #expect(
                revocation.title
                    == "Về việc thu hồi Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã đã tặng tại Quyết định số 1/QĐ-UBND ngày 01/12/2025"
            )
            let issuedRevocation = try await f.decisions.issue(
                DecisionKey(provinceCode: "88", id: revocation.id),
                on: Day(year: 2025, month: 12, day: 15)!,
                issuedBy: nil
            )
            #expect(issuedRevocation.numberText == "2/QĐ-UBND")
            #expect(issuedRevocation.document.articles[0].contains("Thu hồi Giấy khen"))
            let original = try #require(try await f.decisions.decision(DecisionKey(provinceCode: "88", id: issued.id)))
            #expect(original.awardees.map(\.nominationID).sorted() == [kept.id, revoked.id].sorted())
        }
    }

    @Test func aCorrectionIsANewDecisionListingTheEntriesAsTheyShouldRead() async throws {
        try await Self.withRound { f in
            let nomination = try await Self.waitingForDecision(f, name: "Nguyen Van Sai Dau", key: "S1")
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            let issued = try await f.decisions.issue(
                DecisionKey(provinceCode: "88", id: draft.id),
                on: Day(year: 2025, month: 12, day: 2)!,
                issuedBy: nil
            )
            await #expect(throws: DecisionError.nothingToCorrect) {
                _ = try await f.decisions.draftCorrection(
                    of: DecisionKey(provinceCode: "88", id: issued.id),
                    corrections: [],
                    reason: "Sai chính tả",
                    createdBy: nil
                )
            }
            await #expect(throws: DecisionError.correctedTwice(nomination.id)) {
                _ = try await f.decisions.draftCorrection(
                    of: DecisionKey(provinceCode: "88", id: issued.id),
                    corrections: [.init(nominationID: nomination.id, name: "A"), .init(nominationID: nomination.id, name: "B")],
                    reason: "Sai chính tả",
                    createdBy: nil
                )
            }
            let correction = try await f.decisions.draftCorrection(
                of: DecisionKey(provinceCode: "88", id: issued.id),
                corrections: [.init(nominationID: nomination.id, name: "Nguyễn Văn Sửa Dấu")],
                reason: "Ghi thiếu dấu tiếng Việt",
                createdBy: nil
            )
            #expect(correction.kind == .correction)
            #expect(correction.title == "Về việc đính chính Quyết định số 1/QĐ-UBND ngày 02/12/2025")
            #expect(correction.awardees.map(\.name) == ["Nguyễn Văn Sửa Dấu"])
            #expect(correction.document.articles[0].hasPrefix("Điều 1. Đính chính Quyết định số 1/QĐ-UBND ngày 02/12/2025"))
            let done = try await f.decisions.issue(
                DecisionKey(provinceCode: "88", id: correction.id),
                on: Day(year: 2025, month: 12, day: 5)!,
                issuedBy: nil
            )
            #expect(done.numberText == "2/QĐ-UBND")
            let original = try #require(try await f.decisions.decision(DecisionKey(provinceCode: "88", id: issued.id)))
            #expect(original.awardees.map(\.name) == ["Nguyen Van Sai Dau"], "the issued decision itself never changes")
        }
    }
}
