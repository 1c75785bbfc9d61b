import Geography
import Storage
import TestSupport
import Testing

/// A round runs on the workflow version in force on the day it opens.
@Suite struct RoundTests {
    @Test func theOpeningDayChoosesTheThreeOrTwoTierProcess() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let rounds = RoundStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
            func open(
                _ day: String,
                workflow: String? = nil,
                closes: String? = nil,
                basis: String = "merit",
                year: Int = 2025
            ) async throws -> RoundStore.Round {
                try await rounds.open(
                    provinceCode: "88",
                    name: "Đợt \(day)",
                    year: year,
                    basis: basis,
                    opensOn: Day(parsing: day)!,
                    closesOn: closes.flatMap { Day(parsing: $0) },
                    workflow: workflow
                )
            }
            let before = try await open("30/06/2025")
            #expect(before.workflow == "khen-thuong-3-cap@2024")
            let after = try await open("01/07/2025", closes: "31/12/2025", basis: "thematic")
            #expect(after.workflow == "khen-thuong-2-cap@2025")
            #expect(after.closesOn == "31/12/2025")
            // From 2026 the later version of the same process supersedes the 2025 one; the
            // earlier version may still be named.
            #expect(try await open("05/01/2026", year: 2026).workflow == "khen-thuong-2-cap@2026")
            #expect(try await open("06/01/2026", workflow: "khen-thuong-2-cap@2025", year: 2026).workflow == "khen-thuong-2-cap@2025")

            await #expect(
                throws: RoundStore.RoundError.notInForce(
                    "khen-thuong-3-cap@2024",
                    Day(year: 2025, month: 8, day: 1)!,
                    from: "01/01/2024",
                    to: "30/06/2025"
                )
            ) {
                _ = try await open("01/08/2025", workflow: "khen-thuong-3-cap@2024")
            }
            await #expect(throws: RoundStore.RoundError.invalidBasis("yearly")) { _ = try await open("01/08/2025", basis: "yearly") }
            await #expect(throws: RoundStore.RoundError.closesBeforeOpening) { _ = try await open("01/08/2025", closes: "01/07/2025") }
            await #expect(throws: RoundStore.RoundError.yearOutOfRange(-426_872_293_773_533)) {
                _ = try await open("01/08/2025", year: -426_872_293_773_533)
            }
            await #expect(throws: RoundStore.RoundError.yearOutOfRange(20_255)) { _ = try await open("01/08/2025", year: 20_255) }
            await #expect(throws: RoundStore.RoundError.noWorkflowInForce(Day(year: 2010, month: 1, day: 1)!)) { _ = try await open("01/01/2010") }

            let listed = try await rounds.rounds(provinceCodes: ["88"])
            #expect(listed.map(\.opensOn) == ["06/01/2026", "05/01/2026", "01/07/2025", "30/06/2025"])
            #expect(try await rounds.rounds(provinceCodes: ["77"]).isEmpty)
        }
    }
}
