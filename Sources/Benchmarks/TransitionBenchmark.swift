import Foundation
import Logging
import PostgresNIO
import Storage
import Workflow

/// The full transition path in PostgreSQL (row lock, version check, facts, engine, state,
/// transition row, hash-chained audit record, notify), 8 concurrent clients. `scripts/bench.sh`
/// runs pgbench's built-in TPC-B-like script with 8 clients against the same server right after.
struct TransitionBenchmark {
    let databaseURL: String
    let repository: URL
    let seconds: Int
    let clients: Int
    /// Where the dossiers are made: the demo province, loaded first, unless the national-shape
    /// benchmark points at a generated one.
    var provinceCode = "99"
    var unitCode = "99010"
    var loadsDemo = true

    func run() async throws -> [(String, String, String)] {
        var benchLogger = Logger(label: "bench")
        benchLogger.logLevel = .error
        let logger = benchLogger
        return try await DatabaseURL(databaseURL).withClient(maximumConnections: 10, logger: logger) { client in
            try await measure(client: client, logger: logger)
        }
    }

    private func measure(client: PostgresClient, logger: Logger) async throws -> [(String, String, String)] {
        if loadsDemo {
            try await Migrator(client: client, files: try MigrationFile.load(from: repository.appendingPathComponent("sql")), logger: logger)
                .migrate()
            _ = try await DemoData.load(client: client, hasher: PasswordHasher(cost: 4), logger: logger)
        }
        let (provinceCode, unitCode) = (self.provinceCode, self.unitCode)
        let workflows = WorkflowRepository(client: client, logger: logger)
        try await workflows.load(files: try CriteriaCatalog.files(in: repository.appendingPathComponent("workflows")))
        let store = NominationStore(client: client, workflows: workflows, logger: logger)
        let round = try await store.createRound(
            provinceCode: provinceCode,
            name: "Đo hiệu năng",
            year: 2025,
            basis: "merit",
            workflow: "khen-thuong-2-cap@2025"
        )

        // Nominations with their achievement report, made set-based: the benchmark times the
        // transitions, not the set-up.
        let count = 20_000
        try await client.query(
            """
            WITH unit AS (SELECT id FROM admin_units WHERE code = \(unitCode) AND valid_to IS NULL)
            INSERT INTO nominations (province_code, round_id, workflow_id, workflow_version, award, basis, nominee_kind, nominee_key,
                                     nominee_name, nominee_folded, unit_id, state)
            SELECT \(provinceCode), \(round), 'khen-thuong-2-cap', '2025', 'giay-khen-xa', 'merit', 'individual', 'B-' || \(round) || '-' || g,
                   'Người ' || g, 'nguoi_' || g,
                   unit.id, 'xa_lap_ho_so'
            FROM generate_series(1, \(count)) g, unit
            """,
            logger: logger
        )
        let pdf = Array("%PDF-1.4\nbench\n%%EOF\n".utf8)
        try await client.query(
            """
            INSERT INTO evidence_files (sha256, media_type, size, content)
            VALUES (sha256(\(ByteBuffer(bytes: pdf))), 'application/pdf', \(pdf.count), \(ByteBuffer(bytes: pdf))) ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
        try await client.query(
            """
            INSERT INTO nomination_documents (province_code, nomination_id, kind, sha256, file_name)
            SELECT province_code, id, 'bao_cao_thanh_tich', sha256(\(ByteBuffer(bytes: pdf))), 'bao-cao.pdf' FROM nominations WHERE round_id = \(round)
            """,
            logger: logger
        )
        try await client.query("ANALYZE", logger: logger)
        var ids: [Int] = []
        for try await id in try await client.query("SELECT id FROM nominations WHERE round_id = \(round) ORDER BY id", logger: logger).decode(
            Int.self
        ) {
            ids.append(id)
        }

        // Each client walks its own nominations: submit, return, resubmit, to the council, vote.
        let steps: [(Action, Workflow.Role, String?)] = [
            (.submit, .submitter, nil), (.return, .reviewer, "Bổ sung báo cáo"), (.resubmit, .submitter, nil), (.toCouncil, .reviewer, nil),
            (.recordVote, .councilSecretary, nil), (.decide, .chair, nil),
        ]
        let tally = VoteRule.Tally(members: 7, present: 7, yes: 6, no: 1)
        let deadline = ContinuousClock.now + .seconds(seconds)
        let start = ContinuousClock.now
        let done = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<clients {
                let mine = stride(from: worker, to: ids.count, by: clients).map { ids[$0] }
                group.addTask {
                    var transitions = 0
                    for id in mine {
                        for (index, step) in steps.enumerated() {
                            if ContinuousClock.now >= deadline { return transitions }
                            _ = try await store.act(
                                NominationKey(provinceCode: provinceCode, id: id),
                                action: step.0,
                                expectedVersion: index + 1,
                                actorID: nil,
                                roles: [step.1],
                                comment: step.2,
                                idempotencyKey: nil,
                                tally: tally
                            )
                            transitions += 1
                        }
                    }
                    return transitions
                }
            }
            var total = 0
            for try await n in group { total += n }
            return total
        }
        let elapsed = ContinuousClock.now - start
        let ourRate = Double(done) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let verified = try await AuditTrail.verify(client: client, logger: logger)
        precondition(verified.firstBreak == nil, "audit broken after the benchmark")

        print("transitions: \(formatted(ourRate)) /s with \(clients) clients (compare with the pgbench line that scripts/bench.sh prints next)")
        return [
            (
                "Full transition path (facts, engine, one versioned write with transition, audit and notify), \(clients) clients",
                "\(formatted(ourRate)) transitions/s",
                "≥ pgbench TPC-B-like tps"
            )
        ]
    }
}
