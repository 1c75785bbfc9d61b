import Documents
import Foundation
import TestSupport
import Testing

/// The files are checked by programs that did not write them: LibreOffice opens the DOCX and XLSX
/// and converts them to PDF, pdftotext reads the names back with their diacritics, and Python's
/// openpyxl and csv modules see the right cells.
@Suite(.serialized) struct DecisionFilesTests {
    static let document = DecisionDocument(
        authority: ["ỦY BAN NHÂN DÂN", "XÃ AN HÒA"],
        number: "12/QĐ-UBND",
        placeAndDate: "An Hòa, ngày 10 tháng 12 năm 2025",
        title: "Về việc tặng Giấy khen cho các tập thể, hộ gia đình và cá nhân",
        issuerTitle: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN HÒA",
        bases: ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
        proposal: "Xét đề nghị của Hội đồng Thi đua – Khen thưởng xã.",
        articles: [
            "Điều 1. Tặng Giấy khen cho 3 tập thể, hộ gia đình và cá nhân (có danh sách kèm theo).", "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
        ],
        recipients: ["- Như Điều 3;", "- Lưu: VT."],
        signerTitle: "CHỦ TỊCH",
        signerName: "Nguyễn Văn Chủ",
        listCaption: "(Kèm theo Quyết định số 12/QĐ-UBND ngày 10/12/2025 của Chủ tịch UBND xã An Hòa)",
        sections: [
            .init(
                heading: "I. TẬP THỂ",
                awardees: [.init(number: 1, name: "Thôn Đông", detail: "Xã An Hòa", unit: "Xã An Hòa", achievement: "Cộng đồng học tập tiêu biểu")]
            ),
            .init(
                heading: "II. HỘ GIA ĐÌNH",
                awardees: [
                    .init(number: 1, name: "Hộ ông Đặng Văn Ứng", detail: "Thôn Đông", unit: "Xã An Hòa", achievement: "Gia đình học tập 5 năm liền")
                ]
            ),
            .init(
                heading: "III. CÁ NHÂN",
                awardees: [
                    .init(
                        number: 1,
                        name: "Trần Thị Ánh & <Cộng sự>",
                        detail: "Giáo viên, \"Trường Tiểu học\"",
                        unit: "Xã An Hòa",
                        achievement: "=Học tập suốt đời"
                    )
                ]
            ),
        ],
        isDraft: false
    )

    static func run(_ executable: String, _ arguments: [String], in directory: URL) async throws -> (Int32, String) {
        // LibreOffice writes its profile under HOME.
        let result = try await Program.run(executable, arguments, directory: directory, environment: ["HOME": directory.path])
        return (result.status, result.output)
    }

    static func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    /// LibreOffice converts the file to PDF; pdftotext reads it back.
    static func textViaLibreOffice(_ file: URL, folder: URL) async throws -> String {
        let (status, output) = try await run(
            "soffice",
            ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder.path, file.path],
            in: folder
        )
        #expect(status == 0, "soffice: \(output)")
        let pdf = file.deletingPathExtension().appendingPathExtension("pdf")
        #expect(FileManager.default.fileExists(atPath: pdf.path), "LibreOffice did not convert \(file.lastPathComponent): \(output)")
        let (textStatus, text) = try await run("pdftotext", [pdf.path, "-"], in: folder)
        #expect(textStatus == 0)
        // Words a table cell wrapped onto two lines are joined again.
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The fonts a PDF embeds, by name without the subset prefix ("ABCDEF+LiberationSerif-Bold").
    static func fonts(of pdf: URL, folder: URL) async throws -> [String] {
        let (status, output) = try await run("pdffonts", [pdf.path], in: folder)
        #expect(status == 0, "pdffonts: \(output)")
        // Two header lines (names, dashes), then one font per line, its name first.
        return output.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: " ").first.map { name in String(name.split(separator: "+").last ?? name) }
        }
    }

    @Test func libreOfficeReadsTheDecisionWithItsDiacritics() async throws {
        try await Self.withFolder { folder in
            let file = folder.appendingPathComponent("quyet-dinh.docx")
            try Data(DocxWriter.write(Self.document)).write(to: file)
            let text = try await Self.textViaLibreOffice(file, folder: folder)
            // One family for every letter: a font without Vietnamese (Liberation 1.x) makes
            // LibreOffice take "ệ", "ộ", "ứ" from another family — the "lệch font" officials reject.
            let fonts = try await Self.fonts(of: file.deletingPathExtension().appendingPathExtension("pdf"), folder: folder)
            #expect(!fonts.isEmpty)
            #expect(fonts.allSatisfy { $0.hasPrefix("LiberationSerif") }, "fonts: \(fonts)")
            for expected in [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/QĐ-UBND", "QUYẾT ĐỊNH", "Hộ ông Đặng Văn Ứng",
                "Trần Thị Ánh & <Cộng sự>", "DANH SÁCH KHEN THƯỞNG", "Nguyễn Văn Chủ",
            ] {
                #expect(text.contains(expected), "missing \(expected)")
            }
        }
    }

    static let minutes = MinutesDocument(
        authority: ["ỦY BAN NHÂN DÂN XÃ AN HÒA", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"],
        number: "03/BB-HĐTĐKT",
        placeAndDate: "An Hòa, ngày 10 tháng 12 năm 2026",
        title: "Họp Hội đồng Thi đua – Khen thưởng xã An Hòa — Xét khen thưởng cuối năm",
        basis: "Căn cứ Quyết định số 45/QĐ-UBND ngày 02/07/2025 về việc thành lập Hội đồng;",
        opening: "Vào lúc 08 giờ 30 phút, ngày 10/12/2026, tại Hội trường UBND xã, Hội đồng họp xét khen thưởng.",
        chair: "Nguyễn Văn Chủ, Chủ tịch UBND xã, Chủ tịch Hội đồng",
        secretary: "Lê Thị Thư, Ủy viên thư ký",
        attendance: "Thành viên Hội đồng: 7 người; có mặt 6 người; vắng 1 người (Đặng Văn Ứng).",
        present: ["Nguyễn Văn Chủ, Chủ tịch UBND xã, Chủ tịch Hội đồng", "Lê Thị Thư, Ủy viên thư ký"],
        rule: "Quy chế biểu quyết: quá bán.",
        results: [.init(nominee: "Hộ ông Trần Văn Ánh", award: "Giấy khen của Chủ tịch UBND xã", yes: 6, no: 0, outcome: "Thông qua")],
        closing: "Phiên họp kết thúc lúc 10 giờ 15 phút cùng ngày.",
        secretaryName: "Lê Thị Thư",
        chairName: "Nguyễn Văn Chủ",
        isDraft: false
    )

    @Test func libreOfficeReadsTheMinutesWithNumberHoursAndSignaturesInOneFontFamily() async throws {
        try await Self.withFolder { folder in
            let file = folder.appendingPathComponent("bien-ban.docx")
            try Data(MinutesDocx.write(Self.minutes)).write(to: file)
            let text = try await Self.textViaLibreOffice(file, folder: folder)
            for expected in [
                "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "Số: 03/BB-HĐTĐKT", "BIÊN BẢN", "Căn cứ Quyết định số 45/QĐ-UBND", "08 giờ 30 phút",
                "Chủ trì: Nguyễn Văn Chủ", "Thư ký: Lê Thị Thư", "Hộ ông Trần Văn Ánh", "Thông qua", "10 giờ 15 phút", "THƯ KÝ", "CHỦ TRÌ",
            ] {
                #expect(text.contains(expected), "missing \(expected)")
            }
            let fonts = try await Self.fonts(of: file.deletingPathExtension().appendingPathExtension("pdf"), folder: folder)
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.hasPrefix("LiberationSerif") }, "fonts: \(fonts)")
        }
    }

    @Test func spreadsheetOpensInLibreOfficeAndOpenpyxlSeesTheCells() async throws {
        try await Self.withFolder { folder in
            let file = folder.appendingPathComponent("danh-sach.xlsx")
            try Data(XlsxWriter.write(Self.document)).write(to: file)
            let text = try await Self.textViaLibreOffice(file, folder: folder)
            #expect(text.contains("Hộ ông Đặng Văn Ứng"))
            let script = """
                import openpyxl, sys
                sheet = openpyxl.load_workbook(sys.argv[1]).active
                rows = [[c.value for c in r] for r in sheet.iter_rows()]
                assert rows[0] == ["STT", "Họ và tên / Tên tập thể", "Chức vụ, địa chỉ", "Đơn vị", "Thành tích", "Phần"], rows[0]
                assert rows[2][1] == "Hộ ông Đặng Văn Ứng", rows[2]
                assert rows[3][1] == "Trần Thị Ánh & <Cộng sự>", rows[3]
                assert rows[3][4] == "=Học tập suốt đời", rows[3]
                assert rows[1][0] == 1 and rows[1][5] == "I. TẬP THỂ", rows[1]
                print(len(rows))
                """
            let (status, output) = try await Self.run("python3", ["-c", script, file.path], in: folder)
            #expect(status == 0, "\(output)")
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "4")
        }
    }

    @Test func csvHasABomAndPythonReadsTheFields() async throws {
        try await Self.withFolder { folder in
            let bytes = CSVWriter.write(Self.document)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let file = folder.appendingPathComponent("danh-sach.csv")
            try Data(bytes).write(to: file)
            let script = """
                import csv, sys
                rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
                assert rows[3][2] == 'Giáo viên, "Trường Tiểu học"', rows[3]
                assert rows[3][4] == "'=Học tập suốt đời", rows[3]
                assert rows[2][1] == "Hộ ông Đặng Văn Ứng", rows[2]
                print(len(rows))
                """
            let (status, output) = try await Self.run("python3", ["-c", script, file.path], in: folder)
            #expect(status == 0, "\(output)")
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "4")
        }
    }

    @Test func zipEntriesCarryCorrectChecksums() async throws {
        try await Self.withFolder { folder in
            let file = folder.appendingPathComponent("a.docx")
            try Data(DocxWriter.write(Self.document)).write(to: file)
            let (status, output) = try await Self.run(
                "python3",
                ["-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(sorted(z.namelist()))", file.path],
                in: folder
            )
            #expect(status == 0, "\(output)")
            #expect(output.contains("word/document.xml"))
        }
    }
}
