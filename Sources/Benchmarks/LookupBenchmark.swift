import Documents
import Foundation
import Logging
import PostgresNIO
import Storage

/// The record of merit at a province's scale: 1,000,000 recognised household assessments and
/// 100,000 awarded nominations with Vietnamese names of the usual frequencies (four in ten are
/// Nguyễn), then lookups by full name typed without diacritics, as a province reviewer would —
/// timed end to end through `RecordLookup`. And certificates for a decision of 10,000 awardees:
/// the Word file (memory before and after) and its PDF through LibreOffice.
struct LookupBenchmark {
    let databaseURL: String
    let repository: URL
    let recognitions: Int
    let awards: Int

    func run() async throws -> [(String, String, String)] {
        var benchLogger = Logger(label: "bench")
        benchLogger.logLevel = ProcessInfo.processInfo.environment["THIDUA_BENCH_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .error
        let logger = benchLogger
        return try await DatabaseURL(databaseURL).withClient(maximumConnections: 4, logger: logger) { client in
            try await measure(client: client, logger: logger)
        }
    }

    /// Surnames, middle names and given names; the surname array repeats names by their share.
    static let surnames =
        Array(repeating: "Nguyễn", count: 38) + Array(repeating: "Trần", count: 11) + Array(repeating: "Lê", count: 10)
        + Array(repeating: "Phạm", count: 7) + Array(repeating: "Hoàng", count: 5) + Array(repeating: "Huỳnh", count: 4)
        + Array(repeating: "Phan", count: 4) + Array(repeating: "Vũ", count: 4) + Array(repeating: "Võ", count: 3)
        + Array(repeating: "Đặng", count: 2) + ["Bùi", "Bùi", "Đỗ", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Đào"]
    static let middles = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Thu", "Hồng", "Công", "Đình", "Kim", "Bảo"]
    static let givens = [
        "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai",
        "Minh", "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thành", "Thủy", "Trang",
        "Trung", "Tuấn", "Tú", "Vân", "Việt", "Vinh", "Yến",
    ]

    private func measure(client: PostgresClient, logger: Logger) async throws -> [(String, String, String)] {
        let migrations = try MigrationFile.load(from: repository.appendingPathComponent("sql"))
        try await Migrator(client: client, files: migrations, logger: logger).migrate()
        _ = try await DemoData.load(client: client, hasher: PasswordHasher(cost: 4), logger: logger)
        let criteria = CriteriaRepository(client: client, logger: logger)
        try await criteria.load(files: try CriteriaCatalog.files(in: repository.appendingPathComponent("criteria")))
        let workflows = WorkflowRepository(client: client, logger: logger)
        try await workflows.load(files: try CriteriaCatalog.files(in: repository.appendingPathComponent("workflows")))

        // The names, as SQL arrays picked by a hash of the row number (reproducible).
        func array(_ names: [String]) -> String { "ARRAY[" + names.map { "'\($0)'" }.joined(separator: ",") + "]" }
        let name = """
            (\(array(Self.surnames)))[1 + (hashint4(g) & 2147483647) % \(Self.surnames.count)] || ' ' ||
            (\(array(Self.middles)))[1 + (hashint4(g * 7) & 2147483647) % \(Self.middles.count)] || ' ' ||
            (\(array(Self.givens)))[1 + (hashint4(g * 13) & 2147483647) % \(Self.givens.count)]
            """
        let generateStart = ContinuousClock.now
        // A database kept from an earlier run (THIDUA_BENCH_KEEP=1) is measured as it is.
        var existing = 0
        for try await count in try await client.query("SELECT count(*)::int FROM assessments", logger: logger).decode(Int.self) { existing = count }
        let keep = ProcessInfo.processInfo.environment["THIDUA_BENCH_KEEP"] == "1" && existing >= recognitions
        if !keep {
            try await client.query("TRUNCATE assessment_evidence, assessments, assessment_imports", logger: logger)
            try await client.query(
                PostgresQuery(
                    unsafeSQL: """
                        WITH villages AS (SELECT array_agg(id ORDER BY id) AS ids FROM admin_units WHERE province_code = '99' AND level = 'village')
                        INSERT INTO assessments (province_code, set_id, set_version, subject_key, subject_name, unit_id, year, answers, total,
                                                 meets_criteria, state, recognised_by)
                        SELECT '99', 'gia-dinh-hoc-tap', '2021', 'HGD-' || g, \(name),
                               villages.ids[1 + g % array_length(villages.ids, 1)], 2021 + g % 5, '{}', 90, true, 'recognised', 'QĐ mẫu'
                        FROM generate_series(1, \(recognitions)) g, villages
                        """
                ),
                logger: logger
            )
            let round = try await NominationStore(client: client, workflows: workflows, logger: logger).createRound(
                provinceCode: "99",
                name: "Đợt đo hiệu năng",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            try await client.query(
                PostgresQuery(
                    unsafeSQL: """
                        WITH villages AS (SELECT array_agg(id ORDER BY id) AS ids FROM admin_units WHERE province_code = '99' AND level = 'village')
                        INSERT INTO nominations (province_code, round_id, workflow_id, workflow_version, award, basis, nominee_kind, nominee_key,
                                                 nominee_name, nominee_folded, unit_id, achievement, state, is_open)
                        SELECT '99', \(round), 'khen-thuong-2-cap', '2025', 'giay-khen-xa', 'merit', 'individual', 'CCCD-' || g, n.name,
                               thidua_fold(n.name), villages.ids[1 + g % array_length(villages.ids, 1)], 'Thành tích', 'da_khen_thuong', false
                        FROM generate_series(1, \(awards)) g, villages, LATERAL (SELECT \(name) AS name) n
                        """
                ),
                logger: logger
            )
        }
        try await client.query("VACUUM ANALYZE assessments", logger: logger)
        try await client.query("VACUUM ANALYZE nominations", logger: logger)
        let generateSeconds = seconds(ContinuousClock.now - generateStart)
        print("lookup: \(recognitions) recognitions and \(awards) nominations generated in \(formatted(generateSeconds, decimals: 1)) s")

        // A province reviewer's scope: the province unit.
        var scope: [Int] = []
        let provinceRows = try await client.query("SELECT id FROM admin_units WHERE code = '99' AND valid_to IS NULL", logger: logger)
        for try await id in provinceRows.decode(Int.self) { scope.append(id) }
        let lookup = RecordLookup(client: client, workflows: workflows, logger: logger)
        let queries = [
            "nguyen van an", "tran thi lan", "le minh tuan", "pham hong nhung", "hoang van nam", "vu thi thu", "dang quang hai",
            "nguyen thi hoa", "bui xuan truong", "ngo thanh son", "nguyen duc thang", "huynh ngoc yen",
        ]
        _ = try await lookup.find(queries[0], scopes: scope)  // warm the cache, as a server in use has it
        var times: [Double] = []
        var found = 0
        for _ in 0..<3 {
            for query in queries {
                let start = ContinuousClock.now
                found += try await lookup.find(query, scopes: scope).count
                times.append(seconds(ContinuousClock.now - start) * 1000)
            }
        }
        times.sort()
        let median = times[times.count / 2]
        let worst = times.last ?? 0
        let keyStart = ContinuousClock.now
        _ = try await lookup.record(provinceCode: "99", key: "HGD-4242", scopes: scope)
        let recordMS = seconds(ContinuousClock.now - keyStart) * 1000

        // Certificates for a decision of 10,000 awardees.
        let layout = try CertificateLayoutReader.read(
            try String(contentsOf: repository.appendingPathComponent("certificate-layouts/giay-khen-a4.yaml"), encoding: .utf8),
            file: "giay-khen-a4.yaml"
        )
        let texts: [CertificateText] = (1...10_000).map { index in
            [
                "issuer": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ YÊN BÌNH", "name": "Nguyễn Văn Mẫu \(index)", "detail": "Thôn Đông",
                "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua xây dựng xã hội học tập năm 2025",
                "decision": "Quyết định số 215/QĐ-UBND ngày 22/12/2025", "place_date": "Yên Bình, ngày 22 tháng 12 năm 2025",
                "signer_title": "CHỦ TỊCH", "signer_name": "Lý Văn Đức",
            ]
        }
        let memoryBefore = peakMemoryMiB()
        let docxStart = ContinuousClock.now
        let docx = CertificateDocx.write(layout, certificates: texts)
        let docxSeconds = seconds(ContinuousClock.now - docxStart)
        let memoryAfter = peakMemoryMiB()
        let fonts = try CertificatePDF.Fonts.liberationSerif()
        let pdfStart = ContinuousClock.now
        let pdf = CertificatePDF.write(layout, certificates: texts, fonts: fonts)
        let pdfSeconds = seconds(ContinuousClock.now - pdfStart)
        let memoryAfterPDF = peakMemoryMiB()
        return [
            (
                "lookup by full name without diacritics, \(recognitions / 1000)k recognitions + \(awards / 1000)k nominations, province scope",
                "median \(formatted(median, decimals: 1)) ms, worst \(formatted(worst, decimals: 1)) ms (\(found / (3 * queries.count)) subjects per search)",
                "< 50 ms"
            ),
            ("one subject's record by identifier", "\(formatted(recordMS, decimals: 1)) ms", "—"),
            (
                "certificates of a 10,000-awardee decision: Word file",
                "\(formatted(docxSeconds, decimals: 2)) s, \(docx.count / 1_048_576) MiB, peak memory \(formatted(memoryBefore)) → \(formatted(memoryAfter)) MiB",
                "< 10 s, memory flat"
            ),
            (
                "certificates of a 10,000-awardee decision: PDF written directly (Liberation Serif embedded)",
                "\(formatted(pdfSeconds, decimals: 2)) s, \(pdf.count / 1_048_576) MiB, peak memory → \(formatted(memoryAfterPDF)) MiB",
                "< 10 s, memory flat"
            ),
        ]
    }
}
