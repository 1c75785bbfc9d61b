import Foundation
import Geography
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

@testable import WebApp

/// A private primary and its streaming replica (`scripts/pg-cluster.sh replica`, as `make
/// run-replica` makes them): reports read on the replica while it follows — shown by a figure
/// written while its replay is paused, absent from the report until replay resumes — and, once
/// caught up, the report on the replica equals the primary's; with the replica stopped, reads fall
/// back to the primary and `/ready` says so.
@Suite struct ReadReplicaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func cluster(_ arguments: [String]) async throws {
        let result = try await PrivateCluster.run(arguments)
        guard result.status == 0 else { throw ClusterFailed(output: result.output) }
    }

    struct ClusterFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "pg-cluster.sh: \(output)" }
    }

    static func report(_ client: any TestClientProtocol, token: String) async throws -> [String: (Int, Int?)] {
        let response = try await client.execute(
            uri: "/api/v1/reports/targets?year=2025&level=commune",
            method: .get,
            headers: [.authorization: "Bearer \(token)"]
        )
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any],
            "\(response.status): \(response.text.prefix(500))"
        )
        #expect(response.status == .ok, "\(response.text.prefix(500))")
        var rows: [String: (Int, Int?)] = [:]
        for row in json["rows"] as? [[String: Any]] ?? [] {
            rows["\(row["unitCode"] ?? "")|\(row["indicator"] ?? "")"] = (row["achieved"] as? Int ?? -1, row["base"] as? Int)
        }
        return rows
    }

    static func ready(_ client: any TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/ready", method: .get).text
    }

    /// Polls `condition` every 200 ms for at most `seconds`.
    static func eventually(_ seconds: Int, _ condition: () async throws -> Bool) async throws -> Bool {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(seconds) {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    @Test func reportsReadOnTheReplicaWhileItFollowsAndOnThePrimaryWhenItStops() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-replica-\(UUID().uuidString.prefix(8))")
        let (primaryDir, replicaDir) = (folder.appendingPathComponent("primary").path, folder.appendingPathComponent("replica").path)
        let port = 30_000 + Int.random(in: 0..<10_000)
        let replicaPort = port + 10_000
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            let stop = { (dir: String) in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["bash", Self.root.appendingPathComponent("scripts/pg-cluster.sh").path, "stop", dir]
                try? process.run()
                process.waitUntilExit()
            }
            stop(replicaDir)
            stop(primaryDir)
            try? FileManager.default.removeItem(at: folder)
        }
        try await Self.cluster(["start", primaryDir, String(port), "test", "postgres_copy"])
        try await Self.cluster(["replica", primaryDir, String(port), replicaDir, String(replicaPort)])
        let primary = try DatabaseURL("postgres://thidua@127.0.0.1:\(port)/postgres")

        try await TestDatabase.withFresh(on: primary) { db in
            try await db.loadSmallProvince()
            try await AccountRepository(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger).create(
                username: "tinh.baocao",
                fullName: "Lê Văn Báo",
                password: AppHarness.password,
                roles: [(.provinceAdmin, unitCode: "88")]
            )
            let commune = try #require(try await db.scalar("SELECT id FROM admin_units WHERE code = '88201' AND valid_to IS NULL", as: Int.self))
            var configuration = AppConfiguration(databaseURL: db.url)
            configuration.readDatabaseURL = db.url.replacingOccurrences(of: ":\(port)/", with: ":\(replicaPort)/")
            configuration.readCheckInterval = .seconds(1)
            configuration.readMaxLag = .seconds(120)
            configuration.migrationsDirectory = TestDatabase.migrationsDirectory.path
            configuration.bcryptCost = 4
            configuration.logLevel = .warning
            configuration.databasePoolSize = 5
            configuration.readyTimeout = .seconds(30)
            let replica = try DatabaseURL(try #require(configuration.readDatabaseURL))
            let app = try await buildApplication(configuration: configuration)
            try await app.test(.live) { client in
                let following = try await Self.eventually(30) { try await Self.ready(client).contains("đọc từ bản sao") }
                let said = try await Self.ready(client)
                #expect(following, "\(said)")
                let token = try await client.apiToken("tinh.baocao")

                // The replica has replayed the province (its communes are in the report).
                #expect(try await Self.eventually(30) { try await Self.report(client, token: token)["88201|khuyen-hoc-staff-it"] != nil })
                // Replay paused: a figure written on the primary is not in the report yet.
                try await replica.withClient(maximumConnections: 1, logger: TestDatabase.logger) { client in
                    try await client.query("SELECT pg_wal_replay_pause()", logger: TestDatabase.logger)
                }
                try await ReportedFigureStore(client: db.client, logger: TestDatabase.logger).record(
                    provinceCode: "88",
                    unitID: commune,
                    year: 2025,
                    figures: [.init(indicator: "khuyen-hoc-staff-it", achieved: 3, base: 4, seenRevision: 0)],
                    userID: try #require(try await db.scalar("SELECT id FROM users WHERE username = 'tinh.baocao'", as: Int.self))
                )
                let paused = try await Self.report(client, token: token)["88201|khuyen-hoc-staff-it"]
                let pausedReady = try await Self.ready(client)
                #expect(paused?.0 == 0, "the report was read on the paused replica: \(String(describing: paused)); \(pausedReady)")

                // Replay resumed: the replica catches up, and its report is the primary's.
                try await replica.withClient(maximumConnections: 1, logger: TestDatabase.logger) { client in
                    try await client.query("SELECT pg_wal_replay_resume()", logger: TestDatabase.logger)
                }
                #expect(try await Self.eventually(30) { try await Self.report(client, token: token)["88201|khuyen-hoc-staff-it"]?.0 == 3 })
                let onReplica = try await Self.report(client, token: token)
                let onPrimary = try await TargetReport.build(
                    client: db.client,
                    logger: TestDatabase.logger,
                    year: 2025,
                    provinceCode: "88",
                    level: .commune
                )
                #expect(onReplica.count == onPrimary.rows.count)
                for row in onPrimary.rows {
                    let seen = onReplica["\(row.unitCode)|\(row.indicator)"]
                    #expect(seen?.0 == row.achieved && seen?.1 == row.base, "\(row.unitCode) \(row.indicator)")
                }

                // The replica stopped: reads go back to the primary, and /ready says so.
                try await Self.cluster(["stop", replicaDir])
                let fellBack = try await Self.eventually(30) { try await Self.ready(client).contains("đọc từ bản chính") }
                let saidAfter = try await Self.ready(client)
                #expect(fellBack, "\(saidAfter)")
                #expect(try await Self.report(client, token: token)["88201|khuyen-hoc-staff-it"]?.0 == 3)
            }
        }
    }
}
