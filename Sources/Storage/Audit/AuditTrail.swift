import Logging
import PostgresNIO

/// The append-only audit trail: one hash chain per nomination (so unrelated transitions never
/// wait on each other), each record's SHA-256 covering the previous record and its own content.
/// Hashes are computed by PostgreSQL from the stored columns (`audit_record_hash`, migration 007),
/// so appending and verifying use one canonical form: the fields on separate lines, time in UTC
/// to the microsecond.
public enum AuditTrail {
    /// Appends a record to `chain` inside the caller's transaction (which must hold the lock that
    /// serialises the chain: the nomination's row). Returns its sequence number.
    @discardableResult
    public static func append(
        _ connection: PostgresConnection,
        logger: Logger,
        provinceCode: String,
        chain: String,
        actorID: Int?,
        action: String,
        payload: String
    ) async throws -> Int {
        let rows = try await connection.query(
            "SELECT audit_append(\(provinceCode), \(chain), \(actorID), \(action), \(payload))",
            logger: logger
        )
        for try await seq in rows.decode(Int.self) { return seq }
        return 0
    }

    /// What `verify` found wrong, naming the record.
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public let provinceCode: String
        public let chain: String
        public let seq: Int
        public let problem: String

        public var description: String { "Bản ghi nhật ký \(provinceCode)/\(chain)#\(seq): \(problem)" }
    }

    /// Recomputes every chain and checks the last anchor of each province; returns the first break
    /// found, or nil when the trail is intact. Set-based: one pass over the table.
    public static func verify(client: PostgresClient, logger: Logger) async throws -> (records: Int, firstBreak: Break?) {
        let counted = try await client.query("SELECT count(*)::int FROM audit_records", logger: logger)
        var records = 0
        for try await n in counted.decode(Int.self) { records = n }
        let broken = try await client.query(
            """
            SELECT province_code, chain, seq,
                   CASE WHEN seq <> coalesce(previous_seq, 0) + 1 THEN 'thiếu bản ghi trước đó trong chuỗi (bị xóa)'
                        WHEN prev_hash <> coalesce(previous_hash, decode(repeat('00', 32), 'hex')) THEN 'không nối đúng với bản ghi trước'
                        ELSE 'nội dung đã bị sửa (mã băm không khớp)' END
            FROM (
                SELECT *, audit_record_hash(prev_hash, province_code, chain, seq, at, actor_id, action, payload) AS recomputed,
                       lag(seq) OVER chain_order AS previous_seq, lag(hash) OVER chain_order AS previous_hash
                FROM audit_records
                WINDOW chain_order AS (PARTITION BY province_code, chain ORDER BY seq)
            ) r
            WHERE recomputed <> hash OR seq <> coalesce(previous_seq, 0) + 1
               OR prev_hash <> coalesce(previous_hash, decode(repeat('00', 32), 'hex'))
            ORDER BY province_code, chain, seq
            LIMIT 1
            """,
            logger: logger
        )
        for try await (province, chain, seq, problem) in broken.decode((String, String, Int, String).self) {
            return (records, Break(provinceCode: province, chain: chain, seq: seq, problem: problem))
        }
        // The newest anchor of each province: its digest, and every head it recorded still there.
        let anchors = try await client.query(
            """
            WITH latest AS (
                SELECT DISTINCT ON (province_code) province_code, heads, digest FROM audit_anchors ORDER BY province_code, id DESC
            )
            SELECT l.province_code, h.key, (h.value->>0)::int,
                   CASE WHEN sha256(convert_to(l.heads::text, 'UTF8')) <> l.digest THEN 'mốc neo đã bị sửa'
                        ELSE 'bản ghi đã được neo không còn hoặc đã bị thay (cắt đuôi chuỗi)' END
            FROM latest l CROSS JOIN LATERAL jsonb_each(l.heads) h
            WHERE sha256(convert_to(l.heads::text, 'UTF8')) <> l.digest
               OR NOT EXISTS (
                   SELECT 1 FROM audit_records a WHERE a.province_code = l.province_code AND a.chain = h.key
                   AND a.seq = (h.value->>0)::int AND encode(a.hash, 'hex') = h.value->>1)
            ORDER BY 1, 2 LIMIT 1
            """,
            logger: logger
        )
        for try await (province, chain, seq, problem) in anchors.decode((String, String, Int, String).self) {
            return (records, Break(provinceCode: province, chain: chain, seq: seq, problem: problem))
        }
        return (records, nil)
    }

    /// Records the head of every chain of every province (run daily): the anchor `verify` checks.
    @discardableResult
    public static func anchor(client: PostgresClient, logger: Logger) async throws -> Int {
        let rows = try await client.query(
            """
            WITH heads AS (
                SELECT DISTINCT ON (province_code, chain) province_code, chain, seq, hash FROM audit_records
                ORDER BY province_code, chain, seq DESC
            ), grouped AS (
                SELECT province_code, jsonb_object_agg(chain, jsonb_build_array(seq, encode(hash, 'hex'))) AS heads FROM heads GROUP BY province_code
            ), inserted AS (
                INSERT INTO audit_anchors (province_code, heads, digest)
                SELECT province_code, heads, sha256(convert_to(heads::text, 'UTF8')) FROM grouped
                RETURNING 1
            )
            SELECT count(*)::int FROM inserted
            """,
            logger: logger
        )
        for try await n in rows.decode(Int.self) { return n }
        return 0
    }
}
