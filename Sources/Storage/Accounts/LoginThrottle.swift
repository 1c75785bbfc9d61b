import Logging
import PostgresNIO

/// Slows down password guessing without locking people out. Each key (a user name from one
/// address, an address) is a leaky counter: an attempt adds one, time takes one away every
/// `decaySeconds`. An attempt is admitted — the password is checked at all — only while every
/// key's count, this attempt included, is within its free attempts; counting and deciding are
/// one statement, so forty parallel guesses are forty increments and only the free ones are tried.
/// A user is never blocked by name alone: someone guessing from another address slows only
/// themselves, and the real user, from their own address, still signs in.
public struct LoginThrottle: Sendable {
    /// One counter and its allowance.
    public struct Rule: Sendable {
        public let key: String
        public let freeAttempts: Int
        public let decaySeconds: Double

        public init(key: String, freeAttempts: Int, decaySeconds: Double) {
            self.key = key
            self.freeAttempts = freeAttempts
            self.decaySeconds = decaySeconds
        }
    }

    public let client: PostgresClient
    /// The longest anyone waits: counts stop rising once they would block for longer.
    public let maximumWaitSeconds: Double
    public let logger: Logger

    public init(client: PostgresClient, maximumWaitSeconds: Double = 900, logger: Logger) {
        self.client = client
        self.maximumWaitSeconds = maximumWaitSeconds
        self.logger = logger
    }

    /// Counts one attempt against every rule; nil when the attempt may go on to the password
    /// check, else the seconds until it may. Time runs forward only: `now()` is when each
    /// transaction began, so an attempt that began before the one it waited for would otherwise
    /// see negative time and count a hair more than one (found by the parallel-guesses test: the
    /// fifth free attempt refused).
    public func admit(_ rules: [Rule]) async throws -> Int? {
        let keys = rules.map(\.key)
        let decays = rules.map(\.decaySeconds)
        let caps = rules.map { Double($0.freeAttempts) + maximumWaitSeconds / $0.decaySeconds }
        let rows = try await client.query(
            """
            INSERT INTO login_throttle AS t (key, score, decay_seconds, updated_at)
            SELECT k, 1, d, now() FROM unnest(\(keys)::text[], \(decays)::float8[]) AS u(k, d)
            ON CONFLICT (key) DO UPDATE SET
                score = least(
                    greatest(0, t.score - greatest(0, extract(epoch FROM now() - t.updated_at)) / excluded.decay_seconds) + 1,
                    (\(caps)::float8[])[array_position(\(keys)::text[], t.key)]),
                decay_seconds = excluded.decay_seconds,
                updated_at = greatest(now(), t.updated_at)
            RETURNING key, score
            """,
            logger: logger
        )
        var wait = 0.0
        for try await (key, score) in rows.decode((String, Double).self) {
            guard let rule = rules.first(where: { $0.key == key }) else { continue }
            let over = score - Double(rule.freeAttempts)
            if over > 0 { wait = max(wait, over * rule.decaySeconds) }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    /// A successful sign-in: the attempt is taken back from every key, and the keys in
    /// `forgetting` (the user from this address) start afresh.
    public func succeeded(_ rules: [Rule], forgetting: [String]) async throws {
        try await client.query(
            """
            WITH forgotten AS (DELETE FROM login_throttle WHERE key = ANY(\(forgetting)))
            UPDATE login_throttle SET score = greatest(0, score - 1)
            WHERE key = ANY(\(rules.map(\.key))) AND NOT key = ANY(\(forgetting))
            """,
            logger: logger
        )
    }
}
