import Crypto
import Foundation
import Logging
import PostgresNIO

/// Citizens' own accounts, made from a "Công dân học tập" registration: commune staff hand the
/// citizen a one-time invitation code (on paper or as a link); the citizen chooses a user name and
/// a password with it, and from then on signs in to update their own self-assessment. The account
/// is bound to the citizen's identity key in the province and holds no role.
public struct CitizenAccounts: Sendable {
    public let client: PostgresClient
    public let hasher: PasswordHasher
    public let logger: Logger

    /// How long an invitation stays usable.
    public static let invitationDays = 14
    /// Unambiguous on paper and read aloud: no 0/O, 1/I/L.
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    static let codeLength = 12

    public init(client: PostgresClient, hasher: PasswordHasher, logger: Logger) {
        self.client = client
        self.hasher = hasher
        self.logger = logger
    }

    public struct Invitation: Sendable, Equatable {
        /// As printed: four groups of three ("ABC-DEF-GHJ-KMN").
        public let code: String
        /// dd/MM/yyyy, the last day it may be used.
        public let expiresOn: String
    }

    public enum CitizenAccountError: Error, Equatable, CustomStringConvertible {
        case notFound
        case notCitizenTitle
        /// Wrong, used, revoked or expired — never said which, so a guess learns nothing.
        case invitationInvalid

        public var description: String {
            switch self {
            case .notFound: "Không tìm thấy đăng ký."
            case .notCitizenTitle: "Chỉ đăng ký danh hiệu \"Công dân học tập\" mới mời công dân tự đánh giá bằng tài khoản riêng."
            case .invitationInvalid:
                "Mã mời không đúng, đã được dùng hoặc đã hết hạn. Xin liên hệ cán bộ xã, phường để nhận mã mới."
            }
        }
    }

    /// A fresh invitation for a citizen's registration; those still open for it are revoked. For a
    /// citizen who already has an account it sets a new password on that account (a forgotten
    /// password is handled by the commune, which knows the citizen, not by e-mail).
    public func invite(_ key: RegistrationKey, by userID: Int?) async throws -> Invitation {
        let (provinceCode, id) = (key.provinceCode, key.id)
        let logger = logger
        var code = ""
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<Self.codeLength { code.append(Self.alphabet[Int(generator.next(upperBound: UInt32(Self.alphabet.count)))]) }
        let digest = Self.digest(code)
        let expiresOn = try await client.transaction(logger: logger) { connection -> String in
            let rows = try await connection.query(
                """
                SELECT cs.subject, r.subject_key FROM registrations r
                JOIN LATERAL (SELECT subject FROM criteria_sets WHERE id = r.set_id ORDER BY version DESC LIMIT 1) cs ON true
                WHERE r.province_code = \(provinceCode) AND r.id = \(id) FOR UPDATE OF r
                """,
                logger: logger
            )
            var found: (String, String)?
            for try await row in rows.decode((String, String).self) { found = row }
            guard let (subject, subjectKey) = found else { throw CitizenAccountError.notFound }
            guard subject == "citizen" else { throw CitizenAccountError.notCitizenTitle }
            _ = subjectKey
            try await connection.query(
                """
                UPDATE citizen_invitations SET revoked_at = now()
                WHERE province_code = \(provinceCode) AND registration_id = \(id) AND used_at IS NULL AND revoked_at IS NULL
                """,
                logger: logger
            )
            let inserted = try await connection.query(
                """
                INSERT INTO citizen_invitations (province_code, registration_id, code_sha256, created_by, expires_at)
                VALUES (\(provinceCode), \(id), \(digest), \(userID),
                        (date_trunc('day', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') + make_interval(days => \(Self.invitationDays + 1)::int))
                            AT TIME ZONE 'Asia/Ho_Chi_Minh')
                RETURNING to_char((expires_at AT TIME ZONE 'Asia/Ho_Chi_Minh') - interval '1 second', 'DD/MM/YYYY')
                """,
                logger: logger
            )
            for try await day in inserted.decode(String.self) { return day }
            throw CitizenAccountError.notFound
        }
        return Invitation(code: Self.printed(code), expiresOn: expiresOn)
    }

    /// What an invitation did: made the account, or set a new password on the one the citizen had.
    public struct Claimed: Sendable, Equatable {
        public let userID: Int
        public let username: String
        public let passwordReset: Bool
    }

    /// The citizen's account, made with an open invitation: the user name and password they
    /// chose, their name as registered — or, for a citizen who has an account, a new password on
    /// it (the user name typed is then ignored, their sessions end). The invitation is used up in
    /// the same transaction.
    @discardableResult
    public func claim(code: String, username typed: String, password: String) async throws -> Claimed {
        let username = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard password.count >= AccountRepository.minimumPasswordLength else { throw AccountError.weakPassword }
        let normalized = Self.normalized(code)
        guard normalized.count == Self.codeLength else { throw CitizenAccountError.invitationInvalid }
        let digest = Self.digest(normalized)
        let hash = try await hasher.hash(password)
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT i.province_code, i.id, r.subject_key, r.subject_name FROM citizen_invitations i
                JOIN registrations r ON r.province_code = i.province_code AND r.id = i.registration_id
                WHERE i.code_sha256 = \(digest) AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
                FOR UPDATE OF i
                """,
                logger: logger
            )
            var found: (String, Int, String, String)?
            for try await row in rows.decode((String, Int, String, String).self) { found = row }
            guard let (province, invitation, subjectKey, name) = found else { throw CitizenAccountError.invitationInvalid }
            var claimed: Claimed?
            let existing = try await connection.query(
                "SELECT id, username FROM users WHERE citizen_province = \(province) AND citizen_key = \(subjectKey) FOR UPDATE",
                logger: logger
            )
            for try await (id, current) in existing.decode((Int, String).self) {
                claimed = Claimed(userID: id, username: current, passwordReset: true)
            }
            if let reset = claimed {
                try await connection.query(
                    "UPDATE users SET password_hash = \(hash), password_changed_at = now() WHERE id = \(reset.userID)",
                    logger: logger
                )
                try await connection.query("DELETE FROM sessions WHERE user_id = \(reset.userID)", logger: logger)
            } else {
                try AccountRepository.requireValidUsername(username)
                let taken = try await connection.query("SELECT 1 FROM users WHERE username = \(username)", logger: logger)
                for try await _ in taken { throw AccountError.usernameTaken(username) }
                let inserted = try await connection.query(
                    """
                    INSERT INTO users (username, full_name, password_hash, citizen_province, citizen_key)
                    VALUES (\(username), \(name), \(hash), \(province), \(subjectKey)) RETURNING id
                    """,
                    logger: logger
                )
                for try await id in inserted.decode(Int.self) { claimed = Claimed(userID: id, username: username, passwordReset: false) }
            }
            guard let claimed else { throw CitizenAccountError.invitationInvalid }
            try await connection.query(
                "UPDATE citizen_invitations SET used_at = now(), used_by = \(claimed.userID) WHERE province_code = \(province) AND id = \(invitation)",
                logger: logger
            )
            return claimed
        }
    }

    /// The user name of the citizen's account, if they have one.
    public func username(provinceCode: String, subjectKey: String) async throws -> String? {
        let rows = try await client.query(
            "SELECT username FROM users WHERE citizen_province = \(provinceCode) AND citizen_key = \(subjectKey)",
            logger: logger
        )
        for try await name in rows.decode(String.self) { return name }
        return nil
    }

    /// The code as typed: case, spaces and dashes ignored.
    static func normalized(_ code: String) -> String {
        String(
            code.uppercased().compactMap { character -> Character? in
                switch character {
                case "-", " ", "\t", ".": nil
                default: character
                }
            }.prefix(64)
        )
    }

    static func printed(_ code: String) -> String {
        stride(from: 0, to: code.count, by: 3).map { start in
            String(code.dropFirst(start).prefix(3))
        }.joined(separator: "-")
    }

    static func digest(_ code: String) -> ByteBuffer { ByteBuffer(bytes: Array(SHA256.hash(data: Array(code.utf8)))) }
}
