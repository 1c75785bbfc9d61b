import Foundation
import Geography
import Logging
import PostgresNIO
import Scoring

/// Reading stored assessments: one with its explanation, lists of recognised subjects, and the
/// question the workflow's guards ask ("does this household hold the title in that year?").
public struct AssessmentRepository: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public struct StoredAssessment: Sendable {
        public let provinceCode: String
        public let id: Int
        public let setReference: String
        public let subjectKey: String
        public let subjectName: String
        public let unitID: Int
        public let unitName: String
        public let year: Int
        public let state: String
        public let recognisedBy: String?
        public let answers: [String: Answer]
        public let facts: [String: Fact]
        /// The score stored with the assessment (as scored when it was imported or appraised).
        public var total = 0
    }

    public func assessment(_ key: AssessmentKey) async throws -> StoredAssessment? {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let rows = try await client.query(
            """
            SELECT a.province_code, a.id, a.set_id || '@' || a.set_version, a.subject_key, a.subject_name, a.unit_id, u.name,
                   a.year::int, a.state, a.recognised_by, a.answers::text, a.facts::text, a.total
            FROM assessments a JOIN admin_units u ON u.id = a.unit_id
            WHERE a.province_code = \(provinceCode) AND a.id = \(id)
            """,
            logger: logger
        )
        for try await (province, id, reference, key, name, unitID, unitName, year, state, recognisedBy, answers, facts, total) in rows.decode(
            (String, Int, String, String, String, Int, String, Int, String, String?, String, String, Int).self
        ) {
            return StoredAssessment(
                provinceCode: province,
                id: id,
                setReference: reference,
                subjectKey: key,
                subjectName: name,
                unitID: unitID,
                unitName: unitName,
                year: year,
                state: state,
                recognisedBy: recognisedBy,
                answers: Self.answers(answers),
                facts: Self.facts(facts),
                total: total
            )
        }
        return nil
    }

    /// One recognised subject, as the printed list shows it.
    public struct RecognisedSubject: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let id: Int
        public let subjectKey: String
        public let subjectName: String
        public let villageName: String
        public let total: Int
        public let recognisedBy: String?
    }

    /// Who a recognition decision of `setID` for `year` in the unit `scopeID` lists: those already
    /// recognised that year, and those awaiting the decision who meet the criteria — by village
    /// then name in Vietnamese order.
    public func recognitionList(setID: String, year: Int, scopeID: Int) async throws -> [RecognisedSubject] {
        let rows = try await client.query(
            """
            SELECT a.province_code, a.id, a.subject_key, a.subject_name, u.name, a.total, a.recognised_by
            FROM admin_unit_scope s JOIN assessments a ON a.unit_id = s.unit_id JOIN admin_units u ON u.id = a.unit_id
            WHERE s.scope_id = \(scopeID) AND a.set_id = \(setID) AND a.year = \(year)::int
              AND (a.state = 'recognised' OR (a.state = 'assessed' AND a.meets_criteria))
            ORDER BY u.name COLLATE vi_vn, a.subject_name COLLATE vi_vn, a.subject_key
            LIMIT 100000
            """,
            logger: logger
        )
        var out: [RecognisedSubject] = []
        for try await (province, id, key, name, village, total, by) in rows.decode((String, Int, String, String, String, Int, String?).self) {
            out.append(
                .init(provinceCode: province, id: id, subjectKey: key, subjectName: name, villageName: village, total: total, recognisedBy: by)
            )
        }
        return out
    }

    /// Subjects recognised with `setID` in `year` within the unit `scopeID` (and the units it
    /// replaced), by village then name in Vietnamese order.
    /// `years` widens the list to a recognition stage (each subject once, its latest recognition).
    public func recognised(setID: String, year: Int, scopeID: Int, years: ClosedRange<Int>? = nil) async throws -> [RecognisedSubject] {
        let (first, last) = (years?.lowerBound ?? year, years?.upperBound ?? year)
        let rows = try await client.query(
            """
            SELECT province_code, id, subject_key, subject_name, village, total, recognised_by FROM (
                SELECT DISTINCT ON (a.subject_key) a.province_code, a.id, a.subject_key, a.subject_name, u.name AS village, a.total, a.recognised_by
                FROM admin_unit_scope s
                JOIN assessments a ON a.unit_id = s.unit_id
                JOIN admin_units u ON u.id = a.unit_id
                WHERE s.scope_id = \(scopeID) AND a.set_id = \(setID) AND a.year BETWEEN \(first)::int AND \(last)::int AND a.state = 'recognised'
                ORDER BY a.subject_key, a.year DESC
            ) latest
            ORDER BY village COLLATE vi_vn, subject_name COLLATE vi_vn, subject_key
            """,
            logger: logger
        )
        var out: [RecognisedSubject] = []
        for try await (province, id, key, name, village, total, by) in rows.decode((String, Int, String, String, String, Int, String?).self) {
            out.append(
                .init(provinceCode: province, id: id, subjectKey: key, subjectName: name, villageName: village, total: total, recognisedBy: by)
            )
        }
        return out
    }

    /// Records the recognition decision for the assessments of `setID` and `year` still awaiting
    /// one within the unit `scopeID`: those meeting the criteria are recognised, the others not.
    /// Returns (recognised, not recognised). Refused (`RecognitionBodies.Refused`) when the
    /// province's rule has the title recognised at another level than the unit's.
    @discardableResult
    public func recognise(setID: String, year: Int, scopeID: Int, decision: String) async throws -> (recognised: Int, notRecognised: Int) {
        try await checkRecognition(setID: setID, year: year, scopeID: scopeID)
        let logger = logger
        return try await client.withConnection { connection in
            try await Self.recognise(connection, logger: logger, setID: setID, year: year, scopeID: scopeID, decision: decision)
        }
    }

    /// Refuses a year outside the record or a unit that does not recognise the title (the province's rule).
    func checkRecognition(setID: String, year: Int, scopeID: Int, organisationKind: String? = nil) async throws {
        guard RecordYears.contains(year) else { throw YearRefused(year: year) }
        let units = try await client.query(
            """
            SELECT u.province_code, u.level, coalesce((SELECT DISTINCT ON (id) title FROM criteria_sets WHERE id = \(setID) ORDER BY id, version DESC), \(setID))
            FROM admin_units u WHERE u.id = \(scopeID)
            """,
            logger: logger
        )
        for try await (province, level, title) in units.decode((String, String, String).self) {
            try await RecognitionBodies(client: client, logger: logger).check(
                setID: setID,
                title: title,
                provinceCode: province,
                year: year,
                unitLevel: level,
                organisationKind: organisationKind
            )
        }
    }

    /// The recognition itself, on the caller's connection (inside its transaction).
    static func recognise(
        _ connection: PostgresConnection,
        logger: Logger,
        setID: String,
        year: Int,
        scopeID: Int,
        decision: String
    ) async throws -> (recognised: Int, notRecognised: Int) {
        let rows = try await connection.query(
            """
            WITH decided AS (
                UPDATE assessments a
                SET state = CASE WHEN a.meets_criteria THEN 'recognised' ELSE 'not_recognised' END,
                    recognised_by = CASE WHEN a.meets_criteria THEN \(decision) END
                FROM admin_unit_scope s
                WHERE s.scope_id = \(scopeID) AND a.unit_id = s.unit_id
                  AND a.set_id = \(setID) AND a.year = \(year)::int AND a.state = 'assessed'
                RETURNING a.meets_criteria
            )
            SELECT count(*) FILTER (WHERE meets_criteria)::int, count(*) FILTER (WHERE NOT meets_criteria)::int FROM decided
            """,
            logger: logger
        )
        for try await (yes, no) in rows.decode((Int, Int).self) { return (yes, no) }
        return (0, 0)
    }

    /// How many assessments of `setID` and `year` within `scopeID` await a recognition decision.
    public func awaitingDecision(setID: String, year: Int, scopeID: Int) async throws -> Int {
        let rows = try await client.query(
            """
            SELECT count(*)::int FROM admin_unit_scope s JOIN assessments a ON a.unit_id = s.unit_id
            WHERE s.scope_id = \(scopeID) AND a.set_id = \(setID) AND a.year = \(year)::int AND a.state = 'assessed'
            """,
            logger: logger
        )
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// Whether the subject holds the title of `setID` (any version) for `year`: what a workflow
    /// guard asks before a household is proposed for an award. A title the province recognises
    /// by stage holds from the year recognised to the end of the stage.
    public func holdsTitle(provinceCode: String, subjectKey: String, setID: String, year: Int) async throws -> Bool {
        let rows = try await client.query(
            """
            SELECT EXISTS (SELECT 1 FROM assessments WHERE province_code = \(provinceCode) AND subject_key = \(subjectKey)
                           AND set_id = \(setID) AND state = 'recognised'
                           AND year::int <@ recognition_window(\(provinceCode), \(setID), \(year)::int))
            """,
            logger: logger
        )
        for try await holds in rows.decode(Bool.self) { return holds }
        return false
    }

    /// A stored answer or fact as JSON: `true`/`false`, points, an option, or `[k, n]`.
    enum StoredValue: Decodable {
        case flag(Bool)
        case number(Int)
        case text(String)
        case pair(Int, Int)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                let pair = try container.decode([Int].self)
                guard pair.count == 2 else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "a ratio is [k, n]") }
                self = .pair(pair[0], pair[1])
            }
        }
    }

    static func answers(_ json: String) -> [String: Answer] {
        let values = (try? JSONDecoder().decode([String: StoredValue].self, from: Data(json.utf8))) ?? [:]
        return values.mapValues { value in
            switch value {
            case .flag(let flag): flag ? .yes : .no
            case .number(let points): .points(points)
            case .text(let option): .choice(option)
            case .pair(let part, let whole): .ratio(part: part, whole: whole)
            }
        }
    }

    static func facts(_ json: String) -> [String: Fact] {
        let values = (try? JSONDecoder().decode([String: StoredValue].self, from: Data(json.utf8))) ?? [:]
        return values.compactMapValues { value in
            switch value {
            case .flag(let flag): .bool(flag)
            case .pair(let part, let whole): .ratio(part: part, whole: whole)
            default: nil
            }
        }
    }
}

/// A year outside the years ThiDua records, given where a year is chosen (a form, a command).
public struct YearRefused: Error, Sendable, Equatable, CustomStringConvertible {
    public let year: Int
    public var description: String { RecordYears.refusal(year) }
}
