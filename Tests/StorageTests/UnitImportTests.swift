import Geography
import PostgresNIO
import Storage
import TestSupport
import Testing

@Suite struct UnitImportTests {
    private func repository(_ db: TestDatabase) -> UnitRepository {
        UnitRepository(client: db.client, logger: TestDatabase.logger)
    }

    private func unitCount(_ db: TestDatabase) async throws -> Int {
        try await db.scalar("SELECT count(*)::int FROM admin_units", as: Int.self) ?? -1
    }

    @Test func goodListIsImportedWithHistoryAndReplacements() async throws {
        try await TestDatabase.withFresh { db in
            let summary = try await repository(db).importList(UnitListBuilder.smallProvince().bytes)
            #expect(summary == .init(inserted: 10, closed: 0, unchanged: 0))
            // The new Xã An Hòa took over two old communes, one of which had the same code.
            let replaced = try await db.scalar(
                """
                SELECT string_agg(p.name, ', ' ORDER BY p.name COLLATE vi_vn) FROM admin_unit_replacements r
                JOIN admin_units s ON s.id = r.successor_id JOIN admin_units p ON p.id = r.predecessor_id
                WHERE s.name = 'Xã An Hòa'
                """,
                as: String.self
            )
            #expect(replaced == "Xã An Bình, Xã Đông Hòa")
            let current = try #require(try await repository(db).unit(code: "88101"))
            #expect(current.name == "Xã An Hòa")
            #expect(current.parentCode == "88")
            #expect(current.provinceCode == "88")
        }
    }

    @Test func reimportingTheSameListIsANoOp() async throws {
        try await TestDatabase.withFresh { db in
            let list = UnitListBuilder.smallProvince().bytes
            try await repository(db).importList(list)
            let again = try await repository(db).importList(list)
            #expect(again == .init(inserted: 0, closed: 0, unchanged: 10))
            #expect(try await unitCount(db) == 10)
        }
    }

    @Test func scopeOfANewCommuneCoversTheCommunesItReplaced() async throws {
        try await TestDatabase.withFresh { db in
            try await repository(db).importList(UnitListBuilder.smallProvince().bytes)
            let covered = try await db.scalar(
                """
                SELECT string_agg(DISTINCT u.name, ', ' ORDER BY u.name) FROM admin_unit_scope s
                JOIN admin_units sc ON sc.id = s.scope_id JOIN admin_units u ON u.id = s.unit_id
                WHERE sc.code = '88101' AND sc.valid_from = '2025-07-01' AND u.level = 'commune'
                """,
                as: String.self
            )
            #expect(covered == "Xã An Bình, Xã An Hòa, Xã Đông Hòa")
        }
    }

    /// Each kind of bad file, with the line it must be reported on.
    static let badLists: [(String, UnitListBuilder, Int)] = [
        ("duplicate code", UnitListBuilder.smallProvince().unit("881", "Huyện Trùng", "Huyện", parent: "88"), 12),
        ("unknown parent", UnitListBuilder.smallProvince().unit("88301", "Xã Lạc", "Xã", parent: "777"), 12),
        ("level not fitting its parent", UnitListBuilder.smallProvince().unit("88109", "Thôn Sai", "Thôn", parent: "881", to: "30/06/2025"), 12),
        ("broken CSV line", UnitListBuilder.smallProvince().raw("88999,\"Xã Mở Ngoặc,Xã,88,01/07/2025,,"), 12),
        ("bad date", UnitListBuilder.smallProvince().unit("88998", "Xã Ngày Sai", "Xã", parent: "88", from: "32/13/2025"), 12),
    ]

    @Test(arguments: badLists.indices)
    func badListIsRefusedWholeWithItsRowAndNothingIsStored(_ index: Int) async throws {
        let (kind, list, line) = Self.badLists[index]
        try await TestDatabase.withFresh { db in
            let error = await #expect(throws: UnitImportRefused.self, "\(kind)") { try await repository(db).importList(list.bytes) }
            #expect(error?.problems.map(\.line) == [line], "\(kind)")
            let stored = try await unitCount(db)
            #expect(stored == 0, "\(kind)")
        }
    }

    @Test func brokenUTF8IsRefusedWithItsRowAndTheTableIsUnchanged() async throws {
        try await TestDatabase.withFresh { db in
            try await repository(db).importList(UnitListBuilder().unit("66", "Tỉnh Có Sẵn", "Tỉnh").bytes)
            let bytes = UnitListBuilder.smallProvince().bytes + [0x38, 0x38, 0x39, 0x2C, 0x58, 0xE3] + Array(",Xã,88,01/07/2025,,\n".utf8)
            let error = await #expect(throws: UnitImportRefused.self) { try await repository(db).importList(bytes) }
            #expect(error?.problems.map(\.line) == [12])
            let stored = try await unitCount(db)
            #expect(stored == 1)
        }
    }

    @Test func demoProvinceLoadsWithMergedCommunes() async throws {
        try await TestDatabase.withFresh { db in
            let summary = try await repository(db).importList(try DemoData.unitList(), isDemo: true)
            #expect(summary.inserted == 94)
            let communesAfterReform = try await db.scalar(
                "SELECT count(*)::int FROM admin_units WHERE level = 'commune' AND valid_to IS NULL AND province_code = '99'",
                as: Int.self
            )
            #expect(communesAfterReform == 6)
            let districtsNow = try await db.scalar(
                "SELECT count(*)::int FROM admin_units WHERE level = 'district' AND daterange(valid_from, valid_to, '[]') @> date '2025-07-01'",
                as: Int.self
            )
            #expect(districtsNow == 0)
        }
    }
}

@Suite struct DeleteGuardTests {
    @Test func unitsAndLoadedCriteriaSetsAreNeverDeleted() async throws {
        try await TestDatabase.withFresh { db in
            try await UnitRepository(client: db.client, logger: TestDatabase.logger).importList(UnitListBuilder.smallProvince().bytes)
            await #expect(throws: PSQLError.self) {
                try await db.client.query("DELETE FROM admin_units WHERE code = '88101001'", logger: TestDatabase.logger)
            }
            await #expect(throws: PSQLError.self) {
                try await db.client.query("TRUNCATE admin_units CASCADE", logger: TestDatabase.logger)
            }
            let count = try await db.scalar("SELECT count(*)::int FROM admin_units", as: Int.self)
            #expect(count == 10)
        }
    }
}
