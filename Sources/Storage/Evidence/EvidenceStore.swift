import Crypto
import Foundation
import Logging
import PostgresNIO

/// Evidence files of assessments: checked by content and size, stored once by SHA-256.
public struct EvidenceStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public enum EvidenceError: Error, Equatable, CustomStringConvertible {
        case empty
        case tooLarge(Int)
        case unsupportedType(String)
        case unknownIndicator(String)
        case assessmentNotFound

        public var description: String {
            switch self {
            case .empty: "Tệp trống."
            case .tooLarge(let size): "Tệp \(size / 1_048_576) MB vượt quá giới hạn \(FileKind.maximumSize / 1_048_576) MB."
            case .unsupportedType(let name): "Tệp \"\(name)\" không phải PDF, ảnh JPEG/PNG, DOCX hoặc XLSX (kiểm tra theo nội dung tệp)."
            case .unknownIndicator(let id): "Bộ tiêu chí không có chỉ số \(id)."
            case .assessmentNotFound: "Không tìm thấy kết quả đánh giá."
            }
        }
    }

    public struct Attachment: Sendable, Equatable {
        public let indicatorID: String
        public let sha256: String
        public let fileName: String
        public let mediaType: String
        public let size: Int
    }

    /// Attaches a file to one indicator of an assessment; the same content is stored only once.
    @discardableResult
    public func attach(
        _ bytes: [UInt8],
        fileName: String,
        to key: AssessmentKey,
        indicatorID: String,
        indicators: Set<String>,
        uploadedBy: Int?
    ) async throws -> Attachment {
        let (provinceCode, assessmentID) = (key.provinceCode, key.id)
        let (kind, digest) = try Self.check(bytes, fileName: fileName)
        guard indicators.contains(indicatorID) else { throw EvidenceError.unknownIndicator(indicatorID) }
        let name = Self.safeName(fileName, kind: kind)
        let logger = logger
        try await client.transaction(logger: logger) { connection in
            let found = try await connection.query(
                "SELECT 1 FROM assessments WHERE province_code = \(provinceCode) AND id = \(assessmentID)",
                logger: logger
            )
            var exists = false
            for try await _ in found { exists = true }
            guard exists else { throw EvidenceError.assessmentNotFound }
            try await Self.storeContent(connection, logger: logger, bytes: bytes, digest: digest, kind: kind)
            try await connection.query(
                """
                INSERT INTO assessment_evidence (province_code, assessment_id, indicator_id, sha256, file_name, uploaded_by)
                VALUES (\(provinceCode), \(assessmentID), \(indicatorID), \(ByteBuffer(bytes: digest)), \(name), \(uploadedBy))
                ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
        }
        return Attachment(
            indicatorID: indicatorID,
            sha256: digest.map { String(format: "%02x", $0) }.joined(),
            fileName: name,
            mediaType: kind.rawValue,
            size: bytes.count
        )
    }

    /// What is wrong with a file before it is stored (in Vietnamese), or nil when it is acceptable.
    public static func problem(with bytes: [UInt8], fileName: String) -> String? {
        switch Result(catching: { () throws(EvidenceError) in try check(bytes, fileName: fileName) }) {
        case .success: nil
        case .failure(let error): error.description
        }
    }

    /// Checks a file (size, kind by content) and returns its kind and SHA-256.
    static func check(_ bytes: [UInt8], fileName: String) throws(EvidenceError) -> (FileKind, [UInt8]) {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= FileKind.maximumSize else { throw .tooLarge(bytes.count) }
        guard let kind = FileKind.detect(bytes) else { throw .unsupportedType(fileName) }
        return (kind, Array(SHA256.hash(data: bytes)))
    }

    /// Stores a file's content once, whatever refers to it.
    static func storeContent(_ connection: PostgresConnection, logger: Logger, bytes: [UInt8], digest: [UInt8], kind: FileKind) async throws {
        try await connection.query(
            """
            INSERT INTO evidence_files (sha256, media_type, size, content)
            VALUES (\(ByteBuffer(bytes: digest)), \(kind.rawValue), \(bytes.count), \(ByteBuffer(bytes: bytes)))
            ON CONFLICT (sha256) DO NOTHING
            """,
            logger: logger
        )
    }

    /// The evidence of an assessment, by indicator.
    public func attachments(of key: AssessmentKey) async throws -> [Attachment] {
        let (provinceCode, assessmentID) = (key.provinceCode, key.id)
        let rows = try await client.query(
            """
            SELECT e.indicator_id, encode(e.sha256, 'hex'), e.file_name, f.media_type, f.size
            FROM assessment_evidence e JOIN evidence_files f ON f.sha256 = e.sha256
            WHERE e.province_code = \(provinceCode) AND e.assessment_id = \(assessmentID)
            ORDER BY e.indicator_id, e.uploaded_at
            """,
            logger: logger
        )
        var out: [Attachment] = []
        for try await (indicator, hash, name, type, size) in rows.decode((String, String, String, String, Int).self) {
            out.append(Attachment(indicatorID: indicator, sha256: hash, fileName: name, mediaType: type, size: size))
        }
        return out
    }

    /// A stored file, if it is attached to that assessment (the check that keeps one commune's
    /// evidence from another's readers).
    public func file(sha256 hex: String, provinceCode: String, assessmentID: Int) async throws -> (name: String, type: String, content: [UInt8])? {
        let rows = try await client.query(
            """
            SELECT e.file_name, f.media_type, f.content
            FROM assessment_evidence e JOIN evidence_files f ON f.sha256 = e.sha256
            WHERE e.province_code = \(provinceCode) AND e.assessment_id = \(assessmentID) AND e.sha256 = decode(\(hex), 'hex')
            LIMIT 1
            """,
            logger: logger
        )
        for try await (name, type, content) in rows.decode((String, String, ByteBuffer).self) {
            return (name, type, Array(buffer: content))
        }
        return nil
    }

    /// A file name safe to store and to send back in a header: no path, no control characters,
    /// the extension of what the content really is.
    static func safeName(_ name: String, kind: FileKind) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "tep"
        var cleaned = String(base.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0.value != 0x7F }.map(Character.init))
        if let dot = cleaned.lastIndex(of: ".") { cleaned = String(cleaned[..<dot]) }
        // Cut in code points, as the schema counts them (a character can hold hundreds of marks).
        cleaned = String(String.UnicodeScalarView(cleaned.unicodeScalars.prefix(200))).trimmingCharacters(in: .whitespaces)
        return (cleaned.isEmpty ? "minh-chung" : cleaned) + "." + kind.fileExtension
    }
}
