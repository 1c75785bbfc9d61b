import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The server killed (SIGKILL) in the middle of a burst of transitions loses nothing it
/// acknowledged and leaves nothing half-written: every acknowledged move is stored exactly once,
/// every nomination's state, version and transitions agree, the audit chain verifies, and the
/// restarted server carries on.
@Suite struct ServerKillTests {
    @Test func aServerKilledDuringABurstOfTransitionsKeepsEveryAcknowledgedOneExactlyOnce() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadSmallProvince()
            let store = try await db.nominationStore()
            let round = try await store.createRound(provinceCode: "88", name: "2025", year: 2025, basis: "merit", workflow: "khen-thuong-2-cap@2025")
            let unit = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88101' AND valid_to IS NULL", as: Int.self))
            let accounts = AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            try await accounts.create(
                username: "xa.an.thi",
                fullName: "Trần Văn Thi",
                password: "mat-khau-dai-du",
                roles: [(.submitter, unitCode: "88101")]
            )
            // 400 dossiers with their achievement report, ready to be sent.
            let count = 400
            let ids = try await db.draftsWithReports(round: round, unitID: unit, count: count)

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-kill-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let port = 30_000 + Int.random(in: 0..<9_000)
            var environment = ProcessInfo.processInfo.environment
            environment["THIDUA_DATABASE_URL"] = db.url
            environment["THIDUA_PORT"] = String(port)
            environment["THIDUA_MIGRATIONS_DIR"] = TestDatabase.migrationsDirectory.path
            environment["THIDUA_LOG_LEVEL"] = "error"
            let base = "http://127.0.0.1:\(port)"
            var server = try TracingTests.Background(
                CommandContractTests.binary.path,
                ["serve"],
                environment: environment,
                output: folder.appendingPathComponent("server.log")
            )
            defer { server.stop() }
            try await TracingTests.waitFor("the server") { try await TracingTests.request(base + "/health").0 == 200 }
            let (status, body) = try await TracingTests.request(
                base + "/api/v1/auth/login",
                method: "POST",
                json: #"{"username":"xa.an.thi","password":"mat-khau-dai-du"}"#
            )
            #expect(status == 200)
            let token = try #require((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["token"] as? String)

            // Sixteen clients send the dossiers; the server is killed once a third are acknowledged.
            final class Tally: @unchecked Sendable {
                let lock = NSLock()
                var acknowledged: Set<Int> = []
                func add(_ id: Int) -> Int {
                    lock.withLock {
                        acknowledged.insert(id); return acknowledged.count
                    }
                }
            }
            let tally = Tally()
            let killed = ManagedAtomicFlag()
            let everyID = ids
            let running = server
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<16 {
                    group.addTask {
                        for id in stride(from: client, to: everyID.count, by: 16).map({ everyID[$0] }) {
                            guard
                                let (code, _) = try? await TracingTests.request(
                                    base + "/api/v1/nominations/88/\(id)/actions",
                                    method: "POST",
                                    json: #"{"action":"submit","expectedVersion":1}"#,
                                    token: token
                                )
                            else { return }
                            if code == 200, tally.add(id) >= count / 3, killed.set() { running.stop() }
                        }
                    }
                }
            }
            // Killed, not ended: reaped within moments of the signal.
            try await TracingTests.waitFor("the killed server to be reaped", seconds: 10) { !server.process.isRunning }
            #expect(!server.process.isRunning && server.process.terminationReason == .uncaughtSignal)
            let acknowledged = tally.lock.withLock { tally.acknowledged }
            #expect(acknowledged.count >= count / 3)
            #expect(acknowledged.count < count, "the kill came before the burst ended")

            // Every acknowledged move exactly once; every nomination consistent with its history.
            var moved: [Int: (state: String, version: Int, submits: Int)] = [:]
            for try await (id, state, version, submits) in try await db.client.query(
                """
                SELECT n.id, n.state, n.version, (SELECT count(*)::int FROM nomination_transitions t
                                                  WHERE t.province_code = n.province_code AND t.nomination_id = n.id AND t.action = 'submit')
                FROM nominations n
                """,
                logger: TestDatabase.logger
            ).decode((Int, String, Int, Int).self) {
                moved[id] = (state, version, submits)
            }
            for id in acknowledged {
                #expect(moved[id]?.state == "xa_tham_dinh" && moved[id]?.submits == 1 && moved[id]?.version == 2, "acknowledged \(id)")
            }
            for (id, row) in moved {
                let sent = row.submits == 1
                #expect(row.submits <= 1)
                #expect(sent ? (row.state == "xa_tham_dinh" && row.version == 2) : (row.state == "xa_lap_ho_so" && row.version == 1), "\(id)")
            }
            let records = try await db.scalar("SELECT count(*)::int FROM audit_records WHERE action = 'submit'", as: Int.self)
            #expect(records == moved.values.filter { $0.submits == 1 }.count)
            #expect(try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger).firstBreak == nil)

            // Restarted, the server carries on where the database is.
            server = try TracingTests.Background(
                CommandContractTests.binary.path,
                ["serve"],
                environment: environment,
                output: folder.appendingPathComponent("server-2.log")
            )
            try await TracingTests.waitFor("the restarted server") { try await TracingTests.request(base + "/ready").0 == 200 }
            let left = try #require(moved.first { $0.value.submits == 0 }?.key)
            let again = try await TracingTests.request(
                base + "/api/v1/nominations/88/\(left)/actions",
                method: "POST",
                json: #"{"action":"submit","expectedVersion":1}"#,
                token: token
            )
            #expect(again.0 == 200, "\(String(decoding: again.1, as: UTF8.self))")
        }
    }
}

/// Set once, by the first caller only.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    /// True for the caller that set it.
    func set() -> Bool {
        lock.withLock {
            if done { return false }
            done = true
            return true
        }
    }
}
