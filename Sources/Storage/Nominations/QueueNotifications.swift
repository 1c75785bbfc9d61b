import Logging
import PostgresNIO

/// Queue events (`NOTIFY nominations, 'province:id:state'`), sent once the transitions they tell
/// of have committed, in a transaction of their own that does not wait for the disk.
///
/// Why not inside the transition: PostgreSQL serialises every transaction that has notified
/// under one database-wide lock from the start of its commit to its end (so that notifications
/// are queued in commit order), and that span includes the WAL flush. On a durable cluster the
/// transitions then flushed one at a time — no group commit — and stopped near 600 a second
/// whatever the load (issue "Proof"). Sent here, the lock is held for a commit that only writes
/// its record and returns (`synchronous_commit` off for this transaction alone).
///
/// The events stay what they were: a hint to open queues to refresh, sent after the data is
/// visible. A crash between the transition's commit and this send loses the hint, never data;
/// a listener that was away misses hints either way and reloads its page.
public enum QueueNotifications {
    public static let channel = "nominations"

    /// `province:id:state`, what listeners parse.
    public static func payload(provinceCode: String, id: Int, state: String) -> String {
        provinceCode + ":" + String(id) + ":" + state
    }

    struct Send: PostgresPreparedStatement {
        static let name = "thidua_queue_notify"
        static let sql = """
            SELECT set_config('synchronous_commit', 'off', true), count(pg_notify('\(QueueNotifications.channel)', p))::int
            FROM unnest($1::text[]) AS p
            """
        typealias Row = (String, Int)
        static let bindingDataTypes: [PostgresDataType] = [.textArray]
        let payloads: [String]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(payloads)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Sends the events on a connection outside any transaction. A failure is logged, not thrown:
    /// the transitions are committed and answered whatever becomes of their hints.
    public static func send(_ payloads: [String], on connection: PostgresConnection, logger: Logger) async {
        guard !payloads.isEmpty else { return }
        do {
            // One statement per 10,000 events keeps a decision of many awardees' array bounded.
            for start in stride(from: 0, to: payloads.count, by: 10_000) {
                let batch = Array(payloads[start..<min(start + 10_000, payloads.count)])
                for try await _ in try await connection.execute(Send(payloads: batch), logger: logger) {}
            }
        } catch {
            logger.warning("queue events not sent", metadata: ["events": "\(payloads.count)", "error": "\(String(reflecting: error))"])
        }
    }

    /// The same, on a connection of the pool.
    public static func send(_ payloads: [String], client: PostgresClient, logger: Logger) async {
        guard !payloads.isEmpty else { return }
        do {
            try await client.withConnection { connection in await send(payloads, on: connection, logger: logger) }
        } catch {
            logger.warning("queue events not sent", metadata: ["events": "\(payloads.count)", "error": "\(String(reflecting: error))"])
        }
    }
}
