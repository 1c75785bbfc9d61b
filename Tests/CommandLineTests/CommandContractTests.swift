import Foundation
import Storage
import TestSupport
import Testing

/// The commands operators' scripts call (`thidua criteria check`, `workflows check`, `audit
/// verify`, …) exist, answer in Vietnamese and exit 0 on a sound database, non-zero when not.
@Suite struct CommandContractTests {
    /// The `thidua` binary built next to the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("thidua")
    }

    static var repository: URL { TestDatabase.migrationsDirectory.deletingLastPathComponent() }

    static func run(_ arguments: [String], databaseURL: String? = nil, executable: String? = nil) async throws -> (status: Int32, output: String) {
        let result = try await Program.run(
            executable ?? binary.path,
            arguments,
            directory: repository,
            environment: ["THIDUA_DATABASE_URL": databaseURL]
        )
        return (result.status, result.output)
    }

    @Test func withoutADatabaseURLTheCommandsUseTheClusterOfMakeRunAndSaySo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-local-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".data/pg"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Port 9 on loopback: nothing listens there, so the command names the cluster it tried.
        try Data("s3cret\n".utf8).write(to: folder.appendingPathComponent(".data/password"))
        try Data("listen_addresses = '127.0.0.1'\nport = 9\n".utf8).write(to: folder.appendingPathComponent(".data/pg/postgresql.conf"))
        let found = try await Program.run(Self.binary.path, ["audit", "verify"], directory: folder, environment: ["THIDUA_DATABASE_URL": nil])
        #expect(found.status != 0)
        #expect(found.output.contains("cụm cục bộ (make run): postgres://thidua:***@127.0.0.1:9/thidua"), "\(found.output)")
        #expect(!found.output.contains("s3cret"), "the password is never printed")

        let none = try await Program.run(
            Self.binary.path,
            ["audit", "verify"],
            directory: folder.appendingPathComponent(".data"),
            environment: ["THIDUA_DATABASE_URL": nil]
        )
        #expect(none.status != 0)
        #expect(none.output.contains("Chưa chỉ định cơ sở dữ liệu"), "\(none.output)")
    }

    @Test func dataFileChecksPassOnTheShippedFiles() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the thidua product first (make test does)")
        let criteria = try await Self.run(["criteria", "check"])
        #expect(criteria.status == 0, "\(criteria.output)")
        let workflows = try await Self.run(["workflows", "check"])
        #expect(workflows.status == 0, "\(workflows.output)")
        #expect(workflows.output.contains("hợp lệ: khen-thuong-2-cap@2025"))
        let texts = try await Self.run(["decisions", "texts", "check"])
        #expect(texts.status == 0, "\(texts.output)")
        #expect(texts.output.contains("hợp lệ: mọi tỉnh"))
        let layouts = try await Self.run(["certificates", "check"])
        #expect(layouts.status == 0, "\(layouts.output)")
        #expect(layouts.output.contains("hợp lệ: bang-khen-a3"))
    }

    @Test func auditVerifyMigrateDryRunAndEscalateRunAgainstADatabase() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await db.nominationStore()
            let verify = try await Self.run(["audit", "verify"], databaseURL: db.url)
            #expect(verify.status == 0, "\(verify.output)")
            #expect(verify.output.contains("Nhật ký nguyên vẹn"))
            let dryRun = try await Self.run(
                ["workflows", "migrate", "workflows/migrations/khen-thuong-3-cap@2024-sang-2-cap@2025.yaml", "--dry-run"],
                databaseURL: db.url
            )
            #expect(dryRun.status == 0, "\(dryRun.output)")
            #expect(dryRun.output.contains("Chạy thử: 0 hồ sơ"))
            let escalate = try await Self.run(["nominations", "escalate"], databaseURL: db.url)
            #expect(escalate.status == 0, "\(escalate.output)")

            // A tampered trail fails verify with a non-zero exit naming the record (a province
            // of units: its audit records have their partition).
            try await db.loadSmallProvince()
            #expect(try await db.scalar("SELECT audit_append('88', 'nomination:1', NULL, 'create', '{}')", as: Int.self) == 1)
            try await db.client.query("ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only", logger: TestDatabase.logger)
            try await db.client.query("UPDATE audit_records SET payload = '{\"x\":1}'", logger: TestDatabase.logger)
            let broken = try await Self.run(["audit", "verify"], databaseURL: db.url)
            #expect(broken.status != 0)
            #expect(broken.output.contains("88/nomination:1#1"))
        }
    }

    @Test func decisionTextsAreImportedOnceAndAgainAsUnchanged() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await db.nominationStore()
            let texts = try await Self.run(["decisions", "texts", "import"], databaseURL: db.url)
            #expect(texts.status == 0, "\(texts.output)")
            #expect(texts.output.contains("Đã nạp 2 tệp văn bản quyết định; 0 tệp không đổi."), "\(texts.output)")
            let again = try await Self.run(["decisions", "texts", "import"], databaseURL: db.url)
            #expect(again.output.contains("Đã nạp 0 tệp văn bản quyết định; 2 tệp không đổi."), "\(again.output)")
        }
    }
}

extension CommandContractTests {
    @Test func decisionsExportWritesEachFormatOfAnIssuedDecision() async throws {
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
            _ = try await store.individualWaitingForCommuneDecision(round: round, unitID: unit, name: "Nguyễn Thị Ngọc Ánh", key: "CD-1")
            let draft = try await Self.run(
                ["decisions", "draft", "--unit", "88101", "--round", String(round), "--award", "giay-khen-xa"],
                databaseURL: db.url
            )
            #expect(draft.status == 0, "\(draft.output)")
            let id = try #require(try await db.scalar("SELECT max(id) FROM decisions", as: Int.self))
            let issue = try await Self.run(
                ["decisions", "issue", "--province", "88", "--id", String(id), "--on", "10/12/2025", "--signer", "Trần Văn Ký"],
                databaseURL: db.url
            )
            #expect(issue.status == 0, "\(issue.output)")
            #expect(issue.output.contains("Đã ban hành Quyết định số 1/QĐ-UBND ngày 10/12/2025"))

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-export-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            for format in ["docx", "xlsx", "csv", "pdf"] {
                let path = folder.appendingPathComponent("qd.\(format)").path
                let export = try await Self.run(
                    ["decisions", "export", "--province", "88", "--id", String(id), "--format", format, "--output", path],
                    databaseURL: db.url
                )
                #expect(export.status == 0, "\(format): \(export.output)")
                #expect(FileManager.default.fileExists(atPath: path))
            }
            let text = try await Self.run(
                ["/usr/bin/pdftotext", folder.appendingPathComponent("qd.pdf").path, "-"],
                databaseURL: nil,
                executable: "/usr/bin/env"
            )
            // Cells wrap long names onto two lines: compare with the line breaks folded.
            let words = text.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(words.contains("Nguyễn Thị Ngọc Ánh"))
            #expect(words.contains("Trần Văn Ký"))
            let unknown = try await Self.run(["decisions", "export", "--province", "88", "--id", String(id), "--format", "odt"], databaseURL: db.url)
            #expect(unknown.status != 0)
            #expect(unknown.output.contains("Định dạng không hỗ trợ: odt"))
        }
    }
}

extension CommandContractTests {
    @Test func reportsPrintAndWriteTheirFormats() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            _ = try await db.loadShippedCriteria()
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-reports-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let roundReport = try await Self.run(
                ["report", "round", "--province", "88", "--round", String(round), "--format", "json"],
                databaseURL: db.url
            )
            #expect(roundReport.status == 0, "\(roundReport.output)")
            #expect(roundReport.output.contains("\"roundName\" : \"Năm 2025\""))
            let review = try await Self.run(["report", "round", "--province", "88", "--from", "2023", "--to", "2025"], databaseURL: db.url)
            #expect(review.status == 0, "\(review.output)")
            #expect(review.output.contains("Các đợt năm 2023–2025 (1 đợt)"))
            let neither = try await Self.run(["report", "round", "--province", "88"], databaseURL: db.url)
            #expect(neither.status != 0)
            let awards = folder.appendingPathComponent("bieu.xlsx").path
            let statistics = try await Self.run(
                ["report", "awards", "--province", "88", "--year", "2025", "--format", "xlsx", "--output", awards],
                databaseURL: db.url
            )
            #expect(statistics.status == 0, "\(statistics.output)")
            let targets = folder.appendingPathComponent("tien-do.xlsx").path
            let progress = try await Self.run(
                ["report", "targets", "--year", "2025", "--province", "88", "--format", "xlsx", "--output", targets],
                databaseURL: db.url
            )
            #expect(progress.status == 0, "\(progress.output)")
            let stages = try await Self.run(["report", "targets", "--stages", "--province", "88", "--format", "csv"], databaseURL: db.url)
            #expect(stages.status == 0, "\(stages.output)")
            #expect(stages.output.contains("Giai đoạn 2021–2025: đạt,Giai đoạn 2021–2025: tổng số"))
            #expect(stages.output.contains("88101,Xã An Hòa,Gia đình học tập,0,"))
            let stage = try await Self.run(["report", "targets", "--stage", "2021-2025", "--province", "88"], databaseURL: db.url)
            #expect(stage.output.contains("Tiến độ xây dựng mô hình học tập giai đoạn 2021–2025 — tỉnh 88"), "\(stage.output)")
            let recognition = try await Self.run(
                [
                    "recognition", "set", "--province", "88", "--set", "cong-dong-hoc-tap-thon", "--from", "2026", "--level", "province",
                    "--body", "Ủy ban nhân dân tỉnh", "--basis", "Kế hoạch số 2/KH-UBND", "--period", "year",
                ],
                databaseURL: db.url
            )
            #expect(recognition.status == 0, "\(recognition.output)")
            let rules = try await Self.run(["recognition", "list", "--province", "88"], databaseURL: db.url)
            #expect(rules.output.contains("cong-dong-hoc-tap-thon\t2026\tcấp tỉnh\tỦy ban nhân dân tỉnh\tnăm\tcủa tỉnh"), "\(rules.output)")
            #expect(rules.output.contains("gia-dinh-hoc-tap\t2015\tcấp xã\tỦy ban nhân dân cấp xã\tnăm\tmặc định"))
            let badLevel = try await Self.run(
                [
                    "recognition", "set", "--province", "88", "--set", "gia-dinh-hoc-tap", "--from", "2026", "--level", "huyen", "--body", "X",
                    "--basis", "Y",
                ],
                databaseURL: db.url
            )
            #expect(badLevel.status != 0)
            #expect(badLevel.output.contains("Cấp không hợp lệ: huyen"))
            let both = try await Self.run(["report", "targets", "--year", "2025", "--stage", "2021-2025"], databaseURL: db.url)
            #expect(both.status != 0)
            #expect(both.output.contains("Cần đúng một trong --year, --stage hoặc --stages."))
            let check = try await Self.run(
                [
                    "python3", "-c",
                    "import openpyxl,sys; a=openpyxl.load_workbook(sys.argv[1]).active; b=openpyxl.load_workbook(sys.argv[2]).active; print(a['A1'].value, '|', a.cell(a.max_row, 1).value, '|', b['C1'].value)",
                    awards, targets,
                ],
                executable: "/usr/bin/env"
            )
            #expect(check.output.contains("Hình thức khen thưởng | Tổng cộng | Chỉ tiêu"), "\(check.output)")
        }
    }
    @Test func cycleReportCountsEachStageOfTheYear() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let set = try await db.loadShippedCriteria()
            let store = RegistrationStore(client: db.client, logger: TestDatabase.logger)
            for key in ["HGD-001", "HGD-002", "HGD-003"] {
                _ = try await store.register(
                    setID: "gia-dinh-hoc-tap",
                    subjectKey: key,
                    subjectName: "Hộ \(key)",
                    unitCode: "88101001",
                    year: 2025,
                    registeredBy: nil
                )
            }
            _ = try await AssessmentImporter(client: db.client, logger: TestDatabase.logger).importBytes(
                AssessmentFileBuilder().household("HGD-001").bytes,
                set: set,
                options: .init(fileName: "a.csv", recognisedBy: "Quyết định số 1/QĐ-UBND ngày 15/12/2025 của UBND xã An Hòa")
            )
            let csv = try await Self.run(["report", "cycle", "--unit", "88101", "--year", "2025", "--format", "csv"], databaseURL: db.url)
            #expect(csv.status == 0, "\(csv.output)")
            #expect(csv.output.contains("Danh hiệu,Đăng ký,Đã tự đánh giá,Tự đánh giá đạt,Đã thẩm định,Được công nhận,Không công nhận"))
            #expect(csv.output.contains("gia-dinh-hoc-tap,3,0,0,1,1,0"))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-registrations-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let list = folder.appendingPathComponent("dang-ky.csv")
            try Data("Mã đơn vị,Mã đối tượng,Tên\n88101001,HGD-004,Hộ Bốn\n88101001,HGD-001,Hộ HGD-001\n".utf8).write(to: list)
            let imported = try await Self.run(
                ["registrations", "import", list.path, "--set", "gia-dinh-hoc-tap", "--year", "2025", "--unit", "88101"],
                databaseURL: db.url
            )
            #expect(imported.status == 0, "\(imported.output)")
            #expect(imported.output.contains("2 dòng, 1 đăng ký mới, 1 đã có, không đổi."))
            let bad = folder.appendingPathComponent("sai.csv")
            try Data("Mã đơn vị,Mã đối tượng,Tên\n88201,HGD-009,Hộ Chín\n".utf8).write(to: bad)
            let refused = try await Self.run(
                ["registrations", "import", bad.path, "--set", "gia-dinh-hoc-tap", "--year", "2025", "--unit", "88101"],
                databaseURL: db.url
            )
            #expect(refused.status != 0)
            #expect(refused.output.contains("Dòng 2, cột mã đơn vị: đơn vị 88201 nằm ngoài phạm vi của bạn"), "\(refused.output)")
            let unknown = try await Self.run(["report", "cycle", "--unit", "00000", "--year", "2025"], databaseURL: db.url)
            #expect(unknown.status != 0)
            #expect(unknown.output.contains("Không có đơn vị mã 00000."))
        }
    }
}
