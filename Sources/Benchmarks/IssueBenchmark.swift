import Foundation
import Geography
import Logging
import PostgresNIO
import Storage

/// Issuing a decision of 10,000 awardees: every nomination awarded, with its transition and its
/// audit record, in one transaction (issue "Proof": under 2 s, memory flat). Three rounds, each
/// with its own 10,000 nominations waiting for the commune chair's decision.
struct IssueBenchmark {
    let databaseURL: String
    let repository: URL
    let awardees: Int

    func run() async throws -> [(String, String, String)] {
        var benchLogger = Logger(label: "bench")
        benchLogger.logLevel = .error
        let logger = benchLogger
        return try await DatabaseURL(databaseURL).withClient(maximumConnections: 4, logger: logger) { client in
            try await measure(client: client, logger: logger)
        }
    }

    private func measure(client: PostgresClient, logger: Logger) async throws -> [(String, String, String)] {
        try await Migrator(client: client, files: try MigrationFile.load(from: repository.appendingPathComponent("sql")), logger: logger).migrate()
        _ = try await DemoData.load(client: client, hasher: PasswordHasher(cost: 4), logger: logger)
        let workflows = WorkflowRepository(client: client, logger: logger)
        try await workflows.load(files: try CriteriaCatalog.files(in: repository.appendingPathComponent("workflows")))
        let store = NominationStore(client: client, workflows: workflows, logger: logger)
        let decisions = DecisionStore(client: client, workflows: workflows, logger: logger)
        var unitID = 0
        for try await id in try await client.query("SELECT id FROM admin_units WHERE code = '99010' AND valid_to IS NULL", logger: logger).decode(
            Int.self
        ) {
            unitID = id
        }
        var issueTimes: [Double] = []
        var draftTimes: [Double] = []
        var memory: [Double] = [peakMemoryMiB()]
        for run in 0..<3 {
            let round = try await store.createRound(
                provinceCode: "99",
                name: "Đo ban hành \(UUID().uuidString.prefix(8)) \(run)",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-2-cap@2025"
            )
            // Waiting for the chair, made set-based: the benchmark times the decision.
            try await client.query(
                """
                INSERT INTO nominations (province_code, round_id, workflow_id, workflow_version, award, basis, nominee_kind, nominee_key,
                                         nominee_name, nominee_folded, unit_id, state, achievement)
                SELECT '99', \(round), 'khen-thuong-2-cap', '2025', 'giay-khen-xa', 'merit', 'individual', 'Q-' || \(round) || '-' || g,
                       'Người thứ ' || g, 'nguoi_thu_' || g, \(unitID), 'xa_cho_quyet_dinh', 'Tích cực học tập'
                FROM generate_series(1, \(awardees)) g
                """,
                logger: logger
            )
            try await client.query("ANALYZE nominations", logger: logger)
            let drafting = ContinuousClock.now
            let draft = try await decisions.draft(provinceCode: "99", unitID: unitID, roundID: round, award: "giay-khen-xa", createdBy: nil)
            draftTimes.append(seconds(ContinuousClock.now - drafting))
            precondition(draft.awardees.count == awardees, "the draft lists \(draft.awardees.count)")
            let issuing = ContinuousClock.now
            let issued = try await decisions.issue(draft.key, on: Day(year: 2025, month: 12, day: 20)!, issuedBy: nil)
            issueTimes.append(seconds(ContinuousClock.now - issuing))
            precondition(issued.isIssued)
            memory.append(peakMemoryMiB())
        }
        var awarded = 0
        for try await n in try await client.query(
            "SELECT count(*)::int FROM nominations WHERE province_code = '99' AND nominee_key LIKE 'Q-%' AND state = 'da_khen_thuong'",
            logger: logger
        ).decode(Int.self) { awarded = n }
        precondition(awarded >= 3 * awardees, "awarded \(awarded)")
        let verified = try await AuditTrail.verify(client: client, logger: logger)
        precondition(verified.firstBreak == nil, "audit broken after issuing")
        let times = issueTimes.map { formatted($0, decimals: 2) }.joined(separator: " / ")
        print("issue: \(times) s for \(awardees) awardees; draft \(draftTimes.map { formatted($0, decimals: 2) }.joined(separator: " / ")) s")
        return [
            (
                "Issuing a decision of \(awardees) awardees (each nomination awarded with its transition and audit record, one transaction), three runs",
                "\(times) s",
                "< 2 s"
            ),
            (
                "Drafting the same decision (listing every nomination waiting), three runs",
                "\(draftTimes.map { formatted($0, decimals: 2) }.joined(separator: " / ")) s", "—"
            ),
            (
                "Peak memory of the issuing process: before / after each run",
                memory.map { formatted($0) }.joined(separator: " / ") + " MiB",
                "flat"
            ),
        ]
    }
}
