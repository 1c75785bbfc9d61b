import Documents
import Foundation
import TestSupport
import Testing

/// Certificates printed on blank stock land where the layout puts them: LibreOffice's PDF, read
/// back with `pdftotext -bbox`, has each field's words inside its box (to the millimetre), one page
/// per awardee, and one font family (`pdffonts`).
@Suite struct CertificateFilesTests {
    static let layout = CertificateLayout(
        id: "mau",
        title: "Mẫu",
        province: "*",
        forms: ["bang-khen-tinh"],
        widthMM: 420,
        heightMM: 297,
        fields: [
            .init(name: "name", xMM: 60, yMM: 120, widthMM: 300, size: 28, bold: true),
            .init(name: "achievement", xMM: 60, yMM: 160, widthMM: 300, size: 16, italic: true),
            .init(name: "decision", xMM: 30, yMM: 250, widthMM: 150, size: 13, align: "left"),
        ]
    )

    /// Words and their boxes (points) of every page: (page, word, xMin, yMin, xMax, yMax).
    static func words(of pdf: URL, folder: URL) async throws -> [(page: Int, word: String, x: Double, y: Double, xMax: Double)] {
        let (status, html) = try await DecisionFilesTests.run("pdftotext", ["-bbox", pdf.path, "-"], in: folder)
        #expect(status == 0)
        var out: [(Int, String, Double, Double, Double)] = []
        var page = 0
        for line in html.split(separator: "\n") {
            if line.contains("<page ") { page += 1 }
            guard line.contains("<word "), let text = line.split(separator: ">").dropFirst().first?.split(separator: "<").first else { continue }
            func value(_ name: String) -> Double {
                guard let range = line.range(of: name + "=\"") else { return -1 }
                return Double(line[range.upperBound...].prefix { $0 != "\"" }) ?? -1
            }
            out.append((page, String(text), value("xMin"), value("yMin"), value("xMax")))
        }
        return out
    }

    @Test func eachFieldLandsInItsBoxOnOnePagePerAwardee() async throws {
        try await DecisionFilesTests.withFolder { folder in
            let file = folder.appendingPathComponent("bang-khen.docx")
            try Data(
                CertificateDocx.write(
                    Self.layout,
                    certificates: [
                        ["name": "Ông Nguyễn Văn Ân", "achievement": "Đã có thành tích xuất sắc", "decision": "Quyết định số 12/QĐ-UBND"],
                        ["name": "Bà Trần Thị Bình", "achievement": "Đã có thành tích xuất sắc", "decision": "Quyết định số 12/QĐ-UBND"],
                    ]
                )
            )
            .write(to: file)
            _ = try await DecisionFilesTests.textViaLibreOffice(file, folder: folder)
            let pdf = folder.appendingPathComponent("bang-khen.pdf")
            let words = try await Self.words(of: pdf, folder: folder)
            let point = 72 / 25.4
            let name = try #require(words.first { $0.word == "Ân" })
            #expect(name.page == 1)
            #expect(name.y >= 120 * point - 2 && name.y <= 120 * point + 14, "name at \(name.y / point) mm from the top")
            #expect(name.x >= 60 * point && name.xMax <= 360 * point)
            let second = try #require(words.first { $0.word == "Bình" })
            #expect(second.page == 2)
            let decision = try #require(words.first { $0.word == "12/QĐ-UBND" && $0.page == 1 })
            #expect(abs(decision.y - 250 * point) < 8, "decision at \(decision.y / point) mm")
            #expect(decision.x >= 30 * point - 1 && decision.x < 120 * point)
            let fonts = try await DecisionFilesTests.fonts(of: pdf, folder: folder)
            #expect(fonts.allSatisfy { $0.hasPrefix("LiberationSerif") }, "fonts: \(fonts)")
        }
    }

    /// The same certificates written straight to PDF (no converter): the fields in their boxes,
    /// one page per awardee, the text readable, one font family.
    @Test func theDirectPDFPlacesEachFieldInItsBoxInOneFamily() async throws {
        try await DecisionFilesTests.withFolder { folder in
            let pdf = folder.appendingPathComponent("bang-khen.pdf")
            try Data(
                CertificatePDF.write(
                    Self.layout,
                    certificates: [
                        [
                            "name": "Ông Nguyễn Văn Ân",
                            "achievement":
                                "Đã có thành tích xuất sắc trong phong trào thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời năm 2025 của tỉnh, được Hội đồng Thi đua – Khen thưởng tỉnh xét và đề nghị khen thưởng",
                            "decision": "Quyết định số 12/QĐ-UBND",
                        ],
                        ["name": "Bà Trần Thị Bình", "achievement": "Đã có thành tích xuất sắc", "decision": "Quyết định số 12/QĐ-UBND"],
                    ],
                    fonts: try CertificatePDF.Fonts.liberationSerif()
                )
            )
            .write(to: pdf)
            let words = try await Self.words(of: pdf, folder: folder)
            let point = 72 / 25.4
            let name = try #require(words.first { $0.word == "Ân" })
            #expect(name.page == 1)
            #expect(name.y >= 120 * point - 2 && name.y <= 120 * point + 14, "name at \(name.y / point) mm from the top")
            #expect(name.x >= 60 * point && name.xMax <= 360 * point)
            #expect(try #require(words.first { $0.word == "Bình" }).page == 2)
            let decision = try #require(words.first { $0.word == "12/QĐ-UBND" && $0.page == 1 })
            #expect(abs(decision.y - 250 * point) < 8, "decision at \(decision.y / point) mm")
            // The long achievement wraps inside its 300 mm box, on two lines.
            let achievement = words.filter { $0.page == 1 && $0.y > 155 * point && $0.y < 185 * point }
            #expect(Set(achievement.map { Int($0.y) }).count == 2, "two lines: \(achievement.map(\.y))")
            #expect(achievement.allSatisfy { $0.x >= 60 * point - 1 && $0.xMax <= 360 * point + 1 })
            let fonts = try await DecisionFilesTests.fonts(of: pdf, folder: folder)
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.hasPrefix("LiberationSerif") }, "fonts: \(fonts)")
        }
    }
}
