import Crypto
import Foundation
import Logging
import PostgresNIO

/// Server-side sessions. The cookie carries 32 random bytes; the table keeps only their SHA-256.
public struct SessionStore: Sendable {
    public let client: PostgresClient
    public let lifetime: Duration
    public let logger: Logger

    public init(client: PostgresClient, lifetime: Duration = .seconds(12 * 3600), logger: Logger) {
        self.client = client
        self.lifetime = lifetime
        self.logger = logger
    }

    /// Starts a session and returns the token to put in the cookie.
    public func create(userID: Int) async throws -> String {
        let token = Self.randomToken()
        let seconds = Int(lifetime.components.seconds)
        try await client.query(
            """
            INSERT INTO sessions (token_hash, user_id, expires_at)
            VALUES (\(Self.digest(token)), \(userID), now() + make_interval(secs => \(seconds)))
            """,
            logger: logger
        )
        // Expired sessions are cleared as new ones start: no separate job to forget.
        try await client.query("DELETE FROM sessions WHERE expires_at < now()", logger: logger)
        return token
    }

    /// The user id of a live session, refreshing its last use.
    public func userID(token: String) async throws -> Int? {
        guard token.count == 43 else { return nil }
        let rows = try await client.query(
            """
            UPDATE sessions SET last_seen_at = now()
            WHERE token_hash = \(Self.digest(token)) AND expires_at > now()
            RETURNING user_id
            """,
            logger: logger
        )
        for try await id in rows.decode(Int.self) { return id }
        return nil
    }

    public func delete(token: String) async throws {
        try await client.query("DELETE FROM sessions WHERE token_hash = \(Self.digest(token))", logger: logger)
    }

    /// Ends every session of a user (after a password change).
    public func deleteAll(userID: Int, except token: String? = nil) async throws {
        let keep = token.map(Self.digest) ?? ByteBuffer()
        try await client.query(
            "DELETE FROM sessions WHERE user_id = \(userID) AND token_hash <> \(keep)",
            logger: logger
        )
    }

    /// 32 random bytes, base64url without padding (43 characters).
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> ByteBuffer {
        ByteBuffer(bytes: SHA256.hash(data: Data(token.utf8)))
    }
}
