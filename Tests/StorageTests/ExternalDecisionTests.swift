import Foundation
import Geography
import Storage
import TestSupport
import Testing
import Workflow

/// Decisions issued elsewhere: the Prime Minister's answer to the province's proposal closes the
/// nominations it names; an awardee fitting two dossiers is asked for, never guessed; one issuer's
/// number is recorded once; the scan must be a PDF.
@Suite struct ExternalDecisionTests {
    static let scan = Array("%PDF-1.4\nQuyết định của Thủ tướng Chính phủ (bản quét)\n%%EOF\n".utf8)

    static func waitingForThePrimeMinister(_ f: DecisionStoreTests.Fixture, name: String, key: String) async throws -> NominationStore.Nomination {
        let forwarded = try await f.store.individualWaitingForThePrimeMinister(round: f.round, unitID: f.commune, name: name, key: key)
        #expect(forwarded.state == "trung_uong_xet")
        return forwarded
    }

    @Test func thePrimeMinistersDecisionClosesTheNominationsItNamesAndIsRecordedOnce() async throws {
        try await DecisionStoreTests.withRound { f in
            let first = try await Self.waitingForThePrimeMinister(f, name: "Nguyễn Văn An", key: "CD-1")
            let second = try await Self.waitingForThePrimeMinister(f, name: "Nguyễn Văn An", key: "CD-2")
            let store = ExternalDecisionStore(client: f.db.client, workflows: f.store.workflows, logger: TestDatabase.logger)
            #expect(try await store.awaiting(provinceCode: "88", roundID: f.round).map(\.id) == [first.id, second.id])
            var decision = ExternalDecisionStore.NewDecision(
                provinceCode: "88",
                issuerKind: .primeMinister,
                issuer: "Thủ tướng Chính phủ",
                number: "1234/QĐ-TTg",
                issuedOn: Day(year: 2026, month: 3, day: 2)!,
                awardTitle: "Bằng khen của Thủ tướng Chính phủ",
                roundID: f.round,
                awardees: [.init(name: "Nguyễn Văn An", kind: "individual", unitID: f.commune)],
                document: (Self.scan, "qd-1234-ttg.pdf")
            )
            // Two dossiers fit the name: the recording asks which, and stores nothing.
            let refusal = await #expect(throws: ExternalDecisionStore.RecordError.self) { _ = try await store.record(decision, by: nil) }
            #expect(refusal?.description.contains("trùng với nhiều hồ sơ đang chờ quyết định") == true)
            #expect(refusal?.description.contains("mã CD-1") == true && refusal?.description.contains("mã CD-2") == true)
            #expect(try await f.db.scalar("SELECT count(*)::int FROM external_decisions", as: Int.self) == 0)

            // Named by identifier, with a collective the province never nominated.
            decision.awardees = [
                .init(name: "Nguyễn Văn An", kind: "individual", key: "CD-1", unitID: f.commune),
                .init(name: "Chi hội Khuyến học thôn Đông", kind: "collective", unitID: f.commune, achievement: "Duy trì lớp học tình thương"),
            ]
            let recorded = try await store.record(decision, by: nil)
            #expect(recorded.reference == "1234/QĐ-TTg ngày 02/03/2026 của Thủ tướng Chính phủ")
            #expect(recorded.awardees.map(\.nominationID) == [first.id, nil])
            #expect(try await f.store.nomination(first.key)?.state == "da_khen_thuong")
            #expect(try await f.store.nomination(second.key)?.state == "trung_uong_xet")
            let history = try await f.db.scalar(
                "SELECT comment FROM nomination_transitions WHERE nomination_id = \(first.id) ORDER BY seq DESC LIMIT 1",
                as: String.self
            )
            #expect(history == "Quyết định số 1234/QĐ-TTg ngày 02/03/2026 của Thủ tướng Chính phủ")

            // In the record of merit and on the public page like ThiDua's own decisions.
            let lookup = RecordLookup(client: f.db.client, workflows: f.store.workflows, logger: TestDatabase.logger)
            let record = try #require(try await lookup.record(provinceCode: "88", key: "CD-1", scopes: [f.commune]))
            #expect(record.entries.first { $0.decision.hasPrefix("1234/QĐ-TTg") }?.link == "/decisions/external/88/\(recorded.id)")
            let collective = try #require(try await lookup.find("chi hoi khuyen hoc thon dong", scopes: [f.commune]).first)
            #expect(collective.awards == 1)
            #expect(
                try await lookup.record(provinceCode: "88", key: collective.key, scopes: [f.commune])?.entries.first?.title
                    == "Bằng khen của Thủ tướng Chính phủ"
            )
            let published = try await PublicAwards(client: f.db.client, logger: TestDatabase.logger).page(
                provinceCode: "88",
                search: "khuyen hoc",
                page: 1
            )
            #expect(published.lines.map(\.decisionNumber) == ["1234/QĐ-TTg"])

            // The same issuer's number again — however typed — names the earlier record.
            decision.number = " 1234/qđ-ttg "
            decision.issuer = "THỦ TƯỚNG CHÍNH PHỦ"
            decision.awardees = [.init(name: "Nguyễn Văn An", kind: "individual", key: "CD-2", unitID: f.commune)]
            await #expect(
                throws: ExternalDecisionStore.RecordError.duplicate(
                    reference: "1234/QĐ-TTg ngày 02/03/2026 của Thủ tướng Chính phủ",
                    recordedOn: Day.todayInVietnam.vietnamese,
                    id: recorded.id
                )
            ) { _ = try await store.record(decision, by: nil) }
            decision.number = "1300/QĐ-TTg"
            decision.document = (Array("not a pdf".utf8), "scan.pdf")
            let notPDF = await #expect(throws: ExternalDecisionStore.RecordError.self) { _ = try await store.record(decision, by: nil) }
            #expect(notPDF?.description.hasPrefix("Bản quét quyết định:") == true)
            #expect(try await f.store.nomination(second.key)?.state == "trung_uong_xet", "nothing of a refused recording is kept")
        }
    }
}
