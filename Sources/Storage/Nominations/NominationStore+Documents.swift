import Foundation
import PostgresNIO

extension NominationStore {
    public struct Document: Sendable, Equatable, Codable {
        public let kind: String
        public let sha256: String
        public let fileName: String
        public let mediaType: String
        public let size: Int
        /// dd/MM/yyyy HH:mm, Vietnam time.
        public let uploadedAt: String
        /// When a later file took its place (dd/MM/yyyy HH:mm), or nil for a current document.
        public var replacedAt: String? = nil
    }

    /// The dossier documents of a nomination, oldest first.
    public func documents(of key: NominationKey) async throws -> [Document] {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let rows = try await client.query(
            """
            SELECT d.kind, encode(d.sha256, 'hex'), d.file_name, f.media_type, f.size,
                   to_char(d.uploaded_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI'),
                   to_char(d.replaced_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')
            FROM nomination_documents d JOIN evidence_files f ON f.sha256 = d.sha256
            WHERE d.province_code = \(provinceCode) AND d.nomination_id = \(id)
            ORDER BY d.replaced_at IS NOT NULL, d.uploaded_at, d.kind
            """,
            logger: logger
        )
        var out: [Document] = []
        for try await (kind, hash, name, type, size, at, replaced) in rows.decode((String, String, String, String, Int, String, String?).self) {
            out.append(Document(kind: kind, sha256: hash, fileName: name, mediaType: type, size: size, uploadedAt: at, replacedAt: replaced))
        }
        return out
    }

    /// A document's content, if it is attached to that nomination.
    public func documentFile(of key: NominationKey, sha256 hex: String) async throws -> (name: String, type: String, content: [UInt8])? {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let rows = try await client.query(
            """
            SELECT d.file_name, f.media_type, f.content
            FROM nomination_documents d JOIN evidence_files f ON f.sha256 = d.sha256
            WHERE d.province_code = \(provinceCode) AND d.nomination_id = \(id) AND d.sha256 = decode(\(hex), 'hex')
            LIMIT 1
            """,
            logger: logger
        )
        for try await (name, type, content) in rows.decode((String, String, ByteBuffer).self) { return (name, type, Array(buffer: content)) }
        return nil
    }

    /// Who did what and when, with comments, for the timeline.
    public struct HistoryEntry: Sendable, Equatable {
        public let seq: Int
        public let action: String
        public let from: String?
        public let to: String
        public let comment: String?
        public let actor: String?
        /// dd/MM/yyyy HH:mm, Vietnam time.
        public let at: String
    }

    public func timeline(of key: NominationKey) async throws -> [HistoryEntry] {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let rows = try await client.query(
            """
            SELECT t.seq, t.action, t.from_state, t.to_state, t.comment, u.full_name,
                   to_char(t.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')
            FROM nomination_transitions t LEFT JOIN users u ON u.id = t.actor_id
            WHERE t.province_code = \(provinceCode) AND t.nomination_id = \(id) ORDER BY t.seq
            """,
            logger: logger
        )
        var out: [HistoryEntry] = []
        for try await (seq, action, from, to, comment, actor, at) in rows.decode((Int, String, String?, String, String?, String?, String).self) {
            out.append(HistoryEntry(seq: seq, action: action, from: from, to: to, comment: comment, actor: actor, at: at))
        }
        return out
    }

    /// The nominee's detail (position, address) and the achievement the nomination names.
    public func nomineeDetail(of key: NominationKey) async throws -> (detail: String, achievement: String) {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let rows = try await client.query(
            "SELECT nominee_detail, achievement FROM nominations WHERE province_code = \(provinceCode) AND id = \(id)",
            logger: logger
        )
        for try await row in rows.decode((String, String).self) { return row }
        return ("", "")
    }

    /// Whether the nomination lies in one of the scopes (units a person's roles are granted on).
    public func isVisible(_ key: NominationKey, scopes: [Int]) async throws -> Bool {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let rows = try await client.query(
            """
            SELECT EXISTS (SELECT 1 FROM nominations n JOIN admin_unit_scope s ON s.unit_id = n.unit_id
                           WHERE n.province_code = \(provinceCode) AND n.id = \(id) AND s.scope_id = ANY(\(scopes)))
            """,
            logger: logger
        )
        for try await visible in rows.decode(Bool.self) { return visible }
        return false
    }

    /// The nominee's learning-model recognitions (by its key), newest first.
    public func recognitions(provinceCode: String, nomineeKey: String) async throws -> [(
        assessmentID: Int, set: String, year: Int, total: Int, state: String
    )] {
        let rows = try await client.query(
            """
            SELECT a.id, c.title, a.year::int, a.total, a.state FROM assessments a
            JOIN criteria_sets c ON c.id = a.set_id AND c.version = a.set_version
            WHERE a.province_code = \(provinceCode) AND a.subject_key = \(nomineeKey) ORDER BY a.year DESC, c.title
            """,
            logger: logger
        )
        var out: [(Int, String, Int, Int, String)] = []
        for try await row in rows.decode((Int, String, Int, Int, String).self) { out.append(row) }
        return out.map { (assessmentID: $0.0, set: $0.1, year: $0.2, total: $0.3, state: $0.4) }
    }
}
