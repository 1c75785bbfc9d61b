import Foundation
import Scoring
import Storage
import TestSupport
import Testing

/// The national-shape generator (`thidua generate --scale`): the same province every time, in the
/// country's proportions, entered through the paths real data takes.
@Suite struct NationalShapeTests {
    /// 5,000 households: one commune of 28 villages.
    static let scale = 0.005

    static func generate(_ db: TestDatabase) async throws -> NationalShape.Summary {
        try await db.loadShippedCriteria()
        _ = try await db.nominationStore()  // loads the shipped workflows
        let shape = try NationalShape(provinceCodes: ["80"], scale: scale)
        return try await shape.load(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
    }

    /// Everything a province holds that the generator chose, as one digest.
    static func fingerprint(_ db: TestDatabase) async throws -> String {
        try await db.scalar(
            """
            SELECT md5(
                (SELECT string_agg(code || ':' || name || ':' || level, ',' ORDER BY code) FROM admin_units WHERE province_code = '80') ||
                (SELECT string_agg(a.subject_key || ':' || u.code || ':' || a.subject_name || ':' || a.year || ':' || a.answers::text || ':' ||
                                   a.total || ':' || a.state, ',' ORDER BY a.set_id, a.subject_key, a.year)
                 FROM assessments a JOIN admin_units u ON u.id = a.unit_id WHERE a.province_code = '80') ||
                (SELECT string_agg(nominee_key || ':' || nominee_name || ':' || award || ':' || state, ',' ORDER BY nominee_key, award)
                 FROM nominations WHERE province_code = '80') ||
                (SELECT string_agg(username || ':' || full_name, ',' ORDER BY username) FROM users))
            """,
            as: String.self
        ) ?? ""
    }

    @Test func generatingTwiceGivesTheSameProvince() async throws {
        let first = try await TestDatabase.withFresh { db in
            _ = try await Self.generate(db)
            return try await Self.fingerprint(db)
        }
        let second = try await TestDatabase.withFresh { db in
            _ = try await Self.generate(db)
            return try await Self.fingerprint(db)
        }
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func theProvinceHasTheCountrysProportionsAndAnIntactAuditTrail() async throws {
        try await TestDatabase.withFresh { db in
            let summary = try await Self.generate(db)
            #expect(try await db.scalar("SELECT count(*)::int FROM admin_units WHERE province_code = '80' AND level = 'commune'", as: Int.self) == 1)
            #expect(try await db.scalar("SELECT count(*)::int FROM admin_units WHERE province_code = '80' AND level = 'village'", as: Int.self) == 28)
            // Households counted in the villages: 5,000 give or take the villages' spread.
            let households = try #require(
                try await db.scalar("SELECT sum(total)::int FROM unit_counts WHERE subject = 'household' AND year = 2025", as: Int.self)
            )
            #expect((4_250...5_750).contains(households))
            // 85 in a hundred households assessed each year, the same households both years.
            let assessed = try #require(
                try await db.scalar(
                    "SELECT count(*)::int FROM assessments WHERE province_code = '80' AND set_id = 'gia-dinh-hoc-tap' AND year = 2025",
                    as: Int.self
                )
            )
            #expect(abs(assessed - households * 85 / 100) <= 28)
            #expect(
                try await db.scalar(
                    """
                    SELECT count(*)::int FROM assessments a JOIN assessments b ON b.subject_key = a.subject_key AND b.year = 2026
                    WHERE a.set_id = 'gia-dinh-hoc-tap' AND a.year = 2025 AND b.set_id = 'gia-dinh-hoc-tap'
                    """,
                    as: Int.self
                ) == assessed
            )
            #expect(summary.assessments[.household] == 2 * assessed)
            #expect(summary.assessments[.community] == 2 * 28)
            #expect(summary.assessments[.clan] == 2 * 19)
            #expect(summary.assessments[.unit] == 2 * 8)
            // The movement near its 2025 target: about two thirds of households recognised.
            let report = try await TargetReport.build(
                client: db.client,
                logger: TestDatabase.logger,
                year: 2025,
                provinceCode: "80",
                level: .province
            )
            let family = try #require(report.rows.first { $0.indicator == "household" }?.percent)
            #expect(family > 55 && family < 80, "share of recognised families: \(family)")
            // About one dossier in a hundred households, all documented, most of them sent.
            #expect(abs(summary.nominations - households / 100) <= households / 500 + 5)
            #expect(summary.refused.isEmpty, "moves the workflow refused: \(summary.refused)")
            #expect(
                try await db.scalar("SELECT count(*)::int FROM nominations WHERE province_code = '80' AND state <> 'xa_lap_ho_so'", as: Int.self)
                    == summary.nominations - (0..<summary.nominations).filter { $0 % 10 < 3 }.count
            )
            #expect(try await AuditTrail.verify(client: db.client, logger: TestDatabase.logger).firstBreak == nil)
            // Generating again leaves the province as it was.
            let before = try await Self.fingerprint(db)
            let again = try await NationalShape(provinceCodes: ["80"], scale: Self.scale)
                .load(client: db.client, hasher: PasswordHasher(cost: 4), logger: TestDatabase.logger)
            #expect(again.nominations == 0 && again.assessments.isEmpty)
            #expect(try await Self.fingerprint(db) == before)
        }
    }

    @Test func refusesAScaleOrProvinceCodeItCannotGenerateNamingIt() {
        #expect(throws: NationalShape.ShapeError.self) { try NationalShape(provinceCodes: ["80"], scale: 0) }
        #expect(throws: NationalShape.ShapeError.self) { try NationalShape(provinceCodes: ["8A"], scale: 0.1) }
        #expect(throws: NationalShape.ShapeError.self) { try NationalShape(provinceCodes: [], scale: 0.1) }
        do {
            _ = try NationalShape(provinceCodes: ["080"], scale: 0.1)
        } catch {
            #expect(error.description.contains("\"080\""))
        }
    }
}
