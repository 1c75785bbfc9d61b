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
            try await DataFileRows.store(
                items,
                on: connection,
                logger: logger,
                chain: "decision-texts",
                action: "load_decision_texts",
                upsert: { texts, json, checksum in
                    """
                    INSERT INTO decision_texts (province_code, texts, checksum) VALUES (\(texts.province), \(json)::jsonb, \(checksum))
                    ON CONFLICT (province_code) DO UPDATE SET texts = EXCLUDED.texts, checksum = EXCLUDED.checksum, loaded_at = now()
                    WHERE decision_texts.checksum <> EXCLUDED.checksum
                    RETURNING 1
                    """
                },
                audit: { texts, checksum in (texts.province == "*" ? "00" : texts.province, ["province": texts.province, "checksum": checksum]) }
            )
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
