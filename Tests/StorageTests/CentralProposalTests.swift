import Foundation
import Storage
import TestSupport
import Testing
import Workflow

/// The dossier proposing a Bằng khen của Thủ tướng: memo, list, council results and reports in one ZIP.
@Suite struct CentralProposalTests {
    @Test func theDossierHoldsTheMemoTheListTheMinutesAndEachReport() async throws {
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
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            let proposal = CentralProposal(client: db.client, workflows: store.workflows, logger: TestDatabase.logger)
            await #expect(throws: CentralProposal.ProposalError.nothingToPropose) {
                _ = try await proposal.dossier(round: RoundKey(provinceCode: "88", id: round))
            }

            var nomination = try await store.create(
                .init(
                    provinceCode: "88",
                    roundID: round,
                    award: "bang-khen-thu-tuong",
                    nomineeKind: "individual",
                    nomineeKey: "P1",
                    nomineeName: "Đinh Thị Xuân",
                    unitID: unit,
                    achievement: "Hai mươi năm dạy xóa mù chữ"
                ),
                createdBy: nil
            )
            try await store.attachDocument(
                to: NominationKey(provinceCode: "88", id: nomination.id),
                kind: "bao_cao_thanh_tich",
                bytes: CouncilSessionTests.report,
                fileName: "bao-cao.pdf",
                uploadedBy: nil,
                roles: [.submitter]
            )
            nomination = try await store.walk(
                nomination,
                [
                    (.submit, .submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary), (.toCouncil, .reviewer),
                    (.recordVote, .councilSecretary),
                ]
            )
            #expect(nomination.state == "tinh_lay_y_kien")
            let zip = try await proposal.dossier(round: RoundKey(provinceCode: "88", id: round))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-proposal-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("ho-so.zip")
            try Data(zip).write(to: file)
            let script = """
                import zipfile, sys
                z = zipfile.ZipFile(sys.argv[1])
                assert z.testzip() is None
                names = z.namelist()
                print("\\n".join(names))
                memo = zipfile.ZipFile(z.open("01-to-trinh.docx")).read("word/document.xml").decode("utf-8")
                assert "TỜ TRÌNH" in memo and "Đinh Thị Xuân" in memo and "Kính gửi: Thủ tướng Chính phủ" in memo, memo[:400]
                """
            let (status, output, _) = try await Program.run("python3", ["-c", script, file.path])
            #expect(status == 0, "\(output)")
            #expect(output.contains("02-danh-sach.xlsx"))
            #expect(output.contains("03-bien-ban-hoi-dong.txt"))
            #expect(output.contains("04-bao-cao-thanh-tich/001-ho-so-\(nomination.id)-bao-cao.pdf"))
        }
    }
}
