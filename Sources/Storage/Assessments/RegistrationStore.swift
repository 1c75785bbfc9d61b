import Foundation
import Geography
import Logging
import PostgresNIO
import Scoring

/// The first two steps of a learning model's year: registration (a household, clan, unit or
/// citizen undertakes to strive for a title) and self-assessment against the criteria set. The
/// review that follows is an assessment (imported or entered) of the same set, subject and year,
/// and recognition is that assessment's decision, so each registration's stage is read, not kept.
public struct RegistrationStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Where a registration stands in the year's cycle.
    public enum Stage: String, Sendable, Codable, CaseIterable {
        case registered
        case selfAssessed = "self_assessed"
        case reviewed
        case recognised
        case notRecognised = "not_recognised"

        public var vietnamese: String {
            switch self {
            case .registered: "Đã đăng ký"
            case .selfAssessed: "Đã tự đánh giá"
            case .reviewed: "Đã được thẩm định, chờ công nhận"
            case .recognised: "Đã được công nhận"
            case .notRecognised: "Không được công nhận"
            }
        }
    }

    public struct Registration: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let id: Int
        public let setID: String
        public let subjectKey: String
        public let subjectName: String
        public let unitID: Int
        public let unitName: String
        public let year: Int
        public let registeredOn: String
        public let stage: Stage
        public let selfSet: String?
        public let selfTotal: Int?
        public let selfMeetsCriteria: Bool?
        /// The review's assessment, once there is one.
        public let assessmentID: Int?
        /// The self-assessment was entered by the citizen from their own account (not by staff
        /// on their behalf).
        public var selfAssessedByCitizen = false
    }

    public enum RegistrationError: Error, Equatable, CustomStringConvertible {
        case unknownUnit(String)
        case unitNotInForce(code: String, year: Int)
        case unitLevel(code: String)
        case setNotLoaded(String)
        case notRegistrable(set: String)
        case blank(field: String)
        case notFound
        case wrongSet(registered: String, given: String)
        case alreadyReviewed
        /// Every bad answer at once, by indicator ("" for the form as a whole).
        case answers([String: String])
        case yearOutOfRange(Int)
        case tooLong(field: String, most: Int)

        public var description: String {
            switch self {
            case .unknownUnit(let code): "Không có đơn vị mã \(code)."
            case .unitNotInForce(let code, let year): "Đơn vị \(code) không còn hiệu lực trong năm \(year)."
            case .unitLevel(let code): "Đơn vị \(code) không phải thôn, tổ dân phố hay xã, phường: đăng ký được ghi tại thôn hoặc xã."
            case .setNotLoaded(let id): "Chưa nạp bộ tiêu chí \(id)."
            case .notRegistrable(let set): "Bộ tiêu chí \(set) dùng để đánh giá đơn vị hành chính, không nhận đăng ký của hộ, dòng họ hay đơn vị."
            case .blank(let field): "Thiếu \(field)."
            case .notFound: "Không tìm thấy đăng ký."
            case .wrongSet(let registered, let given): "Đăng ký theo bộ tiêu chí \(registered), không phải \(given)."
            case .alreadyReviewed: "Đăng ký đã được thẩm định: kết quả tự đánh giá không sửa được nữa."
            case .answers(let problems):
                "Phiếu tự đánh giá chưa hợp lệ: "
                    + problems.sorted { $0.key < $1.key }.map { $0.key.isEmpty ? $0.value : "\($0.key): \($0.value)" }.joined(separator: "; ")
            case .yearOutOfRange(let year): RecordYears.refusal(year)
            case .tooLong(let field, let most): "\(field.prefix(1).uppercased() + field.dropFirst()) " + TextBounds.tooLong(most) + "."
            }
        }
    }

    private static let columns = """
        r.province_code, r.id, r.set_id, r.subject_key, r.subject_name, r.unit_id, u.name, r.year::int,
        to_char(r.registered_on, 'DD/MM/YYYY'),
        CASE WHEN a.state = 'recognised' THEN 'recognised' WHEN a.state = 'not_recognised' THEN 'not_recognised'
             WHEN a.id IS NOT NULL THEN 'reviewed' WHEN r.self_answers IS NOT NULL THEN 'self_assessed' ELSE 'registered' END,
        r.set_id || '@' || r.self_set_version, r.self_total, r.self_meets, a.id,
        EXISTS (SELECT 1 FROM users cu WHERE cu.id = r.self_assessed_by AND cu.citizen_key IS NOT NULL)
        """
    private static let joins = """
        JOIN admin_units u ON u.id = r.unit_id
        LEFT JOIN assessments a ON a.province_code = r.province_code AND a.set_id = r.set_id AND a.subject_key = r.subject_key AND a.year = r.year
        """

    /// Registers a subject at a village or commune in force that year (a reused code means the
    /// version in force then, the newest if both were). Registering the same
    /// subject for the same title and year again returns the registration already made.
    public func register(
        setID: String,
        subjectKey: String,
        subjectName: String,
        unitCode: String,
        year: Int,
        registeredBy: Int?
    ) async throws -> Registration {
        let key = subjectKey.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        let name = subjectName.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !key.isEmpty else { throw RegistrationError.blank(field: "mã đối tượng") }
        guard !name.isEmpty else { throw RegistrationError.blank(field: "tên đối tượng") }
        guard !TextBounds.exceeds(key, TextBounds.key) else { throw RegistrationError.tooLong(field: "mã đối tượng", most: TextBounds.key) }
        guard !TextBounds.exceeds(name, TextBounds.name) else { throw RegistrationError.tooLong(field: "tên đối tượng", most: TextBounds.name) }
        guard RecordYears.contains(year) else { throw RegistrationError.yearOutOfRange(year) }
        try await requireRegistrable(setID: setID)

        let units = try await client.query(
            """
            SELECT id, province_code, level,
                   valid_from <= make_date(\(year)::int, 12, 31) AND (valid_to IS NULL OR valid_to >= make_date(\(year)::int, 1, 1))
            FROM admin_units WHERE code = \(unitCode)
            ORDER BY 4 DESC, valid_from DESC LIMIT 1
            """,
            logger: logger
        )
        var found: (Int, String, String, Bool)?
        for try await row in units.decode((Int, String, String, Bool).self) { found = row }
        guard let (unitID, province, level, inForce) = found else { throw RegistrationError.unknownUnit(unitCode) }
        guard ["village", "commune"].contains(level) else { throw RegistrationError.unitLevel(code: unitCode) }
        guard inForce else { throw RegistrationError.unitNotInForce(code: unitCode, year: year) }

        // One statement: the new row's id, or the id of the registration already made.
        let rows = try await client.query(
            """
            WITH inserted AS (
                INSERT INTO registrations (province_code, set_id, subject_key, subject_name, unit_id, year, registered_by)
                VALUES (\(province), \(setID), \(key), \(name), \(unitID), \(year), \(registeredBy))
                ON CONFLICT (province_code, set_id, subject_key, year) DO NOTHING
                RETURNING id
            )
            SELECT id FROM inserted
            UNION ALL
            SELECT id FROM registrations WHERE province_code = \(province) AND set_id = \(setID) AND subject_key = \(key) AND year = \(year)
            LIMIT 1
            """,
            logger: logger
        )
        var id: Int?
        for try await value in rows.decode(Int.self) { id = value }
        guard let id, let registration = try await registration(RegistrationKey(provinceCode: province, id: id)) else {
            throw RegistrationError.notFound
        }
        return registration
    }

    /// Titles of administrative units (communes, districts, provinces) are assessed, never
    /// registered for.
    public static func takesRegistrations(subject: String) -> Bool {
        !["commune", "district", "province"].contains(subject)
    }

    /// Refuses a set that is not loaded (`setNotLoaded`) or takes no registrations
    /// (`notRegistrable`), judged by its latest version.
    public func requireRegistrable(setID: String) async throws {
        let subjects = try await client.query(
            "SELECT DISTINCT ON (id) subject FROM criteria_sets WHERE id = \(setID) ORDER BY id, version DESC",
            logger: logger
        )
        var subject: String?
        for try await value in subjects.decode(String.self) { subject = value }
        guard let subject else { throw RegistrationError.setNotLoaded(setID) }
        guard Self.takesRegistrations(subject: subject) else { throw RegistrationError.notRegistrable(set: setID) }
    }

    public func registration(_ key: RegistrationKey) async throws -> Registration? {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let rows = try await client.query(
            "SELECT \(unescaped: Self.columns) FROM registrations r \(unescaped: Self.joins) WHERE r.province_code = \(provinceCode) AND r.id = \(id)",
            logger: logger
        )
        return try await Self.decode(rows).first
    }

    /// The subject's own answers, scored with `set` (a version of the registered title). Each answer
    /// is read as a spreadsheet cell would be; a bad one is refused naming its indicator, and
    /// nothing is stored. Allowed until the review: then the self-assessment is history.
    public func selfAssess(
        _ key: RegistrationKey,
        set: CriteriaSet,
        answers cells: [String: String],
        by userID: Int?
    ) async throws -> (Registration, Evaluation) {
        let (provinceCode, id) = (key.provinceCode, key.id)
        guard let registration = try await registration(key) else { throw RegistrationError.notFound }
        guard registration.setID == set.id else { throw RegistrationError.wrongSet(registered: registration.setID, given: set.reference) }
        guard [.registered, .selfAssessed].contains(registration.stage) else { throw RegistrationError.alreadyReviewed }
        let (answers, evaluation): ([String: Answer], Evaluation)
        switch Self.read(cells, set: set) {
        case .success(let read): (answers, evaluation) = read
        case .failure(let refused): throw RegistrationError.answers(refused.problems)
        }
        let json =
            "{" + answers.sorted { $0.key < $1.key }.map { "\"\(RowReader.json($0.key))\":\(RowReader.json($0.value))" }.joined(separator: ",") + "}"
        try await client.query(
            """
            UPDATE registrations SET self_set_version = \(set.version), self_answers = \(json)::jsonb, self_total = \(evaluation.total),
                   self_meets = \(evaluation.recognised), self_assessed_at = now(), self_assessed_by = \(userID)
            WHERE province_code = \(provinceCode) AND id = \(id)
            """,
            logger: logger
        )
        guard let updated = try await self.registration(key) else { throw RegistrationError.notFound }
        return (updated, evaluation)
    }

    /// The self-assessment's answers as the form shows them ("có", "8", "2/3"), by indicator; nil
    /// before the subject has assessed itself.
    public func selfAnswers(of key: RegistrationKey) async throws -> [String: String]? {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let rows = try await client.query(
            """
            SELECT e.key, CASE jsonb_typeof(e.value)
                              WHEN 'boolean' THEN CASE WHEN e.value = 'true' THEN 'có' ELSE 'không' END
                              WHEN 'array' THEN (e.value ->> 0) || '/' || (e.value ->> 1)
                              ELSE e.value #>> '{}' END
            FROM registrations r, jsonb_each(r.self_answers) e
            WHERE r.province_code = \(provinceCode) AND r.id = \(id)
            """,
            logger: logger
        )
        var out: [String: String] = [:]
        for try await (key, cell) in rows.decode((String, String).self) { out[key] = cell }
        return out.isEmpty ? nil : out
    }

    /// A citizen's registrations for the titles citizens hold, newest year first: what their own
    /// pages show.
    public func registrations(of citizen: CitizenLink) async throws -> [Registration] {
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.columns) FROM registrations r \(unescaped: Self.joins)
            WHERE r.province_code = \(citizen.provinceCode) AND r.subject_key = \(citizen.subjectKey)
              AND r.set_id IN (SELECT id FROM criteria_sets WHERE subject = 'citizen')
            ORDER BY r.year DESC, r.set_id
            """,
            logger: logger
        )
        return try await Self.decode(rows)
    }

    /// The registrations of `year` within the unit `scopeID` (and the units it replaced), for one
    /// title or all, by title, unit, then name in Vietnamese order.
    public func registrations(setID: String? = nil, year: Int, scopeID: Int) async throws -> [Registration] {
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.columns)
            FROM admin_unit_scope s JOIN registrations r ON r.unit_id = s.unit_id \(unescaped: Self.joins)
            WHERE s.scope_id = \(scopeID) AND r.year = \(year) AND (\(setID)::text IS NULL OR r.set_id = \(setID))
            ORDER BY r.set_id, u.name, r.subject_name, r.id
            """,
            logger: logger
        )
        return try await Self.decode(rows)
    }

    /// How far the year's cycle has come for one title within a unit: how many registered, and
    /// how many of them reached each later stage.
    public struct CycleCounts: Sendable, Equatable, Codable {
        public let set: String
        public let registered: Int
        public let selfAssessed: Int
        public let selfMeetingCriteria: Int
        public let reviewed: Int
        public let recognised: Int
        public let notRecognised: Int

        public init(set: String, registered: Int, selfAssessed: Int, selfMeetingCriteria: Int, reviewed: Int, recognised: Int, notRecognised: Int) {
            self.set = set
            self.registered = registered
            self.selfAssessed = selfAssessed
            self.selfMeetingCriteria = selfMeetingCriteria
            self.reviewed = reviewed
            self.recognised = recognised
            self.notRecognised = notRecognised
        }
    }

    /// The cycle of every title registered for in `year` within the unit `scopeID`, by title.
    /// Registrations of the year in the given scopes that hold a self-assessment no appraisal has
    /// reviewed yet: the commune's work waiting.
    public func awaitingAppraisal(year: Int, scopeIDs: [Int]) async throws -> Int {
        let rows = try await client.query(
            """
            SELECT count(*)::int
            FROM registrations r
            LEFT JOIN assessments a ON a.province_code = r.province_code AND a.set_id = r.set_id AND a.subject_key = r.subject_key AND a.year = r.year
            WHERE r.unit_id = ANY(ARRAY(SELECT s.unit_id FROM admin_unit_scope s WHERE s.scope_id = ANY(\(scopeIDs))))
              AND r.year = \(year) AND r.self_answers IS NOT NULL AND a.id IS NULL
            """,
            logger: logger
        )
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    public func cycles(year: Int, scopeID: Int) async throws -> [CycleCounts] {
        let rows = try await client.query(
            """
            SELECT r.set_id, count(*)::int,
                   count(*) FILTER (WHERE r.self_answers IS NOT NULL)::int,
                   count(*) FILTER (WHERE r.self_meets)::int,
                   count(a.id)::int,
                   count(*) FILTER (WHERE a.state = 'recognised')::int,
                   count(*) FILTER (WHERE a.state = 'not_recognised')::int
            FROM admin_unit_scope s JOIN registrations r ON r.unit_id = s.unit_id
            LEFT JOIN assessments a ON a.province_code = r.province_code AND a.set_id = r.set_id AND a.subject_key = r.subject_key AND a.year = r.year
            WHERE s.scope_id = \(scopeID) AND r.year = \(year)
            GROUP BY r.set_id ORDER BY r.set_id
            """,
            logger: logger
        )
        var result: [CycleCounts] = []
        for try await (set, registered, selfAssessed, selfMeeting, reviewed, recognised, notRecognised) in rows.decode(
            (String, Int, Int, Int, Int, Int, Int).self
        ) {
            result.append(
                CycleCounts(
                    set: set,
                    registered: registered,
                    selfAssessed: selfAssessed,
                    selfMeetingCriteria: selfMeeting,
                    reviewed: reviewed,
                    recognised: recognised,
                    notRecognised: notRecognised
                )
            )
        }
        return result
    }

    private static func decode(_ rows: PostgresRowSequence) async throws -> [Registration] {
        var result: [Registration] = []
        for try await row in rows {
            let (
                province, id, setID, key, name, unitID, unitName, year, registeredOn, stage, selfSet, selfTotal, selfMeets, assessmentID, byCitizen
            ) =
                try row.decode((String, Int, String, String, String, Int, String, Int, String, String, String?, Int?, Bool?, Int?, Bool).self)
            result.append(
                Registration(
                    provinceCode: province,
                    id: id,
                    setID: setID,
                    subjectKey: key,
                    subjectName: name,
                    unitID: unitID,
                    unitName: unitName,
                    year: year,
                    registeredOn: registeredOn,
                    stage: Stage(rawValue: stage) ?? .registered,
                    selfSet: selfSet,
                    selfTotal: selfTotal,
                    selfMeetsCriteria: selfMeets,
                    assessmentID: assessmentID,
                    selfAssessedByCitizen: byCitizen
                )
            )
        }
        return result
    }
}
