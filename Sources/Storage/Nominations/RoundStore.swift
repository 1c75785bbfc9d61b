import Foundation
import Geography
import Logging
import PostgresNIO
import Workflow

/// Rounds of commendation (đợt thi đua, khen thưởng): yearly merit, a thematic or campaign round,
/// … Each runs on the workflow version in force on the day it opens — the 3-tier process before
/// 01/07/2025, the 2-tier one after (its latest version) — unless the province names another that
/// is also in force.
public struct RoundStore: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    public struct Round: Sendable, Equatable, Codable {
        public let provinceCode: String
        public let id: Int
        public let name: String
        public let year: Int
        public let basis: AwardBasis
        /// dd/MM/yyyy.
        public let opensOn: String
        public let closesOn: String?
        public let workflow: String
        public let workflowTitle: String
    }

    public enum RoundError: Error, Equatable, CustomStringConvertible {
        case invalidBasis(String)
        case noWorkflowInForce(Day)
        case severalInForce(Day, [String])
        case notInForce(String, Day, from: String, to: String?)
        case closesBeforeOpening
        case emptyName
        case yearOutOfRange(Int)

        public var description: String {
            switch self {
            case .invalidBasis(let basis):
                "Căn cứ khen thưởng không hợp lệ: \(basis) (chọn: công trạng merit, chuyên đề thematic, đột xuất sudden, thủ tục đơn giản simplified, khác other)."
            case .noWorkflowInForce(let day): "Không có quy trình nào áp dụng vào ngày \(day) (nạp quy trình: thidua workflows import)."
            case .severalInForce(let day, let references):
                "Có nhiều quy trình áp dụng vào ngày \(day) (\(references.joined(separator: ", "))): hãy chọn một."
            case .notInForce(let reference, let day, let from, let to):
                "Quy trình \(reference) không áp dụng vào ngày \(day) (áp dụng từ \(from)\(to.map { " đến \($0)" } ?? ""))."
            case .closesBeforeOpening: "Ngày hết hạn nhận hồ sơ phải sau ngày mở đợt."
            case .emptyName: "Cần tên đợt thi đua, khen thưởng."
            case .yearOutOfRange(let year): RecordYears.refusal(year)
            }
        }
    }

    /// Opens a round; `workflow` nil chooses the version in force on `opensOn`.
    public func open(
        provinceCode: String,
        name: String,
        year: Int,
        basis: String,
        opensOn: Day,
        closesOn: Day?,
        workflow: String?
    ) async throws -> Round {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !name.isEmpty else { throw RoundError.emptyName }
        guard RecordYears.contains(year) else { throw RoundError.yearOutOfRange(year) }
        guard AwardBasis(rawValue: basis) != nil else { throw RoundError.invalidBasis(basis) }
        if let closesOn, closesOn < opensOn { throw RoundError.closesBeforeOpening }
        let definition: WorkflowDefinition
        if let workflow {
            definition = try await workflows.definition(workflow)
            guard Self.inForce(definition, on: opensOn) else {
                throw RoundError.notInForce(definition.reference, opensOn, from: definition.validFrom, to: definition.validTo)
            }
        } else {
            // A later version of the same process supersedes the earlier one for rounds opening
            // after it; two different processes in force must be chosen between.
            // An organisation's own process (the Hội Khuyến học's awards) is never the default.
            let inForce = try await workflows.all().filter { $0.organisationKind == nil && Self.inForce($0, on: opensOn) }
            let candidates = Dictionary(grouping: inForce, by: \.id).values.compactMap { versions in
                versions.max { (Day(parsing: $0.validFrom) ?? opensOn) < (Day(parsing: $1.validFrom) ?? opensOn) }
            }
            guard let only = candidates.first else { throw RoundError.noWorkflowInForce(opensOn) }
            guard candidates.count == 1 else { throw RoundError.severalInForce(opensOn, candidates.map(\.reference).sorted()) }
            definition = only
        }
        let rows = try await client.query(
            """
            INSERT INTO rounds (province_code, name, year, basis, workflow_id, workflow_version, opens_on, closes_on)
            VALUES (\(provinceCode), \(name), \(year), \(basis), \(definition.id), \(definition.version), \(opensOn.iso)::date,
                    \(closesOn?.iso)::date)
            RETURNING id
            """,
            logger: logger
        )
        var id = 0
        for try await value in rows.decode(Int.self) { id = value }
        return Round(
            provinceCode: provinceCode,
            id: id,
            name: name,
            year: year,
            basis: try AwardBasis(stored: basis, column: "rounds.basis"),
            opensOn: opensOn.vietnamese,
            closesOn: closesOn?.vietnamese,
            workflow: definition.reference,
            workflowTitle: definition.title
        )
    }

    static func inForce(_ definition: WorkflowDefinition, on day: Day) -> Bool {
        guard let from = Day(parsing: definition.validFrom), from <= day else { return false }
        if let to = definition.validTo.flatMap({ Day(parsing: $0) }), day > to { return false }
        return true
    }

    /// The rounds of the given provinces (nil: all), newest first.
    public func rounds(provinceCodes: [String]?) async throws -> [Round] {
        try await rounds(provinceCodes: provinceCodes, id: nil)
    }

    /// One round.
    public func round(_ key: RoundKey) async throws -> Round? {
        try await rounds(provinceCodes: [key.provinceCode], id: key.id).first
    }

    private func rounds(provinceCodes: [String]?, id: Int?) async throws -> [Round] {
        let rows = try await client.query(
            """
            SELECT r.province_code, r.id, r.name, r.year, r.basis, to_char(r.opens_on, 'DD/MM/YYYY'), to_char(r.closes_on, 'DD/MM/YYYY'),
                   r.workflow_id || '@' || r.workflow_version, w.title
            FROM rounds r JOIN workflow_definitions w ON w.id = r.workflow_id AND w.version = r.workflow_version
            WHERE (\(provinceCodes == nil) OR r.province_code = ANY(\(provinceCodes ?? []))) AND (\(id)::bigint IS NULL OR r.id = \(id))
            ORDER BY r.opens_on DESC, r.id DESC
            """,
            logger: logger
        )
        var out: [Round] = []
        for try await row in rows.decode((String, Int, String, Int, String, String, String?, String, String).self) {
            out.append(
                Round(
                    provinceCode: row.0,
                    id: row.1,
                    name: row.2,
                    year: row.3,
                    basis: try AwardBasis(stored: row.4, column: "rounds.basis"),
                    opensOn: row.5,
                    closesOn: row.6,
                    workflow: row.7,
                    workflowTitle: row.8
                )
            )
        }
        return out
    }
}
