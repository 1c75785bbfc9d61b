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

    static func run(_ arguments: [String], databaseURL: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repository
        var environment = ProcessInfo.processInfo.environment
        environment["THIDUA_DATABASE_URL"] = databaseURL
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func dataFileChecksPassOnTheShippedFiles() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the thidua product first (make test does)")
        let criteria = try Self.run(["criteria", "check"])
        #expect(criteria.status == 0, "\(criteria.output)")
        let workflows = try Self.run(["workflows", "check"])
        #expect(workflows.status == 0, "\(workflows.output)")
        #expect(workflows.output.contains("hợp lệ: khen-thuong-2-cap@2025"))
    }

    @Test func auditVerifyMigrateDryRunAndEscalateRunAgainstADatabase() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await db.nominationStore()
            let verify = try Self.run(["audit", "verify"], databaseURL: db.url)
            #expect(verify.status == 0, "\(verify.output)")
            #expect(verify.output.contains("Nhật ký nguyên vẹn"))
            let dryRun = try Self.run(
                ["workflows", "migrate", "workflows/migrations/khen-thuong-3-cap@2024-sang-2-cap@2025.yaml", "--dry-run"],
                databaseURL: db.url
            )
            #expect(dryRun.status == 0, "\(dryRun.output)")
            #expect(dryRun.output.contains("Chạy thử: 0 hồ sơ"))
            let escalate = try Self.run(["nominations", "escalate"], databaseURL: db.url)
            #expect(escalate.status == 0, "\(escalate.output)")

            // A tampered trail fails verify with a non-zero exit naming the record.
            try await db.client.query(
                "SELECT audit_append('88', 'nomination:1', NULL, 'create', '{}')",
                logger: TestDatabase.logger
            )
            try await db.client.query("ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only", logger: TestDatabase.logger)
            try await db.client.query("UPDATE audit_records SET payload = '{\"x\":1}'", logger: TestDatabase.logger)
            let broken = try Self.run(["audit", "verify"], databaseURL: db.url)
            #expect(broken.status != 0)
            #expect(broken.output.contains("88/nomination:1#1"))
        }
    }
}
