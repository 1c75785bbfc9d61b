import Foundation
import Storage
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `thidua serve` with an OTLP endpoint exports each request's spans — the route, the API
/// operation, the database transactions under it — and writes the trace id on its log lines;
/// without one it exports nothing (no endpoint is tried).
@Suite struct TracingTests {
    /// A process started in the background and killed at the end of the test.
    final class Background: @unchecked Sendable {
        let process = Process()
        init(_ executable: String, _ arguments: [String], environment: [String: String], output: URL) throws {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.environment = environment
            FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }
        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    static func waitFor(_ what: String, seconds: Double = 30, _ check: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await check()) == true { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("timed out waiting for \(what)")
    }

    static func request(_ url: String, method: String = "GET", json: String? = nil, token: String? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func aRequestsSpansReachTheCollectorAndItsLogLinesCarryTheTraceID() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            _ = try await store.createRound(
                provinceCode: "88",
                name: "Khen thưởng 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "xa.an.thi",
                fullName: "Trần Văn Thi",
                password: "mat-khau-dai-du",
                roles: [(.submitter, unitCode: "88101")]
            )

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-trace-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let collectorPort = 21_000 + Int.random(in: 0..<9_000)
            let serverPort = 30_000 + Int.random(in: 0..<9_000)
            let spans = folder.appendingPathComponent("spans.bin")
            var environment = ProcessInfo.processInfo.environment
            let collector = try Background(
                "/usr/bin/env",
                [
                    "python3", CommandContractTests.repository.appendingPathComponent("Tests/Tools/otlp_collector.py").path, String(collectorPort),
                    spans.path,
                ],
                environment: environment,
                output: folder.appendingPathComponent("collector.log")
            )
            defer { collector.stop() }

            environment["THIDUA_DATABASE_URL"] = db.url
            environment["THIDUA_PORT"] = String(serverPort)
            environment["THIDUA_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory.path
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:\(collectorPort)"
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "100"
            let log = folder.appendingPathComponent("server.log")
            let server = try Background(CommandContractTests.binary.path, ["serve"], environment: environment, output: log)
            defer { server.stop() }

            let base = "http://127.0.0.1:\(serverPort)"
            try await Self.waitFor("the server") { try await Self.request(base + "/health").0 == 200 }
            let (status, body) = try await Self.request(
                base + "/api/v1/auth/login",
                method: "POST",
                json: #"{"username":"xa.an.thi","password":"mat-khau-dai-du"}"#
            )
            #expect(status == 200, "\(String(decoding: body, as: UTF8.self))")
            let token = try #require((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["token"] as? String)
            #expect(try await Self.request(base + "/api/v1/queue", token: token).0 == 200)
            let created = try await Self.request(
                base + "/api/v1/nominations",
                method: "POST",
                json:
                    #"{"roundID":1,"award":"giay-khen-xa","nomineeKind":"individual","nomineeKey":"CD-1","nomineeName":"Nguyễn An","unitCode":"88101"}"#,
                token: token
            )
            #expect(created.0 == 201, "\(String(decoding: created.1, as: UTF8.self))")

            // The batch goes out within a fraction of a second; the names are plain bytes in it.
            let names = ["/api/v1/auth/login", "login", "/api/v1/queue", "listQueue", "createNomination", "db.transaction"]
            try await Self.waitFor("the spans at the collector") {
                let exported = (try? Data(contentsOf: spans)) ?? Data()
                return names.allSatisfy { exported.range(of: Data($0.utf8)) != nil }
            }
            let exported = (try? Data(contentsOf: spans)) ?? Data()
            #expect(exported.range(of: Data("/v1/traces".utf8)) != nil, "spans are posted to the OTLP/HTTP traces path")
            for name in names { #expect(exported.range(of: Data(name.utf8)) != nil, "no span \(name)") }
            let lines = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            #expect(lines.contains("trace_id"), "log lines inside a request carry its trace id:\n\(lines.suffix(2000))")
        }
    }
}
