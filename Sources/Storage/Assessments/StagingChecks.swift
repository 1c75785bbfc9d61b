import Logging
import PostgresNIO
import Scoring

/// The set-based half of an assessment import: checks that need the database (units, duplicates,
/// stored assessments), then the one insert.
struct StagingChecks {
    let connection: PostgresConnection
    let logger: Logger
    let set: CriteriaSet
    let options: AssessmentImporter.Options

    /// Unit levels a subject of each kind is assessed at.
    static func levels(for subject: SubjectKind) -> [String] {
        switch subject {
        case .household, .clan, .citizen: ["village", "commune"]
        case .community: ["village"]
        case .unit: ["commune", "village", "district", "province"]
        case .commune: ["commune"]
        case .district: ["district"]
        case .province: ["province"]
        }
    }

    /// The problems found; empty when the staged rows may be inserted.
    func problems() async throws -> [AssessmentImportRefused.Problem] {
        // Each distinct code and year resolves once to the unit version in force during that year
        // (the latest one if the code was reused within the year).
        try await connection.query(
            """
            CREATE TEMP TABLE assessment_units ON COMMIT DROP AS
            SELECT DISTINCT ON (c.unit_code, c.year) c.unit_code, c.year, u.id AS unit_id, u.province_code, u.level
            FROM (SELECT DISTINCT unit_code, year FROM assessment_staging) c
            JOIN admin_units u ON u.code = c.unit_code
             AND daterange(u.valid_from, u.valid_to, '[]') && daterange(make_date(c.year, 1, 1), make_date(c.year, 12, 31), '[]')
            ORDER BY c.unit_code, c.year, u.valid_from DESC
            """,
            logger: logger
        )
        try await connection.query("ANALYZE assessment_units", logger: logger)
        // Imports of the same set into the same province take turns from here to the commit, so
        // the rows found stored below are all there will be when inserting: the insert skips
        // them instead of the per-row ON CONFLICT check (which cost it 40% of its time).
        try await connection.query(
            """
            SELECT pg_advisory_xact_lock(hashtext('assessments|' || province_code || '|' || \(set.id)))
            FROM (SELECT DISTINCT province_code FROM assessment_units ORDER BY province_code) provinces
            """,
            logger: logger
        )
        var problems: [AssessmentImportRefused.Problem] = []
        let limit = AssessmentImporter.problemLimit

        let unknown = try await connection.query(
            """
            SELECT s.line, s.unit_code, s.year::int FROM assessment_staging s
            WHERE NOT EXISTS (SELECT 1 FROM assessment_units u WHERE u.unit_code = s.unit_code AND u.year = s.year)
            ORDER BY s.line LIMIT \(limit)
            """,
            logger: logger
        )
        for try await (line, code, year) in unknown.decode((Int, String, Int).self) {
            problems.append(.init(line: line, column: "mã đơn vị", message: "không có đơn vị mã \(code) có hiệu lực trong năm \(year)"))
        }

        let levels = Self.levels(for: set.subject)
        let wrongLevel = try await connection.query(
            """
            SELECT s.line, s.unit_code, u.level FROM assessment_staging s
            JOIN assessment_units u ON u.unit_code = s.unit_code AND u.year = s.year
            WHERE u.level <> ALL(\(levels)) ORDER BY s.line LIMIT \(limit)
            """,
            logger: logger
        )
        for try await (line, code, level) in wrongLevel.decode((Int, String, String).self) {
            problems.append(
                .init(
                    line: line,
                    column: "mã đơn vị",
                    message:
                        "đơn vị \(code) là \(Self.levelName(level)); bộ tiêu chí \(set.reference) đánh giá ở \(levels.map(Self.levelName).joined(separator: " hoặc "))"
                )
            )
        }

        if let scopes = options.scopeUnitIDs {
            let outside = try await connection.query(
                """
                SELECT s.line, s.unit_code FROM assessment_staging s
                JOIN assessment_units u ON u.unit_code = s.unit_code AND u.year = s.year
                WHERE NOT EXISTS (SELECT 1 FROM admin_unit_scope sc WHERE sc.unit_id = u.unit_id AND sc.scope_id = ANY(\(scopes)))
                ORDER BY s.line LIMIT \(limit)
                """,
                logger: logger
            )
            for try await (line, code) in outside.decode((Int, String).self) {
                problems.append(.init(line: line, column: "mã đơn vị", message: "đơn vị \(code) nằm ngoài phạm vi của bạn"))
            }
        }

        let duplicates = try await connection.query(
            """
            WITH keys AS (
                SELECT subject_key, year, min(line) AS first FROM assessment_staging GROUP BY subject_key, year HAVING count(*) > 1
            )
            SELECT s.line, s.subject_key, k.first FROM assessment_staging s
            JOIN keys k ON k.subject_key = s.subject_key AND k.year = s.year AND s.line <> k.first
            ORDER BY s.line LIMIT \(limit)
            """,
            logger: logger
        )
        for try await (line, key, first) in duplicates.decode((Int, String, Int).self) {
            problems.append(.init(line: line, column: "mã đối tượng", message: "\(key) trùng với dòng \(first) trong cùng năm"))
        }

        if options.recognisedBy != nil {
            problems += try await recognitionProblems(scopes: options.deciderUnitIDs ?? options.scopeUnitIDs)
        }

        // The staged rows already stored, found once: those that differ are refused here, the
        // identical ones are skipped by the insert (which must not look them up itself: an
        // anti-join against the table it is inserting into can be planned as a scan per row).
        try await connection.query(
            """
            CREATE TEMP TABLE assessment_stored ON COMMIT DROP AS
            SELECT s.line, s.subject_key, a.set_version,
                   (a.set_version <> \(set.version) OR a.unit_id <> u.unit_id OR a.subject_name <> s.subject_name
                    OR a.answers <> s.answers OR a.facts <> s.facts
                    OR a.adults IS DISTINCT FROM s.adults OR a.adults_holding IS DISTINCT FROM s.adults_holding) AS differs
            FROM assessment_staging s
            JOIN assessment_units u ON u.unit_code = s.unit_code AND u.year = s.year
            JOIN assessments a ON a.province_code = u.province_code AND a.subject_key = s.subject_key
                              AND a.set_id = \(set.id) AND a.year = s.year
            """,
            logger: logger
        )
        try await connection.query("ANALYZE assessment_stored", logger: logger)
        let clashes = try await connection.query(
            "SELECT line, subject_key, set_version FROM assessment_stored WHERE differs ORDER BY line LIMIT \(limit)",
            logger: logger
        )
        for try await (line, key, version) in clashes.decode((Int, String, String).self) {
            problems.append(
                .init(
                    line: line,
                    column: "mã đối tượng",
                    message: "\(key) đã có đánh giá khác trong năm này (bộ tiêu chí \(set.id)@\(version)); không ghi đè"
                )
            )
        }
        return problems
    }

    /// A recognition decision imported with the file is recorded only by a unit of the level the
    /// province's rule names for the title and year (the commune for families by default): rows
    /// outside every scope of that level are refused.
    /// A decision entered with an import on the web is the People's Committee's: refused for a
    /// title an organisation recognises, and outside the units at the rule's level the importer
    /// decides for. Administrators and the command line (`scopes` nil) record what they are given.
    private func recognitionProblems(scopes: [Int]?) async throws -> [AssessmentImportRefused.Problem] {
        let pairs = try await connection.query(
            "SELECT DISTINCT province_code, year::int FROM assessment_units ORDER BY 1, 2",
            logger: logger
        )
        var periods: [(String, Int)] = []
        for try await pair in pairs.decode((String, Int).self) { periods.append(pair) }
        var problems: [AssessmentImportRefused.Problem] = []
        for (province, year) in periods {
            guard let rule = try await RecognitionBodies.rule(setID: set.id, provinceCode: province, year: year, on: connection, logger: logger)
            else { continue }
            let refused = RecognitionBodies.Refused(rule: rule, title: set.title, year: year)
            guard scopes != nil else { continue }
            let everyRow = rule.organisationKind != nil
            let rows = try await connection.query(
                """
                SELECT s.line FROM assessment_staging s
                JOIN assessment_units u ON u.unit_code = s.unit_code AND u.year = s.year
                WHERE u.province_code = \(province) AND s.year = \(year)
                  AND (\(everyRow) OR NOT EXISTS (
                      SELECT 1 FROM admin_unit_scope sc JOIN admin_units su ON su.id = sc.scope_id
                      WHERE sc.unit_id = u.unit_id AND sc.scope_id = ANY(\(scopes ?? [])) AND su.level = \(rule.recordingLevel)
                  ))
                ORDER BY s.line LIMIT \(AssessmentImporter.problemLimit)
                """,
                logger: logger
            )
            for try await line in rows.decode(Int.self) {
                problems.append(.init(line: line, column: "quyết định công nhận", message: refused.description))
            }
        }
        return problems
    }

    /// Inserts the new rows; rows identical to stored ones (found by the checks, which refused
    /// any that differ, under the lock taken there) are left as they are.
    func insert(rows: Int, fileSHA256: String) async throws -> AssessmentImporter.Summary {
        let recognisedBy = options.recognisedBy
        let inserted = try await connection.query(
            """
            WITH added AS (
                INSERT INTO assessments (province_code, set_id, set_version, subject_key, subject_name, unit_id, year, answers, facts,
                                         total, level, meets_criteria, criteria_points, adults, adults_holding, state, recognised_by, source_line)
                SELECT u.province_code, \(set.id), \(set.version), s.subject_key, s.subject_name, u.unit_id, s.year, s.answers, s.facts,
                       s.total, s.level, s.meets, s.criteria_points, s.adults, s.adults_holding,
                       CASE WHEN \(recognisedBy)::text IS NULL THEN 'assessed' WHEN s.meets THEN 'recognised' ELSE 'not_recognised' END,
                       CASE WHEN s.meets THEN \(recognisedBy)::text END, s.line
                FROM assessment_staging s JOIN assessment_units u ON u.unit_code = s.unit_code AND u.year = s.year
                WHERE NOT EXISTS (SELECT 1 FROM assessment_stored e WHERE e.line = s.line)
                RETURNING province_code, meets_criteria
            )
            SELECT count(*)::int, count(*) FILTER (WHERE meets_criteria)::int, min(province_code) FROM added
            """,
            logger: logger
        )
        var count = 0
        var meeting = 0
        var province: String?
        for try await (n, m, p) in inserted.decode((Int, Int, String?).self) { (count, meeting, province) = (n, m, p) }
        if count >= 50_000 {
            // Fresh statistics for the reports that follow a large import.
            try await connection.query("ANALYZE assessments", logger: logger)
        }
        if count > 0, let province {
            try await connection.query(
                """
                INSERT INTO assessment_imports (province_code, file_name, file_sha256, set_id, set_version, rows, inserted, unchanged, imported_by)
                VALUES (\(province), \(options.fileName), \(fileSHA256), \(set.id), \(set.version), \(rows), \(count), \(rows - count), \(options.importedBy))
                """,
                logger: logger
            )
        }
        return .init(rows: rows, inserted: count, unchanged: rows - count, meetingCriteria: meeting)
    }

    static func levelName(_ level: String) -> String {
        switch level {
        case "province": "cấp tỉnh"
        case "district": "cấp huyện"
        case "commune": "cấp xã"
        default: "thôn, tổ dân phố"
        }
    }
}
