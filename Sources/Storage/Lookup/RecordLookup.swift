import Logging
import PostgresNIO
import Tabular

/// The record of merit (tra cứu): whom a name or an identifier finds among the assessments and
/// nominations the reader may see (merged units' history included), and one subject's whole
/// record — learning-model recognitions, awards, revocations and corrections, newest first, each
/// with its decision, and the dossiers still under review.
public struct RecordLookup: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    /// The most subjects one search lists: enough to pick from, never the whole province.
    public static let matchLimit = 50
    /// Folded characters a name search needs: fewer would read most of the province.
    public static let shortestName = 3

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    public struct Match: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let key: String
        public let name: String
        /// A nominee kind (`individual`, `household`, `clan`, `collective`, `enterprise`, `administrative_unit`).
        public let kind: String
        public let unitName: String
        public let recognitions: Int
        public let awards: Int
    }

    public struct Entry: Sendable, Equatable, Codable {
        /// `recognition`, `award`, `revocation`, `correction` or `pending` (a dossier under review).
        public let kind: String
        /// The title recognised or the form of award, its body named.
        public let title: String
        public let year: Int
        /// dd/MM/yyyy of the decision; for a recognition without a dated decision, empty.
        public let date: String
        /// "12/QĐ-UBND ngày 20/12/2025", or the recognition decision as recorded; empty while pending.
        public let decision: String
        public let issuer: String
        public let basis: String
        public let achievement: String
        public let unitName: String
        /// The page of the decision, assessment or nomination.
        public let link: String
        /// yyyy-MM-dd, for the order; not part of the answer.
        var sortDate = ""

        enum CodingKeys: String, CodingKey {
            case kind, title, year, date, decision, issuer, basis, achievement, unitName, link
        }
    }

    public struct Record: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let key: String
        public let name: String
        public let kind: String
        public let entries: [Entry]
    }

    public enum LookupError: Error, Equatable, CustomStringConvertible {
        case tooLittle
        public var description: String {
            "Nhập ít nhất \(RecordLookup.shortestName) chữ cái của họ tên (không cần dấu) hoặc đúng mã định danh (số CCCD, mã hộ) để tra cứu."
        }
    }

    /// Assessment subjects as nominee kinds: a village community counts as a collective.
    static let kindOfSubject = """
        CASE c.subject WHEN 'household' THEN 'household' WHEN 'clan' THEN 'clan' WHEN 'citizen' THEN 'individual'
             WHEN 'unit' THEN 'collective' WHEN 'community' THEN 'collective' ELSE 'administrative_unit' END
        """

    /// Who `text` finds: its folded letters within names, or exactly an identifier. `scopes` nil:
    /// everywhere (system administrators).
    public func find(_ text: String, scopes: [Int]?) async throws -> [Match] {
        let typed = String(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        let folded = typed.folded
        guard folded.count >= Self.shortestName || (!typed.isEmpty && typed.contains(where: \.isNumber)) else { throw LookupError.tooLittle }
        guard let contains = ListWindow.containsPattern(typed, folded: true), folded.count >= Self.shortestName else {
            return try await find(typed: typed, pattern: nil, scopes: scopes)
        }
        // Names as typed from their start first (answered from the b-tree indexes); a name typed
        // from its middle ("van an") falls back to the trigram search.
        let started = try await find(typed: typed, pattern: String(contains.dropFirst()), scopes: scopes)
        return started.isEmpty ? try await find(typed: typed, pattern: contains, scopes: scopes) : started
    }

    private func find(typed: String, pattern: String?, scopes: [Int]?) async throws -> [Match] {
        // Name and identifier as separate branches, each answered from its own index: the
        // identifier within the provinces the reader works in.
        let query: PostgresQuery = """
            WITH visible AS (SELECT unit_id FROM admin_unit_scope WHERE scope_id = ANY(\(scopes ?? []))),
            provinces AS (SELECT DISTINCT province_code FROM admin_units WHERE \(scopes == nil) OR id = ANY(\(scopes ?? []))),
            subjects AS (
                SELECT a.province_code, a.subject_key, a.subject_name, a.set_id, a.unit_id, a.state FROM assessments a
                WHERE a.subject_folded LIKE \(pattern)
                UNION
                SELECT a.province_code, a.subject_key, a.subject_name, a.set_id, a.unit_id, a.state FROM assessments a
                WHERE a.province_code IN (SELECT province_code FROM provinces) AND a.subject_key = \(typed)
            ),
            nominees AS (
                SELECT n.province_code, n.id, n.nominee_key, n.nominee_name, n.nominee_kind, n.unit_id
                FROM nomination_nominees x JOIN nominations n ON n.province_code = x.province_code AND n.id = x.nomination_id
                WHERE x.nominee_folded LIKE \(pattern)
                UNION
                SELECT n.province_code, n.id, n.nominee_key, n.nominee_name, n.nominee_kind, n.unit_id FROM nominations n
                WHERE n.province_code IN (SELECT province_code FROM provinces) AND n.nominee_key = \(typed)
            ),
            hits AS (
                SELECT a.province_code, a.subject_key AS key, a.subject_name AS name, \(unescaped: Self.kindOfSubject) AS kind, a.unit_id,
                       (a.state = 'recognised')::int AS recognitions, 0 AS awards
                FROM subjects a JOIN LATERAL (SELECT subject FROM criteria_sets WHERE id = a.set_id LIMIT 1) c ON true
                WHERE \(scopes == nil) OR a.unit_id IN (SELECT unit_id FROM visible)
                UNION ALL
                SELECT n.province_code, n.nominee_key, n.nominee_name, n.nominee_kind, n.unit_id, 0,
                       (SELECT count(*)::int FROM decision_awardees da JOIN decisions d ON d.province_code = da.province_code AND d.id = da.decision_id
                        WHERE da.province_code = n.province_code AND da.nomination_id = n.id AND d.status = 'issued' AND d.kind = 'award')
                FROM nominees n
                WHERE \(scopes == nil) OR n.unit_id IN (SELECT unit_id FROM visible)
                UNION ALL
                SELECT e.province_code, coalesce(e.nominee_key, \(Self.externalPrefix) || e.decision_id || '.' || e.position), e.name,
                       e.nominee_kind, e.unit_id, 0, 1
                FROM external_awardees e
                WHERE (e.name_folded LIKE \(pattern) OR e.nominee_key = \(typed))
                  AND (\(scopes == nil) OR e.unit_id IN (SELECT unit_id FROM visible))
            )
            SELECT h.province_code, h.key, min(h.name COLLATE vi_vn), min(h.kind), min(u.name COLLATE vi_vn),
                   sum(h.recognitions)::int, sum(h.awards)::int
            FROM hits h JOIN admin_units u ON u.id = h.unit_id
            GROUP BY h.province_code, h.key
            ORDER BY 3, h.key
            LIMIT \(Self.matchLimit)
            """
        var out: [Match] = []
        let rows = try await client.query(query, logger: logger)
        for try await row in rows.decode((String, String, String, String, String, Int, Int).self) {
            out.append(
                Match(provinceCode: row.0, key: row.1, name: row.2, kind: row.3, unitName: row.4, recognitions: row.5, awards: row.6)
            )
        }
        return out
    }

    /// Everything on record for `key` in the province that the reader may see; nil when nothing is.
    public func record(provinceCode: String, key: String, scopes: [Int]?) async throws -> Record? {
        var entries: [Entry] = []
        var name: String?
        var kind: String?
        let recognitions = try await client.query(
            """
            SELECT a.id, a.year::int, coalesce(c.title, a.set_id), coalesce(p.name, u.name), coalesce(a.recognised_by, ''), a.subject_name,
                   \(unescaped: Self.kindOfSubject), a.total
            FROM assessments a JOIN admin_units u ON u.id = a.unit_id
                 -- A village's titles are recognised by its commune's People's Committee.
                 LEFT JOIN admin_units p ON p.id = u.parent_id AND u.level = 'village'
                 LEFT JOIN criteria_sets c ON c.id = a.set_id AND c.version = a.set_version
            WHERE a.province_code = \(provinceCode) AND a.subject_key = \(key) AND a.state = 'recognised'
              AND (\(scopes == nil) OR a.unit_id IN (SELECT unit_id FROM admin_unit_scope WHERE scope_id = ANY(\(scopes ?? []))))
            """,
            logger: logger
        )
        for try await row in recognitions.decode((Int, Int, String, String, String, String, String, Int).self) {
            name = name ?? row.5
            kind = kind ?? row.6
            entries.append(
                Entry(
                    kind: "recognition",
                    title: row.2,
                    year: row.1,
                    date: Self.date(in: row.4) ?? "",
                    decision: row.4,
                    issuer: "Ủy ban nhân dân \(row.3.inSentence)",
                    basis: "Đạt tiêu chí, \(row.7) điểm",
                    achievement: "",
                    unitName: row.3,
                    link: "/assessments/\(provinceCode)/\(row.0)",
                    sortDate: Self.sortable(Self.date(in: row.4)) ?? "\(row.1)-12-31"
                )
            )
        }
        let awards = try await client.query(
            """
            SELECT d.id, d.kind, d.number || '/' || d.symbol || ' ngày ' || to_char(d.issued_on, 'DD/MM/YYYY'), to_char(d.issued_on, 'DD/MM/YYYY'),
                   to_char(d.issued_on, 'YYYY-MM-DD'), replace(d.authority_name, E'\\n', ' '), d.award_title, u.name, r.basis, r.year::int,
                   da.achievement, da.unit_name, n.nominee_name, n.nominee_kind
            FROM nominations n
            JOIN decision_awardees da ON da.province_code = n.province_code AND da.nomination_id = n.id
            JOIN decisions d ON d.province_code = da.province_code AND d.id = da.decision_id AND d.status = 'issued'
            JOIN rounds r ON r.province_code = d.province_code AND r.id = d.round_id
            JOIN admin_units u ON u.id = d.unit_id
            WHERE n.province_code = \(provinceCode) AND n.nominee_key = \(key)
              AND (\(scopes == nil) OR n.unit_id IN (SELECT unit_id FROM admin_unit_scope WHERE scope_id = ANY(\(scopes ?? []))))
            """,
            logger: logger
        )
        for try await row in awards.decode(
            (Int, String, String, String, String, String, String, String, String, Int, String, String, String, String).self
        ) {
            name = name ?? row.12
            kind = kind ?? row.13
            entries.append(
                Entry(
                    kind: row.1,
                    title: Decision.namedTitle(row.6, body: row.7.inSentence),
                    year: row.9,
                    date: row.3,
                    decision: row.2,
                    issuer: Self.inWords(authority: row.5),
                    basis: AwardBasis(rawValue: row.8)?.vietnamese ?? row.8,
                    achievement: row.10,
                    unitName: row.11,
                    link: "/decisions/\(provinceCode)/\(row.0)",
                    sortDate: row.4
                )
            )
        }
        // Decisions issued elsewhere (the Prime Minister's, a ministry's, a central organisation's).
        let external = try await client.query(
            """
            SELECT d.id, d.number || ' ngày ' || to_char(d.issued_on, 'DD/MM/YYYY'), to_char(d.issued_on, 'DD/MM/YYYY'),
                   to_char(d.issued_on, 'YYYY-MM-DD'), d.issuer, d.award_title, extract(year FROM d.issued_on)::int, d.issuer_kind,
                   e.achievement, u.name, e.name, e.nominee_kind
            FROM external_awardees e
            JOIN external_decisions d ON d.province_code = e.province_code AND d.id = e.decision_id
            JOIN admin_units u ON u.id = e.unit_id
            WHERE e.province_code = \(provinceCode)
              AND (e.nominee_key = \(key) OR \(Self.externalPrefix) || e.decision_id || '.' || e.position = \(key))
              AND (\(scopes == nil) OR e.unit_id IN (SELECT unit_id FROM admin_unit_scope WHERE scope_id = ANY(\(scopes ?? []))))
            """,
            logger: logger
        )
        for try await row in external.decode((Int, String, String, String, String, String, Int, String, String, String, String, String).self) {
            name = name ?? row.10
            kind = kind ?? row.11
            entries.append(
                Entry(
                    kind: "award",
                    title: row.5,
                    year: row.6,
                    date: row.2,
                    decision: row.1,
                    issuer: row.4,
                    basis: "Quyết định ghi nhận từ \(ExternalDecisionStore.IssuerKind(rawValue: row.7)?.vietnamese ?? row.4)",
                    achievement: row.8,
                    unitName: row.9,
                    link: "/decisions/external/\(provinceCode)/\(row.0)",
                    sortDate: row.3
                )
            )
        }
        let pending = try await client.query(
            """
            SELECT n.id, n.award, n.workflow_id || '@' || n.workflow_version, n.state, r.name, r.year::int, u.name, n.achievement,
                   to_char(n.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD'), n.nominee_name, n.nominee_kind
            FROM nominations n JOIN rounds r ON r.province_code = n.province_code AND r.id = n.round_id JOIN admin_units u ON u.id = n.unit_id
            WHERE n.province_code = \(provinceCode) AND n.nominee_key = \(key) AND n.is_open
              AND (\(scopes == nil) OR n.unit_id IN (SELECT unit_id FROM admin_unit_scope WHERE scope_id = ANY(\(scopes ?? []))))
            """,
            logger: logger
        )
        for try await row in pending.decode((Int, String, String, String, String, Int, String, String, String, String, String).self) {
            name = name ?? row.9
            kind = kind ?? row.10
            let definition = try? await workflows.definition(row.2)
            entries.append(
                Entry(
                    kind: "pending",
                    title: definition?.award(row.1)?.title ?? row.1,
                    year: row.5,
                    date: "",
                    decision: "",
                    issuer: row.4,
                    basis: definition?.state(row.3)?.title ?? row.3,
                    achievement: row.7,
                    unitName: row.6,
                    link: "/nominations/\(provinceCode)/\(row.0)",
                    sortDate: "9999-" + row.8
                )
            )
        }
        guard let name, let kind else { return nil }
        return Record(
            provinceCode: provinceCode,
            key: key,
            name: name,
            kind: kind,
            entries: entries.sorted { ($0.sortDate, $0.kind) > ($1.sortDate, $1.kind) }
        )
    }

    /// The key of an awardee of a decision issued elsewhere recorded without an identifier:
    /// "#<decision>.<position>".
    static let externalPrefix = "#"

    /// "ỦY BAN NHÂN DÂN TỈNH THUẬN AN" (the decision's heading) as a list reads it: "Ủy ban nhân dân tỉnh Thuận An".
    static func inWords(authority: String) -> String {
        let heading = "ỦY BAN NHÂN DÂN "
        guard authority.hasPrefix(heading) else { return authority }
        return "Ủy ban nhân dân " + String(authority.dropFirst(heading.count)).capitalizedFirstWordOnly
    }

    /// The dd/MM/yyyy a decision reference carries ("12/QĐ-UBND ngày 20/12/2025").
    static func date(in reference: String) -> String? {
        guard let range = reference.range(of: #"\d{2}/\d{2}/\d{4}"#, options: .regularExpression) else { return nil }
        return String(reference[range])
    }

    static func sortable(_ date: String?) -> String? {
        guard let parts = date?.split(separator: "/"), parts.count == 3 else { return nil }
        return "\(parts[2])-\(parts[1])-\(parts[0])"
    }
}
