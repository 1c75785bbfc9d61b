import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing

@Suite struct MigratorTests {
    private func files() throws -> [MigrationFile] {
        try MigrationFile.load(from: TestDatabase.migrationsDirectory)
    }

    @Test func migrationsApplyOnAnEmptyDatabaseAndRerunAsNoOp() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let migrator = Migrator(client: db.client, files: try files(), logger: TestDatabase.logger)
            let first = try await migrator.migrate()
            #expect(first.count == (try files()).count)
            #expect(try await migrator.status().isCurrent)
            let second = try await migrator.migrate()
            #expect(second.isEmpty)
            let recorded = try await db.scalar("SELECT count(*)::int FROM schema_migrations", as: Int.self)
            #expect(recorded == first.count)
        }
    }

    @Test func dryRunListsPendingWithoutApplying() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let migrator = Migrator(client: db.client, files: try files(), logger: TestDatabase.logger)
            let pending = try await migrator.migrate(dryRun: true)
            #expect(!pending.isEmpty)
            #expect(try await db.scalar("SELECT to_regclass('admin_units') IS NULL", as: Bool.self) == true)
        }
    }

    @Test func tamperedAppliedMigrationIsRefused() async throws {
        try await TestDatabase.withFresh { db in
            var tampered = try files()
            let original = tampered[0]
            tampered[0] = try MigrationFile(fileName: original.fileName, contents: Data((original.sql + "\n-- edited\n").utf8))
            let migrator = Migrator(client: db.client, files: tampered, logger: TestDatabase.logger)
            await #expect(throws: MigrationError.self) { try await migrator.migrate() }
            do {
                _ = try await migrator.status()
            } catch let error as MigrationError {
                guard case .checksumMismatch(let version, let name, _, _) = error else {
                    Issue.record("expected a checksum mismatch, got \(error)")
                    return
                }
                #expect(version == original.version)
                #expect(name == original.fileName)
                #expect(error.description.contains(original.fileName))
            }
        }
    }

    @Test func appliedMigrationWhoseFileIsGoneIsRefused() async throws {
        try await TestDatabase.withFresh { db in
            let remaining = Array(try files().dropLast())
            let migrator = Migrator(client: db.client, files: remaining, logger: TestDatabase.logger)
            let error = await #expect(throws: MigrationError.self) { try await migrator.status() }
            guard case .appliedFileMissing = error else {
                Issue.record("expected a missing-file error, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func failingMigrationRollsBackWholeAndNamesItsLine() async throws {
        try await TestDatabase.withFresh { db in
            let broken = try MigrationFile(
                fileName: "900_broken.sql",
                contents: Data("CREATE TABLE half_done (id int);\n\nINSERT INTO no_such_table VALUES (1);\n".utf8)
            )
            let migrator = Migrator(client: db.client, files: try files() + [broken], logger: TestDatabase.logger)
            let error = await #expect(throws: MigrationError.self) { try await migrator.migrate() }
            #expect(error == .statementFailed(fileName: "900_broken.sql", line: 3, message: "relation \"no_such_table\" does not exist"))
            #expect(try await db.scalar("SELECT to_regclass('half_done') IS NULL", as: Bool.self) == true)
            #expect(try await db.scalar("SELECT count(*)::int FROM schema_migrations WHERE version = 900", as: Int.self) == 0)
        }
    }

    @Test func badFileNamesAreRefused() {
        #expect(throws: MigrationError.badFileName("geography.sql")) { try MigrationFile(fileName: "geography.sql", contents: Data()) }
    }
}

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (t text DEFAULT 'x;y');
            /* block; comment */
            CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ SELECT 1; SELECT 2; $$;
            CREATE TABLE "we;ird" (id int)
            """
        let statements = SQLScript.statements(in: script)
        #expect(statements.count == 3)
        #expect(statements.map(\.line) == [2, 4, 5])
        #expect(statements[1].text.hasSuffix("$$ SELECT 1; SELECT 2; $$"))
    }
}
