import Foundation
import Geography
import Storage
import TestSupport
import Testing

/// The record of merit: a name typed without diacritics or an identifier finds the subject, and
/// its record lists every recognition and award with its decision, newest first — only within
/// the reader's units.
@Suite struct RecordLookupTests {
    @Test func aNameWithoutDiacriticsFindsTheWholeRecordNewestFirstWithinScope() async throws {
        try await DecisionStoreTests.withRound { f in
            let set = try await f.db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: f.db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88101", name: "Trần Thị Bình").bytes,
                set: set,
                options: .init(fileName: "x.csv")
            )
            _ = try await RecognitionDecisionStore(client: f.db.client, logger: TestDatabase.logger).record(
                unitID: f.commune,
                provinceCode: "88",
                setID: "gia-dinh-hoc-tap",
                year: 2025,
                number: 7,
                issuedOn: Day(year: 2025, month: 12, day: 1)!,
                signer: ("Vương Đình Huệ", "CHỦ TỊCH"),
                recordedBy: nil
            )
            let waiting = try await DecisionStoreTests.waitingForDecision(f, name: "Nguyễn Văn Ân", key: "CD-1")
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            let issued = try await f.decisions.issue(draft.key, on: Day(year: 2025, month: 12, day: 10)!, issuedBy: nil)
            let revocation = try await f.decisions.draftRevocation(
                of: issued.key,
                nominationIDs: [waiting.id],
                reason: "Phát hiện khai sai thành tích",
                createdBy: nil
            )
            _ = try await f.decisions.issue(revocation.key, on: Day(year: 2025, month: 12, day: 20)!, issuedBy: nil)

            let workflows = WorkflowRepository(client: f.db.client, logger: TestDatabase.logger)
            let lookup = RecordLookup(client: f.db.client, workflows: workflows, logger: TestDatabase.logger)
            let commune = [f.commune]
            let found = try await lookup.find("nguyen van an", scopes: commune)
            #expect(found.map(\.key) == ["CD-1"])
            #expect(found.first?.awards == 1)
            #expect(try await lookup.find("CD-1", scopes: commune).map(\.name) == ["Nguyễn Văn Ân"])
            #expect(
                try await lookup.find("tran thi binh", scopes: commune).map { ($0.key, $0.recognitions, $0.kind) }.first! == ("H1", 1, "household")
            )
            await #expect(throws: RecordLookup.LookupError.tooLittle) { _ = try await lookup.find("ng", scopes: commune) }

            let record = try #require(try await lookup.record(provinceCode: "88", key: "CD-1", scopes: commune))
            #expect(record.entries.map(\.kind) == ["revocation", "award"])
            #expect(record.entries[1].title == "Giấy khen của Chủ tịch Ủy ban nhân dân xã An Hòa")
            #expect(record.entries[1].decision == "8/QĐ-UBND ngày 10/12/2025", "after the recognition decision numbered 7 in the same register")
            #expect(record.entries[1].link == "/decisions/88/\(issued.id)")
            #expect(record.entries[1].issuer == "Ủy ban nhân dân xã An Hòa")
            #expect(record.entries[0].decision == "9/QĐ-UBND ngày 20/12/2025")
            let household = try #require(try await lookup.record(provinceCode: "88", key: "H1", scopes: commune))
            #expect(household.entries.map(\.kind) == ["recognition"])
            #expect(household.entries.first?.decision == "7/QĐ-UBND ngày 01/12/2025")
            #expect(household.entries.first?.title == "Gia đình học tập")

            // Another commune's reader finds nothing of An Hòa's.
            let other = try #require(try await f.db.scalar("SELECT id FROM admin_units WHERE code = '88201' AND valid_to IS NULL", as: Int.self))
            #expect(try await lookup.find("nguyen van an", scopes: [other]).isEmpty)
            #expect(try await lookup.record(provinceCode: "88", key: "CD-1", scopes: [other]) == nil)
        }
    }
}
