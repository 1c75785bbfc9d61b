import Foundation
import Logging
import PostgresNIO
import Workflow

/// Nominations put up for public comment (a workflow step with a posting period) and the comments
/// received, which are kept on the nomination for the council and the audit trail.
public struct PublicConsultation: Sendable {
    public let client: PostgresClient
    public let workflows: WorkflowRepository
    public let logger: Logger

    public init(client: PostgresClient, workflows: WorkflowRepository, logger: Logger) {
        self.client = client
        self.workflows = workflows
        self.logger = logger
    }

    public struct Posting: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let unitName: String
        public let award: String
        /// dd/MM/yyyy: the last day of the posting period.
        public let until: String
    }

    public enum CommentError: Error, Equatable, CustomStringConvertible {
        case notPosted
        case tooShort

        public var description: String {
            switch self {
            case .notPosted: "Đối tượng này không còn trong danh sách lấy ý kiến."
            case .tooShort: "Ghi rõ họ tên, địa chỉ (từ 3 đến 200 ký tự) và nội dung ý kiến (từ 10 đến 4.000 ký tự)."
            }
        }
    }

    /// What is posted now in a province, by name in Vietnamese order.
    public func postings(provinceCode: String) async throws -> [Posting] {
        var postingSteps: [(workflow: String, version: String, state: String, days: Int, awards: [String: String])] = []
        for definition in try await workflows.all() {
            let titles = Dictionary(uniqueKeysWithValues: definition.awards.map { ($0.id, $0.title) })
            for state in definition.states {
                if let days = state.postingDays { postingSteps.append((definition.id, definition.version, state.id, days, titles)) }
            }
        }
        var postings: [Posting] = []
        for step in postingSteps {
            let rows = try await client.query(
                """
                SELECT n.id, n.nominee_name, u.name, n.award, to_char((n.state_since + make_interval(days => \(step.days)::int))::date, 'DD/MM/YYYY')
                FROM nominations n JOIN admin_units u ON u.id = n.unit_id
                WHERE n.province_code = \(provinceCode) AND n.is_open AND n.workflow_id = \(step.workflow)
                  AND n.workflow_version = \(step.version) AND n.state = \(step.state)
                ORDER BY n.nominee_name, n.id
                """,
                logger: logger
            )
            for try await (id, name, unit, award, until) in rows.decode((Int, String, String, String, String).self) {
                postings.append(Posting(id: id, name: name, unitName: unit, award: step.awards[award] ?? award, until: until))
            }
        }
        return postings
    }

    /// Records a comment on a nomination that is posted now; audited on the nomination's chain.
    public func comment(on key: NominationKey, author: String, text: String) async throws {
        let (provinceCode, nominationID) = (key.provinceCode, key.id)
        let author = author.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        // Upper bounds in code points, as the database counts (one emoji can be several).
        guard author.count >= 3, text.count >= 10, author.unicodeScalars.count <= 200, text.unicodeScalars.count <= 4000 else {
            throw CommentError.tooShort
        }
        guard try await postings(provinceCode: provinceCode).contains(where: { $0.id == nominationID }) else { throw CommentError.notPosted }
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            guard try await NominationStore.load(connection, logger: logger, provinceCode: provinceCode, id: nominationID, lock: true) != nil else {
                throw CommentError.notPosted
            }
            try await connection.query(
                """
                INSERT INTO nomination_public_comments (province_code, nomination_id, author, comment)
                VALUES (\(provinceCode), \(nominationID), \(author), \(text))
                """,
                logger: logger
            )
            try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: "nomination:\(nominationID)",
                actorID: nil,
                action: "public_comment",
                payload: NominationStore.json(["author": author, "comment": text])
            )
        }
    }

    /// The comments received on a nomination, oldest first.
    public func comments(on key: NominationKey) async throws -> [(author: String, text: String, receivedAt: String)] {
        let (provinceCode, nominationID) = (key.provinceCode, key.id)
        let rows = try await client.query(
            """
            SELECT author, comment, to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI') FROM nomination_public_comments
            WHERE province_code = \(provinceCode) AND nomination_id = \(nominationID) ORDER BY id
            """,
            logger: logger
        )
        var out: [(String, String, String)] = []
        for try await row in rows.decode((String, String, String).self) { out.append(row) }
        return out.map { (author: $0.0, text: $0.1, receivedAt: $0.2) }
    }
}
