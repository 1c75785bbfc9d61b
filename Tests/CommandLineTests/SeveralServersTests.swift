import Foundation
import PostgresNIO
import Storage
import Synchronization
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Two `thidua serve` processes on one database behind HAProxy (Debian's package), as
/// docs/scaling.md sets them up: a session made on one works on the other; a transition on one
/// reaches the queue events of a reader connected to the other; the periodic jobs run once across
/// both; a rolling restart (one server at a time) under a steady load loses no acknowledged request.
@Suite struct SeveralServersTests {
    final class Acks: Sendable {
        let state = Mutex<(acknowledged: Set<Int>, refused: Int, afterRestarts: Int)>(([], 0, 0))
        let stopped = Mutex(false)
        let restartsDone = Mutex(false)
    }

    static func haproxyConfig(front: Int, servers: [Int]) -> String {
        """
        global
            maxconn 512
        defaults
            mode http
            timeout connect 2s
            timeout client 30s
            timeout server 30s
            # A request that never reached a server (it was stopping) goes to the other; one that
            # did is never sent twice.
            retries 3
            option redispatch
            retry-on conn-failure empty-response
        frontend thidua
            bind 127.0.0.1:\(front)
            default_backend servers
        backend servers
            balance roundrobin
            option httpchk GET /ready
            http-check expect status 200
        \(servers.enumerated().map { "    server app\($0.offset + 1) 127.0.0.1:\($0.element) check inter 500ms fall 1 rise 1" }.joined(separator: "\n"))

        """
    }

    @Test func twoServersBehindHAProxyShareSessionsEventsAndJobsAndRestartOneAtATimeLosingNothing() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(provinceCode: "88", name: "2025", year: 2025, basis: "merit", workflow: "khen-thuong-2-cap@2025")
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            try await AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger).create(
                username: "xa.an.hoa",
                fullName: "Phạm Thị Hoà",
                password: "mat-khau-dai-du",
                roles: [(.submitter, unitCode: "88101")]
            )
            let count = 3_000
            var ids = try await db.draftsWithReports(round: round, unitID: unit, count: count)
            // Something for the audit anchors job to anchor.
            _ = try await db.client.withConnection { connection in
                try await AuditTrail.append(
                    connection,
                    logger: TestDatabase.logger,
                    provinceCode: "88",
                    chain: "test:1",
                    actorID: nil,
                    action: "test",
                    payload: "{}"
                )
            }

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-servers-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let base = 30_000 + Int.random(in: 0..<9_000)
            let (front, ports) = (base, [base + 1, base + 2])
            func environment(_ port: Int) -> [String: String] {
                var environment = ProcessInfo.processInfo.environment
                environment["THIDUA_DATABASE_URL"] = db.url
                environment["THIDUA_PORT"] = String(port)
                environment["THIDUA_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory.path
                environment["THIDUA_LOG_LEVEL"] = "info"
                environment["THIDUA_DB_POOL_SIZE"] = "8"
                environment["THIDUA_JOBS_TICK_SECONDS"] = "10"
                return environment
            }
            func start(_ index: Int, _ generation: Int) throws -> TracingTests.Background {
                try TracingTests.Background(
                    CommandContractTests.binary.path,
                    ["serve"],
                    environment: environment(ports[index]),
                    output: folder.appendingPathComponent("server-\(index + 1)-\(generation).log")
                )
            }
            var servers = [try start(0, 1), try start(1, 1)]
            defer { for server in servers { server.stop() } }
            for port in ports {
                try await TracingTests.waitFor("server on \(port)") { try await TracingTests.request("http://127.0.0.1:\(port)/ready").0 == 200 }
            }
            let config = folder.appendingPathComponent("haproxy.cfg")
            try Self.haproxyConfig(front: front, servers: ports).write(to: config, atomically: true, encoding: .utf8)
            let haproxy = try TracingTests.Background(
                "/usr/sbin/haproxy",
                ["-f", config.path, "-db"],
                environment: [:],
                output: folder.appendingPathComponent("haproxy.log")
            )
            defer { haproxy.stop() }
            let balanced = "http://127.0.0.1:\(front)"
            try await TracingTests.waitFor("HAProxy") { try await TracingTests.request(balanced + "/ready").0 == 200 }

            // A session made on one server works on the other.
            let (status, body) = try await TracingTests.request(
                "http://127.0.0.1:\(ports[0])/api/v1/auth/login",
                method: "POST",
                json: #"{"username":"xa.an.hoa","password":"mat-khau-dai-du"}"#
            )
            #expect(status == 200)
            let token = try #require((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["token"] as? String)
            #expect(try await TracingTests.request("http://127.0.0.1:\(ports[1])/api/v1/me", token: token).0 == 200)

            // A transition on the first reaches the queue events of a reader on the second.
            let events = folder.appendingPathComponent("events.txt")
            let reader = try TracingTests.Background(
                "/usr/bin/curl",
                ["-sN", "-H", "Authorization: Bearer \(token)", "http://127.0.0.1:\(ports[1])/api/v1/queue/events"],
                environment: [:],
                output: events
            )
            defer { reader.stop() }
            try await TracingTests.waitFor("the event stream to open") { ((try? String(contentsOf: events, encoding: .utf8)) ?? "").count > 0 }
            let first = ids.removeFirst()
            let moved = try await TracingTests.request(
                "http://127.0.0.1:\(ports[0])/api/v1/nominations/88/\(first)/actions",
                method: "POST",
                json: #"{"action":"submit","expectedVersion":1}"#,
                token: token
            )
            #expect(moved.0 == 200)
            try await TracingTests.waitFor("the event on the other server", seconds: 15) {
                ((try? String(contentsOf: events, encoding: .utf8)) ?? "").contains("\"id\":\(first)")
            }

            // The periodic jobs ran once across both servers (each looked within 5 s of starting).
            try await TracingTests.waitFor("the jobs", seconds: 20) {
                try await db.scalar("SELECT count(*)::int FROM job_runs WHERE last_finished_at IS NOT NULL", as: Int.self) == 2
            }
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_anchors", as: Int.self) == 1)

            // A rolling restart under eight steady clients through HAProxy.
            let acks = Acks()
            let everyID = ids
            let balancedURL = balanced
            let bearer = token
            let load = Task {
                await withTaskGroup(of: Void.self) { group in
                    for client in 0..<8 {
                        group.addTask {
                            for id in stride(from: client, to: everyID.count, by: 8).map({ everyID[$0] }) {
                                if acks.stopped.withLock({ $0 }) { return }
                                let code =
                                    (try? await TracingTests.request(
                                        balancedURL + "/api/v1/nominations/88/\(id)/actions",
                                        method: "POST",
                                        json: #"{"action":"submit","expectedVersion":1}"#,
                                        token: bearer
                                    ))?.0 ?? 0
                                let after = acks.restartsDone.withLock { $0 }
                                acks.state.withLock { state in
                                    if code == 200 {
                                        state.acknowledged.insert(id)
                                        if after { state.afterRestarts += 1 }
                                    } else {
                                        state.refused += 1
                                    }
                                }
                                try? await Task.sleep(for: .milliseconds(20))
                            }
                        }
                    }
                }
            }
            try await Task.sleep(for: .seconds(1))
            for index in 0..<2 {
                let old = servers[index]
                kill(old.process.processIdentifier, SIGTERM)
                // A graceful stop: its requests finished, its event streams ended, its pool drained.
                let signalled = ContinuousClock.now
                while old.process.isRunning, ContinuousClock.now - signalled < .seconds(60) { try await Task.sleep(for: .milliseconds(100)) }
                let log = (try? String(contentsOf: folder.appendingPathComponent("server-\(index + 1)-1.log"), encoding: .utf8)) ?? ""
                #expect(!old.process.isRunning, "server \(index + 1) did not stop within 60 s of SIGTERM: \(log.suffix(2_000))")
                print("[SeveralServersTests] server \(index + 1) stopped \(ContinuousClock.now - signalled) after SIGTERM")
                old.stop()
                servers[index] = try start(index, 2)
                try await TracingTests.waitFor("server \(index + 1) back") {
                    try await TracingTests.request("http://127.0.0.1:\(ports[index])/ready").0 == 200
                }
                try await Task.sleep(for: .seconds(1))
            }
            acks.restartsDone.withLock { $0 = true }
            try await Task.sleep(for: .seconds(2))
            acks.stopped.withLock { $0 = true }
            await load.value

            let (acknowledged, refused, afterRestarts) = acks.state.withLock { ($0.acknowledged, $0.refused, $0.afterRestarts) }
            #expect(acknowledged.count > 100, "acknowledged \(acknowledged.count), refused \(refused)")
            #expect(afterRestarts > 0, "the load went on after both restarts")
            // Every acknowledged submission is stored, once.
            var stored: [Int: (String, Int)] = [:]
            for try await (id, state, submits) in try await db.client.query(
                """
                SELECT n.id, n.state, (SELECT count(*)::int FROM nomination_transitions t
                                       WHERE t.province_code = n.province_code AND t.nomination_id = n.id AND t.action = 'submit')
                FROM nominations n
                """,
                logger: TestDatabase.logger
            ).decode((Int, String, Int).self) {
                stored[id] = (state, submits)
            }
            let lost = acknowledged.filter { stored[$0]?.0 != "xa_tham_dinh" || stored[$0]?.1 != 1 }
            #expect(lost.isEmpty, "acknowledged but not stored once: \(lost.sorted().prefix(10))")
            #expect(stored.values.allSatisfy { $0.1 <= 1 })
            #expect(try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger).firstBreak == nil)
            // The restarted servers did not anchor again within the day.
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_anchors", as: Int.self) == 1)
        }
    }
}
