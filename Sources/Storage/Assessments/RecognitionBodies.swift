import Logging
import PostgresNIO

/// Who recognises each learning-model title in a province and year (`recognition_bodies`): the
/// province's own rule, else the national default. A decision for a title is recorded at a unit of
/// the rule's level — a commune's chair recognises families, the province's recognises
/// communes — and refused elsewhere, naming the body that decides.
public struct RecognitionBodies: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public struct Rule: Sendable, Equatable, Codable {
        public let scope: String
        public let setID: String
        public let fromYear: Int
        /// "commune", "district", "province" or "central".
        public let level: String
        public let body: String
        /// "year": a recognition holds for its year; "stage": to the end of its recognition stage.
        public let period: String
        public let basis: String
        /// The kind of organisation that recognises the title at the level (the commune's Hội
        /// Khuyến học), when not the People's Committee.
        public var organisationKind: String? = nil

        /// The level of the units whose page records the decision: the body's own, or for a
        /// central body's decision, the province that receives it.
        public var recordingLevel: String { level == "central" ? "province" : level }

        /// Where a decision of this body is recorded, in the words of the refusal.
        public var levelName: String {
            switch level {
            case "commune": "cấp xã"
            case "district": "cấp huyện"
            case "province": "cấp tỉnh"
            default: "cấp tỉnh (quyết định của Trung ương)"
            }
        }
    }

    public struct Refused: Error, Sendable, Equatable, CustomStringConvertible {
        public let rule: Rule
        public let title: String
        public let year: Int

        public var description: String {
            if rule.organisationKind != nil {
                return
                    "Danh hiệu \"\(title)\" năm \(year) do \(rule.body) công nhận: Chủ tịch của tổ chức đó ghi quyết định, tại trang của đơn vị \(rule.levelName)."
            }
            return "Danh hiệu \"\(title)\" năm \(year) do \(rule.body) công nhận: ghi quyết định tại trang của đơn vị \(rule.levelName)."
        }
    }

    /// The rule for a title in a province and year; nil when neither the province nor the nation
    /// has one (any unit may then record the decision).
    public func rule(setID: String, provinceCode: String, year: Int) async throws -> Rule? {
        try await Self.first(try await client.query(Self.ruleQuery(setID: setID, provinceCode: provinceCode, year: year), logger: logger))
    }

    /// The same inside a transaction.
    static func rule(setID: String, provinceCode: String, year: Int, on connection: PostgresConnection, logger: Logger) async throws -> Rule? {
        try await first(try await connection.query(ruleQuery(setID: setID, provinceCode: provinceCode, year: year), logger: logger))
    }

    private static func ruleQuery(setID: String, provinceCode: String, year: Int) -> PostgresQuery {
        """
        SELECT scope, set_id, from_year::int, level, body, period, basis, organisation_kind FROM recognition_bodies
        WHERE set_id = \(setID) AND scope IN ('VN', \(provinceCode)) AND from_year <= \(year)
        ORDER BY scope = 'VN', from_year DESC LIMIT 1
        """
    }

    private static func first(_ rows: PostgresRowSequence) async throws -> Rule? {
        try await decode(rows).first
    }

    /// Rows of `scope, set_id, from_year, level, body, period, basis, organisation_kind`.
    private static func decode(_ rows: PostgresRowSequence) async throws -> [Rule] {
        var out: [Rule] = []
        for try await (scope, set, from, level, body, period, basis, kind) in rows.decode(
            (String, String, Int, String, String, String, String, String?).self
        ) {
            out.append(
                Rule(scope: scope, setID: set, fromYear: from, level: level, body: body, period: period, basis: basis, organisationKind: kind)
            )
        }
        return out
    }

    /// Refuses recording a decision for `setID` and `year` at a unit of `unitLevel` when the rule
    /// names another level.
    /// Refuses too when the rule names a kind of organisation and the decision is not that
    /// organisation's (`organisationKind`), or the other way round.
    public func check(setID: String, title: String, provinceCode: String, year: Int, unitLevel: String, organisationKind: String? = nil) async throws
    {
        guard let rule = try await rule(setID: setID, provinceCode: provinceCode, year: year) else {
            if organisationKind != nil {
                throw Refused(
                    rule: .init(
                        scope: provinceCode,
                        setID: setID,
                        fromYear: year,
                        level: unitLevel,
                        body: "Ủy ban nhân dân",
                        period: "year",
                        basis: ""
                    ),
                    title: title,
                    year: year
                )
            }
            return
        }
        guard unitLevel == rule.recordingLevel, rule.organisationKind == organisationKind else { throw Refused(rule: rule, title: title, year: year) }
    }

    /// The years whose recognitions count for holding the title in `year`: `year` alone, or the
    /// recognition stage's years up to it for a title recognised by stage.
    public func window(setID: String, provinceCode: String, year: Int) async throws -> ClosedRange<Int> {
        let rows = try await client.query(
            """
            SELECT lower(w)::int, upper(w)::int - 1 FROM recognition_window(\(provinceCode), \(setID), \(year)::int) w
            """,
            logger: logger
        )
        for try await (first, last) in rows.decode((Int, Int).self) { return first...last }
        return year...year
    }

    /// The rules in force for a province (its own first, then the national defaults it has not
    /// replaced), by title and year.
    public func rules(provinceCode: String) async throws -> [Rule] {
        let rows = try await client.query(
            """
            SELECT scope, set_id, from_year::int, level, body, period, basis, organisation_kind FROM recognition_bodies r
            WHERE scope = \(provinceCode)
               OR (scope = 'VN' AND NOT EXISTS (SELECT 1 FROM recognition_bodies p WHERE p.scope = \(provinceCode) AND p.set_id = r.set_id))
            ORDER BY set_id, from_year, scope
            """,
            logger: logger
        )
        return try await Self.decode(rows)
    }

    /// Sets a province's rule for a title from a year (replacing its own rule of that year).
    public func set(
        provinceCode: String,
        setID: String,
        fromYear: Int,
        level: String,
        body: String,
        period: String = "year",
        basis: String,
        organisationKind: String? = nil
    ) async throws {
        try await client.query(
            """
            INSERT INTO recognition_bodies (scope, set_id, from_year, level, body, period, basis, organisation_kind)
            VALUES (\(provinceCode), \(setID), \(fromYear), \(level), \(body), \(period), \(basis), \(organisationKind))
            ON CONFLICT (scope, set_id, from_year)
            DO UPDATE SET level = excluded.level, body = excluded.body, period = excluded.period, basis = excluded.basis,
                          organisation_kind = excluded.organisation_kind
            """,
            logger: logger
        )
    }
}
