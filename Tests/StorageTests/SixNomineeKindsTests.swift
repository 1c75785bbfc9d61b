import Foundation
import Geography
import Storage
import TestSupport
import Testing

/// Every kind of nominee QĐ 1315 names goes the whole way: imported from a spreadsheet, the
/// learning-model title asked where the kind needs one (household, clan), the council, the
/// decision in its section, and the record of merit.
@Suite struct SixNomineeKindsTests {
    static let kinds: [(kind: String, written: String, key: String, name: String, section: String)] = [
        ("individual", "cá nhân", "001190000001", "Nguyễn Văn An", "individual"),
        ("household", "hộ gia đình", "H1", "Hộ Nguyễn Văn Bình", "household"),
        ("clan", "dòng họ", "DH-1", "Dòng họ Nguyễn thôn Đông", "collective"),
        ("collective", "tập thể", "TT-1", "Chi hội Khuyến học thôn Đông", "collective"),
        ("enterprise", "doanh nghiệp", "0101234567", "Công ty TNHH Sách Bình Minh", "collective"),
        ("administrative_unit", "đơn vị hành chính", "88101001", "Thôn Đông", "collective"),
    ]

    @Test func everyKindIsImportedCheckedForItsTitleDecidedAndFoundOnRecord() async throws {
        try await DecisionStoreTests.withRound { f in
            // The household's and the clan's titles, recognised the year of the round.
            let set = try await f.db.loadShippedCriteria()
            _ = try await AssessmentImporter(client: f.db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("H1", unit: "88101", name: "Nguyễn Văn Bình").bytes,
                set: set,
                options: .init(fileName: "ho.csv")
            )
            _ = try await RecognitionDecisionStore(client: f.db.client, logger: TestDatabase.logger).record(
                unitID: f.commune,
                provinceCode: "88",
                setID: "gia-dinh-hoc-tap",
                year: 2025,
                number: nil,
                issuedOn: Day(year: 2025, month: 11, day: 1)!,
                signer: ("Vương Đình Huệ", "CHỦ TỊCH"),
                recordedBy: nil
            )

            // Imported from one spreadsheet, each kind in its own words.
            var csv = NominationImportTests.header
            for entry in Self.kinds { csv += "\(entry.name),\(entry.written),\(entry.key),,Tích cực xây dựng xã hội học tập,GK xã\n" }
            let created = try await NominationImport(store: f.store).commit(
                Array(csv.utf8),
                provinceCode: "88",
                roundID: f.round,
                unitID: f.commune,
                createdBy: nil
            )
            #expect(created.map(\.nomineeKind.rawValue) == Self.kinds.map(\.kind))

            var ready: [NominationStore.Nomination] = []
            for nomination in created {
                try await f.store.attachDocument(
                    to: nomination.key,
                    kind: "bao_cao_thanh_tich",
                    bytes: Array("%PDF-1.4\nBC\n%%EOF\n".utf8),
                    fileName: "bc.pdf",
                    uploadedBy: nil,
                    roles: [.submitter]
                )
                if nomination.nomineeKind.rawValue == "clan" {
                    // No "Dòng họ học tập" on record: the submission names the title.
                    let refusal = await #expect(throws: NominationStore.NominationError.self) {
                        _ = try await f.store.walk(nomination, [(.submit, .submitter)])
                    }
                    #expect(refusal?.description.contains("“Dòng họ học tập”") == true, "\(String(describing: refusal))")
                    // The clan recognised that year (as recorded by its commune) lets it through.
                    try await f.db.client.query(
                        """
                        INSERT INTO assessments (province_code, set_id, set_version, subject_key, subject_name, unit_id, year, answers, total,
                                                 meets_criteria, state, recognised_by)
                        VALUES ('88', 'dong-ho-hoc-tap', '2021', 'DH-1', 'Dòng họ Nguyễn thôn Đông', \(f.commune), 2025, '{}', 90, true,
                                'recognised', '5/QĐ-UBND ngày 01/11/2025')
                        """,
                        logger: TestDatabase.logger
                    )
                }
                ready.append(try await f.store.walk(nomination, [(.submit, .submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary)]))
            }
            #expect(Set(ready.map(\.state)) == ["xa_cho_quyet_dinh"])
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            let issued = try await f.decisions.issue(draft.key, on: Day(year: 2025, month: 12, day: 10)!, issuedBy: nil)
            for entry in Self.kinds {
                #expect(issued.awardees.first { $0.name == entry.name }?.section == entry.section, "\(entry.kind) in its section")
            }
            let lookup = RecordLookup(client: f.db.client, workflows: f.store.workflows, logger: TestDatabase.logger)
            for entry in Self.kinds {
                let record = try #require(try await lookup.record(provinceCode: "88", key: entry.key, scopes: [f.commune]), "\(entry.kind)")
                #expect(record.entries.contains { $0.kind == "award" && $0.decision.hasPrefix("2/QĐ-UBND") }, "\(entry.kind): \(record.entries)")
            }
        }
    }
}
