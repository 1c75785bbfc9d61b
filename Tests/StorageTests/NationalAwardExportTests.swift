import Foundation
import Geography
import Storage
import TestSupport
import Testing

/// The export for the national database keeps its documented layout: every record has exactly
/// the fields of docs/national-export.schema.json with their types; ThiDua's and recorded
/// decisions both appear, a revoked award flagged with the revoking decision.
@Suite struct NationalAwardExportTests {
    static let schemaURL = TestDatabase.workflowsDirectory.deletingLastPathComponent().appendingPathComponent("docs/national-export.schema.json")

    @Test func theExportFollowsItsDocumentedVersionedLayout() async throws {
        try await DecisionStoreTests.withRound { f in
            let first = try await DecisionStoreTests.waitingForDecision(f, name: "Nguyễn Văn An", key: "001085000001")
            _ = try await DecisionStoreTests.waitingForDecision(f, name: "Lê Thị Bé", key: "001085000002")
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            let issued = try await f.decisions.issue(draft.key, on: Day(year: 2025, month: 12, day: 10)!, issuedBy: nil)
            let revocation = try await f.decisions.draftRevocation(of: issued.key, nominationIDs: [first.id], reason: "Khai sai", createdBy: nil)
            _ = try await f.decisions.issue(revocation.key, on: Day(year: 2025, month: 12, day: 20)!, issuedBy: nil)
            _ = try await ExternalDecisionStore(client: f.db.client, workflows: f.store.workflows, logger: TestDatabase.logger).record(
                .init(
                    provinceCode: "88",
                    issuerKind: .centralOrganisation,
                    issuer: "Hội Khuyến học Việt Nam",
                    number: "88/QĐ-KHVN",
                    issuedOn: Day(year: 2025, month: 11, day: 3)!,
                    awardTitle: "Bằng khen của Trung ương Hội Khuyến học Việt Nam",
                    awardees: [.init(name: "Chi hội Khuyến học thôn Đông", kind: "collective", unitID: f.commune)],
                    document: (Array("%PDF-1.4\nQĐ\n%%EOF\n".utf8), "qd.pdf")
                ),
                by: nil
            )
            let export = try await NationalAwardExport.build(
                client: f.db.client,
                workflows: f.store.workflows,
                logger: TestDatabase.logger,
                provinceCode: "88",
                year: 2025
            )
            #expect(export.awards.map(\.source) == ["thidua", "thidua", "external"])
            #expect(export.awards.map(\.nomineeName) == ["Lê Thị Bé", "Nguyễn Văn An", "Chi hội Khuyến học thôn Đông"])
            let revoked = try #require(export.awards.first { $0.nomineeID == "001085000001" })
            #expect(revoked.revoked && revoked.revokedBy == "2/QĐ-UBND")
            #expect(revoked.decisionDate == "2025-12-10" && revoked.awardTier == "giay-khen" && revoked.unitCode == "88101")
            #expect(export.awards.last?.awardTier == "bang-khen-bo-tinh")

            // Exactly the documented fields, with their types.
            let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as? [String: Any])
            let recordSchema = try #require(
                ((schema["properties"] as? [String: Any])?["awards"] as? [String: Any])?["items"] as? [String: Any]
            )
            let properties = try #require(recordSchema["properties"] as? [String: [String: Any]])
            let document = try #require(try JSONSerialization.jsonObject(with: Data(export.json)) as? [String: Any])
            #expect(document["layout"] as? String == "thidua-khen-thuong" && document["version"] as? Int == 1)
            for record in try #require(document["awards"] as? [[String: Any]]) {
                #expect(Set(record.keys) == Set(properties.keys))
                for (key, value) in record {
                    let type = properties[key]?["type"] as? String
                    #expect(type == "boolean" ? value is Bool : value is String, "\(key) is a \(type ?? "?")")
                }
            }
            #expect(export.csv.hasPrefix("\u{FEFF}" + NationalAwardExport.columns.joined(separator: ",") + "\r\n"))
            #expect(Set(NationalAwardExport.columns) == Set(properties.keys))
        }
    }
}
