import Foundation
import Logging
import PostgresNIO

/// What the movement's public page shows of a province, without a single personal identifier:
/// how many families, clans, communities, units and citizens each commune saw recognised in a
/// year, and the recognition decisions recorded (number, date, body, title, how many).
public enum PublicMovement {
    public struct CommuneCounts: Sendable, Equatable {
        public let code: String
        public let name: String
        public let households: Int
        public let clans: Int
        public let communities: Int
        public let units: Int
        public let citizens: Int
    }

    public struct RecognitionLine: Sendable, Equatable {
        /// The decision as the public reads it: "Quyết định số 12/QĐ-HKH ngày 20/12/2026 của Hội
        /// Khuyến học xã Yên Bình", or the text entered with an imported list.
        public let decision: String
        public let title: String
        public let recognised: Int
    }

    /// The latest year with a recognition in the province (nil: none yet).
    public static func latestYear(client: PostgresClient, logger: Logger, provinceCode: String) async throws -> Int? {
        for try await year in try await client.query(
            "SELECT max(year)::int FROM assessments WHERE province_code = \(provinceCode) AND state = 'recognised'",
            logger: logger
        ).decode(Int?.self) { return year }
        return nil
    }

    /// Recognised subjects by kind for every commune in force at the end of `year`, those of the
    /// communes merged into it included, in Vietnamese order.
    public static func counts(client: PostgresClient, logger: Logger, provinceCode: String, year: Int) async throws -> [CommuneCounts] {
        let rows = try await client.query(
            """
            WITH communes AS (
                SELECT id, code, name FROM admin_units
                WHERE province_code = \(provinceCode) AND level = 'commune'
                  AND daterange(valid_from, valid_to, '[]') @> make_date(\(year)::int, 12, 31)
            ), kinds AS (
                SELECT DISTINCT id, subject FROM criteria_sets
            ), recognised AS (
                SELECT a.unit_id, k.subject, count(*) AS n
                FROM assessments a JOIN kinds k ON k.id = a.set_id
                WHERE a.province_code = \(provinceCode) AND a.year = \(year) AND a.state = 'recognised'
                GROUP BY a.unit_id, k.subject
            )
            SELECT c.code, c.name,
                   coalesce(sum(r.n) FILTER (WHERE r.subject = 'household'), 0)::int,
                   coalesce(sum(r.n) FILTER (WHERE r.subject = 'clan'), 0)::int,
                   coalesce(sum(r.n) FILTER (WHERE r.subject = 'community'), 0)::int,
                   coalesce(sum(r.n) FILTER (WHERE r.subject = 'unit'), 0)::int,
                   coalesce(sum(r.n) FILTER (WHERE r.subject = 'citizen'), 0)::int
            FROM communes c
            LEFT JOIN admin_unit_scope s ON s.scope_id = c.id
            LEFT JOIN recognised r ON r.unit_id = s.unit_id
            GROUP BY c.code, c.name
            ORDER BY c.name COLLATE vi_vn, c.code
            """,
            logger: logger
        )
        var out: [CommuneCounts] = []
        for try await (code, name, households, clans, communities, units, citizens) in rows.decode((String, String, Int, Int, Int, Int, Int).self) {
            out.append(
                .init(code: code, name: name, households: households, clans: clans, communities: communities, units: units, citizens: citizens)
            )
        }
        return out
    }

    /// The decisions that recognised the year's titles — recorded in ThiDua (with the body that
    /// issued them) or entered with an imported list — and how many each recognised, most first.
    public static func recognitionDecisions(client: PostgresClient, logger: Logger, provinceCode: String, year: Int) async throws -> [RecognitionLine]
    {
        var bodies: [String: String] = [:]
        for try await (reference, organisation, unit) in try await client.query(
            """
            SELECT d.number::text || '/' || d.symbol || ' ngày ' || to_char(d.issued_on, 'DD/MM/YYYY'), o.name, u.name
            FROM recognition_decisions d JOIN admin_units u ON u.id = d.unit_id LEFT JOIN organisations o ON o.id = d.organisation_id
            WHERE d.province_code = \(provinceCode) AND d.recognition_year = \(year)
            """,
            logger: logger
        ).decode((String, String?, String).self) { bodies[reference] = organisation ?? "Ủy ban nhân dân \(unit.inSentence)" }
        let rows = try await client.query(
            """
            SELECT a.recognised_by,
                   coalesce((SELECT title FROM criteria_sets c WHERE c.id = a.set_id ORDER BY version DESC LIMIT 1), a.set_id),
                   count(*)::int
            FROM assessments a
            WHERE a.province_code = \(provinceCode) AND a.year = \(year) AND a.state = 'recognised' AND a.recognised_by IS NOT NULL
            GROUP BY a.recognised_by, a.set_id
            ORDER BY count(*) DESC, a.recognised_by
            LIMIT 200
            """,
            logger: logger
        )
        var out: [RecognitionLine] = []
        for try await (reference, title, recognised) in rows.decode((String, String, Int).self) {
            let decision =
                reference.hasPrefix("Quyết định") ? reference : "Quyết định số \(reference)" + (bodies[reference].map { " của \($0)" } ?? "")
            out.append(.init(decision: decision, title: title, recognised: recognised))
        }
        return out
    }
}
