import Foundation
import Logging
import PostgresNIO
import Scoring
import Storage

/// Partitioning by province, before and after, on the same rows: several provinces of the
/// national shape (THIDUA_BENCH_PROVINCES, default six; THIDUA_BENCH_PARTITION_SCALE, default
/// 0.2 — 200,000 households each) are generated into a database with every migration but the
/// partitions'; one province's reads, the targets report across all provinces and the
/// transitions at 8 clients are timed; then the partitioning migration moves the rows (timed)
/// and the same is timed again. Same data, same server, same run.
struct PartitionBenchmark {
    let databaseURL: String
    let repository: URL
    let provinces: [String]
    let scale: Double
    let transitionSeconds: Int

    struct Layout {
        var reads = ProvinceReads.Times()
        var national = 0.0
        var transitions = ""
        var size = 0
    }

    func run() async throws -> [(String, String, String)] {
        var benchLogger = Logger(label: "bench")
        benchLogger.logLevel = .error
        let logger = benchLogger
        let name = "thidua_partitions"
        try await DatabaseURL(databaseURL).withClient(maximumConnections: 1, logger: logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)"), logger: logger)
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        let url = NationalBenchmark.replacingDatabase(of: databaseURL, with: name)
        let files = try MigrationFile.load(from: repository.appendingPathComponent("sql"))
        guard let partitioning = files.first(where: { $0.name == "partitions_by_province" }) else {
            throw MigrationError.appliedFileMissing(version: 46, fileName: "046_partitions_by_province.sql")
        }
        let (generated, before, migrationSeconds, after, custom) = try await DatabaseURL(url).withClient(maximumConnections: 10, logger: logger) {
            client in
            try await Migrator(client: client, files: files.filter { $0.version != partitioning.version }, logger: logger).migrate()
            let criteria = CriteriaRepository(client: client, logger: logger)
            try await criteria.load(files: try CriteriaCatalog.files(in: repository.appendingPathComponent("criteria")))
            let workflows = WorkflowRepository(client: client, logger: logger)
            try await workflows.load(files: try CriteriaCatalog.files(in: repository.appendingPathComponent("workflows")))
            let shape = try NationalShape(provinceCodes: provinces, scale: scale)
            let start = ContinuousClock.now
            let summary = try await shape.load(client: client, hasher: PasswordHasher(cost: 4), logger: logger) { print("partitions: \($0)") }
            let generated =
                "\(provinces.count) provinces × \(shape.householdsPerProvince / 1000)k households: \(summary.assessments.values.reduce(0, +)) assessments, \(summary.nominations) dossiers, generated in \(formatted(seconds(ContinuousClock.now - start))) s"
            let before = try await measure(client: client, workflows: workflows, url: url, logger: logger)
            let migrateStart = ContinuousClock.now
            try await Migrator(client: client, files: files, logger: logger).migrate()
            let migrationSeconds = seconds(ContinuousClock.now - migrateStart)
            let after = try await measure(client: client, workflows: workflows, url: url, logger: logger)
            // PostgreSQL 15 locks every partition of a generic plan before pruning: the same again
            // with plans made for each statement's values, on new connections.
            try await client.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(name) SET plan_cache_mode = force_custom_plan"), logger: logger)
            let custom = try await DatabaseURL(url).withClient(maximumConnections: 10, logger: logger) { fresh in
                try await measure(client: fresh, workflows: WorkflowRepository(client: fresh, logger: logger), url: url, logger: logger)
            }
            return (generated, before, migrationSeconds, after, custom)
        }
        func row(_ label: String, _ old: Double, _ new: Double, _ planned: Double) -> (String, String, String) {
            (
                "partitions (\(provinces.count) provinces): \(label)",
                "\(formatted(old, decimals: 1)) → \(formatted(new, decimals: 1)) ms (× \(formatted(new / max(old, 0.001), decimals: 2))); custom plans \(formatted(planned, decimals: 1)) ms",
                "—"
            )
        }
        return [
            ("partitions: the data", generated, "—"),
            (
                "partitions: migration 046 moving every row (one transaction)",
                "\(formatted(migrationSeconds, decimals: 1)) s; database \(before.size / 1_048_576) → \(after.size / 1_048_576) MiB", "—"
            ),
            row("queue, province reviewer, first page of 50", before.reads.provinceQueue, after.reads.provinceQueue, custom.reads.provinceQueue),
            row("queue, commune reviewer, first page of 50", before.reads.communeQueue, after.reads.communeQueue, custom.reads.communeQueue),
            row("lookup by name, province scope", before.reads.lookup, after.reads.lookup, custom.reads.lookup),
            row("targets report 2025, one province by commune", before.reads.report, after.reads.report, custom.reads.report),
            row("targets report 2025 across provinces, by province", before.national, after.national, custom.national),
            (
                "partitions: transitions, 8 clients, before → after",
                "\(before.transitions) → \(after.transitions); custom plans \(custom.transitions)", "—"
            ),
        ]
    }

    private func measure(client: PostgresClient, workflows: WorkflowRepository, url: String, logger: Logger) async throws -> Layout {
        // The state autovacuum reaches minutes after a bulk load or a rewrite.
        try await client.query("VACUUM ANALYZE", logger: logger)
        var layout = Layout()
        for try await bytes in try await client.query("SELECT pg_database_size(current_database())", logger: logger).decode(Int.self) {
            layout.size = bytes
        }
        let province = provinces[0]
        layout.reads = try await ProvinceReads(
            client: client,
            workflows: workflows,
            logger: logger,
            provinceCode: province,
            communeCode: province + "002"
        ).measure()
        layout.national = try await ProvinceReads.median(5) {
            _ = try await TargetReport.build(client: client, logger: logger, year: 2025, provinceCode: nil, level: .province)
        }
        let transitions = try await TransitionBenchmark(
            databaseURL: url,
            repository: repository,
            seconds: transitionSeconds,
            clients: 8,
            provinceCode: province,
            unitCode: province + "002",
            loadsDemo: false
        ).run()
        layout.transitions = transitions.first?.1 ?? "—"
        return layout
    }
}
