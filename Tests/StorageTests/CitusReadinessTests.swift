import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing

/// Nothing in the migrations blocks distributing ThiDua on Citus by province (docs/scaling.md):
/// read from the migrated catalog, every table is placed (distributed, reference or local); every
/// primary key, unique key and unique index of a distributed table includes `province_code`;
/// every foreign key between distributed tables carries it on both sides; no reference table
/// points at a distributed one; every trigger of a distributed table and every function touching
/// one is reviewed to stay on one province's shard.
@Suite struct CitusReadinessTests {
    static func strings(_ db: TestDatabase, _ query: PostgresQuery) async throws -> [String] {
        var out: [String] = []
        for try await value in try await db.client.query(query, logger: TestDatabase.logger).decode(String.self) { out.append(value) }
        return out
    }

    @Test func theMigratedSchemaCanBeDistributedByProvince() async throws {
        try await TestDatabase.withFresh { db in
            let distributed = CitusLayout.distributed
            let placed = Set(distributed + CitusLayout.reference + CitusLayout.local)
            let tables = try await Self.strings(
                db,
                "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
            )
            #expect(Set(tables).subtracting(placed).sorted() == [], "tables no one placed in CitusLayout")
            #expect(placed.subtracting(tables).sorted() == [], "CitusLayout names tables the schema lacks")
            #expect(Set(distributed).intersection(CitusLayout.reference).isEmpty)

            // Keys of distributed tables: primary, unique constraints and unique indexes.
            let keys = try await Self.strings(
                db,
                """
                SELECT c.relname || ': ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                WHERE c.relname = ANY(\(distributed)) AND (i.indisunique OR i.indisprimary)
                  AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'province_code' AND a.attnum = ANY(i.indkey))
                ORDER BY 1
                """
            )
            #expect(keys == [], "unique keys without province_code")
            let withoutPrimaryKey = try await Self.strings(
                db,
                """
                SELECT c.relname::text FROM pg_class c WHERE c.relname = ANY(\(distributed)) AND c.relkind IN ('r', 'p')
                  AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) ORDER BY 1
                """
            )
            #expect(withoutPrimaryKey == [], "distributed tables without a primary key")

            // Foreign keys: between distributed tables through province_code on both sides, in the
            // same place; none from a reference table to a distributed one.
            let crossing = try await Self.strings(
                db,
                """
                SELECT f.relname || ' → ' || t.relname || ': ' || pg_get_constraintdef(k.oid)
                FROM pg_constraint k JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
                WHERE k.contype = 'f' AND f.relname = ANY(\(distributed)) AND t.relname = ANY(\(distributed))
                  AND NOT EXISTS (
                      SELECT 1 FROM generate_subscripts(k.conkey, 1) s
                      JOIN pg_attribute fa ON fa.attrelid = k.conrelid AND fa.attnum = k.conkey[s]
                      JOIN pg_attribute ta ON ta.attrelid = k.confrelid AND ta.attnum = k.confkey[s]
                      WHERE fa.attname = 'province_code' AND ta.attname = 'province_code')
                ORDER BY 1
                """
            )
            #expect(crossing == [], "foreign keys between distributed tables without province_code on both sides")
            let upward = try await Self.strings(
                db,
                """
                SELECT f.relname || ' → ' || t.relname FROM pg_constraint k JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
                WHERE k.contype = 'f' AND f.relname = ANY(\(CitusLayout.reference)) AND t.relname = ANY(\(distributed)) ORDER BY 1
                """
            )
            #expect(upward == [], "reference tables pointing at distributed ones")

            // Triggers of distributed tables: only reviewed functions.
            let triggers = try await Self.strings(
                db,
                """
                SELECT DISTINCT p.proname::text FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid
                WHERE NOT g.tgisinternal AND c.relname = ANY(\(distributed)) ORDER BY 1
                """
            )
            #expect(Set(triggers).subtracting(CitusLayout.shardLocalTriggers.keys).sorted() == [], "triggers not reviewed for one shard")

            // Functions naming a distributed table: distributed by their province argument.
            let functions = try await Self.strings(
                db,
                """
                SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public' AND p.prokind = 'f' AND p.prorettype <> 'trigger'::regtype
                  AND EXISTS (SELECT 1 FROM unnest(\(distributed)::text[]) t WHERE p.prosrc ~ ('\\m' || t || '\\M'))
                ORDER BY 1
                """
            )
            let reviewed = Set(CitusLayout.distributedFunctions.map { "\($0.name)(\($0.distributedBy) text" })
            for function in functions {
                #expect(reviewed.contains { function.hasPrefix($0) }, "\(function) reaches distributed tables without taking the province first")
            }
        }
    }

    @Test func thePlanPlacesEveryTableOnce() {
        let plan = CitusLayout.plan
        for table in CitusLayout.reference { #expect(plan.contains("create_reference_table('\(table)')")) }
        for table in CitusLayout.distributed { #expect(plan.contains("create_distributed_table('\(table)', 'province_code'")) }
        #expect(!plan.contains("'sessions'"))
    }
}
