import Crypto
import Foundation
import Logging
import PostgresNIO

/// Checked data files stored as JSON rows (decision wording, certificate layouts): each file's
/// row is written unless its checksum is unchanged, and each change goes to an audit chain — on
/// the caller's transaction, so a load is all or none.
enum DataFileRows {
    static func store<Item: Encodable>(
        _ items: [(item: Item, text: String)],
        on connection: PostgresConnection,
        logger: Logger,
        chain: String,
        action: String,
        upsert: (_ item: Item, _ json: String, _ checksum: String) -> PostgresQuery,
        audit: (_ item: Item, _ checksum: String) -> (provinceCode: String, payload: [String: String])
    ) async throws -> (loaded: Int, unchanged: Int) {
        var (loaded, unchanged) = (0, 0)
        for (item, text) in items {
            let checksum = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
            let json = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
            var changed = false
            for try await _ in try await connection.query(upsert(item, json, checksum), logger: logger).decode(Int.self) { changed = true }
            guard changed else {
                unchanged += 1
                continue
            }
            loaded += 1
            let (provinceCode, payload) = audit(item, checksum)
            // A province's wording or layout may come before its units: its audit partition first.
            for try await _ in try await connection.query("SELECT province_partitions_create(\(provinceCode))", logger: logger) {}
            _ = try await AuditTrail.append(
                connection,
                logger: logger,
                provinceCode: provinceCode,
                chain: chain,
                actorID: nil,
                action: action,
                payload: NominationStore.json(payload)
            )
        }
        return (loaded, unchanged)
    }
}
