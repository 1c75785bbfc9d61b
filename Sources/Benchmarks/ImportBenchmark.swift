import Foundation
import Logging
import PostgresNIO
import Storage

/// A million household assessments from CSV through `AssessmentImporter`, against a raw `COPY`
/// of the same file into a bare table on the same server (psql `\copy`).
struct ImportBenchmark {
    let databaseURL: String
    let repository: URL
    let rows: Int

    func run() async throws -> [(String, String, String)] {
        var benchLogger = Logger(label: "bench")
        benchLogger.logLevel = ProcessInfo.processInfo.environment["THIDUA_BENCH_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .error
        let logger = benchLogger
        return try await DatabaseURL(databaseURL).withClient(maximumConnections: 4, logger: logger) { client in
            try await measure(client: client, logger: logger)
        }
    }

    private func measure(client: PostgresClient, logger: Logger) async throws -> [(String, String, String)] {
        let migrations = try MigrationFile.load(from: repository.appendingPathComponent("sql"))
        try await Migrator(client: client, files: migrations, logger: logger).migrate()
        _ = try await DemoData.load(client: client, hasher: PasswordHasher(cost: 4), logger: logger)
        let criteria = CriteriaRepository(client: client, logger: logger)
        try await criteria.load(files: try CriteriaCatalog.files(in: repository.appendingPathComponent("criteria")))
        let set = try await criteria.set("gia-dinh-hoc-tap@2021")

        let small = try writeFile(rows: rows / 10, name: "small")
        let large = try writeFile(rows: rows, name: "large")
        defer {
            try? FileManager.default.removeItem(atPath: small)
            try? FileManager.default.removeItem(atPath: large)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: large)[.size] as? Int) ?? 0
        print("import: file of \(rows) rows, \(size / 1_048_576) MiB")

        // Raw COPY of the same file into a bare table of text columns.
        try await client.query("DROP TABLE IF EXISTS bench_raw", logger: logger)
        try await client.query(
            """
            CREATE TABLE bench_raw (unit text, subject text, name text, year text, adults text, holding text,
                a11 text, a12 text, a21 text, a22 text, a31 text, a32 text, a33 text, a41 text, a42 text)
            """,
            logger: logger
        )
        let rawStart = ContinuousClock.now
        try psql(url: databaseURL, command: "\\copy bench_raw FROM '\(large)' WITH (FORMAT csv, HEADER true)")
        let rawSeconds = seconds(ContinuousClock.now - rawStart)

        let importer = AssessmentImporter(client: client, logger: logger)
        try await client.query("TRUNCATE assessment_evidence, assessments, assessment_imports", logger: logger)
        let memoryBefore = peakMemoryMiB()
        _ = try await importer.importFile(at: small, set: set, options: .init(fileName: "small.csv"))
        let memoryAfterSmall = peakMemoryMiB()
        try await client.query("TRUNCATE assessment_evidence, assessments, assessment_imports", logger: logger)
        let start = ContinuousClock.now
        let summary = try await importer.importFile(at: large, set: set, options: .init(fileName: "large.csv", recognisedBy: "Quyết định mẫu"))
        let importSeconds = seconds(ContinuousClock.now - start)
        let memoryAfterLarge = peakMemoryMiB()
        precondition(summary.inserted == rows, "imported \(summary.inserted) of \(rows)")

        let reportStart = ContinuousClock.now
        _ = try await TargetReport.build(client: client, logger: logger, year: 2025, provinceCode: "99", level: .commune)
        let reportSeconds = seconds(ContinuousClock.now - reportStart)

        let ratio = rawSeconds / importSeconds
        print(
            "import: raw COPY \(formatted(rawSeconds, decimals: 2)) s, import \(formatted(importSeconds, decimals: 2)) s, ratio \(formatted(ratio, decimals: 2)); peak memory \(formatted(memoryBefore)) → \(formatted(memoryAfterSmall)) (\(rows / 10) rows) → \(formatted(memoryAfterLarge)) MiB (\(rows) rows); report \(formatted(reportSeconds, decimals: 2)) s"
        )
        return [
            ("Raw COPY of \(rows) rows (psql \\copy)", "\(formatted(rawSeconds, decimals: 2)) s", "—"),
            ("Import of \(rows) household assessments (check, score, COPY, insert)", "\(formatted(importSeconds, decimals: 2)) s", "—"),
            ("Import ÷ raw COPY throughput", formatted(ratio, decimals: 2), "≥ 0.5"),
            (
                "Peak memory: before / after \(rows / 10) rows / after \(rows) rows",
                "\(formatted(memoryBefore)) / \(formatted(memoryAfterSmall)) / \(formatted(memoryAfterLarge)) MiB",
                "flat"
            ),
            ("Targets report, province of \(rows) assessments, by commune", "\(formatted(reportSeconds, decimals: 2)) s", "< 1 s"),
        ]
    }

    /// Households spread over the demo province's villages in force in 2025.
    private func writeFile(rows: Int, name: String) throws -> String {
        let path = NSTemporaryDirectory() + "thidua-bench-\(name)-\(ProcessInfo.processInfo.processIdentifier).csv"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let villages = ["99010001", "99010002", "99010003", "99011001", "99011002", "99011003", "99020001", "99020002", "99022001"]
        var buffer = "Mã đơn vị,Mã đối tượng,Họ tên chủ hộ,Năm,Số người lớn,Số đạt công dân học tập,1.1,1.2,2.1,2.2,3.1,3.2,3.3,4.1,4.2\n"
        var generator = SystemRandomNumberGenerator()
        let yesNo = ["có", "không"]
        for i in 0..<rows {
            let adults = Int.random(in: 1...4, using: &generator)
            let children = Int.random(in: 0...3, using: &generator)
            buffer += "\(villages[i % villages.count]),HGD-\(i),Nguyễn Văn Hộ \(i),2025,\(adults),\(Int.random(in: 0...adults, using: &generator)),"
            buffer += "\(Int.random(in: 0...children, using: &generator))/\(children),\(yesNo.randomElement(using: &generator)!),"
            buffer += "\(Int.random(in: 0...adults, using: &generator))/\(adults),\(Int.random(in: 0...adults, using: &generator))/\(adults),"
            buffer +=
                "\(yesNo.randomElement(using: &generator)!),\(yesNo.randomElement(using: &generator)!),\(yesNo.randomElement(using: &generator)!),"
            buffer += "\(Int.random(in: 0...10, using: &generator)),có\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
        return path
    }

    private func psql(url: String, command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    }
}
