import Documents
import Foundation
import Logging
import PostgresNIO

/// The yearly statistics of commendation for the Ministry of Home Affairs (Biểu 0602.N of Thông
/// tư 02/2023/TT-BNV): awards by form and level, for collectives, households and individuals, and
/// by basis (merit, thematic, sudden, …), counted from the decisions issued in the year, less the
/// awards revoked by a decision issued that year, with the decisions recorded from elsewhere issued
/// that year (by their form of award). The columns follow the categories of the form
/// as known; check them against the official template before sending.
public struct AwardStatistics: Sendable, Codable, Equatable {
    public let provinceCode: String
    public let year: Int
    public let rows: [Row]

    public struct Row: Sendable, Codable, Equatable {
        public let award: String
        public let awardTitle: String
        public let total: Int
        public let collectives: Int
        public let households: Int
        public let individuals: Int
        public let merit: Int
        public let thematic: Int
        public let sudden: Int
        public let other: Int
    }

    public static let headers = [
        "Hình thức khen thưởng", "Tổng số", "Tập thể", "Hộ gia đình", "Cá nhân", "Theo công trạng", "Theo chuyên đề, đợt", "Đột xuất", "Khác",
    ]

    public static func build(client: PostgresClient, logger: Logger, provinceCode: String, year: Int) async throws -> AwardStatistics {
        let rows = try await client.query(
            """
            WITH awarded AS (
                SELECT d.award, d.award_title, a.section, n.basis,
                       CASE d.kind WHEN 'revocation' THEN -1 ELSE 1 END AS sign
                FROM decisions d
                JOIN decision_awardees a ON a.province_code = d.province_code AND a.decision_id = d.id
                JOIN nominations n ON n.province_code = a.province_code AND n.id = a.nomination_id
                WHERE d.province_code = \(provinceCode) AND d.status = 'issued' AND d.year = \(year) AND d.kind IN ('award', 'revocation')
                UNION ALL
                -- Decisions issued elsewhere (the Prime Minister's, a ministry's…), as recorded.
                SELECT 'external', x.award_title,
                       CASE e.nominee_kind WHEN 'household' THEN 'household' WHEN 'individual' THEN 'individual' ELSE 'collective' END,
                       coalesce(r.basis, 'other'), 1
                FROM external_decisions x
                JOIN external_awardees e ON e.province_code = x.province_code AND e.decision_id = x.id
                LEFT JOIN rounds r ON r.province_code = x.province_code AND r.id = x.round_id
                WHERE x.province_code = \(provinceCode) AND extract(year FROM x.issued_on) = \(year)
            )
            SELECT award, award_title, sum(sign)::int,
                   coalesce(sum(sign) FILTER (WHERE section = 'collective'), 0)::int,
                   coalesce(sum(sign) FILTER (WHERE section = 'household'), 0)::int,
                   coalesce(sum(sign) FILTER (WHERE section = 'individual'), 0)::int,
                   coalesce(sum(sign) FILTER (WHERE basis = 'merit'), 0)::int,
                   coalesce(sum(sign) FILTER (WHERE basis = 'thematic'), 0)::int,
                   coalesce(sum(sign) FILTER (WHERE basis = 'sudden'), 0)::int,
                   coalesce(sum(sign) FILTER (WHERE basis NOT IN ('merit', 'thematic', 'sudden')), 0)::int
            FROM awarded GROUP BY award, award_title ORDER BY award_title
            """,
            logger: logger
        )
        var out: [Row] = []
        for try await r in rows.decode((String, String, Int, Int, Int, Int, Int, Int, Int, Int).self) {
            out.append(
                Row(
                    award: r.0,
                    awardTitle: r.1,
                    total: r.2,
                    collectives: r.3,
                    households: r.4,
                    individuals: r.5,
                    merit: r.6,
                    thematic: r.7,
                    sudden: r.8,
                    other: r.9
                )
            )
        }
        return AwardStatistics(provinceCode: provinceCode, year: year, rows: out)
    }

    /// The rows as table cells, with a total row.
    public var cells: [[XlsxCell]] {
        var lines = rows.map { row in
            [.text(row.awardTitle)]
                + [row.total, row.collectives, row.households, row.individuals, row.merit, row.thematic, row.sudden, row.other].map(XlsxCell.number)
        }
        let sums = (0..<8).map { column in
            rows.reduce(0) { total, row in
                total + [row.total, row.collectives, row.households, row.individuals, row.merit, row.thematic, row.sudden, row.other][column]
            }
        }
        lines.append([.text("Tổng cộng")] + sums.map(XlsxCell.number))
        return lines
    }

    public var xlsx: [UInt8] {
        XlsxWriter.table(headers: Self.headers, rows: cells, widths: [52, 10, 10, 12, 10, 14, 16, 10, 8], sheetName: "Biểu 0602.N \(year)")
    }

    public var csv: String {
        var out = "\u{FEFF}" + CSVWriter.line(Self.headers) + "\r\n"
        for line in cells {
            out +=
                CSVWriter.line(
                    line.map { cell -> String in
                        switch cell {
                        case .number(let value): String(value)
                        case .text(let text): text
                        }
                    }
                ) + "\r\n"
        }
        return out
    }
}
