import DataFiles
import Documents
import Foundation
import Geography
import Storage
import TestSupport
import Testing

/// Certificate layouts are data checked before they are loaded; an issued decision prints one
/// certificate per awardee on its province's layout for the form.
@Suite struct CertificateLayoutTests {
    static let directory = TestDatabase.workflowsDirectory.deletingLastPathComponent().appendingPathComponent("certificate-layouts")

    static func shipped(_ name: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }

    static let invalid: [(String, String, String, Int)] = [
        ("outside the page", "{name: name, x_mm: 60, y_mm: 125, width_mm: 300", "{name: name, x_mm: 160, y_mm: 125, width_mm: 300", 11),
        ("required field missing", "  - {name: decision, x_mm: 40, y_mm: 245, width_mm: 170, size: 13, align: left}\n", "", 10),
        ("unknown field", "{name: detail,", "{name: chu_ky,", 12),
        ("below the bottom edge", "{name: number, x_mm: 40, y_mm: 253,", "{name: number, x_mm: 40, y_mm: 296,", 18),
    ]

    @Test(arguments: invalid.indices)
    func anInvalidLayoutIsRefusedNamingItsLine(_ index: Int) throws {
        let (what, from, to, line) = Self.invalid[index]
        let text = try Self.shipped("bang-khen-a3.yaml")
        #expect(text.contains(from), "\(what): sample not found")
        do {
            _ = try CertificateLayoutReader.read(text.replacingOccurrences(of: from, with: to), file: "bang-khen-a3.yaml")
            Issue.record("\(what): accepted")
        } catch {
            #expect(error.line == line, "\(what): \(error)")
        }
    }

    @Test func anIssuedDecisionPrintsOneCertificatePerAwardeeOnItsFormsLayout() async throws {
        try await DecisionStoreTests.withRound { f in
            let certificates = CertificateStore(client: f.db.client, logger: TestDatabase.logger)
            try await DecisionStoreTests.waitingForDecision(f, name: "Nguyễn Văn An", key: "CD-1")
            try await DecisionStoreTests.waitingForDecision(f, name: "Lê Thị Bé", key: "CD-2")
            let draft = try await f.decisions.draft(provinceCode: "88", unitID: f.commune, roundID: f.round, award: "giay-khen-xa", createdBy: nil)
            await #expect(throws: CertificateStore.CertificateError.notIssued) { _ = try await certificates.certificates(of: draft) }
            let issued = try await f.decisions.issue(
                draft.key,
                on: Day(year: 2025, month: 12, day: 10)!,
                signer: ("Vương Đình Huệ", "CHỦ TỊCH"),
                issuedBy: nil
            )
            await #expect(throws: CertificateStore.CertificateError.noLayout(form: "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã")) {
                _ = try await certificates.certificates(of: issued)
            }
            #expect(try await certificates.load(files: try DataFileCatalog.files(in: Self.directory)) == (loaded: 4, unchanged: 0))
            let (layout, texts) = try await certificates.certificates(of: issued)
            #expect(layout.id == "giay-khen-a4")
            #expect(texts.map { $0["name"] } == ["Lê Thị Bé", "Nguyễn Văn An"], "Vietnamese name order, as the decision's list")
            #expect(texts.first?["decision"] == "Quyết định số 1/QĐ-UBND ngày 10/12/2025")
            #expect(texts.first?["issuer"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN HÒA")
            #expect(texts.first?["signer_name"] == "Vương Đình Huệ")
            #expect(texts.first?["place_date"]?.hasSuffix("ngày 10 tháng 12 năm 2025") == true)
        }
    }
}
