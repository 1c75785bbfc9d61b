import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing

/// The high-volume tables are partitioned by province (migration 046, docs/scaling.md): a
/// database that already holds a province's records keeps every row, id, key, index and trigger
/// through the migration, each row in its province's partition; a province imported later gets
/// its partitions with its units, and its records land there.
@Suite struct ProvincePartitionTests {
    static let tables = [
        "nominations", "nomination_transitions", "nomination_documents", "nomination_nominees", "decision_awardees", "registrations",
        "assessments", "assessment_evidence", "audit_records",
    ]

    static func strings(_ db: TestDatabase, _ query: PostgresQuery) async throws -> [String] {
        var out: [String] = []
        for try await value in try await db.client.query(query, logger: TestDatabase.logger).decode(String.self) { out.append(value) }
        return out
    }

    /// Every row of each table, as text in a fixed order, hashed; and how many.
    static func contents(_ db: TestDatabase) async throws -> [String] {
        var out: [String] = []
        for table in tables {
            let row = try await db.scalar(
                PostgresQuery(
                    unsafeSQL: "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM \(table) t"
                ),
                as: String.self
            )
            out.append("\(table): \(row ?? "?")")
        }
        return out
    }

    /// Names of every constraint, index and trigger of the schema, not counting the partitions' own.
    static func schemaObjects(_ db: TestDatabase) async throws -> [String] {
        try await strings(
            db,
            """
            SELECT 'constraint ' || c.relname || '.' || k.conname || ': ' || pg_get_constraintdef(k.oid)
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE k.conparentid = 0 AND NOT c.relispartition AND c.relnamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'index ' || c.relname || '.' || x.relname FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
            WHERE NOT c.relispartition AND c.relnamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'trigger ' || c.relname || '.' || g.tgname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
            WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND NOT c.relispartition AND c.relnamespace = 'public'::regnamespace
              AND g.tgname <> 'admin_units_partitions'
            ORDER BY 1
            """
        )
    }

    /// Rows whose table (partition) is not their province's.
    static func misplacedRows(_ db: TestDatabase) async throws -> [String] {
        var out: [String] = []
        for table in tables {
            out += try await strings(
                db,
                PostgresQuery(
                    unsafeSQL: """
                        SELECT DISTINCT '\(table): ' || province_code || ' in ' || tableoid::regclass::text FROM \(table)
                        WHERE tableoid::regclass::text <> '\(table)_p' || province_code
                        """
                )
            )
        }
        return out
    }

    @Test func migratingKeepsEveryRowIdKeyAndTriggerAndPutsEachRowInItsProvincesPartition() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let files = try MigrationFile.load(from: TestDatabase.migrationsDirectory)
            // Every migration but the partitions' (later ones do not depend on it), then 046 alone.
            let others = files.filter { $0.name != "partitions_by_province" }
            #expect(files.count == others.count + 1)
            try await Migrator(client: db.client, files: others, logger: TestDatabase.logger).migrate()
            // Two provinces with records: the demo's (99) and a second one's units.
            try await db.loadDemo()
            try await UnitRepository(client: db.client, logger: TestDatabase.logger).importList(UnitListBuilder.smallProvince(code: "88").bytes)
            let before = try await Self.contents(db)
            let objectsBefore = try await Self.schemaObjects(db)
            let nextNomination = try await db.scalar("SELECT last_value FROM nominations_id_seq", as: Int.self)
            let emptyNominations = before.contains { $0.hasPrefix("nominations: 0 ") }
            #expect(!emptyNominations, "the demo has dossiers to move")

            try await Migrator(client: db.client, files: files, logger: TestDatabase.logger).migrate()

            #expect(try await Self.contents(db) == before)
            #expect(try await Self.schemaObjects(db) == objectsBefore)
            #expect(try await Self.misplacedRows(db) == [])
            let partitioned = try await Self.strings(
                db,
                "SELECT c.relname::text FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid ORDER BY 1"
            )
            #expect(partitioned == Self.tables.sorted())
            let partitions = try await Self.strings(
                db,
                "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'nominations'::regclass ORDER BY 1"
            )
            #expect(partitions == ["nominations_p00", "nominations_p88", "nominations_p99"])
            // Identities go on from where they were; the audit chains still verify.
            #expect(try await db.scalar("SELECT last_value FROM nominations_id_seq", as: Int.self) == nextNomination)
            let verified = try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger)
            #expect(verified.firstBreak == nil)
            #expect(verified.records > 0)
        }
    }

    @Test func aProvinceImportedLaterGetsItsPartitionsAndItsRecordsLandInThem() async throws {
        try await TestDatabase.withFresh { db in
            // Before any unit: the national chain's partitions only.
            #expect(
                try await db.scalar(
                    "SELECT count(*)::int FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r'",
                    as: Int.self
                ) == Self.tables.count
            )
            try await db.loadDemo()
            let units = UnitRepository(client: db.client, logger: TestDatabase.logger)
            try await units.importList(UnitListBuilder.smallProvince(code: "88").bytes)
            try await units.importList(UnitListBuilder.smallProvince(code: "88").bytes)  // again: nothing new
            let perProvince = try await Self.strings(
                db,
                """
                SELECT substring(c.relname FROM '_p([0-9]+)$') || ': ' || count(*)
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r' GROUP BY substring(c.relname FROM '_p([0-9]+)$') ORDER BY 1
                """
            )
            #expect(perProvince == ["00: \(Self.tables.count)", "88: \(Self.tables.count)", "99: \(Self.tables.count)"])
            #expect(try await db.scalar("SELECT count(*)::int FROM nominations_p99", as: Int.self) ?? 0 > 0)
            #expect(try await db.scalar("SELECT count(*)::int FROM assessments_p99", as: Int.self) ?? 0 > 0)
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_records_p99", as: Int.self) ?? 0 > 0)
            #expect(try await Self.misplacedRows(db) == [])
            // A province's query reads its partition only.
            let plan = try await Self.strings(db, "EXPLAIN (COSTS OFF) SELECT count(*) FROM nominations WHERE province_code = '99'")
            #expect(plan.contains { $0.contains("nominations_p99") })
            #expect(!plan.contains { $0.contains("nominations_p88") })
        }
    }

    @Test func aRecordOfAProvinceWithoutUnitsIsRefusedAndNothingIsWritten() async throws {
        try await TestDatabase.withFresh { db in
            try await db.loadDemo()
            let before = try await Self.contents(db)
            // The audit trail has no foreign key to stop it: the missing partition does.
            let error = await #expect(throws: PSQLError.self) {
                try await db.client.query(
                    "INSERT INTO audit_records (province_code, chain, seq, at, action, payload, prev_hash, hash) VALUES ('77', 'x', 1, now(), 'x', '{}', '', '')",
                    logger: TestDatabase.logger
                )
            }
            #expect(error?.serverInfo?[.message]?.contains("no partition") == true)
            #expect(try await Self.contents(db) == before)
            await #expect(throws: PSQLError.self) {
                for try await _ in try await db.client.query("SELECT province_partitions_create('7 7')", logger: TestDatabase.logger) {}
            }
            // Any code a unit list accepts (letters, digits, dots, dashes) names its partitions.
            try await UnitRepository(client: db.client, logger: TestDatabase.logger).importList(
                UnitListBuilder.smallProvince(code: "HN-7.b").bytes
            )
            let odd = try await db.scalar(
                "SELECT count(*)::int FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r' AND c.relname LIKE '%\\_pHN-7.b'",
                as: Int.self
            )
            #expect(odd == Self.tables.count)
        }
    }
}
