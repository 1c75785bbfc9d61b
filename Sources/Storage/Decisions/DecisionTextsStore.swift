import Crypto
import DataFiles
import Foundation
import Logging
import PostgresNIO

/// The provinces' decision wording in the database: loaded from checked files (all or none, each
/// change in the audit chain `decision-texts`), read when a draft is made.
public struct DecisionTextsStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Reads and checks every file, then stores them in one transaction; an unchanged file is
    /// skipped. Two files for one province are refused.
    public func load(files: [URL]) async throws -> (loaded: Int, unchanged: Int) {
        let items = try DataFileCatalog.load(
            files: files,
            read: { text, file throws(DataFileError) in try DecisionTextsReader.read(text, file: file) },
            reference: \.fileStem,
            kind: "văn bản quyết định"
        )
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            var loaded = 0
            var unchanged = 0
            for (texts, text) in items {
                let checksum = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
                let json = String(decoding: try JSONEncoder().encode(texts), as: UTF8.self)
                let rows = try await connection.query(
                    """
                    INSERT INTO decision_texts (province_code, texts, checksum) VALUES (\(texts.province), \(json)::jsonb, \(checksum))
                    ON CONFLICT (province_code) DO UPDATE SET texts = EXCLUDED.texts, checksum = EXCLUDED.checksum, loaded_at = now()
                    WHERE decision_texts.checksum <> EXCLUDED.checksum
                    RETURNING 1
                    """,
                    logger: logger
                )
                var changed = false
                for try await _ in rows.decode(Int.self) { changed = true }
                guard changed else {
                    unchanged += 1
                    continue
                }
                loaded += 1
                _ = try await AuditTrail.append(
                    connection,
                    logger: logger,
                    provinceCode: texts.province == "*" ? "00" : texts.province,
                    chain: "decision-texts",
                    actorID: nil,
                    action: "load_decision_texts",
                    payload: NominationStore.json(["province": texts.province, "checksum": checksum])
                )
            }
            return (loaded, unchanged)
        }
    }

    /// The wording a province's drafts start from: its own, else the loaded default, else ThiDua's.
    static func texts(for provinceCode: String, on connection: PostgresConnection, logger: Logger) async throws -> DecisionTexts {
        let rows = try await connection.query(
            """
            SELECT texts::text FROM decision_texts WHERE province_code IN (\(provinceCode), '*')
            ORDER BY province_code = '*' LIMIT 1
            """,
            logger: logger
        )
        for try await json in rows.decode(String.self) {
            return try JSONDecoder().decode(DecisionTexts.self, from: Data(json.utf8))
        }
        return .standard
    }
}
