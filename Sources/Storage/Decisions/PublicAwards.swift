import Logging
import PostgresNIO
import Tabular

/// The published awards of a province, one line per awardee, newest decision first, a page at a
/// time: what the public page shows without signing in. Bounded whatever the province's size (one
/// page of 50 rows per request) and free of personal identifiers (name, unit, award, decision).
public struct PublicAwards: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    public static let pageSize = 50

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public struct Line: Sendable, Equatable {
        public let name: String
        public let unit: String
        public let award: String
        public let decisionNumber: String
        /// dd/MM/yyyy.
        public let issuedOn: String
        public let authority: String
    }

    /// Page `page` (from 1) of the issued award decisions' lines, optionally only those whose
    /// name (without diacritics) or unit contains `search`; and whether a next page exists.
    public func page(provinceCode: String, search: String?, page: Int) async throws -> (lines: [Line], hasMore: Bool) {
        let folded = ListWindow.containsPattern(search, folded: true)
        let raw = ListWindow.containsPattern(search, folded: false)
        let offset = ListWindow.offset(page: page, size: Self.pageSize)
        let rows = try await client.query(
            """
            SELECT name, unit_name, award_title, number, to_char(issued_on, 'DD/MM/YYYY'), authority FROM (
                SELECT a.name, a.unit_name, d.award_title, d.number || '/' || d.symbol AS number, d.issued_on,
                       replace(d.authority_name, E'\\n', ' ') AS authority, d.id, 0 AS source,
                       CASE a.section WHEN 'collective' THEN 1 WHEN 'household' THEN 2 ELSE 3 END AS section, a.position
                FROM decisions d
                JOIN decision_awardees a ON a.province_code = d.province_code AND a.decision_id = d.id
                JOIN nominations n ON n.province_code = a.province_code AND n.id = a.nomination_id
                WHERE d.province_code = \(provinceCode) AND d.status = 'issued' AND d.kind = 'award'
                  AND (\(folded)::text IS NULL OR n.nominee_folded LIKE \(folded) OR a.unit_name ILIKE \(raw))
                UNION ALL
                -- Decisions issued elsewhere, as the province recorded them.
                SELECT e.name, u.name, x.award_title, x.number, x.issued_on, x.issuer, x.id, 1, 0, e.position
                FROM external_decisions x
                JOIN external_awardees e ON e.province_code = x.province_code AND e.decision_id = x.id
                JOIN admin_units u ON u.id = e.unit_id
                WHERE x.province_code = \(provinceCode)
                  AND (\(folded)::text IS NULL OR e.name_folded LIKE \(folded) OR u.name ILIKE \(raw))
            ) lines
            ORDER BY issued_on DESC, source, id DESC, section, position
            LIMIT \(Self.pageSize + 1) OFFSET \(offset)
            """,
            logger: logger
        )
        var lines: [Line] = []
        for try await (name, unit, award, number, issuedOn, authority) in rows.decode((String, String, String, String, String, String).self) {
            lines.append(Line(name: name, unit: unit, award: award, decisionNumber: number, issuedOn: issuedOn, authority: authority))
        }
        let hasMore = lines.count > Self.pageSize
        return (Array(lines.prefix(Self.pageSize)), hasMore)
    }
}
