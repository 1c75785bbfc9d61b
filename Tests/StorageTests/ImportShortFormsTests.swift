import Foundation
import Storage
import Tabular
import TestSupport
import Testing
import Workflow

/// Clerks write awards and kinds as they always have — "GK xã", "Giấy khen của Chủ tịch UBND
/// xã", "HGĐ" — and the import takes them when they name exactly one award of the round's process;
/// a form that fits several is refused naming them, never guessed.
@Suite struct ImportShortFormsTests {
    static func awards(_ file: String) throws -> [WorkflowDefinition.Award] {
        let url = TestDatabase.workflowsDirectory.appendingPathComponent(file)
        return try WorkflowReader.read(String(contentsOf: url, encoding: .utf8), file: file).awards
    }

    @Test(arguments: [
        ("GK xã", "giay-khen-xa"), ("Giấy khen của Chủ tịch UBND xã", "giay-khen-xa"), ("Giấy khen", "giay-khen-xa"),
        ("giay khen xa", "giay-khen-xa"), ("BK tỉnh", "bang-khen-tinh"), ("Bằng khen UBND tỉnh", "bang-khen-tinh"),
        ("BKTTg", "bang-khen-thu-tuong"), ("Bằng khen Thủ tướng Chính phủ", "bang-khen-thu-tuong"),
        ("bang-khen-tinh", "bang-khen-tinh"),
    ])
    func theUsualShortFormsOfTheTwoTierProcessNameOneAward(typed: String, award: String) throws {
        let awards = try Self.awards("khen-thuong-2-cap@2025.yaml")
        #expect(AwardNames.match(typed, in: awards) == .award(try #require(awards.first { $0.id == award })))
    }

    @Test func aShortFormFittingSeveralAwardsIsRefusedWithTheirTitles() throws {
        let threeTier = try Self.awards("khen-thuong-3-cap@2024.yaml")
        #expect(
            AwardNames.match("Giấy khen", in: threeTier)
                == .ambiguous(["Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện"])
        )
        #expect(AwardNames.match("Huân chương Lao động", in: threeTier) == .none)
        #expect(AwardNames.match("", in: threeTier) == .none)
    }

    @Test func kindsAreReadFromTheirShortForms() {
        #expect(AwardNames.kind("HGĐ") == "household")
        #expect(AwardNames.kind("Hộ gia đình") == "household")
        #expect(AwardNames.kind("CN") == "individual")
        #expect(AwardNames.kind("ĐVHC") == "administrative_unit")
        #expect(AwardNames.kind("công dân") == nil)
    }

    @Test func anImportTakesShortFormsAndKeepsWhatTheFileSaidForThePreview() async throws {
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
            let file =
                NominationImportTests.header + """
                    Nguyễn Văn An,CN,CD-1,Giáo viên,Tích cực học tập suốt đời,GK xã
                    Trần Thị Bình,cá nhân,CD-2,,Tích cực học tập suốt đời,Bằng khen
                    """
            let plan = try await NominationImport(store: store).plan(Array(file.utf8), provinceCode: "88", roundID: round)
            #expect(plan.rows.map(\.award) == ["giay-khen-xa"])
            #expect(plan.rows.first?.awardTyped == "GK xã")
            #expect(plan.rows.first?.awardTitle == "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã")
            #expect(
                plan.problems.map(\.description) == [
                    "Dòng 3, cột Hình thức: \"Bằng khen\" có thể là nhiều hình thức (Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh; Bằng khen của Thủ tướng Chính phủ): ghi rõ hơn"
                ]
            )
        }
    }

    /// The template as a spreadsheet program sees it (openpyxl): the drop-downs on the kind and
    /// award columns read the hidden list sheet, which holds every award of the round; a clerk's
    /// row added with a short form imports with the example row.
    @Test func theTemplateOffersDropDownsAndImportsOnceFilledIn() async throws {
        let awards = try Self.awards("khen-thuong-2-cap@2025.yaml").map(\.title)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("mau.xlsx")
        let filled = folder.appendingPathComponent("filled.xlsx")
        try Data(NominationImport.template(awards: awards)).write(to: template)
        let result = try await Program.run(
            "python3",
            [
                "-c",
                """
                import openpyxl, sys
                book = openpyxl.load_workbook(sys.argv[1])
                sheet = book.worksheets[0]
                for rule in sheet.data_validations.dataValidation:
                    print("rule", rule.type, str(rule.sqref), rule.formula1)
                lists = book.worksheets[1]
                print("lists", lists.title, lists.sheet_state)
                for cell in lists["B"]:
                    if cell.value: print("award", cell.value)
                sheet.append(["Thôn Đông", "tập thể", "T-1", "Xã An Hòa", "Cộng đồng học tập tiêu biểu", "GK xã"])
                book.save(sys.argv[2])
                """,
                template.path, filled.path,
            ]
        )
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("rule list B2:B5000 'Danh mục'!$A$1:$A$6"))
        #expect(lines.contains("rule list F2:F5000 'Danh mục'!$B$1:$B$3"))
        #expect(lines.contains("lists Danh mục hidden"))
        #expect(lines.filter { $0.hasPrefix("award ") } == awards.map { "award " + $0 })

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
            let plan = try await NominationImport(store: store).plan(
                try [UInt8](Data(contentsOf: filled)),
                provinceCode: "88",
                roundID: round
            )
            #expect(plan.problems.isEmpty, "\(plan.problems)")
            #expect(plan.rows.map(\.nomineeName) == ["Nguyễn Văn An", "Thôn Đông"])
            #expect(plan.rows.map(\.award) == ["giay-khen-xa", "giay-khen-xa"])
        }
    }
}
