import Foundation
import Logging
import PostgresNIO
import Storage
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The server killed (SIGKILL) while it imports a large assessment file sent through the page:
/// the import is one transaction, so afterwards it is absent (or, had it finished, whole) — never
/// a part — and the same file sent again to the restarted server is imported whole.
@Suite struct ImportKillTests {
    /// A browser's session with the server, driven by curl: its cookie jar, the form token echoed.
    struct Browser: Sendable {
        let base: String
        let jar: String

        init(base: String, folder: URL) {
            self.base = base
            self.jar = folder.appendingPathComponent("cookies-\(UUID().uuidString)").path
        }

        var csrf: String {
            let text = (try? String(contentsOfFile: jar, encoding: .utf8)) ?? ""
            let line = text.split(separator: "\n").first { $0.split(separator: "\t").dropLast().last == "thidua_csrf" }
            return line.map { String($0.split(separator: "\t").last ?? "") } ?? ""
        }

        /// The HTTP status (0 when no answer came) and the page.
        func curl(_ arguments: [String]) async throws -> (Int, String) {
            let result = try await Program.run(
                "curl",
                ["-s", "-c", jar, "-b", jar, "-o", "-", "-w", "\n%{http_code}", "--max-time", "110"] + arguments
            )
            let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }

        func signIn(_ username: String, _ password: String) async throws {
            _ = try await curl([base + "/login"])
            let (status, _) = try await curl(["--data", "_csrf=\(csrf)&username=\(username)&password=\(password)&next=%2F", base + "/login"])
            #expect(status == 303)
        }

        func importAssessments(_ file: URL) async throws -> (Int, String) {
            try await curl([
                "-F", "_csrf=\(csrf)", "-F", "set=gia-dinh-hoc-tap@2021", "-F", "file=@\(file.path);type=text/csv;filename=ho-gia-dinh.csv",
                base + "/assessments/import",
            ])
        }
    }

    @Test func aServerKilledDuringALargeImportLeavesItAbsentAndTheSameFileImportsWhole() async throws {
        try await TestDatabase.withFresh { db in
            for command in [["demo"]] {
                let result = try await CommandContractTests.run(command, databaseURL: db.url)
                #expect(result.status == 0, "\(command): \(result.output)")
            }
            let rows = 40_000
            var builder = AssessmentFileBuilder()
            for index in 0..<rows {
                builder = builder.household("IMP-\(index)", unit: "9901000\(1 + index % 3)", name: "Hộ Nguyễn Văn \(index)", year: 2026)
            }
            let bytes = builder.bytes

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-import-kill-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("ho-gia-dinh.csv")
            try Data(bytes).write(to: file)
            let port = 30_000 + Int.random(in: 0..<9_000)
            var environment = ProcessInfo.processInfo.environment
            environment["THIDUA_DATABASE_URL"] = db.url
            environment["THIDUA_PORT"] = String(port)
            environment["THIDUA_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory.path
            environment["THIDUA_LOG_LEVEL"] = "error"
            environment["THIDUA_BCRYPT_COST"] = "4"
            let base = "http://127.0.0.1:\(port)"
            func serve(_ log: String) async throws -> TracingTests.Background {
                let server = try TracingTests.Background(
                    CommandContractTests.binary.path,
                    ["serve"],
                    environment: environment,
                    output: folder.appendingPathComponent(log)
                )
                try await TracingTests.waitFor("the server") { try await TracingTests.request(base + "/ready").0 == 200 }
                return server
            }
            let first = try await serve("server-1.log")
            defer { first.stop() }
            let browser = Browser(base: base, folder: folder)
            try await browser.signIn("xa.canbo", "thidua-demo-2025")

            // The file is sent; the server is killed once its import has begun writing.
            let sending = Task { try? await browser.importAssessments(file) }
            try await TracingTests.waitFor("the import to start", seconds: 60) {
                let staged = try await db.scalar(
                    "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query ILIKE '%assessment%'",
                    as: Int.self
                )
                return (staged ?? 0) > 0
            }
            first.stop()
            _ = await sending.value
            // PostgreSQL ends the killed server's transaction when it notices the closed connection.
            try await TracingTests.waitFor("the killed server's work to end", seconds: 60) {
                try await db.scalar(
                    """
                    SELECT count(*)::int FROM pg_stat_activity
                    WHERE datname = current_database() AND backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()
                    """,
                    as: Int.self
                ) == 0
            }
            let afterKill = try await db.scalar("SELECT count(*)::int FROM assessments WHERE subject_key LIKE 'IMP-%'", as: Int.self) ?? -1
            #expect(afterKill == 0 || afterKill == rows, "a part of the import was kept: \(afterKill) of \(rows) rows")
            let imports = try await db.scalar("SELECT count(*)::int FROM assessment_imports WHERE file_name = 'ho-gia-dinh.csv'", as: Int.self)
            #expect(imports == (afterKill == 0 ? 0 : 1))

            let second = try await serve("server-2.log")
            defer { second.stop() }
            let again = Browser(base: base, folder: folder)
            try await again.signIn("xa.canbo", "thidua-demo-2025")
            let (status, page) = try await again.importAssessments(file)
            #expect(status == 200, "\(page.prefix(2000))")
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments WHERE subject_key LIKE 'IMP-%'", as: Int.self) == rows)
        }
    }
}
