import Logging
import PostgresNIO

/// Slows down password guessing: after `freeFailures` failed logins for a user name or an address,
/// each further attempt must wait twice as long as the last (capped), whether it succeeds or not.
public struct LoginThrottle: Sendable {
    public let client: PostgresClient
    public let freeFailures: Int
    public let baseDelaySeconds: Int
    public let maximumDelaySeconds: Int
    public let logger: Logger

    public init(client: PostgresClient, freeFailures: Int = 5, baseDelaySeconds: Int = 2, maximumDelaySeconds: Int = 900, logger: Logger) {
        self.client = client
        self.freeFailures = freeFailures
        self.baseDelaySeconds = baseDelaySeconds
        self.maximumDelaySeconds = maximumDelaySeconds
        self.logger = logger
    }

    /// Seconds to wait before another attempt for any of `keys`, or nil when one may try now.
    public func retryAfter(keys: [String]) async throws -> Int? {
        let rows = try await client.query(
            """
            SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int
            FROM login_throttle WHERE key = ANY(\(keys)) AND blocked_until > now()
            """,
            logger: logger
        )
        for try await seconds in rows.decode(Int?.self) { return seconds }
        return nil
    }

    public func recordFailure(keys: [String]) async throws {
        for key in keys {
            try await client.query(
                """
                INSERT INTO login_throttle AS t (key, failures, last_failure) VALUES (\(key), 1, now())
                ON CONFLICT (key) DO UPDATE SET
                    failures = t.failures + 1,
                    last_failure = now(),
                    blocked_until = CASE WHEN t.failures + 1 > \(freeFailures)
                        THEN now() + make_interval(secs => least(\(maximumDelaySeconds),
                             \(baseDelaySeconds) * power(2, least(t.failures + 1 - \(freeFailures) - 1, 20))))
                        ELSE NULL END
                """,
                logger: logger
            )
        }
    }

    public func reset(keys: [String]) async throws {
        try await client.query("DELETE FROM login_throttle WHERE key = ANY(\(keys))", logger: logger)
    }
}
