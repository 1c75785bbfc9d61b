import Foundation
import Logging
import PostgresNIO
import Storage
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// PostgreSQL restarted (stopped at once, as a crash would, and started again) under a burst of
/// transitions: while it is down every request is refused fast with a 503 problem, the server
/// finds the database again by itself, and nothing it acknowledged is lost. The test runs its
/// own cluster (`scripts/pg-cluster.sh`), never the one the other suites share.
@Suite struct DatabaseRestartTests {
    /// Runs scripts/pg-cluster.sh (`PrivateCluster`), expecting it to succeed.
    static func cluster(_ arguments: [String]) async throws -> String {
        let result = try await PrivateCluster.run(arguments)
        #expect(result.status == 0, "pg-cluster.sh \(arguments.joined(separator: " ")): \(result.output)")
        return result.output
    }

    @Test func postgresRestartedUnderLoadRefusesFastRecoversAndLosesNothing() async throws {
        let repository = CommandContractTests.repository
        let dir = repository.appendingPathComponent(".data-restart-\(UUID().uuidString.prefix(8))").path
        let port = 41_000 + Int.random(in: 0..<4_000)
        _ = try await Self.cluster(["start", dir, String(port), "test", "thidua_restart"])
        defer {
            _ = try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/pg")
            let stop = Process()
            stop.executableURL = repository.appendingPathComponent("scripts/pg-cluster.sh")
            stop.arguments = ["stop", dir]
            try? stop.run()
            stop.waitUntilExit()
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/pg") {
                try? FileManager.default.removeItem(atPath: target)
            }
            try? FileManager.default.removeItem(atPath: dir)
        }
        let url = "postgres://thidua@127.0.0.1:\(port)/thidua_restart"
        for command in [["migrate"], ["demo"]] {
            let result = try await CommandContractTests.run(command, databaseURL: url)
            #expect(result.status == 0, "\(command): \(result.output)")
        }
        // 320 dossiers of the demo commune with their report, ready to be sent by its clerk.
        let count = 320
        let logger: Logger = {
            var logger = Logger(label: "test")
            logger.logLevel = .error
            return logger
        }()
        let ids: [Int] = try await DatabaseURL(url).withClient(maximumConnections: 2, logger: logger) { client in
            try await client.query(
                """
                INSERT INTO nominations (province_code, round_id, workflow_id, workflow_version, award, basis, nominee_kind, nominee_key,
                                         nominee_name, nominee_folded, unit_id, state)
                SELECT '99', (SELECT max(id) FROM rounds WHERE province_code = '99'), 'khen-thuong-2-cap', '2025', 'giay-khen-xa', 'thematic',
                       'individual', 'R-' || g, 'Người ' || g, 'nguoi_' || g,
                       (SELECT id FROM admin_units WHERE code = '99010' AND valid_to IS NULL), 'xa_lap_ho_so'
                FROM generate_series(1, \(count)) g
                """,
                logger: logger
            )
            try await client.query(
                """
                INSERT INTO evidence_files (sha256, media_type, size, content)
                VALUES (sha256(convert_to('%PDF-1.4 r %%EOF', 'UTF8')), 'application/pdf', 16, convert_to('%PDF-1.4 r %%EOF', 'UTF8'))
                ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
            try await client.query(
                """
                INSERT INTO nomination_documents (province_code, nomination_id, kind, sha256, file_name)
                SELECT province_code, id, 'bao_cao_thanh_tich', sha256(convert_to('%PDF-1.4 r %%EOF', 'UTF8')), 'b.pdf'
                FROM nominations WHERE nominee_key LIKE 'R-%'
                """,
                logger: logger
            )
            var ids: [Int] = []
            for try await id in try await client.query("SELECT id FROM nominations WHERE nominee_key LIKE 'R-%' ORDER BY id", logger: logger)
                .decode(Int.self)
            {
                ids.append(id)
            }
            return ids
        }
        #expect(ids.count == count)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let serverPort = 30_000 + Int.random(in: 0..<9_000)
        var environment = ProcessInfo.processInfo.environment
        environment["THIDUA_DATABASE_URL"] = url
        environment["THIDUA_PORT"] = String(serverPort)
        environment["THIDUA_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory.path
        environment["THIDUA_LOG_LEVEL"] = "error"
        environment["THIDUA_REQUEST_DEADLINE_SECONDS"] = "10"
        let server = try TracingTests.Background(
            CommandContractTests.binary.path,
            ["serve"],
            environment: environment,
            output: folder.appendingPathComponent("server.log")
        )
        defer { server.stop() }
        let base = "http://127.0.0.1:\(serverPort)"
        try await TracingTests.waitFor("the server") { try await TracingTests.request(base + "/ready").0 == 200 }
        let (status, body) = try await TracingTests.request(
            base + "/api/v1/auth/login",
            method: "POST",
            json: #"{"username":"xa.canbo","password":"thidua-demo-2025"}"#
        )
        #expect(status == 200, "\(String(decoding: body, as: UTF8.self))")
        let token = try #require((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["token"] as? String)

        // Eight clients send the dossiers one after another, each retrying a refused one after a
        // pause; PostgreSQL is stopped once 80 are acknowledged and started two seconds later.
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var acknowledged: Set<Int> = []
            var refusals: [(status: Int, seconds: Double, problem: Bool)] = []
            func ack(_ id: Int) -> Int {
                lock.withLock {
                    acknowledged.insert(id); return acknowledged.count
                }
            }
            var lost = 0
            func refused(_ status: Int, _ seconds: Double, _ problem: Bool) { lock.withLock { refusals.append((status, seconds, problem)) } }
            func unanswered() { lock.withLock { lost += 1 } }
        }
        let log = Log()
        let restarted = ManagedAtomicFlag()
        let everyID = ids
        let restart = Task {
            while log.lock.withLock({ log.acknowledged.count }) < 80 { try await Task.sleep(for: .milliseconds(20)) }
            guard restarted.set() else { return }
            _ = try await Self.cluster(["stop", dir])
            try await Task.sleep(for: .seconds(2))
            _ = try await Self.cluster(["start", dir, String(port), "test", "thidua_restart"])
        }
        await withTaskGroup(of: Void.self) { group in
            for client in 0..<8 {
                group.addTask {
                    for id in stride(from: client, to: everyID.count, by: 8).map({ everyID[$0] }) {
                        for _ in 0..<60 {
                            let started = Date()
                            var request = URLRequest(url: URL(string: base + "/api/v1/nominations/99/\(id)/actions")!)
                            request.httpMethod = "POST"
                            request.httpBody = Data(#"{"action":"submit","expectedVersion":1}"#.utf8)
                            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                            let answer = try? await URLSession.shared.data(for: request)
                            // No answer at all (the client's own timeout): counted, tried again.
                            if answer == nil { log.unanswered() }
                            guard let (data, response) = answer, let http = response as? HTTPURLResponse else { continue }
                            if http.statusCode == 200 {
                                _ = log.ack(id)
                                break
                            }
                            // A stale version: a first attempt committed whose answer was lost.
                            if http.statusCode == 409 { break }
                            let problem = (http.value(forHTTPHeaderField: "Content-Type") ?? "").hasPrefix("application/problem+json")
                            log.refused(http.statusCode, Date().timeIntervalSince(started), problem && !data.isEmpty)
                            try? await Task.sleep(for: .milliseconds(250))
                        }
                    }
                }
            }
        }
        try await restart.value
        let (acknowledged, refusals) = log.lock.withLock { (log.acknowledged, log.refusals) }
        #expect(!refusals.isEmpty, "no request met the stopped database")
        let serverLog = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        #expect(
            refusals.allSatisfy { $0.status == 503 && $0.problem },
            "\(refusals.filter { $0.status != 503 || !$0.problem }.prefix(5)); server: \(serverLog.split(separator: "\n").filter { $0.contains("request failed") }.prefix(3))"
        )
        #expect(refusals.allSatisfy { $0.seconds < 5 }, "a refusal took \(refusals.map(\.seconds).max() ?? 0) s")
        #expect(acknowledged.count > 80, "the server did not carry on after the restart")
        // Seen in about one run in three: one request during the outage gets no answer before
        // the client gives up (60 s), although the server's deadline is 10 s; it is tried again
        // and counted here, not yet explained (docs/reliability.md).
        #expect(log.lock.withLock { log.lost } <= 2, "requests left without an answer")

        try await DatabaseURL(url).withClient(maximumConnections: 2, logger: logger) { client in
            var rows: [Int: (String, Int, Int)] = [:]
            for try await (id, state, version, submits) in try await client.query(
                """
                SELECT n.id, n.state, n.version, (SELECT count(*)::int FROM nomination_transitions t
                                                  WHERE t.province_code = n.province_code AND t.nomination_id = n.id AND t.action = 'submit')
                FROM nominations n WHERE n.nominee_key LIKE 'R-%'
                """,
                logger: logger
            ).decode((Int, String, Int, Int).self) {
                rows[id] = (state, version, submits)
            }
            for id in acknowledged {
                #expect(rows[id]?.0 == "xa_tham_dinh" && rows[id]?.1 == 2 && rows[id]?.2 == 1, "acknowledged \(id): \(String(describing: rows[id]))")
            }
            for (id, row) in rows {
                #expect(row.2 <= 1 && (row.2 == 1) == (row.0 == "xa_tham_dinh") && row.1 == 1 + row.2, "\(id): \(row)")
            }
            #expect(try await AuditTrail.verify(client: client, logger: logger).firstBreak == nil)
        }
    }
}
