import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's thread pool: a hash takes a quarter of a second at cost 12 and must not
/// hold one of the two cores' cooperative threads.
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash to verify against when the user does not exist, so that the answer takes as long
    /// as for a real user and does not reveal which names exist.
    static let decoyHash = Bcrypt.hash("không-có-người-dùng-này", cost: 12)
}
