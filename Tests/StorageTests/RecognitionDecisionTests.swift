import Foundation
import Geography
import Storage
import TestSupport
import Testing

/// A People's Committee keeps one register of decision numbers: a recognition decision recorded
/// in ThiDua takes the next number of the register its award decisions use, a number entered by
/// the văn thư is checked free in both, and the register moves past it.
@Suite struct RecognitionDecisionTests {
    @Test func recognitionAndAwardDecisionsShareTheRegisterOfTheirBody() async throws {
        try await DecisionStoreTests.withRound { f in
            let set = try await f.db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: f.db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88101").raw("88101,H2,Lê Văn Nam,2025,2,1,2/2,có,2/2,1/2,có,có,có,10,không").bytes,
                set: set,
                options: .init(fileName: "x.csv")
            )
            let recognitions = RecognitionDecisionStore(client: f.db.client, logger: TestDatabase.logger)
            let day = Day(year: 2025, month: 12, day: 20)!
            let recorded = try await recognitions.record(
                unitID: f.commune,
                provinceCode: "88",
                setID: "gia-dinh-hoc-tap",
                year: 2025,
                number: nil,
                issuedOn: day,
                signer: ("Vương Đình Huệ", "CHỦ TỊCH"),
                recordedBy: nil
            )
            #expect(recorded.reference == "1/QĐ-UBND ngày 20/12/2025")
            #expect((recorded.recognised, recorded.notRecognised) == (1, 1))
            await #expect(throws: RecognitionDecisionStore.RecordingError.nothingAwaiting) {
                _ = try await recognitions.record(
                    unitID: f.commune,
                    provinceCode: "88",
                    setID: "gia-dinh-hoc-tap",
                    year: 2025,
                    number: nil,
                    issuedOn: day,
                    signer: ("", ""),
                    recordedBy: nil
                )
            }

            // The award decision may not take number 1 of 2025 again; its own number is the next.
            try await DecisionStoreTests.waitingForDecision(f, name: "Nguyễn Văn An", key: "CD-1")
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            await #expect(throws: DecisionError.numberTaken("1/QĐ-UBND", year: 2025)) {
                _ = try await f.decisions.issue(draft.key, on: day, number: 1, issuedBy: nil)
            }
            let issued = try await f.decisions.issue(draft.key, on: day, issuedBy: nil)
            #expect(issued.number == 2, "the next of the shared register; the refused attempt changed nothing")
            let chain = try await f.db.scalar(
                "SELECT string_agg(action, ',') FROM audit_records WHERE chain = 'recognition-decision:' || \(recorded.id)",
                as: String.self
            )
            #expect(chain == "record_recognition")
        }
    }
}
