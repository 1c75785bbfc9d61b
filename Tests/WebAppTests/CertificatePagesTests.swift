import DataFiles
import Foundation
import Geography
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

/// The chair prints the ceremony's certificates from the decision's page: a preview of the first
/// on the stock's outline, then the PDF, one page per awardee, in one font family.
@Suite struct CertificatePagesTests {
    @Test func anIssuedDecisionsCertificatesArePreviewedAndPrintedAsPDF() async throws {
        try await AppHarness.withApp { db, client in
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let commune = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            _ = try await store.individualWaitingForCommuneDecision(round: round, unitID: commune, name: "Nguyễn Thị Ánh", key: "CD-1")
            _ = try await store.individualWaitingForCommuneDecision(round: round, unitID: commune, name: "Đỗ Văn Bảo", key: "CD-2")
            let decisions = DecisionStore(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
            let draft = try await decisions.draft(provinceCode: "88", unitID: commune, roundID: round, award: "giay-khen-xa", createdBy: nil)
            _ = try await decisions.issue(draft.key, on: Day(year: 2025, month: 12, day: 10)!, issuedBy: nil)
            let layouts = TestDatabase.workflowsDirectory.deletingLastPathComponent().appendingPathComponent("certificate-layouts")
            _ = try await CertificateStore(client: db.client, logger: TestDatabase.logger).load(files: try DataFileCatalog.files(in: layouts))

            var reviewer = CookieJar()
            _ = try await client.signIn("xa.an.hoa", jar: &reviewer)
            let page = try await client.execute(uri: "/decisions/88/\(draft.id)", method: .get, headers: reviewer.header)
            #expect(page.text.contains("/decisions/88/\(draft.id)/certificates"))
            let preview = try await client.execute(uri: "/decisions/88/\(draft.id)/certificates", method: .get, headers: reviewer.header)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("data-field=\"name\">Đỗ Văn Bảo</div>"), "the first in Vietnamese name order")
            #expect(preview.text.contains("Giấy khen (phôi A4 ngang) — 2 tờ"))
            let pdf = try await client.execute(uri: "/decisions/88/\(draft.id)/certificates?format=pdf", method: .get, headers: reviewer.header)
            #expect(pdf.status == .ok)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-cert-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("giay-khen.pdf")
            try Data(buffer: pdf.body).write(to: file)
            let info = try await Program.run("pdfinfo", [file.path])
            #expect(info.output.contains(/Pages:\s+2\n/), "\(info.output)")
            #expect(info.output.contains("841.89 x 595.28"), "A4 landscape")
            let text = try await Program.run("pdftotext", [file.path, "-"])
            #expect(text.output.contains("Nguyễn Thị Ánh") && text.output.contains("Quyết định số 1/QĐ-UBND ngày 10/12/2025"))
        }
    }
}
