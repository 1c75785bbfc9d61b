import DataFiles
import Foundation
import PostgresNIO
import Storage
import TestSupport
import Testing
import Workflow

/// `thidua workflows migrate`: nominations in flight on the 3-tier process move to the 2-tier one
/// by the shipped mapping file, with units dissolved in 2025 replaced, audited, or not at all.
@Suite struct WorkflowMigrationTests {
    static let mappingFile = TestDatabase.workflowsDirectory.appendingPathComponent("migrations/khen-thuong-3-cap@2024-sang-2-cap@2025.yaml")

    /// The small province plus a commune split in two in 2025, a 3-tier round, and nominations
    /// placed at the given steps (award, state, old unit code).
    static func withNominations(
        _ placed: [(String, String, String)],
        _ body: @Sendable (TestDatabase, WorkflowMigrator, [Int]) async throws -> Void
    ) async throws {
        try await TestDatabase.withFresh { db in
            let units = UnitListBuilder.smallProvince()
                .unit("883", "Huyện Ba", "Huyện", parent: "88", to: "30/06/2025")
                .unit("88301", "Xã Tây", "Xã", parent: "883", to: "30/06/2025")
                .unit("88302", "Xã Tây Bắc", "Xã", parent: "88", from: "01/07/2025", replaces: "88301")
                .unit("88303", "Xã Tây Nam", "Xã", parent: "88", from: "01/07/2025", replaces: "88301")
            try await UnitRepository(client: db.client, logger: TestDatabase.logger).importList(units.bytes)
            let store = try await db.nominationStore()
            let round = try await store.createRound(
                provinceCode: "88",
                name: "Năm 2025",
                year: 2025,
                basis: "merit",
                workflow: "khen-thuong-3-cap@2024"
            )
            var ids: [Int] = []
            for (index, (award, state, unitCode)) in placed.enumerated() {
                let unit = try #require(
                    try await db.scalar("SELECT id FROM admin_units WHERE code = \(unitCode) AND valid_to = '2025-06-30'", as: Int.self)
                )
                let nomination = try await store.create(
                    .init(
                        provinceCode: "88",
                        roundID: round,
                        award: award,
                        nomineeKind: "individual",
                        nomineeKey: "CD-\(index)",
                        nomineeName: "Công dân \(index)",
                        unitID: unit
                    ),
                    createdBy: nil
                )
                try await db.client.query("UPDATE nominations SET state = \(state) WHERE id = \(nomination.id)", logger: TestDatabase.logger)
                ids.append(nomination.id)
            }
            try await body(db, WorkflowMigrator(client: db.client, workflows: store.workflows, logger: TestDatabase.logger), ids)
        }
    }

    static func snapshot(_ db: TestDatabase) async throws -> String? {
        try await db.scalar(
            """
            SELECT string_agg(n.id || ':' || n.workflow_version || ':' || n.state || ':' || n.award || ':' || u.code || ':' || n.version, ' ' ORDER BY n.id)
            FROM nominations n JOIN admin_units u ON u.id = n.unit_id
            """,
            as: String.self
        )
    }

    @Test func districtStepsMoveToTheProvinceOfTheNewUnitAndDistrictAwardsBecomeCommuneAwards() async throws {
        try await Self.withNominations([
            ("giay-khen-xa", "xa_tham_dinh", "88102"), ("bang-khen-tinh", "huyen_tiep_nhan", "88101"),
            ("giay-khen-huyen", "huyen_hoi_dong", "88201"), ("bang-khen-thu-tuong", "huyen_bo_sung", "88101"),
        ]) { db, migrator, ids in
            let text = try String(contentsOf: Self.mappingFile, encoding: .utf8)
            let before = try await Self.snapshot(db)
            let planned = try await migrator.migrate(mapping: text, file: Self.mappingFile.path, provinceCode: "88", dryRun: true, actorID: nil)
            #expect(planned.map(\.toState) == ["xa_tham_dinh", "tinh_tiep_nhan", "xa_cho_quyet_dinh", "xa_bo_sung"])
            #expect(planned.map(\.toAward) == ["giay-khen-xa", "bang-khen-tinh", "giay-khen-xa", "bang-khen-thu-tuong"])
            #expect(planned.map(\.toUnit) == ["88101", "88101", "88201", "88101"])
            #expect(planned[2].description == "88/\(ids[2]) Công dân 2: huyen_hoi_dong → xa_cho_quyet_dinh; giay-khen-huyen → giay-khen-xa")
            #expect(try await Self.snapshot(db) == before, "a dry run writes nothing")

            let moved = try await migrator.migrate(mapping: text, file: Self.mappingFile.path, provinceCode: "88", dryRun: false, actorID: nil)
            #expect(moved == planned)
            let after = try await Self.snapshot(db)
            #expect(
                after
                    == "\(ids[0]):2025:xa_tham_dinh:giay-khen-xa:88101:2 \(ids[1]):2025:tinh_tiep_nhan:bang-khen-tinh:88101:2 "
                    + "\(ids[2]):2025:xa_cho_quyet_dinh:giay-khen-xa:88201:2 \(ids[3]):2025:xa_bo_sung:bang-khen-thu-tuong:88101:2"
            )
            let transitions = try await db.scalar("SELECT count(*)::int FROM nomination_transitions WHERE action = 'migrate'", as: Int.self)
            #expect(transitions == 4)
            let verified = try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger)
            #expect(verified.firstBreak == nil)
            #expect(try await db.scalar("SELECT count(*)::int FROM audit_records WHERE action = 'migrate'", as: Int.self) == 4)

            // The moved nomination goes on in the new process: the province reviewer takes it to council
            // (its dossier arrived complete; the province step itself takes no documents).
            let store = NominationStore(client: db.client, workflows: migrator.workflows, logger: TestDatabase.logger)
            try await db.client.query(
                """
                WITH file AS (INSERT INTO evidence_files (sha256, media_type, size, content)
                              VALUES (sha256('b'::bytea), 'application/pdf', 1, 'b'::bytea) RETURNING sha256)
                INSERT INTO nomination_documents (province_code, nomination_id, kind, sha256, file_name)
                SELECT '88', \(ids[1]), 'bao_cao_thanh_tich', sha256, 'b.pdf' FROM file
                """
            )
            let next = try await store.act(
                NominationKey(provinceCode: "88", id: ids[1]),
                action: .toCouncil,
                expectedVersion: 2,
                actorID: nil,
                roles: [.reviewer],
                comment: nil,
                idempotencyKey: nil
            )
            #expect(next.toState == "tinh_hoi_dong")
            // Run again: nothing is left on the old version.
            #expect(try await migrator.migrate(mapping: text, file: Self.mappingFile.path, provinceCode: nil, dryRun: false, actorID: nil).isEmpty)
        }
    }

    @Test func aCommuneSplitInTwoNeedsItsUnitNamedAndNothingMovesUntilThen() async throws {
        try await Self.withNominations([("giay-khen-xa", "xa_tham_dinh", "88101"), ("giay-khen-xa", "xa_tham_dinh", "88301")]) { db, migrator, ids in
            let text = try String(contentsOf: Self.mappingFile, encoding: .utf8)
            let before = try await Self.snapshot(db)
            let error = await #expect(throws: WorkflowMigrator.Refused.self) {
                try await migrator.migrate(mapping: text, file: "m.yaml", provinceCode: nil, dryRun: false, actorID: nil)
            }
            #expect(
                error?.problems == ["88/\(ids[1]) Công dân 1: đơn vị 88301 được thay bằng nhiều đơn vị (88302, 88303): khai báo đơn vị nhận ở units"]
            )
            #expect(try await Self.snapshot(db) == before)

            let named = text + "units:\n  \"88301\": \"88303\"\n"
            let moved = try await migrator.migrate(mapping: named, file: "m.yaml", provinceCode: nil, dryRun: false, actorID: nil)
            #expect(moved.map(\.toUnit) == ["88101", "88303"])
        }
    }

    @Test func anIncompleteOrWrongMappingIsRefusedWithItsLine() async throws {
        let text = try String(contentsOf: Self.mappingFile, encoding: .utf8)
        let workflows = TestDatabase.workflowsDirectory
        let old = try WorkflowReader.read(
            String(contentsOf: workflows.appendingPathComponent("khen-thuong-3-cap@2024.yaml"), encoding: .utf8),
            file: "3.yaml"
        )
        let new = try WorkflowReader.read(
            String(contentsOf: workflows.appendingPathComponent("khen-thuong-2-cap@2025.yaml"), encoding: .utf8),
            file: "2.yaml"
        )
        #expect(throws: Never.self) { try WorkflowMappingReader.read(text, file: "m.yaml", from: old, to: new) }

        func errors(_ text: String) -> [String] {
            do {
                _ = try WorkflowMappingReader.read(text, file: "m.yaml", from: old, to: new)
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
        let missing = errors(text.replacingOccurrences(of: "  huyen_bo_sung: xa_bo_sung\n", with: ""))
        #expect(missing.contains { $0.contains("thiếu bước đích") && $0.contains("\"huyen_bo_sung\"") })
        let unknown = errors(text.replacingOccurrences(of: "  tinh_hoi_dong: tinh_hoi_dong", with: "  tinh_hoi_dong: tinh_hop"))
        #expect(unknown == ["m.yaml:19:18: states.tinh_hoi_dong: bước \"tinh_hop\" không có trong quy trình khen-thuong-2-cap@2025"])
        let tooHigh = errors(text.replacingOccurrences(of: "    huyen_tiep_nhan: xa_cho_quyet_dinh", with: "    huyen_tiep_nhan: tinh_tiep_nhan"))
        #expect(tooHigh.contains { $0.contains("không thể chuyển đến bước \"tinh_tiep_nhan\" cấp tỉnh") })
        let final = errors(text.replacingOccurrences(of: "  trung_uong_xet: trung_uong_xet", with: "  trung_uong_xet: da_khen_thuong"))
        #expect(final.contains { $0.contains("bước kết thúc \"da_khen_thuong\"") })
        let typo = errors(text.replacingOccurrences(of: "award_states:", with: "award_state:"))
        #expect(typo.first?.contains("khóa không hợp lệ \"award_state\"") == true)
    }
}
